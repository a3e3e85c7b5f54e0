"""What a statement row is, from its narration: a category, the rule that said so, a counterparty.

Indian narrations are written by each bank's core-banking system, but the payment rails impose
their own words, and those are what the rules rest on:

* NPCI's rails print their name first: ``UPI/DR/<RRN>/<payee>/<bank>/<vpa>`` (SBI, ICICI, Axis,
  Kotak), ``UPI-<payee>-<vpa>-<IFSC>-<RRN>-<note>`` (HDFC); ``IMPS-<RRN>-<name>``, ``MMT/IMPS/``
  (ICICI); NACH and its predecessor ECS debits carry the creditor's name, as NPCI asks the
  destination bank to show it: ``ACH D- <creditor>-<ref>`` (HDFC), ``ACH DR``, ``NACH-DR-``,
  ``DEBIT-ACHDr``, ``ECS-<creditor>``; standing instructions ``SI-``.
* RBI's NEFT/RTGS credits name the remitter: ``NEFT CR-<IFSC>-<remitter>-<beneficiary>-<UTR>``
  (HDFC), ``BY TRANSFER-NEFT*<remitter>*<UTR>`` (SBI), ``NEFT/<UTR>/<remitter>`` (ICICI, Axis).
* Cash and cards: ``ATM WDL``, ``ATW-``/``NWD-``/``EAW-`` (HDFC at its own, other banks' and
  other networks' ATMs), ``NFS/CASH WDL`` (ICICI), ``CASH DEP``/``BY CASH``/``CDM``; card
  purchases ``POS <masked card> <merchant>``, ``PUR``, ``ECOM PUR``, ``VPS``/``IPS`` (SBI).
* Returns: cheques ``I/W CHQ RTN`` (inward: the holder's cheque came back unpaid), ``O/W RTN``
  (outward: a cheque they deposited was not paid), ``CHQ RET``, ``RETURN``, ``DISHONOUR``;
  mandates ``ACH ... RETURN``, ``NACH RTN``, ``ECS RTN``; reasons as NPCI's CTS and NACH return
  codes word them (``INSUFFICIENT FUNDS``, ``EXCEEDS ARRANGEMENT``, ``PAYMENT STOPPED`` …); the
  bank's penalty follows as a charge: ``ACH D- RETURN CHARGES``, ``CHQ RTN CHGS``, ``ECS RTN
  CHRG``, ``BOUNCE CHARGES``.

:func:`categorise` tries :data:`RULES` in order, most specific first (a return before the rail
it travelled on, charges and tax before the payment they are levied on), and returns the first
that fires. Salary and EMI are decided again by :mod:`~kagaz.doctypes.statement_income` from
recurrence, which catches the HDFC salary narrations that never say "salary".

>>> categorise("UPI/DR/412345678901/ZOMATO/YESB/zomato@ybl/Payment", credit=False)
('upi', 'upi')
>>> categorise("ACH D- BAJAJ FINANCE LTD-1234567", credit=False)
('emi', 'mandate_to_lender')
>>> categorise("I/W CHQ RTN-INSUFFICIENT FUNDS", credit=True)
('bounce', 'return')
>>> counterparty("UPI/CR/412345678901/ANITA SHARMA/SBIN/anita12@oksbi")
'ANITA SHARMA'
>>> counterparty("NEFT CR-ICIC0000123-ACME TECHNOLOGIES PVT LTD-RAVI KUMAR-ICICN2024040112")
'ACME TECHNOLOGIES PVT LTD'
>>> counterparty("ACH D- BAJAJ FINANCE LTD-1234567")
'BAJAJ FINANCE LTD'
"""

from __future__ import annotations

import re

__all__ = ["CATEGORIES", "RULES", "bounce_reason", "categorise", "counterparty", "is_bounce_charge",
           "is_lender", "is_organisation", "party_key", "return_direction"]

CATEGORIES = ("salary", "emi", "transfer", "upi", "card", "cash", "charges", "interest", "tax",
              "refund", "bounce", "investment", "utility", "other")

_RX = re.IGNORECASE
_RETURN = re.compile(r"\b(?:RTN|RETN|RETURNE?D?|RET|BOUNCED?|DISHONOU?RE?D?|DHR|UNPAID|REJECTE?D?|"
                     r"REJ)\b", _RX)
_CHARGE = re.compile(r"\b(?:CHGS?|CHRGS?|CHARGES?|PENALTY|PENAL|FEES?|GST\s+ON)\b", _RX)
_REASONS = (
    ("insufficient funds", r"INSUFF?I?C?I?E?N?T?\s*(?:FUNDS?|BAL(?:ANCE)?)|FUNDS?\s*INSUFF|\bINSUFF\b"),
    ("exceeds arrangement", r"EXCEEDS?\s*ARR"),
    ("payment stopped by drawer", r"(?:PAYMENT|PYMT)\s*STOPPED|STOP\s*PAYMENT"),
    ("signature differs", r"SIGN(?:ATURE)?\S*\s*(?:DIFFERS|MISMATCH|INCOMPLETE)"),
    ("account closed", r"A/?C(?:COUNT)?\s*CLOSED"),
    ("refer to drawer", r"REFER\s*TO\s*DRAWER"),
    ("mandate not received", r"MANDATE\s*NOT\s*(?:RECEIVED|REGISTERED)|NO\s*MANDATE"),
    ("account blocked or frozen", r"A/?C(?:COUNT)?\s*(?:BLOCKED|FROZEN)"),
    ("drawer's funds insufficient", r"DRAWERS?\s*FUNDS"),
)
_RAIL = re.compile(r"^(?:(?:NEFT|RTGS|IMPS)(?:_?(?:IN|OUT|CR|DR))?|IN|OUT|UPI|MMT|NACH|ACH|ECS|SI|INB|IB|BIL|ONL|INFT|TRF|TRANSFER|"
                   r"BY|TO|DR|CR|D|C|P2A|P2M|P2P|RTN|NETBANK|MOB|FT|CHQ|CLG|DEBIT|CREDIT|PAYMENT|"
                   r"PAY|SENT|RECEIVED|NA|REF|UTR|ACHDR|ACHCR|NACHDR|FROM|FOR|OF|AND|THE|SAL|SALARY|REV|REVERSAL|"
                   r"RETURNE?D?|RTN|RET|REJECT|CHGS?|CHRGS?|DEP|WDL|TFR|INF|POS|PUR|ECOM|VPS|IPS|BPAY)$", _RX)
_IFSC = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$", _RX)
_BANK_CODE = re.compile(r"^[A-Z]{4}$")
_ORG = re.compile(r"\b(?:PVT|PRIVATE|LTD|LIMITED|LLP|INC|CORP(?:ORATION)?|COMPANY|CO|TECHNOLOGIES|"
                  r"TECH|SOLUTIONS|SERVICES|SYSTEMS|INDUSTRIES|ENTERPRISES?|TRADERS|INFOTECH|"
                  r"SOFTWARE|CONSULTANCY|CONSULTING|HOSPITALS?|SCHOOL|UNIVERSITY|GOVT|GOVERNMENT|"
                  r"TREASURY|DEPARTMENT|MINISTRY|BANK|FOUNDATION|TRUST|MOTORS|STEELS|ELECTRICALS|"
                  r"LABS|PHARMA|GROUP)\b", _RX)
# Digital lenders (NBFCs and their lending apps, as RBI's digital lending guidelines of 2 September
# 2022 have them disclose) whose names carry no lender's word.
_LENDER_BRANDS = (r"KREDITBEE|MONEYVIEW|MONEY\s*VIEW|FIBE|EARLYSALARY|CASHE|LAZYPAY|PAYSENSE|"
                  r"MPOKKET|TRUEBALANCE|STASHFIN|ZESTMONEY|LENDINGKART|INDIALENDS|FAIRCENT|KISSHT|"
                  r"SMARTCOIN|AVAIL\s*FIN\w*|BRANCH\s*INTERNATIONAL")
_LENDER = re.compile(r"\b(?:FINANCE|FINANCIAL|FINSERV|FINCORP|FINVEST|CAPITAL|CREDIT|LOANS?|LENDING|"
                     r"HOUSING|HOME\s*FIN|BANK|NBFC|MICROFIN\w*|LN|EMI|LEASING|MONEY|" + _LENDER_BRANDS + r")\b", _RX)
_INVEST = re.compile(r"\b(?:MUTUAL\s*FUND|MF|SIP|ZERODHA|GROWW|UPSTOX|ICCL|NSE\s*CLEARING|BSE|CDSL|NSDL|"
                     r"DEMAT|AMC|FD|RD|FIXED\s*DEP\w*|RECURRING\s*DEP\w*|PPF|NPS|SGB|LIC|LIFE\s*INS\w*|"
                     r"INSURANCE|PREMIUM|AUTOSWEEP|SWEEP|PRUDENTIAL|ASSET\s*MANAGEMENT|CAMS|KFIN\w*|KARVY|POLICY|"
                     r"BSE\s*STAR)\b", _RX)


def _rule(name: str, category: str, pattern: str, side: str = "any") -> tuple[str, str, re.Pattern[str], str]:
    return name, category, re.compile(pattern, _RX), side


# (rule, category, narration pattern, side: "debit", "credit" or "any"), most specific first.
RULES: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    # Both words on one line, in either order. Tried from each line's start only: a search
    # tried it from every position, each scanning the rest of the line (a fifth of a 60-page
    # statement's analysis); a later start finds nothing a line's start does not.
    _rule("return_charge", "charges", r"(?m)^(?=.*(?:\b(?:RTN|RETN|RETURNE?D?|RET|BOUNCED?|DISHONOU?RE?D?|"
          r"UNPAID|REJ(?:ECTE?D?)?)\b|INSUFF))(?=.*\b(?:CHGS?|CHRGS?|CHARGES?|PENALTY|PENAL|FEES?)\b)"),
    _rule("return", "bounce", r"\b(?:I/?W|O/?W|INWARD|OUTWARD|CHQ|CHEQUE|ACH|NACH|ECS|MANDATE|SI|"
          r"CLG|EMI|LOAN)\b.*\b(?:RTN|RETN|RETURNE?D?|RET|BOUNCED?|DISHONOU?RE?D?|UNPAID|REJECTE?D?|REJ)\b|"
          r"\b(?:RTN|RETURNE?D?|RET|BOUNCED?|DISHONOU?RE?D?|REJECTE?D?)\b.*\b(?:CHQ|CHEQUE|ACH|NACH|"
          r"ECS|MANDATE|EMI)\b|INSUFF?I?CIENT\s*(?:FUNDS?|BAL)|FUNDS?\s*INSUFF|EXCEEDS?\s*ARR|"
          # A mandate debit put back ("NACH DEBIT REVERSAL") is one that could not be paid.
          r"\b(?:ACH|NACH|ECS)\b.*\bREV(?:ERSAL|ERSED)?\b|\bREV(?:ERSAL|ERSED)?\b.*\b(?:ACH|NACH|ECS)\b"),
    _rule("tax", "tax", r"\b(?:TDS|GST|CGST|SGST|IGST|INCOME\s*TAX|CBDT|OLTAS|TIN|ADVANCE\s*TAX|"
          r"SELF\s*ASSESSMENT|PROF(?:ESSION)?\s*TAX|CHALLAN\s*28\d)\b"),
    _rule("bank_charges", "charges", r"\b(?:CHGS?|CHRGS?|CHARGES?|FEES?|PENALTY|AMC|MIN\s*BAL|"
          r"NON\s*MAINT|SMS\s*ALERT|ANNUAL\s*FEE|COMMISSION|COMM|DEBIT\s*CARD\s*ANN\w*|"
          r"CONSOLIDATED)\b", "debit"),
    _rule("interest", "interest", r"\b(?:INT\.?\s*PD|INT\.?\s*CR|INTEREST|INT\s*PAID|SB\s*INT|"
          r"CREDIT\s*INTEREST|INT\.?COLL|INT\s*ON)\b|^INT[\s.:]"),
    _rule("refund", "refund", r"\b(?:REFUND|RFND|REVERSAL|REVERSED|REV|CASHBACK|CASH\s*BACK|"
          r"CHARGEBACK|FAILED\s*TXN)\b", "credit"),
    _rule("salary_word", "salary", r"\b(?:SALARY|SAL|SALA|PAYROLL|STIPEND|WAGES?|PAY\s*SLIP|"
          r"SAL\s*CR)\b|SALARY|\bSAL[\s/-]", "credit"),
    # A credit card's bill is a debt paid, but not an instalment of a loan.
    _rule("card_bill", "card", r"CREDIT\s*CARD|\bCC\s*(?:PAYMENT|BILL|AUTOPAY|AUTO\s*DEBIT)\b|\bCRED\b|"
          r"\bCARD\s*(?:BILL|DUES|PAYMENT)\b", "debit"),
    _rule("loan_transfer", "emi", r"\b(?:EMI|LOAN\s*(?:A/?C|ACCOUNT|REPAY\w*|RECOVERY|INST\w*)|"
          r"LN\s*(?:A/?C|REPAY\w*|RECOVERY|INST\w*)|TRF\s*TO\s*LN|TO\s*LOAN)\b", "debit"),
    _rule("mandate_to_lender", "emi", r"^(?:ACH|NACH|ECS|SI|DEBIT-ACH\w*|ACHDR|NACHDR)\b.*\b(?:FINANCE|"
          r"FINANCIAL|FINSERV|FINCORP|CAPITAL|CREDIT|LOANS?|LENDING|HOUSING|HOME\s*FIN|BANK|"
          r"MICROFIN\w*|LEASING|" + _LENDER_BRANDS + r")\b", "debit"),
    _rule("investment", "investment", _INVEST.pattern),
    _rule("utility", "utility", r"\b(?:BILL\s*PAY|BILLPAY|BBPS|BILLDESK|ELECTRICITY|ELEC|POWER|"
          r"BESCOM|MSEDCL|BSES|TNEB|TNPDCL|CESC|UPPCL|KSEB|TATA\s*POWER|ADANI\s*ELEC\w*|GAS|"
          r"INDANE|BHARAT\s*GAS|HP\s*GAS|WATER|BROADBAND|AIRTEL|JIO|VODAFONE|VI\s*PREPAID|BSNL|"
          r"RECHARGE|DTH|TATA\s*PLAY|MOBILE\s*BILL|POSTPAID|FASTAG)\b", "debit"),
    _rule("cash_withdrawal", "cash", r"\b(?:ATM|ATW|NWD|EAW|CWDR|CASH\s*WDL|CASH\s*WITHDRAWAL|"
          r"CASH\s*WD|CSH\s*WDL|SELF\s*CHQ|CASH\s*PAID|BY\s*SELF)\b|NFS/|CHQ\s*PAID\W*SELF\b", "debit"),
    _rule("cash_deposit", "cash", r"\b(?:CASH\s*DEP\w*|BY\s*CASH|CDM|CSH\s*DEP|CASH\s*CR|"
          r"CASH\s*RECEIVED|CASH)\b", "credit"),
    _rule("card", "card", r"\b(?:POS|PUR|ECOM|E-COM|VPS|IPS|DEBIT\s*CARD|VISA|RUPAY|MASTERCARD|"
          r"ME\s*DC|PCD)\b|\b\d{4,6}X{4,8}\d{4}\b|\d{6}\*{4,6}\d{4}"),
    _rule("upi", "upi", r"\bUPI\b|^UPI"),
    _rule("transfer", "transfer", r"\b(?:NEFT|RTGS|IMPS|MMT|INFT|FT|TRF|TRANSFER|INB|IB\s*FUNDS|"
          r"FUNDS?\s*TRF|CLG|CHQ|CHEQUE|MICR|CTS|BY\s*CLG|TO\s*CLG)\b|NEFT|RTGS|IMPS"),
)


#: :data:`RULES` matched case-sensitively, for ASCII narrations upper-cased. The rules are
#: written in capitals, so on ASCII text this finds what they find, and Python's re matches
#: several times faster without IGNORECASE (it folds the case of every character it compares:
#: the rules were half of a 60-page statement's analysis). Other text keeps the rules as
#: they are (case folding beyond ASCII differs from upper-casing).
_CAPITAL_RULES = tuple((name, category, re.compile(rx.pattern), side)
                       for name, category, rx, side in RULES)


def categorise(description: str | None, *, credit: bool) -> tuple[str, str]:
    """(category, rule) of a narration: the first of :data:`RULES` that fires on this side."""
    text = (description or "").replace("_", " ")  # "NACH_RTN", "NEFT_IN": underscores part words
    side = "credit" if credit else "debit"
    rules = RULES
    if text.isascii():
        text, rules = text.upper(), _CAPITAL_RULES
    for name, category, rx, wanted in rules:
        if wanted not in ("any", side):
            continue
        if rx.search(text):
            return category, name
    return "other", "none"


def is_bounce_charge(description: str | None) -> bool:
    """A penalty charged for a returned cheque or mandate ("ACH D- RETURN CHARGES")."""
    text = description or ""
    return bool(_RETURN.search(text) and _CHARGE.search(text))


def bounce_reason(description: str | None) -> str | None:
    """The return reason as the narration words it, in NPCI's terms, or None when not printed.

    >>> bounce_reason("ACH RTN-FUNDS INSUFFICIENT"), bounce_reason("CHQ RETURNED")
    ('insufficient funds', None)
    """
    for reason, pattern in _REASONS:
        if re.search(pattern, description or "", _RX):
            return reason
    return None


def return_direction(description: str | None, *, credit: bool) -> str:
    """``inward`` (the holder's own cheque or mandate came back: their payment failed) or
    ``outward`` (a cheque they deposited was not paid: money they expected did not come).

    >>> return_direction("O/W RTN CHQ 000123", credit=False), return_direction("I/W CHQ RTN", credit=True)
    ('outward', 'inward')
    """
    text = (description or "").upper()
    if re.search(r"\bO/?W\b|OUTWARD|\bDEP(?:OSIT)?\b|\bCLG\s*RET", text):
        return "outward"
    if re.search(r"\bI/?W\b|INWARD|\b(?:ACH|NACH|ECS|MANDATE|SI|EMI)\b", text):
        return "inward"
    # A return posted as a debit takes back a deposited cheque's credit; as a credit it puts
    # back a payment that failed.
    return "inward" if credit else "outward"


_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"\s*[/*|:]\s*|\s+-\s*|-\s+|(?<=[A-Z0-9.])-(?=[A-Z0-9])", _RX)
#: a UTR or a reference: HDFCN1234..., N1234...
_REFERENCE = re.compile(r"[A-Z]{4}N?\d+|N\d+|[A-Z]{1,3}\d{5,}", _RX)
_TRAILING_DIGITS = re.compile(r"\d+$")


def _tokens(description: str) -> list[str]:
    """The narration cut at the separators banks use between its parts."""
    text = _SPACES.sub(" ", description.strip())
    parts = _SEPARATORS.split(text)
    return [p.strip(" .,-") for p in parts if p and p.strip(" .,-")]


def counterparty(description: str | None) -> str | None:
    """The other party as the narration names it: the payee or remitter after the rail's own
    words, references, IFSCs, bank codes and UPI handles are set aside; the handle's name when
    nothing else is left. None for narrations that name nobody (charges, interest, cash)."""
    if not description:
        return None
    handle = None
    for tok in _tokens(description.replace("_", " ")):
        if "@" in tok:
            handle = handle or tok.split("@")[0]
            continue
        words = tok.split()
        while words and _RAIL.match(words[0]):
            words.pop(0)  # the rail's own words lead ("BY TRANSFER", "NACH DR"); names keep theirs
        # References printed in the same run as the name ("NACH DR MONEYVIEW 4719751177").
        words = [w for w in words if sum(map(str.isdigit, w)) * 2 < len(w)]
        cand = " ".join(words)
        letters = sum(map(str.isalpha, cand))
        digits = sum(map(str.isdigit, cand))
        if letters < 3 or digits > letters or _IFSC.match(cand) or _BANK_CODE.match(cand):
            continue
        if _REFERENCE.fullmatch(cand):
            continue  # a UTR or reference: HDFCN1234..., N1234...
        return _SPACES.sub(" ", cand).upper()
    if handle:
        name = _TRAILING_DIGITS.sub("", handle)
        return name.upper() if sum(map(str.isalpha, name)) >= 3 else None
    return None


_SUFFIX = re.compile(r"\b(?:PVT|PRIVATE|LTD|LIMITED|LLP|INC|CO|THE|M/S|MS|MR|MRS)\b\.?", _RX)
_NOT_KEY = re.compile(r"[^A-Z0-9 ]+")


def party_key(name: str | None) -> str | None:
    """A counterparty's name for grouping: capitals, company suffixes and punctuation dropped.

    >>> party_key("Bajaj Finance Ltd."), party_key("BAJAJ FINANCE LIMITED")
    ('BAJAJ FINANCE', 'BAJAJ FINANCE')
    """
    if not name:
        return None
    key = _SUFFIX.sub(" ", name.upper())
    key = _NOT_KEY.sub(" ", key)
    key = _SPACES.sub(" ", key).strip()
    return key or None


def is_organisation(name: str | None) -> bool:
    """Whether a counterparty reads as a company, a firm or a public body, not a person."""
    return bool(name and _ORG.search(name))


def is_lender(name: str | None) -> bool:
    """Whether a counterparty reads as a bank or a lender (NBFC, housing finance, microfinance)."""
    return bool(name and _LENDER.search(name))
