"""One value from several readings of the same printed value, by vote.

A value region read several ways (:mod:`kagaz.ocr.region_reader`) gives several readings; each
is parsed by the field's own rule first (a survey number's shape, a valid calendar date), so a
reading that parses to nothing casts no vote. The value most readings agree on wins. The
document's own rules come next: a value the document prints elsewhere too (a survey number in
the 7/12's header and in its mutation entry, in a deed's schedule and in its body) is
``confirmed``, and a confirmed value wins a tie. When a tie is left, the page reader's first
reading (``first``) keeps its place, undecided, so that the caller lowers its confidence; no
value is made up: a value nobody read twice, with nothing to confirm it, never replaces another.

>>> vote(["361/5", "361/5", "361", "361/5"], first="361").value
'361/5'
>>> v = vote(["79/9"], first="79/6")
>>> v.value, v.decided
('79/6', False)
>>> vote(["79/9"], first="79/6", confirmed={"79/9"}).value
'79/9'
>>> vote([None, "887", None, "887"]).value, vote([None, "887"]).value, vote([None, None, None, "3", "3"], first="20").value
('887', None, '20')
>>> v = vote(["2", "2", "8", "30", "38", "3"], first="20")  # a tiny cell's noise: no majority
>>> v.value, v.decided
('20', False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

__all__ = ["Verdict", "vote"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The value chosen (None when there is none to choose), how many readings gave it, out of
    how many readings there were, and whether a majority or a document rule decided it."""

    value: str | None
    votes: int
    total: int
    decided: bool

    @property
    def share(self) -> float:
        return self.votes / self.total if self.total else 0.0


def vote(readings: Sequence[str | None], *, first: str | None = None,
         confirmed: Collection[str] = ()) -> Verdict:
    """The value the ``readings`` agree on (``None`` readings cast no vote); ``first`` is the
    page reader's reading, counted once more, and ``confirmed`` holds the values the document
    prints elsewhere."""
    counts = Counter(r for r in readings if r is not None)
    if first is not None:
        counts[first] += 1
    # a reading that gave no value is a pass that could not read the region: it counts in the
    # total, so that two readings of a region the other passes could not read decide nothing
    total = len(readings) + (first is not None)
    if not counts:
        return Verdict(None, 0, total, False)
    ranked = sorted(counts.items(), key=lambda kv: (kv[1], kv[0] in confirmed, kv[0] == first), reverse=True)
    best, votes = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if votes > runner and (best == first or (votes >= 2 and 2 * votes >= total) or best in confirmed):
        # another value than the page reader's needs half the readings or more, and two at
        # least (a value read once, against nothing, is no reading to rely on), or the
        # document's confirmation
        return Verdict(best, votes, total, True)
    if votes > runner:
        return Verdict(first, counts[first], total, False) if first is not None else Verdict(None, votes, total, False)
    tied = [v for v, n in ranked if n == votes]
    sure = [v for v in tied if v in confirmed]
    if len(sure) == 1:
        return Verdict(sure[0], votes, total, True)
    if first in tied:
        return Verdict(first, votes, total, False)
    return Verdict(None, votes, total, False)
