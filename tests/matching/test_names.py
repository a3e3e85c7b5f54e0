"""match_names on hard Indian cases: each pair with the result class it must get.

The table was written from what a reviewer would decide, not from the scorer's output; the
thresholds (MATCH >= 90, PARTIAL >= 65) are the documented defaults. Pairs the scorer gets wrong
are kept, marked ``xfail`` with the reason, and counted in docs/cross-checks.md.
"""

from __future__ import annotations

import pytest

from kagaz.matching.names import match_names, normalise_name, phonetic_key

MATCH, PARTIAL, MISMATCH = "MATCH", "PARTIAL", "MISMATCH"
EITHER = (MATCH, PARTIAL)

# (source, target, allowed results, a reason that must be given or None)
CASES: list[tuple[str, str, tuple[str, ...] | str, str | None]] = [
    # initials for the father's / village name (Tamil Nadu, Karnataka, Andhra)
    ("D MANIKANDAN", "DURAISAMY MANIKANDAN", EITHER, "initial_expanded"),
    ("D. MANIKANDAN", "DURAISAMY MANIKANDAN", EITHER, "initial_expanded"),
    ("MANIKANDAN D", "DURAISAMY MANIKANDAN", EITHER, "initial_expanded"),
    ("K.R. NARAYANAN", "KOCHERIL RAMAN NARAYANAN", EITHER, "initial_expanded"),
    ("R K", "RAHUL KUMAR", PARTIAL, "initial_expanded"),
    ("MANIKANDAN D", "D MANIKANDAN", MATCH, "token_order_differs"),
    # honorifics and relation tails
    ("Mr. Rahul Kumar", "RAHUL KUMAR", MATCH, "honorific_removed"),
    ("SHRI RAMESH CHANDRA", "Ramesh Chandra", MATCH, "honorific_removed"),
    ("Smt. Sunita Devi", "SUNITA DEVI", MATCH, "honorific_removed"),
    ("Kumari Priya Singh", "PRIYA SINGH", MATCH, "honorific_removed"),
    ("Dr. Anil Kapoor", "ANIL KAPOOR", MATCH, "honorific_removed"),
    ("LATE SHRI MOHAN LAL", "MOHAN LAL", MATCH, "honorific_removed"),
    ("RAHUL KUMAR S/O RAMESH KUMAR", "RAHUL KUMAR", MATCH, "relation_removed"),
    ("Smt. Sunita Devi W/O Ramesh", "SUNITA DEVI", MATCH, "relation_removed"),
    # order
    ("KUMAR RAHUL", "RAHUL KUMAR", MATCH, "token_order_differs"),
    ("SHARMA ANIL KUMAR", "ANIL KUMAR SHARMA", MATCH, "token_order_differs"),
    # spelling variants (phonetic key), abbreviations
    ("MOHAMMED IRFAN", "MOHAMMAD IRFAN", MATCH, "spelling_variant"),
    ("MUHAMMAD IRFAN", "MOHAMMED IRFAN", MATCH, "spelling_variant"),
    ("MOHD IRFAN", "MOHAMMED IRFAN", MATCH, "abbreviation_expanded"),
    ("MD SALIM", "MOHAMMAD SALIM", MATCH, "abbreviation_expanded"),
    ("LAKSHMI NARAYANAN", "LAXMI NARAYANAN", MATCH, "spelling_variant"),
    ("ANIL SHRIVASTAVA", "ANIL SRIVASTAVA", MATCH, "spelling_variant"),
    ("PRADEEP SINGH", "PRADIP SINGH", MATCH, "spelling_variant"),
    ("POONAM YADAV", "PUNAM YADAV", MATCH, "spelling_variant"),
    ("WASIM AKRAM", "VASIM AKRAM", MATCH, "spelling_variant"),
    ("KSHITIJ JOSHI", "XITIJ JOSHI", MATCH, "spelling_variant"),
    ("SURESH CHAUDHARY", "SURESH CHOUDHARI", MATCH, "spelling_variant"),
    ("SATHYANARAYANA RAO", "SATYANARAYANA RAO", MATCH, "spelling_variant"),
    ("BHAVESH PATEL", "BAVESH PATEL", MATCH, "spelling_variant"),
    ("SHAIKH ABDUL", "SHEIKH ABDUL", MATCH, "spelling_variant"),
    ("GEETHA", "GITA", MATCH, "spelling_variant"),
    ("JAGDISH PRASAD", "JAGADISH PRASAD", MATCH, "spelling_variant"),
    ("RAJENDRA PD", "RAJENDRA PRASAD", MATCH, "abbreviation_expanded"),
    ("SANTOSH KR. GUPTA", "SANTOSH KUMAR GUPTA", MATCH, "abbreviation_expanded"),
    # joined and split
    ("RAMKUMAR", "RAM KUMAR", MATCH, "tokens_joined"),
    ("RAMESH KUMAR SINGH", "RAMESHKUMAR SINGH", MATCH, "tokens_joined"),
    # Devanagari against Latin
    ("राहुल कुमार", "RAHUL KUMAR", MATCH, "transliterated_devanagari"),
    ("सुनीता देवी", "SUNITA DEVI", MATCH, "transliterated_devanagari"),
    ("अरविन्द केजरीवाल", "ARVIND KEJRIWAL", MATCH, "transliterated_devanagari"),
    ("श्रीमती कमला देवी", "KAMLA DEVI", MATCH, "transliterated_devanagari"),
    ("संजय सिंह", "SANJAY SINGH", MATCH, "transliterated_devanagari"),
    # businesses
    ("M/S SHARMA TRADERS", "SHARMA TRADERS", MATCH, "honorific_removed"),
    ("LAXMI ENTERPRISES PVT LTD", "LAKSHMI ENTERPRISES PRIVATE LIMITED", MATCH, "abbreviation_expanded"),
    # something missing: needs a person to look
    ("RAHUL PRAKASH SHARMA", "RAHUL SHARMA", PARTIAL, "token_missing"),
    ("RAHUL KUMAR", "RAHUL", PARTIAL, "token_missing"),
    ("SUNITA DEVI", "SUNITA", PARTIAL, "token_missing"),
    ("MANIKANDAN", "DURAISAMY MANIKANDAN", PARTIAL, "token_missing"),
    ("A P J ABDUL KALAM", "ABDUL KALAM", PARTIAL, "token_missing"),
    ("SANJAY KUMAR GUPTA", "SANJAY GUPTA", PARTIAL, "token_missing"),
    ("MANJUNATHA K", "MANJUNATH K", PARTIAL, "final_vowel_differs"),
    # different people
    ("RAHUL KUMAR", "ROHIT SHARMA", MISMATCH, "token_mismatch"),
    ("SUNITA DEVI", "SUNIL DEV", MISMATCH, None),
    ("MOHAN LAL", "SOHAN LAL", MISMATCH, "token_mismatch"),
    ("RAJESH KUMAR", "RAKESH KUMAR", MISMATCH, "token_mismatch"),
    ("RAHUL SHARMA", "ROHIT SHARMA", MISMATCH, "token_mismatch"),
    ("PRIYA SHARMA", "PRIYANKA SHARMA", MISMATCH, None),
    ("AMIT KUMAR", "AMITA KUMARI", MISMATCH, "final_vowel_differs"),
    ("RAMESH PATEL", "SURESH PATEL", MISMATCH, "token_mismatch"),
    ("AJAY SINGH", "VIJAY SINGH", MISMATCH, "token_mismatch"),
    ("ANIL KUMAR", "SUNIL KUMAR", MISMATCH, "token_mismatch"),
    ("D MANIKANDAN", "RAJESH MANIKANDAN", MISMATCH, "token_mismatch"),
    ("MOHAMMED IRFAN", "MOHAMMED IMRAN", MISMATCH, "token_mismatch"),
    ("RAHUL KUMAR SHARMA", "ROHIT KUMAR SHARMA", MISMATCH, "token_mismatch"),
    ("SITA RAM", "GITA RAM", MISMATCH, "token_mismatch"),
    ("NEHA GUPTA", "SNEHA GUPTA", MISMATCH, None),
    ("राहुल कुमार", "ROHIT KUMAR", MISMATCH, "token_mismatch"),
    ("KAVITA JOSHI", "KAVYA JOSHI", MISMATCH, None),
    ("DEEPAK VERMA", "DILIP VERMA", MISMATCH, "token_mismatch"),
    ("HARPREET SINGH", "HARPREET KAUR", MISMATCH, "token_mismatch"),
    ("TAPAS BANERJEE", "TAPAS BANDYOPADHYAY", EITHER, None),  # one surname, anglicised
    # more variants and splits
    ("BALAKRISHNAN", "BALA KRISHNAN", MATCH, "tokens_joined"),
    ("SYED ALI", "SAYYED ALI", MATCH, "spelling_variant"),
    ("JOSEPH THOMAS", "THOMAS JOSEPH", MATCH, "token_order_differs"),
    ("मोहम्मद इरफ़ान", "MOHD IRFAN", MATCH, "transliterated_devanagari"),
    ("GURPREET KAUR", "GURPREET KAUR SANDHU", PARTIAL, "token_missing"),
    # written after the scorer was finished (held out; 29/30 right first time, see docs)
    ("S. MURUGAN", "SUBRAMANIAN MURUGAN", EITHER, "initial_expanded"),
    ("VEERENDRA KUMAR", "VIRENDRA KUMAR", MATCH, "spelling_variant"),
    ("DHARMENDRA SINGH", "DHARMINDER SINGH", EITHER, "spelling_variant"),
    ("Sri Venkateswara Rao", "VENKATESWARA RAO", MATCH, "honorific_removed"),
    ("YASHODA BEN PATEL", "YASHODABEN PATEL", MATCH, "tokens_joined"),
    ("PARAMJIT KAUR", "PARAMJEET KAUR", MATCH, "spelling_variant"),
    ("SUKHVINDER SINGH", "SUKHWINDER SINGH", MATCH, "spelling_variant"),
    ("ASHOK KUMAR JAIN", "ASHOK JAIN", PARTIAL, "token_missing"),
    ("NAVEEN", "PRAVEEN", MISMATCH, None),
    ("MEENAKSHI SUNDARAM", "MINAKSHI SUNDARAM", MATCH, "spelling_variant"),
    ("FATIMA BEGUM", "FATHIMA BEGUM", MATCH, "spelling_variant"),
    ("RAVI SHANKAR", "SHANKAR RAVI", MATCH, "token_order_differs"),
    ("RAVI SHANKAR", "RAVI KIRAN", MISMATCH, "token_mismatch"),
    ("PUSHPA DEVI", "PUSHPA RANI", (MISMATCH, PARTIAL), None),
    ("महेश चंद्र", "MAHESH CHANDRA", MATCH, "transliterated_devanagari"),
    ("गौरव शर्मा", "GAURAV SHARMA", MATCH, "transliterated_devanagari"),
    ("विनोद कुमार", "VINOD KUMAR", MATCH, "transliterated_devanagari"),
    ("सुरेश यादव", "RAMESH YADAV", MISMATCH, "token_mismatch"),
    ("KALPANA", "KALPNA", MATCH, "spelling_variant"),
    ("ARJUN REDDY", "ARJUN REDDY K", EITHER, None),
    ("MR. VIJAY ANAND", "VIJAYANAND", MATCH, "tokens_joined"),
    ("NITIN GADKARI", "NITIN GADAKARI", MATCH, "spelling_variant"),
    ("ZAHEER KHAN", "JAHEER KHAN", MATCH, "spelling_variant"),
    ("RUKHSANA", "RUKSANA", MATCH, "spelling_variant"),
    ("SHALINI", "SHALU", (MISMATCH, PARTIAL), None),
    ("HARI OM", "HARIOM", MATCH, "tokens_joined"),
    ("BABU LAL", "BABULAL", MATCH, "tokens_joined"),
    ("SEEMA", "SIMA", MATCH, "spelling_variant"),
    ("REKHA", "REKHA RANI", PARTIAL, "token_missing"),
    ("ANAND", "ANANT", MISMATCH, None),
]
KNOWN_WRONG: dict[tuple[str, str], str] = {
    ("TAPAS BANERJEE", "TAPAS BANDYOPADHYAY"):
        "anglicised Bengali surnames (Banerjee / Bandyopadhyay, Chatterjee / Chattopadhyay) need a lexicon",
}


@pytest.mark.parametrize(("a", "b", "expected", "reason"), CASES, ids=[f"{a}|{b}" for a, b, *_ in CASES])
def test_name_pairs(a: str, b: str, expected: tuple[str, ...] | str, reason: str | None) -> None:
    if (a, b) in KNOWN_WRONG:
        pytest.xfail(KNOWN_WRONG[(a, b)])
    allowed = (expected,) if isinstance(expected, str) else expected
    m = match_names(a, b)
    assert m.result in allowed, m
    if reason:
        assert reason in m.reasons, m
    assert 0.0 <= m.score <= 100.0 and round(m.score, 2) == m.score


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b, *_ in CASES[:20] + CASES[-10:]])
def test_symmetric(a: str, b: str) -> None:
    assert match_names(a, b).score == match_names(b, a).score


def test_table_size_and_balance() -> None:
    results = [e if isinstance(e, str) else e[0] for _, _, e, _ in CASES]
    assert len(CASES) >= 40
    assert results.count(MISMATCH) >= 15 and results.count(PARTIAL) >= 7


def test_missing_and_empty_values() -> None:
    assert match_names(None, "RAHUL").reasons == ["missing_source_value"]
    assert match_names("RAHUL", "  ").reasons == ["missing_target_value"]
    assert match_names(None, None).reasons == ["missing_source_value", "missing_target_value"]
    m = match_names("Mr.", "...")
    assert m.result == "NOT_APPLICABLE" and m.reasons == ["empty_after_normalisation"]


def test_identical_names_score_100_without_reasons() -> None:
    assert match_names("RAHUL KUMAR", "rahul  kumar") == match_names("RAHUL KUMAR", "RAHUL KUMAR")
    assert match_names("RAHUL KUMAR", "RAHUL KUMAR").score == 100.0


def test_thresholds_can_be_given() -> None:
    from kagaz.matching.base import Thresholds

    assert match_names("RAHUL PRAKASH SHARMA", "RAHUL SHARMA", thresholds=Thresholds(75, 50)).result == "MATCH"


def test_phonetic_key_collapses_variants_not_names() -> None:
    assert phonetic_key("MOHAMMED") != phonetic_key("MOHAN")
    assert phonetic_key("SHARMA") == phonetic_key("SARMA")
    assert phonetic_key("SAMBHU") == phonetic_key("SHAMBU")


def test_glued_initials_and_abbreviations_are_both_read() -> None:
    readings, _ = normalise_name("KR NARAYANAN")
    assert ("KUMAR", "NARAYANAN") in readings and ("K", "R", "NARAYANAN") in readings
    assert match_names("KR NARAYANAN", "K R NARAYANAN").result == "MATCH"


def test_bounded_input_is_fast() -> None:
    import time

    long_name = " ".join(["RAHUL"] * 400)
    t = time.perf_counter()
    m = match_names(long_name, "RAHUL KUMAR SHARMA VERMA GUPTA SINGH YADAV PATEL")
    assert m.result in ("MATCH", "PARTIAL", "MISMATCH")
    assert time.perf_counter() - t < 1.0


def test_other_indian_scripts_are_transliterated() -> None:
    m = match_names("রাহুল", "RAHUL")
    assert m.result == "MATCH" and "transliterated_bengali" in m.reasons
    assert match_names("ਰਾਹੁਲ", "RAHUL").result == "MATCH"
