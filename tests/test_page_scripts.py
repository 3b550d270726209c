"""Page scripts lay out what jkdefense.ui gives them; app.py's first step loads nothing.

A page script imports streamlit and jkdefense.ui, nothing else: what a page
shows is built by its registry entry, and the parts that need the report's
columns, tabs or settings are jkdefense.ui functions named for what they show.
"""

import ast
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from jkdefense import ui
from jkdefense.render import batch
from jkdefense.report import links, pairing_choices, registry
from jkdefense.ui import memo
from tests.apptest import run_page
from tests.conftest import ROOT

PAGE_SCRIPTS = sorted((ROOT / "pages").glob("*.py"))


def foreign_imports(path: Path) -> list[str]:
    """Imports of anything but streamlit and jkdefense.ui's names, as 'line: what'."""

    def streamlit(module: str) -> bool:
        return module == "streamlit" or module.startswith("streamlit.")

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: {alias.name}"
                for alias in node.names
                if not streamlit(alias.name) and alias.name != "jkdefense.ui"
            ]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            allowed = {"jkdefense": {"ui"}, "jkdefense.ui": set(ui.__all__)}
            found += [
                f"{node.lineno}: {module.rstrip('.')}.{alias.name}"
                for alias in node.names
                if not streamlit(module) and alias.name not in allowed.get(module, ())
            ]
    return found


@pytest.mark.parametrize("path", PAGE_SCRIPTS, ids=[p.name for p in PAGE_SCRIPTS])
def test_a_page_script_imports_streamlit_and_jkdefense_ui_alone(path):
    assert foreign_imports(path) == []


def test_the_check_finds_every_other_import(tmp_path):
    script = tmp_path / "page.py"
    script.write_text(
        "import dataclasses\n"
        "import streamlit as st\n"
        "from streamlit.runtime import exists\n"
        "from jkdefense import ui, report\n"
        "from jkdefense.ui import page_view, state\n"
        "from jkdefense.ui.sources import new_names\n"
        "from jkdefense.report import threats\n"
        "from . import sibling\n"
        "def later():\n"
        "    import jkdefense.analysis.scoring\n"
    )
    assert foreign_imports(script) == [
        "1: dataclasses",
        "4: jkdefense.report",
        "5: jkdefense.ui.state",
        "6: jkdefense.ui.sources.new_names",
        "7: jkdefense.report.threats",
        "8: .sibling",
        "10: jkdefense.analysis.scoring",
    ]


# A page's settings beyond the filters, set as a link sets them.
SETTINGS = {
    "threats": {"threats_actor": ["CN", "KP"]},
    "programs": {"programs_w_commonality": "3", "programs_set": "article"},
    "pairings": {"pairings_pair": "the second in view (found below)"},
}
SHOWN = [page.name for page in registry.PAGES if page.name != "curate"]


def shown_view(page: str):
    """The view the page laid out last: the one its latest run kept (or reused)."""
    return [v for k, v in memo._KEPT["page_view"].items() if k[0] == page][-1]


@pytest.mark.parametrize("page", SHOWN)
def test_a_page_lays_out_the_view_its_link_exports(package, page):
    """What a page shows and briefs is what `jkdefense export` builds of its link."""
    params = {"domain": ["sea", "air", "undersea"], **SETTINGS.get(page, {})}
    if page == "pairings":
        view, _ = links.view_from_params(package, {"domain": params["domain"]})
        params["pairings_pair"] = pairing_choices.pairing_labels(package, view, [])[1]
    at = run_page(page, params)
    assert not at.exception, at.exception
    query = urlencode(params, doseq=True)
    view, settings = links.view_from_params(package, links.parse_query(query))
    (exported,) = batch.page_views(package, page, view, settings)
    shown = shown_view(page)
    assert shown.takeaway == exported.takeaway
    assert [c.title for c in shown.charts] == [c.title for c in exported.charts]
    assert shown.rows.equals(exported.rows)


# Runs app.py in a fresh interpreter up to its first call, which it replaces by
# one that prints what the package has loaded by then and stops.
FIRST_STEP = """
import sys
import jkdefense.pages_mode

def loaded(through_app):
    print(sorted(m for m in sys.modules if m.split(".")[0] in WATCHED))
    raise SystemExit(0)

WATCHED = {"jkdefense", "pandas", "altair", "pyarrow"}
jkdefense.pages_mode.leave_legacy_pages_mode = loaded
exec(compile(open("app.py", encoding="utf-8").read(), "app.py", "exec"))
"""


def test_app_py_leaves_legacy_pages_mode_before_the_package_loads():
    """The rerun a fresh server's first visit takes waits for no heavy import."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_STEP],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "['jkdefense', 'jkdefense.pages_mode']"
