"""Notice of transfer of ownership of a motor vehicle (Form 29, Central Motor Vehicles Rules 1989).

Form 29 (rule 55(1)) is the transferor's notice to the registering authority that the vehicle
has been sold: "FORM 29", "[See rule 55(1)]", the title "Notice of transfer of ownership of a
motor vehicle", the registration number, the transferor's (seller's) and the transferee's
(buyer's) names and addresses, the date of transfer, the financier's no-objection where the
vehicle is held under an agreement, and both signatures.

:func:`score` is :func:`kagaz.doctypes.rto_forms.form_score`: the form's own title (or, failing
one, its number in the header); every other page is declined. Names are returned without
honorifics and relations ("Shri", "S/o …"); the registration mark compact (``MH12AB1234``);
the financier by its name, without the branch address. Validations (additive):
``registration_format`` (state code or Bharat series) and ``chassis_format`` (VIN, ISO 3779).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 29\\n[See Rule 55(1)]\\nNOTICE OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE\\n"
...     "1. Registration number: MH 12 AB 1234\\n"
...     "2. Name of the transferor: RAVI KUMAR S/o SURESH KUMAR\\n"
...     "3. Name of the transferee: Smt. ANITA DESAI")])
>>> score(lay) > 0.8
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ('registration_number', 'transferor_name', 'transferee_name')]
['MH12AB1234', 'RAVI KUMAR', 'ANITA DESAI']
"""

from __future__ import annotations

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import IDENTIFIER, NAME, PERSON, declare
from kagaz.doctypes.rto_forms import extract_items, finish_validations, form_score, validate_items
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "RTO_FORM_29"
GROUP = "business"
ORDER = 530
GENERATOR = "kagaz.synth.rto_form_29"
FIELDS = declare(
    registration_number=IDENTIFIER, transferor_name=PERSON, transferee_name=PERSON,
    chassis_number=IDENTIFIER, engine_number=IDENTIFIER, financier_name=NAME,
)


def score(layout: Layout) -> float | None:
    return form_score(layout, 29)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return extract_items(layout, tuple(FIELDS))


def validate(fields: dict[str, Field]) -> list[str]:
    return validate_items(fields)


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``."""
    finish_validations(doc)
