"""PDF forensics: what a PDF's Info dictionary says about how it was made and changed.

Statements, invoices and certificates arrive as PDFs that the issuer's system produced; a PDF
that a person re-saved in an editor, or changed after it was created, deserves a reviewer's
look. :func:`pdf_metadata` reads ``Document.metadata`` (lower-case Info keys: ``producer``,
``creator``, ``creationdate``, ``moddate``) and returns a ``validations`` entry.

>>> pdf_metadata({"producer": "iLovePDF"})["edited"]
True
>>> pdf_metadata({"producer": "Acrobat Distiller 11.0", "creationdate": "D:20240701101010Z",
...               "moddate": "D:20240701101040Z"})["edited"]
False
>>> _pdf_date("D:20240701101010+05'30'").isoformat()
'2024-07-01T04:40:10+00:00'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["EDITING_TOOLS", "pdf_metadata"]

#: Producers/creators that mean the PDF was edited or re-made after its issuer made it:
#: online PDF editors, desktop editors and office suites (banks' and ERPs' systems emit PDFs from
#: report engines such as iText, JasperReports, PDFlib, Crystal Reports, or Acrobat Distiller,
#: which are not listed). "Adobe Acrobat" is an editor unless the string says Distiller.
EDITING_TOOLS = (
    "ilovepdf", "smallpdf", "pdfescape", "sejda", "foxit phantompdf", "foxit pdf editor",
    "phantompdf", "adobe acrobat", "acrobat pro", "microsoft word", "microsoft® word",
    "libreoffice", "openoffice", "canva", "pdf-xchange", "pdfelement", "wondershare",
    "nitro pro", "pdf24", "soda pdf", "pdffiller", "dochub", "photoshop",
)
_NOT_EDITING = re.compile(r"distiller|pdflib", re.I)


def _pdf_date(text: Any) -> dt.datetime | None:
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                 r"(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?", str(text or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, s = (int(g) if g else dflt for g, dflt in zip(
        m.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True))
    try:
        when = dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return None
    sign, oh, om = m.group(7), int(m.group(8) or 0), int(m.group(9) or 0)
    offset = dt.timedelta(hours=oh, minutes=om) * (-1 if sign == "-" else 1)
    return (when - offset if sign in ("+", "-") else when).replace(tzinfo=dt.UTC)


def pdf_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """Producer, creator, dates and whether they say the PDF was edited."""
    producer, creator = str(meta.get("producer") or ""), str(meta.get("creator") or "")
    created, modified = _pdf_date(meta.get("creationdate")), _pdf_date(meta.get("moddate"))
    reasons = []
    if created and modified and (modified - created).total_seconds() > 60:
        reasons.append("modified after it was created")
    for who, value in (("producer", producer), ("creator", creator)):
        low = value.lower()
        tool = next((t for t in EDITING_TOOLS if t in low), None)
        if tool and not (tool in ("adobe acrobat", "acrobat pro") and _NOT_EDITING.search(low)):
            reasons.append(f"{who} is an editing tool ({value})")
    edited = bool(reasons)
    return {
        "valid": not edited,
        "message": ("The PDF was " + "; ".join(reasons)) if edited else
                   "The PDF's metadata shows no sign of editing",
        "producer": producer or None, "creator": creator or None,
        "created": created.isoformat() if created else None,
        "modified": modified.isoformat() if modified else None,
        "edited": edited, "reasons": reasons,
    }
