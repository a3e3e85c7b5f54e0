"""The classifiers' shortcuts (indexes, pre-filters) give what the plain, slower reading gives.

Each test runs a shortcut and the reading it stands for, written out plainly here, on seeded
random inputs near the cases that matter (runs on one baseline, digit groups, MRZ-like lines).
"""

from __future__ import annotations

import random
import re

import pytest

from kagaz.doctypes import aadhaar_numbers, driving_license, invoice_lines, mrz
from kagaz.model import TextLine
from kagaz.text.layout import sort_reading_order


def _plain_join_page(runs: list[TextLine]) -> list[TextLine]:
    """invoice_lines._join_page as first written: every run asks every open phrase."""
    out: list[TextLine] = []
    open_: list[tuple[list[TextLine], float]] = []
    for ln in runs:
        best, best_key, keep = None, (0.0, 0.0), []
        for ph, tall in open_:
            last, h = ph[-1], max(tall, ln.height, 1.0)
            gap = ln.x0 - last.x1
            if gap > invoice_lines._WORD_GAP * h:
                out.append(invoice_lines._merge(ph))
                continue
            keep.append((ph, tall))
            overlap = min(last.y1, ln.y1) - max(last.y0, ln.y0)
            if gap >= -0.3 * h and overlap >= 0.5 * min(last.height, ln.height) > 0:
                key = (overlap / max(last.height, ln.height, 1.0), -abs(gap))
                if best is None or key > best_key:
                    best, best_key = len(keep) - 1, key
        open_ = keep
        if best is None:
            open_.append(([ln], ln.height))
        else:
            ph, tall = open_[best]
            ph.append(ln)
            open_[best] = (ph, max(tall, ln.height))
    out.extend(invoice_lines._merge(ph) for ph, _ in open_)
    return out


def _pages(runs: list[TextLine]) -> list[list[TextLine]]:
    """Each page's text-layer runs in the order join_runs hands them to _join_page."""
    return [sorted((ln for ln in runs if ln.page == p and ln.source == "pdf"), key=lambda ln: (ln.x0, ln.y0))
            for p in sorted({ln.page for ln in runs})]


def _joined(runs: list[TextLine]) -> list[TextLine]:
    out: list[TextLine] = []
    invoice_lines._join_page(runs, out)
    return out


def _runs(rng: random.Random) -> list[TextLine]:
    runs = []
    for _ in range(rng.randint(0, 80)):
        x0 = rng.choice([rng.uniform(0, 600), rng.randint(0, 60) * 10.0])
        y0 = rng.choice([rng.uniform(0, 300), rng.randint(0, 15) * 20.0 + rng.choice([0.0, 0.5, 3.0])])
        h = rng.choice([rng.uniform(-2, 40), 20.0, 10.0, 0.0])
        box = (x0, y0, x0 + rng.choice([rng.uniform(0, 80), 10.0]), y0 + h)
        runs.append(TextLine(rng.choice(["a", "1", "Tax", "9,"]), rng.random(), box, rng.randint(0, 1),
                             rng.choice(["pdf", "pdf", "ocr"])))
    return runs


def _sig(lines: list[TextLine]) -> list[tuple]:
    return [(ln.text, ln.box, ln.page, ln.score, ln.source) for ln in lines]


@pytest.mark.parametrize("seed", range(4))
def test_join_runs_matches_asking_every_phrase(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        for page in _pages(_runs(rng)):
            assert _sig(_joined(page)) == _sig(_plain_join_page(page))


def test_join_runs_with_a_non_finite_box() -> None:
    rng = random.Random(9)
    runs = _runs(rng) + [TextLine("x", 1.0, (5.0, float("inf"), 9.0, float("inf")), 0, "pdf")]
    for page in _pages(runs):
        assert repr(_sig(_joined(page))) == repr(_sig(_plain_join_page(page)))


def test_sort_reading_order_matches_the_properties() -> None:
    def plain(lines: list[TextLine]) -> list[TextLine]:
        out: list[TextLine] = []
        for page in sorted({ln.page for ln in lines}):
            rows: list[list[TextLine]] = []
            for line in sorted((ln for ln in lines if ln.page == page), key=lambda ln: ln.cy):
                ref = rows[-1][0] if rows else None
                if ref is not None and abs(line.cy - ref.cy) <= max(min(ref.height, line.height) * 0.5, 1.0):
                    rows[-1].append(line)
                else:
                    rows.append([line])
            for row in rows:
                out.extend(sorted(row, key=lambda ln: ln.x0))
        return out

    rng = random.Random(3)
    for _ in range(300):
        lines = _runs(rng)
        assert [id(ln) for ln in sort_reading_order(lines)] == [id(ln) for ln in plain(lines)]


def test_zone_kinds_is_both_line_tests() -> None:
    rng = random.Random(5)
    alphabet = "P<INDABC0123456789 ßﬃ«»\u00a0\t-"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert mrz.zone_kinds(text) == (mrz.is_line1(text), mrz.is_line2(text))


def _noisy_digits(rng: random.Random) -> str:
    sizes = rng.choice([[4, 4, 4], [4, 4, 4, 1], [12], [4, 8], [rng.choice([1, 2, 4, 8]) for _ in range(5)]])
    groups = ["".join(rng.choice("0123456789012345678OoIlSsBZz") for _ in range(n)) for n in sizes]
    seps = [rng.choice([" ", " ", " ", "  ", "-", ".", "(", ")", "'", ":", ";", ",", "/", "a"]) for _ in groups]
    mask = rng.choice(["", "", "XXXX XXXX ", "xxxx xxxx", "*"])
    return mask + "".join(s + g for s, g in zip(seps, groups)) + rng.choice(["", ".", ")", "x"])


def test_aadhaar_row_filter_keeps_every_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(8)
    rows = []
    for _ in range(1500):
        x = 0.0
        row = []
        for _ in range(rng.randint(1, 3)):
            text = _noisy_digits(rng)
            width = len(text) * 10.0
            x += rng.choice([-15.0, 0.0, 10.0, 40.0])
            row.append(TextLine(text, 0.9, (x, 0.0, x + width, 20.0)))
            x += width
        rows.append(row)

    def read(row: list[TextLine]) -> list[tuple]:
        return [(c.number, c.repairs, c.canonical, id(c.line), [(id(a), b, e) for a, b, e in c.spans])
                for c in aadhaar_numbers.find_numbers(row)]

    fast = [read(row) for row in rows]
    monkeypatch.setattr(aadhaar_numbers, "_MAYBE", re.compile(""))  # every row read in full
    assert fast == [read(row) for row in rows]
    assert sum(bool(f) for f in fast) > 100  # the rows did hold numbers


def test_glued_licence_number_skips_only_windows_that_fail() -> None:
    rng = random.Random(2)
    seeds = ["MH0220110012345", "KA0120150012345", "TN0919990001234", "DLNOMH022011001234599"]
    for _ in range(20000):
        text = list(rng.choice(seeds))
        for _ in range(rng.randint(0, 5)):
            i = rng.randrange(len(text))
            text[i:i + rng.randint(0, 1)] = rng.choice("0123456789OIZSBLDNX")
        compact = "".join(text)
        wins = (driving_license._check(compact[i:i + 15]) for i in range(max(0, len(compact) - 14)))
        plain = min((w for w in wins if w and w[1] <= 2), key=lambda w: w[1], default=None)
        assert driving_license._glued(compact) == plain
