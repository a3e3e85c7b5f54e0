"""Whether an invoice is a GST **tax invoice** (what Atlas calls ``TAX_INVOICE``), from what it
prints.

A tax invoice is the invoice a registered supplier issues for a taxable supply (CGST Act s.31;
CGST Rules 2017, Rule 46): it bears the title "Tax Invoice", the supplier's GSTIN and the tax
charged (CGST and SGST / UTGST, or IGST). A bill of supply (Rule 49: exempt supplies, composition
dealers), a cash memo, or an invoice from a seller outside GST (a foreign or unregistered one) is
an invoice but no tax invoice. kagaz returns ``INVOICE`` for all of them (docs/api.md, "INVOICE
and TAX_INVOICE") and says which they are in the additive validation ``gst_tax_invoice``.

>>> from kagaz.model import Field
>>> f = {"seller_gstin": Field(value="27AAACK1234F1Z5", confidence_score=0.9),
...      "cgst": Field(value="90.00", confidence_score=0.9)}
>>> gst_tax_invoice("TAX INVOICE (ORIGINAL FOR RECIPIENT)", f)["valid"]
True
>>> gst_tax_invoice("Bill of Supply", f)["valid"], gst_tax_invoice("Tax Invoice", {})["valid"]
(False, False)
"""

from __future__ import annotations

import re
from typing import Any

from kagaz.model import Field

__all__ = ["gst_tax_invoice"]

_TAX_TITLE = re.compile(r"(?<![A-Za-z])(?:TAX|GST)\s*-?\s*INVOICE(?![A-Za-z])", re.I)
_TAXES = ("cgst", "sgst", "igst")


def gst_tax_invoice(title: str | None, fields: dict[str, Field]) -> dict[str, Any]:
    """The ``gst_tax_invoice`` validation: the title says "Tax Invoice", the supplier's GSTIN is
    printed, and a GST amount is charged."""
    titled = bool(title and _TAX_TITLE.search(title))
    gstin = "seller_gstin" in fields
    taxed = any(k in fields for k in _TAXES)
    ok = titled and gstin and taxed
    missing = [what for what, have in (("the title \"Tax Invoice\"", titled), ("the supplier's GSTIN", gstin),
                                       ("a GST amount", taxed)) if not have]
    return {"valid": ok, "title": title, "supplier_gstin": gstin, "gst_charged": taxed,
            "message": "A GST tax invoice (CGST Rule 46): Atlas's TAX_INVOICE" if ok else
            "An invoice but no GST tax invoice: it lacks " + ", ".join(missing)}
