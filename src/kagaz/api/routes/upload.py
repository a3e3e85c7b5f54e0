"""``POST /v1/{family}/upload``: documents sent as files (multipart/form-data), not as URLs.

The browser console uploads through it; any client may. Each file is read from the request
stream into one bounded buffer (at most the fetch size cap, ``KAGAZ_FETCH__MAX_BYTES``; the
request as a whole stays under ``KAGAZ_API__MAX_BODY_BYTES``) and handed to the submission
(:func:`kagaz.services.submission.store_upload`: sniffed by its magic bytes, stored as the
document's original) before the next file is read. The batch is then created as multiupload
creates it, with each document's original already in place: the worker reads it from storage
and fetches nothing. The answer is multiupload's: 201 and ``[{batch_id, document_id,
file_uuid}]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.passwords import MAX_PASSWORD_BYTES, MAX_PASSWORD_LENGTH, parse_password_parts
from kagaz.api.schemas import ErrorEnvelope, UploadedFilePublic
from kagaz.api.state import ServerState
from kagaz.api.wire import accepted_json, accepted_response
from kagaz.services import submission
from kagaz.services.errors import BadRequest, PayloadTooLarge
from kagaz.services.submission import StoredUpload

__all__ = ["DEFAULT_PRODUCT_TYPE", "router"]

DEFAULT_PRODUCT_TYPE = "UPLOAD"
MAX_FIELD_BYTES = 4096  # a document_id or product_type part
MAX_FILENAME = 200
_NO_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FILES, _IDS, _PRODUCT = "files", "document_ids", "product_type"
_PASSWORDS = "passwords"  # kept as bytes: decoded strictly (kagaz.api.passwords), never echoed


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)


class _Form:
    """Streaming multipart reader: at most ``max_files`` files of ``max_file_bytes`` each,
    short text fields, and each finished file handed to ``finished`` right away."""

    def __init__(self, *, max_files: int, max_file_bytes: int) -> None:
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.part = _Part()
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.fields: dict[str, list[str]] = {}
        self.passwords: list[bytes] = []
        self.files = 0
        self.finished: list[_Part] = []

    # python-multipart callbacks ---------------------------------------------------------------
    def on_part_begin(self) -> None:
        self.part = _Part()
        self.disposition = b""

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]
        if len(self.header_value) > 8192:
            raise BadRequest("A multipart header is too long")

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        name = options.get(b"name")
        if name is None:
            raise BadRequest('Every part needs a Content-Disposition "name"')
        self.part.name = name.decode("utf-8", "replace")
        if self.part.name == _FILES:
            self.files += 1
            if self.files > self.max_files:
                raise PayloadTooLarge(f"At most {self.max_files} files per request")
            raw = options.get(b"filename", b"")
            self.part.filename = _clean_filename(raw.decode("utf-8", "replace"), self.files)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.part.name not in (_FILES, _IDS, _PRODUCT, _PASSWORDS):
            return  # other parts are ignored, and not kept
        self.part.data += data[start:end]
        if self.part.name == _PASSWORDS and len(self.part.data) > MAX_PASSWORD_BYTES:
            raise BadRequest(f"Invalid parameters: passwords[{len(self.passwords)}] (too long)")
        limit = self.max_file_bytes if self.part.name == _FILES else MAX_FIELD_BYTES
        if len(self.part.data) > limit:
            what = f"files[{self.files - 1}]" if self.part.name == _FILES else "A form field"
            raise PayloadTooLarge(f"{what} exceeds {limit} bytes")

    def on_part_end(self) -> None:
        if self.part.name == _FILES:
            self.finished.append(self.part)
        elif self.part.name == _PASSWORDS:
            self.passwords.append(bytes(self.part.data))
        elif self.part.name in (_IDS, _PRODUCT):
            text = bytes(self.part.data).decode("utf-8", "replace")
            self.fields.setdefault(self.part.name, []).append(text)
        self.part = _Part()

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }


def _clean_filename(name: str, n: int) -> str:
    """The file's base name without control characters (``file-<n>`` when none is given).

    >>> _clean_filename("C:\\\\scans\\\\pan card.pdf", 1), _clean_filename("", 2)
    ('pan card.pdf', 'file-2')
    """
    base = re.split(r"[\\\\/]", name)[-1]
    base = _NO_CONTROL.sub("", base).strip()[:MAX_FILENAME]
    return base or f"file-{n}"


def _store(state: ServerState, part: _Part, index: int) -> StoredUpload:
    filename = part.filename or f"file-{index + 1}"
    return submission.store_upload(state.parts, bytes(part.data), index=index, filename=filename)


def _single(values: list[str] | None, name: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(f"Invalid parameters: {name} (given more than once)")
    return values[0]


def _check_text(value: str, name: str, max_length: int) -> str:
    if not value.strip() or len(value) > max_length or _NO_CONTROL.search(value):
        raise BadRequest(
            f"Invalid parameters: {name} (1 to {max_length} characters, no control characters)"
        )
    return value


def _create(
    state: ServerState, client_id: str, family: str, product_type: str,
    stored: list[StoredUpload], ids: list[str], passwords: list[str | None],
) -> bytes:
    row = submission.submit_uploads(
        state.parts,
        client_id=client_id,
        family=family,
        product_type=product_type,
        uploads=stored,
        document_ids=ids,
        passwords=passwords,
    )
    return accepted_json(row)


def _request_body_schema() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": [_FILES],
                        "properties": {
                            _FILES: {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "The documents (JPEG, PNG, WebP, TIFF or PDF)",
                            },
                            _IDS: {
                                "type": "array",
                                "items": {"type": "string", "maxLength": 256},
                                "description": "Your ids, one per file in the same order; "
                                "default: the file names",
                            },
                            _PRODUCT: {
                                "type": "string",
                                "maxLength": 128,
                                "description": f"Product code; default {DEFAULT_PRODUCT_TYPE}",
                            },
                            _PASSWORDS: {
                                "type": "array",
                                "items": {"type": "string", "maxLength": MAX_PASSWORD_LENGTH},
                                "description": "Additive: passwords of locked PDFs, in the "
                                "order of the files (missing or empty: none); never shown",
                            },
                        },
                    }
                }
            },
        }
    }


def router(family: str) -> APIRouter:
    api = APIRouter(prefix=f"/v1/{family}", tags=[family])

    @api.post(
        "/upload",
        operation_id=f"{family}_upload",
        summary="Submit a batch of documents as files (multipart/form-data)",
        status_code=201,
        response_model=list[UploadedFilePublic],
        responses={
            400: {"model": ErrorEnvelope},
            401: {"model": ErrorEnvelope},
            413: {"model": ErrorEnvelope},
            503: {"model": ErrorEnvelope},
        },
        openapi_extra=_request_body_schema(),
    )
    async def upload(request: Request, client_id: CurrentClient, state: StateDep) -> Response:
        ctype, params = parse_options_header(request.headers.get("content-type", ""))
        boundary = params.get(b"boundary")
        if ctype != b"multipart/form-data" or not boundary:
            raise BadRequest("The body must be multipart/form-data with one or more files parts")
        form = _Form(
            max_files=state.settings.api.max_urls_per_request,
            max_file_bytes=state.settings.fetch.max_bytes,
        )
        stored: list[StoredUpload] = []
        try:
            parser = MultipartParser(boundary, form.callbacks())
            async for chunk in request.stream():
                parser.write(chunk)
                while form.finished:  # store each file as soon as it is complete
                    part = form.finished.pop(0)
                    stored.append(await run_in_threadpool(_store, state, part, len(stored)))
            parser.finalize()
            while form.finished:
                part = form.finished.pop(0)
                stored.append(await run_in_threadpool(_store, state, part, len(stored)))
            if not stored:
                raise BadRequest("Missing or empty required parameters: ['files']")
            product = _single(form.fields.get(_PRODUCT), _PRODUCT)
            product_type = _check_text(product, _PRODUCT, 128) if product is not None else DEFAULT_PRODUCT_TYPE
            ids = form.fields.get(_IDS)
            if ids is None:
                ids = [s.filename[:256] for s in stored]
            elif len(ids) != len(stored):
                raise BadRequest(
                    f"Invalid parameters: document_ids ({len(ids)} given for {len(stored)} files)"
                )
            ids = [_check_text(d, f"document_ids[{i}]", 256) for i, d in enumerate(ids)]
            passwords = parse_password_parts(form.passwords, len(stored))
            answer = await run_in_threadpool(
                _create, state, client_id, family, product_type, stored, ids, passwords
            )
        except FormParserError as exc:
            await run_in_threadpool(submission.forget_uploads, state.parts, stored)
            raise BadRequest("The multipart body is malformed") from exc
        except BaseException:
            await run_in_threadpool(submission.forget_uploads, state.parts, stored)
            raise
        return accepted_response(answer, state)

    return api
