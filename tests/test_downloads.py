"""Every CSV the app offers: found on every page and tab, none runs a formula.

The app runs on a project copy whose documents and metadata hold formulas
(tests/hostile_data.py); every download button of every page and tab is
recorded, and each CSV among them is read as a spreadsheet would read it.
"""

import ast
import csv
import inspect
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit
from streamlit.delta_generator import DeltaGenerator

from jkdefense.data import schema
from jkdefense.ui import downloads
from tests import hostile_data
from tests.apptest import PAGES, open_tab, run_page
from tests.conftest import ROOT
from tests.hostile_data import formula_cells

# Every CSV download the app offers, by key: a new one fails
# test_every_csv_download_is_listed until it is listed here, and so tested.
CSV_RESOURCES = [
    name
    for name, resource in schema.resources(
        schema.read_descriptor(ROOT / "data" / "datapackage.json")
    ).items()
    if resource.get("format") != "parquet"
]
TABLES = [
    "method_rubrics",
    "pairings_table",
    "pathway_developments_now",
    "pathway_drivers",
    "pathway_precedent_table",
    "pathway_table",
    "programs_table",
    "sources_claims",
    "sources_dictionary",
    "sources_do_not_cite",
    "sources_feed",
    "sources_names",
    "sources_rubrics",
    "sources_tiers",
    "threats_incidents",
    "threats_table",
]
CSV_DOWNLOADS = sorted(
    [f"sources_download_{name}" for name in CSV_RESOURCES]
    + [f"{table}_download" for table in TABLES]
    + ["sources_queue_csv", "sources_new_names_csv", "curate_list_csv"]
)
# A cell each download must hold, marked: formulas from the hostile copy.
MARKED = {
    "sources_download_sources": '\'=HYPERLINK("https://evil.example/t","x")',
    "sources_feed_download": '\'=HYPERLINK("https://evil.example/t","x")',
    "sources_queue_csv": "'@SUM(A1) Hanwha Ocean",
}


def tab_choices(at) -> set[tuple[str, str]]:
    """(tabs' key, tab label) of every tab the page draws."""
    found = set()
    for node in walk(at._tree):
        if getattr(node, "type", None) == "tab_container":
            key = node.proto.tab_container.query_param_key
            found |= {(key, tab.label) for tab in node.children.values()}
    return found


def walk(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


class Recorder:
    """Every download button drawn: its arguments, and whether csv_download made it."""

    SIGNATURE = inspect.signature(DeltaGenerator.download_button)

    def __init__(self) -> None:
        self.seen: dict[str, dict] = {}
        self.where = ""

    def _record(self, args: tuple, kwargs: dict, caller) -> None:
        bound = self.SIGNATURE.bind(None, *args, **kwargs).arguments
        self.seen[bound["key"]] = {
            **bound,
            "where": self.where,
            "by_csv_download": caller is downloads.csv_download.__code__,
        }

    def wrap(self, original):
        """For st.download_button."""

        def record(*args, **kwargs):
            self._record(args, kwargs, sys._getframe(1).f_code)
            return original(*args, **kwargs)

        return record

    def wrap_method(self, original):
        """For a container's download_button (``column.download_button``)."""

        def record(container, *args, **kwargs):
            self._record(args, kwargs, sys._getframe(1).f_code)
            return original(container, *args, **kwargs)

        return record


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """The hostile copy, and every download button of every page and tab on it."""
    data = hostile_data.build(tmp_path_factory.mktemp("hostile"))
    recorder = Recorder()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JKDEFENSE_DATA_DIR", str(data))
        patch.setattr(
            streamlit, "download_button", recorder.wrap(streamlit.download_button)
        )
        patch.setattr(
            DeltaGenerator,
            "download_button",
            recorder.wrap_method(DeltaGenerator.download_button),
        )
        for page in PAGES:
            recorder.where = page
            at = run_page(page)
            assert not at.exception, page
            done: set[tuple[str, str]] = set()
            while waiting := tab_choices(at) - done:
                key, label = sorted(waiting)[0]
                done.add((key, label))
                recorder.where = f"{page}: {label}"
                open_tab(at, key, label)
                assert not at.exception, (page, label)
    return data, recorder.seen


def is_csv(download: dict) -> bool:
    named = f"{download['label']} {download['file_name']} {download['mime']}"
    return "csv" in named.lower()


def test_every_csv_download_is_listed(seen):
    data, downloads_seen = seen
    found = sorted(k for k, d in downloads_seen.items() if is_csv(d))
    assert found == CSV_DOWNLOADS


def test_every_csv_download_is_made_safe_by_one_function(seen):
    data, downloads_seen = seen
    made_elsewhere = [
        f"{key} ({d['where']})"
        for key, d in downloads_seen.items()
        if is_csv(d) and not d["by_csv_download"]
    ]
    assert made_elsewhere == []


@pytest.mark.parametrize("key", CSV_DOWNLOADS)
def test_no_cell_of_a_csv_download_runs_as_a_formula(seen, key):
    data, downloads_seen = seen
    download = downloads_seen[key]
    assert download["mime"] == "text/csv"
    made = download["data"]() if callable(download["data"]) else download["data"]
    text = made.decode("utf-8") if isinstance(made, bytes) else made
    assert formula_cells(text) == []
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    if key in MARKED:
        assert any(cell.startswith(MARKED[key]) for cell in cells)


def test_a_served_file_is_marked_in_its_download_only(seen):
    data, downloads_seen = seen
    stored = (data / "sources.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""https://evil.example/t""' in stored
    downloaded = downloads_seen["sources_download_sources"]["data"]().decode("utf-8")
    assert '"\'=HYPERLINK(""https://evil.example/t""' in downloaded
    assert (data / "sources.csv").read_text(encoding="utf-8") == stored


class DownloadCalls(ast.NodeVisitor):
    """(function, source) of each download_button call, by the function it is in."""

    def __init__(self, text: str) -> None:
        self.text, self.function, self.found = text, "<module>", []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        if getattr(node.func, "attr", None) == "download_button":
            source = ast.get_source_segment(self.text, node)
            self.found.append((self.function, source))
        self.generic_visit(node)


def download_calls(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    calls = DownloadCalls(text)
    calls.visit(ast.parse(text))
    return calls.found


APP_FILES = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "jkdefense").rglob("*.py"),
    ]
)


def test_no_download_outside_csv_download_offers_a_csv():
    """Downloads the tour cannot reach (behind a toggle, say) are held to it too."""
    offers_csv = [
        f"{path.relative_to(ROOT)}: {function}"
        for path in APP_FILES
        for function, source in download_calls(path)
        if function != "csv_download" and "csv" in source.lower()
    ]
    assert offers_csv == []
