"""Flow cross-checks: one field compared across every pair of a flow's documents.

Which checks run is decided by the flow's ``product_type`` through declarative rule files
(``kagaz/matching/rules/<PRODUCT_TYPE>.yaml``, falling back to ``default.yaml``); the schema, the
comparators, thresholds and reason codes are in ``docs/cross-checks.md``. Rule files are
validated with pydantic when loaded, so a typo fails with CONFIGURATION_ERROR naming the file
and the place, never silently skipping a check.

>>> docs = [
...     FlowDocument("1", "u1", "PAN", {"name_as_per_pan": {"value": "RAHUL KUMAR", "confidence_score": 0.98}}),
...     FlowDocument("2", "u2", "AADHAAR", {"name": {"value": "Rahul Kumar", "confidence_score": 0.95}}),
... ]
>>> [(c["check"], c["source_document"], c["target_document"], c["result"]) for c in run_cross_checks(docs, None)]
[('name', 'PAN', 'AADHAAR', 'MATCH'), ('dob', 'PAN', 'AADHAAR', 'NOT_APPLICABLE'), ('aadhaar_qr', 'AADHAAR', 'AADHAAR', 'NOT_APPLICABLE')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kagaz.errors import ConfigurationError
from kagaz.matching.addresses import match_addresses
from kagaz.matching.base import NOT_APPLICABLE, Match, Thresholds, not_applicable
from kagaz.matching.credits import match_employer_in_credits
from kagaz.matching.land import match_name_in_holders, match_survey_number
from kagaz.matching.names import match_names
from kagaz.matching.values import AmountTolerance, compare_amounts, compare_dates, compare_ids, compare_pan_in_gstin
from kagaz.matching.verification import match_aadhaar_qr

__all__ = [
    "CheckRule", "Comparator", "FlowDocument", "RuleSet", "check_rules_dir", "load_rules",
    "run_cross_checks",
]

Comparator = Literal["name", "date", "exact_id", "address", "amount", "pan_in_gstin",
                     "employer_in_credits", "holder_name", "survey_number", "aadhaar_qr"]
_SCORED: tuple[str, ...] = ("name", "date", "exact_id", "address", "pan_in_gstin", "employer_in_credits",
                            "holder_name", "survey_number")
_PRODUCT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")  # never a path: no dots, no slashes
_MAX_FILE_BYTES = 256 * 1024
_MAX_EXTENDS = 8
_SKIPPED_TYPES = frozenset({"UNRECOGNISED", "INVALID_DOC"})


@dataclass(frozen=True)
class FlowDocument:
    """One read document of a flow, its fields as on the wire (``{"name": {"value": ...}}``)."""

    document_id: str
    file_uuid: str
    document_type: str | None
    fields: dict[str, Any]


# ---- the rule file schema ----------------------------------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThresholdsModel(_Model):
    match: float = Field(ge=0, le=100, description="score at or above which the result is MATCH")
    partial: float = Field(ge=0, le=100, description="score at or above which it is PARTIAL")

    @model_validator(mode="after")
    def _ordered(self) -> ThresholdsModel:
        if self.partial > self.match:
            raise ValueError(f"partial ({self.partial}) must not exceed match ({self.match})")
        return self


class AmountToleranceModel(_Model):
    match_abs: Decimal = Field(ge=0, description="rupees apart, at most, for MATCH")
    partial_pct: Decimal = Field(ge=0, le=100, description="percent of the larger amount for PARTIAL")


class Participant(_Model):
    document: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$", description="document_type, e.g. PAN")
    field: str | tuple[str, ...] = Field(description="field key, or keys tried in order")

    @field_validator("field")
    @classmethod
    def _keys(cls, v: str | tuple[str, ...]) -> str | tuple[str, ...]:
        keys = (v,) if isinstance(v, str) else v
        if not keys or any(not re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys):
            raise ValueError(f"field keys are snake_case names, got {v!r}")
        return v

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.field,) if isinstance(self.field, str) else self.field


class CheckRule(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the item's 'check'")
    description: str = ""
    comparator: Comparator
    field: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the item's 'field'")
    participants: tuple[Participant, ...] = Field(min_length=1)
    scope: Literal["pair", "document"] = Field(
        default="pair", description="'document': each document against itself (aadhaar_qr)")
    thresholds: ThresholdsModel | None = Field(default=None, description="overrides the comparator's")
    same_type_pairs: bool = Field(default=False, description="also compare two documents of one type")

    @model_validator(mode="after")
    def _distinct(self) -> CheckRule:
        types = [p.document for p in self.participants]
        dupes = sorted({t for t in types if types.count(t) > 1})
        if dupes:
            raise ValueError(f"document types listed twice: {', '.join(dupes)}")
        if self.thresholds is not None and self.comparator == "amount":
            raise ValueError("the amount comparator uses amount_tolerance, not thresholds")
        if (self.scope == "document") != (self.comparator == "aadhaar_qr"):
            raise ValueError("the aadhaar_qr comparator, and only it, checks one document (scope: document)")
        if self.scope == "pair" and len(self.participants) < 2:
            raise ValueError("a check of pairs needs at least two participants")
        return self


class RuleFile(_Model):
    """What one YAML file holds."""

    version: Literal[1] = 1
    extends: str | None = Field(default=None, description="'default' or another product type")
    thresholds: dict[Comparator, ThresholdsModel] = Field(default_factory=dict)
    amount_tolerance: AmountToleranceModel | None = None
    remove: tuple[str, ...] = Field(default=(), description="ids of inherited checks to drop")
    checks: tuple[CheckRule, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> RuleFile:
        ids = [c.id for c in self.checks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"check ids listed twice: {', '.join(dupes)}")
        if "amount" in self.thresholds:
            raise ValueError("the amount comparator uses amount_tolerance, not thresholds")
        return self


@dataclass(frozen=True)
class RuleSet:
    """The checks that run for one product type, with their thresholds, after inheritance."""

    product_type: str | None
    source: str  # which file decided: "default" or the product type's file name
    thresholds: dict[str, Thresholds]
    amount_tolerance: AmountTolerance
    checks: tuple[CheckRule, ...]

    def thresholds_for(self, check: CheckRule) -> Thresholds:
        if check.thresholds is not None:
            return Thresholds(check.thresholds.match, check.thresholds.partial)
        return self.thresholds[check.comparator]


# ---- loading -----------------------------------------------------------------------------------

def _read(name: str, rules_dir: Path | None) -> tuple[RuleFile, str] | None:
    """Parse ``<name>.yaml`` from ``rules_dir`` (first) or the packaged rules; None if absent."""
    candidates: list[Any] = []
    if rules_dir is not None:
        candidates.append(Path(rules_dir) / f"{name}.yaml")
    candidates.append(resources.files("kagaz.matching").joinpath("rules", f"{name}.yaml"))
    for path in candidates:
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if len(raw) > _MAX_FILE_BYTES:
            raise ConfigurationError(f"Cross-check rules {path}: larger than {_MAX_FILE_BYTES} bytes")
        try:
            data = yaml.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"Cross-check rules {path}: not valid YAML: {exc}") from exc
        try:
            return RuleFile.model_validate(data), str(path)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}" for e in exc.errors())
            raise ConfigurationError(f"Cross-check rules {path}: {problems}") from exc
    return None


def _resolve(name: str, rules_dir: Path | None, seen: tuple[str, ...]) -> RuleSet:
    found = _read(name, rules_dir)
    if found is None:
        raise ConfigurationError(f"Cross-check rules: no rule file '{name}.yaml'")
    rf, path = found
    if name == "default":
        if rf.extends is not None:
            raise ConfigurationError(f"Cross-check rules {path}: the default file cannot extend another")
        missing = [c for c in _SCORED if c not in rf.thresholds]
        if missing or rf.amount_tolerance is None:
            raise ConfigurationError(
                f"Cross-check rules {path}: the default file must set thresholds for every comparator "
                f"(missing: {', '.join(missing) or 'none'}) and amount_tolerance")
        base = RuleSet(None, path, {}, AmountTolerance(), ())
    else:
        parent = rf.extends or "default"
        if parent in seen or len(seen) > _MAX_EXTENDS:
            raise ConfigurationError(f"Cross-check rules {path}: 'extends' loops ({' -> '.join((*seen, parent))})")
        base = _resolve(parent, rules_dir, (*seen, name))
    thresholds = dict(base.thresholds)
    thresholds.update({k: Thresholds(v.match, v.partial) for k, v in rf.thresholds.items()})
    tolerance = base.amount_tolerance
    if rf.amount_tolerance is not None:
        tolerance = AmountTolerance(rf.amount_tolerance.match_abs, rf.amount_tolerance.partial_pct)
    known = {c.id for c in base.checks}
    unknown = [r for r in rf.remove if r not in known]
    if unknown:
        raise ConfigurationError(
            f"Cross-check rules {path}: remove names unknown checks: {', '.join(unknown)} "
            f"(inherited: {', '.join(sorted(known))})")
    replaced = {c.id: c for c in rf.checks}
    checks = [replaced.pop(c.id, c) for c in base.checks if c.id not in rf.remove]
    checks.extend(c for c in rf.checks if c.id in replaced)
    return RuleSet(None, path, thresholds, tolerance, tuple(checks))


@lru_cache(maxsize=64)
def _load(name: str, rules_dir: Path | None) -> RuleSet:
    return _resolve(name, rules_dir, ())


def load_rules(product_type: str | None, *, rules_dir: Path | None = None) -> RuleSet:
    """The rule set for ``product_type``: its own file if one exists, else the defaults.

    ``rules_dir`` (optional) is searched before the packaged rules, so an operator can add or
    override product types without changing kagaz. Results are cached per (type, directory).

    >>> load_rules("NO_SUCH_PRODUCT").source.endswith("default.yaml")
    True
    >>> "customer_name" in [c.id for c in load_rules("PROD_CDL").checks]
    False
    >>> load_rules("../../etc/passwd").source.endswith("default.yaml")
    True
    """
    name = "default"
    if product_type and _PRODUCT.match(product_type):
        for candidate in (product_type, product_type.upper()):
            if _read_exists(candidate, rules_dir):
                name = candidate
                break
    rs = _load(name, rules_dir)
    return RuleSet(product_type, rs.source, rs.thresholds, rs.amount_tolerance, rs.checks)


def check_rules_dir(rules_dir: Path) -> None:
    """Load every rule file of an operator's folder; raises ConfigurationError on the first
    that is missing, unreadable or invalid (called when the service starts)."""
    if not rules_dir.is_dir():
        raise ConfigurationError(f"Cross-check rules folder {rules_dir} does not exist")
    for path in sorted(rules_dir.glob("*.yaml")):
        load_rules(path.stem, rules_dir=rules_dir)


def _read_exists(name: str, rules_dir: Path | None) -> bool:
    if name == "default":
        return False
    if rules_dir is not None and (Path(rules_dir) / f"{name}.yaml").is_file():
        return True
    return resources.files("kagaz.matching").joinpath("rules", f"{name}.yaml").is_file()


# ---- running -----------------------------------------------------------------------------------

def _value(fields: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any]:
    """The first key the document has a non-empty value for, and the value (wire or plain)."""
    for key in keys:
        f = fields.get(key)
        v = f.get("value") if isinstance(f, dict) and "value" in f else f
        if v is not None and not (isinstance(v, str) and not v.strip()):
            return key, v
    return keys[0], None


def _compare(rules: RuleSet, check: CheckRule, a: Any, b: Any) -> Match:
    missing = not_applicable(a, b)
    if missing:
        return missing
    th = rules.thresholds_for(check) if check.comparator != "amount" else None
    if check.comparator == "amount":
        return compare_amounts(a, b, tolerance=rules.amount_tolerance)
    if check.comparator == "date":
        return compare_dates(a, b, thresholds=th)
    if check.comparator == "exact_id":
        return compare_ids(a, b, thresholds=th)
    if check.comparator == "pan_in_gstin":
        return compare_pan_in_gstin(a, b, thresholds=th)
    if check.comparator == "employer_in_credits":  # a name against a statement's rows
        return match_employer_in_credits(a, b, thresholds=th)
    if check.comparator == "holder_name":  # a name among a land record's holders
        return match_name_in_holders(a, b, thresholds=th)
    if check.comparator == "survey_number":  # survey numbers in values, lists or descriptions
        return match_survey_number(a, b, thresholds=th)
    # names and addresses are text; anything else (a list, a number) has no text to compare
    if not isinstance(a, str) or not isinstance(b, str):
        which = "source" if not isinstance(a, str) else "target"
        return Match(0.0, NOT_APPLICABLE, [f"unparseable_{which}_value"])
    if check.comparator == "name":
        return match_names(a, b, thresholds=th)
    return match_addresses(a, b, thresholds=th)


def run_cross_checks(
    documents: Sequence[FlowDocument], product_type: str | None, *, rules_dir: Path | None = None
) -> list[dict[str, Any]]:
    """Every check of the product type's rules over every pair of documents it covers.

    Pairs come in a fixed order: checks as listed in the rules; within a check, the source is
    the document whose type is listed first (ties: the earlier document in ``documents``).
    Documents without a type (unread, UNRECOGNISED, INVALID_DOC) are skipped. A missing value
    gives NOT_APPLICABLE with a null score.
    """
    rules = load_rules(product_type, rules_dir=rules_dir)
    usable = [(i, d) for i, d in enumerate(documents)
              if d.document_type and d.document_type not in _SKIPPED_TYPES]
    items: list[dict[str, Any]] = []
    for check in rules.checks:
        if check.scope == "document":
            items += _document_checks(check, usable)
            continue
        order = {p.document: (k, p) for k, p in enumerate(check.participants)}
        covered = sorted(((order[d.document_type][0], i, d, order[d.document_type][1])
                          for i, d in usable if d.document_type in order), key=lambda t: (t[0], t[1]))
        for x in range(len(covered)):
            for y in range(x + 1, len(covered)):
                (_, _, src, sp), (_, _, tgt, tp) = covered[x], covered[y]
                if src.document_type == tgt.document_type and not check.same_type_pairs:
                    continue
                skey, sval = _value(src.fields or {}, sp.keys)
                tkey, tval = _value(tgt.fields or {}, tp.keys)
                m = _compare(rules, check, sval, tval)
                items.append({
                    "check": check.id,
                    "field": check.field,
                    "source_document": src.document_type,
                    "source_document_id": src.document_id,
                    "source_file_uuid": src.file_uuid,
                    "source_field": skey,
                    "source_value": sval,
                    "target_document": tgt.document_type,
                    "target_document_id": tgt.document_id,
                    "target_file_uuid": tgt.file_uuid,
                    "target_field": tkey,
                    "target_value": tval,
                    "similarity_score": None if m.result == NOT_APPLICABLE else m.score,
                    "result": m.result,
                    "reasons": list(m.reasons),
                })
    return items


def _document_checks(check: CheckRule, usable: list[tuple[int, FlowDocument]]) -> list[dict[str, Any]]:
    """A check of each document against itself (``scope: document``): the Aadhaar's signed QR
    (source) against its printed fields (target), one item per Aadhaar."""
    types = {p.document: p for p in check.participants}
    items = []
    for _, doc in usable:
        part = types.get(doc.document_type or "")
        if part is None:
            continue
        m = match_aadhaar_qr(doc.fields or {})
        qr = ((doc.fields or {}).get("validations") or {}).get(check.field)
        key = part.keys[0]
        signed = qr.get("signature_valid") if isinstance(qr, dict) else None
        printed = qr.get("fields_match") if isinstance(qr, dict) else None
        item: dict[str, Any] = {"check": check.id, "field": check.field}
        for side, value in (("source", signed), ("target", printed)):
            item |= {f"{side}_document": doc.document_type, f"{side}_document_id": doc.document_id,
                     f"{side}_file_uuid": doc.file_uuid, f"{side}_field": key, f"{side}_value": value}
        item |= {"similarity_score": None if m.result == NOT_APPLICABLE else m.score,
                 "result": m.result, "reasons": list(m.reasons)}
        items.append(item)
    return items
