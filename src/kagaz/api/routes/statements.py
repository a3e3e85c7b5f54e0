"""``POST /v1/statements/analysis``: several bank statements of one applicant analysed as one.

Additive to the Atlas API. The body names the client's finished BANK_STATEMENT documents
(``file_uuids``), optionally the loan application's date (``DD/MM/YYYY``: statements that end
more than 30 days before it are flagged) and the days of the month for a fixed-days average
bank balance (``abb_days``, e.g. ``[5, 15, 25]``; default the mean of end-of-day balances).
The answer is ``{"analysis": ...}`` as each statement's own ``analysis``, over the merged rows
(``transactions``, each naming its ``statement`` in ``file_uuids`` and its ``row`` there).
Takes the ``Token`` header; another client's document answers 404, like an unknown one.
See docs/statement-analysis.md.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.api.schemas import ErrorEnvelope
from kagaz.services.errors import BadRequest, Unprocessable
from kagaz.services.statement_analysis import MAX_STATEMENTS, analyse_files

__all__ = ["StatementAnalysisCreate", "router"]

_UUID = r"^[0-9a-fA-F-]{1,36}$"


class StatementAnalysisCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file_uuids: list[Annotated[str, Field(pattern=_UUID)]] = Field(min_length=1, max_length=MAX_STATEMENTS)
    application_date: str | None = Field(default=None, pattern=r"^\d{2}/\d{2}/\d{4}$",
                                         examples=["15/09/2024"])
    abb_days: list[Annotated[int, Field(ge=1, le=31)]] | None = Field(
        default=None, min_length=1, max_length=31, examples=[[5, 15, 25]],
        description="Days of the month for the average bank balance; default: every day's end-of-day balance")

    @field_validator("application_date")
    @classmethod
    def _real_date(cls, v: str | None) -> str | None:
        if v is not None:
            dt.datetime.strptime(v, "%d/%m/%Y")  # ValueError: reported as a bad request
        return v


def router() -> APIRouter:
    api = APIRouter(tags=["statements"])

    @api.post(
        "/v1/statements/analysis",
        operation_id="statements_analysis",
        summary="Analyse several bank statements of one applicant as one (overlaps counted once)",
        responses={400: {"model": ErrorEnvelope}, 401: {"model": ErrorEnvelope},
                   404: {"model": ErrorEnvelope}, 409: {"model": ErrorEnvelope},
                   422: {"model": ErrorEnvelope}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": StatementAnalysisCreate.model_json_schema()}}}},
    )
    async def analyse(request: Request, client_id: CurrentClient, state: StateDep) -> Response:
        try:
            payload = json.loads(await request.body())
        except (ValueError, RecursionError) as exc:
            raise Unprocessable() from exc
        try:
            body = StatementAnalysisCreate.model_validate(payload)
        except ValidationError as exc:
            raise BadRequest(describe_validation_errors(exc.errors())) from exc
        when = dt.datetime.strptime(body.application_date, "%d/%m/%Y").date() if body.application_date else None
        out = await run_in_threadpool(
            analyse_files, state.parts, client_id=client_id, file_uuids=body.file_uuids,
            application_date=when, abb_days=sorted(set(body.abb_days)) if body.abb_days else None)
        return Response(json.dumps({"analysis": out}, ensure_ascii=False), media_type="application/json")

    return api
