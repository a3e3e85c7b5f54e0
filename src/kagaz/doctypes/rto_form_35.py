"""Notice of termination of a hire-purchase / lease / hypothecation agreement (Form 35, CMV Rules 1989).

Form 35 (rule 61(1)) is the owner's and the financier's joint notice that the agreement entered
in the certificate of registration has ended (the loan is repaid), asking the registering
authority to cancel the endorsement: "FORM 35", "[See rule 61(1)]", the title "Notice of
termination of an agreement of hire purchase / lease / hypothecation", the registration number,
the registered owner's and the financier's names, the chassis and engine numbers, and both
signatures (the financier's with its seal).

:func:`score` is :func:`kagaz.doctypes.rto_forms.form_score`: the form's own title (or, failing
one, its number in the header); every other page is declined. Names are returned without
honorifics and relations ("Shri", "S/o …"); the registration mark compact (``MH12AB1234``);
the financier by its name, without the branch address. Validations (additive):
``registration_format`` (state code or Bharat series) and ``chassis_format`` (VIN, ISO 3779).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 35\\n[See Rule 61(1)]\\n"
...     "NOTICE OF TERMINATION OF AN AGREEMENT OF HIRE PURCHASE/LEASE/HYPOTHECATION\\n"
...     "1. Registration number: TN 09 BX 0042\\n"
...     "2. Name of the registered owner: Shri ARUN PRAKASH\\n"
...     "3. Name of the financier: Shriram Finance Limited, Chennai")])
>>> score(lay) > 0.8
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ('registration_number', 'owner_name', 'financier_name')]
['TN09BX0042', 'ARUN PRAKASH', 'Shriram Finance Limited']
"""

from __future__ import annotations

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import IDENTIFIER, NAME, PERSON, declare
from kagaz.doctypes.rto_forms import extract_items, finish_validations, form_score, validate_items
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "RTO_FORM_35"
GROUP = "business"
ORDER = 560
GENERATOR = "kagaz.synth.rto_form_35"
FIELDS = declare(
    registration_number=IDENTIFIER, owner_name=PERSON, financier_name=NAME,
    chassis_number=IDENTIFIER, engine_number=IDENTIFIER,
)


def score(layout: Layout) -> float | None:
    return form_score(layout, 35)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return extract_items(layout, tuple(FIELDS))


def validate(fields: dict[str, Field]) -> list[str]:
    return validate_items(fields)


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``."""
    finish_validations(doc)
