"""Operations endpoints: ``GET /healthz`` (the process is up), ``GET /readyz`` (its database,
broker and storage answer) and ``GET /metrics`` (Prometheus). None needs a token: expose them to
your load balancer and monitoring, not to the internet."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from kagaz.api.errors import envelope
from kagaz.api.state import ServerState
from kagaz.services.operations import readiness_checks

__all__ = ["READY_TIMEOUT_SECONDS", "router"]

READY_TIMEOUT_SECONDS = 3.0


async def _run(check: Callable[[], None]) -> str:
    try:
        await asyncio.wait_for(run_in_threadpool(check), READY_TIMEOUT_SECONDS)
    except TimeoutError:
        return "failed: no answer in time"
    except Exception as exc:  # the kind only: messages may name hosts or keys
        return f"failed: {type(exc).__name__}"
    return "ok"


def router() -> APIRouter:
    api = APIRouter(tags=["service"])

    @api.get("/healthz", operation_id="healthz", summary="Liveness: the process is up")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @api.get(
        "/readyz",
        operation_id="readyz",
        summary="Readiness: database, broker (celery queue) and storage reachable",
        responses={503: {"description": "Not ready; `checks` names what failed"}},
    )
    async def readyz(request: Request) -> JSONResponse:
        state: ServerState | None = getattr(request.app.state, "services", None)
        if state is None:
            body: dict[str, Any] = envelope(503, "The server is starting")
            return JSONResponse({**body, "status": "starting", "checks": {}}, status_code=503)
        checks = readiness_checks(state.parts, state.dispatcher)
        results = dict(zip(checks, await asyncio.gather(*map(_run, checks.values())), strict=True))
        failed = [name for name, result in results.items() if result != "ok"]
        if not failed:
            return JSONResponse({"status": "ready", "checks": results})
        body = envelope(503, f"Not ready: {', '.join(failed)}")
        return JSONResponse(
            {**body, "status": "unavailable", "checks": results},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @api.get(
        "/metrics",
        operation_id="metrics",
        summary="Prometheus metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {}}}},
    )
    async def metrics_endpoint(request: Request) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST

        from kagaz.observability.metrics import render

        state: ServerState | None = getattr(request.app.state, "services", None)
        extra = state.metrics_registry if state is not None else None
        body = await run_in_threadpool(render, extra)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return api
