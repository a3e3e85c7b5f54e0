"""Operations: structured, redacted logs with request, batch and document ids; Prometheus
metrics."""

from __future__ import annotations

from kagaz.observability.logs import bind, configure_logging, redact

__all__ = ["bind", "configure_logging", "redact"]
