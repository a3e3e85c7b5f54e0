"""Electricity bill (or another metered utility's bill), used as proof of address.

What every electricity bill prints, by rule: the state commissions' Electricity Supply Codes
under the Electricity Act, 2003 (e.g. MERC Supply Code Regulations 2021, DERC Supply Code 2017,
KERC's conditions of supply) require a bill to show the distribution licensee's name, the
consumer number (its length and name vary: "Consumer No.", "CA No.", "Service Connection No.",
"RR No.", "K No.", "BP No."), the consumer's name and the address of supply, the billing period
and bill date, the meter readings and units consumed, the tariff category and sanctioned load,
the amount payable and the due date (and the amount after it). Piped-gas and water bills print
the same frame.

:func:`score` needs a consumer number's label and a meter cue (readings, units, kWh, tariff,
sanctioned load); the licensee's utility words, the due date and the bill's title add to it; tax
invoices, bank statements, pay slips and policies are declined.

Values: ``provider_name`` as printed (the licensee's line at the top with a utility word, else
its company name); ``consumer_number`` as printed without spaces; ``address`` the address of
supply, its lines joined with ", "; ``amount_due`` the amount payable by the due date (never the
amount after it).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("Maharashtra State Electricity Distribution Co. Ltd.\\nELECTRICITY BILL\\n"
...         "Consumer No. 170012345678\\nBill Date: 05/04/2024\\nConsumer Name: RAVI KUMAR\\n"
...         "Address: Flat 12, Lotus Heights, Kothrud, Pune 411038\\nUnits Consumed 142\\n"
...         "Due Date: 20/04/2024\\nAmount Payable Rs. 1,230.00\\nAmount payable after due date 1,250.00")
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in FIELDS if k in f]  # doctest: +NORMALIZE_WHITESPACE
['Maharashtra State Electricity Distribution Co. Ltd.', '170012345678', 'RAVI KUMAR',
 'Flat 12, Lotus Heights, Kothrud, Pune 411038', '05/04/2024', '20/04/2024', '1230.00']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import address_of, amount_in, column_below, labelled_date, labelled_id
from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, NAME, declare
from kagaz.doctypes.forms import read_value
from kagaz.doctypes.tax_ids import value_field
from kagaz.model import Field, TextLine
from kagaz.text.amounts import find_amounts, format_amount, to_decimal
from kagaz.text.dates import to_date
from kagaz.text.layout import Layout
from kagaz.text.names import looks_like_name

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "EBILL"
GROUP = "business"
ORDER = 300
GENERATOR = "kagaz.synth.ebill"
FIELDS = declare(
    provider_name=NAME, consumer_number=IDENTIFIER, consumer_name=NAME, address=ADDRESS,
    bill_date=DATE, due_date=DATE, amount_due=AMOUNT,
)

_I = re.IGNORECASE
_UTILITY = re.compile(r"ELECTRICITY|\bPOWER\b|VIDYUT|\bENERGY\b|BIJLI|DISCOM|\bGAS\b|JAL\s*BOARD|"
                      r"DISTRIBUTION\s*(?:CO|COMPANY|LIMITED|LTD)|SUPPLY\s*CO(?:MPANY)?", _I)
_CONSUMER_NO = re.compile(r"CONSUMER\s*(?:NO\b\.?|NUMBER|ID\b|CODE|A\s*/\s*C\s*NO)|\bCA\s*(?:NO\b\.?|NUMBER)|"
                          r"CONTRACT\s*ACCOUNT\s*(?:NO\b\.?|NUMBER)?|SERVICE\s*(?:CONNECTION\s*)?(?:NO\b\.?|NUMBER)|"
                          r"\bK\s*\.?\s*NO\b\.?|\bBP\s*(?:NO\b\.?|NUMBER)|\bRR\s*NO\b\.?|ACCOUNT\s*(?:NO\b\.?|NUMBER|ID)", _I)
_METER = re.compile(r"\bMETER\b|UNITS?\s*(?:CONSUMED|BILLED)|\bKWH\b|\bKVAH\b|READING|TARIFF|"
                    r"SANCTIONED\s*LOAD|CONNECTED\s*LOAD|CONTRACT\s*DEMAND|\bSCM\b", _I)
_TITLE = re.compile(r"(?:ELECTRICITY|ENERGY|POWER|GAS|WATER|UTILITY)\s*BILL|BILL\s*CUM\s*RECEIPT", _I)
_DUE = re.compile(r"(?<!AFTER\s)(?<!AFTER)DUE\s*DATE|PAY\s*BY|LAST\s*DATE\s*(?:FOR|OF)\s*PAYMENT", _I)
_OTHER = re.compile(r"TAX\s*INVOICE|\bHSN\b|STATEMENT\s*OF\s*ACCOUNT|SALE\s*DEED|PAY\s*-?\s*SLIP|"
                    r"SALARY\s*SLIP|POLICY\s*(?:NO|NUMBER|SCHEDULE)|CERTIFICATE\s*OF\s*INSURANCE|"
                    r"LEAVE\s*AND\s*LICEN[CS]E|RENT\s*AGREEMENT", _I)
_NAME_LABEL = re.compile(r"CONSUMER\s*NAME|NAME\s*OF\s*(?:THE\s*)?CONSUMER|CUSTOMER\s*NAME|^\W*NAME\b", _I)
_ADDR_LABEL = re.compile(r"(?:SUPPLY|PREMISES|BILLING|CONSUMER|SERVICE|INSTALLATION|POSTAL)?\s*ADDRESS|"
                         r"^\W*ADDR\b", _I)
_STOP = re.compile(r"^\W*(?:CONSUMER|CUSTOMER|NAME|ADDRESS|BILL|DUE|DATE|TARIFF|METER|UNITS?|CA\b|"
                   r"ACCOUNT|MOBILE|PHONE|E-?MAIL|SANCTIONED|CONNECTED|CATEGORY|CIRCLE|DIVISION|"
                   r"SUB\s*DIVISION|BU\b|PC\b|ZONE|POLE|DTC|GSTIN|LOAD|PHASE|SECURITY|AMOUNT|PAY|"
                   r"PREVIOUS|CURRENT|READING|K\s*NO|BP\s*NO|RR\s*NO|SERVICE|BILLING|PERIOD|TOTAL)\b", _I)
_BILL_DATE = [re.compile(p, _I) for p in (r"BILL\s*(?:ISSUE\s*)?DATE|DATE\s*OF\s*(?:THE\s*)?BILL|BILLING\s*DATE",
                                          r"^\W*ISSUE\s*DATE|^\W*DATE\b")]
_AMOUNT = re.compile(r"(?:NET\s*|TOTAL\s*)?AMOUNT\s*PAYABLE|TOTAL\s*AMOUNT\s*DUE|AMOUNT\s*DUE|BILL\s*AMOUNT|"
                     r"PAYABLE\s*AMOUNT|TOTAL\s*(?:BILL\s*)?PAYABLE|PAY\s*THIS\s*AMOUNT|NET\s*PAYABLE", _I)
_NOT_AMOUNT = re.compile(r"AFTER|LATE|DELAY|BEYOND|PROMPT|EARLY|ROUND|ARREAR|PREVIOUS|LAST\s*PAID|IN\s*WORDS", _I)
_PIN = re.compile(r"(?<![\d/])[1-9]\d{2}\s?\d{3}(?![\d/])")
_FIRM = re.compile(r"\b(?:LIMITED|LTD|CORPORATION|NIGAM|COMPANY)\b", _I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    consumer, meter = bool(_CONSUMER_NO.search(text)), bool(_METER.search(text))
    if not consumer or not meter:
        return None
    top = "\n".join(ln.text for ln in layout.lines[:12])
    s = (0.3 + 0.25 + 0.2 * bool(_UTILITY.search(top)) + 0.15 * bool(_DUE.search(text))
         + 0.1 * bool(_TITLE.search(text)))
    if _OTHER.search(text):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None


def _provider(layout: Layout) -> Field | None:
    top = [ln for ln in layout.lines[:10] if not re.search(r"\bBILL\b|:|\d{3}", ln.text, _I)
           and sum(ch.isalpha() for ch in ln.text) >= 4]
    pick = next((ln for ln in top if _UTILITY.search(ln.text)), None) or next(
        (ln for ln in top if _FIRM.search(ln.text)), None)
    if pick is None:
        return None
    name = re.sub(r"\s+", " ", pick.text).strip(" ,-|")
    return make_field(name, confidence(pick.score, free_text=True, anchored=bool(_UTILITY.search(name))), pick)


def _amount(layout: Layout) -> tuple[str, TextLine] | None:
    for anchor in layout.find(_AMOUNT):
        if _NOT_AMOUNT.search(anchor.text):
            continue
        m = _AMOUNT.search(anchor.text)
        assert m is not None
        cands = [(anchor.text[m.end():], anchor), *((ln.text, ln) for ln in layout.right_of(
            anchor, max_gap=anchor.height * 40)[:1]), *((ln.text, ln) for ln in layout.below(anchor, max_lines=1))]
        for text, line in cands:
            if line is not anchor and _NOT_AMOUNT.search(text):
                continue
            text = re.sub(r"\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2,4}", " ", text)  # "by 20/04/2024"
            found = find_amounts(text)
            value = to_decimal(found[0]) if found else amount_in(text)
            if value is not None and value >= 0:
                return format_amount(value), line
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    provider = _provider(layout)
    if provider:
        fields["provider_name"] = provider
    number = labelled_id(layout, _CONSUMER_NO, reach=45)
    if number:
        fields["consumer_number"] = make_field(number[0], confidence(number[1].score, anchored=number[2]),
                                               number[1])
    name = value_field(layout, _NAME_LABEL, _STOP, clean=_clean_name)
    address = _address(layout, name)
    if name is None or address is None:
        block = _postal_block(layout)
        if block:
            name, address = name or block[0], address or block[1]
    if name:
        fields["consumer_name"] = name
    if address:
        fields["address"] = address
    for key, labels in (("bill_date", _BILL_DATE), ("due_date", [_DUE])):
        hit = labelled_date(layout, labels)
        if hit:
            fields[key] = make_field(hit[0], confidence(hit[1].score), hit[1])
    amount = _amount(layout)
    if amount:
        fields["amount_due"] = make_field(amount[0], confidence(amount[1].score), amount[1])
    return fields


def _clean_name(text: str) -> str:
    return re.sub(r"^(?:M/S\.?|MR\.?|MRS\.?|MS\.?|SHRI\.?|SMT\.?)\s+", "", re.split(r"\s{2,}", text)[0], flags=_I)


def _postal_block(layout: Layout) -> tuple[Field, Field] | None:
    """An unlabelled name over the address ending in a PIN: bills are posted, and private
    licensees print the consumer's block where an envelope's window shows it."""
    for line in layout.lines[:30]:
        text = line.text.strip()
        if not looks_like_name(text) or _STOP.search(text) or _UTILITY.search(text) or _TITLE.search(text):
            continue
        below = column_below(layout, line, max_lines=5, stop=_STOP, first_gap=2.5)
        end = next((k for k, ln in enumerate(below) if _PIN.search(ln.text)), None)
        if end is None:
            continue
        lines = below[:end + 1]
        name = make_field(_clean_name(text), confidence(line.score, free_text=True, anchored=False), line)
        conf = min(confidence(min(ln.score for ln in lines), free_text=True, anchored=False), 0.8)
        return name, make_field(address_of(lines), conf, lines[0])
    return None


def _address(layout: Layout, name: Field | None) -> Field | None:
    """The labelled address of supply (its lines in the value column), else the lines under the
    consumer's name (bills print the name over the address)."""
    found = read_value(layout, _ADDR_LABEL, _STOP, multiline=5)
    if found is not None and found.lines:
        lines = [TextLine(part, ln.score, ln.box, ln.page) for part, ln in zip(
            found.parts or [found.text], found.lines, strict=False)]
        text = address_of(lines)
        if sum(ch.isalpha() for ch in text) >= 4:
            conf = min(confidence(found.score, free_text=True), 0.9)
            return make_field(text, conf, found.lines[0])
    if name is None or name.bbox is None:
        return None
    anchor = next((ln for ln in layout if ln.box == name.bbox and ln.page == name.page), None)
    if anchor is None:
        return None
    lines = column_below(layout, anchor, max_lines=4, stop=_STOP)
    text = address_of(lines)
    if not lines or sum(ch.isalpha() for ch in text) < 4:
        return None
    return make_field(text, min(confidence(min(ln.score for ln in lines), free_text=True, anchored=False), 0.8),
                      lines[0])


def validate(fields: dict[str, Field]) -> list[str]:
    """The due date falls after the bill date."""
    bill, due = fields.get("bill_date"), fields.get("due_date")
    if bill and due:
        b, d = to_date(str(bill.value)), to_date(str(due.value))
        if b and d and d < b:
            due.confidence_score = min(due.confidence_score, 0.6)
            return ["The due date is before the bill date"]
    return []
