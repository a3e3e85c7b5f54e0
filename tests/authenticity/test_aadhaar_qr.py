"""validations.aadhaar_qr on a document: found, verified, compared with the OCR's fields, masked."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from kagaz.authenticity.aadhaar_qr import check_aadhaar_qr
from kagaz.authenticity.uidai_keys import load_keys
from kagaz.doctypes import aadhaar
from kagaz.imaging.qr import read_qr_codes
from kagaz.model import Document, Field, Page
from kagaz.synth.secure_qr import QrPerson, payload, qr_image
from kagaz.synth.secure_qr import test_signer as signer

ADDRESS = {"care_of": "S/O: Mohan Kumar", "house": "H.No 12", "street": "MG Road", "vtc": "Kochi",
           "district": "Ernakulam", "state": "Kerala", "pincode": "682001"}
FIELDS = {"name": "Ravi Kumar", "date_of_birth": "01/02/1990", "gender": "MALE",
          "aadhaar_number": "XXXX XXXX 4902",
          "address": "S/O: Mohan Kumar, H.No 12, MG Road, Kochi, Ernakulam, Kerala - 682001"}


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certs")
    (folder / "test_signer.pem").write_bytes(signer()[1])
    return load_keys(folder)


def document(number: str | None, fields: dict[str, str] = FIELDS) -> Document:
    page = Image.new("RGB", (1000, 640), "white")
    if number is not None:
        page.paste(qr_image(number, 330), (640, 120))
    doc = Document(data=b"", format="png")
    doc.pages = [Page(0, 1000, 640, image=page)]
    doc.fields = {k: Field(value=v, confidence_score=0.9) for k, v in fields.items()}
    doc.document_type = "AADHAAR"
    return doc


def qr_number(**kw) -> str:
    p = dict(name="Ravi Kumar", dob="01-02-1990", gender="M", address=ADDRESS, last_four="4902",
             generated=dt.datetime(2023, 3, 1, 9, 0))
    tamper = kw.pop("tamper", False)
    key = kw.pop("key", None) or signer()[0]
    return payload(QrPerson(**(p | kw)), key, tamper=tamper)


def test_a_genuine_qr_that_agrees_with_the_card_is_valid(keys) -> None:
    doc = document(qr_number())
    entry = check_aadhaar_qr(doc, keys)
    assert entry["present"] and entry["decoded"] and entry["signature_valid"] is True
    assert entry["fields_match"] == {"name": True, "date_of_birth": True, "gender": True,
                                     "address": True, "last_four": True}
    assert entry["valid"] is True and entry["certificate"]["origin"] == "operator"
    assert doc.validations["aadhaar_qr"] is entry


def test_the_qr_data_and_photo_stay_hidden_without_reveal(keys) -> None:
    entry = check_aadhaar_qr(document(qr_number()), keys)
    shown = repr(entry)
    assert "Ravi" not in shown and "Kochi" not in shown and "photo_jp2_base64" not in shown
    assert entry["qr"]["aadhaar_number"] == "XXXX XXXX 4902" and entry["qr"]["photo_present"]
    revealed = check_aadhaar_qr(document(qr_number()), keys, reveal=True)["qr"]
    assert revealed["name"] == "Ravi Kumar" and revealed["date_of_birth"] == "01/02/1990"
    assert revealed["photo_jp2_base64"]


def test_a_qr_that_disagrees_with_the_printed_text_is_not_valid(keys) -> None:
    entry = check_aadhaar_qr(document(qr_number(name="Suresh Iyer", last_four="1111")), keys)
    assert entry["signature_valid"] is True
    assert entry["fields_match"]["name"] is False and entry["fields_match"]["last_four"] is False
    assert entry["valid"] is False and "disagrees" in entry["message"]
    from kagaz.authenticity.tamper import tamper_signals

    assert [s["code"] for s in tamper_signals({"aadhaar_qr": entry})["signals"]] == ["AADHAAR_QR_TEXT_MISMATCH"]


@pytest.mark.parametrize("kw", [{"tamper": True}, {"key": "forger"}])
def test_tampered_or_forged_qr_codes_are_invalid(keys, kw) -> None:
    if kw.get("key"):
        kw = {"key": signer("forger")[0]}
    entry = check_aadhaar_qr(document(qr_number(**kw)), keys)
    assert entry["decoded"] and entry["signature_valid"] is False and entry["valid"] is False
    from kagaz.authenticity.tamper import tamper_signals

    assert tamper_signals({"aadhaar_qr": entry})["signals"][0]["code"] == "AADHAAR_QR_SIGNATURE_INVALID"


def test_no_qr_is_reported_as_absent(keys) -> None:
    entry = check_aadhaar_qr(document(None), keys)
    assert entry["present"] is False and entry["signature_valid"] is None and entry["valid"] is None


def test_the_qr_region_is_blacked_out_in_the_redacted_image(keys) -> None:
    doc = document(qr_number())
    check_aadhaar_qr(doc, keys)
    [box] = doc.pages[0].private_boxes
    assert box[0] <= 650 and box[2] >= 960 and box[1] <= 130 and box[3] >= 440
    aadhaar.finish(doc)  # the card's number is masked ("XXXX"): the QR alone makes the mask
    masked = Image.open(io.BytesIO(doc.artifacts["aadhaar_redacted"])).convert("L")
    assert max(masked.crop((660, 140, 950, 430)).getdata()) == 0
    assert min(masked.crop((50, 50, 500, 500)).getdata()) == 255


def test_the_services_mask_a_number_left_in_the_qr_view() -> None:
    from kagaz.services.results import mask_aadhaar_numbers
    from kagaz.text.masking import AadhaarMasking

    data = {"validations": {"aadhaar_qr": {"qr": {"aadhaar_number": "2345 6789 0124"}}}}
    assert mask_aadhaar_numbers(data)["validations"]["aadhaar_qr"]["qr"]["aadhaar_number"] == "XXXX XXXX 0124"
    data = {"validations": {"aadhaar_qr": {"qr": {"aadhaar_number": "234567890124"}}}}
    assert mask_aadhaar_numbers(data, AadhaarMasking(reveal=True))["validations"]["aadhaar_qr"]["qr"][
        "aadhaar_number"] == "234567890124"


def test_a_pdf_page_too_coarse_for_the_code_is_rendered_again(keys) -> None:
    import pypdfium2 as pdfium
    from fpdf import FPDF

    buf = io.BytesIO()
    qr_image(qr_number(), 600).save(buf, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=120, y=20, w=50)
    data = bytes(pdf.output())
    coarse = pdfium.PdfDocument(data)[0].render(scale=30 / 72).to_pil().convert("RGB")  # 30 dpi
    assert not any(c.text for c in read_qr_codes(coarse))  # under a pixel a module: unreadable
    doc = Document(data=data, format="pdf")
    doc.pages = [Page(0, coarse.width, coarse.height, image=coarse)]
    doc.fields = {k: Field(value=v, confidence_score=0.9) for k, v in FIELDS.items()}
    entry = check_aadhaar_qr(doc, keys)
    assert entry["decoded"] and entry["signature_valid"] is True
    [box] = doc.pages[0].private_boxes  # where the page shows the code, in the page's pixels
    w = coarse.width / 210  # pixels per millimetre
    assert box[0] <= 120 * w + 2 and box[2] >= 170 * w - 2 and box[1] <= 20 * w + 2 and box[3] >= 70 * w - 2
