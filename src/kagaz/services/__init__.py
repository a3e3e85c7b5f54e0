"""The service layer: what happens to a document, in one place between the edges and the parts.

The edges (:mod:`kagaz.api`'s routes, :mod:`kagaz.worker`'s pool and Celery task, and
:mod:`kagaz.cli`) parse and serialise; they call these modules, which decide, and which call the
parts (:mod:`kagaz.database`, :mod:`kagaz.storage`, :mod:`kagaz.fetch`, the engine in
:mod:`kagaz.pipeline`, :mod:`kagaz.callbacks`, :mod:`kagaz.matching`). Imports point one way:
edges → services → parts → the model (``tests/test_layers.py``).

* :mod:`~kagaz.services.wiring`: builds everything from the settings (database, storage,
  fetcher, keys, masking, the engine) for ``serve``, ``worker``, ``clients`` and ``extract``.
* :mod:`~kagaz.services.submission`: one submission path (URLs, uploads, Flow uploads);
  :mod:`~kagaz.services.blob_keys`: the storage key layout, written once.
* :mod:`~kagaz.services.processing`: one processing path (one attempt at one document).
* :mod:`~kagaz.services.results`: the one view of a stored result (corrections, redact links,
  Aadhaar masking), which :mod:`~kagaz.services.extracts`, :mod:`~kagaz.services.flow_requests`,
  :mod:`~kagaz.services.completion`, :mod:`~kagaz.services.console_views` and
  :mod:`~kagaz.services.review` show.
* :mod:`~kagaz.services.callback_delivery`, :mod:`~kagaz.services.images`,
  :mod:`~kagaz.services.access`, :mod:`~kagaz.services.address_match`,
  :mod:`~kagaz.services.operations`, :mod:`~kagaz.services.retention`: callbacks' log, images,
  clients and tokens, Address Match, readiness, the retention purge.
* :mod:`~kagaz.services.credentials` and :mod:`~kagaz.services.errors`: secrets, tokens and
  signed links; what a request is refused with; :mod:`~kagaz.services.sessions`: refresh
  tokens; :mod:`~kagaz.services.auth_url_check`: the Flow upload's check of ``auth_url``.
"""
