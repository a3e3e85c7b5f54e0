"""Form labels read fuzzily: a label the OCR garbled ("Legal Mane", "Constitntion of Business")
that the label regexes miss, matched against the form's printed wordings.

:func:`~kagaz.doctypes.forms.read_value` falls back on :class:`Labels` when the regex finds no
label, and stops a value at any garbled label it reads.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

__all__ = ["Labels"]


class Labels:
    """A form's labels in their printed wordings, to find labels the OCR garbled ("Legal Mane",
    "Constitntion of Business") that the regexes miss: a line whose first words read like one
    wording (letters compared, rapidfuzz ratio >= ``min_ratio``) and like no other key's.

    >>> labels = Labels({"legal_name": ["Legal Name"], "date_of_issue": ["Date of Issue"]})
    >>> labels.match("Legal Mane SAI TRADERS")[:2]
    ('legal_name', 10)
    >>> labels.match("SAI TRADERS") is None
    True
    """

    def __init__(self, names: dict[str, list[str]], min_ratio: float = 77.0) -> None:
        self.names = {k: [re.sub(r"[^a-z]", "", n.lower()) for n in v] for k, v in names.items()}
        self.min_ratio = min_ratio
        self._cache: dict[str, tuple[str, int, float] | None] = {}

    def match(self, text: str) -> tuple[str, int, float] | None:
        """(key, end of the label in ``text``, ratio) of the best-reading label, or None."""
        if text in self._cache:
            return self._cache[text]
        cands: list[tuple[str, int, float]] = []
        per_key: dict[str, float] = {}
        start = re.match(r"[^A-Za-z]*", text).end()  # type: ignore[union-attr]
        ends = [m.end() for m in re.finditer(r"[A-Za-z]+", text[start:])][:8]
        for end in ends:
            got = re.sub(r"[^a-z]", "", text[start:start + end].lower())
            if len(got) < 5:
                continue
            for key, names in self.names.items():
                for name in names:
                    if abs(len(name) - len(got)) > max(3, len(name) // 4):
                        continue
                    r = fuzz.ratio(got, name)
                    per_key[key] = max(per_key.get(key, 0.0), r)
                    if r >= self.min_ratio:
                        cands.append((key, start + end, r))
        best = max(cands, key=lambda c: c[2]) if cands else None
        if best is not None and any(r > best[2] - 8 for k, r in per_key.items() if k != best[0]):
            best = None  # reads as two labels: trust neither
        if best is not None:  # the longest reading nearly as good ("Trade Nane, it any")
            best = max((c for c in cands if c[0] == best[0] and c[2] >= best[2] - 6), key=lambda c: c[1])
        if len(self._cache) > 5000:
            self._cache.clear()
        self._cache[text] = best
        return best
