"""Aadhaar Secure QR: payloads built here with test keys (valid, tampered, wrong key, truncated),
parsed, verified against certificates, and read back from rendered and photographed images."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from kagaz.authenticity.secure_qr import parse
from kagaz.authenticity.uidai_keys import BUNDLED_DIR, UidaiKeys, _certificate, load_keys
from kagaz.errors import ConfigurationError
from kagaz.synth.secure_qr import QrPerson, payload, qr_image
from kagaz.synth.secure_qr import test_signer as signer

ADDRESS = {"care_of": "S/O: Mohan Kumar", "house": "H.No 12", "street": "MG Road", "vtc": "Kochi",
           "district": "Ernakulam", "state": "Kerala", "pincode": "682001"}


def person(**kw) -> QrPerson:
    base = dict(name="Ravi Kumar", dob="01-02-1990", gender="M", address=ADDRESS, last_four="4902",
                generated=dt.datetime(2024, 3, 1, 10, 30, 5))
    return QrPerson(**(base | kw))


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> UidaiKeys:
    folder = tmp_path_factory.mktemp("certs")
    (folder / "test_signer.pem").write_bytes(signer()[1])
    return load_keys(folder)


def verdict(keys: UidaiKeys, number: str):
    qr = parse(number)
    assert qr.decoded, qr.problem
    return keys.verify(qr.signed_bytes, qr.signature, qr.generated_at)


def test_a_valid_v2_payload_parses_and_verifies(keys) -> None:
    qr = parse(payload(person(email="a@example.in", mobile="9876543210"), signer()[0]))
    assert (qr.kind, qr.version, qr.name, qr.gender, qr.last_four) == ("secure", "V2", "Ravi Kumar", "MALE", "4902")
    assert qr.dob == dt.date(1990, 2, 1) and qr.generated_at.date() == dt.date(2024, 3, 1)
    assert qr.address["pincode"] == "682001" and qr.mobile_last_four == "1234"
    assert qr.email_hash is not None and qr.mobile_hash is not None and len(qr.photo) > 50
    assert qr.photo[:4] in (b"\x00\x00\x00\x0c", b"\xff\x4f\xff\x51")
    v = keys.verify(qr.signed_bytes, qr.signature, qr.generated_at)
    assert v.valid is True and v.certificate.origin == "operator"


@pytest.mark.parametrize("version", [None, "V2", "V3", "V5"])
@pytest.mark.parametrize("contact", [{}, {"email": "a@b.in"}, {"mobile": "9000000001"}])
def test_every_version_and_hash_flag_verifies(keys, version, contact) -> None:
    number = payload(person(**contact), signer()[0], version=version)
    qr = parse(number)
    assert qr.version == (version or "V1") and qr.name == "Ravi Kumar"
    assert (qr.email_hash is not None) == ("email" in contact)
    assert (qr.mobile_hash is not None) == ("mobile" in contact)
    assert verdict(keys, number).valid is True


def test_a_zlib_stream_is_read_too(keys) -> None:
    assert verdict(keys, payload(person(), signer()[0], compress="zlib")).valid is True


def test_tampered_data_is_reported_invalid(keys) -> None:
    v = verdict(keys, payload(person(), signer()[0], tamper=True))
    assert v.valid is False and "over other data" in v.message


def test_tampering_is_known_even_outside_every_certificates_period(keys) -> None:
    # The held key opens the signature to another digest: altered, whatever the date says.
    v = verdict(keys, payload(person(generated=dt.datetime(2040, 1, 1)), signer()[0], tamper=True))
    assert v.valid is False and v.certificate.origin == "operator"
    assert verdict(keys, payload(person(generated=dt.datetime(2040, 1, 1)), signer("x")[0])).valid is None


def test_a_signature_by_another_key_is_invalid(keys) -> None:
    forger = signer("somebody else")[0]
    assert verdict(keys, payload(person(), forger)).valid is False


def test_without_a_covering_certificate_the_answer_is_null_never_valid() -> None:
    bundled = load_keys()  # UIDAI's certificates only: none covers 2025, none holds the test key
    v = verdict(bundled, payload(person(generated=dt.datetime(2025, 6, 1)), signer()[0]))
    assert v.valid is None and v.certificate is None


def test_a_test_signed_qr_in_a_uidai_certificates_period_is_invalid() -> None:
    bundled = load_keys()  # DS UIDAI 4 covered 2017-2020: it should have verified a 2019 QR
    v = verdict(bundled, payload(person(generated=dt.datetime(2019, 3, 8)), signer()[0]))
    assert v.valid is False and "AUTHORITY OF INDIA 4" in v.certificate.name


@pytest.mark.parametrize("cut", [1, 40, 600])
def test_a_truncated_payload_is_not_decoded(cut) -> None:
    qr = parse(payload(person(), signer()[0], truncate=cut))
    assert not qr.decoded and not qr.signed


@pytest.mark.parametrize("text", ["", "0", "abc", "1" * 30, "9" * 25000, "<a/>",
                                  '<!DOCTYPE x [<!ENTITY a "b">]><PrintLetterBarcodeData/>'])
def test_junk_is_never_decoded(text) -> None:
    assert not parse(text).decoded


def test_the_older_xml_qr() -> None:
    qr = parse('<?xml version="1.0" encoding="UTF-8"?><PrintLetterBarcodeData uid="234567890124" '
               'name="Asha Rao" gender="F" yob="1988" co="D/O: K Rao" house="4" street="Main Rd" '
               'vtc="Mysuru" dist="Mysuru" state="Karnataka" pc="570001" dob="12/05/1988"/>')
    assert qr.decoded and qr.kind == "xml" and not qr.signed
    assert (qr.name, qr.gender, qr.last_four, qr.dob) == ("Asha Rao", "FEMALE", "0124", dt.date(1988, 5, 12))
    assert "Karnataka" in qr.address_text and "570001" in qr.address_text


def test_bundled_certificates_match_their_manifest() -> None:
    keys = load_keys()
    assert {c.fingerprint for c in keys.certificates} == {
        "FCF31A3F89211615EBD5D449AC33D8D381F654D2E2D15037D5CC8D4AEB72F836",
        "E0F0F869D32EFC7E80FAE2223717A56DCF8B616F820B542A49E5BD5ABF1C0F7D",
    }
    assert all(c.origin == "bundled" for c in keys.certificates)


def test_an_operator_folder_with_a_non_certificate_stops_the_start(tmp_path: Path) -> None:
    (tmp_path / "junk.cer").write_bytes(b"not a certificate")
    with pytest.raises(ConfigurationError):
        load_keys(tmp_path)
    with pytest.raises(ConfigurationError):
        load_keys(tmp_path / "missing")


def test_a_bundled_file_that_differs_from_the_manifest_is_refused(tmp_path: Path) -> None:
    forged = _certificate(signer()[1], "bundled", BUNDLED_DIR / "x.cer")
    assert forged.fingerprint not in (BUNDLED_DIR / "manifest.json").read_text()


def test_the_code_is_read_back_from_an_image() -> None:
    from kagaz.imaging.qr import read_qr_codes

    number = payload(person(), signer()[0])
    codes = read_qr_codes(qr_image(number, 420))
    assert [c.text for c in codes] == [number]
    x0, y0, x1, y1 = codes[0].box
    assert 0 <= x0 < 60 and 360 < x1 <= 420 and 0 <= y0 < 60 and 360 < y1 <= 420


def test_synthetic_cards_and_letters_carry_a_readable_code() -> None:
    from kagaz.imaging.qr import read_qr_codes
    from kagaz.synth import aadhaar

    read = total = 0
    for layout in ("back", "letter", "both_side"):
        for seed in range(3):
            rendered = aadhaar.LAYOUTS[layout](random.Random(f"qr-{layout}-{seed}"))
            number = rendered.notes.get("secure_qr")
            if number is None:
                continue
            total += 1
            read += any(c.text == number for c in read_qr_codes(rendered.image))
    assert total >= 5 and read == total
