"""Page scripts lay out what jkdefense.ui gives them; app.py's first step loads nothing.

A page script imports streamlit and jkdefense.ui, nothing else: what a page
shows is built by its registry entry, and the parts that need the report's
columns, tabs or settings are jkdefense.ui functions named for what they show.
"""

import ast
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus

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


def test_no_page_script_writes_its_own_title():
    """Titles are the registry's (ui.page_title), written nowhere else."""
    for path in PAGE_SCRIPTS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        titles = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "title"
        ]
        assert titles == [], (path.name, titles)


# Links as an analyst shares them: the shared filters on every page, and each
# page's settings on its own page. SECOND_PAIRING stands for the second
# pairing the view offers (the first is the default).
SECOND_PAIRING = "<the second pairing in view>"
FILTER_LINKS = [
    "",
    "domain=sea",
    "domain=maritime&focus=KR",
    "period=2015&period=2022",
    "source=yoon-2019-diplomat&source=whitehouse-2023-camp-david-fact-sheet",
]
SETTING_LINKS = {
    "threats": ["threats_actor=KP&threats_actor=CN", "domain=air&threats_actor=RU"],
    "programs": [
        "programs_w_threat_relevance=0&programs_w_commonality=2.5",
        "programs_set=candidates",
    ],
    "pairings": [
        "pairings_company=KAI",
        "domain=sea&pairings_pair=" + SECOND_PAIRING,
    ],
}
SHOWN = [page.name for page in registry.PAGES if page.name != "curate"]
LINKS = [(page, query) for page in SHOWN for query in FILTER_LINKS] + [
    (page, query) for page, queries in SETTING_LINKS.items() for query in queries
]


def the_link(package, query: str) -> str:
    """``query`` with SECOND_PAIRING replaced by the pairing it stands for."""
    if SECOND_PAIRING not in query:
        return query
    params = links.parse_query(query)
    del params["pairings_pair"]
    view, settings = links.view_from_params(package, params)
    companies = settings["pairings_company"]
    second = pairing_choices.pairing_labels(package, view, companies)[1]
    return query.replace(SECOND_PAIRING, quote_plus(second))


def shown_view(page: str):
    """The view the page laid out last: the one its latest run kept (or reused)."""
    return [v for k, v in memo._KEPT["page_view"].items() if k[0] == page][-1]


def assert_same_view(shown, exported):
    """Same title, takeaway, rows, and charts: keys, titles, kinds and data."""
    assert (shown.title, shown.takeaway) == (exported.title, exported.takeaway)
    assert shown.rows.equals(exported.rows)
    assert [(c.key, c.title, c.kind) for c in shown.charts] == [
        (c.key, c.title, c.kind) for c in exported.charts
    ]
    for drawn, made in zip(shown.charts, exported.charts, strict=True):
        assert drawn.data.equals(made.data), drawn.key
        assert drawn.description == made.description, drawn.key


@pytest.mark.parametrize(("page", "query"), LINKS, ids=[f"{p}?{q}" for p, q in LINKS])
def test_a_page_lays_out_the_view_its_link_exports(package, page, query):
    """What a page shows and briefs is what `jkdefense export` builds of its link,
    and the link the page gives back is the one it was opened with."""
    query = the_link(package, query)
    params = links.parse_query(query)
    at = run_page(page, {k: v if len(v) > 1 else v[0] for k, v in params.items()})
    assert not at.exception, at.exception
    entry = registry.PAGE_BY_NAME[page]
    assert at.title[0].value == (entry.heading or entry.title)
    view, settings = links.view_from_params(package, params)
    assert links.params_from_view(package, view, settings) == query
    try:
        (exported,) = batch.page_views(package, page, view, settings)
    except batch.Refused:  # the filters leave the page nothing, in the app too
        assert shown_view(page).empty
        return
    assert_same_view(shown_view(page), exported)


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
