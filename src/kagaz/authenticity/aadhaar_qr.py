"""``validations.aadhaar_qr``: the Aadhaar's QR code read, its UIDAI signature checked, and what
it says compared with what the OCR read.

The entry (additive to the Atlas shape)::

    {"present": bool, "decoded": bool, "signature_valid": true | false | null,
     "certificate": {"name", "sha256", "origin", "valid_from", "valid_until"} | null,
     "fields_match": {"name", "date_of_birth", "gender", "address", "last_four": true|false|null},
     "valid": true | false | null, "message": str,
     "qr": {"kind", "version", "generated_at", "aadhaar_number": "XXXX XXXX 1234", ...}}

``fields_match`` holds null where the OCR did not read the field (or, for a name or an address,
where the comparison is inconclusive). ``valid`` is true only when the signature verifies and
no field disagrees. Under the Aadhaar Act the QR's contents are as private as the number: the
name, date of birth, gender, address and photo appear under ``qr`` only when Aadhaar reveal is on
(:class:`kagaz.text.masking.AadhaarMasking`); the QR's region is added to the page's
``private_boxes`` so that the redacted image and the review images black it out.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import numpy as np
from PIL import Image

from kagaz.authenticity.secure_qr import AadhaarQr, parse
from kagaz.authenticity.uidai_keys import UidaiKeys
from kagaz.imaging.qr import QrCode, qr_like_regions, read_qr_codes
from kagaz.matching.addresses import match_addresses
from kagaz.matching.base import MATCH, MISMATCH, PARTIAL
from kagaz.matching.names import match_names
from kagaz.model import Document, Field, Page
from kagaz.text.dates import parse_date
from kagaz.text.masking import masked_form

__all__ = ["check_aadhaar_qr", "compare"]

_PAD = 0.06  # of the code's side: the quiet zone and a margin for a drifting box
_IMAGE_FORMATS = frozenset({"jpeg", "png", "webp", "tiff", "bmp"})


def check_aadhaar_qr(doc: Document, keys: UidaiKeys, *, reveal: bool = False) -> dict[str, Any]:
    """Find the QR on ``doc``'s pages, check it and store ``doc.validations["aadhaar_qr"]``."""
    found: list[tuple[QrCode, AadhaarQr]] = []
    for page in doc.pages:
        if page.picture() is None:
            continue
        for code in _page_codes(doc, page):
            qr = parse(code.text) if code.text is not None else AadhaarQr(problem="the QR code is unreadable")
            found.append((code, qr))
            x0, y0, x1, y1 = code.box
            pad = _PAD * max(x1 - x0, y1 - y0)
            page.private_boxes.append((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    entry = _entry(found, doc.fields, keys, reveal)
    doc.validations["aadhaar_qr"] = entry
    return entry


def _page_codes(doc: Document, page: Page) -> list[QrCode]:
    """The page's QR codes, boxes in the page's pixels.

    The engine's page is straightened and cropped, which resamples a dense code's modules; when
    it yields no readable code, the uploaded image is read at its own resolution, and the code's
    box on the page is where the page shows a code (located but unreadable) or a QR-like patch:
    masking a little too much is safe, leaving the code visible is not."""
    codes = read_qr_codes(page.image)  # type: ignore[arg-type]
    if any(c.text for c in codes):
        return codes
    original = _original_image(doc, page.index)
    text = next((c.text for c in read_qr_codes(original) if c.text), None) if original is not None else None
    if text is None:
        return codes
    grey = np.asarray(page.image.convert("L"))  # type: ignore[union-attr]
    boxes = [c.box for c in codes] or [tuple(map(float, b)) for b in qr_like_regions(grey, limit=2)]
    return [QrCode(text, box) for box in boxes[:1]] + [QrCode(None, box) for box in boxes[1:]]  # type: ignore[misc]


def _original_image(doc: Document, index: int) -> Image.Image | None:
    """Page ``index`` of an uploaded image file as it came, or of a PDF rendered at 400 dpi (the
    engine renders at 200, which can merge a dense code's modules)."""
    if doc.format == "pdf" and doc.data:
        return _render_pdf_page(doc, index)
    if doc.format not in _IMAGE_FORMATS or not doc.data:
        return None
    try:
        img = Image.open(io.BytesIO(doc.data))
        if index:
            img.seek(index)
        img.load()
        return img
    except (OSError, EOFError, ValueError):
        return None


def _render_pdf_page(doc: Document, index: int) -> Image.Image | None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(doc.data, password=doc.password)
        try:
            page = pdf[index]
            # 400 dpi, but never past 6000 pixels on the longer side (a poster-sized page).
            scale = min(400 / 72, 6000 / max(1.0, *page.get_size()))
            return page.render(scale=scale, grayscale=True).to_pil()
        finally:
            pdf.close()
    except (pdfium.PdfiumError, IndexError, ValueError):
        return None


def _entry(found: list[tuple[QrCode, AadhaarQr]], fields: dict[str, Field], keys: UidaiKeys,
           reveal: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"present": bool(found), "decoded": False, "signature_valid": None,
                           "certificate": None, "fields_match": {}, "valid": None}
    if not found:
        out["message"] = "No QR code could be located on the document"
        return out
    # The Aadhaar QR, if any code is one; else the first code's problem.
    qr = next((q for _, q in found if q.decoded), None)
    if qr is None:
        out["message"] = f"A QR code was found but not read: {found[0][1].problem}"
        return out
    out["decoded"] = True
    out["qr"] = _qr_view(qr, reveal)
    matches = compare(qr, fields)
    out["fields_match"] = matches
    disagree = [k for k, v in matches.items() if v is False]
    if qr.signed:
        verdict = keys.verify(qr.signed_bytes, qr.signature, qr.generated_at)
        out["signature_valid"] = verdict.valid
        out["certificate"] = verdict.certificate.wire() if verdict.certificate else None
        sig_message = verdict.message
    else:
        sig_message = "The older XML QR carries no signature"
    if out["signature_valid"] is False:
        out["valid"] = False
    elif disagree:
        out["valid"] = False
    elif out["signature_valid"] is True:
        out["valid"] = True
    parts = [sig_message]
    if disagree:
        parts.append("the QR disagrees with the printed " + ", ".join(k.replace("_", " ") for k in disagree))
    out["message"] = "; ".join(parts)
    return out


def compare(qr: AadhaarQr, fields: dict[str, Field]) -> dict[str, bool | None]:
    """Each QR field against the OCR's reading: True agrees, False disagrees, None unknown."""
    def value(key: str) -> Any:
        f = fields.get(key)
        return f.value if f is not None and f.value not in (None, "") else None

    out: dict[str, bool | None] = {}
    name = value("name")
    out["name"] = _result(match_names(qr.name, name).result) if name and qr.name else None
    dob = parse_date(str(value("date_of_birth"))) if value("date_of_birth") else None
    if dob and qr.dob:
        out["date_of_birth"] = dob == qr.dob.strftime("%d/%m/%Y")
    elif value("year_of_birth") and qr.year_of_birth:
        out["date_of_birth"] = str(value("year_of_birth")) == str(qr.year_of_birth)
    elif dob and qr.year_of_birth:
        out["date_of_birth"] = dob.endswith(str(qr.year_of_birth))
    else:
        out["date_of_birth"] = None
    gender = value("gender")
    out["gender"] = str(gender).upper() == qr.gender if gender and qr.gender else None
    address = value("address")
    if address and qr.address:
        res = match_addresses(qr.address_text, str(address)).result
        out["address"] = True if res in (MATCH, PARTIAL) else (False if res == MISMATCH else None)
    else:
        out["address"] = None
    digits = re.sub(r"\D", "", str(value("aadhaar_number") or ""))
    out["last_four"] = digits[-4:] == qr.last_four if len(digits) >= 4 and qr.last_four else None
    return out


def _result(result: str) -> bool | None:
    return True if result == MATCH else (False if result == MISMATCH else None)


def _qr_view(qr: AadhaarQr, reveal: bool) -> dict[str, Any]:
    """What the result shows of the QR: the masked number and the QR's own metadata; its
    personal data and photo only with reveal on."""
    out: dict[str, Any] = {"kind": qr.kind, "version": qr.version}
    if qr.generated_at is not None:
        out["generated_at"] = qr.generated_at.isoformat()
    if qr.last_four:
        out["aadhaar_number"] = masked_form("00000000" + qr.last_four)
    out["photo_present"] = bool(qr.photo)
    if qr.kind == "secure":
        out["email_hash_present"] = qr.email_hash is not None
        out["mobile_hash_present"] = qr.mobile_hash is not None
    if not reveal:
        return out
    if qr.uid and re.fullmatch(r"\d{12}", qr.uid):
        out["aadhaar_number"] = qr.uid
    out.update({
        "name": qr.name,
        "date_of_birth": qr.dob.strftime("%d/%m/%Y") if qr.dob else None,
        "year_of_birth": qr.year_of_birth,
        "gender": qr.gender,
        "address": qr.address_text or None,
        "address_parts": dict(qr.address),
    })
    if qr.mobile_last_four:
        out["mobile_last_four"] = qr.mobile_last_four
    if qr.photo:
        out["photo_jp2_base64"] = base64.b64encode(qr.photo).decode("ascii")
    return out
