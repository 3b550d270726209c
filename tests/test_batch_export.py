"""Batch export: app links read as the app reads them, the download buttons' files,
and one-line refusals (python -m jkdefense.export)."""

import ast
import errno
import io
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pptx import Presentation

from jkdefense import cli
from jkdefense.analysis import shaping
from jkdefense.data import writer
from jkdefense.data.vocabulary import DOMAINS
from jkdefense.render import briefings, export
from jkdefense.report import (
    context,
    links,
    page_data,
    pairing_choices,
    pairings,
    registry,
    setting_records,
    url_params,
)
from jkdefense.ui.text import escape_markdown
from tests.apptest import run_page
from tests.conftest import ROOT, run_module

DATA = ROOT / "data"


def run(capsys, *args):
    """`jkdefense export` on the committed data: (exit code, stdout, stderr)."""
    code = cli.main(["export", *args, "--data", str(DATA)])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(text):
    return bool(text.strip()) and "\n" not in text.strip()


# --- links: URL parameters <-> view and page settings -------------------------

ROUND_TRIPS = [
    "domain=sea&focus=KR",
    "domain=maritime",
    "domain=maritime&domain=air",
    "focus=JP&period=2015&period=2020",
    "source=yoon-2019-diplomat",
    "period=2010&period=2019&source=whitehouse-2023-camp-david-fact-sheet",
    "threats_actor=KP&threats_actor=CN",
    "threats_actor=",
    "programs_w_threat_relevance=0&programs_w_commonality=2.5",
    "pairings_company=KAI&pairings_company=Hanwha+Aerospace",
]


@pytest.mark.parametrize("query", ROUND_TRIPS)
def test_a_link_gives_back_its_query(package, query):
    view, settings = links.view_from_params(package, links.parse_query(query))
    assert links.params_from_view(package, view, settings) == query


def test_a_chosen_pairing_gives_back_its_query(package):
    view, settings = links.view_from_params(package, {})
    second = pairing_choices.pairing_labels(package, view, [])[1]
    query = urlencode({"domain": "sea", "pairings_pair": second})
    view, settings = links.view_from_params(package, links.parse_query(query))
    assert settings["pairings_pair"] == second
    assert links.params_from_view(package, view, settings) == query


@pytest.mark.parametrize(
    ("query", "companies"),
    [("", []), ("domain=sea&focus=KR", []), ("domain=air", ["KAI"])],
)
def test_a_links_pairing_choices_are_the_pages(package, query, companies):
    """The link checks a pair against the same choices, in the same order."""
    view, _ = links.view_from_params(package, links.parse_query(query))
    options = shaping.company_options(
        package.tables["company_pairings"], package.tables["companies"]
    )
    labels = context.chart_labels(package, view)
    page = pairings.build(
        package.tables, view, labels, shaping.ids_of(options, companies)
    )
    expected = list(page.rows["pairing_label"]) if not page.empty else []
    assert len(expected) > 1 or companies
    assert pairing_choices.pairing_labels(package, view, companies) == expected


def test_defaults_are_the_apps_and_give_an_empty_query(package):
    view, settings = links.view_from_params(package, {})
    assert view == links.view_of(package, DOMAINS, None, None, None)
    assert view.period is None and view.source_ids == package.source_ids
    assert settings["threats_actor"] == setting_records.threat_actors(package)
    weights = setting_records.program_weights(settings)
    assert set(weights.values()) == {1.0}
    assert settings["programs_set"] == "all"
    assert settings["pairings_company"] == []
    assert settings["pairings_pair"] is None  # the first in view, as the page has it
    assert links.params_from_view(package, view, settings) == ""
    # As the app's page_settings give them once the pairings page drew its choice.
    first = pairing_choices.pairing_labels(package, view, [])[0]
    chosen_first = {**settings, "pairings_pair": first}
    assert links.params_from_view(package, view, chosen_first) == ""
    assert links.params_from_view(package, view) == ""


@pytest.mark.parametrize(
    ("query", "field", "expected"),
    [
        ("domain=sea&domain=sky&domain=sea", "domains", ("sea",)),
        ("focus=JP&focus=XX", "focus", "JP"),
        ("focus=XX&focus=JP", "focus", "both"),
        ("period=2020&period=2015", "period", (2015, 2020)),
        ("period=2012&period=1900", "period", (2012, 2026)),
        ("period=1900&period=2012", "period", (2010, 2012)),
        ("period=2012&period=2015&period=2020", "period", None),
        ("period=2020", "period", None),
        ("period=2010&period=2026", "period", None),
        ("source=&source=nope", "source_ids", None),
    ],
)
def test_values_the_app_drops_are_dropped(package, query, field, expected):
    view, _ = links.view_from_params(package, links.parse_query(query))
    if field == "source_ids" and expected is None:
        expected = package.source_ids
    assert getattr(view, field) == expected


def test_settings_the_app_drops_are_dropped(package):
    query = (
        "threats_actor=QQ&programs_w_commonality=9&programs_w_industrial_fit=abc"
        "&programs_w_threat_relevance=nan&pairings_company=Nobody&pairings_pair=nope"
    )
    dropped = links.view_from_params(package, links.parse_query(query))
    assert dropped == links.view_from_params(package, {})


def test_screen_parameters_are_read_and_ignored(package):
    query = "meeting=true&threats_evidence=anything&sources_query=x&embed=true"
    read = links.view_from_params(package, links.parse_query(query))
    assert read == links.view_from_params(package, {})


def test_unknown_parameter_names_are_an_error(package):
    with pytest.raises(ValueError, match="'colour', 'Domain'"):
        links.view_from_params(
            package, {"domain": ["sea"], "colour": ["red"], "Domain": ["sea"]}
        )


def _keywords(call):
    return {k.arg: k.value for k in call.keywords}


def _bound(call):
    bind = _keywords(call).get("bind")
    return isinstance(bind, ast.Constant) and bind.value == "query-params"


def _calls(tree):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _name(call):
    return getattr(call.func, "attr", getattr(call.func, "id", None))


def _binders(trees):
    """Functions that bind the key their caller passes (evidence_panel), or pass
    it on to one that does (chart_tabs to open_tab_only)."""
    functions = [
        n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
    ]
    found = set()
    while True:
        more = set()
        for function in functions:
            params = {a.arg for a in [*function.args.args, *function.args.kwonlyargs]}
            for call in _calls(function):
                key = _keywords(call).get("key")
                if (
                    (_bound(call) or _name(call) in found)
                    and isinstance(key, ast.Name)
                    and key.id in params
                ):
                    more.add(function.name)
        if more <= found:
            return found
        found |= more


def _key_pattern(key):
    """A key as a regular expression: f-string fields match any text."""
    if isinstance(key, ast.Constant):
        return re.escape(key.value)
    return "".join(
        re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in key.values
    )


def _bound_keys():
    """The key of every widget the app binds to the URL, as regular expressions."""
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    files += (ROOT / "jkdefense" / "ui").glob("*.py")
    trees = [ast.parse(f.read_text(encoding="utf-8")) for f in files]
    binders = _binders(trees)
    keys = [
        _keywords(call).get("key")
        for tree in trees
        for call in _calls(tree)
        if _bound(call) or _name(call) in binders
    ]
    return {
        _key_pattern(k) for k in keys if isinstance(k, ast.Constant | ast.JoinedStr)
    }


def _bound_from_the_registry():
    """Keys the ui binds as the registry gives them: each setting's widget
    (ui.settings.setting_widget) and each page's tabs (its tour's key)."""
    tabs = {page.tour[0] for page in registry.PAGES if page.tour and page.tour[0]}
    keys = {setting.key for setting in registry.LINK_SETTINGS} | tabs
    return {re.escape(key) for key in keys}


def test_links_know_every_parameter_the_app_binds():
    patterns = _bound_keys() | _bound_from_the_registry()
    for pattern in patterns:  # a new one: add it to jkdefense/report/url_params.py
        known = url_params.KNOWN_PARAMS
        assert any(re.fullmatch(pattern, name) for name in known), pattern
    for name in url_params.KNOWN_PARAMS:
        assert any(re.fullmatch(p, name) for p in patterns), name


# --- the command --------------------------------------------------------------


def test_threats_svg_one_file_per_chart_named_as_the_download_buttons(
    package, capsys, tmp_path
):
    out = tmp_path / "out"
    query = "domain=sea&focus=KR"
    code, printed, err = run(
        capsys,
        *("--page", "threats", "--format", "svg"),
        *("--out", str(out), "--query", query),
    )
    assert code == 0, err
    view, settings = links.view_from_params(package, links.parse_query(query))
    page = registry.PAGE_BY_NAME["threats"].build(
        page_data.page_tables(package),
        view,
        context.chart_labels(package, view),
        settings,
    )
    expected = {export.file_name(chart.title, "svg") for chart in page.charts}
    assert expected and {p.name for p in out.iterdir()} == expected
    assert sorted(printed.split()) == sorted(str(out / name) for name in expected)
    for path in out.iterdir():
        svg = path.read_text(encoding="utf-8")
        assert "Filters: Sea · focus: South Korea" in svg, path.name
        assert "all domains" not in svg, path.name


def test_whole_app_pptx_has_a_slide_per_chart(package, capsys, tmp_path):
    code, printed, err = run(
        capsys, "--page", "all", "--format", "pptx", "--out", str(tmp_path)
    )
    assert code == 0, err
    view, settings = links.view_from_params(package, {})
    name = briefings.briefing_file_name(
        "all pages", view, setting_records.period_years(package), "pptx"
    )
    path = tmp_path / name
    assert printed.split() == [str(path)]
    assert name.startswith("briefing-all-pages-all-domains-")
    pages = context.all_page_views(package, view, settings, housekeeping=False)
    # Every chart once: the Overview's small map gives way to the Threats map.
    charts = sum(len(p.charts) for p in pages) - 1
    deck = Presentation(io.BytesIO(path.read_bytes()))
    # The title, where they stand (a table), then a slide per chart; no
    # housekeeping (Sources) unless asked for.
    assert len(deck.slides) == 2 + charts
    asked = tmp_path / "with"
    code, _, err = run(
        capsys,
        "--page",
        "all",
        "--format",
        "pptx",
        "--out",
        str(asked),
        "--housekeeping",
    )
    assert code == 0, err
    everything = context.all_page_views(package, view, settings)
    more = Presentation(io.BytesIO(next(asked.glob("*.pptx")).read_bytes()))
    assert (
        len(more.slides)
        == 2 + sum(len(p.charts) for p in everything) - 1
        > len(deck.slides)
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--page", "nowhere", "--format", "svg"), "invalid choice: 'nowhere'"),
        (("--page", "threats", "--format", "gif"), "invalid choice: 'gif'"),
        (
            ("--page", "threats", "--format", "svg", "--query", "colour=red"),
            "unknown URL parameter(s) in --query: 'colour' (the app's: domain,",
        ),
        (("--format", "svg"), "required: --page"),
        (
            ("--page", "all", "--format", "pptx", "--query", "domain=spaceship"),
            "unknown value(s) in --query: 'domain=spaceship' (domain takes: maritime,",
        ),
        (
            ("--page", "programs", "--format", "svg", "--query", "focus=XX"),
            "unknown value(s) in --query: 'focus=XX' (focus takes: both, KR, JP)",
        ),
        (
            (
                "--page",
                "programs",
                "--format",
                "svg",
                "--query",
                "programs_w_commonality=9",
            ),
            "programs_w_commonality=9' (programs_w_commonality takes: a number from 0",
        ),
        (
            (
                "--page",
                "threats",
                "--format",
                "svg",
                "--query",
                "period=1900&period=2019",
            ),
            "unknown value(s) in --query: 'period=1900'",
        ),
    ],
)
def test_refusals_are_one_line_and_write_nothing(capsys, tmp_path, args, said):
    out = tmp_path / "out"
    code, printed, err = run(capsys, *args, "--out", str(out))
    assert code == 2
    assert one_line(err) and said in err
    assert printed == ""
    assert not out.exists()


def test_a_page_whose_table_cannot_be_read_is_refused(capsys, tmp_path, data_copy):
    (data_copy / "threats.csv").unlink()
    out = tmp_path / "out"
    code = cli.main(
        ["export", "--page", "threats", "--format", "svg", "--out", str(out)]
        + ["--data", str(data_copy)]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert one_line(err) and "needs threats.csv" in err
    assert not out.exists()


def test_python_m_jkdefense_export_runs_the_command(tmp_path):
    out = tmp_path / "out"
    done = run_module(
        "jkdefense",
        "export",
        "--page",
        "threats",
        "--format",
        "svg",
        "--out",
        str(out),
        "--query",
        "colour=red",
    )
    assert done.returncode == 2
    assert one_line(done.stderr) and "colour" in done.stderr
    assert not out.exists()


# --- the app reads the same links ---------------------------------------------

APP_LINKS = [
    ("threats", "domain=sea&domain=sky&focus=XX&focus=JP&threats_actor=KP"),
    ("threats", "period=2012&period=1900&source=nope&threats_actor="),
    ("threats", "domain=&period=2010&period=2019&source=yoon-2019-diplomat"),
    ("programs", "programs_w_commonality=9&programs_w_threat_relevance=2.5"),
    ("pairings", "domain=air&pairings_company=KAI&pairings_company=Nobody"),
]


@pytest.mark.parametrize(("page", "query"), APP_LINKS)
def test_the_app_reads_a_link_as_links_do(package, page, query):
    params = links.parse_query(query)
    at = run_page(page, {k: v if len(v) > 1 else v[0] for k, v in params.items()})
    view, settings = links.view_from_params(package, params)
    # The page names its filters above its finding (or in why it shows nothing).
    shown = [c.value for c in at.caption] + [i.value for i in at.info]
    described = escape_markdown(context.describe_view(package, view))
    assert any(described in text for text in shown), shown
    state = at.session_state
    for setting in registry.PAGE_BY_NAME[page].settings:
        expected = settings[setting.key]
        if setting.kind == "selectbox" and expected is None:  # the first offered
            expected = setting.options_for(package, view, settings)[0]
        shown = state[setting.key]
        assert (list(shown) if isinstance(shown, list) else shown) == expected


# --- an unusable --out, a failed write, a long query ------------------------

THREATS_SVG = ("--page", "threats", "--format", "svg")


def _chmod_locks_a_folder():
    """Whether a folder of mode 0o555 keeps this process out (root's it does not)."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o555)
        try:
            (Path(folder) / "probe").touch()
        except PermissionError:
            return True
        finally:
            Path(folder).chmod(0o755)
        return False


NOT_AS_ROOT = pytest.mark.skipif(
    not _chmod_locks_a_folder(),
    reason="root writes into a folder whatever its mode: chmod cannot lock it",
)


def _tree(folder):
    """What is under ``folder``: relative path -> bytes, or None for a folder."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def _a_file(path):
    path.write_text("notes", encoding="utf-8")
    return path


def _locked(folder):
    folder.mkdir()
    folder.chmod(0o555)
    return folder


UNUSABLE_OUTS = [
    pytest.param(lambda work: "", "argument --out: give a folder", id="empty"),
    pytest.param(lambda work: "  ", "argument --out: give a folder", id="blank"),
    pytest.param(
        lambda work: _a_file(work / "notes.txt"),
        "--out {work}/notes.txt is not a folder",
        id="a file",
    ),
    pytest.param(
        lambda work: _a_file(work / "notes.txt") / "new",
        "--out {work}/notes.txt/new cannot be created: {work}/notes.txt is not a "
        "folder",
        id="under a file",
    ),
    pytest.param(lambda work: "/dev/full", "--out /dev/full is not a folder", id="dev"),
    pytest.param(
        lambda work: _locked(work / "locked"),
        "--out {work}/locked cannot be written to (a read-only folder",
        id="read-only folder",
        marks=NOT_AS_ROOT,
    ),
    pytest.param(
        lambda work: _locked(work / "locked") / "new",
        "--out {work}/locked/new cannot be created: {work}/locked cannot be written",
        id="under a read-only folder",
        marks=NOT_AS_ROOT,
    ),
]


@pytest.mark.parametrize(("make_out", "said"), UNUSABLE_OUTS)
def test_an_unusable_out_is_refused_before_anything_is_written(
    capsys, monkeypatch, tmp_path, make_out, said
):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # where an empty --out would otherwise write
    out = str(make_out(work))
    before = _tree(work)
    code, printed, err = run(capsys, *THREATS_SVG, "--out", out)
    assert code == 2
    assert one_line(err) and said.format(work=work) in err
    assert "Traceback" not in err and printed == ""
    assert _tree(work) == before


def test_the_command_refuses_an_unusable_out_without_a_traceback(tmp_path):
    out = _a_file(tmp_path / "notes.txt")
    done = run_module("jkdefense", "export", *THREATS_SVG, "--out", str(out))
    assert done.returncode == 2
    assert one_line(done.stderr) and f"--out {out} is not a folder" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert _tree(tmp_path) == {"notes.txt": b"notes"}


def _writes_fail(monkeypatch, out, on_write, error_number):
    """Make the ``on_write``-th file written to ``out`` fail halfway, as a full
    (or read-only, or failing) disk does: part of it written, then the error."""
    write_whole = writer._write_flushed
    written = []

    def write(path, payload):
        if path.parent == out:
            written.append(path)
            if len(written) == on_write:
                path.write_bytes(payload[: len(payload) // 2])
                raise OSError(error_number, os.strerror(error_number), str(path))
        write_whole(path, payload)

    monkeypatch.setattr(writer, "_write_flushed", write)


@pytest.mark.parametrize(
    ("file_format", "on_write", "error_number"),
    [
        ("svg", 2, errno.ENOSPC),
        ("svg", 2, errno.EROFS),
        ("svg", 2, errno.EIO),
        ("pptx", 1, errno.ENOSPC),
    ],
)
def test_a_failed_write_leaves_only_whole_files(
    capsys, monkeypatch, tmp_path, file_format, on_write, error_number
):
    out = tmp_path / "out"
    _writes_fail(monkeypatch, out, on_write, error_number)
    code, printed, err = run(
        capsys, "--page", "threats", "--format", file_format, "--out", str(out)
    )
    assert code == 3
    assert one_line(err) and "Traceback" not in err
    failed = re.search(rf"cannot write ({re.escape(str(out))}/[^:]+): (.+)$", err)
    assert failed and failed[2] == os.strerror(error_number), err
    # What was printed was written whole; nothing else, not even a temporary.
    whole = [Path(line) for line in printed.splitlines()]
    assert len(whole) == on_write - 1
    assert sorted(out.iterdir()) == whole
    assert Path(failed[1]) not in whole
    for path in whole:
        assert path.read_text(encoding="utf-8").rstrip().endswith("</svg>")


def test_a_failed_export_keeps_the_last_ones_files_whole(capsys, monkeypatch, tmp_path):
    out = tmp_path / "out"
    code, _, err = run(capsys, *THREATS_SVG, "--out", str(out))
    assert code == 0, err
    before = _tree(out)
    assert len(before) > 2
    _writes_fail(monkeypatch, out, 2, errno.ENOSPC)
    code, printed, _ = run(capsys, *THREATS_SVG, "--out", str(out))
    assert code == 3
    [replaced] = [Path(line).name for line in printed.splitlines()]
    after = _tree(out)
    assert after.keys() == before.keys()  # no temporary left beside them
    for name, data in after.items():
        assert data.rstrip().endswith(b"</svg>"), name
        assert name == replaced or data == before[name], name


MANY_KEYS = "&".join(f"k{i}=1" for i in range(5000))
MANY_VALUES = "&".join(f"domain=v{i}" for i in range(5000))


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("&&&=&?", "unknown URL parameter(s) in --query: '', '?' (the app's: "),
        (MANY_KEYS, "--query: 'k0', 'k1', 'k2' and 4,997 more (the app's: "),
        ("x" * 100_000 + "=1", f"--query: '{'x' * 40}'… (the app's: "),
        ("%0A=1&domain=sea", r"--query: '\n' (the app's: "),
        (MANY_VALUES, "'domain=v0', 'domain=v1', 'domain=v2' and 4,997 more (domain"),
        ("domain=a%0Ab", r"unknown value(s) in --query: 'domain=a\nb' (domain takes"),
    ],
)
def test_query_refusals_name_a_few_in_one_short_line(capsys, tmp_path, query, said):
    out = tmp_path / "out"
    code, printed, err = run(capsys, *THREATS_SVG, "--out", str(out), "--query", query)
    assert code == 2 and printed == ""
    assert one_line(err) and said in err, err
    assert len(err) < 300 and "Traceback" not in err
    assert not out.exists()
