"""TD3 machine readable zone: check digits, parsing, OCR repairs and refusing what cannot be fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from kagaz.doctypes import mrz

TODAY = dt.date(2025, 1, 1)
INDIA = "A9999999<"

# ICAO Doc 9303 part 4, appendix: the specimen passport of Utopia.
ICAO_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
ICAO_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def _cd(text: str) -> str:
    """An independent check digit, written out as the standard states it."""
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(values[ch] * (7, 3, 1)[i % 3] for i, ch in enumerate(text)) % 10)


def td3(number: str, dob: str, sex: str, expiry: str, surname: str, given: str) -> tuple[str, str]:
    num = number.ljust(9, "<")
    body = num + _cd(num) + "IND" + dob + _cd(dob) + sex + expiry + _cd(expiry) + "<" * 14 + "0"
    line2 = body + _cd(body[0:10] + body[13:20] + body[21:43])
    line1 = ("P<IND" + surname + "<<" + given.replace(" ", "<")).ljust(44, "<")[:44]
    return line1, line2


L1, L2 = td3("N4820613", "920725", "F", "290613", "REDDY", "LAKSHMI DEVI")


@pytest.mark.parametrize("text,digit", [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"), ("<<<<", "0")])
def test_check_digits_of_the_icao_specimen(text, digit):
    assert mrz.check_digit(text) == digit


def test_parse_icao_specimen():
    m = mrz.parse(ICAO_1, ICAO_2, today=TODAY)
    assert m is not None and m.valid and m.repairs == 0
    assert (m.document_code, m.issuing_state, m.nationality) == ("P", "UTO", "UTO")
    assert (m.surname, m.given_names, m.name) == ("ERIKSSON", "ANNA MARIA", "ANNA MARIA ERIKSSON")
    assert (m.number, m.sex, m.personal_number) == ("L898902C3", "F", "ZE184226B")
    assert m.birth_date == dt.date(1974, 8, 12) and m.expiry_date == dt.date(2012, 4, 15)


def test_parse_clean_indian_zone():
    assert L2 == "N4820613<7IND9207259F2906139<<<<<<<<<<<<<<06"
    m = mrz.parse(L1, L2, number_pattern=INDIA, today=TODAY)
    assert m is not None and m.valid and m.repairs == 0
    assert (m.number, m.name, m.sex) == ("N4820613", "LAKSHMI DEVI REDDY", "F")
    assert m.birth_date == dt.date(1992, 7, 25) and m.expiry_date == dt.date(2029, 6, 13)
    assert m.checks == {"number": True, "birth_date": True, "expiry_date": True, "personal_number": True, "composite": True}


@pytest.mark.parametrize(
    "line2,repairs",
    [
        (L2.replace("613<7", "613K7"), 1),  # filler read as K
        (L2.replace("613<7", "613(7"), 0),  # filler read as ( (punctuation is filler)
        (L2.replace("9207259", "92O7259"), 1),  # O for 0 in the birth date
        (L2.replace("2906139", "29O6I39"), 2),  # O and I in the expiry date
        (L2.replace("N4820613", "N482O6I3"), 2),  # letters in the number's digit positions
        (L2.replace("<<<<<<<<<<<<<<0", "<<<<<<K<<<<<<<0"), 1),  # a K among the trailing fillers
        ("N48206137IND9207259F2906139<<<<<<<<<<<<<<06", 0),  # the number's filler dropped
        (L2.replace("<<<<<<<<<<<<<<", "<<<<<<<<<<<"), 0),  # fillers lost in the run
        (L2.replace("<<<<<<<<<<<<<<", "<<<<<<«<<<<<<"), 0),  # two fillers read as one «
        (" ".join([L2[:10], L2[10:28], L2[28:]]), 0),  # spaces inside the line
    ],
)
def test_repairs_filler_and_letter_confusions(line2, repairs):
    m = mrz.parse(L1, line2, number_pattern=INDIA, today=TODAY)
    assert m is not None and m.valid, m
    assert (m.number, m.birth_date, m.expiry_date) == ("N4820613", dt.date(1992, 7, 25), dt.date(2029, 6, 13))
    assert m.repairs == repairs


def test_a_wrong_digit_is_fixed_by_its_check_digit_and_the_composite():
    m = mrz.parse(L1, L2.replace("9207259", "9201259"), number_pattern=INDIA, today=TODAY)  # 7 read as 1
    assert m is not None and m.valid
    assert m.birth_date == dt.date(1992, 7, 25) and m.guessed == {"birth_date"} and m.fixes["birth_date"] == 1
    m = mrz.parse(L1, L2.replace("2906139", "2908139"), number_pattern=INDIA, today=TODAY)  # 6 read as 8
    assert m is not None and m.valid and m.expiry_date == dt.date(2029, 6, 13)
    m = mrz.parse(L1, L2.replace("9207259F", "9207258F"), number_pattern=INDIA, today=TODAY)  # check 9 read as 8
    assert m is not None and m.valid and m.birth_date == dt.date(1992, 7, 25)
    m = mrz.parse(L1, L2.replace("N4820613<7", "N4820613<1"), number_pattern=INDIA, today=TODAY)  # check 7 read as 1
    assert m is not None and m.valid and m.number == "N4820613"


def test_ambiguous_repairs_are_not_made():
    # The composite cannot tell a wrong last digit from a wrong check digit (7*d + 3*d = 10*d).
    m = mrz.parse(L1, L2.replace("9207259", "9207269"), number_pattern=INDIA, today=TODAY)
    assert m is not None and not m.checks["birth_date"] and not m.guessed
    # Nor a wrong digit in the number (its weights line up in the composite): several repairs fit.
    m = mrz.parse(L1, L2.replace("N4820613<7", "N4820618<7"), number_pattern=INDIA, today=TODAY)
    assert m is not None and not m.checks["number"] and m.number == "N4820618"
    assert m.check_chars["number"] == "7"  # left for the visual zone to confirm


def test_refuses_what_the_checks_cannot_repair():
    for bad in ("9807259", "3207259", "9207253"):  # two digits wrong, a non-confusion, a bad check digit
        m = mrz.parse(L1, L2.replace("9207259", bad), number_pattern=INDIA, today=TODAY)
        assert m is not None and not m.valid and not m.checks["birth_date"], bad
    # Without the composite (line cut short) a repair has no second witness: none is made.
    m = mrz.parse(L1, L2[:28].replace("9207259", "9201259"), number_pattern=INDIA, today=TODAY)
    assert m is not None and not m.checks["birth_date"] and not m.guessed and "composite" not in m.checks
    assert mrz.parse(None, "THIS IS NOT A MACHINE READABLE ZONE AT ALL", today=TODAY) is None
    m = mrz.parse(L1, "THIS IS NOT A MACHINE READABLE ZONE AT ALL", today=TODAY)  # line 1 alone: names only
    assert m is not None and m.name == "LAKSHMI DEVI REDDY" and not m.checks and not m.valid and not m.number
    assert mrz.parse("PASSPORT", None, today=TODAY) is None
    assert mrz.parse(None, "", today=TODAY) is None
    assert mrz.parse(None, "😀" * 44, today=TODAY) is None


def test_specimen_with_made_up_check_digits_does_not_pass():
    m = mrz.parse(L1, "I7941275<4IND9207250F2906134<<<<<<<<<<<<<<02", number_pattern=INDIA, today=TODAY)
    assert m is not None and not m.valid
    assert m.number == "I7941275"  # read as printed, not "repaired" into another number


def test_two_digit_years():
    m = mrz.parse(None, td3("N4820613", "100101", "M", "400101", "A", "B")[1], today=TODAY)
    assert m is not None and m.birth_date == dt.date(2010, 1, 1) and m.expiry_date == dt.date(2040, 1, 1)
    m = mrz.parse(None, td3("N4820613", "300101", "M", "500101", "A", "B")[1], today=TODAY)
    assert m is not None and m.birth_date == dt.date(1930, 1, 1) and m.expiry_date == dt.date(1950, 1, 1)


@pytest.mark.parametrize(
    "line1,surname,given",
    [
        ("P<INDREDDY<<LAKSHMI<DEVI<<<<<<<<<<<<<<<<<<<<", "REDDY", "LAKSHMI DEVI"),
        ("PKINDREDDY<<LAKSHMI<DEVI<<<<<<<<<K<<<<<<<<<<", "REDDY", "LAKSHMI DEVI"),
        ("PINDREDDY<<LAKSHMI<DEVI<<<<<<<<<<<<<", "REDDY", "LAKSHMI DEVI"),
        ("P<INDREDDY<<LAKSHMI<DEVI<<<<<<<<C<<<K", "REDDY", "LAKSHMI DEVI"),
        ("P<INDREDDY<<ASHOK<<<<<<<<<<<<<<<<<<<<<<<<<<<", "REDDY", "ASHOK"),
        ("P<IND<<PRIYA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "", "PRIYA"),
        ("P<INDRE0DY<<LAKSHM1<<<<<<<<<<<<<<<<<<<<<<<<<", "REODY", "LAKSHMI"),
    ],
)
def test_names_from_line_1(line1, surname, given):
    m = mrz.parse(line1, L2, number_pattern=INDIA, today=TODAY)
    assert m is not None and (m.surname, m.given_names) == (surname, given)


def test_line_shapes():
    assert mrz.is_line1(L1) and not mrz.is_line1(L2)
    assert mrz.is_line2(L2) and not mrz.is_line2(L1)
    assert not mrz.is_line1("PASSPORT / पासपोर्ट") and not mrz.is_line2("Date of Birth 25/07/1992")
