"""``validations.pdf_signature``: a signed PDF's digital signatures checked offline (pyHanko).

e-Aadhaar and e-PAN PDFs, many bank e-statements and GST certificates carry a PDF signature
(PAdES / adbe.pkcs7.detached). For the document's last signature (the one that covers the most)
the entry says::

    {"signed": true, "signatures": 1, "signer": "DS UNIQUE IDENTIFICATION AUTHORITY OF INDIA 05",
     "signed_at": "2023-03-01T09:00:00+05:30", "intact": true, "covers_whole_document": true,
     "modified_after_signing": false, "modification_level": "NONE",
     "chain_trusted": true, "trusted_authority": "…", "valid": true, "message": "…"}

* ``intact``: the signed bytes hash to what the signature signed and the signature verifies
  with the signer's key;
* ``covers_whole_document``: the signature's byte range reaches the end of the file;
* ``modified_after_signing``: bytes were added after signing that change more than signatures,
  timestamps or form fields (pyHanko's difference analysis), or the range does not cover a
  whole revision;
* ``chain_trusted``: the signer's certificate chains, offline, to an authority kagaz holds: the
  bundled UIDAI certificates or an operator's folder (``KAGAZ_ENGINE__TRUSTED_PDF_ROOTS_DIR``).
  Nothing is fetched and revocation is not checked.

``valid`` is true only when the signature is intact, covers the document, nothing was modified
and the chain is trusted. pyHanko loads in seconds, so it is imported only for a PDF that has a
signature dictionary at all.
"""

from __future__ import annotations

import functools
import io
import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from kagaz.authenticity.uidai_keys import UidaiKeys, certificate_files
from kagaz.errors import ConfigurationError

__all__ = ["check_pdf_signature", "load_trust_roots", "looks_signed"]

log = logging.getLogger(__name__)

# Changes after signing that a signed document legitimately receives (more signatures,
# timestamps, validation data, form filling): anything else is an edit.
_HARMLESS = ("NONE", "LTA_UPDATES", "FORM_FILLING")


@functools.lru_cache(maxsize=8)
def _folder_roots(folder: Path) -> tuple[bytes, ...]:
    out = []
    for path in certificate_files(folder):
        data = path.read_bytes()
        try:
            cert = (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                    else x509.load_der_x509_certificate(data))
        except ValueError as exc:
            raise ConfigurationError(f"{path.name} is not an X.509 certificate") from exc
        out.append(cert.public_bytes(serialization.Encoding.DER))
    return tuple(out)


def load_trust_roots(uidai: UidaiKeys, folder: Path | None = None) -> tuple[bytes, ...]:
    """What a signed PDF's chain may reach (DER): UIDAI's certificates (an e-Aadhaar is signed
    with them) and every certificate in ``folder`` (the operator's authorities)."""
    roots = tuple(c.der for c in uidai.certificates if c.der)
    return roots + (_folder_roots(folder) if folder is not None else ())


def looks_signed(data: bytes) -> bool:
    """Cheap test: a PDF signature dictionary has a /ByteRange.

    >>> looks_signed(b"%PDF-1.7 ... /Type /Sig /ByteRange [0 10 20 30]"), looks_signed(b"%PDF-1.7")
    (True, False)
    """
    return b"/ByteRange" in data


def check_pdf_signature(data: bytes, *, password: str | None = None,
                        trust_roots: Sequence[bytes] = ()) -> dict[str, Any] | None:
    """The ``pdf_signature`` entry of a PDF, or None when it carries no signature.

    ``trust_roots`` are DER certificates the signer's chain may reach."""
    if not looks_signed(data):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyHanko warns about DSA's deprecation on import
        from pyhanko.pdf_utils.reader import PdfFileReader
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            if password is None:
                return _problem("The PDF is encrypted: its signature was not checked")
            reader.decrypt(password)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a malformed PDF is the document's problem
        log.info("PDF signatures unreadable: %s", type(exc).__name__)
        return _problem("The PDF's signatures could not be read")
    if not signatures:
        return None
    entry = _status(signatures[-1], trust_roots)
    entry["signatures"] = len(signatures)
    return entry


def _problem(message: str) -> dict[str, Any]:
    return {"signed": True, "intact": None, "valid": None, "message": message}


def _status(sig: Any, trust_roots: Sequence[bytes]) -> dict[str, Any]:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(der) for der in trust_roots]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        # Document signers assert digitalSignature, nonRepudiation or both: either will do.
        usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                    match_all_key_usages=False)
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
    except Exception as exc:  # noqa: BLE001 - a broken signature is data, not a failure
        log.info("PDF signature unverifiable: %s", type(exc).__name__)
        return {"signed": True, "intact": False, "valid": False,
                "message": "The PDF's signature is malformed and cannot be verified"}
    cert = status.signing_cert
    coverage = status.coverage.name if status.coverage is not None else "UNCLEAR"
    level = status.modification_level.name if status.modification_level is not None else "OTHER"
    whole = coverage == "ENTIRE_FILE"
    modified = coverage not in ("ENTIRE_FILE", "ENTIRE_REVISION") or (not whole and level not in _HARMLESS)
    intact = bool(status.intact and status.valid)
    trusted = bool(status.trusted)
    path = status.validation_path
    anchor = path.trust_anchor.authority.name.human_friendly if trusted and path is not None else None
    out: dict[str, Any] = {
        "signed": True,
        "signer": _common_name(cert),
        "signed_at": status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
        "intact": intact,
        "covers_whole_document": whole,
        "modified_after_signing": modified,
        "modification_level": level,
        "chain_trusted": trusted,
        "trusted_authority": anchor,
    }
    out["valid"] = intact and not modified and trusted
    out["message"] = _message(out)
    return out


def _common_name(cert: Any) -> str | None:
    if cert is None:
        return None
    try:
        cn = cert.subject.native.get("common_name")
    except Exception:  # noqa: BLE001 - an odd subject still names the signer somehow
        cn = None
    return str(cn) if cn else cert.subject.human_friendly


def _message(e: dict[str, Any]) -> str:
    if not e["intact"]:
        return "The signature does not match the document: it was altered after signing"
    if e["modified_after_signing"]:
        return f"Signed by {e['signer']}, then changed ({e['modification_level'].lower()})"
    if not e["chain_trusted"]:
        return f"Signed by {e['signer']}, whose certificate does not chain to an authority kagaz holds"
    return f"Signed by {e['signer']}; the chain reaches {e['trusted_authority']}"
