"""``kagaz serve``: the API server, which also processes documents with the local queue."""

from __future__ import annotations

from typing import Annotated

import typer

from kagaz.services.access import has_clients
from kagaz.services.wiring import open_database
from kagaz.settings import get_settings

__all__ = ["register", "serve"]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    log_level: Annotated[
        str | None, typer.Option(help="debug, info, warning or error (default KAGAZ_LOG_LEVEL)")
    ] = None,
) -> None:
    """Run the API server (migrations are applied first). With the local queue it processes
    documents itself; with KAGAZ_QUEUE=celery it hands them to kagaz worker processes."""
    import uvicorn

    from kagaz.api.app import create_app
    from kagaz.observability.logs import configure_logging

    settings = get_settings()
    level = (log_level or settings.log_level).lower()
    configure_logging(settings.log_format, level)
    db = open_database(settings)
    try:
        any_client = has_clients(db)
    finally:
        db.dispose()
    where = settings.storage_location()
    typer.echo(
        f"kagaz: queue {settings.queue}, storage {where.kind}, API on http://{host}:{port} "
        f"(docs at http://{host}:{port}/docs)"
    )
    if not any_client:
        typer.echo("No API clients yet. Create credentials with:  kagaz clients create --name NAME")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level=level,
        log_config=None,  # keep kagaz's redacting JSON handler
        limit_concurrency=settings.api.max_concurrency * 2,  # hard stop; the app answers 503 first
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        access_log=False,  # request lines carry no secrets, but keep logs quiet by default
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)
