"""Flow API callbacks on the wire: Standard Webhooks signing, the ``auth_url`` token, the
SSRF-guarded HTTP client and one delivery attempt with its backoff schedule (see docs/flows.md).
Flow completion and the delivery log are :mod:`kagaz.services.completion` and
:mod:`kagaz.services.callback_delivery`; the threads that run them are
:mod:`kagaz.worker.callback_sender`."""
