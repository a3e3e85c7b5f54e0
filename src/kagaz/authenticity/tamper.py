"""``validations.tamper_signals``: the evidence, gathered in one list, that a document was changed
after its issuer made it. Each signal names its source check; the entry is present only when
there is at least one:

    {"valid": false, "message": "…", "signals": [{"code", "message", "source"}]}

The sources are the other validations: the Aadhaar QR (an invalid signature, a QR that disagrees
with the printed text), the PDF signature (broken, or the document changed after signing) and
the statement forensics (a PDF re-saved by an editing tool, :mod:`kagaz.doctypes.pdf_forensics`).
Signals are evidence for a reviewer, not verdicts: an OCR misreading can make a field disagree.

>>> tamper_signals({"pdf_signature": {"intact": True, "modified_after_signing": True,
...                                   "message": "changed"}})["signals"][0]["code"]
'PDF_MODIFIED_AFTER_SIGNING'
>>> tamper_signals({"aadhaar_qr": {"signature_valid": True, "fields_match": {"name": True}}}) is None
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["tamper_signals"]


def tamper_signals(validations: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    signals: list[dict[str, str]] = []

    def add(code: str, message: str, source: str) -> None:
        signals.append({"code": code, "message": message, "source": source})

    qr = validations.get("aadhaar_qr") or {}
    if qr.get("signature_valid") is False:
        add("AADHAAR_QR_SIGNATURE_INVALID", "The Aadhaar QR's UIDAI signature does not verify", "aadhaar_qr")
    disagree = [k for k, v in (qr.get("fields_match") or {}).items() if v is False]
    if disagree:
        add("AADHAAR_QR_TEXT_MISMATCH", "The printed " + ", ".join(k.replace("_", " ") for k in disagree)
            + " disagree with the Aadhaar QR", "aadhaar_qr")
    sig = validations.get("pdf_signature") or {}
    if sig.get("intact") is False:
        add("PDF_SIGNATURE_BROKEN", sig.get("message") or "The PDF's signature does not match it", "pdf_signature")
    elif sig.get("modified_after_signing"):
        add("PDF_MODIFIED_AFTER_SIGNING", sig.get("message") or "The PDF changed after signing", "pdf_signature")
    meta = validations.get("pdf_metadata") or {}
    if meta.get("edited"):
        add("PDF_EDITED", meta.get("message") or "The PDF was re-saved by an editing tool", "pdf_metadata")
    if not signals:
        return None
    return {"valid": False, "message": "; ".join(s["message"] for s in signals), "signals": signals}
