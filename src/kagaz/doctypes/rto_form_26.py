"""Application for a duplicate certificate of registration (Form 26, Central Motor Vehicles Rules 1989).

Form 26 (rule 53) is the owner's application to the registering authority for a duplicate
certificate of registration, lost, destroyed, torn or mutilated. It prints "FORM 26", "[See rule
53]", the title "Application for the issue of duplicate certificate of registration", and
numbered items: the registered owner's name, son / wife / daughter of, full address, the
registration mark, the chassis and engine numbers, how the certificate was lost, the
financier's consent where the vehicle is held under an agreement, and the owner's signature.

:func:`score` is :func:`kagaz.doctypes.rto_forms.form_score`: the form's own title (or, failing
one, its number in the header); every other page is declined. Names are returned without
honorifics and relations ("Shri", "S/o …"); the registration mark compact (``MH12AB1234``);
the financier by its name, without the branch address. Validations (additive):
``registration_format`` (state code or Bharat series) and ``chassis_format`` (VIN, ISO 3779).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 26\\n[See Rule 53]\\n"
...     "APPLICATION FOR THE ISSUE OF DUPLICATE CERTIFICATE OF REGISTRATION\\n"
...     "1. Full name of the registered owner: Shri RAVI KUMAR\\n"
...     "2. Registration mark: KA 05 MN 4321")])
>>> score(lay) > 0.8
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ('registration_number', 'owner_name')]
['KA05MN4321', 'RAVI KUMAR']
"""

from __future__ import annotations

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import IDENTIFIER, NAME, PERSON, declare
from kagaz.doctypes.rto_forms import extract_items, finish_validations, form_score, validate_items
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "RTO_FORM_26"
GROUP = "business"
ORDER = 520
GENERATOR = "kagaz.synth.rto_form_26"
FIELDS = declare(
    registration_number=IDENTIFIER, owner_name=PERSON, chassis_number=IDENTIFIER,
    engine_number=IDENTIFIER, financier_name=NAME,
)


def score(layout: Layout) -> float | None:
    return form_score(layout, 26)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return extract_items(layout, tuple(FIELDS))


def validate(fields: dict[str, Field]) -> list[str]:
    return validate_items(fields)


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``."""
    finish_validations(doc)
