"""What the Flow API v3 asks for: start a flow, read its status and extracts, read its callback
log and replay a callback (uploads into a flow are :func:`kagaz.services.submission.submit_flow_urls`).

An unknown flow and another client's flow answer the same :class:`FlowNotFound` (409, never
403), so a flow's existence does not leak across tenants. See docs/flows.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import sqlalchemy as sa

from kagaz.callbacks.auth import validate_auth_config
from kagaz.database import callbacks as db_callbacks
from kagaz.database import flows
from kagaz.database.db import utcnow
from kagaz.errors import FetchError, FetchRefused
from kagaz.fetch.guard import AddressPolicy, check_url, parse_url
from kagaz.observability.logs import bind
from kagaz.services.errors import BadRequest, Conflict, FlowNotFound
from kagaz.services.results import RedactLinks, corrected_flow_documents, flow_item
from kagaz.services.wiring import Parts
from kagaz.settings import Settings

__all__ = [
    "MAX_FLOW_PARAMS_BYTES",
    "deliveries",
    "flow_extracts",
    "flow_status",
    "missing",
    "replay",
    "start_flow",
]

log = logging.getLogger(__name__)

MAX_FLOW_PARAMS_BYTES = 16 * 1024
_REQUIRED = ("product_type", "application_id", "auth_url", "callback_url")
_LIMITS = {"product_type": 128, "application_id": 256}
_REPLAY_TRIES = 5
# Characters of IPv4/IPv6 literals in any spelling a resolver accepts (0x7f.1, 2130706433, ::1).
_LITERAL_CHARS = frozenset("0123456789abcdefx.:")


def missing(payload: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The names among ``names`` that ``payload`` lacks, or has null or blank."""
    out = []
    for name in names:
        value = payload.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(name)
    return out


def _callback_url_refused(name: str, value: str, settings: Settings) -> str | None:
    """Why ``value`` cannot be a callback or auth URL, or None. The syntax is checked here;
    an address is refused here only when the URL spells it (no DNS lookup at init: a host
    name is resolved and checked by the guard on every delivery instead)."""
    policy = AddressPolicy.from_setting(settings.fetch_allow_private)

    def no_dns(host: str, port: int) -> list[str]:
        raise OSError("not resolved at flow/init")

    max_length = settings.api.max_url_length
    try:
        host = parse_url(value, max_length=max_length).host
        if _LITERAL_CHARS.issuperset(host.lower()):  # may spell an address: check it now
            check_url(value, policy, no_dns, max_length=max_length)
    except FetchRefused as exc:
        return f"{name} ({exc.message})"
    except FetchError:
        return None  # a host name after all: decided at delivery
    return None


def _flow_fields(payload: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The columns of a new flow from a ``flow/init`` body; 400 naming every problem."""
    if isinstance(payload.get("application_id"), int | float) and not isinstance(
        payload.get("application_id"), bool
    ):
        payload["application_id"] = str(payload["application_id"])
    absent = missing(payload, _REQUIRED)
    if absent:
        raise BadRequest(f"Missing or empty required parameters: {absent}")
    invalid: list[str] = []
    for name in _REQUIRED:
        value = payload[name]
        if not isinstance(value, str) or not value.isprintable():
            invalid.append(f"{name} (must be a string without control characters)")
        elif name in _LIMITS and len(value) > _LIMITS[name]:
            invalid.append(f"{name} (at most {_LIMITS[name]} characters)")
    if not invalid:
        for name in ("auth_url", "callback_url"):
            reason = _callback_url_refused(name, payload[name], settings)
            if reason:
                invalid.append(reason)
    flow_params = payload.get("flow_params")
    if flow_params is None:
        flow_params = {}
    if not isinstance(flow_params, dict):
        invalid.append("flow_params (must be a JSON object)")
    elif len(json.dumps(flow_params)) > MAX_FLOW_PARAMS_BYTES:
        invalid.append(f"flow_params (at most {MAX_FLOW_PARAMS_BYTES} bytes of JSON)")
    try:
        auth = validate_auth_config(payload.get("auth_config"))
    except ValueError as exc:
        invalid.append(str(exc))
        auth = None
    if invalid:
        raise BadRequest("Invalid parameters: " + ", ".join(invalid))
    return {
        "product_type": payload["product_type"].strip(),
        "application_id": payload["application_id"],
        "auth_url": payload["auth_url"],
        "callback_url": payload["callback_url"],
        "flow_params": flow_params,
        "auth_config": auth or None,
    }


def start_flow(parts: Parts, *, client_id: str, payload: dict[str, Any]) -> str:
    """Check a ``flow/init`` body (decoded JSON) and create the flow; returns its uuid."""
    fields = _flow_fields(payload, parts.settings)
    with parts.db.session() as session:
        flow_uuid = flows.create_flow(session, client_id=client_id, now=utcnow(), **fields)
    with bind(flow_uuid=flow_uuid):
        log.info("flow created")
    return flow_uuid


def _read_flow(
    parts: Parts, client_id: str, flow_uuid: str
) -> tuple[flows.FlowRow, list[flows.FlowDocumentRow]]:
    with parts.db.connect() as conn:
        flow = flows.get_flow(conn, flow_uuid=flow_uuid, client_id=client_id)
        if flow is None:
            raise FlowNotFound()
        return flow, corrected_flow_documents(conn, flow_uuid=flow_uuid)


def flow_status(parts: Parts, *, client_id: str, flow_uuid: str) -> dict[str, str]:
    """The four statuses of ``GET /v3/verification/status``."""
    flow, docs = _read_flow(parts, client_id, flow_uuid)
    return flows.flow_status(flow, docs)


def flow_extracts(
    parts: Parts, *, client_id: str, flow_uuid: str, base_url: str
) -> dict[str, Any]:
    """``GET /v3/verification/extracts``: every document as the one view shows it (with its
    redact link), and the flow's cross-checks once it has completed."""
    flow, docs = _read_flow(parts, client_id, flow_uuid)
    links = RedactLinks.of(parts, base_url=base_url, client_id=client_id)
    completed = flow.completed_at is not None
    return {
        "flow_uuid": flow.flow_uuid,
        "master_status": flows.flow_status(flow, docs)["master_status"],
        "ocr_data": [flow_item(d, links) for d in docs],
        "cross_checks": (flow.cross_checks or []) if completed else [],
    }


def deliveries(parts: Parts, *, client_id: str, flow_uuid: str) -> list[dict[str, Any]]:
    """The flow's callback delivery log, every attempt."""
    with parts.db.connect() as conn:
        if flows.get_flow(conn, flow_uuid=flow_uuid, client_id=client_id) is None:
            raise FlowNotFound()
        return db_callbacks.list_deliveries(conn, flow_uuid=flow_uuid)


def replay(
    parts: Parts, *, client_id: str, flow_uuid: str, delivery_id: str | None
) -> dict[str, Any]:
    """Queue a completed flow's callback again, as a new delivery (a new ``webhook-id``): the
    latest completion's, or that of ``delivery_id``."""
    now = utcnow()
    for _ in range(_REPLAY_TRIES):
        with parts.db.session() as session:
            if flows.get_flow(session, flow_uuid=flow_uuid, client_id=client_id) is None:
                raise FlowNotFound()
            found = db_callbacks.get_delivery_payload(
                session, flow_uuid=flow_uuid, delivery_id=delivery_id
            )
            if found is None:
                if delivery_id is not None:
                    raise Conflict("Delivery not found")
                raise Conflict("The flow has not completed yet: there is nothing to replay")
            completion, payload = found
            number = db_callbacks.next_replay(session, flow_uuid=flow_uuid, completion=completion)
            try:
                new_id = db_callbacks.insert_delivery(
                    session,
                    flow_uuid=flow_uuid,
                    completion=completion,
                    replay=number,
                    payload=payload,
                    now=now,
                    give_up_at=now
                    + dt.timedelta(seconds=parts.settings.callbacks.retry_for_seconds),
                )
                session.commit()
            except sa.exc.IntegrityError:  # a concurrent replay took this number
                session.rollback()
                continue
        return {
            "delivery_id": new_id,
            "flow_uuid": flow_uuid,
            "completion": completion,
            "replay": number,
            "status": db_callbacks.PENDING,
        }
    raise Conflict("Too many concurrent replays; try again")
