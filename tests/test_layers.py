"""Imports point down the layers of docs/architecture.md; this test keeps them honest.

Every import statement in the package, at module level or inside a function,
is checked against the layer it appears in: the model never imports the
engine, the language never pulls in numpy, nothing below the interfaces
imports rich or typer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "testdatagen"

CORE = {"testdatagen.errors", "testdatagen.codes", "testdatagen._version", "testdatagen._optional"}

#: layer → (our modules it may import, third-party top-level packages it may import)
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "model": (CORE | {"testdatagen.model"}, {"pydantic"}),
    "language": (
        CORE | {"testdatagen.model", "testdatagen.language"},
        {"lark", "pydantic", "yaml", "openpyxl"},
    ),
    "providers": (
        # The keyed random core (rng, permutation) is shared by engine and providers.
        CORE
        | {"testdatagen.model", "testdatagen.providers"}
        | {"testdatagen.engine.rng", "testdatagen.engine.permutation"},
        {"numpy", "pyarrow", "faker"},  # faker: the optional per-value fallback only
    ),
    "engine": (
        CORE | {"testdatagen", "testdatagen.model", "testdatagen.providers", "testdatagen.engine"},
        {"numpy", "pyarrow", "pandas", "polars"},
    ),
    "outputs": (
        CORE
        | {"testdatagen", "testdatagen.model", "testdatagen.engine", "testdatagen.outputs"}
        | {"testdatagen.language"},  # introspection prints .tdg text
        {
            "numpy",
            "pyarrow",
            "sqlalchemy",
            "psycopg",
            "pymysql",
            "xlsxwriter",
            "openpyxl",
            "zstandard",
            "sqlglot",
        },
    ),
}

STDLIB = set(__import__("sys").stdlib_module_names)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def _layer_files() -> list[tuple[str, Path]]:
    return [(layer, path) for layer in ALLOWED for path in sorted((PACKAGE / layer).rglob("*.py"))]


def _allowed(module: str, ours: set[str], third_party: set[str]) -> bool:
    top = module.split(".")[0]
    if top == "testdatagen":
        return any(module == m or module.startswith(m + ".") for m in ours)
    return top in STDLIB or top in third_party or top == "__future__"


@pytest.mark.parametrize(("layer", "path"), _layer_files(), ids=lambda v: str(v))
def test_imports_respect_layers(layer: str, path: Path) -> None:
    ours, third_party = ALLOWED[layer]
    bad = [
        f"{path.relative_to(PACKAGE)}:{line}: imports {module}"
        for line, module in _imports(path)
        if not _allowed(module, ours, third_party)
    ]
    assert not bad, f"layer '{layer}' may not import these:\n" + "\n".join(bad)


def test_every_layer_has_code() -> None:
    for layer in ALLOWED:
        assert any((PACKAGE / layer).rglob("*.py")), layer
