"""Drawing a planned statement: banner, account details, the table page by page, summaries.

:func:`draw_pages` returns one canvas per page; with ``digital_only`` the canvases only record
what a born-digital PDF needs (:class:`_PdfOnlyCanvas`) and draw no pixels.
"""

from __future__ import annotations

from decimal import Decimal

from kagaz.synth import graphics
from kagaz.synth.fonts import font, font_path
from kagaz.synth.identities import address
from kagaz.synth.layout import A4_H, A4_W, a4_canvas
from kagaz.synth.render import Canvas
from kagaz.synth.statement_houses import format_date, group_digits
from kagaz.synth.statement_metrics import LINE, ROW_PAD, fit, measure
from kagaz.synth.statement_plan import StatementPlan, Txn, closing, geometry, totals

__all__ = ["draw_pages"]


def _amount_text(d: StatementPlan, v: Decimal | None) -> str:
    return "" if v is None else group_digits(v, d.grouping)


def _balance_text(d: StatementPlan, v: Decimal) -> str:
    s = group_digits(v, d.grouping)
    suf = d.house.suffix
    if suf == "(Cr)":
        return s + ("(Dr)" if v < 0 else "(Cr)")
    if suf == " Cr":
        return s + (" Dr" if v < 0 else " Cr")
    return ("-" if v < 0 else "") + s


def _draw_table_header(c: Canvas, d: StatementPlan, x0: float, y: float) -> float:
    s = d.size * 0.95
    hgt = geometry(d)["head"]
    fill = graphics.tint(d.house.color, d.rng, 10) if d.grid != "none" else None
    light = tuple(min(255, 200 + v // 5) for v in d.house.color)
    total = sum(w for _, _, w in d.cols)
    if fill and d.rng.random() < 0.5:
        c.rect((x0, y, x0 + total, y + hgt), fill=light)  # type: ignore[arg-type]
    elif d.grid != "none":
        c.line([(x0, y), (x0 + total, y)], fill=(60, 60, 60), width=2)
    x = x0
    for kind, title, w in d.cols:
        parts = title.split("\n")
        ty = y + 4 + (s * LINE * (2 - len(parts))) / 2
        for part in parts:
            if kind in ("debit", "credit", "amount", "balance"):
                c.text(x + w - 8, ty, part, d.family, s, bold=True, align="r")
            elif kind in ("drcr", "branch", "sno"):
                c.text(x + w / 2, ty, part, d.family, s, bold=True, align="m")
            else:
                c.text(x + 8, ty, part, d.family, s, bold=True)
            ty += s * LINE
        x += w
    c.line([(x0, y + hgt), (x0 + total, y + hgt)], fill=(60, 60, 60), width=2)
    return y + hgt


def _cells(d: StatementPlan, t: Txn, i: int) -> dict[str, str]:
    h = d.house
    amt = t.debit if t.debit is not None else t.credit
    mark = "Dr" if t.debit is not None else "Cr"
    out = {"sno": str(i + 1), "date": format_date(t.date, h.date),
           "vdate": format_date(t.vdate, h.date),
           "ref": t.ref, "debit": _amount_text(d, t.debit), "credit": _amount_text(d, t.credit),
           "balance": _balance_text(d, t.balance), "branch": str(d.rng.randint(100, 999)),
           "drcr": mark.upper() if d.drcr_col else ""}
    out["amount"] = _amount_text(d, amt) + ("" if d.drcr_col else " " + mark)
    if d.key == "sbi" and not t.ref and d.rng.random() < 0.5:
        out["ref"] = "TRANSFER FROM" if t.credit is not None else "TRANSFER TO"
    return out


def _draw_row(c: Canvas, d: StatementPlan, x0: float, y: float, cells: dict[str, str],
              lines: list[str], shade: bool) -> float:
    s = d.size
    hgt = s * (LINE * max(1, len(lines)) + ROW_PAD)
    total = sum(w for _, _, w in d.cols)
    if shade:
        c.rect((x0, y, x0 + total, y + hgt), fill=(242, 244, 247))
    ty = y + s * ROW_PAD / 2
    x = x0
    for kind, _, w in d.cols:
        if kind == "desc":
            for k, line in enumerate(lines):
                c.text(x + 8, ty + k * s * LINE, line, d.family, s)
        elif kind in ("debit", "credit", "amount", "balance"):
            c.text(x + w - 8, ty, cells.get(kind, ""), d.family, s, align="r")
        elif kind in ("drcr", "branch", "sno"):
            c.text(x + w / 2, ty, cells.get(kind, ""), d.family, s, align="m")
        else:
            text = cells.get(kind, "")
            c.text(x + 8, ty, text, d.family, min(s, fit(text, d.family, s, w - 14)))
        x += w
    if d.grid in ("grid", "rules"):
        c.line([(x0, y + hgt), (x0 + total, y + hgt)], fill=(170, 170, 170), width=1)
    return y + hgt


def _banner(c: Canvas, d: StatementPlan, n: int, total: int) -> None:
    col = d.house.color
    c.rect((0, 0, c.w, 14), fill=col)
    c.text(80, 50, d.house.bank.upper() if d.rng.random() < 0.5 else d.house.bank,
           d.family, 44, bold=True, fill=col)
    c.text(c.w - 80, 60, "Statement of Account", d.family, 28, bold=True, align="r")
    foot = {"hdfc": f"Page No .: {n}", "axis": f"Page {n} of {total}"}.get(d.key,
                                                                          f"Page {n} of {total}")
    c.text(c.w / 2, 2339 - 95, foot, d.family, 18, align="m", fill=(80, 80, 80))
    c.text(80, 2339 - 60, "This is a computer generated statement and does not require a "
           "signature.", d.family, 16, fill=(110, 110, 110))
    if n > 1:
        c.text(80, 140, f"Account No : {d.acct}", d.family, 22)
        c.text(c.w - 80, 140, d.holder, d.family, 22, align="r")


def _details(c: Canvas, d: StatementPlan) -> None:
    """Page 1: holder, account, IFSC, period and (some houses) opening balance."""
    h, rng = d.house, d.rng
    a = address(rng)
    s = 23.0
    start, end = (format_date(x, h.date) for x in d.period)
    y = 150.0
    c.text(80, y, f"{d.title}{d.holder}", d.family, s + 2, bold=True)
    for line in (", ".join(a.parts[:2]), ", ".join(a.parts[2:]), f"{a.state} - {a.pin}"):
        y += s * 1.5
        c.text(80, y, line, d.family, s)
    label = {"sbi": "Account Number", "hdfc": "Account No", "icici": "A/C No",
             "axis": "Account No", "kotak": "Account No.", "pnb": "Account Number"}[d.key]
    ifsc_label = {"sbi": "IFS Code", "hdfc": "RTGS/NEFT IFSC", "icici": "IFSC",
                  "axis": "IFSC Code", "kotak": "IFSC Code", "pnb": "IFSC"}[d.key]
    rows = [("Customer ID", str(rng.randint(10**7, 10**9))), (label, d.acct),
            ("Account Type", rng.choice(["SAVINGS", "Savings Account", "CURRENT ACCOUNT"])),
            ("Branch", f"{a.city.upper()} MAIN"), (ifsc_label, d.ifsc),
            ("MICR", str(rng.randint(10**8, 10**9 - 1))), ("Currency", "INR")]
    if d.key == "sbi":
        rows.insert(0, ("Account Name", f"{d.title}{d.holder}"))
    rng.shuffle(rows)
    y = 150.0
    lx, vx = 900, 900 + 250
    for lab, val in rows:
        c.text(lx, y, lab, d.family, s)
        c.text(vx, y, ": " + val, d.family, s)
        y += s * 1.5
    y = max(y, 150 + s * 1.5 * 4) + 30
    period = {"sbi": f"Account Statement from {start} to {end}",
              "hdfc": f"Statement From : {start} To : {end}",
              "icici": f"Transaction Period: From {start} To {end}",
              "axis": f"Statement of Account No : {d.acct} for the period (From : {start} "
                      f"To : {end})",
              "kotak": f"Period : {start} to {end}",
              "pnb": f"Statement for the period {start} to {end}"}[d.key]
    c.text(80, y, period, d.family, s, bold=True)
    y += s * 1.8
    if d.key == "sbi":
        c.text(80, y, f"Balance as on {start} : {_balance_text(d, d.opening)}", d.family, s)
    if d.key == "icici":
        _summary_table(c, d, 80, y + 10, ("Opening Balance", "Total Withdrawals",
                                          "Total Deposits", "Closing Balance"))


def _summary_table(c: Canvas, d: StatementPlan, x: float, y: float, titles: tuple[str, ...]) -> float:
    dr, cr, ndr, ncr = totals(d)
    vals = {"Opening Balance": _balance_text(d, d.opening), "Closing Balance":
            _balance_text(d, closing(d)), "Closing Bal": _balance_text(d, closing(d)),
            "Total Withdrawals": _amount_text(d, dr), "Total Deposits": _amount_text(d, cr),
            "Debits": _amount_text(d, dr), "Credits": _amount_text(d, cr),
            "Dr Count": str(ndr), "Cr Count": str(ncr)}
    w = 1490 / len(titles)
    for i, t in enumerate(titles):
        c.text(x + i * w + w - 20, y, t, d.family, 21, bold=True, align="r")
        c.text(x + i * w + w - 20, y + 36, vals[t], d.family, 21, align="r")
    return y + 80


def _end(c: Canvas, d: StatementPlan, y: float) -> None:
    """Last page, under the table: summaries and closing balance, by house."""
    y += 30
    dr, cr, _, _ = totals(d)
    s = 21.0
    if d.key == "hdfc":
        c.text(80, y, "STATEMENT SUMMARY :-", d.family, s, bold=True)
        _summary_table(c, d, 80, y + 40, ("Opening Balance", "Dr Count", "Cr Count", "Debits",
                                          "Credits", "Closing Bal"))
    elif d.key == "sbi":
        c.text(80, y, f"Closing Balance as on {format_date(d.period[1], d.house.date)} : "
               f"{_balance_text(d, closing(d))}", d.family, s, bold=True)
    elif d.key == "pnb":
        for lab, val in (("Opening Balance", _balance_text(d, d.opening)),
                         ("Total Debit", _amount_text(d, dr)), ("Total Credit", _amount_text(d, cr)),
                         ("Closing Balance", _balance_text(d, closing(d)))):
            c.text(80, y, lab, d.family, s)
            c.text(420, y, ": " + val, d.family, s)
            y += s * 1.6
    c.text(c.w / 2, max(y + 120, 2339 - 200), "*** End of Statement ***", d.family, 20,
           align="m")


class _PdfOnlyCanvas(Canvas):
    """A canvas that only records (for born-digital PDFs of many pages): no pixels are drawn,
    which makes a 60-page statement cheap to produce."""

    def __init__(self) -> None:
        super().__init__(1, 1, 1.0, (255, 255, 255), dpi=200)
        self.width, self.height, self.w, self.h = A4_W, A4_H, float(A4_W), float(A4_H)

    def text(self, x: float, y: float, text: str, family: str = "dejavu_sans",  # type: ignore[override]
             size: float = 20, *, bold: bool = False, fill: tuple[int, int, int] = (0, 0, 0),
             align: str = "l", deva: str = "deva_sans") -> float:
        if not text:
            return 0.0
        px = max(6, self.px(size))
        f = font(family, px, bold)
        total = measure(text, family, px, bold)
        x0 = self.X(x) - (total / 2 if align == "m" else total if align == "r" else 0)
        baseline = self.Y(y) + f.getmetrics()[0]
        self.ops.append(("text", float(x0), baseline, text, font_path(family, bold), f.size, fill,
                         False))
        return total / self.scale


def draw_pages(d: StatementPlan, digital_only: bool = False) -> list[Canvas]:
    canvases = []
    total = len(d.pages)
    g = geometry(d)
    x0 = (1654 - sum(w for _, _, w in d.cols)) / 2
    i = 0
    for n, page in enumerate(d.pages, 1):
        c = _PdfOnlyCanvas() if digital_only else a4_canvas()
        _banner(c, d, n, total)
        if n == 1:
            _details(c, d)
        y = _draw_table_header(c, d, x0, g["top1"] if n == 1 else g["top"])
        for k, item in enumerate(page):
            shade = d.grid == "zebra" and k % 2 == 1
            if item[0] == "txn":
                t = item[1]
                y = _draw_row(c, d, x0, y, _cells(d, t, i), t.lines, shade)
                i += 1
            else:
                label = {"opening": "OPENING BALANCE" if d.key == "axis" else "Opening Balance",
                         "cf": "Balance Carried Forward", "bf": "Balance Brought Forward"}[item[0]]
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, item[1])}, [label], shade)
        if n == total:
            if d.key == "axis":
                dr, cr, _, _ = totals(d)
                y = _draw_row(c, d, x0, y, {"debit": _amount_text(d, dr),
                                            "credit": _amount_text(d, cr)},
                              ["TRANSACTION TOTAL"], False)
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, closing(d))},
                              ["CLOSING BALANCE"], False)
            if d.key == "kotak":
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, closing(d))},
                              ["Closing Balance"], False)
            _end(c, d, y)
        canvases.append(c)
    return canvases
