"""What a motor policy's figures must satisfy together: its period, its premium against its IDV.

* The period of insurance ends after it starts. A private car's or two-wheeler's own-damage
  cover runs one year; since 1 September 2018 a new car's third-party cover is sold for three
  years and a new two-wheeler's for five (the Supreme Court's order of 20 July 2018 in
  *S. Rajaseekaran v. Union of India*, applied by IRDAI): so periods up to five years and a day
  are usual, longer ones are reported.
* The premium is positive and well below the IDV. The own-damage premium is a few percent of the
  IDV (the old India Motor Tariff's rates were 1.5 to 3.5 % for private cars); third-party
  premiums are fixed sums that weigh more on cheap vehicles (a ₹15,000 scooter's ₹1,500 is
  10 %). A premium above 30 % of the IDV is reported as implausible, one at or above the IDV as
  wrong: a total loss pays the IDV, nobody pays that much to insure it.

>>> from kagaz.model import Field
>>> f = {"idv": Field(value="525000.00", confidence_score=0.9),
...      "premium": Field(value="14532.00", confidence_score=0.9)}
>>> premium_check(f)["valid"], premium_check(f)["premium_to_idv_percent"]
(True, 2.77)
>>> f["premium"].value = "525000.00"
>>> premium_check(f)["valid"], validate_policy(f)
(False, ['The premium is not well below the IDV'])
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from kagaz.doctypes.rto_forms import finish_validations as vehicle_validations
from kagaz.doctypes.rto_forms import validate_items
from kagaz.model import Document, Field

__all__ = ["MAX_PREMIUM_SHARE", "finish_validations", "period_check", "premium_check", "validate_policy"]

#: Premium above this share of the IDV is not plausible.
MAX_PREMIUM_SHARE = Decimal("0.30")
_MAX_DAYS = 5 * 366 + 1


def _amount(f: Field | None) -> Decimal | None:
    try:
        return Decimal(str(f.value)) if f is not None else None
    except InvalidOperation:
        return None


def _date(f: Field | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(str(f.value), "%d/%m/%Y").date() if f is not None else None
    except ValueError:
        return None


def premium_check(fields: dict[str, Field]) -> dict[str, Any] | None:
    """``premium_plausible``: premium positive, and at most 30 % of a positive IDV."""
    idv, premium = _amount(fields.get("idv")), _amount(fields.get("premium"))
    if idv is None or premium is None:
        return None
    out: dict[str, Any] = {"idv": f"{idv:.2f}", "premium": f"{premium:.2f}"}
    if idv <= 0 or premium <= 0:
        return {**out, "valid": False, "message": "The IDV and the premium must both be positive"}
    share = premium / idv
    out["premium_to_idv_percent"] = float(round(share * 100, 2))
    if premium >= idv:
        return {**out, "valid": False, "message": "The premium is not below the IDV"}
    if share > MAX_PREMIUM_SHARE:
        return {**out, "valid": False,
                "message": f"The premium is {out['premium_to_idv_percent']}% of the IDV (more than 30%)"}
    return {**out, "valid": True, "message": f"The premium is {out['premium_to_idv_percent']}% of the IDV"}


def period_check(fields: dict[str, Field]) -> dict[str, Any] | None:
    """``policy_period``: the policy ends after it starts, within five years."""
    start, end = _date(fields.get("policy_start")), _date(fields.get("policy_end"))
    if start is None or end is None:
        return None
    days = (end - start).days
    out: dict[str, Any] = {"policy_start": start.strftime("%d/%m/%Y"), "policy_end": end.strftime("%d/%m/%Y"),
                           "days": days}
    if days <= 0:
        return {**out, "valid": False, "message": "The policy ends before it starts"}
    if days > _MAX_DAYS:
        return {**out, "valid": False, "message": f"A period of {days} days is longer than any motor policy's"}
    return {**out, "valid": True, "message": f"A period of {days + 1} days"}


def validate_policy(fields: dict[str, Field]) -> list[str]:
    """Issues, with the confidence of the figures that disagree lowered."""
    issues = validate_items(fields)
    period = period_check(fields)
    if period and not period["valid"]:
        issues.append("The policy's period ends before it starts or runs over five years")
        for key in ("policy_start", "policy_end"):
            fields[key].confidence_score = min(fields[key].confidence_score, 0.6)
    premium = premium_check(fields)
    if premium and not premium["valid"]:
        issues.append("The premium is not well below the IDV")
        for key in ("idv", "premium"):
            fields[key].confidence_score = min(fields[key].confidence_score, 0.6)
    return issues


def finish_validations(doc: Document) -> None:
    """The vehicle's checks, ``policy_period`` and ``premium_plausible`` where they apply."""
    vehicle_validations(doc)
    for name, check in (("policy_period", period_check(doc.fields)),
                        ("premium_plausible", premium_check(doc.fields))):
        if check is not None:
            doc.validations[name] = check
