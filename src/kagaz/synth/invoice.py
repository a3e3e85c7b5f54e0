"""GST tax invoices from several billing tools, with their arithmetic worked out exactly.

Layouts (all A4, all exportable as born-digital PDFs), one module each:

* ``tally`` (:mod:`~kagaz.synth.invoice_tally`): the boxed Tally-style "Tax Invoice": seller box
  with "GSTIN/UIN", "Invoice No." and "Dated" boxes with the value under the label, "Buyer (Bill
  to)" box, items table with the tax and "Round Off" lines inside it, amount in words and the
  HSN-wise tax summary table (a second table with "Taxable Value" and "Total", the classic
  distractor).
* ``pos`` (:mod:`~kagaz.synth.invoice_pos`): a retail point-of-sale bill on A4: centred shop
  header, "Bill No" / "Date", a B2C customer line, a ruled items table, "Sub Total", "CGST @ x%",
  "Round Off", "Grand Total".
* ``durable`` (:mod:`~kagaz.synth.invoice_durable`): a consumer-durable dealer's invoice:
  coloured header, customer and finance boxes, items with "IMEI 1:" / "IMEI 2:" / "S/N:" lines
  under the description, and labelled totals ("Taxable Value", "CGST @ 9%", "Total Invoice
  Value").
* ``modern`` (:mod:`~kagaz.synth.invoice_modern`): a cloud accounting tool's invoice: "Invoice#",
  dates as "12 Apr 2024" with a "Due Date" beside, "Bill To" with the buyer's GSTIN, "Sub Total",
  "CGST9 (9%)", "Total", "Balance Due".
* ``marketplace`` (:mod:`~kagaz.synth.invoice_marketplace`): a marketplace seller's invoice:
  "Sold By", "Invoice Number #", order and invoice dates, "Bill To" / "Ship To", a table with
  gross, discount, taxable value, tax and total per line and a "Total" row, "Grand Total".

Truth: amounts as ``"123456.78"``, dates ``DD/MM/YYYY``, identifiers as printed without spaces;
``line_items`` is a list of ``{description, hsn, quantity, rate, amount}`` (``rate`` None where
the layout prints none, ``amount`` the line's taxable value), ``serial_numbers`` the IMEIs and
serial numbers in print order. Taxes appear in the truth only where printed (CGST + SGST inside
a state, IGST across states).

Every layout draws its bill with :func:`kagaz.synth.invoice_bill.random_bill`; what the other
business generators share with invoices (GSTINs, IMEIs, Indian digit grouping, amounts in words)
is in :mod:`kagaz.synth.billing`.
"""

from __future__ import annotations

from kagaz.synth.invoice_durable import durable
from kagaz.synth.invoice_marketplace import marketplace
from kagaz.synth.invoice_modern import modern
from kagaz.synth.invoice_pos import pos
from kagaz.synth.invoice_tally import tally
from kagaz.synth.layout import LayoutFn

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

LAYOUTS: dict[str, LayoutFn] = {
    "modern": modern,
    "tally": tally,
    "pos": pos,
    "durable": durable,
    "marketplace": marketplace,
}
A4_LAYOUTS = frozenset(LAYOUTS)
