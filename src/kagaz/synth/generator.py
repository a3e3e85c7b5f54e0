"""Turn a (type, seed, variant) into an encoded file with its ground truth.

Content and capture are seeded separately: the same seed and layout give the same holder under
every variant, so a result that is right on ``clean`` and wrong on ``photo`` points at the
capture, not the content. Seeds are mixed with BLAKE2 (never ``hash()``, which Python salts per
process), so a corpus is identical across runs, machines and worker processes.

The generators are found through the document types' declarations: each type module names its
generator (``GENERATOR = "kagaz.synth.pan"``) and :data:`MODULES` imports it by that name, so a
new type needs no line here. ``OTHER`` (documents that must come out UNRECOGNISED) is no type
and is added here.
"""

from __future__ import annotations

import hashlib
import importlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType

from PIL import Image

from kagaz.doctypes import registry
from kagaz.synth import bank_statement, unrecognised
from kagaz.synth.degrade import DEGRADATIONS, degrade
from kagaz.synth.layout import Rendered
from kagaz.synth.render import encode, encode_pages, to_pdf

__all__ = [
    "DEFAULT_VARIANTS",
    "DOC_TYPES",
    "MODULES",
    "PLAN_ORDER",
    "VARIANTS",
    "SynthDoc",
    "capture",
    "corpus",
    "generate",
    "layouts",
    "mix_seed",
    "statement",
]

#: The corpus plan's order of the types it had before types were found by their declarations
#: (issue 14). :func:`plan` staggers capture variants by a type's place in this order, so it is
#: frozen: the same seed gives the same documents. It never grows: types added since follow it,
#: in registry order (:func:`kagaz.doctypes.registry`).
PLAN_ORDER = ("PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT", "BANK_STATEMENT",
              "INVOICE", "DELIVERY_ORDER", "SALE_DEED", "GST_CERT", "UDYAM_CERT",
              "SHOP_ACT_LICENSE", "OTHER")


def _generators() -> dict[str, ModuleType]:
    """Type code -> generator module, from each type's ``GENERATOR``, plus ``OTHER``; in
    :data:`PLAN_ORDER`, then the newer types in registry order."""
    found: dict[str, ModuleType] = {}
    for code, module in registry().items():
        name = getattr(module, "GENERATOR", None)
        if not name:
            continue  # a type whose generator has not landed yet
        generator = importlib.import_module(name)
        if not isinstance(getattr(generator, "LAYOUTS", None), dict):
            raise ValueError(f"{code}: generator {name} has no LAYOUTS")
        found[code] = generator
    found["OTHER"] = unrecognised
    order = [t for t in PLAN_ORDER if t in found] + [t for t in found if t not in PLAN_ORDER]
    return {t: found[t] for t in order}


MODULES: dict[str, ModuleType] = _generators()
DOC_TYPES = tuple(MODULES)
VARIANTS = DEGRADATIONS + ("pdf_text",)
DEFAULT_VARIANTS = ("clean", "photo", "photocopy", "lowres", "blur", "jpeg", "rot90", "rot180",
                    "rot270", "skew", "pdf_text", "pdf_scan")

# file formats per variant, with weights: exercise every loader, as uploads do
_FORMATS: dict[str, tuple[tuple[str, int], ...]] = {
    "clean": (("png", 55), ("tiff", 15), ("webp", 15), ("jpg", 15)),
    "photo": (("jpg", 100),),
    "photo_of_photo": (("jpg", 80), ("webp", 20)),
    "photocopy": (("png", 50), ("tiff", 30), ("jpg", 20)),
    "lowres": (("jpg", 50), ("png", 50)),
    "blur": (("png", 50), ("jpg", 50)),
    "jpeg": (("jpg", 80), ("png", 20)),
    "rot90": (("png", 50), ("jpg", 50)),
    "rot180": (("png", 50), ("jpg", 50)),
    "rot270": (("png", 50), ("jpg", 50)),
    "skew": (("png", 40), ("jpg", 40), ("webp", 20)),
}


@dataclass
class SynthDoc:
    """One synthetic document: encoded bytes plus what is printed on it."""

    doc_type: str  # wire code, or "OTHER" for documents that must come out UNRECOGNISED
    data: bytes = field(repr=False)
    ext: str
    layout: str
    variant: str
    fields: dict[str, str]
    seed: int = 0

    def filename(self, index: int) -> str:
        return f"{self.doc_type}_{self.layout}_{self.variant}_{index}.{self.ext}"


def mix_seed(*parts: object) -> int:
    """A stable 63-bit seed from any printable parts."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def layouts(doc_type: str) -> list[str]:
    """Layout names of a type, sorted."""
    return sorted(MODULES[doc_type].LAYOUTS)


def a4_layouts(doc_type: str) -> list[str]:
    """Layouts that are A4 pages and can be exported as born-digital PDFs."""
    return sorted(getattr(MODULES[doc_type], "A4_LAYOUTS", ()))


def _on_a4(img: Image.Image, rng: random.Random) -> Image.Image:
    """A card laid on a flatbed scanner: an A4 page at 300 dpi with the card near a corner."""
    page = Image.new("RGB", (2480, 3508), (252, 252, 250))
    if img.width > page.width - 200 or img.height > page.height - 200:
        img = img.copy()
        img.thumbnail((page.width - 200, page.height - 200))
    page.paste(img.convert("RGB"), (rng.randint(100, 400), rng.randint(100, 500)))
    return page


def _pick(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*options, strict=True)
    return rng.choices(names, weights)[0]


def capture(rendered: Rendered, variant: str, rng: random.Random) -> tuple[bytes, str]:
    """Encode a drawn document as captured under ``variant``: (file bytes, extension).

    Multi-page documents (``rendered.pages``) become multi-page PDFs (``pdf_text`` with a text
    layer on every page, ``pdf_scan`` one scanned image per page) and, for the image variants,
    multi-page TIFFs (JPEG-compressed inside for ``photo`` and ``jpeg``).
    """
    if variant == "pdf_text":
        assert rendered.canvas is not None
        return to_pdf(rendered.page_canvases), "pdf"
    if len(rendered.pages) > 1:
        imgs = [degrade(page, variant, rng) for page in rendered.pages]
        if variant == "pdf_scan":
            return encode_pages(imgs, "pdf", dpi=rendered.dpi), "pdf"
        return encode_pages(imgs, "tiff", dpi=rendered.dpi,
                            jpeg=variant in ("photo", "jpeg", "photo_of_photo")), "tiff"
    if variant == "pdf_scan":
        img = degrade(rendered.image, variant, rng)
        dpi = rendered.dpi
        if rendered.page != "a4" and rng.random() < 0.5:
            img, dpi = _on_a4(img, rng), 300
        return encode(img, "pdf", dpi=dpi), "pdf"
    img = degrade(rendered.image, variant, rng)
    ext = _pick(rng, _FORMATS[variant])
    quality = rng.randint(80, 95) if variant != "jpeg" else 95
    return encode(img, ext, quality=quality, dpi=rendered.dpi), ext


def generate(doc_type: str, seed: int, variant: str = "clean",
             layout: str | None = None) -> SynthDoc:
    """One document of ``doc_type`` drawn from ``seed``, captured as ``variant``.

    ``pdf_text`` (a born-digital PDF with a text layer) needs an A4 layout; when ``layout`` is
    not given one is chosen among those the variant allows.
    """
    if doc_type not in MODULES:
        raise ValueError(f"unknown type {doc_type!r}; known: {', '.join(DOC_TYPES)}")
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; known: {', '.join(VARIANTS)}")
    module = MODULES[doc_type]
    allowed = a4_layouts(doc_type) if variant == "pdf_text" else layouts(doc_type)
    if not allowed:
        raise ValueError(f"{doc_type} has no A4 layout for a born-digital PDF")
    if layout is None:
        layout = random.Random(mix_seed(seed, doc_type, "layout")).choice(allowed)
    elif layout not in allowed:
        raise ValueError(f"layout {layout!r} cannot make {doc_type} {variant}; use {allowed}")
    rendered: Rendered = module.LAYOUTS[layout](random.Random(mix_seed(seed, doc_type, layout)))
    rng = random.Random(mix_seed(seed, doc_type, layout, variant))
    data, ext = capture(rendered, variant, rng)
    return SynthDoc(doc_type, data, ext, layout, variant, dict(rendered.fields), seed)


def plan(n_per_type: int, seed: int, variants: Iterable[str],
         types: Iterable[str] = DOC_TYPES) -> list[tuple[str, int, str, str]]:
    """The (type, seed, variant, layout) of every document :func:`corpus` makes, in order.

    Variants cycle fastest, each type starting where the previous one stopped (so a small
    corpus still sees every variant); layouts cycle too, shifted each round, so that with
    enough documents every layout meets every variant. ``pdf_text`` is skipped for types
    without an A4 layout and always uses one for the others.
    """
    wanted = list(variants)
    out = []
    for t, doc_type in enumerate(types):
        names, a4 = layouts(doc_type), a4_layouts(doc_type)
        vs = [v for v in wanted if v != "pdf_text" or a4]
        if not vs:
            continue
        for i in range(n_per_type):
            variant, rnd = vs[(i + t * n_per_type) % len(vs)], i // len(vs)
            if variant == "pdf_text":
                layout = a4[rnd % len(a4)]
            else:
                layout = names[(i + rnd) % len(names)]
            out.append((doc_type, mix_seed(seed, doc_type, i), variant, layout))
    return out


def corpus(n_per_type: int, seed: int, variants: Iterable[str] = DEFAULT_VARIANTS,
           types: Iterable[str] = DOC_TYPES) -> Iterator[SynthDoc]:
    """``n_per_type`` documents of each type, layouts and variants spread deterministically."""
    for doc_type, doc_seed, variant, layout in plan(n_per_type, seed, variants, types):
        yield generate(doc_type, doc_seed, variant, layout)


def statement(seed: int, variant: str = "pdf_text", house: str | None = None, *,
              pages: int | None = None, broken: bool = False) -> SynthDoc:
    """A whole bank statement (:class:`SynthDoc`) with the options :func:`generate`
    does not take (exact page count, a corrupted row)."""
    key = house or random.Random(mix_seed(seed, "BANK_STATEMENT", "layout")).choice(
        sorted(bank_statement.HOUSES))
    rendered = bank_statement.render(random.Random(mix_seed(seed, "BANK_STATEMENT", key)), key,
                                     pages=pages, broken=broken, digital_only=variant == "pdf_text")
    rng = random.Random(mix_seed(seed, "BANK_STATEMENT", key, variant))
    data, ext = capture(rendered, variant, rng)
    doc = SynthDoc("BANK_STATEMENT", data, ext, key, variant, dict(rendered.fields), seed)
    doc.notes = rendered.notes  # type: ignore[attr-defined]
    return doc
