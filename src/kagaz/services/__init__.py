"""The service layer: what happens to a document, in one place between the edges and the parts.

The edges (:mod:`kagaz.api`'s routes, :mod:`kagaz.worker`'s pool and Celery tasks, and
:mod:`kagaz.cli`) parse and serialise; they call these modules, which decide, and which call
the parts (:mod:`kagaz.database`, :mod:`kagaz.storage`, :mod:`kagaz.fetch`, the engine in
:mod:`kagaz.pipeline`, :mod:`kagaz.callbacks`). Imports point one way: edges → services →
parts → the model (``tests/test_layers.py`` checks it).

* :mod:`~kagaz.services.errors`: what a request is refused with (each with its HTTP status).
* :mod:`~kagaz.services.credentials`: client secrets, access tokens, signed links.
"""
