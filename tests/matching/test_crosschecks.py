"""run_cross_checks and load_rules: whole flows of documents as the Flow API hands them over."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from kagaz.errors import ConfigurationError
from kagaz.matching import FlowDocument, load_rules, run_cross_checks
from kagaz.matching.base import DEFAULT_THRESHOLDS

ITEM_KEYS = [
    "check", "field", "source_document", "source_document_id", "source_file_uuid", "source_field",
    "source_value", "target_document", "target_document_id", "target_file_uuid", "target_field",
    "target_value", "similarity_score", "result", "reasons",
]


def doc(doc_id: str, dtype: str | None, **fields: Any) -> FlowDocument:
    return FlowDocument(doc_id, f"uuid-{doc_id}", dtype,
                        {k: {"value": v, "confidence_score": 0.95} for k, v in fields.items()})


def kyc(name_voter: str = "RAHUL KUMAR SHARMA") -> list[FlowDocument]:
    return [
        doc("1", "PAN", name_as_per_pan="RAHUL KUMAR SHARMA", dob="17/04/1988", pan_number="ABCPS1234F"),
        doc("2", "AADHAAR", name="Rahul Kumar Sharma", date_of_birth="17/04/1988",
            address="S/O Mohan Sharma, H.No. 45, Gali No 3, Shastri Nagar, Delhi 110052"),
        doc("3", "DRIVING_LICENSE", name="RAHUL KUMAR SHARMA", date_of_birth="17-04-1988"),
        doc("4", "VOTER_ID", name=name_voter, date_of_birth="17/04/1988"),
        doc("5", "PASSPORT", name="RAHUL KUMAR SHARMA", date_of_birth="17/04/1988"),
        doc("6", "BANK_STATEMENT", account_holder_name="MR RAHUL KUMAR SHARMA"),
    ]


def by(items: list[dict[str, Any]], check: str) -> list[dict[str, Any]]:
    return [i for i in items if i["check"] == check]


def test_same_person_everything_matches_in_a_fixed_order() -> None:
    items = run_cross_checks(kyc(), "PROD_CDL")
    names = by(items, "name")
    assert len(names) == 15  # six documents, each pair once
    assert all(i["result"] == "MATCH" for i in names), names
    assert [(i["source_document"], i["target_document"]) for i in names[:5]] == [
        ("PAN", "AADHAAR"), ("PAN", "DRIVING_LICENSE"), ("PAN", "VOTER_ID"), ("PAN", "PASSPORT"),
        ("PAN", "BANK_STATEMENT")]
    dobs = by(items, "dob")
    assert len(dobs) == 10 and all(i["result"] == "MATCH" and i["similarity_score"] == 100.0 for i in dobs)
    assert all(list(i) == ITEM_KEYS for i in items)
    first = names[0]
    assert first["source_field"] == "name_as_per_pan" and first["target_field"] == "name"
    assert first["source_file_uuid"] == "uuid-1" and first["target_document_id"] == "2"
    assert first["source_value"] == "RAHUL KUMAR SHARMA"
    json.dumps(items)  # JSON-ready
    assert run_cross_checks(list(kyc()), "PROD_CDL") == items  # deterministic


def test_one_mismatching_name_marks_only_its_pairs() -> None:
    items = by(run_cross_checks(kyc(name_voter="ROHIT VERMA"), None), "name")
    for i in items:
        involved = "VOTER_ID" in (i["source_document"], i["target_document"])
        assert i["result"] == ("MISMATCH" if involved else "MATCH"), i
    assert sum(i["result"] == "MISMATCH" for i in items) == 5


def test_missing_field_is_not_applicable() -> None:
    docs = kyc()
    docs[4] = doc("5", "PASSPORT", date_of_birth="17/04/1988")  # name not read
    items = [i for i in by(run_cross_checks(docs, None), "name") if "PASSPORT" in
             (i["source_document"], i["target_document"])]
    assert len(items) == 5
    for i in items:
        assert i["result"] == "NOT_APPLICABLE" and i["similarity_score"] is None
        side = "target" if i["target_document"] == "PASSPORT" else "source"
        assert i["reasons"] == [f"missing_{side}_value"] and i[f"{side}_value"] is None
        assert i[f"{side}_field"] == "name"


def test_year_of_birth_fallback_is_partial() -> None:
    docs = [doc("1", "PAN", dob="17/04/1988"), doc("2", "AADHAAR", year_of_birth="1988")]
    (item,) = by(run_cross_checks(docs, None), "dob")
    assert item["target_field"] == "year_of_birth" and item["result"] == "PARTIAL"
    assert item["reasons"] == ["year_only"]


def test_documents_without_type_or_unrecognised_are_skipped() -> None:
    docs = [*kyc()[:2], doc("9", None, name="X"), doc("10", "UNRECOGNISED", name="Y"),
            doc("11", "INVALID_DOC", name="Z")]
    items = run_cross_checks(docs, None)
    assert {i["source_document_id"] for i in items} | {i["target_document_id"] for i in items} == {"1", "2"}


def test_two_documents_of_one_type_are_not_compared_by_default() -> None:
    docs = [doc("1", "PAN", name_as_per_pan="RAHUL"), doc("2", "PAN", name_as_per_pan="ROHIT")]
    assert run_cross_checks(docs, None) == []


def test_pan_inside_gstin() -> None:
    docs = [doc("1", "PAN", pan_number="ABCPS1234F"), doc("2", "GST_CERT", gst_number="07ABCPS1234F1Z5")]
    (item,) = by(run_cross_checks(docs, None), "pan_number")
    assert item["result"] == "MATCH" and item["reasons"] == ["pan_extracted_from_gstin"]
    docs[1] = doc("2", "GST_CERT", gst_number="07ABCPT1234F1Z5")
    (item,) = by(run_cross_checks(docs, None), "pan_number")
    assert item["result"] == "MISMATCH" and "id_differs" in item["reasons"]


def test_invoice_and_delivery_order() -> None:
    docs = [
        doc("inv", "INVOICE", seller_name="Sri Lakshmi Electronics", buyer_name="Mr. D. Manikandan",
            dealer_address="No. 14, Gandhi Road, Vellore, Tamil Nadu 632001", total_amount="62232.00"),
        doc("do", "DELIVERY_ORDER", dealer_name="SRI LAXMI ELECTRONICS", customer_name="DURAISAMY MANIKANDAN",
            dealer_address="14 Gandhi Rd, Vellore 632001", total_amount="62232.00"),
    ]
    items = {i["check"]: i for i in run_cross_checks(docs, None)}
    assert items["dealer_address"]["source_document"] == "DELIVERY_ORDER"  # as in Atlas's example
    assert items["dealer_address"]["result"] == "MATCH"
    assert items["dealer_name"]["result"] == "MATCH"
    assert items["customer_name"]["result"] in ("MATCH", "PARTIAL")
    assert "initial_expanded" in items["customer_name"]["reasons"]
    assert items["total_amount"]["result"] == "MATCH" and items["total_amount"]["similarity_score"] == 100.0
    docs[1].fields["total_amount"]["value"] = "62800.00"  # 0.9 % off: PARTIAL
    assert by(run_cross_checks(docs, None), "total_amount")[0]["result"] == "PARTIAL"
    docs[1].fields["total_amount"]["value"] = "72232.00"
    assert by(run_cross_checks(docs, None), "total_amount")[0]["result"] == "MISMATCH"


def test_address_across_aadhaar_gst_udyam() -> None:
    docs = [doc("1", "AADHAAR", address="C/O Ram Lal, 12 Anna Salai, Madras 600002"),
            doc("2", "GST_CERT", address="12, Anna Salai, Chennai, Tamil Nadu, 600002"),
            doc("3", "UDYAM_CERT", address="45, Industrial Estate, Guindy, Chennai, Tamil Nadu, 600032")]
    items = by(run_cross_checks(docs, None), "address")
    assert [(i["source_document"], i["target_document"], i["result"]) for i in items] == [
        ("AADHAAR", "GST_CERT", "MATCH"), ("AADHAAR", "UDYAM_CERT", "MISMATCH"),
        ("GST_CERT", "UDYAM_CERT", "MISMATCH")]


def test_unknown_product_type_uses_defaults() -> None:
    default = load_rules(None)
    for pt in ("SOMETHING_NEW", "", "../../etc/passwd", "a" * 500):
        rs = load_rules(pt)
        assert rs.checks == default.checks and rs.thresholds == default.thresholds
    assert run_cross_checks(kyc(), "SOMETHING_NEW") == run_cross_checks(kyc(), None)


def test_prod_cdl_compares_the_invoice_buyer_with_kyc() -> None:
    rs = load_rules("PROD_CDL")
    ids = [c.id for c in rs.checks]
    assert "customer_name" not in ids and "business_name" not in ids and "dealer_address" in ids
    docs = [*kyc()[:1], doc("7", "INVOICE", buyer_name="RAHUL K SHARMA")]
    (item,) = by(run_cross_checks(docs, "PROD_CDL"), "name")
    assert item["target_field"] == "buyer_name" and item["result"] == "MATCH"
    assert load_rules("POC_CDL").checks == rs.checks  # extends PROD_CDL
    assert load_rules("prod_cdl").checks == rs.checks


def test_default_thresholds_agree_with_default_yaml() -> None:
    data = yaml.safe_load(resources.files("kagaz.matching").joinpath("rules", "default.yaml").read_text())
    for comparator, th in data["thresholds"].items():
        assert (DEFAULT_THRESHOLDS[comparator].match, DEFAULT_THRESHOLDS[comparator].partial) == (
            th["match"], th["partial"])
    rs = load_rules(None)
    assert {k: (v.match, v.partial) for k, v in rs.thresholds.items()} == {
        k: (v.match, v.partial) for k, v in DEFAULT_THRESHOLDS.items()}


def test_every_participant_names_a_real_field_key() -> None:
    """The rule files use the keys the document-type modules declare (no guessed keys)."""
    from kagaz.doctypes import registry

    declared = {code: set(module.FIELDS) for code, module in registry().items()}
    for product in ("default", "PROD_CDL"):
        for check in load_rules(product).checks:
            for p in check.participants:
                for key in p.keys:
                    assert key in declared[p.document], (product, check.id, p.document, key)


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / f"{name}.yaml").write_text(text)
    return tmp_path


def test_product_override_file(tmp_path: Path) -> None:
    write(tmp_path, "BIZ_LOAN", """
version: 1
extends: default
thresholds:
  name: {match: 95, partial: 85}
remove: [dob]
checks:
  - id: seller_gstin
    comparator: exact_id
    field: gstin
    participants:
      - {document: GST_CERT, field: gst_number}
      - {document: INVOICE, field: seller_gstin}
""")
    rs = load_rules("BIZ_LOAN", rules_dir=tmp_path)
    ids = [c.id for c in rs.checks]
    assert "dob" not in ids and ids[-1] == "seller_gstin" and rs.thresholds["name"].match == 95
    docs = [doc("1", "PAN", name_as_per_pan="RAHUL PRAKASH SHARMA", dob="01/01/1990"),
            doc("2", "AADHAAR", name="RAHUL SHARMA", date_of_birth="01/01/1990"),
            doc("3", "GST_CERT", gst_number="07ABCPS1234F1Z5"), doc("4", "INVOICE", seller_gstin="07ABCPS 1234F1Z5")]
    items = run_cross_checks(docs, "BIZ_LOAN", rules_dir=tmp_path)
    assert by(items, "dob") == []
    assert by(items, "name")[0]["result"] == "MISMATCH"  # 80 is under this product's partial 85
    assert by(run_cross_checks(docs, None), "name")[0]["result"] == "PARTIAL"
    assert by(items, "seller_gstin")[0]["result"] == "MATCH"
    # a packaged product type can be overridden from the directory too
    write(tmp_path, "PROD_CDL", "version: 1\nremove: [dob]\n")
    assert "dob" not in [c.id for c in load_rules("PROD_CDL", rules_dir=tmp_path).checks]


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\nchecks:\n  - {id: x, comparator: nmae, field: name, participants: "
     "[{document: PAN, field: dob}, {document: AADHAAR, field: dob}]}\n", "checks.0.comparator"),
    ("version: 1\nthreshold:\n  name: {match: 90, partial: 60}\n", "threshold"),
    ("version: 1\nthresholds:\n  name: {match: 60, partial: 90}\n", "must not exceed"),
    ("version: 1\nremove: [nmae]\n", "remove names unknown checks: nmae"),
    ("version: 1\nextends: LOOP\n", "loops"),
    ("version: 2\n", "version"),
    ("version: 1\nchecks:\n  - {id: x, comparator: name, field: name, participants: [{document: PAN, field: dob}]}\n",
     "participants"),
    ("version: 1\nchecks: [\n", "not valid YAML"),
    ("version: 1\nchecks:\n  - {id: x, comparator: name, field: name, participants: "
     "[{document: pan, field: dob}, {document: AADHAAR, field: dob}]}\n", "document"),
])
def test_rule_file_typos_fail_loudly(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "LOOP", text)
    with pytest.raises(ConfigurationError) as exc:
        load_rules("LOOP", rules_dir=tmp_path)
    assert exc.value.code == "CONFIGURATION_ERROR"
    assert message in str(exc.value) and "LOOP.yaml" in str(exc.value)


def test_rules_are_shipped_as_package_data() -> None:
    root = resources.files("kagaz.matching").joinpath("rules")
    assert root.joinpath("default.yaml").is_file() and root.joinpath("PROD_CDL.yaml").is_file()
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert "**/*.yaml" in pyproject["tool"]["setuptools"]["package-data"]["kagaz"]


def test_a_large_flow_stays_fast() -> None:
    docs = [d for k in range(5) for d in kyc()]
    docs = [FlowDocument(f"{n}", f"u{n}", d.document_type, d.fields) for n, d in enumerate(docs)]
    t = time.perf_counter()
    items = run_cross_checks(docs, None)
    assert time.perf_counter() - t < 5.0
    assert len(by(items, "name")) == 15 * 25  # pairs of different types only


def test_an_operators_rules_folder_is_checked_at_start(tmp_path: Path) -> None:
    from kagaz.api import create_app
    from kagaz.matching.crosschecks import check_rules_dir
    from kagaz.settings import CallbackSettings, Settings

    write(tmp_path, "BIZ_LOAN", "version: 1\nremove: [dob]\n")
    check_rules_dir(tmp_path)  # a valid folder passes
    with pytest.raises(ConfigurationError, match="does not exist"):
        check_rules_dir(tmp_path / "missing")
    write(tmp_path, "TYPO", "version: 1\nremove: [nmae]\n")
    with pytest.raises(ConfigurationError, match="TYPO.yaml"):
        check_rules_dir(tmp_path)
    # the service refuses to start on it, rather than answering flows without cross-checks
    from fastapi.testclient import TestClient

    settings = Settings(data_dir=tmp_path / "data", callbacks=CallbackSettings(rules_dir=tmp_path))
    with pytest.raises(ConfigurationError), TestClient(create_app(settings, run_workers=False)):
        pass
