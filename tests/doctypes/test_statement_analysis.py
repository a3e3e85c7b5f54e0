"""Statement analysis: categories, months, balances, salary, EMIs, returns, flags, merging, and
the analysis on an engine result (issue 19)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from kagaz.doctypes.statement_analysis import analyse, analyse_statements, statement_of
from kagaz.doctypes.statement_categories import categorise, counterparty

# Narrations written the way each bank's system writes them (rail words as NPCI and RBI define
# them; the names are invented).
NARRATIONS = [
    ("UPI/DR/412345678901/ZOMATO/YESB/zomato@ybl/Payment", False, "upi"),
    ("UPI-ANITA SHARMA-anita12@oksbi-SBIN0001234-412345678901-RENT", True, "upi"),
    ("NEFT CR-ICIC0000123-ACME TECHNOLOGIES PVT LTD-RAVI KUMAR-ICICN2024040112", True, "transfer"),
    ("BY TRANSFER-NEFT*HDFC0000001*N123456789*INFOSYS LIMITED*SAL APR 2024", True, "salary"),
    ("ACH D- BAJAJ FINANCE LTD-P400123456", False, "emi"),
    ("DEBIT-ACHDr HDB FINANCIAL SERVICES 8312566869", False, "emi"),
    ("NACH-DR-TATA CAPITAL LTD-UMRN0001234", False, "emi"),
    ("TRF TO LN A/C XXXX4321 EMI", False, "emi"),
    ("ACH D- ICCL-MUTUAL FUND SIP-12345678", False, "investment"),
    ("ATM WDL 12345 MG ROAD PUNE", False, "cash"),
    ("ATW-512345XXXXXX1234-S1ANPN05-PUNE", False, "cash"),
    ("NFS/CASH WDL/12-04-24/MUMBAI", False, "cash"),
    ("CASH DEPOSIT BY SELF", True, "cash"),
    ("BY CASH", True, "cash"),
    ("POS 486018XXXXXX6226 APOLLO PHARMACY", False, "card"),
    ("INT.PD:30-06-2024", True, "interest"),
    ("CREDIT INTEREST", True, "interest"),
    ("TDS ON INTEREST", False, "tax"),
    ("SMS CHARGES FOR QTR", False, "charges"),
    ("I/W CHQ RTN-000123-FUNDS INSUFFICIENT", True, "bounce"),
    ("O/W RTN CHQ 000456 PAYMENT STOPPED BY DRAWER", False, "bounce"),
    ("ACH D- RETURN CHARGES-12345678", False, "charges"),
    ("NACH RTN CHGS BAJAJ FINANCE LTD", False, "charges"),
    ("BIL/BPAY/000123456/BESCOM", False, "utility"),
    ("REFUND FROM AMAZON", True, "refund"),
    ("IMPS-412345678901-RAHUL VERMA-TRANSFER", False, "transfer"),
    ("RTGS/UTIB0000123/SHREE TRADERS/PAYMENT", False, "transfer"),
    ("MISC", False, "other"),
]


@pytest.mark.parametrize(("text", "credit", "category"), NARRATIONS)
def test_categories_of_bank_narrations(text: str, credit: bool, category: str) -> None:
    assert categorise(text, credit=credit)[0] == category


def test_counterparties_are_the_names_the_rail_carries() -> None:
    assert counterparty("NACH DR MONEYVIEW 4719751177") == "MONEYVIEW"
    assert counterparty("NEFT_IN:SBINN8673546142/ZENITH SOFTWARE SOLUTIONS") == "ZENITH SOFTWARE SOLUTIONS"
    assert counterparty("UPI-ANITA SHARMA-anita12@oksbi-SBIN0001234-412345678901-RENT") == "ANITA SHARMA"
    assert counterparty("HOME CREDIT INDIA") == "HOME CREDIT INDIA"  # a name's own words stay
    assert counterparty("SMS CHARGES") == "SMS CHARGES"
    assert counterparty("412345678901") is None


def _ledger(opening: int = 50000) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    bal = Decimal(opening)

    def add(day: str, desc: str, dr: int | None = None, cr: int | None = None) -> None:
        nonlocal bal
        bal += (cr or 0) - (dr or 0)
        rows.append({"date": day, "description": desc, "debit": None if dr is None else f"{dr:.2f}",
                     "credit": None if cr is None else f"{cr:.2f}", "balance": f"{bal:.2f}"})

    for m in (4, 5, 6):
        add(f"01/{m:02d}/2024", "NEFT CR-CITI0100000-INFOSYS LIMITED-RAVI KUMAR-CITIN24000123", cr=85000)
        add(f"05/{m:02d}/2024", "ACH D- BAJAJ FINANCE LTD-P4012345678", dr=12500)
        add(f"07/{m:02d}/2024", "UPI/DR/412345678901/ZOMATO/YESB/zomato@ybl/Payment", dr=450)
        add(f"10/{m:02d}/2024", "ATM-CASH WDL/PUNE/1234", dr=5000)
    add("06/06/2024", "ACH D- RETURN CHARGES-INSUFF FUNDS", dr=590)
    add("20/06/2024", "CASH DEPOSIT BY SELF", cr=40000)
    add("21/06/2024", "RTGS/UTIB0000123/SHREE TRADERS/PAYMENT", dr=45000)
    return rows


def test_monthly_totals_balances_and_average_balance() -> None:
    rows = _ledger()
    a = analyse(rows, opening_balance="50000.00", period_from="01/04/2024", period_to="30/06/2024")
    april = a["monthly"][0]
    assert april["month"] == "2024-04"
    assert (april["credits_total"], april["debits_total"]) == ("85000.00", "17950.00")
    assert (april["credits_count"], april["debits_count"]) == (1, 3)
    assert (april["opening_balance"], april["closing_balance"]) == ("50000.00", "117050.00")
    assert (april["min_balance"], april["max_balance"]) == ("117050.00", "135000.00")
    # 4 days at 135000, 2 at 122500, 3 at 122050, 21 at 117050: the mean of 30 end-of-day balances
    expected = (4 * 135000 + 2 * 122500 + 3 * 122050 + 21 * 117050) / 30
    assert Decimal(april["average_balance"]) == Decimal(f"{expected:.2f}")
    assert april["rows"] == [0, 1, 2, 3]
    assert a["monthly"][1]["opening_balance"] == april["closing_balance"]
    assert a["average_bank_balance"]["method"] == "end_of_day_mean"
    assert a["average_bank_balance"]["points"] == 91
    fixed = analyse(rows, opening_balance="50000.00", period_from="01/04/2024", period_to="30/06/2024",
                    abb_days=(5, 15, 25))
    abb = fixed["average_bank_balance"]
    assert (abb["method"], abb["days"], abb["points"]) == ("fixed_days", [5, 15, 25], 9)
    eod = {e["date"]: Decimal(e["balance"]) for e in fixed["end_of_day_balances"]}
    days = [f"{d:02d}/{m:02d}/2024" for m in (4, 5, 6) for d in (5, 15, 25)]
    assert Decimal(abb["value"]) == (sum(eod[d] for d in days) / 9).quantize(Decimal("0.01"))


def test_salary_emi_returns_cash_and_row_categories() -> None:
    rows = _ledger()
    a = analyse(rows, opening_balance="50000.00", period_from="01/04/2024", period_to="30/06/2024")
    salary = a["salary"]
    assert [c["rows"] for c in salary["credits"]] == [[0], [4], [8]]
    assert salary["employers"] == ["INFOSYS LIMITED"] and salary["regular"] is True
    assert [c["rule"] for c in salary["credits"]] == ["recurring_employer_credit"] * 3
    (emi,) = a["emi"]
    assert (emi["counterparty"], emi["amount"], emi["count"], emi["rows"]) == (
        "BAJAJ FINANCE LTD", "12500.00", 3, [1, 5, 9])
    (bounce,) = a["bounces"]
    assert (bounce["kind"], bounce["direction"], bounce["reason"], bounce["charge_rows"]) == (
        "mandate", "inward", "insufficient funds", [12])
    assert a["cash"]["deposits_total"] == "40000.00" and a["cash"]["withdrawal_rows"] == [3, 7, 11]
    assert [r["category"] for r in rows[:4]] == ["salary", "emi", "upi", "cash"]
    assert rows[12]["category_rule"] == "return_charge"
    codes = {f["code"]: f for f in a["flags"]}
    assert codes["cash_before_large_debit"]["rows"] == [13, 14]
    assert codes["round_figure_credit"]["rows"] == [13]
    assert codes["returns"]["rows"] == [12]
    assert "ends_before_application" not in codes
    late = analyse(_ledger(), opening_balance="50000.00", period_from="01/04/2024", period_to="30/06/2024",
                   application_date=dt.date(2024, 9, 1))
    assert any(f["code"] == "ends_before_application" for f in late["flags"])


def test_irregular_salary_holiday_and_circular_flags() -> None:
    rows = [
        {"date": "01/04/2024", "description": "SALARY APR 2024 ACME PVT LTD", "debit": None, "credit": "50000.00",
         "balance": "60000.00"},
        {"date": "09/06/2024", "description": "SALARY JUN 2024 ACME PVT LTD", "debit": None, "credit": "20000.00",
         "balance": "80000.00"},  # a Sunday; May was not paid
        {"date": "10/06/2024", "description": "IMPS-412345678901-RAHUL VERMA-LOAN", "debit": None,
         "credit": "30000.00", "balance": "110000.00"},
        {"date": "12/06/2024", "description": "IMPS-512345678901-RAHUL VERMA-RETURN", "debit": "29500.00",
         "credit": None, "balance": "80500.00"},
    ]
    a = analyse(rows, opening_balance="10000.00", period_from="01/04/2024", period_to="30/06/2024")
    assert a["salary"]["regular"] is False and a["salary"]["missing_months"] == ["2024-05"]
    codes = [f["code"] for f in a["flags"]]
    assert "salary_on_holiday" in codes and "in_and_out_same_party" in codes and "period_gap" in codes
    sunday = next(f for f in a["flags"] if f["code"] == "salary_on_holiday")
    assert sunday["rows"] == [1] and sunday["day"] == "Sunday"


def test_balance_breaks_are_flagged_and_newest_first_rows_keep_their_indexes() -> None:
    rows = list(reversed(_ledger()))
    a = analyse(rows, opening_balance="50000.00", period_from="01/04/2024", period_to="30/06/2024")
    assert [c["rows"] for c in a["salary"]["credits"]] == [[14], [10], [6]]
    assert a["monthly"][0]["credits_total"] == "85000.00"
    broken = _ledger()
    broken[2]["balance"] = "999.00"
    flagged = analyse(broken, opening_balance="50000.00")
    assert {"code": "balance_break", "message": "2 row(s) do not follow from the previous balance",
            "rows": [2, 3]} in flagged["flags"]


def test_overlapping_statements_are_counted_once() -> None:
    rows = _ledger()
    first = {"transactions": rows[:8], "opening_balance": "50000.00", "period_from": "01/04/2024",
             "period_to": "31/05/2024", "account_number": "50100123456789"}
    second = {"transactions": [dict(r) for r in rows[4:]], "opening_balance": rows[3]["balance"],
              "period_from": "01/05/2024", "period_to": "30/06/2024", "account_number": "50100123456789"}
    merged = analyse_statements([second, first])
    single = analyse([dict(r) for r in rows], opening_balance="50000.00", period_from="01/04/2024",
                     period_to="30/06/2024")
    assert len(merged["duplicates"]) == 4 and len(merged["transactions"]) == len(rows)
    assert merged["monthly"] == single["monthly"]
    assert merged["salary"]["count"] == 3 and merged["emi"][0]["count"] == 3
    row = merged["transactions"][merged["salary"]["credits"][2]["rows"][0]]
    assert (row["statement"], row["row"]) == (0, 4)  # June's salary: the second statement's 5th row
    assert statement_of({"transactions": {"value": rows}, "account_number": {"value": "1"}})["account_number"] == "1"


def test_planted_stories_are_found() -> None:
    from kagaz.evaluation.statement_analysis import score

    results = score(24, seed=7)["all"]
    for what in ("salary", "emi", "bounce"):
        assert results.precision(what) >= 0.95, (what, results.misses)
        assert results.recall(what) >= 0.95, (what, results.misses)
    assert results.months_exact == results.reconciled == 24
    assert results.cash_exact == 24
    assert results.categories_right >= 0.95 * results.rows


def test_engine_result_carries_the_analysis() -> None:
    from kagaz.pipeline.engine import Engine
    from kagaz.synth.render import to_pdf
    from kagaz.synth.statement_story import plan_story, render_story

    story = plan_story(random.Random(4), "hdfc", 3)
    pdf = to_pdf(render_story(story, random.Random(5)).canvases)
    data = Engine().process(pdf, "statement.pdf").file_data()
    assert data["document_type"] == "BANK_STATEMENT"
    analysis = data["analysis"]
    salary_rows = [i for i, k in enumerate(story.kinds) if k == "salary"]
    assert [r for c in analysis["salary"]["credits"] for r in c["rows"]] == salary_rows
    assert all("category" in row for row in data["transactions"]["value"])
    assert len(analysis["monthly"]) == 3


@pytest.mark.parametrize(("text", "credit", "category", "rule"), [
    ("NACH_RTN_CHG INSUFF", False, "charges", "return_charge"),  # underscores part words
    ("NACH DEBIT REVERSAL BAJAJ FINANCE", True, "bounce", "return"),
    ("INSUFFICIENT BAL CHGS", False, "charges", "return_charge"),
    ("GST ON CHGS FOR ACH RTN", False, "charges", "return_charge"),  # either order
    ("CHQ DEP 000123 ACH\nRTN CHGS", False, "charges", "return_charge"),  # both on a later line
    ("ACH D- HDFC CREDIT CARD", False, "card", "card_bill"),  # a card bill, not a loan's EMI
    ("EMI 45041234 CHQ S45041234 0524", False, "emi", "loan_transfer"),
    ("ACH D- ICICI PRUDENTIAL LIFE", False, "investment", "investment"),
    ("INT.COLL:01-01-24 TO 31-01-24", False, "interest", "interest"),
])
def test_rules_that_fire(text: str, credit: bool, category: str, rule: str) -> None:
    assert categorise(text, credit=credit) == (category, rule)


def test_a_return_and_a_charge_on_different_lines_are_not_a_return_charge() -> None:
    assert categorise("ACH RTN 0012\nSMS CHGS", credit=False)[1] != "return_charge"


def test_recurring_payments_to_a_lender_by_any_rail_are_emis_and_standing_instructions_to_people_are_not() -> None:
    rows, bal = [], Decimal(90000)
    for m in (4, 5, 6):
        for desc, amount in ((f"UPI/DR/41234567890{m}/KREDITBEE FINANCE/YESB/kb@ybl/Payment", 4200),
                             (f"SI-RENT-ANIL MEHTA-00{m}", 15000)):
            bal -= amount
            rows.append({"date": f"03/{m:02d}/2024", "description": desc, "debit": f"{amount}.00", "credit": None,
                         "balance": f"{bal}.00"})
    a = analyse(rows, opening_balance="90000.00")
    (emi,) = a["emi"]
    assert (emi["counterparty"], emi["count"], emi["rules"]) == ("KREDITBEE FINANCE", 3, ["recurring_to_lender"])


@pytest.mark.parametrize(("text", "credit", "category"), [
    ("CHQ RET - INSUFFICIENT FUNDS", True, "bounce"),
    ("RETURN OF CHQ NO 123456", True, "bounce"),
    ("OUTWARD CLG RETURN 004512", False, "bounce"),
    ("REJECTED NACH HOME CREDIT", True, "bounce"),
    ("EMI BOUNCE 45041234", True, "bounce"),  # a returned instalment is a return, not an EMI
    ("CHEQUE BOUNCE CHARGES", False, "charges"),
    ("CHQ PAID-SELF", False, "cash"),  # a self cheque cashed at the branch
    ("ACH C- INFOSYS LTD SAL", True, "salary"),
])
def test_return_and_cash_wordings(text: str, credit: bool, category: str) -> None:
    assert categorise(text, credit=credit)[0] == category


def test_the_worked_example_of_the_docs() -> None:
    """docs/statement-analysis.md, "Worked example": the numbers it shows are these."""
    spec = [("01/04/2024", "NEFT CR-CITI0100000-ACME TECHNOLOGIES PVT LTD-RAVI KUMAR-CITIN24091234", None, 60000),
            ("05/04/2024", "ACH D- BAJAJ FINANCE LTD-P400123456", 12000, None),
            ("12/04/2024", "UPI/DR/412345678901/ZOMATO/YESB/zomato@ybl/Payment", 500, None),
            ("28/04/2024", "RTGS/UTIB0000123/SHREE TRADERS/PAYMENT", 66000, None),
            ("05/05/2024", "ACH D- RETURN CHARGES-INSUFF FUNDS", 590, None),
            ("08/05/2024", "NEFT CR-CITI0100000-ACME TECHNOLOGIES PVT LTD-RAVI KUMAR-CITIN24121234", None, 60000),
            ("18/05/2024", "CASH DEPOSIT BY SELF", None, 50000),
            ("19/05/2024", "RTGS/UTIB0000123/SHREE TRADERS/PAYMENT", 55000, None),
            ("01/06/2024", "NEFT CR-CITI0100000-ACME TECHNOLOGIES PVT LTD-RAVI KUMAR-CITIN24151234", None, 60000),
            ("05/06/2024", "ACH D- BAJAJ FINANCE LTD-P400123458", 12000, None)]
    bal, rows = Decimal(20000), []
    for day, desc, dr, cr in spec:
        bal += (cr or 0) - (dr or 0)
        rows.append({"date": day, "description": desc, "debit": None if dr is None else f"{dr}.00",
                     "credit": None if cr is None else f"{cr}.00", "balance": f"{bal}.00"})
    kw: dict[str, Any] = {"opening_balance": "20000.00", "period_from": "01/04/2024", "period_to": "30/06/2024"}
    a = analyse(rows, application_date=dt.date(2024, 9, 2), **kw)
    assert [m["average_balance"] for m in a["monthly"]] == ["62683.33", "46953.87", "105510.00"]
    assert a["average_bank_balance"]["value"] == "71443.63"
    assert analyse([dict(r) for r in rows], abb_days=(5, 15, 25), **kw)["average_bank_balance"]["value"] == "70273.33"
    assert [c["rows"] for c in a["salary"]["credits"]] == [[0], [5], [8]] and a["salary"]["regular"] is True
    assert a["emi"][0]["rows"] == [1, 9] and a["bounces"][0]["charge_rows"] == [4]
    assert (a["emi"][0]["day_of_month"], a["emi"][0]["missing_months"]) == (5, ["2024-05"])
    assert [f["code"] for f in a["flags"]] == ["round_figure_credit", "cash_before_large_debit",
                                              "ends_before_application", "returns"]


def test_edge_ledgers_do_not_break_the_analysis() -> None:
    empty = analyse([], opening_balance="100.00")
    assert empty["monthly"] == [] and empty["salary"]["count"] == 0 and empty["flags"] == []
    rows = [{"date": None, "description": "UNREADABLE", "debit": "10.00", "credit": None, "balance": "90.00"},
            {"date": "02/04/2024", "description": "OPENING BALANCE", "debit": None, "credit": None, "balance": None},
            {"date": "03/04/2024", "description": "ATM WDL", "debit": "500.00", "credit": None, "balance": None},
            {"date": "04/04/2024", "description": "NEFT CR-ACME PVT LTD", "debit": None, "credit": "800.00",
             "balance": "-100.00 "}]
    a = analyse(rows, opening_balance="-400.00")
    assert a["rows_left_out"] == [0, 1]
    # The running balance carries a row without a printed balance forward by its amount.
    assert [e["balance"] for e in a["end_of_day_balances"]] == ["-900.00", "-100.00"]
    assert a["monthly"][0]["min_balance"] == "-900.00"


@pytest.mark.parametrize(("text", "party"), [
    ("DEP TFR NEFT*HDFC0000001*N123456789*ACME TECHNOLOGIES PVT LTD*", "ACME TECHNOLOGIES PVT LTD"),  # SBI
    ("WDL TFR UPI/DR/412345678901/RAHUL VERMA/SBIN/rahul@oksbi/rent", "RAHUL VERMA"),  # SBI
    ("TO TRANSFER-UPI/DR/412345678901/DMART/YESB/dmart@ybl/Payment", "DMART"),
    ("POS 486018XXXXXX6226 APOLLO PHARMACY", "APOLLO PHARMACY"),
    ("MMT/IMPS/412345678901/RAHUL VERMA/HDFC0001234", "RAHUL VERMA"),  # ICICI
    ("UPI/P2A/412345678901/ANITA SHARMA/UTIB/anita@axl", "ANITA SHARMA"),  # Axis
    ("ACH DR VEDA SERVICES P MERCHANTNAME-1234567890", "VEDA SERVICES P MERCHANTNAME"),  # Yes Bank
    ("ECS-VEDA SERVICES P MERCHANTNAME1 1234567890", "VEDA SERVICES P MERCHANTNAME1"),  # HSBC
])
def test_counterparties_of_several_banks_narrations(text: str, party: str) -> None:
    assert counterparty(text) == party


def test_a_known_app_lender_is_a_lender_at_its_first_instalment() -> None:
    assert categorise("NACH DR KREDITBEE 4719751177", credit=False) == ("emi", "mandate_to_lender")
    assert categorise("ACH D- NAVI MUMBAI MUNICIPAL CORP-123", credit=False)[0] != "emi"


def test_rules_read_any_case_as_the_case_insensitive_rules_do() -> None:
    """ASCII narrations are matched upper-cased against the rules compiled without
    IGNORECASE (faster); every case of every narration must get what the rules give."""
    from kagaz.doctypes.statement_categories import RULES

    def reference(text: str, credit: bool) -> tuple[str, str]:
        text = text.replace("_", " ")
        side = "credit" if credit else "debit"
        return next(((category, name) for name, category, rx, wanted in RULES
                     if wanted in ("any", side) and rx.search(text)), ("other", "none"))

    texts = [t for t, _, _ in NARRATIONS] + [
        "i/w chq rtn-insufficient funds", "Nach_Rtn Bajaj Finance", "Ach D- Return Charges",
        "pos 4321xxxxxx0123 big bazaar", "Int.Pd:01-04-2024 to 30-06-2024", "cash dep cdm ₹5000",
        "Salary For March", "neft cr-icic0000123-acme", "Ecs rev Lic premium", "ßalary ſms chgs"]
    for text in texts:
        for variant in (text, text.lower(), text.upper(), text.title()):
            for credit in (False, True):
                assert categorise(variant, credit=credit) == reference(variant, credit), variant
