"""Application to record a hire-purchase / lease / hypothecation agreement (Form 34, CMV Rules 1989).

Form 34 (rule 60) is the owner's and the financier's joint application to enter an agreement of
hire-purchase, lease or hypothecation in the certificate of registration after registration:
"FORM 34", "[See rule 60]", the title "Application for making an entry of an agreement of hire
purchase / lease / hypothecation subsequent to registration", the registration number, the
registered owner's name and address, the financier's name and address, the chassis and engine
numbers, the maker, and the owner's and the financier's signatures.

:func:`score` is :func:`kagaz.doctypes.rto_forms.form_score`: the form's own title (or, failing
one, its number in the header); every other page is declined. Names are returned without
honorifics and relations ("Shri", "S/o …"); the registration mark compact (``MH12AB1234``);
the financier by its name, without the branch address. Validations (additive):
``registration_format`` (state code or Bharat series) and ``chassis_format`` (VIN, ISO 3779).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 34\\n[See Rule 60]\\n"
...     "APPLICATION FOR MAKING AN ENTRY OF AN AGREEMENT OF HIRE PURCHASE/LEASE/HYPOTHECATION SUBSEQUENT TO REGISTRATION\\n"
...     "1. Registration number: MH12AB1234\\n2. Name of the registered owner: RAVI KUMAR\\n"
...     "3. Name and address of the financier: HDFC Bank Ltd, Pune\\n"
...     "4. Chassis number: MA3EWDE1S00123456")])
>>> score(lay) > 0.8
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ('registration_number', 'owner_name', 'financier_name', 'chassis_number')]
['MH12AB1234', 'RAVI KUMAR', 'HDFC Bank Ltd', 'MA3EWDE1S00123456']
"""

from __future__ import annotations

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.rto_forms import extract_items, finish_validations, form_score, validate_items
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "RTO_FORM_34"
GROUP = "business"
ORDER = 550
GENERATOR = "kagaz.synth.rto_form_34"
FIELDS = declare(
    registration_number=IDENTIFIER, owner_name=PERSON, financier_name=NAME,
    chassis_number=IDENTIFIER, engine_number=IDENTIFIER, maker=TEXT,
)


def score(layout: Layout) -> float | None:
    return form_score(layout, 34)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return extract_items(layout, tuple(FIELDS))


def validate(fields: dict[str, Field]) -> list[str]:
    return validate_items(fields)


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``."""
    finish_validations(doc)
