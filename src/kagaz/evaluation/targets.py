"""The spec's accuracy targets, each measured on a summary and judged PASS, FAIL or N/A.

Identity documents (issue 3) and business documents (issue 4) have their own targets; the
report lists them first, and ``python -m kagaz.evaluation`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kagaz.evaluation.pooling import Rate, Summary

__all__ = ["Target", "business_targets", "targets"]


@dataclass
class Target:
    label: str
    rate: Rate
    threshold: float

    @property
    def verdict(self) -> str:
        if self.rate.rate is None:
            return "N/A"
        return "PASS" if self.rate.rate >= self.threshold else "FAIL"

    def line(self) -> str:
        value = "n/a" if self.rate.rate is None else f"{100 * self.rate.rate:.1f}%"
        return (f"{self.verdict} {self.label}: {value} ({self.rate.hits}/{self.rate.n}), "
                f"target ≥ {100 * self.threshold:g}%")


def targets(s: Summary) -> list[Target]:
    """The spec's accuracy targets, measured on ``s``."""
    cats = s.categories
    return [
        Target("classification", s.classification, 0.99),
        Target("identifiers exact", cats.get("identifier", Rate()), 0.98),
        Target("names exact", cats.get("name", Rate()), 0.95),
        Target("dates exact", cats.get("date", Rate()), 0.95),
        Target("addresses (similarity ≥ 0.9)", cats.get("address", Rate()), 0.85),
        Target("fields with confidence ≥ 0.9 correct", s.confident(0.9), 0.97),
    ]


def business_targets(s: Summary) -> list[Target]:
    """Issue 4's targets on the business documents of ``s``."""
    cats = s.categories
    return [
        Target("classification", s.classification, 0.99),
        Target("identifiers exact (GSTIN, Udyam no., account no., IFSC, invoice/DO/registration/"
               "document no.)", cats.get("identifier", Rate()), 0.98),
        Target("amounts exact (numerically)", cats.get("amount", Rate()), 0.97),
        Target("dates exact", cats.get("date", Rate()), 0.97),
        Target("transaction rows exactly right, digital PDFs",
               s.table("transactions", "digital").rate, 0.99),
        Target("transaction rows exactly right, scans", s.table("transactions", "scanned").rate,
               0.95),
    ]
