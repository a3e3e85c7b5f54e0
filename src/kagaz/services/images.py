"""The images kagaz serves: a page of a document as the engine read it (JPEG, Aadhaar numbers
masked; the picture the fields' ``bbox`` fractions refer to), and the masked Aadhaar image behind
a signed, expiring link (``aadhaar_number.redact_url``). Only the calling client's documents: an
unknown document and another client's answer the same 404.
"""

from __future__ import annotations

from kagaz.database import batches, clients
from kagaz.errors import KagazError
from kagaz.fetch.sniff import sniff_format
from kagaz.services.blob_keys import is_page_artifact, page_artifact
from kagaz.services.errors import AuthenticationError, NotFound
from kagaz.services.wiring import Parts
from kagaz.storage.base import BlobNotFound

__all__ = ["page_image", "redacted_image"]

_MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "tiff": "image/tiff"}


def page_image(parts: Parts, *, client_id: str, file_uuid: str, page: int) -> tuple[bytes, int]:
    """The JPEG of ``page`` (1-based) and how many page images the document has."""
    with parts.db.connect() as conn:
        artifacts = batches.get_artifacts(conn, file_uuid=file_uuid, client_id=client_id) or {}
    key = artifacts.get(page_artifact(page))
    if not isinstance(key, str):
        raise NotFound("No such page")
    count = sum(1 for name in artifacts if is_page_artifact(name))
    try:
        return parts.storage.get(key), count
    except BlobNotFound as exc:
        raise NotFound("No such page") from exc


def redacted_image(parts: Parts, token: str) -> tuple[bytes, str]:
    """The image a redact link names, and its media type; 401 for a forged link or a revoked
    client, 410 for an expired link, 404 once the image is gone."""
    claims = parts.links.verify(token)
    with parts.db.connect() as conn:
        if clients.client_state(conn, client_id=claims.client_id) != "active":
            raise AuthenticationError("The link's client is revoked or unknown")
        key = batches.get_artifact_key(
            conn, file_uuid=claims.file_uuid, client_id=claims.client_id, artifact=claims.artifact
        )
    if key is None:
        raise NotFound("No such file")
    try:
        data = parts.storage.get(key)
    except BlobNotFound as exc:
        raise NotFound("No such file") from exc
    try:
        media = _MEDIA.get(sniff_format(data), "application/octet-stream")
    except KagazError:
        media = "application/octet-stream"
    return data, media
