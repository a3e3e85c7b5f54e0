"""OCR'd statement pages: what a camera or a scanner does to a table, and how it is undone.

Text-layer pages never pass through here (their words and positions are exact). For OCR'd
lines: the residual skew of a photo, whose perspective tilts rows differently down the page
(:func:`slope`); pages too small or too noisy to trust fully (:func:`rough_page`); a letter read
for a digit inside an amount (:func:`amount_lookalikes`); two neighbouring cells glued into one
box (:func:`split_glued`, :func:`unglue`); Devanagari noise appended to a Latin run
(:func:`clean_text`).
"""

from __future__ import annotations

import re

from kagaz.doctypes.statement_text import Column, money_token
from kagaz.model import TextLine
from kagaz.text.repair import DIGIT_LOOKALIKES

__all__ = ["amount_lookalikes", "clean_text", "rough_page", "slope", "split_glued", "unglue"]


def slope(lines: list[TextLine], tol: float):  # type: ignore[no-untyped-def]
    """The residual skew of an OCR'd page as dy/dx varying linearly down the page (a photo's
    perspective tilts the top and the bottom rows differently): ``k(y) = a + b * y``, fitted
    twice on pairs of lines that share a row, each time on the corrected centres."""
    a = b = 0.0
    if all(ln.source == "pdf" for ln in lines):
        return a, b
    for _ in range(2):
        def y(ln: TextLine) -> float:
            return ln.cy - (a + b * ln.cy) * (ln.x0 + ln.x1) / 2

        ls = sorted(lines, key=y)
        pairs = []
        for i, p in enumerate(ls):
            for q in ls[i + 1:i + 14]:
                if y(q) - y(p) > tol:
                    break
                dx = (q.x0 + q.x1 - p.x0 - p.x1) / 2
                if abs(dx) > 150:
                    pairs.append(((p.cy + q.cy) / 2, (y(q) - y(p)) / dx))
        if len(pairs) < 5:
            break
        pairs.sort()
        bands = [pairs[len(pairs) * i // 4:len(pairs) * (i + 1) // 4] for i in range(4)]
        pts = [(band[len(band) // 2][0], sorted(s for _, s in band)[len(band) // 2])
               for band in bands if band]
        my = sum(p[0] for p in pts) / len(pts)
        ms = sum(p[1] for p in pts) / len(pts)
        var = sum((p[0] - my) ** 2 for p in pts)
        db = sum((p[0] - my) * (p[1] - ms) for p in pts) / var if var > 0 and len(pts) > 2 else 0.0
        a, b = a + ms - db * my, b + db
    return a, b


_AMOUNT_LIKE = re.compile(r"(?P<num>[0-9SOoIlB][0-9SOoIlB,.]*[0-9SOoIlB])"
                          r"(?P<rest>\s?\(?(?:Cr|CR|cr|Dr|DR|dr)\)?\.?)?")


def amount_lookalikes(text: str) -> str:
    """An OCR'd amount with a letter for a digit ("521.S0 Dr", "1,2O4.00") put right; any other
    text unchanged.

    >>> amount_lookalikes("521.S0 Dr"), amount_lookalikes("1,2O4.00"), amount_lookalikes("BESCOM")
    ('521.50 Dr', '1,204.00', 'BESCOM')
    >>> amount_lookalikes("SOS"), amount_lookalikes("12.5S.00"), amount_lookalikes("120.00")
    ('SOS', '12.5S.00', '120.00')
    """
    m = _AMOUNT_LIKE.fullmatch(text.strip())
    if not m or money_token(text):
        return text
    num = m.group("num")
    letters = sum(ch.isalpha() for ch in num)
    if not letters or letters > 2 or sum(ch.isdigit() for ch in num) < 3:
        return text
    fixed = num.translate(DIGIT_LOOKALIKES) + (m.group("rest") or "")
    return fixed if money_token(fixed) else text


#: a reference number as a reference column prints it: "UPI-209536539075", "N575258269", "123456"
_REF_TAIL = re.compile(r"[A-Za-z]{0,5}[-:]?\d{6,}")


def split_glued(parts: list[tuple[str, float, float]], cols: list[Column],
                 tol: float) -> list[tuple[str, float, float]]:
    """OCR glues neighbouring cells without a space ("UPI-7982532UPI/CR/7982532/ANITA"): cut a
    token that straddles a text column's left edge where the reference's digits end and the
    narration's words begin, and put the two pieces either side of that edge.

    Positions inside a token are estimated from character counts, which a misread reference
    ("UPI-79UPI/...", a dozen digits read as two) skews; the cut itself says where the column
    edge is.

    >>> cols = [Column("ref", 100, 160), Column("desc", 200, 300)]
    >>> [(t, round(a)) for t, a, _ in split_glued(
    ...     [("UPI-77015793S464UPI/DR/770157935464/DMART", 100, 400)], cols, 10)]
    [('UPI-77015793S464', 100), ('UPI/DR/770157935464/DMART', 217)]
    >>> [(t, round(a)) for t, a, _ in split_glued([("U-50UP/DR/546962297/FLIPKART", 100, 300)],
    ...                                            cols, 10)]
    [('U-50', 100), ('UP/DR/546962297/FLIPKART', 190)]
    >>> split_glued([("UP1-UPI/DR/669365525393/JIO", 100, 330)], cols, 10)[1][0]
    'UPI/DR/669365525393/JIO'
    >>> narration_first = [Column("desc", 100, 200), Column("ref", 500, 600)]
    >>> [t for t, _, _ in split_glued([("UPI/DR/2095/FLIPKART/ICIC/flipkart@paytm/UPI-209536539075",
    ...                                  100, 650)], narration_first, 10)]
    ['UPI/DR/2095/FLIPKART/ICIC/flipkart@paytm/', 'UPI-209536539075']
    """
    out = []
    for text, a, b in parts:
        col = next((c for c in cols if c.kind in ("desc", "ref")
                    and a + 2 * tol < c.x0 - tol < b - 2 * tol), None)
        if col is None or len(text) < 6:
            out.append((text, a, b))
            continue
        edge = col.x0 - tol
        k = round((edge - a) / (b - a) * len(text))
        cuts = []  # (cost, index, at the edge): a reference's digits then the narration's words
        for j in range(max(1, k - 9), min(len(text) - 1, k + 10)):
            before, after, then = text[j - 1], text[j], text[j + 1]
            word = after.isalpha() and (then.isalpha() or then in "/-")
            if col.kind == "ref" and before in "/ " and _REF_TAIL.fullmatch(text[j:]):
                cuts.append((abs(j - k), j, True))  # a narration, then its reference
            elif after.isalpha() and (before.isdigit() or before in ",;."):
                # a lone letter inside digits ("3S464") is a misread digit, not a word
                cuts.append((abs(j - k) + (0 if word else 8), j, word))
            elif before == "-" and word and j >= 3:
                cuts.append((abs(j - k) + 1, j, True))  # "UP1-UPI/DR/...": the reference's prefix
            elif before.isalpha() and after.isdigit():
                lone = j >= 2 and text[j - 2].isdigit()
                cuts.append((abs(j - k) + (11 if lone else 3), j, False))
        if not cuts:
            out.append((text, a, b))
            continue
        _, j, at_edge = min(cuts)
        mid = a + (b - a) * j / len(text)
        if at_edge:  # the narration's first word: the two pieces lie either side of the edge
            out += [(text[:j], a, min(mid, edge)), (text[j:], max(mid, edge), b)]
        else:
            out += [(text[:j], a, mid), (text[j:], mid, b)]
    return out


def unglue(cells: dict) -> None:  # type: ignore[type-arg]
    """A narration box that overlaps the reference box may start with the reference's last
    digit ("UPI-8822939" then "9UPI/DR/8822939/..."): drop it."""
    refs, descs = cells.get("ref"), cells.get("desc")
    if not refs or not descs:
        return
    text, a, b = descs[0]
    ref_text, _, ref_b = refs[-1]
    if (len(text) > 3 and text[0].isdigit() and text[1].isalpha() and a < ref_b
            and ref_text.rstrip().endswith(text[0])):
        descs[0] = (text[1:], a, b)


def rough_page(lines: list[TextLine]) -> bool:
    """An OCR'd page whose text is small (a low-resolution capture: median line under 20 px)
    or noisy (over 4 % of its lines read with a score under 0.9)."""
    if all(ln.source == "pdf" for ln in lines):
        return False
    hs = sorted(ln.height for ln in lines)
    return hs[len(hs) // 2] < 20 or sum(ln.score < 0.9 for ln in lines) > 0.04 * len(lines)


_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def clean_text(text: str) -> str:
    """The Latin text of an OCR run: statements print English; Devanagari appended by a
    re-reading of a low-confidence run (" / ॥व0...") is noise here.

    >>> clean_text("12/02/2021 / ॥<0द८0दा"), clean_text("₹ 500.00"), clean_text("MU-3014 / 7]08 ॥व")
    ('12/02/2021', '₹ 500.00', 'MU-3014')
    """
    if text.isascii():
        return text
    m = _DEVANAGARI.search(text)
    if m:
        cut = text.rfind(" / ", 0, m.start())
        text = text[:cut] if cut >= 0 else text
    return " ".join(re.sub(r"[^\x00-\x7f\u20b9]+", " ", text).split())
