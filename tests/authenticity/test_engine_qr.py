"""End to end through the real engine: a synthetic Aadhaar back with its test-signed Secure QR."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from kagaz.pipeline import Engine
from kagaz.settings import EngineSettings
from kagaz.synth import aadhaar
from kagaz.synth.secure_qr import test_signer as signer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def card():
    rendered = aadhaar.back(random.Random(3))
    buf = io.BytesIO()
    rendered.image.save(buf, "PNG")
    return buf.getvalue(), rendered


def run(engine, folder=None, reveal=False, data=b""):
    settings = EngineSettings(ocr_threads=1, uidai_certificates_dir=folder, reveal_aadhaar=reveal)
    return Engine(settings, ocr=engine.ocr).process(data, "back.png")


def test_the_engine_verifies_the_qr_against_an_added_certificate(engine, card, tmp_path) -> None:
    (tmp_path / "test.pem").write_bytes(signer()[1])
    result = run(engine, tmp_path, data=card[0])
    qr = result.file_data()["validations"]["aadhaar_qr"]
    assert result.document_type == "AADHAAR"
    assert qr["decoded"] and qr["signature_valid"] is True and qr["certificate"]["origin"] == "operator"
    assert qr["fields_match"]["last_four"] is True and qr["fields_match"]["address"] is True
    assert qr["valid"] is True and "name" not in qr["qr"]
    assert result.fields["document_quality_flag"].value == "original"
    # The QR is blacked out in the redacted image and in the review page image.
    for img in (Image.open(io.BytesIO(result.artifacts["aadhaar_redacted"])), _review_image(result)):
        x0, y0, x1, y1 = (int(v) for v in _qr_box(img))
        margin = 15 * img.width // result.page_sizes[0][0]
        inner = img.convert("L").crop((x0 + margin, y0 + margin, x1 - margin, y1 - margin))
        assert max(inner.getdata()) < 40


def _review_image(result) -> Image.Image:
    """The review JPEG of the first page, after checking that it carries no readable QR."""
    from kagaz.imaging.qr import read_qr_codes

    img = Image.open(io.BytesIO(result.page_images[0]))
    assert not any(c.text for c in read_qr_codes(img))
    return img


def _qr_box(img: Image.Image):
    """Inside the QR's square on the page (the back prints it at x 705-975, y 125-415 of
    1012 x 638 units)."""
    w, h = img.size
    return (0.68 * w, 0.19 * h, 0.98 * w, 0.67 * h)


def test_without_its_certificate_the_synthetic_qr_is_never_valid(engine, card) -> None:
    qr = run(engine, data=card[0]).validations["aadhaar_qr"]
    assert qr["decoded"] and qr["signature_valid"] is not True and qr["valid"] is not True


def test_a_phone_photo_is_read_and_its_code_never_handed_out(engine) -> None:
    import numpy as np

    from kagaz.imaging.qr import qr_like_regions, read_qr_codes
    from kagaz.synth.degrade import degrade

    rendered = aadhaar.back(random.Random(11))
    photo = degrade(rendered.image, "photo", random.Random(12))
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=90)
    result = run(engine, data=buf.getvalue())
    qr = result.validations["aadhaar_qr"]
    assert qr["decoded"] and qr["fields_match"]["last_four"] is True
    redacted = Image.open(io.BytesIO(result.artifacts["aadhaar_redacted"]))
    for img in (redacted, Image.open(io.BytesIO(result.page_images[0]))):
        assert not any(c.text for c in read_qr_codes(img))
        # Not even a QR-like patch is left: the code's region is black.
        assert not qr_like_regions(np.asarray(img.convert("L")))
