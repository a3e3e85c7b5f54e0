"""The shape of the code: imports point one way (no cycle in src/kagaz, lazy imports included)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"


def _modules(root: Path) -> dict[str, Path]:
    out = {}
    for path in (root / "kagaz").rglob("*.py"):
        if "migrations" in path.parts:
            continue  # Alembic loads these by path; nothing imports them
        parts = path.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imported(name: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Module -> the kagaz modules it imports anywhere in its body (functions included), with the
    packages whose ``__init__`` such an import runs first."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(name, path, node):
                parts = target.split(".")
                for k in range(2, len(parts) + 1):
                    dep = ".".join(parts[:k])
                    if dep in modules and dep != name and not name.startswith(dep + "."):
                        graph[name].add(dep)
    return graph


def test_no_import_cycle() -> None:
    try:
        tuple(TopologicalSorter(import_graph()).static_order())
    except CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


def test_the_check_sees_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "kagaz"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from kagaz.b import x\n")
    (pkg / "b.py").write_text("x = 1\n\ndef later():\n    from kagaz import a\n    return a\n")
    with pytest.raises(CycleError):
        tuple(TopologicalSorter(import_graph(tmp_path)).static_order())


def test_no_module_over_400_lines() -> None:
    """Small, flat modules: one that grows past 400 lines is split by responsibility."""
    long = {name: n for name, path in _modules(SRC).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
