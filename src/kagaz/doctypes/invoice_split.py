"""Several invoices in one file: where each begins.

Files hold more than one invoice: a marketplace order's seller invoice on page 1 and the
platform's fee invoice on page 2, a ride's fare invoice and the app's convenience-fee invoice,
or a month's invoices one after the other. The answer is the first invoice's; the rest are
listed. Boundaries come from what repeats, never from a layout: an invoice **title** that comes
again ("Tax Invoice" a second time) with an **invoice-number label** after it whose number is not
the current invoice's. When such a title is in the top part of a page, the new invoice starts
with that page (its header, above the title, is its own).

The same number again is the same invoice: a continuation page (its rows are read with the
first page's), or a second copy ("Duplicate for Transporter", the same total printed again),
which is left out.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = "TAX INVOICE\\nInvoice No: A-1\\nTotal 100.00\\nTAX INVOICE\\nInvoice No: B-2\\nTotal 20.00"
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> [[ln.text for ln in part.lines] for part in split_invoices(lay)]
[['TAX INVOICE', 'Invoice No: A-1', 'Total 100.00'], ['TAX INVOICE', 'Invoice No: B-2', 'Total 20.00']]
"""

from __future__ import annotations

import re
from decimal import Decimal

from kagaz.doctypes.billing import amount_in, labelled_id
from kagaz.doctypes.invoice_cues import INV_NO, title_kind, top_part
from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["split_invoices"]

_TOTAL = re.compile(r"\b(?:Grand\s*Total|Total|Amount\s*(?:Due|Payable)|Balance\s*Due|Totaal|Summe|Net\s*Payable)\b"
                    r".*\d[.,]\d\d", re.I)


def _number(lines: list[TextLine]) -> str | None:
    hit = labelled_id(Layout(lines), INV_NO, reach=60) if lines else None
    return hit[0].upper() if hit else None


def _totals(lines: list[TextLine]) -> set[Decimal]:
    return {v for ln in lines if _TOTAL.search(ln.text) and (v := amount_in(ln.text, bare=False)) is not None}


def split_invoices(layout: Layout) -> list[Layout]:
    """The invoices in ``layout``, in order (one part when there is one invoice)."""
    lines = layout.lines
    titles: list[int] = []
    for i, ln in enumerate(lines):
        kind = title_kind(ln.text)
        # "Invoice No: 12" is a title only where no title line just above it says "Tax Invoice"
        if kind == "invoice" or (kind == "numbered" and not any(
                i - t < 6 and lines[t].page == ln.page for t in titles)):
            titles.append(i)
    if len(titles) < 2:
        return [layout]
    tops = {id(ln) for page in {ln.page for ln in lines} for ln in top_part(layout, page)}
    page_start = {}
    for i, ln in enumerate(lines):
        page_start.setdefault(ln.page, i)
    starts, skip = [0], []  # skip: (from, to) line ranges of repeated copies
    current = _number(lines[: titles[1]])
    for k, t in enumerate(titles[1:], 1):
        end = titles[k + 1] if k + 1 < len(titles) else len(lines)
        if t < starts[-1]:
            continue
        number = _number(lines[t:end])
        if number is None:
            continue
        if number == current:
            if _totals(lines[starts[-1]:t]) & _totals(lines[t:end]):
                skip.append((t, end))  # a second copy: the same number and the same total again
            continue
        at = page_start[lines[t].page] if id(lines[t]) in tops and page_start[lines[t].page] > starts[-1] else t
        if current is None and not any(_TOTAL.search(ln.text) for ln in lines[starts[-1]:at]):
            current = number  # the first invoice's own number, printed after a second title line
            continue
        starts.append(at)
        current = number
    bounds = [*starts, len(lines)]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        keep = [ln for i, ln in enumerate(lines[a:b], a) if not any(s <= i < e for s, e in skip)]
        parts.append(Layout(keep))
    return parts
