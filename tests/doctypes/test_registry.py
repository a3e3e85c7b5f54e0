"""Types are found by their declarations (issue 14, item 4): the registry, the generator and the
evaluation read ``CODE``, ``FIELDS``, ``GROUP``, ``ORDER`` and ``GENERATOR``; no list names them."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from kagaz.doctypes import GROUPS, discover, register, registry


def test_registry_is_every_type_module_in_declared_order() -> None:
    mods = registry()
    assert list(mods) == [m.CODE for m in discover()]
    orders = [m.ORDER for m in mods.values()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    # the order classification ties were broken in before discovery (issue 14): kept
    assert list(mods)[:12] == ["PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT",
                               "GST_CERT", "UDYAM_CERT", "SHOP_ACT_LICENSE", "INVOICE",
                               "DELIVERY_ORDER", "BANK_STATEMENT", "SALE_DEED"]
    # helpers of a type are not types
    assert not {"statement_table", "forms", "mrz", "evidence", "base"} & {
        m.__name__.rsplit(".", 1)[-1] for m in mods.values()}


@pytest.mark.parametrize("code", sorted(registry()))
def test_each_type_declares_group_and_a_generator_with_layouts(code: str) -> None:
    module = registry()[code]
    assert module.GROUP in GROUPS
    assert module.GENERATOR and module.GENERATOR.startswith("kagaz.synth.")
    assert importlib.import_module(module.GENERATOR).LAYOUTS


def test_the_generator_and_the_evaluation_read_the_declarations() -> None:
    from kagaz.evaluation.scoring import BUSINESS_TYPES, IDENTITY_TYPES, available_types
    from kagaz.synth.generator import DOC_TYPES, MODULES, PLAN_ORDER

    mods = registry()
    assert set(DOC_TYPES) == {c for c, m in mods.items() if m.GENERATOR} | {"OTHER"}
    assert all(MODULES[c].__name__ == m.GENERATOR for c, m in mods.items())
    # the plan's frozen order first (same seed, same corpus), newer types after it
    assert DOC_TYPES[:len(PLAN_ORDER)] == PLAN_ORDER
    assert list(DOC_TYPES[len(PLAN_ORDER):]) == [c for c in mods if c not in PLAN_ORDER]
    assert IDENTITY_TYPES == tuple(c for c, m in mods.items() if m.GROUP == "identity")
    assert BUSINESS_TYPES == tuple(c for c, m in mods.items() if m.GROUP == "business")
    assert set(available_types()) == set(DOC_TYPES) - {"OTHER"}


def test_the_engine_never_imports_the_generators() -> None:
    """``GENERATOR`` is a name: doctypes (and the engine) import nothing from kagaz.synth."""
    from tests.test_architecture import import_graph

    graph = import_graph()
    engine = [m for m in graph if m.startswith(("kagaz.doctypes", "kagaz.pipeline"))]
    assert engine
    for name in engine:
        assert not {d for d in graph[name] if d.startswith("kagaz.synth")}, name


def _fake(**attrs: object) -> ModuleType:
    m = ModuleType("kagaz.doctypes.fake")
    m.__dict__.update(CODE="FAKE", FIELDS={"x": object()}, GROUP="business", ORDER=999,
                      GENERATOR=None, score=lambda layout: None, extract=lambda layout, o: {},
                      validate=lambda fields: [])
    m.__dict__.update(attrs)
    return m


@pytest.mark.parametrize("attrs,message", [
    ({"GROUP": "other"}, "GROUP"),
    ({"ORDER": "1"}, "ORDER"),
    ({"GENERATOR": object()}, "GENERATOR"),
    ({"CODE": "PAN"}, "both declare PAN"),
])
def test_register_refuses_bad_declarations(attrs: dict, message: str) -> None:
    registry()
    with pytest.raises(ValueError, match=message):
        register(_fake(**attrs))
    assert "FAKE" not in registry()
