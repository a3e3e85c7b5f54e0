"""Imports point one way: entry points → the API → the workers → the services → the parts →
the model (README.md, "Layout"; kagaz.services). Every import counts, those inside functions and
under ``TYPE_CHECKING`` included, so no lazy import can hide an arrow against the grain."""

from __future__ import annotations

from pathlib import Path

from tests.test_architecture import import_graph

# Higher layers may import lower ones, never the other way round.
ENTRY, API, WORKER, SERVICES, PARTS, BASE = 5, 4, 3, 2, 1, 0
LAYERS = {
    "kagaz.cli": ENTRY,
    "kagaz.api": API,
    "kagaz.console": API,
    "kagaz.worker": WORKER,
    "kagaz.services": SERVICES,
    "kagaz.database": PARTS,
    "kagaz.storage": PARTS,
    "kagaz.fetch": PARTS,
    "kagaz.callbacks": PARTS,
    "kagaz.pipeline": PARTS,
    "kagaz.doctypes": PARTS,
    "kagaz.ocr": PARTS,
    "kagaz.imaging": PARTS,
    "kagaz.authenticity": PARTS,
    "kagaz.matching": PARTS,
    "kagaz.security": PARTS,
    "kagaz.synth": PARTS,
    "kagaz.evaluation": PARTS,
    "kagaz.model": BASE,
    "kagaz.errors": BASE,
    "kagaz.settings": BASE,
    "kagaz.text": BASE,
    "kagaz.observability": BASE,
    "kagaz": BASE,
}
# Parts that must not know each other (each would be a service's business).
APART = [
    ("kagaz.storage", "kagaz.database"),
    ("kagaz.database", "kagaz.storage"),
    ("kagaz.database", "kagaz.fetch"),
    ("kagaz.database", "kagaz.callbacks"),
    ("kagaz.callbacks", "kagaz.database"),
]


def layer(module: str) -> int:
    if module.endswith(".__main__") or module == "kagaz.__main__":
        return ENTRY  # ``python -m …``: an entry point wherever it lives
    parts = module.split(".")
    for k in range(len(parts), 0, -1):
        found = LAYERS.get(".".join(parts[:k]))
        if found is not None:
            return found
    raise AssertionError(f"{module} has no layer: add its package to LAYERS")


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def against_the_grain(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} -> {dep}" for module, deps in graph.items() for dep in deps
        if layer(dep) > layer(module)
    )


def test_imports_point_one_way() -> None:
    found = against_the_grain(import_graph())
    assert not found, "imports against the grain:\n" + "\n".join(found)


def test_the_check_sees_an_arrow_hidden_in_a_function(tmp_path: Path) -> None:
    for folder in ("kagaz", "kagaz/services", "kagaz/api"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "kagaz/api/routes.py").write_text("from kagaz.services import view\n")
    (tmp_path / "kagaz/services/view.py").write_text(
        "def later():\n    from kagaz.api import routes\n    return routes\n"
    )
    assert against_the_grain(import_graph(tmp_path)) == [
        "kagaz.services.view -> kagaz.api",
        "kagaz.services.view -> kagaz.api.routes",
    ]


def test_parts_apart() -> None:
    found = sorted(
        f"{module} -> {dep}"
        for module, deps in import_graph().items()
        for dep in deps
        for a, b in APART
        if _within(module, a) and _within(dep, b)
    )
    assert not found, "parts that must not import each other:\n" + "\n".join(found)


def test_routes_parse_and_serialise_only() -> None:
    """Routes call the services; they query no database and use nothing of the workers."""
    found = sorted(
        f"{module} -> {dep}"
        for module, deps in import_graph().items()
        if _within(module, "kagaz.api.routes")
        for dep in deps
        if _within(dep, "kagaz.database") or _within(dep, "kagaz.worker")
    )
    assert not found, "\n".join(found)


def test_modules_stay_under_400_lines() -> None:
    root = Path(__file__).resolve().parent.parent / "src" / "kagaz"
    mine = ("api", "services", "worker", "cli", "callbacks", "database", "storage")
    long = [
        f"{path.relative_to(root)}: {n}"
        for package in mine
        for path in (root / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 400
    ]
    assert not long, long
