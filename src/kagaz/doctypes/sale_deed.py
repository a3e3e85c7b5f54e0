"""Sale deed (first pages of an Indian conveyance of immovable property).

What every sale deed prints (Transfer of Property Act 1882, section 54; Registration Act 1908,
sections 17 and 60): the words "Sale Deed" / "Deed of Sale", the vendor and the purchaser, the
consideration, the schedule of the property, and the Sub-Registrar's endorsement with the document
number and the date of registration. :func:`score` needs the title with the parties' roles.

Layout notes: the title "SALE DEED" / "DEED OF SALE"; "This Deed of Sale is made and executed on
..."; the parties, each introduced by "BY:" / "BETWEEN" / "AND" / "IN FAVOUR OF:" and followed by
their parentage, age and residence, then "hereinafter called the VENDOR / SELLER" or
"... the PURCHASER / VENDEE / BUYER"; the consideration in figures and in words ("a total sale
consideration of Rs. 45,00,000/- (Rupees Forty Five Lakhs Only)"); the "Schedule of Property"
with the property's description; and the Sub-Registrar's endorsement: "Document No. 1234/2023",
"Book I", "Registered on / Date of Registration". An e-stamp certificate on top prints a stamp
duty, which is not the consideration.

Validation ``consideration_in_words``: the figures and the words name the same amount (words are
read in the Indian system: thousand, lakh, crore); a mismatch lowers the amount's confidence.

>>> words_to_number("Forty Five Lakhs")
4500000
>>> words_to_number("One Crore Twenty Lakh Fifty Thousand Only")
12050000
>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''SALE DEED
... Document No. 1234/2023   Registered on 14/03/2023
... THIS DEED OF SALE is made and executed on this 12th day of March, 2023
... BY: Mr. Ravi Kumar Sharma, S/o Suresh Sharma, residing at Pune,
... hereinafter called the VENDOR;
... IN FAVOUR OF: Mrs. Priya Gupta, W/o Amit Gupta, residing at Pune,
... hereinafter called the PURCHASER.
... for a total sale consideration of Rs. 45,00,000/- (Rupees Forty Five Lakhs Only).
... SCHEDULE OF PROPERTY
... All that piece and parcel of the property bearing Flat No. 302, Lotus Heights,
... Kothrud, Pune, Maharashtra - 411038, admeasuring 950 sq. ft.'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["seller_name"].value, f["buyer_name"].value, f["consideration_amount"].value
('Ravi Kumar Sharma', 'Priya Gupta', '4500000.00')
>>> f["property_address"].value
'Flat No. 302, Lotus Heights, Kothrud, Pune, Maharashtra - 411038'
>>> f["registration_date"].value, f["document_number"].value
('14/03/2023', '1234/2023')
>>> validate(f)
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, NAME, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import fix_name, labelled_date
from kagaz.doctypes.deed_english import line_at, party_name, running_text
from kagaz.doctypes.sale_deed_marathi import marathi_fields, marathi_score
from kagaz.matching.translit import to_latin
from kagaz.model import Document, Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.devanagari import devanagari_share
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate",
           "words_to_number"]

CODE = "SALE_DEED"
GROUP = "business"
ORDER = 120
GENERATOR = "kagaz.synth.sale_deed"
FIELDS = declare(
    seller_name=NAME, buyer_name=NAME, property_address=ADDRESS, consideration_amount=AMOUNT,
    registration_date=DATE, document_number=IDENTIFIER, seller_name_latin=NAME, buyer_name_latin=NAME,
)

_TITLE = re.compile(r"^\W*(?:SALE\s*DEED|DEED\s*OF\s*(?:ABSOLUTE\s*)?SALE|CONVEYANCE\s*DEED|SALE\s*DEED\s*"
                    r"(?:OF|FOR)\b.*)\W*$", re.I)
_PARTY = re.compile(r"hereinafter\s*(?:jointly\s*|collectively\s*)?(?:called|referred\s*to\s*as|known\s*as|"
                    r"styled\s*as)\s*(?:the\s*)?[\"“”'‘’]*\s*(VENDORS?|SELLERS?|TRANSFERORS?|PURCHASERS?|"
                    r"VENDEES?|BUYERS?|TRANSFEREES?)\b", re.I)
_PART = re.compile(r"[\"“”'‘’]?\s*\b(VENDORS?|SELLERS?|TRANSFERORS?|PURCHASERS?|VENDEES?|BUYERS?|TRANSFEREES?)\b"
                   r"\s*[\"“”'‘’]?\s*(?:\([^)]{0,200}\)\s*)?of\s*the\s*(?:ONE|OTHER|FIRST|SECOND)\s*PART", re.I)
_OTHER = re.compile(r"^\W*(?:AGREEMENT\s*(?:FOR|TO)\s*SALE|AGREEMENT\s*TO\s*SELL|LEAVE\s*AND\s*LICEN[CS]E|"
                    r"RENT(?:AL)?\s*AGREEMENT|LEASE\s*DEED|GIFT\s*DEED|DEED\s*OF\s*GIFT|MORTGAGE\s*DEED|POWER\s*OF\s*ATTORNEY|"
                    r"TAX\s*INVOICE|DELIVERY\s*ORDER)\W*$", re.I)
# figures (OCR may read a grouping comma as ";", ":" or "'"), then the words in brackets
_MONEY = re.compile(r"(?:Rs\.?|₹|INR|Rupees)\s*(\d[\d,;:'.]*\d)\s*(?:/-|-)?", re.I)
# The figure whose rupee sign OCR lost ("consideration of  1,60,00,000/-(Rupees …)"): an amount
# still, by the "/-" that closes a rupee amount or the words in brackets after it.
_BARE_MONEY = re.compile(r"(?<![\w/.,])(\d{1,3}(?:,\d{2,3})+|\d{4,})\s*(?:/-|(?=\(\s*Rupees))", re.I)
_WORDS = re.compile(r"\A[\s,;:/-]*\(\s*(?:Rupees|Rs\.?)\s*([A-Za-z\s-]+?)\s*(?:Only)?\s*\)", re.I)
_REG_DATE = [re.compile(p, re.I) for p in (
    r"Date\s*of\s*Registration|Registration\s*Date|Registered\s*on|Regd\.?\s*on|Presented\s*on",)]
_DOC_NO = re.compile(r"\b(?:Document|Doc\.?|Deed|Registration|Regn\.?|Serial)\s*(?:No\.?|Number|#)\s*[:.\-]?\s*"
                     r"(\d{1,7})\s*(?:/|of|-)\s*((?:19|20)\d{2})\b", re.I)


def score(layout: Layout) -> float | None:
    """The English deed's cues, or the Marathi deed's (:mod:`kagaz.doctypes.sale_deed_marathi`)."""
    if not layout.lines:
        return None
    english = _english_score(layout)
    marathi = marathi_score(layout) if devanagari_share(layout.text) >= 0.3 else None
    return max(english or 0.0, marathi or 0.0) or None


def _english_score(layout: Layout) -> float | None:
    title = any(_TITLE.match(ln.text) and len(ln.text) < 40 for ln in layout.lines[:40])
    text = layout.text
    parties = {m.group(1).upper().rstrip("S")[:4] for m in _PARTY.finditer(running_text(layout)[0])}
    s = 0.5 * title + 0.15 * min(len(parties), 2)
    s += 0.1 * bool(re.search(r"consideration", text, re.I))
    s += 0.1 * bool(re.search(r"schedule", text, re.I))
    s += 0.1 * bool(re.search(r"Sub[\s-]*Registrar|Registered|Document\s*No", text, re.I))
    if not title and len(parties) < 2:
        return None
    if any(_OTHER.match(ln.text) for ln in layout.lines[:30]):
        s -= 0.6
    return round(max(0.0, min(0.97, s)), 4) or None


def words_to_number(words: str) -> int | None:
    """Rupees in words (Indian system) to an integer; None when a word is not a number word."""
    small = {w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split())}
    tens = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())}
    tens["fourty"] = 40
    scale = {"hundred": 100, "thousand": 1000, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
             "crore": 10**7, "crores": 10**7}
    total = current = 0
    seen = False
    for w in re.findall(r"[a-z]+", words.lower()):
        if w in ("and", "only", "rupees", "rs"):
            continue
        if w in small:
            current += small[w]
        elif w in tens:
            current += tens[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in scale:
            total += max(current, 1) * scale[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    if devanagari_share(layout.text) >= 0.5:
        return marathi_fields(layout)
    body, starts = running_text(layout)
    roles: dict[str, tuple[str, int, bool]] = {}
    for m in [*_PARTY.finditer(body), *_PART.finditer(body)]:
        word = m.group(1).upper()
        role = "buyer_name" if word.startswith(("PUR", "VENDEE", "BUY", "TRANSFEREE")) else "seller_name"
        if role not in roles:
            found = party_name(body, m.start(), (_PARTY, _PART))
            if found:
                roles[role] = (*found, True)
    markers = (("seller_name", r"\bBY\b\s*:?|\bBETWEEN\b\s*:?"), ("buyer_name", r"\bIN\s*FAVOU?R\s*OF\b\s*:?"))
    for role, marker in markers:
        mk = re.search(marker, body)
        if role not in roles and mk:  # the role word was not read: the party after its marker
            found = party_name(body, min(len(body), mk.end() + 120), (_PARTY, _PART))
            if found and found[1] == mk.end():
                roles[role] = (*found, False)
    for role, (name, pos, anchored) in roles.items():
        name, line = fix_name(name), line_at(starts, pos)
        fields[role] = make_field(name, confidence(line.score, free_text=True, anchored=anchored), line)
        # the same key as a Marathi deed's, so a PAN's name is matched against either
        fields[f"{role}_latin"] = make_field(to_latin(name)[0], fields[role].confidence_score, line)
    found = _consideration(body, starts)
    if found:
        fld, words = found
        res = words_check(fld.value, words)
        if res is not None:  # figures and words agree: very likely read right; else doubtful
            fld.confidence_score = max(fld.confidence_score, 0.97) if res["valid"] and \
                fld.confidence_score >= 0.8 else min(fld.confidence_score, 0.97 if res["valid"] else 0.5)
        fields["consideration_amount"] = fld
    _property(body, starts, fields)
    reg = labelled_date(layout, _REG_DATE)
    if reg:
        fields["registration_date"] = make_field(reg[0], confidence(reg[1].score), reg[1])
    for ln in layout:
        m = _DOC_NO.search(ln.text)
        if m:
            fields["document_number"] = make_field(f"{m.group(1)}/{m.group(2)}", confidence(ln.score), ln)
            break
    return fields


def _consideration(body: str, starts: list[tuple[int, TextLine]]) -> tuple[Field, str | None] | None:
    """The amount after "consideration", and the words printed with it.

    When the figures are damaged (not a valid Indian or western grouping) but the words read
    cleanly, the words give the amount, with a lower confidence.
    """
    anchor = re.search(r"consideration", body, re.I)
    if anchor is None:
        return None
    m = _MONEY.search(body, anchor.end())
    if m is None or m.start() - anchor.end() > 80:
        m = _BARE_MONEY.search(body, anchor.end(), anchor.end() + 80)
    if m is None:
        return None
    figures = re.sub(r"[;:']", ",", m.group(1)).rstrip(".,")
    w = _WORDS.search(body[m.end(): m.end() + 200])
    words = w.group(1).strip() if w else None
    value = to_decimal(figures)
    line = line_at(starts, m.start())
    grouped = re.fullmatch(r"\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d{2})?|\d{1,3}(?:,\d{3})*(?:\.\d{2})?|"
                           r"\d+(?:\.\d{2})?", figures)
    spoken = words_to_number(words) if words else None
    if (value is None or not grouped) and spoken is not None:
        return make_field(format_amount(spoken), min(confidence(line.score), 0.75), line), words
    if value is None:
        return None
    return make_field(format_amount(value), confidence(line.score), line), words


# Where a deed describes the property: the schedule (its usual home), or a heading or label of
# its own in the recitals ("Description of the Property", "Property Address:").
_PROPERTY_HEAD = re.compile(
    r"SCHEDULE(?:\s*OF\s*(?:THE\s*)?PROPERTY)?|Schedule\s*of\s*(?:the\s*)?Property|"
    r"(?i:Description\s*of\s*(?:the\s*)?(?:said\s*)?(?:Immovable\s*)?Property|Details\s*of\s*(?:the\s*)?Property|"
    r"Property\s*(?:Details|Description)|(?=Property\s*Address))")
_PROPERTY_START = re.compile(
    r"\b(?:bearing|situated\s*at|situate\s*at|known\s*as|being|located\s*at|lying\s*at)\s*|"
    r"\bProperty\s*Address\s*[:.\-]?\s*|\bAddress\s*(?:of\s*(?:the\s*)?Property)?\s*[:\-]\s*", re.I)


def _property(body: str, starts: list[tuple[int, TextLine]], fields: dict[str, Field]) -> None:
    for head in _PROPERTY_HEAD.finditer(body):
        start = _PROPERTY_START.search(body, head.end())
        if not start or start.start() - head.end() > 200:
            continue
        tail = body[start.end(): start.end() + 400]
        pin = re.search(r"\b\d{3}\s?\d{3}\b", tail)
        stop = re.search(r",?\s*\b(?:admeasuring|measuring|together\s*with|with\s*all|bounded|which\s*property)\b|"
                         r"(?<!No)(?<!Sq)(?<!ft)\.\s+(?=[A-Z][a-z]+\s+[a-z])", tail, re.I)
        end = pin.end() if pin and (not stop or pin.end() <= stop.start() + 1) else (stop.start() if stop else 0)
        text = re.sub(r"\s+", " ", tail[:end]).strip(" ,.")
        if len(text) >= 10:
            line = line_at(starts, start.end())
            conf = min(confidence(line.score, free_text=True), 0.9 if pin else 0.7)
            fields["property_address"] = make_field(text, conf, line)
            return


def words_check(figures: str, words: str | None) -> dict | None:
    """``consideration_in_words``: do the figures and the words name the same amount?"""
    if not words:
        return None
    spoken = words_to_number(words)
    value = to_decimal(figures)
    ok = spoken is not None and value is not None and Decimal(spoken) == value
    return {"valid": ok, "figures": figures, "words": words,
            "words_amount": format_amount(spoken) if spoken is not None else None,
            "message": "The consideration in figures matches the amount in words" if ok
            else "The consideration in figures does not match the amount in words"}


def validate(fields: dict[str, Field]) -> list[str]:
    """Nothing across fields: the figures-against-words check needs the words (see ``finish``)."""
    return []


def finish(doc: Document) -> None:
    """Record ``consideration_in_words`` in ``doc.validations`` (its confidence effect is applied
    by ``extract``, which reads the words)."""
    fld = doc.fields.get("consideration_amount")
    if fld is None:
        return
    found = _consideration(*running_text(Layout(doc.lines)))
    res = words_check(fld.value, found[1] if found else None)
    if res is not None:
        doc.validations["consideration_in_words"] = res
        if not res["valid"]:
            doc.add_issue("validate", "VALIDATION", res["message"])
