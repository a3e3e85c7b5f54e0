"""Structured logs: one JSON object per line, with the ids of the request, batch, document and
task in hand, and nothing secret in them.

Ids travel in :mod:`contextvars` (:func:`bind`), so every line logged while a request or a
document is handled carries them, whichever module logs it. Every line, kagaz's and its
libraries', passes :class:`RedactingFilter` on the way out, which masks what must never reach a
log even by mistake:

* Aadhaar numbers, checked or not, by the one rule of :func:`kagaz.text.masking.mask_aadhaar`
  (``XXXX XXXX 1234``, the masking UIDAI allows; a UUID's last group is no Aadhaar number).
* JSON Web Tokens (access tokens), kagaz client secrets (``ks_…``) and signed redact links;
* passwords in URLs (``redis://:pw@host`` → ``redis://:***@host``) and the signature,
  credential and token parameters of pre-signed URLs;
* ``secret=``, ``password: …``, ``token=`` style assignments.

>>> redact("aadhaar 2345 6789 0123 for eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
'aadhaar XXXX XXXX 0123 for [redacted-jwt]'
>>> redact("file 6f1c2b3a-1d2e-4f5a-9b8c-123456789012 via redis://:s3cret@10.0.0.5:6379/0")
'file 6f1c2b3a-1d2e-4f5a-9b8c-123456789012 via redis://:***@10.0.0.5:6379/0'
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from kagaz.text.masking import mask_aadhaar

__all__ = [
    "CONTEXT_FIELDS",
    "JsonFormatter",
    "RedactingFilter",
    "TextFormatter",
    "bind",
    "configure_logging",
    "current",
    "redact",
]

CONTEXT_FIELDS = ("request_id", "batch_id", "file_uuid", "task_id", "flow_uuid")
_VARS: dict[str, contextvars.ContextVar[str | None]] = {
    name: contextvars.ContextVar(f"kagaz_{name}", default=None) for name in CONTEXT_FIELDS
}

_PATTERNS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), "[redacted-jwt]"),
    (re.compile(r"\bks_[A-Za-z0-9_-]{16,}"), "ks_[redacted]"),
    (re.compile(r"(/v1/files/redacted/)[A-Za-z0-9_.=-]+"), r"\1[redacted]"),
    (re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@"), r"\1***@"),
    (
        re.compile(
            r"(?i)((?:X-Amz-(?:Signature|Credential|Security-Token)|Signature|AWSAccessKeyId"
            r"|X-Goog-(?:Signature|Credential)|sig)=)[^&\s\"']+"
        ),
        r"\1[redacted]",
    ),
    (
        re.compile(
            r"(?i)\b((?:client[_-]?)?secret|password|passwd|pwd|token|api[_-]?key|"
            r"access[_-]?key(?:[_-]?id)?|secret[_-]?access[_-]?key)(\"?'?\s*[:=]\s*\"?'?)"
            r"([^\s\"',}&]+)"
        ),
        r"\1\2[redacted]",
    ),
]


def redact(text: str) -> str:
    """``text`` with Aadhaar numbers, tokens and credentials masked (see the module)."""
    text = mask_aadhaar(text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def current() -> dict[str, str]:
    """The ids bound in this context."""
    return {name: value for name, var in _VARS.items() if (value := var.get()) is not None}


@contextmanager
def bind(**ids: str | None) -> Iterator[None]:
    """Bind ids (``request_id``, ``batch_id``, ``file_uuid``, ``task_id``) for the block."""
    tokens = []
    for name, value in ids.items():
        if name not in _VARS:
            raise KeyError(f"unknown log context field {name!r}")
        tokens.append((_VARS[name], _VARS[name].set(value)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


class RedactingFilter(logging.Filter):
    """Renders each record's message, masks it (:func:`redact`) and attaches the bound ids."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        for name, value in current().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", <ids>, "exc"}``, one object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exc"] = redact(record.exc_text)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain text with the bound ids appended (``[batch_id=… file_uuid=…]``)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        ids = " ".join(
            f"{n}={getattr(record, n)}" for n in CONTEXT_FIELDS if getattr(record, n, None)
        )
        return redact(f"{text} [{ids}]" if ids else text)


def configure_logging(
    fmt: Literal["json", "text"] = "json", level: str = "info", stream: Any = None
) -> logging.Handler:
    """Send every logger's lines through one redacting handler on ``stream`` (stderr)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "kombu"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    for name in ("alembic", "botocore", "boto3", "urllib3", "httpx", "httpcore", "s3transfer"):
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    return handler
