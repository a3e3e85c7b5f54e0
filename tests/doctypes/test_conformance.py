"""Every registered document-type module keeps the contract and survives junk."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import registry
from kagaz.doctypes.base import DocTypeModule, ExtractOptions
from kagaz.doctypes.fields import COMMON
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Field, TextLine
from kagaz.text.layout import Layout

MODULES = sorted(registry().items())


def _layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def _junk(seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /:-.,<>'\"()!@#₹🙂अआइकखग\u200b\t"
    return "\n".join("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(rng.randint(0, 30)))


@pytest.mark.parametrize("code,module", MODULES)
def test_module_keeps_the_protocol(code, module):
    assert isinstance(module, DocTypeModule)
    assert module.CODE == code
    assert module.__doc__ and module.__doc__.strip().splitlines()[0]


@pytest.mark.parametrize("code,module", MODULES)
@pytest.mark.parametrize("seed", range(25))
def test_junk_never_raises_and_is_declined(code, module, seed):
    layout = _layout(_junk(seed))
    s = module.score(layout)
    assert s is None or 0.0 <= s <= 1.0
    fields = module.extract(layout, ExtractOptions())
    assert all(isinstance(f, Field) and 0.0 <= f.confidence_score <= 1.0 for f in fields.values())
    assert isinstance(module.validate(fields), list)


@pytest.mark.parametrize("code,module", MODULES)
def test_empty_layout(code, module):
    empty = Layout([])
    assert (module.score(empty) or 0.0) < 0.5
    assert module.extract(empty, ExtractOptions()) == {}


@pytest.mark.parametrize("code,module", MODULES)
def test_fields_are_declared_with_known_kinds(code, module):
    from kagaz.doctypes.fields import KINDS

    assert module.FIELDS and all(spec.kind in KINDS for spec in module.FIELDS.values())


def _a4_types() -> list[str]:
    from kagaz.synth.generator import DOC_TYPES, a4_layouts

    return [t for t in DOC_TYPES if t != "OTHER" and a4_layouts(t)]


@pytest.mark.parametrize("doc_type", _a4_types())
def test_every_returned_field_is_declared(doc_type):
    """Born-digital documents (no OCR, fast): what the engine returns is what the type declares."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import generate

    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    declared = set(registry()[doc_type].FIELDS) | set(COMMON)  # COMMON: the engine's own
    for seed in range(3):
        result = engine.process(generate(doc_type, seed, "pdf_text").data)
        assert result.document_type == doc_type
        assert set(result.fields) <= declared, set(result.fields) - declared
