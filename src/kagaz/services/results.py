"""One view of a stored result: what every answer that shows a document's fields shows.

A stored result is the engine's ``file_data`` as the worker wrote it, Aadhaar numbers masked
(:func:`mask_aadhaar_numbers`, the one rule of :mod:`kagaz.text.masking`). Bulk and Docstream
extracts (:mod:`~kagaz.services.extracts`), the Flow API's extracts and callbacks
(:mod:`~kagaz.services.flow_requests`, :mod:`~kagaz.services.completion`), the review console
(:mod:`~kagaz.services.console_views`) and corrections (:mod:`~kagaz.services.review`) all show
it through this module:

* the reviewers' corrections overlaid, the latest of each field (:func:`apply_corrections`): a
  corrected field reads ``{"value": <corrected>, "confidence_score": 1.0, "corrected": true,
  ...}``, its ``page`` and ``bbox`` kept; a list row's cell gains ``corrected`` on its row;
* ``aadhaar_number.redact_url`` when the masked image exists (:class:`RedactLinks`), minted per
  answer, never stored;
* decoded at most once: extracts splice the stored JSON text into the answer as it is when there
  is nothing to add (:func:`file_data_json`);
* Aadhaar numbers masked again where stored values are shown to a reviewer (a result from an
  older release may hold a full number).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.corrections import NOT_FIELDS, FieldPath, latest_values, parse_path
from kagaz.database.flows import FlowDocumentRow, flow_documents
from kagaz.doctypes.statement_analysis import analyse, statement_of
from kagaz.services.blob_keys import REDACTED_ARTIFACT
from kagaz.services.credentials import LinkSigner
from kagaz.services.wiring import Parts
from kagaz.storage.base import Presigner, StorageError
from kagaz.text.masking import AadhaarMasking

__all__ = [
    "RedactLinks",
    "apply_corrections",
    "corrected_flow_documents",
    "corrected_results",
    "current_value",
    "file_data_json",
    "flow_item",
    "mask_aadhaar_numbers",
    "ocr_item",
    "ocr_items",
    "overlay",
]

log = logging.getLogger(__name__)

PENDING = '{"document_type":null}'  # file_data of a document not read yet
# Keys kagaz puts on every ocr_data item; a document field of the same name never overrides them.
_ITEM_KEYS = ("document_id", "file_uuid", "batch_id", "status", "document_type", "error_code")


# -- corrections --------------------------------------------------------------------------


def current_value(file_data: Mapping[str, Any], path: FieldPath) -> tuple[bool, Any]:
    """(found, value) of ``path`` in a ``file_data``: found is False for a field, row or column
    the result does not have."""
    fld = file_data.get(path.key)
    if path.key in NOT_FIELDS or not isinstance(fld, dict) or "value" not in fld:
        return False, None
    if path.row is None:
        return True, fld["value"]
    rows = fld["value"]
    if not isinstance(rows, list) or not 0 <= path.row < len(rows):
        return False, None
    row = rows[path.row]
    if not isinstance(row, dict) or path.column not in row or path.column in ("page", "bbox"):
        return False, None
    return True, row[path.column]


def overlay(file_data: dict[str, Any], corrected: Mapping[str, Any]) -> dict[str, Any]:
    """``file_data`` (changed in place, and returned) with the corrected values
    ``{path: value}`` applied. A field's page and bbox (and redact_url) are kept. A bank
    statement whose rows, balances or period were corrected gets its ``analysis`` computed again
    from the corrected values, so its numbers stay those of the rows shown."""
    touched = False
    for text, value in corrected.items():
        path = parse_path(text)
        if path is None or not current_value(file_data, path)[0]:
            continue  # the stored result changed shape: nothing to correct any more
        fld = file_data[path.key]
        if path.row is None:
            file_data[path.key] = {**fld, "value": value, "confidence_score": 1.0, "corrected": True}
        else:
            rows = list(fld["value"])
            rows[path.row] = {**rows[path.row], path.column: value, "corrected": True}
            file_data[path.key] = {**fld, "value": rows}
        touched = touched or path.key in _ANALYSED
    if touched and isinstance(file_data.get("analysis"), dict):
        _reanalyse(file_data)
    return file_data


# The fields a bank statement's analysis is computed from.
_ANALYSED = frozenset({"transactions", "opening_balance", "closing_balance", "statement_period_from",
                       "statement_period_to"})


def _reanalyse(file_data: dict[str, Any]) -> None:
    st = statement_of(file_data)
    if not isinstance(st["transactions"], list):
        return
    rows = [dict(r) if isinstance(r, dict) else r for r in st["transactions"]]
    try:
        file_data["analysis"] = analyse(rows, opening_balance=st["opening_balance"],
                                        closing_balance=st["closing_balance"],
                                        period_from=st["period_from"], period_to=st["period_to"])
    except Exception:  # a reviewer's odd value must not cost the answer: keep the engine's
        log.exception("statement analysis of corrected values failed")
        return
    file_data["transactions"] = {**file_data["transactions"], "value": rows}


def apply_corrections(
    conn: sa.Connection | Session, results: Mapping[str, dict[str, Any]]
) -> Mapping[str, dict[str, Any]]:
    """Overlay the latest corrections on ``{file_uuid: file_data}`` (each file_data changed in
    place); returns ``results``. Results without corrections are not touched."""
    found = latest_values(conn, results.keys())
    for file_uuid, corrected in found.items():
        data = results.get(file_uuid)
        if isinstance(data, dict):
            overlay(data, corrected)
    return results


def corrected_results(conn: sa.Connection | Session, rows: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """``{file_uuid: result}`` of the rows (anything with ``file_uuid`` and ``result``) that have
    a result: copies, with the corrections overlaid."""
    results = {r.file_uuid: dict(r.result) for r in rows if isinstance(r.result, dict)}
    apply_corrections(conn, results)
    return results


def corrected_flow_documents(
    conn: sa.Connection | Session, *, flow_uuid: str
) -> list[FlowDocumentRow]:
    """Every document of the flow in upload order, corrections overlaid: what its extracts and
    its callback show, and what its cross-checks compare."""
    docs = flow_documents(conn, flow_uuid=flow_uuid)
    apply_corrections(conn, {d.file_uuid: d.result for d in docs if isinstance(d.result, dict)})
    return docs


# -- redact links -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RedactLinks:
    """How one answer links to masked Aadhaar images: kagaz's own signed, expiring link under
    ``base_url`` (``/v1/files/redacted/<token>``), or a pre-signed URL of the store
    (``KAGAZ_STORAGE__REDACT_LINKS=presigned``: ``presigner`` is set; signed locally, no request
    made)."""

    signer: LinkSigner
    base_url: str
    client_id: str
    presigner: Presigner | None = None
    presign_expiry: int = 0

    def url(self, file_uuid: str, key: Any) -> str:
        if self.presigner is not None and isinstance(key, str):
            try:
                return self.presigner.presign(key, expires_in=self.presign_expiry)
            except StorageError:
                log.warning("cannot pre-sign a redact link; answering kagaz's own link")
        token = self.signer.sign(
            file_uuid=file_uuid, artifact=REDACTED_ARTIFACT, client_id=self.client_id
        )
        return f"{self.base_url}/v1/files/redacted/{token}"

    @classmethod
    def of(cls, parts: Parts, *, base_url: str, client_id: str) -> RedactLinks:
        """The links of one answer to ``client_id``, under ``base_url`` (the configured
        public base URL, else the request's)."""
        return cls(
            parts.links,
            base_url,
            client_id,
            parts.presigner(),
            parts.settings.storage.presign_expiry_seconds,
        )


def _add_redact_url(
    data: dict[str, Any], file_uuid: str, artifacts: Any, links: RedactLinks
) -> bool:
    """Give ``data["aadhaar_number"]`` its ``redact_url`` when the masked image exists; True if
    it did."""
    key = artifacts.get(REDACTED_ARTIFACT) if isinstance(artifacts, dict) else None
    aadhaar = data.get("aadhaar_number")
    if not key or not isinstance(aadhaar, dict):
        return False
    data["aadhaar_number"] = {**aadhaar, "redact_url": links.url(file_uuid, key)}
    return True


# -- the surfaces -------------------------------------------------------------------------


def file_data_json(
    result_json: str | None,
    artifacts_json: str | None,
    *,
    file_uuid: str,
    corrected: Mapping[str, Any] | None,
    links: RedactLinks,
) -> str:
    """A document's ``file_data`` in Bulk and Docstream extracts, as JSON text: the stored text
    as it is when there is nothing to add; else decoded once, corrected (``{path: value}``),
    given its redact link and encoded once. (A document not read yet: ``{"document_type":
    null}``.) The encoding is the one these answers have always had: ASCII when a link was
    added, UTF-8 text when only corrections were."""
    if not result_json or result_json == "null":
        return PENDING
    linked = artifacts_json is not None and REDACTED_ARTIFACT in artifacts_json
    if not corrected and not linked:
        return result_json
    data = json.loads(result_json)
    if not isinstance(data, dict):
        return result_json
    if corrected:
        overlay(data, corrected)
    if linked and _add_redact_url(data, file_uuid, json.loads(artifacts_json or "{}"), links):
        return json.dumps(data)
    return json.dumps(data, ensure_ascii=False) if corrected else result_json


def ocr_item(doc: FlowDocumentRow) -> dict[str, Any]:
    """One ``ocr_data`` item of the Flow API: ids, status and error, then the document's fields
    (``{value, confidence_score}`` objects) at the top level, as in the reference."""
    fields = dict(doc.result) if isinstance(doc.result, dict) else {}
    document_type = fields.pop("document_type", None) or doc.document_type
    item: dict[str, Any] = {
        "document_id": doc.document_id,
        "file_uuid": doc.file_uuid,
        "batch_id": doc.batch_id,
        "status": doc.status,
        "document_type": document_type,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
    }
    for key, value in fields.items():
        if key not in item:
            item[key] = value
    return item


def flow_item(doc: FlowDocumentRow, links: RedactLinks) -> dict[str, Any]:
    """An ``ocr_data`` item as the Flow API's extracts answer it: with its redact link."""
    item = ocr_item(doc)
    _add_redact_url(item, doc.file_uuid, doc.artifacts, links)
    return item


def ocr_items(docs: Sequence[FlowDocumentRow]) -> list[dict[str, Any]]:
    """The ``ocr_data`` of a callback (links are minted per answer, never sent or stored)."""
    return [ocr_item(d) for d in docs]


def mask_aadhaar_numbers(
    file_data: dict[str, Any], masking: AadhaarMasking = AadhaarMasking()
) -> dict[str, Any]:
    """Defence in depth: mask any full number left in ``aadhaar_number.value``, by the one rule
    (:mod:`kagaz.text.masking`), unless ``masking`` reveals numbers.

    The engine masks Aadhaar numbers itself; this makes sure that a full number never reaches the
    database even if it did not, and that a reviewer never sees one.

    >>> mask_aadhaar_numbers({"aadhaar_number": {"value": "2345 6789 0123", "confidence_score": 1}})
    {'aadhaar_number': {'value': 'XXXX XXXX 0123', 'confidence_score': 1}}
    """
    field = file_data.get("aadhaar_number")
    if isinstance(field, dict) and isinstance(field.get("value"), str):
        field["value"] = masking.value(field["value"])
    validations = file_data.get("validations")
    qr = (validations.get("aadhaar_qr") or {}).get("qr") if isinstance(validations, dict) else None
    if isinstance(qr, dict) and isinstance(qr.get("aadhaar_number"), str):  # an XML QR's number
        qr["aadhaar_number"] = masking.value(qr["aadhaar_number"])
    return file_data
