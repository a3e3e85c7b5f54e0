"""``formatted_address``: every printed address, split the way the reference shows it.

The reference (supported-documents page) gives AADHAAR and GST_CERT a ``formatted_address``
beside the raw ``address``: ``{"value": {"address_line_1", "address_line_2", "city", "state",
"postcode"}, "confidence_score"}``. kagaz gives one to every address a document type declares
(a field of kind ``address`` in its ``FIELDS``), here and nowhere else: the extract stage calls
:func:`add_formatted_addresses` after the type's ``extract``, and
:func:`kagaz.doctypes.fields.declare` declares the formatted keys, so a new type gets both by
declaring its address fields. The key is ``formatted_address`` for ``address`` and
``formatted_<key>`` for any other (``dealer_address`` → ``formatted_dealer_address``).

The split is :func:`kagaz.doctypes.aadhaar_address.parse_address` (states and union territories
by name, the 6-digit PIN, the city before the state or after "Dist:"). Its confidence follows
the address's: a little lower (a split can go wrong where the reading did not), and at most 0.6
when the state or the PIN was not found (the split is then a guess).

>>> from kagaz.doctypes.fields import ADDRESS, declare
>>> from kagaz.model import Field
>>> f = {"dealer_address": Field(value="Shop 4, MG Road, Pune, Maharashtra - 411001",
...                              confidence_score=0.9)}
>>> add_formatted_addresses(f, declare(dealer_address=ADDRESS))
>>> f["formatted_dealer_address"].value["state"], f["formatted_dealer_address"].confidence_score
('Maharashtra', 0.873)
"""

from __future__ import annotations

from collections.abc import Mapping

from kagaz.doctypes.aadhaar_address import parse_address
from kagaz.doctypes.fields import Spec, formatted_key
from kagaz.model import Field

__all__ = ["add_formatted_addresses", "formatted_field"]

_UNSURE = 0.6  # without the state or the PIN the split is a guess


def formatted_field(address: Field) -> Field | None:
    """The formatted form of one address field (page and box kept); None for an empty one."""
    if not isinstance(address.value, str) or not address.value.strip():
        return None
    parsed = parse_address(address.value)
    conf = address.confidence_score * 0.97
    if not (parsed["state"] and parsed["postcode"]):
        conf = min(conf, _UNSURE)
    return Field(value=parsed, confidence_score=round(conf, 4), page=address.page,
                 bbox=address.bbox)


def add_formatted_addresses(fields: dict[str, Field], specs: Mapping[str, Spec]) -> None:
    """Add the formatted form of every address field in ``fields`` the type declares as an
    address; one the type module set itself is kept."""
    for key, spec in specs.items():
        target = formatted_key(key)
        if spec.kind != "address" or key not in fields or target in fields:
            continue
        formatted = formatted_field(fields[key])
        if formatted is not None:
            fields[target] = formatted
