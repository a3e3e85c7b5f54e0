"""The Flow API's upload-time check that a flow's ``auth_url`` can be reached.

The reference's v3 ``multiupload`` answers 422 when Atlas "could not reach the authentication
URL you configured", so a lender learns at upload time, not hours later in a failed callback,
that its ``auth_url`` is down or wrong. kagaz connects to it through the same SSRF guard as
callbacks (:func:`kagaz.callbacks.reachability.check_reachable`: no HTTP request is sent),
within ``KAGAZ_CALLBACKS__AUTH_URL_CHECK_TIMEOUT``; ``KAGAZ_CALLBACKS__AUTH_URL_CHECK=false``
turns it off.
"""

from __future__ import annotations

from kagaz.callbacks.reachability import Unreachable, check_reachable
from kagaz.database import flows
from kagaz.fetch.guard import AddressPolicy
from kagaz.services.errors import FlowNotFound, Unprocessable
from kagaz.services.wiring import Parts

__all__ = ["UNREACHABLE_MESSAGE", "check_flow_auth_url"]

UNREACHABLE_MESSAGE = "Could not reach the authentication URL you configured"


def check_flow_auth_url(parts: Parts, *, client_id: str, flow_uuid: str) -> None:
    """Return when the check is off or the client's flow's ``auth_url`` can be reached; 409 for
    an unknown or another client's flow, 422 (with the reason, never the URL) otherwise."""
    settings = parts.settings
    if not settings.callbacks.auth_url_check:
        return
    with parts.db.connect() as conn:
        flow = flows.get_flow(conn, flow_uuid=flow_uuid, client_id=client_id)
    if flow is None:
        raise FlowNotFound()
    # Read per request, as flow/init does: the allow list is the operator's, not the flow's.
    policy = AddressPolicy.from_setting(settings.fetch_allow_private)
    try:
        check_reachable(
            flow.auth_url,
            policy,
            resolver=parts.resolver,
            timeout=settings.callbacks.auth_url_check_timeout,
        )
    except Unreachable as exc:
        raise Unprocessable(f"{UNREACHABLE_MESSAGE} ({exc.message})") from exc
