"""UIDAI's public signing certificates, and the check of a Secure QR's RSA signature.

The certificates kagaz ships are listed in ``uidai/manifest.json`` with their source, SHA-256
fingerprint and validity; :func:`load_keys` refuses a bundled file whose fingerprint differs from
the manifest's. An operator adds newer ones (UIDAI rotates its signer every few years) by
pointing ``KAGAZ_ENGINE__UIDAI_CERTIFICATES_DIR`` at a folder of ``.cer``/``.pem``/``.crt``/``.der``
files; a file there that is no certificate stops the engine from starting (a silent skip would
turn every QR of that period into "no certificate applies").

:meth:`UidaiKeys.verify` answers like this:

* a certificate's key verifies the signature: ``True``, whatever the date (a signature made while
  a certificate was valid stays verifiable after it expires);
* a held key made the signature, but over other bytes (its PKCS#1 padding opens to a SHA-256
  digest that is not the data's): ``False``, certainly altered after signing;
* none verifies, and one whose validity covers the QR's generation time is held: ``False``: that
  certificate should have verified it, so the data or the signature was changed (if UIDAI ran
  two signers at once and the other one is not held, add its certificate: this is the answer
  that needs every signer of a period);
* none verifies and none covers that time (or the QR carries no readable time): ``None``: the
  key UIDAI used then may simply not be held.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kagaz.errors import ConfigurationError

__all__ = ["BUNDLED_DIR", "SigningCertificate", "UidaiKeys", "Verdict", "certificate_files", "load_keys"]

log = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).with_name("uidai")
_SUFFIXES = {".cer", ".pem", ".crt", ".der"}


@dataclass(frozen=True)
class SigningCertificate:
    """One signer: its subject's common name, fingerprint, validity and RSA key."""

    name: str
    fingerprint: str  # SHA-256 of the DER certificate, upper-case hex
    not_before: dt.datetime
    not_after: dt.datetime
    key: rsa.RSAPublicKey
    origin: str  # "bundled" or "operator"
    der: bytes = b""  # the certificate itself (a PDF signed by UIDAI chains to it)

    def covers(self, when: dt.datetime) -> bool:
        return self.not_before <= when <= self.not_after

    def wire(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.fingerprint, "origin": self.origin,
                "valid_from": self.not_before.date().isoformat(),
                "valid_until": self.not_after.date().isoformat()}


@dataclass(frozen=True)
class Verdict:
    valid: bool | None
    certificate: SigningCertificate | None
    message: str


class UidaiKeys:
    """The certificates a Secure QR's signature is checked against."""

    def __init__(self, certificates: list[SigningCertificate]) -> None:
        self.certificates = certificates

    def verify(self, signed: bytes, signature: bytes, when: dt.datetime | None) -> Verdict:
        for cert in self.certificates:
            try:
                cert.key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
            except (InvalidSignature, ValueError):
                continue
            return Verdict(True, cert, f"Signed by {cert.name}")
        for cert in self.certificates:
            if _signed_other_bytes(cert.key, signature):
                return Verdict(False, cert, f"Signed by {cert.name} over other data: the QR was altered after signing")
        covering = [c for c in self.certificates if when is not None and c.covers(when)]
        if covering:
            return Verdict(False, covering[0], f"The signature does not verify against {covering[0].name}, "
                           "which was UIDAI's signer when the QR was generated: the QR was altered or forged")
        if when is None:
            return Verdict(None, None, "No held certificate verifies the signature, and the QR's "
                           "generation time is unreadable")
        return Verdict(None, None, f"No held certificate covers {when.date().isoformat()}, when the "
                       "QR was generated: add UIDAI's certificate of that period to verify it")


# DER DigestInfo of SHA-256 (RFC 8017, 9.2): what PKCS#1 v1.5 pads before the 32-byte digest.
_SHA256_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def _signed_other_bytes(key: rsa.RSAPublicKey, signature: bytes) -> bool:
    """True when ``key`` opens ``signature`` to a well-formed PKCS#1 v1.5 SHA-256 block (so the
    key's owner made it) although it did not verify: the signed data was changed since."""
    numbers = key.public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    value = int.from_bytes(signature, "big")
    if len(signature) != size or value >= numbers.n:
        return False
    block = pow(value, numbers.e, numbers.n).to_bytes(size, "big")
    padding_len = size - 3 - len(_SHA256_INFO) - 32
    return block[:2] == b"\x00\x01" and block[2:2 + padding_len] == b"\xff" * padding_len and \
        block[2 + padding_len:3 + padding_len + len(_SHA256_INFO)] == b"\x00" + _SHA256_INFO


def _certificate(data: bytes, origin: str, path: Path) -> SigningCertificate:
    try:
        cert = (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                else x509.load_der_x509_certificate(data))
    except ValueError as exc:
        raise ConfigurationError(f"{path.name} is not an X.509 certificate") from exc
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise ConfigurationError(f"{path.name} does not hold an RSA key")
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    der = cert.public_bytes(serialization.Encoding.DER)
    return SigningCertificate(
        name=str(cn[0].value) if cn else cert.subject.rfc4514_string(),
        fingerprint=hashlib.sha256(der).hexdigest().upper(),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        key=key, origin=origin, der=der,
    )


def certificate_files(folder: Path) -> list[Path]:
    """The certificate files of an operator's folder (which must exist)."""
    if not folder.is_dir():
        raise ConfigurationError(f"Certificates folder {folder} does not exist")
    return [p for p in sorted(folder.iterdir()) if p.suffix.lower() in _SUFFIXES and p.is_file()]


def _bundled() -> list[SigningCertificate]:
    manifest = json.loads((BUNDLED_DIR / "manifest.json").read_text("utf-8"))
    out = []
    for entry in manifest["certificates"]:
        path = BUNDLED_DIR / entry["file"]
        cert = _certificate(path.read_bytes(), "bundled", path)
        if cert.fingerprint != entry["sha256"].upper():
            raise ConfigurationError(f"{path.name} does not match its fingerprint in the manifest")
        out.append(cert)
    return out


@functools.lru_cache(maxsize=8)
def load_keys(extra_dir: Path | None = None) -> UidaiKeys:
    """The bundled certificates plus every certificate file in ``extra_dir``."""
    certs = _bundled()
    if extra_dir is not None:
        certs += [_certificate(path.read_bytes(), "operator", path) for path in certificate_files(extra_dir)]
        log.info("UIDAI certificates: %d bundled, %d from %s", len(_bundled()),
                 len(certs) - len(_bundled()), extra_dir)
    return UidaiKeys(certs)
