"""Authenticity: how an image-based document was captured (every type), the Aadhaar's
UIDAI-signed QR code and a PDF's digital signature (:mod:`kagaz.authenticity`); then, after
validate, the tamper signals gathered from all the checks.

:class:`AuthenticityStage` runs after extract (the QR is compared with the fields) and before
validate, whose Aadhaar finishing step blacks out the QR's region (``Page.private_boxes``) in
the redacted image. :class:`TamperStage` runs after validate, whose type modules add their own
evidence (a statement's PDF forensics).
"""

from __future__ import annotations

from dataclasses import dataclass

from kagaz.authenticity.aadhaar_qr import check_aadhaar_qr
from kagaz.authenticity.pdf_signature import check_pdf_signature
from kagaz.authenticity.tamper import tamper_signals
from kagaz.authenticity.uidai_keys import UidaiKeys, load_keys
from kagaz.doctypes.base import make_field
from kagaz.imaging.quality import capture_quality
from kagaz.model import Document
from kagaz.pipeline.stages.base import Stage

__all__ = ["AuthenticityOptions", "AuthenticityStage", "TamperStage"]


@dataclass(frozen=True)
class AuthenticityOptions:
    uidai_keys: UidaiKeys
    reveal_aadhaar: bool = False
    #: DER certificates a signed PDF's chain may reach
    pdf_trust_roots: tuple[bytes, ...] = ()


class AuthenticityStage(Stage):
    name = "authenticity"

    def __init__(self, options: AuthenticityOptions | None = None) -> None:
        self.options = options or AuthenticityOptions(load_keys())

    def run(self, doc: Document) -> Document:
        if doc.document_type is None or not doc.fields:
            return doc
        # A page read from a PDF's text layer was never photographed or copied: it is the original
        # (judging its rendering would call a black-and-white e-PAN a photocopy).
        scanned = next((p for p in doc.pages if p.image is not None and not p.has_text_layer), None)
        if scanned is not None:
            flag, conf = capture_quality(scanned.image)  # type: ignore[arg-type]
            doc.fields["document_quality_flag"] = make_field(flag, conf)
        elif doc.pages and all(p.has_text_layer for p in doc.pages):
            doc.fields["document_quality_flag"] = make_field("original", 0.95)
        if doc.document_type == "AADHAAR":
            check_aadhaar_qr(doc, self.options.uidai_keys, reveal=self.options.reveal_aadhaar)
        if doc.format == "pdf":
            entry = check_pdf_signature(doc.data, password=doc.password,
                                        trust_roots=self.options.pdf_trust_roots)
            if entry is not None:
                doc.validations["pdf_signature"] = entry
        return doc


class TamperStage(Stage):
    name = "tamper"

    def run(self, doc: Document) -> Document:
        entry = tamper_signals(doc.validations)
        if entry is not None:
            doc.validations["tamper_signals"] = entry
        return doc
