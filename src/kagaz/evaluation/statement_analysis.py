"""How well the statement analysis finds what was planted: salary, EMIs, returns, cash, months.

Stories (:mod:`kagaz.synth.statement_story`) plant salary, loan repayments, cheque and mandate
returns and cash in six banks' narration styles; their truth comes from the plan. :func:`score`
runs :func:`~kagaz.doctypes.statement_analysis.analyse` on each story's rows (``ledger``: the
rows as planned) or on what the engine read from the story drawn as a born-digital PDF
(``engine``), and counts:

* salary and EMI rows: precision and recall over rows (an EMI row is a planted repayment, a
  mandate return's charge is not);
* returns: a found return matches a planted one when they share a row (the return or its
  charge); precision over found returns, recall over planted ones;
* monthly totals: a statement is exact when every month's credits and debits (totals and
  counts) and closing balance equal the plan's; only statements whose rows reconcile count (every
  row read, with a balance that follows from the one before);
* cash: deposits and withdrawals totals equal to the plan's;
* categories: rows whose ``category`` is the one the plan gave them.

``python -m kagaz.evaluation.statement_analysis --stories 60 --engine 6`` prints the table
(bench/bench_statement_analysis.py wraps it).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kagaz.doctypes.statement_analysis import analyse
from kagaz.doctypes.statement_rows import reconcile
from kagaz.synth.statement_houses import HOUSES
from kagaz.synth.statement_story import Story, plan_story, render_story

__all__ = ["Counts", "score", "score_story"]


@dataclass
class Counts:
    """Found, planted and matched, per thing detected; statements exact."""

    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    planted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # found and planted
    recalled: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # planted and found
    statements: int = 0
    reconciled: int = 0
    months_exact: int = 0
    cash_exact: int = 0
    rows: int = 0  # rows whose category was compared
    categories_right: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self, what: str) -> float | None:
        return self.right[what] / self.found[what] if self.found[what] else None

    def recall(self, what: str) -> float | None:
        return self.recalled[what] / self.planted[what] if self.planted[what] else None

    def add(self, other: Counts) -> None:
        for name in ("found", "planted", "right", "recalled"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for k, v in theirs.items():
                mine[k] += v
        self.statements += other.statements
        self.reconciled += other.reconciled
        self.months_exact += other.months_exact
        self.cash_exact += other.cash_exact
        self.rows += other.rows
        self.categories_right += other.categories_right
        self.misses += other.misses


def _months(story: Story) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for t in story.rows:
        m = out.setdefault(f"{t.date:%Y-%m}", {"cr": Decimal(0), "dr": Decimal(0), "nc": 0, "nd": 0,
                                                "close": None})
        if t.credit is not None:
            m["cr"] += t.credit
            m["nc"] += 1
        else:
            m["dr"] += t.debit or Decimal(0)
            m["nd"] += 1
        m["close"] = t.balance
    return out


def _rows(found: list[int], planted: set[int], what: str, c: Counts, tag: str) -> None:
    got = set(found)
    c.found[what] += len(got)
    c.planted[what] += len(planted)
    c.right[what] += len(got & planted)
    c.recalled[what] += len(got & planted)
    for r in sorted(got ^ planted)[:3]:
        c.misses.append(f"{tag} {what} {'extra' if r in got else 'missed'} row {r}")


def score_story(story: Story, transactions: list[dict[str, Any]], tag: str = "") -> Counts:
    """Counts for one story, given the rows analysed (as planned, or as the engine read them:
    then row ``i`` must be planted row ``i``, which a born-digital statement read exactly is)."""
    c = Counts(statements=1)
    a = analyse(transactions, opening_balance=f"{story.opening:.2f}",
                period_from=f"{story.period[0]:%d/%m/%Y}", period_to=f"{story.period[1]:%d/%m/%Y}")
    kinds = story.kinds
    _rows([r for s in a["salary"]["credits"] for r in s["rows"]],
          {i for i, k in enumerate(kinds) if k == "salary"}, "salary", c, tag)
    _rows([r for g in a["emi"] for r in g["rows"]], {i for i, k in enumerate(kinds) if k == "emi"}, "emi", c, tag)
    found = [set(b["rows"]) | set(b["charge_rows"]) for b in a["bounces"]]
    planted = [set(e) for e in story.returns]
    c.found["bounce"] += len(found)
    c.planted["bounce"] += len(planted)
    c.right["bounce"] += sum(any(f & p for p in planted) for f in found)
    c.recalled["bounce"] += sum(any(f & p for f in found) for p in planted)
    rec = reconcile(transactions, f"{story.opening:.2f}", None)
    # Reconciled: every row read, every balance printed and following from the one before.
    if not rec["broken_rows"] and rec["rows_checked"] == len(transactions) == len(story.rows):
        c.reconciled = 1
        truth = _months(story)
        got = {m["month"]: m for m in a["monthly"] if m["credits_count"] or m["debits_count"]}
        exact = set(got) == set(truth) and all(
            Decimal(got[k]["credits_total"]) == v["cr"] and Decimal(got[k]["debits_total"]) == v["dr"]
            and got[k]["credits_count"] == v["nc"] and got[k]["debits_count"] == v["nd"]
            and Decimal(got[k]["closing_balance"]) == v["close"] for k, v in truth.items())
        c.months_exact = int(exact)
        if not exact:
            c.misses.append(f"{tag} monthly totals differ")
    if len(transactions) == len(story.rows):
        c.rows = len(transactions)
        c.categories_right = sum(t.get("category") == want for t, want in zip(transactions, story.categories, strict=True))
    cash_in = sum((t.credit or Decimal(0) for t, k in zip(story.rows, kinds, strict=True) if k == "cash_in"),
                  Decimal(0))
    cash_out = sum((t.debit or Decimal(0) for t, k in zip(story.rows, kinds, strict=True) if k == "cash_out"),
                   Decimal(0))
    cash = a["cash"]
    c.cash_exact = int(Decimal(cash["deposits_total"]) == cash_in and Decimal(cash["withdrawals_total"]) == cash_out)
    if not c.cash_exact:
        c.misses.append(f"{tag} cash {cash['deposits_total']}/{cash['withdrawals_total']} "
                        f"planted {cash_in}/{cash_out}")
    return c


def score(stories: int, engine_stories: int = 0, seed: int = 19, capture: str = "pdf_text") -> dict[str, Counts]:
    """Counts per house and ``all`` over ``stories`` ledgers, and ``engine`` over the first
    ``engine_stories`` drawn and captured as ``capture`` (a born-digital PDF, or a scan:
    ``pdf_scan``, the generator's capture variants) and read by the engine."""
    out: dict[str, Counts] = defaultdict(Counts)
    houses = sorted(HOUSES)
    eng = None
    if engine_stories:
        from kagaz.pipeline.engine import Engine
        from kagaz.synth.generator import capture as captured
        eng = Engine()
    for i in range(stories):
        house = houses[i % len(houses)]
        story = plan_story(random.Random(seed * 1000 + i), house)
        c = score_story(story, story.transactions(), f"{house}#{i}")
        out[house].add(c)
        out["all"].add(c)
        if eng is not None and i < engine_stories:
            drawn = render_story(story, random.Random(seed * 1000 + i + 500), digital_only=capture == "pdf_text")
            data, ext = captured(drawn, capture, random.Random(seed * 1000 + i + 900))
            read = eng.process(data, f"story{i}.{ext}").file_data()
            rows = (read.get("transactions") or {}).get("value") or []
            out["engine"].add(score_story(story, rows, f"engine {house}#{i}"))
    return out


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}%"


def table(results: dict[str, Counts]) -> str:
    """The results as a markdown table, one line per house, ``all`` and ``engine``."""
    head = ("| set | statements | salary P / R | EMI P / R | returns P / R | monthly totals exact "
            "(reconciled) | cash totals exact | categories right |\n|---|---|---|---|---|---|---|---|")
    lines = [head]
    for name in [*sorted(k for k in results if k not in ("all", "engine")), "all", "engine"]:
        if name not in results:
            continue
        c = results[name]
        lines.append(
            f"| {name} | {c.statements} | {_pct(c.precision('salary'))} / {_pct(c.recall('salary'))} | "
            f"{_pct(c.precision('emi'))} / {_pct(c.recall('emi'))} | {_pct(c.precision('bounce'))} / "
            f"{_pct(c.recall('bounce'))} | {c.months_exact}/{c.reconciled} | {c.cash_exact}/{c.statements} | "
            f"{_pct(c.categories_right / c.rows if c.rows else None)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=60)
    parser.add_argument("--engine", type=int, default=0, help="stories also read by the engine as PDFs")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--capture", default="pdf_text", help="how the engine's stories are captured: pdf_text, pdf_scan, ...")
    parser.add_argument("--misses", action="store_true", help="list the rows found or missed wrongly")
    args = parser.parse_args(argv)
    results = score(args.stories, args.engine, args.seed, args.capture)
    print(table(results))
    if args.misses:
        for line in results["all"].misses + (results["engine"].misses if "engine" in results else []):
            print(line)


if __name__ == "__main__":
    main()
