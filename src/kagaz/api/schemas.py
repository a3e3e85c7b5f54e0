"""Request and response bodies of the Atlas-compatible API (``XCreate`` in, ``XPublic`` out)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DocumentStatusName",
    "ErrorEnvelope",
    "ExtractItem",
    "ExtractsPage",
    "MAX_PASSWORD_LENGTH",
    "FileUrlCreate",
    "MultiuploadCreate",
    "TokenPublic",
    "TokenWithRefreshPublic",
    "UploadedFilePublic",
]

_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
MAX_PASSWORD_LENGTH = 256

DocumentStatusName = Literal["queued", "fetching", "processing", "done", "failed"]


class ErrorEnvelope(BaseModel):
    """Every error answer."""

    error_code: str = Field(description="The HTTP status, as a string", examples=["400"])
    error_message: str = Field(
        description="'<Category>: <detail>'",
        examples=["Bad Request: Missing or empty required parameters: ['batch_id']"],
    )


class TokenPublic(BaseModel):
    access_token: str = Field(description="HS256 JWT; send it in the Token header")
    expires_in: int = Field(description="Seconds until the token expires", examples=[3600])


class TokenWithRefreshPublic(TokenPublic):
    refresh_token: str = Field(
        description="Renews the access token at /v1/verification/refresh-token without the "
        "secret, until it expires or the client is revoked"
    )


class FileUrlCreate(BaseModel):
    """One document to fetch. Extra keys (e.g. ``submission_mode``) are accepted and ignored."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    file_url: str = Field(
        min_length=1,
        pattern=_NO_CONTROL,
        description="http(s) URL of the document, e.g. pre-signed S3; fetched byte for byte",
    )
    document_id: str = Field(
        min_length=1,
        max_length=256,
        pattern=_NO_CONTROL,
        description="Your id for the document, echoed back (numbers are turned into strings)",
    )
    password: str | None = Field(
        None,
        max_length=MAX_PASSWORD_LENGTH,
        pattern=_NO_CONTROL,
        strict=True,  # a number is no password: it would be a guess at what the client meant
        description="Additive: the password of a locked PDF (e.g. a bank e-statement); held "
        "encrypted until the document is final, then erased; never shown. Null or empty: none",
    )


class MultiuploadCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    product_type: str = Field(
        min_length=1,
        max_length=128,
        pattern=_NO_CONTROL,
        description="Opaque product code assigned to your organisation, e.g. POC_CDL",
    )
    file_urls: list[FileUrlCreate] = Field(
        min_length=1, description="The documents; at most KAGAZ_API__MAX_URLS_PER_REQUEST"
    )


class UploadedFilePublic(BaseModel):
    batch_id: str = Field(examples=["BATCH-30732-SIYKJ-20251121113228"])
    document_id: str
    file_uuid: str = Field(description="kagaz's id for this document (UUID)")


class ExtractItem(BaseModel):
    document_id: str
    file_uuid: str = Field(description="Additive: kagaz's id for this document")
    status: DocumentStatusName = Field(
        description="Additive: queued, fetching, processing (pending) or done, failed (final)"
    )
    error_code: str | None = Field(
        description="Additive: why the document failed (UNRECOGNISED, INVALID_DOC, FETCH_FAILED, "
        "TOO_LARGE, UNSUPPORTED_FORMAT, PASSWORD_REQUIRED, ...); null otherwise"
    )
    error_message: str | None = Field(description="Additive: human-readable reason, or null")
    file_data: dict[str, Any] = Field(
        description="document_type plus one {value, confidence_score} object per field; "
        "{'document_type': null} while pending or when the document was never read"
    )


class ExtractsPage(BaseModel):
    data: list[ExtractItem]
    page: int
    per_page: int
    total_pages: int
    total_items: int
    has_next: bool
    has_prev: bool
