"""The synthetic generator: every type decodes, sizes are right, truth is valid and stable."""

from __future__ import annotations

import io
import json
import random
import string

import pypdfium2 as pdfium
import pytest

from kagaz.doctypes import registry

from kagaz.synth.generator import MODULES, a4_layouts
from PIL import Image
from stdnum.in_ import aadhaar

from kagaz.synth import DOC_TYPES, corpus, degrade, generate, layouts, plan
from kagaz.synth.__main__ import write_corpus
from kagaz.synth.identities import aadhaar_number, pan_number, person
from kagaz.synth.passport import mrz
from kagaz.synth.render import split_runs

# design size of each layout (before the ±15 % scale); A4 pages are exact
DESIGN = {
    ("AADHAAR", "both_stacked"): (1092, 1396),
    ("AADHAAR", "both_side"): (2144, 718),
    ("VOTER_ID", "portrait"): (638, 1012),
    ("PASSPORT", "classic"): (1250, 880),
    ("PASSPORT", "compact"): (1250, 880),
    ("PASSPORT", "booklet"): (1250, 1790),
}
A4 = {("AADHAAR", "letter"), ("OTHER", "business_letter"), ("OTHER", "kyc_letter"),
      ("OTHER", "birth_certificate"), ("OTHER", "blank")}
FREE_SIZE = {("OTHER", "receipt"), ("OTHER", "noise_photo")}


def _image(doc) -> Image.Image:
    im = Image.open(io.BytesIO(doc.data))
    im.load()
    return im


@pytest.mark.parametrize("doc_type,layout", [(t, n) for t in DOC_TYPES for n in layouts(t)])
def test_every_layout_renders_clean_at_its_size(doc_type: str, layout: str) -> None:
    doc = generate(doc_type, 11, "clean", layout)
    assert doc.doc_type == doc_type and doc.layout == layout and doc.variant == "clean"
    im = _image(doc)
    assert im.format.lower().replace("jpeg", "jpg") == doc.ext.replace("tiff", "tiff")
    w, h = im.size
    if (doc_type, layout) in A4 or layout in a4_layouts(doc_type):
        assert (w, h) == (1654, 2339)
    elif (doc_type, layout) not in FREE_SIZE:
        # a generator whose pages are not cards declares its design size (SIZE)
        dw, dh = DESIGN.get((doc_type, layout)) or getattr(MODULES[doc_type], "SIZE", (1012, 638))
        assert 0.85 <= w / dw <= 1.15, (w, dw)
        assert abs(h / dh - w / dw) < 0.01
    if doc_type == "OTHER":
        assert doc.fields == {}
    else:
        # Scalars are non-empty strings; tables (transactions, line items) are non-empty lists;
        # a list field may be empty where the document prints none (a 7/12 with no other
        # rights); a structured value (a plot's four boundaries) holds non-empty strings.
        declared = registry()[doc_type].FIELDS
        assert doc.fields and all(
            (isinstance(v, str) and v) or (isinstance(v, list) and (v or declared[k].kind == "list"))
            or (isinstance(v, dict) and v and all(isinstance(x, str) and x for x in v.values()))
            for k, v in doc.fields.items()
        ), doc.fields


@pytest.mark.parametrize("doc_type,variant", [
    ("PAN", "photo"), ("AADHAAR", "photocopy"), ("DRIVING_LICENSE", "skew"),
    ("VOTER_ID", "rot90"), ("PASSPORT", "jpeg"), ("OTHER", "lowres"), ("PAN", "blur"),
    ("VOTER_ID", "rot270"),
])
def test_degraded_variants_decode(doc_type: str, variant: str) -> None:
    clean = _image(generate(doc_type, 3, "clean", layouts(doc_type)[0]))
    doc = generate(doc_type, 3, variant, layouts(doc_type)[0])
    im = _image(doc)
    assert min(im.size) >= 200
    if variant in ("rot90", "rot270"):
        assert im.size == clean.size[::-1]
    if variant == "photo":
        assert doc.ext == "jpg" and im.width > clean.width  # the table shows around the card


def test_same_seed_same_document_and_holder_kept_across_variants() -> None:
    a = generate("PAN", 5, "photo", "new")
    b = generate("PAN", 5, "photo", "new")
    assert a.data == b.data and a.fields == b.fields
    assert generate("PAN", 5, "clean", "new").fields == a.fields
    assert generate("PAN", 6, "clean", "new").fields != a.fields
    kinds = ["PAN", "VOTER_ID"]
    first = [(d.layout, d.variant, d.data) for d in corpus(2, 9, ["clean", "jpeg"], kinds)]
    again = [(d.layout, d.variant, d.data) for d in corpus(2, 9, ["clean", "jpeg"], kinds)]
    assert first == again


def test_plan_spreads_layouts_and_variants() -> None:
    rows = plan(12, 1, ["clean", "photo", "pdf_text", "rot90"])
    aadhaar_rows = [r for r in rows if r[0] == "AADHAAR"]
    assert {r[3] for r in aadhaar_rows} == set(layouts("AADHAAR"))
    assert {r[3] for r in aadhaar_rows if r[2] == "pdf_text"} == {"letter"}
    assert not [r for r in rows if r[0] == "PAN" and r[2] == "pdf_text"]
    assert len({r[1] for r in rows}) == len(rows)  # every document has its own seed


def test_aadhaar_numbers_are_valid() -> None:
    rng = random.Random(1)
    assert all(aadhaar.is_valid(aadhaar_number(rng)) for _ in range(300))
    for seed in range(4):
        doc = generate("AADHAAR", seed, "clean", "front")
        assert aadhaar.is_valid(doc.fields["aadhaar_number"])


def test_pan_fifth_letter_is_surname_initial() -> None:
    rng = random.Random(2)
    for _ in range(200):
        p = person(rng)
        number = pan_number(rng, p.surname)
        assert len(number) == 10 and number[3] == "P" and number[4] == p.surname[0]
        assert number[:5].isalpha() and number[5:9].isdigit() and number[9].isalpha()
    for seed in range(3):
        f = generate("PAN", seed, "clean").fields
        assert f["pan_number"][4] == f["name_as_per_pan"].split()[-1][0].upper()


def _check(field: str) -> str:
    values = {c: i for i, c in enumerate(string.digits + string.ascii_uppercase)} | {"<": 0}
    return str(sum(values[c] * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def test_mrz_check_digits() -> None:
    for seed in range(20):
        rng = random.Random(seed)
        p = person(rng)
        import datetime as dt

        expiry = dt.date(2030, 1, 31)
        line1, line2 = mrz(p.surname.upper(), p.given.upper(), "K1234567", p.dob, p.gender[0],
                           expiry)
        assert len(line1) == len(line2) == 44
        assert line1.startswith("P<IND" + p.surname.upper().replace(" ", "<") + "<<")
        assert line2[9] == _check(line2[0:9])
        assert line2[10:13] == "IND"
        assert line2[19] == _check(line2[13:19])
        assert line2[27] == _check(line2[21:27])
        assert line2[43] == _check(line2[0:10] + line2[13:20] + line2[21:43])


def test_passport_truth_matches_its_own_rules() -> None:
    f = generate("PASSPORT", 4, "clean").fields
    d, m, y = f["date_of_issue"].split("/")
    d2, m2, y2 = f["date_of_expiry"].split("/")
    assert int(y2) - int(y) in (9, 10)
    assert f["name"] == f["name"].upper() and f["gender"] in ("MALE", "FEMALE")


def test_e_aadhaar_pdf_text_has_a_text_layer() -> None:
    doc = generate("AADHAAR", 8, "pdf_text")
    assert doc.ext == "pdf" and doc.layout == "letter"
    pdf = pdfium.PdfDocument(doc.data)
    text = pdf[0].get_textpage().get_text_range()
    number = doc.fields["aadhaar_number"]
    assert " ".join(number[i:i + 4] for i in range(0, 12, 4)) in text
    assert doc.fields["name"] in text
    assert doc.fields["address"].split(", ")[-1] in text


def test_pdf_scan_has_no_text_layer() -> None:
    doc = generate("VOTER_ID", 2, "pdf_scan", "color")
    assert doc.data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(doc.data)
    assert pdf[0].get_textpage().get_text_range().strip() == ""


def test_pdf_text_needs_an_a4_layout() -> None:
    with pytest.raises(ValueError):
        generate("PAN", 1, "pdf_text")


def test_degrade_all_variants_on_a_small_image() -> None:
    img = Image.new("RGB", (300, 190), (240, 240, 230))
    for variant in ("clean", "photo", "photocopy", "lowres", "blur", "jpeg", "rot90", "rot180",
                    "rot270", "skew", "photo_of_photo", "pdf_scan"):
        out = degrade(img, variant, random.Random(1))
        assert isinstance(out, Image.Image) and min(out.size) > 50
    with pytest.raises(ValueError):
        degrade(img, "sepia", random.Random(1))


def test_split_runs_keeps_scripts_apart() -> None:
    assert split_runs("जन्म तिथि / DOB : 12/03/1990") == [(True, "जन्म तिथि"),
                                                        (False, " / DOB : 12/03/1990")]


def test_cli_writes_files_and_truth(tmp_path) -> None:
    rows = write_corpus(tmp_path, 1, 3, ["clean"])
    assert len(rows) == len(DOC_TYPES)
    lines = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert lines == rows
    for row in rows:
        assert set(row) == {"file", "document_type", "fields", "layout", "variant"}
        assert row["file"].startswith(f"{row['document_type']}_{row['layout']}_clean_")
        assert (tmp_path / row["file"]).stat().st_size > 1000
