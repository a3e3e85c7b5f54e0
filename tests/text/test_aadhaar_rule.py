"""One Aadhaar rule (kagaz.text.masking): logs, results, page images and the secrets scan agree
on what is an Aadhaar number, and show it the same way (``XXXX XXXX 1234``)."""

from __future__ import annotations

import pytest
from PIL import Image

from kagaz.doctypes import aadhaar
from kagaz.observability.logs import redact
from kagaz.model import Page, TextLine
from kagaz.security.scan import scan_bytes
from kagaz.text.masking import AadhaarMasking, find_aadhaar
from kagaz.services.results import mask_aadhaar_numbers

# (text, what logs and results show, whether the scan reports it)
CASES = [
    ("7260 1815 9082", "XXXX XXXX 9082", True),  # Verhoeff-valid
    ("726018159082", "XXXX XXXX 9082", True),
    ("7260 1815 9083", "XXXX XXXX 9083", False),  # fails the check: masked, no leak
    ("7260-1815-9082", "XXXX XXXX 9082", True),  # split by hyphens
    ("UPI/DR/726018159082/RAVI KUMAR", "UPI/DR/726018159082/RAVI KUMAR", False),  # a reference
    ("NEFT*726018159082*SALARY", "NEFT*726018159082*SALARY", False),
    ("VID 9123 4567 8901 2345", "VID 9123 4567 8901 2345", False),  # 16 digits
]


def _results(text: str) -> str:
    return mask_aadhaar_numbers({"aadhaar_number": {"value": text}})["aadhaar_number"]["value"]


def _image_masked(text: str) -> bool:
    image = Image.new("RGB", (900, 80), "white")
    page = Page(index=0, width=900, height=80, image=image,
                lines=[TextLine(text, 0.99, (20, 20, 20 + 22 * len(text), 60))])
    return bool(aadhaar.sensitive_boxes(page))


def _scanned(text: str) -> bool:
    return any(f.kind == "aadhaar" for f in scan_bytes(text.encode(), "x"))


@pytest.mark.parametrize(("text", "shown", "reported"), CASES)
def test_the_four_callers_agree(text: str, shown: str, reported: bool) -> None:
    rule = find_aadhaar(text)
    masked = bool(rule)
    assert (shown != text) == masked
    assert redact(f"read {text} now") == f"read {shown} now"  # logs
    assert _results(text) == shown  # results (the worker's last check)
    assert AadhaarMasking().value(text) == shown  # results (reviewers' corrections)
    assert _image_masked(text) == masked  # page images (redaction)
    assert _scanned(text) == reported == any(m.checked for m in rule)  # the secrets scan
    if reported:  # what the scan reports is what logs and results hide
        (finding,) = scan_bytes(text.encode(), "x")
        assert finding.shown == shown


def test_revealing_is_for_results_only() -> None:
    shown = AadhaarMasking(reveal=True)
    assert shown.value("7260 1815 9082") == "7260 1815 9082"
    assert mask_aadhaar_numbers({"aadhaar_number": {"value": "726018159082"}}, shown) == {
        "aadhaar_number": {"value": "726018159082"}
    }
    assert redact("7260 1815 9082") == "XXXX XXXX 9082"  # logs never reveal


def test_the_reveal_setting_is_read_in_one_place() -> None:
    from kagaz.settings import EngineSettings

    assert AadhaarMasking.from_settings(EngineSettings(reveal_aadhaar=True)).reveal
    assert not AadhaarMasking.from_settings(EngineSettings()).reveal
