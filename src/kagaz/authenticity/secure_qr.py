"""Aadhaar Secure QR (UIDAI, "Secure QR Code Specification", 2019 onwards) and the older XML QR.

The Secure QR holds one long decimal number. As big-endian bytes it is a gzip stream (some
printers emit a raw zlib stream: both are accepted). Decompressed, the text fields come first,
each ended by byte 255:

* V2 and later: the version (``V2``, ``V3`` …), the email/mobile indicator, the reference id,
  name, date of birth (DD-MM-YYYY), gender (M/F/T), care of, district, landmark, house,
  location, PIN, post office, state, street, sub-district, VTC, and the mobile's last four
  digits (later versions may append more fields before the photo);
* the first, unversioned format: the same without the version and without the mobile digits.

Then the photo (JPEG 2000), then the SHA-256 hashes of the email and of the mobile number (32
bytes each) where the indicator says so (0 none, 1 email, 2 mobile, 3 both), and last the
256-byte RSA PKCS#1 v1.5 SHA-256 signature over every byte before it. The reference id is the
number's last four digits followed by the generation time ``YYYYMMDDHHMMSSmmm``.

The photo is found by its JPEG 2000 signature rather than by counting fields: photo bytes
contain byte 255 too, and versions differ in how many text fields precede it.

The older QR (2012-2018 cards) is plain XML, ``<PrintLetterBarcodeData uid=… name=… />``,
unsigned.

>>> parse("12345").problem
'not a Secure QR: the number is not a compressed stream'
>>> parse("hello").problem
'not an Aadhaar QR'
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

__all__ = ["ADDRESS_KEYS", "SIGNATURE_BYTES", "AadhaarQr", "parse"]

SIGNATURE_BYTES = 256
HASH_BYTES = 32
#: Address parts in the order the Secure QR stores them.
ADDRESS_KEYS = ("care_of", "district", "landmark", "house", "location", "pincode", "post_office",
                "state", "street", "sub_district", "vtc")
_TEXT_KEYS = ("email_mobile_indicator", "reference_id", "name", "dob", "gender", *ADDRESS_KEYS)
# A real payload is 1-4 KB; anything far larger is not a QR's (and guards against a zip bomb).
_MAX_DECOMPRESSED = 64 * 1024
_MAX_DIGITS = 20_000
_JP2_MAGICS = (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")
_XML_ADDRESS = (("co", "care_of"), ("house", "house"), ("street", "street"), ("lm", "landmark"),
                ("loc", "location"), ("vtc", "vtc"), ("po", "post_office"),
                ("subdist", "sub_district"), ("dist", "district"), ("state", "state"),
                ("pc", "pincode"))
_GENDERS = {"M": "MALE", "F": "FEMALE", "T": "TRANSGENDER", "MALE": "MALE", "FEMALE": "FEMALE",
            "TRANSGENDER": "TRANSGENDER"}


@dataclass
class AadhaarQr:
    """What an Aadhaar QR says. ``kind`` is ``"secure"`` or ``"xml"``; ``problem`` is why it
    could not be read (then the other fields are empty)."""

    kind: str = ""
    version: str | None = None
    # Personal data stays out of repr(): a traceback or a debug log must not carry it.
    name: str | None = field(default=None, repr=False)
    dob: dt.date | None = field(default=None, repr=False)
    year_of_birth: int | None = field(default=None, repr=False)
    gender: str | None = field(default=None, repr=False)
    address: dict[str, str] = field(default_factory=dict, repr=False)
    last_four: str | None = None
    #: XML QR only: the number as printed in the QR (12 digits, or masked); never logged
    uid: str | None = field(default=None, repr=False)
    generated_at: dt.datetime | None = None
    mobile_last_four: str | None = field(default=None, repr=False)
    email_hash: bytes | None = field(default=None, repr=False)
    mobile_hash: bytes | None = field(default=None, repr=False)
    photo: bytes | None = field(default=None, repr=False)
    signed_bytes: bytes = field(default=b"", repr=False)
    signature: bytes = field(default=b"", repr=False)
    problem: str | None = None

    @property
    def decoded(self) -> bool:
        return self.problem is None

    @property
    def signed(self) -> bool:
        return self.kind == "secure" and len(self.signature) == SIGNATURE_BYTES

    @property
    def address_text(self) -> str:
        """The address parts joined in the order a card prints them."""
        order = ("care_of", "house", "street", "landmark", "location", "vtc", "post_office",
                 "sub_district", "district", "state", "pincode")
        return ", ".join(self.address[k] for k in order if self.address.get(k))


def parse(text: str | bytes) -> AadhaarQr:
    """Read a QR's content: a Secure QR number or the older XML; ``problem`` says what failed."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    body = text.strip()
    if body.startswith("<"):
        return _parse_xml(body)
    if not body.isdigit():
        return AadhaarQr(problem="not an Aadhaar QR")
    if len(body) > _MAX_DIGITS:
        return AadhaarQr(problem="not a Secure QR: the number is too long")
    raw = int(body).to_bytes((int(body).bit_length() + 7) // 8 or 1, "big")
    data, problem = _decompress(raw)
    if data is None:
        return AadhaarQr(problem=problem)
    return _parse_secure(data)


def _decompress(raw: bytes) -> tuple[bytes | None, str | None]:
    """(data, None) or (None, why): gzip or zlib, whole and bounded."""
    for wbits in (16 + zlib.MAX_WBITS, zlib.MAX_WBITS):
        d = zlib.decompressobj(wbits)
        try:
            out = d.decompress(raw, _MAX_DECOMPRESSED)
        except zlib.error:
            continue
        if d.unconsumed_tail:
            return None, "not a Secure QR: the payload is implausibly large"
        if not d.eof:
            return None, "the Secure QR is truncated: its compressed stream ends early"
        return out, None
    return None, "not a Secure QR: the number is not a compressed stream"


def _photo_start(data: bytes, after: int) -> int:
    hits = [i for m in _JP2_MAGICS if (i := data.find(m, after)) >= 0]
    return min(hits) if hits else -1


def _parse_secure(data: bytes) -> AadhaarQr:
    if len(data) <= SIGNATURE_BYTES + 20:
        return AadhaarQr(kind="secure", problem="the Secure QR is too short to carry a signature")
    signed, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    # The version, if any, is the first field: "V2", "V3" …
    first = data[: data.find(b"\xff")] if b"\xff" in data[:8] else b""
    versioned = re.fullmatch(rb"V\d{1,2}", first) is not None
    skip = len(first) + 1 if versioned else 0
    start = _photo_start(signed, skip)
    head = signed[skip:start] if start >= 0 else b""
    parts = head.split(b"\xff")
    if start < 0 or len(parts) < len(_TEXT_KEYS) + 1:
        return AadhaarQr(kind="secure", problem="the Secure QR's fields are incomplete")
    texts = [p.decode("iso-8859-1" if _not_utf8(p) else "utf-8").strip() for p in parts[:-1]]
    values = dict(zip(_TEXT_KEYS, texts, strict=False))
    indicator = values["email_mobile_indicator"]
    if indicator not in {"0", "1", "2", "3"}:
        return AadhaarQr(kind="secure", problem="the Secure QR's email/mobile indicator is invalid")
    n_hash = {"0": 0, "1": 1, "2": 1, "3": 2}[indicator]
    photo_end = len(signed) - HASH_BYTES * n_hash
    if photo_end <= start:
        return AadhaarQr(kind="secure", problem="the Secure QR is too short for its photo and hashes")
    hashes = signed[photo_end:]
    ref = values["reference_id"]
    qr = AadhaarQr(
        kind="secure",
        version=first.decode() if versioned else "V1",
        name=values["name"] or None,
        dob=_date(values["dob"]),
        gender=_GENDERS.get(values["gender"].upper()),
        address={k: values[k] for k in ADDRESS_KEYS if values.get(k)},
        last_four=ref[:4] if re.match(r"\d{4}", ref) else None,
        generated_at=_timestamp(ref[4:]),
        mobile_last_four=texts[len(_TEXT_KEYS)] if versioned and len(texts) > len(_TEXT_KEYS) else None,
        email_hash=hashes[:HASH_BYTES] if indicator in {"1", "3"} else None,
        mobile_hash=hashes[-HASH_BYTES:] if indicator in {"2", "3"} else None,
        photo=signed[start:photo_end],
        signed_bytes=signed,
        signature=signature,
    )
    if qr.dob is not None:
        qr.year_of_birth = qr.dob.year
    elif re.fullmatch(r"(19|20)\d\d", values["dob"]):
        qr.year_of_birth = int(values["dob"])
    return qr


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _date(text: str) -> dt.date | None:
    """'25-12-1985', '25/12/1985' or '1985-12-25' as a date."""
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text.strip())
    ymd = (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    m2 = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if m2:
        ymd = (int(m2.group(1)), int(m2.group(2)), int(m2.group(3)))
    try:
        return dt.date(*ymd) if ymd else None
    except ValueError:
        return None


def _timestamp(text: str) -> dt.datetime | None:
    """The reference id's generation time, YYYYMMDDHHMMSS with optional milliseconds (IST)."""
    m = re.match(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})", text)
    if not m:
        return None
    try:
        ist = dt.timezone(dt.timedelta(hours=5, minutes=30))
        return dt.datetime(*(int(g) for g in m.groups()), tzinfo=ist)  # type: ignore[misc]
    except ValueError:
        return None


def _parse_xml(body: str) -> AadhaarQr:
    # Entities and DTDs have no place in a QR: refusing them rules out entity-expansion bombs.
    if len(body) > _MAX_DIGITS or re.search(r"<!(DOCTYPE|ENTITY)", body, re.I):
        return AadhaarQr(kind="xml", problem="not an Aadhaar QR: unexpected XML")
    try:
        root = ElementTree.fromstring(body.encode("utf-8"))
    except ElementTree.ParseError:
        return AadhaarQr(kind="xml", problem="the XML QR is not well-formed")
    if not root.tag.endswith("PrintLetterBarcodeData"):
        return AadhaarQr(kind="xml", problem="not an Aadhaar QR: unexpected XML")
    a = {k: (v or "").strip() for k, v in root.attrib.items()}
    uid = re.sub(r"\s", "", a.get("uid", ""))
    dob = _date(a.get("dob", ""))
    yob = a.get("yob", "")
    return AadhaarQr(
        kind="xml",
        version="XML",
        name=a.get("name") or None,
        dob=dob,
        year_of_birth=dob.year if dob else (int(yob) if re.fullmatch(r"\d{4}", yob) else None),
        gender=_GENDERS.get(a.get("gender", "").upper()),
        address={key: a[attr] for attr, key in _XML_ADDRESS if a.get(attr)},
        last_four=uid[-4:] if re.fullmatch(r"[\dXx*]{8}\d{4}", uid) else None,
        uid=uid or None,
    )
