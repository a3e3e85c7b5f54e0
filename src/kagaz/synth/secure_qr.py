"""Synthetic Aadhaar Secure QR codes, signed with a test key: the encoder the tests and the
generator use to exercise :mod:`kagaz.authenticity.secure_qr` end to end.

:func:`payload` lays the fields out as UIDAI's specification does (see that module), signs them
with an RSA key and returns the decimal number a QR code holds; :func:`test_signer` makes a
self-signed test certificate (never UIDAI's: a synthetic QR must never verify as genuine
against the bundled certificates); :func:`qr_image` draws the number as a QR code.

>>> key, cert = test_signer()
>>> from kagaz.authenticity.secure_qr import parse
>>> qr = parse(payload(QrPerson("Ravi Kumar", "01-02-1990", "M", {"state": "Kerala"}, "4902"), key))
>>> (qr.version, qr.name, qr.last_four, qr.dob.isoformat())
('V2', 'Ravi Kumar', '4902', '1990-02-01')
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import random
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

__all__ = ["QrPerson", "payload", "photo_jp2", "qr_image", "sign", "test_signer"]

_ADDRESS_KEYS = ("care_of", "district", "landmark", "house", "location", "pincode", "post_office",
                 "state", "street", "sub_district", "vtc")


@dataclass
class QrPerson:
    """What a Secure QR carries about one resident."""

    name: str
    dob: str  # DD-MM-YYYY (or a year)
    gender: str  # M, F or T
    address: dict[str, str]
    last_four: str
    generated: dt.datetime = field(default_factory=lambda: dt.datetime(2024, 3, 1, 10, 30, 0))
    mobile_last_four: str = "1234"
    email: str | None = None
    mobile: str | None = None


def photo_jp2(rng: random.Random, size: tuple[int, int] = (48, 60), rate: float = 40) -> bytes:
    """A small face-like JPEG 2000 photo, compressed hard as UIDAI's are."""
    img = Image.new("RGB", size, tuple(rng.randint(150, 230) for _ in range(3)))  # type: ignore[arg-type]
    d = ImageDraw.Draw(img)
    w, h = size
    skin = (rng.randint(150, 210), rng.randint(110, 160), rng.randint(80, 120))
    d.ellipse((w * 0.25, h * 0.15, w * 0.75, h * 0.65), fill=skin)
    d.rectangle((w * 0.15, h * 0.7, w * 0.85, h), fill=(rng.randint(0, 90),) * 3)
    buf = io.BytesIO()
    img.save(buf, "JPEG2000", quality_mode="rates", quality_layers=[rate], irreversible=True)
    return buf.getvalue()


def _fields(p: QrPerson, version: str | None, indicator: str) -> list[bytes]:
    ref = p.last_four + p.generated.strftime("%Y%m%d%H%M%S") + f"{p.generated.microsecond // 1000:03d}"
    values = [indicator, ref, p.name, p.dob, p.gender, *(p.address.get(k, "") for k in _ADDRESS_KEYS)]
    if version:
        values = [version, *values, p.mobile_last_four]
    return [v.encode("utf-8") for v in values]


def sign(key: rsa.RSAPrivateKey, data: bytes) -> bytes:
    """UIDAI's scheme: RSA PKCS#1 v1.5 over SHA-256."""
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def payload(p: QrPerson, key: rsa.RSAPrivateKey, *, version: str | None = "V2",
            photo: bytes | None = None, tamper: bool = False, truncate: int = 0,
            compress: str = "gzip") -> str:
    """The decimal number of a Secure QR for ``p`` signed by ``key``.

    ``tamper`` changes the name after signing (the signature no longer covers the data);
    ``truncate`` drops that many bytes from the end of the compressed stream."""
    from hashlib import sha256

    flags = (p.email is not None, p.mobile is not None)
    indicator = str({(False, False): 0, (True, False): 1, (False, True): 2, (True, True): 3}[flags])
    body = b"\xff".join(_fields(p, version, indicator)) + b"\xff"
    body += photo if photo is not None else photo_jp2(random.Random(p.name))
    if p.email is not None:
        body += sha256(p.email.encode()).digest()
    if p.mobile is not None:
        body += sha256(p.mobile.encode()).digest()
    signature = sign(key, body)
    if tamper:
        body = body.replace(p.name.encode("utf-8"), p.name[::-1].encode("utf-8"), 1)
    data = body + signature
    packed = gzip.compress(data, mtime=0) if compress == "gzip" else __import__("zlib").compress(data)
    if truncate:
        packed = packed[:-truncate]
    return str(int.from_bytes(packed, "big"))


def _prime(rng: random.Random, bits: int) -> int:
    """A random prime of ``bits`` bits from ``rng`` (Miller-Rabin, 40 rounds)."""
    while True:
        n = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if all(n % p for p in _SMALL_PRIMES) and _probably_prime(n, rng):
            return n


_SMALL_PRIMES = (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73)


def _probably_prime(n: int, rng: random.Random) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(40):
        x = pow(rng.randrange(2, n - 2), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


@functools.lru_cache(maxsize=8)
def test_signer(seed: str = "kagaz TEST Secure QR signer") -> tuple[rsa.RSAPrivateKey, bytes]:
    """(private key, PEM certificate) of a self-signed test signer, valid 2015-2035.

    The key is derived from ``seed`` so that the synthetic corpus is the same on every run
    (``cryptography`` cannot seed its own key generation); no private key is stored anywhere."""
    rng = random.Random(seed)
    e = 65537
    while True:
        p, q = _prime(rng, 1024), _prime(rng, 1024)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e and (p * q).bit_length() == 2048:
            break
    d = pow(e, -1, phi)
    key = rsa.RSAPrivateNumbers(
        p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, p * q),
    ).private_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, seed),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "kagaz tests (not UIDAI)")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(rng.getrandbits(64) | 1)
            .not_valid_before(dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
            .not_valid_after(dt.datetime(2035, 1, 1, tzinfo=dt.UTC))
            .sign(key, hashes.SHA256()))
    return key, cert.public_bytes(serialization.Encoding.PEM)


def qr_image(number: str, size: int, *, ec_level: str = "M") -> Image.Image:
    """The QR code of ``number`` (numeric mode), ``size`` pixels square with a quiet zone."""
    import zxingcpp

    barcode = zxingcpp.create_barcode(number, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    img = Image.fromarray(barcode.to_image(scale=1, add_quiet_zones=True)).convert("L")
    return img.resize((size, size), Image.Resampling.NEAREST).convert("RGB")
