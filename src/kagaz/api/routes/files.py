"""``GET /v1/files/redacted/{token}``: the masked Aadhaar image behind a signed, expiring link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from kagaz.api.deps import StateDep
from kagaz.api.schemas import ErrorEnvelope
from kagaz.services import images

__all__ = ["router"]


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
        data, media = images.redacted_image(state.parts, token)
        return Response(
            data,
            media_type=media,
            headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline"},
        )

    return api
