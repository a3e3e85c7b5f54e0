"""Getting the lender's authorisation from ``auth_url`` before a callback is POSTed.

The reference says only that Atlas "first calls the client-supplied auth_url to obtain
authorization"; the method, the body and where the token sits are not documented, so all of it
is configurable (settings ``KAGAZ_CALLBACKS__AUTH_*``, overridden per flow by ``auth_config`` at
``flow/init``). Default: ``POST`` with the JSON body ``{"flow_uuid", "application_id"}``, signed
like the callback itself (Standard Webhooks headers, so the lender can tell kagaz's call from
anyone else's), token read from the answer's ``access_token`` or ``token`` field, and sent back
on the callback as the ``Token`` header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kagaz.callbacks.http import CallbackClient
from kagaz.callbacks.signing import signed_headers
from kagaz.errors import KagazError
from kagaz.settings import CallbackSettings

__all__ = ["AuthConfig", "AuthFailed", "auth_config", "fetch_token", "validate_auth_config"]

_MAX_TOKEN = 4096
_USER_AGENT = "kagaz-callbacks/0.1"


class AuthFailed(KagazError):
    """``auth_url`` refused, failed, or answered without a usable token."""

    code = "AUTH_FAILED"
    message = "The auth_url did not grant a token"

    def __init__(self, message: str | None = None, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


@dataclass(frozen=True, slots=True)
class AuthConfig:
    method: str
    token_fields: tuple[str, ...]
    header: str
    prefix: str


def auth_config(settings: CallbackSettings, override: dict[str, Any] | None) -> AuthConfig:
    """The settings' defaults with a flow's (already validated) ``auth_config`` on top."""
    o = override or {}
    fields = o.get("token_field")
    return AuthConfig(
        method=str(o.get("method") or settings.auth_method).upper(),
        token_fields=(fields,) if isinstance(fields, str) else tuple(settings.auth_token_fields),
        header=str(o.get("header") or settings.auth_header),
        prefix=o["prefix"] if isinstance(o.get("prefix"), str) else settings.auth_header_prefix,
    )


def validate_auth_config(value: Any) -> dict[str, str] | None:
    """A flow's ``auth_config`` as given at ``flow/init``, checked; raises ValueError.

    >>> validate_auth_config({"method": "get", "token_field": "data.jwt", "header": "Authorization",
    ...                       "prefix": "Bearer "})
    {'method': 'GET', 'token_field': 'data.jwt', 'header': 'Authorization', 'prefix': 'Bearer '}
    >>> validate_auth_config({"header": "Bad Header"})
    Traceback (most recent call last):
    ...
    ValueError: auth_config.header must be 1-64 letters, digits or dashes
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("auth_config must be a JSON object")
    unknown = set(value) - {"method", "token_field", "header", "prefix"}
    if unknown:
        raise ValueError(f"auth_config has unknown keys: {sorted(unknown)[:5]}")
    out: dict[str, str] = {}
    if "method" in value:
        method = value["method"]
        if not isinstance(method, str) or method.upper() not in ("GET", "POST"):
            raise ValueError("auth_config.method must be GET or POST")
        out["method"] = method.upper()
    if "token_field" in value:
        field = value["token_field"]
        if not isinstance(field, str) or not 0 < len(field) <= 128 or not all(
            part.replace("_", "").replace("-", "").isalnum() for part in field.split(".")
        ):
            raise ValueError("auth_config.token_field must be a field name or dotted path")
        out["token_field"] = field
    if "header" in value:
        header = value["header"]
        if not isinstance(header, str) or not 0 < len(header) <= 64 or not all(
            c.isascii() and (c.isalnum() or c == "-") for c in header
        ):
            raise ValueError("auth_config.header must be 1-64 letters, digits or dashes")
        out["header"] = header
    if "prefix" in value:
        prefix = value["prefix"]
        if not isinstance(prefix, str) or len(prefix) > 32 or not prefix.isprintable():
            raise ValueError("auth_config.prefix must be at most 32 printable characters")
        out["prefix"] = prefix
    return out


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def fetch_token(
    client: CallbackClient,
    *,
    url: str,
    config: AuthConfig,
    secret: str,
    msg_id: str,
    flow_uuid: str,
    application_id: str,
) -> str:
    """Call ``auth_url`` and return the token; raises :class:`AuthFailed` (or the client's
    network errors, which the caller classifies)."""
    body = b""
    headers = {"User-Agent": _USER_AGENT, "Accept": "application/json"}
    if config.method == "POST":
        body = json.dumps({"flow_uuid": flow_uuid, "application_id": application_id}).encode()
        headers["Content-Type"] = "application/json"
    headers.update(signed_headers(secret, msg_id, body))
    status, answer = client.request(config.method, url, headers=headers, body=body)
    if not 200 <= status < 300:
        raise AuthFailed(f"auth_url answered HTTP {status}", http_status=status)
    try:
        data = json.loads(answer)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AuthFailed("auth_url answered no JSON", http_status=status) from exc
    for field in config.token_fields:
        token = _lookup(data, field)
        if isinstance(token, str) and token.strip():
            token = token.strip()
            if len(token) > _MAX_TOKEN or not token.isprintable():
                raise AuthFailed("auth_url answered an unusable token", http_status=status)
            return token
    raise AuthFailed(
        f"auth_url answer has no token in {', '.join(config.token_fields)}", http_status=status
    )
