"""Fonts for synthetic documents: the free families a Debian/Ubuntu machine ships.

Real cards use proprietary faces; the engine must not learn one face, so layouts draw their
Latin text from several families (sans, serif and monospace) and their Hindi text from Noto
Devanagari. Loaded fonts are cached because a corpus draws thousands of strings.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

__all__ = [
    "DEVANAGARI",
    "LATIN",
    "MONO",
    "SANS",
    "SERIF",
    "font",
    "font_path",
    "is_devanagari",
    "pick",
]

_ROOT = Path("/usr/share/fonts/truetype")

#: family name -> (regular file, bold file), relative to the TrueType font root.
LATIN: dict[str, tuple[str, str]] = {
    "dejavu_sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "dejavu_sans_condensed": (
        "dejavu/DejaVuSansCondensed.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
    ),
    "dejavu_serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "dejavu_mono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "liberation_sans": (
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
    ),
    "liberation_serif": (
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
    ),
    "liberation_mono": (
        "liberation2/LiberationMono-Regular.ttf",
        "liberation2/LiberationMono-Bold.ttf",
    ),
    "free_sans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "free_serif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "free_mono": ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    "noto_sans": ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
}
DEVANAGARI: dict[str, tuple[str, str]] = {
    "deva_sans": (
        "noto/NotoSansDevanagari-Regular.ttf",
        "noto/NotoSansDevanagari-Bold.ttf",
    ),
    "deva_serif": (
        "noto/NotoSerifDevanagari-Regular.ttf",
        "noto/NotoSerifDevanagari-Bold.ttf",
    ),
}
SANS = ("dejavu_sans", "dejavu_sans_condensed", "liberation_sans", "free_sans", "noto_sans")
SERIF = ("dejavu_serif", "liberation_serif", "free_serif")
MONO = ("dejavu_mono", "liberation_mono", "free_mono")


def font_path(family: str, bold: bool = False) -> str:
    """Absolute path of a family's regular or bold file."""
    files = LATIN.get(family) or DEVANAGARI[family]
    return str(_ROOT / files[1 if bold else 0])


@lru_cache(maxsize=512)
def font(family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A loaded font; Raqm layout so that Devanagari conjuncts and matras are shaped."""
    engine = ImageFont.Layout.RAQM if family in DEVANAGARI else ImageFont.Layout.BASIC
    return ImageFont.truetype(font_path(family, bold), max(6, int(size)), layout_engine=engine)


def is_devanagari(ch: str) -> bool:
    """True for characters of the Devanagari blocks (including the danda marks)."""
    return "\u0900" <= ch <= "\u097f" or "\ua8e0" <= ch <= "\ua8ff"


def pick(rng: random.Random, *groups: tuple[str, ...]) -> str:
    """One family from the given groups (default: any Latin family)."""
    pool = [f for g in groups for f in g] if groups else list(LATIN)
    return rng.choice(pool)
