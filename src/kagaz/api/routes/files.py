"""``GET /v1/files/redacted/{token}``: the masked Aadhaar image behind a signed, expiring link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from kagaz.api.deps import StateDep
from kagaz.services.errors import AuthenticationError, NotFound
from kagaz.api.schemas import ErrorEnvelope
from kagaz.errors import KagazError
from kagaz.fetch.sniff import sniff_format
from kagaz.storage.base import BlobNotFound
from kagaz.database import batches, clients

__all__ = ["router"]

_MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "tiff": "image/tiff"}


def router() -> APIRouter:
    api = APIRouter(prefix="/v1/files", tags=["files"])

    @api.get(
        "/redacted/{token}",
        operation_id="files_redacted",
        summary="Download a redacted image (the link comes from aadhaar_number.redact_url)",
        response_class=Response,
        responses={
            200: {"content": {"image/png": {}}, "description": "The masked image"},
            401: {"model": ErrorEnvelope},
            404: {"model": ErrorEnvelope},
            410: {"model": ErrorEnvelope},
        },
    )
    def redacted(
        state: StateDep, token: Annotated[str, Path(min_length=10, max_length=1024)]
    ) -> Response:
        claims = state.links.verify(token)
        with state.db.connect() as conn:
            if clients.client_state(conn, client_id=claims.client_id) != "active":
                raise AuthenticationError("The link's client is revoked or unknown")
            key = batches.get_artifact_key(
                conn,
                file_uuid=claims.file_uuid,
                client_id=claims.client_id,
                artifact=claims.artifact,
            )
        if key is None:
            raise NotFound("No such file")
        try:
            data = state.storage.get(key)
        except BlobNotFound as exc:
            raise NotFound("No such file") from exc
        try:
            media = _MEDIA.get(sniff_format(data), "application/octet-stream")
        except KagazError:
            media = "application/octet-stream"
        return Response(
            data,
            media_type=media,
            headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline"},
        )

    return api
