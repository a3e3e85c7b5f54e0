"""What purchase orders, debit notes and margin-money receipts share: a titled business
document on its issuer's letterhead, a number and a date beside labels, a counterparty block,
an amount.

These documents share their vocabulary with invoices and delivery orders (parties, amounts,
"Invoice No." printed as a reference), so each type rests on its **title** in the top part of
the first page (:func:`titled`), as the invoice module does (:mod:`kagaz.doctypes.invoice_cues`),
and on what that document must print beside it. The issuer is the letterhead: the most
prominent name line above the title (:func:`letterhead`).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = "Kaveri Traders Pvt. Ltd.\\n12, MG Road, Pune\\nPURCHASE ORDER\\nPO No: PO/24/118\\nTo,\\nM/s. Sai Steel Centre\\nGrand Total 1,18,000.00"
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> titled(lay, re.compile(r"PURCHASE\\s*ORDER", re.I)).text
'PURCHASE ORDER'
>>> letterhead(lay)[0], party_after(lay, re.compile(r"^\\s*To\\b", re.I))[0]
('Kaveri Traders Pvt. Ltd.', 'Sai Steel Centre')
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.billing import BRAND_LINE, amount_after, clean_party, column_below, labelled_date, labelled_id, rows_of
from kagaz.doctypes.invoice_cues import top_part
from kagaz.model import Field, TextLine
from kagaz.text.amounts import format_amount
from kagaz.text.layout import Layout

__all__ = ["amount_field", "date_field", "id_field", "letterhead", "name_field", "party_after",
           "titled"]

_COPY = re.compile(r"\(?\s*(?:ORIGINAL|DUPLICATE|TRIPLICATE|OFFICE|CUSTOMER)\s*(?:COPY)?\s*\)?", re.I)
_HONORIFIC = re.compile(r"^\s*(?:Mr|Mrs|Ms|Miss|Shri|Smt|Sri|Kumari|Dr)\.?\s+", re.I)
_NOT_PARTY = re.compile(
    # no "Mobile" or "Phone": they name shops ("Sai Mobile Gallery"); a phone line has its digits
    r"\d{4}|@|www\.|GSTIN|\bGST\b|\bPAN\b|\bCIN\b|\bTel\b|E-?mail|\bAddress\b|\bNo\b\.?\s*$|"
    r"^\W*(?:P\.?\s*O\.?|D\.?\s*N\.?|Ref\.?)\s|"
    r"\bRoad\b|\bNagar\b|"
    r"\bDate\b|\bDear\b|\bSir\b|\bMadam\b|\bSubject\b|^\W*To\W*$|\bInvoice\b|\bOrder\b|\bReceipt\b|\bNote\b|"
    r"\bNo\b\.?\s*:", re.I)
_TRAILER = re.compile(r"\s*(?:,|\(|\bGSTIN\b|\bS/o\b|\bW/o\b|\bD/o\b|\bresiding\b|\bR/o\b).*$", re.I)


def titled(layout: Layout, title: re.Pattern[str], *, max_words: int = 6) -> TextLine | None:
    """The first line of the first page's top part that is ``title`` (a copy mark such as
    "(Original)" aside, at most ``max_words`` words): a title, not a sentence quoting it."""
    if not layout.lines:
        return None
    page = layout.lines[0].page
    for line in top_part(layout, page):
        m = title.search(line.text)
        if not m:
            continue
        rest = _COPY.sub(" ", line.text[:m.start()] + " " + line.text[m.end():])
        if len(re.findall(r"[^\W\d_]{2,}", rest)) + 1 <= max_words:
            return line
    return None


def letterhead(layout: Layout, *, above: TextLine | None = None) -> tuple[str, TextLine] | None:
    """The issuer's name on its letterhead: the tallest name-like line of the first page's top
    part above ``above`` (the title, where given), else under it (a form that prints its title
    first, then the issuer's block)."""
    if not layout.lines:
        return None
    page = layout.lines[0].page
    top = [ln for ln in top_part(layout, page)[:14] if ln is not above]
    if above is not None:
        return _tallest([ln for ln in top if ln.y1 <= above.y1]) or _tallest(
            [ln for ln in top if ln.y0 >= above.y0][:6])
    return _tallest(top)


def _tallest(cands: list[TextLine]) -> tuple[str, TextLine] | None:
    best = None
    for ln in cands:
        name = _party(ln.text)
        if not name or len(name.split()) < 2 and not re.search(r"[A-Z]{3,}", name):
            continue
        if best is None or ln.height > best[1].height * 1.05:
            best = (name, ln)
    return best


def _party(text: str) -> str | None:
    s = re.sub(r"^\s*(?:M/s\.?|Messrs\.?)\s*", "", text, flags=re.I)
    s = _TRAILER.sub("", _HONORIFIC.sub("", s)).strip(" :-,")
    if len(s) < 3 or _NOT_PARTY.search(s) or BRAND_LINE.search(s) or sum(ch.isalpha() for ch in s) < 0.7 * len(s.replace(" ", "")):
        return None
    return clean_party(s)


def party_after(layout: Layout, label: re.Pattern[str]) -> tuple[str, TextLine] | None:
    """The name after ``label``: on its line, to its right, or the first name-like line under
    it ("To," then "M/s. Sai Steel Centre")."""
    for anchor in layout.find(label):
        m = label.search(anchor.text)
        rest = re.sub(r"^[\s:.\-,]*(?:Name)?[\s:.\-]*", "", anchor.text[m.end():] if m else "", flags=re.I)
        name = _party(rest) if rest else None
        if name:
            return name, anchor
        right = layout.right_of(anchor, max_gap=anchor.height * 20)[:1]
        if right and (name := _party(right[0].text)):
            return name, right[0]
        for ln in column_below(layout, anchor, max_lines=3, stop=re.compile(r"$^")):
            if re.search(r"Manager|Proprietor|Dealer\s*$|^\W*The\b", ln.text, re.I) and "M/s" not in ln.text:
                continue
            name = _party(ln.text)
            if name:
                return name, ln
            break
    return None


def id_field(layout: Layout, label: re.Pattern[str]) -> Field | None:
    hit = labelled_id(layout, label)
    return make_field(hit[0], confidence(hit[1].score, anchored=True), hit[1]) if hit else None


def date_field(layout: Layout, labels: list[re.Pattern[str]]) -> Field | None:
    hit = labelled_date(layout, labels)
    return make_field(hit[0], confidence(hit[1].score), hit[1]) if hit else None


def name_field(hit: tuple[str, TextLine] | None, *, anchored: bool = True) -> Field | None:
    if not hit:
        return None
    return make_field(hit[0], confidence(hit[1].score, anchored=anchored, free_text=True), hit[1])


def amount_field(layout: Layout, label: re.Pattern[str], *, pick: str = "last") -> Field | None:
    """The amount on ``label``'s row (the last such row by default: a grand total under the
    sub-totals); positive amounts only."""
    hit = amount_after(rows_of(layout), label, bare=False, pick=pick)
    if hit is None or hit[0] <= 0:
        return None
    return make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])
