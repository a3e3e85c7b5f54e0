"""A document's own words as its OCR dictionary (kagaz.text.consensus)."""

from __future__ import annotations

import pytest

from kagaz.text.consensus import harmonise

COMMON = ["UPI/DR/1/BESCOM/UTIB/bescom@upi", "POS 4891XXXX5192 BESCOM", "NEFT-KUMAR TRADERS",
          "KUMAR TRADERS", "ANITA SHARMA", "ANITA SHARMA", "zomato@oksbi", "zomato@ybl",
          "SALARY MAY 2023", "SALARY MAY 2024"]


@pytest.mark.parametrize(("read", "want"), [
    ("UPI/DR/9/BE5COM/UTIB/bescom@upi", "UPI/DR/9/BESCOM/UTIB/bescom@upi"),  # 5 for S
    ("UPI/DR/9/BESCOM/UTIB/besCom@upi", "UPI/DR/9/BESCOM/UTIB/bescom@upi"),  # case
    ("UPI/DR/9/ZOMATO/UTIB/zomatd@oksbi", "UPI/DR/9/ZOMATO/UTIB/zomato@oksbi"),  # d for o
    ("UPI/CR/9/ANLTA SHARMA", "UPI/CR/9/ANITA SHARMA"),  # l for i
    ("UPI/CR/9/ANIITA SHARMA", "UPI/CR/9/ANITA SHARMA"),  # a thin stroke added inside
    ("NEFT-KUMARTRADERS-SALARY", "NEFT-KUMAR TRADERS-SALARY"),  # a lost space
    ("NEFT-ACME-SALARYMAY-2023", "NEFT-ACME-SALARY MAY-2023"),
    ("UPI/CR/9/ANITASHARMAJI", "UPI/CR/9/ANITASHARMAJI"),  # not two known words
    # real words one edit away stay as they are
    ("UPI/CR/9/ANKITA SHARMA", "UPI/CR/9/ANKITA SHARMA"),
    ("UPI/CR/9/SUNITA KUMARI", "UPI/CR/9/SUNITA KUMARI"),
    ("UPI/CR/9/AMITA SHARMA", "UPI/CR/9/AMITA SHARMA"),
    # numbers, references and short words are never touched
    ("NEFT-HDFCN576383167978-KUMAR", "NEFT-HDFCN576383167978-KUMAR"),
    ("ATM WDL/KOTA/5738", "ATM WDL/KOTA/5738"),
])
def test_one_odd_reading_follows_the_documents_spelling(read: str, want: str) -> None:
    assert harmonise([*COMMON, read])[-1] == want


def test_nothing_changes_without_a_word_read_twice() -> None:
    texts = ["UPI/DR/1/BE5COM/x", "UPI/DR/2/DMART/y", "ANLTA"]
    assert harmonise(texts) == texts


def test_two_equal_readings_are_not_outvoted_by_one() -> None:
    texts = ["ANITA", "ANITA", "ANLTA", "ANLTA"]
    assert harmonise(texts) == texts
