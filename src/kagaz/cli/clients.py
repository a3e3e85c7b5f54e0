"""``kagaz clients …``: create, list and revoke API clients, show or rotate a webhook secret.

Every command reads the server's settings (``KAGAZ_DATA_DIR``, ``KAGAZ_DATABASE_URL``, …) and
applies the schema migrations before touching the database.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from kagaz.services import access
from kagaz.services.wiring import open_database
from kagaz.settings import get_settings

__all__ = ["register"]

clients_app = typer.Typer(
    help="Manage API clients (credentials for authtoken).", no_args_is_help=True
)


@clients_app.command("create")
def create(
    name: Annotated[str, typer.Option("--name", help="Who the credentials are for")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Create a client and print its client_id and client_secret (shown only this once)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise typer.BadParameter("--name must be 1 to 200 characters")
    db = open_database(get_settings())
    try:
        new = access.create_client(db, name=name)
    finally:
        db.dispose()
    client_id, secret, webhook_secret = new.client_id, new.client_secret, new.webhook_secret
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "client_id": client_id,
                    "client_secret": secret,
                    "name": name,
                    "webhook_secret": webhook_secret,
                }
            )
        )
        return
    typer.echo(f"client_id:      {client_id}")
    typer.echo(f"client_secret:  {secret}")
    typer.echo(f"webhook_secret: {webhook_secret}")
    typer.echo("Store the secret now: kagaz keeps only its hash and cannot show it again.")
    typer.echo(
        "The webhook secret verifies Flow API callbacks (docs/flows.md); "
        f"kagaz clients webhook-secret {client_id} shows it again."
    )


@clients_app.command("webhook-secret")
def webhook_secret_command(
    client_id: Annotated[str, typer.Argument(help="The client_id")],
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Replace it with a new one (the old stops at once)")
    ] = False,
) -> None:
    """Print the client's webhook signing secret (whsec_...), creating it if it has none."""
    db = open_database(get_settings())
    try:
        secret = access.webhook_secret(db, client_id=client_id, rotate=rotate)
    finally:
        db.dispose()
    if secret is None:
        typer.echo(f"No client {client_id}", err=True)
        raise typer.Exit(1)
    typer.echo(secret)


@clients_app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """List clients (never their secrets)."""
    db = open_database(get_settings())
    try:
        rows = access.client_list(db)
    finally:
        db.dispose()
    if as_json:
        typer.echo(json.dumps(rows))
        return
    if not rows:
        typer.echo("No clients. Create one with: kagaz clients create --name NAME")
        return
    for r in rows:
        state = f"revoked {r['revoked_at']}" if r["revoked_at"] else "active"
        typer.echo(f"{r['client_id']}  {r['name']}  created {r['created_at']}  {state}")


@clients_app.command("revoke")
def revoke(client_id: Annotated[str, typer.Argument(help="The client_id to revoke")]) -> None:
    """Revoke a client: its credentials and every token issued to it stop working at once."""
    db = open_database(get_settings())
    try:
        found = access.revoke_client(db, client_id=client_id)
    finally:
        db.dispose()
    if not found:
        typer.echo(f"No client {client_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Revoked {client_id}")


def register(app: typer.Typer) -> None:
    """Add the ``clients`` group to ``app``."""
    app.add_typer(clients_app, name="clients")
