"""Errors kagaz raises, each with a stable upper-snake ``code`` and a human message.

The hierarchy::

    KagazError
    ├── InputError                     INPUT_ERROR         the document itself is unusable
    │   ├── UnsupportedFormat          UNSUPPORTED_FORMAT  bytes are no image or PDF we read
    │   ├── EmptyDocument              EMPTY_DOCUMENT      zero bytes
    │   ├── CorruptDocument            INVALID_DOC         truncated or malformed file
    │   ├── TooLarge                   TOO_LARGE           over a size, pixel or page limit
    │   ├── PasswordRequired           PASSWORD_REQUIRED   a PDF locked with a password (none or a wrong one given)
    │   └── Unrecognised               UNRECOGNISED        no known document type matched
    ├── FetchError                     FETCH_FAILED        the URL could not be downloaded
    │   ├── FetchTimeout               FETCH_TIMEOUT
    │   └── FetchRefused               FETCH_REFUSED       SSRF guard: address or scheme refused
    ├── ProcessingTimeout              PROCESSING_TIMEOUT  the engine ran past its time budget
    ├── EngineError                    ENGINE_ERROR        the OCR engine broke (infrastructure)
    └── ConfigurationError             CONFIGURATION_ERROR a setting is invalid

Document problems travel as data (``error_code`` on the result); these exceptions are raised at
stage boundaries and translated by the pipeline, never allowed to escape ``Engine.process``.
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "CorruptDocument",
    "EmptyDocument",
    "EncryptedDocument",
    "EngineError",
    "FetchError",
    "FetchRefused",
    "FetchTimeout",
    "InputError",
    "KagazError",
    "PasswordRequired",
    "ProcessingTimeout",
    "TooLarge",
    "Unrecognised",
    "UnsupportedFormat",
    "all_error_classes",
]


class KagazError(Exception):
    """Root of every error kagaz raises on purpose."""

    code: str = "INTERNAL_ERROR"
    message: str = "Internal error"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or type(self).message
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(KagazError):
    """The document itself cannot be processed."""

    code = "INPUT_ERROR"
    message = "The document could not be read"


class UnsupportedFormat(InputError):
    """The bytes are not a format kagaz reads."""

    code = "UNSUPPORTED_FORMAT"
    message = "Unsupported file format (expected JPEG, PNG, WebP, TIFF or PDF)"


class EmptyDocument(InputError):
    """Zero bytes, or nothing on the page."""

    code = "EMPTY_DOCUMENT"
    message = "The document is empty"


class CorruptDocument(InputError):
    """The file claims a format but is truncated or malformed."""

    code = "INVALID_DOC"
    message = "The file is truncated or corrupted"


class TooLarge(InputError):
    """Over a byte, pixel or page limit."""

    code = "TOO_LARGE"
    message = "The document exceeds a size limit"


class PasswordRequired(InputError):
    """A password-protected PDF, opened without its password or with a wrong one."""

    code = "PASSWORD_REQUIRED"
    message = "The PDF is password-protected; supply its password"


EncryptedDocument = PasswordRequired  # the name the load stage used first


class Unrecognised(InputError):
    """No known document type matched the content."""

    code = "UNRECOGNISED"
    message = "The document type could not be recognised"


class FetchError(KagazError):
    """The document URL could not be downloaded."""

    code = "FETCH_FAILED"
    message = "The document could not be downloaded"


class FetchTimeout(FetchError):
    """The download ran past its time limit."""

    code = "FETCH_TIMEOUT"
    message = "The download timed out"


class FetchRefused(FetchError):
    """The URL's scheme or address is not allowed (SSRF guard)."""

    code = "FETCH_REFUSED"
    message = "The URL is not allowed"


class ProcessingTimeout(KagazError):
    """The engine ran past its time budget for one document."""

    code = "PROCESSING_TIMEOUT"
    message = "Processing took too long"


class EngineError(KagazError):
    """The OCR engine or another component failed (not the document's fault)."""

    code = "ENGINE_ERROR"
    message = "The document engine failed"


class ConfigurationError(KagazError):
    """A setting is missing or invalid."""

    code = "CONFIGURATION_ERROR"
    message = "Invalid configuration"


def all_error_classes() -> list[type[KagazError]]:
    """Every concrete error class, root included (for tests and docs)."""
    seen: list[type[KagazError]] = []
    stack: list[type[KagazError]] = [KagazError]
    while stack:
        cls = stack.pop()
        seen.append(cls)
        stack.extend(cls.__subclasses__())
    return seen
