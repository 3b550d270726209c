"""The package's layers, read from its imports: a lower layer never imports a higher.

data < pipeline < analysis < report < render < ui. Only ui imports streamlit, and
the one module of the package's top level that app.py imports before ui.
"""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "jkdefense"
LAYERS = ("data", "pipeline", "analysis", "report", "render", "ui")
MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.parent != PACKAGE and "__pycache__" not in p.parts
)
TOP_LEVEL = sorted(PACKAGE.glob("*.py"))
# Streamlit outside ui: the workaround app.py runs before it imports ui, which
# loads the whole package (importing any module of jkdefense.ui runs its
# __init__ first); it loads Streamlit alone, which is running already.
STREAMLIT_OUTSIDE_UI = {"pages_mode.py"}


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    return path.relative_to(package).parts[0]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names, anywhere in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [
                (node.lineno, f"{node.module}.{alias.name}") for alias in node.names
            ]
    return found


def violations(path: Path, package: Path = PACKAGE) -> list[str]:
    """Imports of a higher layer than the file's own, as 'line: module'."""
    layer = layer_of(path, package)
    own = LAYERS.index(layer)
    bad = []
    for line, module in imported_modules(path):
        parts = module.split(".")
        if parts[0] == "streamlit" and layer != "ui":
            bad.append(f"{line}: {module} (only ui imports streamlit)")
        if parts[0] != "jkdefense" or len(parts) < 2 or parts[1] not in LAYERS:
            continue
        if LAYERS.index(parts[1]) > own:
            bad.append(f"{line}: {module}")
    return sorted(set(bad))


def test_every_module_belongs_to_a_layer():
    assert {layer_of(p) for p in MODULES} == set(LAYERS)
    top_level = {p.name for p in PACKAGE.glob("*.py")}
    assert top_level <= {
        "__init__.py",
        "__main__.py",
        "cli.py",
        "names.py",
        "export.py",
        *STREAMLIT_OUTSIDE_UI,
    }


@pytest.mark.parametrize("path", TOP_LEVEL, ids=[p.name for p in TOP_LEVEL])
def test_the_top_level_imports_streamlit_only_where_app_py_needs_it(path):
    streamlit = [m for _, m in imported_modules(path) if m.split(".")[0] == "streamlit"]
    assert not streamlit or path.name in STREAMLIT_OUTSIDE_UI, streamlit


@pytest.mark.parametrize(
    "path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES]
)
def test_no_module_imports_a_higher_layer(path):
    assert violations(path) == []


def test_the_check_finds_an_upward_import(tmp_path):
    fake = tmp_path / "jkdefense"
    (fake / "data").mkdir(parents=True)
    module = fake / "data" / "bad.py"
    module.write_text(
        "from jkdefense.render import theme\n"
        "def later():\n"
        "    import streamlit as st\n"
        "    from jkdefense.data import schema\n"
    )
    assert violations(module, fake) == [
        "1: jkdefense.render",
        "1: jkdefense.render.theme",
        "3: streamlit (only ui imports streamlit)",
    ]
