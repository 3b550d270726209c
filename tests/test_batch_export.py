"""Batch export: app links read as the app reads them, the download buttons' files,
and one-line refusals (python -m jkdefense.export)."""

import ast
import io
import re
from urllib.parse import urlencode

import pytest
from pptx import Presentation

from jkdefense.analysis import shaping
from jkdefense.data.vocabulary import DOMAINS
from jkdefense.render import batch, export
from jkdefense.report import context, links, pairings, registry
from jkdefense.ui.text import escape_markdown
from tests.apptest import run_page
from tests.conftest import ROOT, run_module

DATA = ROOT / "data"


def run(capsys, *args):
    """batch.main on the committed data: (exit code, stdout, stderr)."""
    code = batch.main([*args, "--data", str(DATA)])
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
    second = links.pairing_labels(package, view, [])[1]
    query = urlencode({"domain": "sea", "pairings_pair": second})
    view, settings = links.view_from_params(package, links.parse_query(query))
    assert settings["pair"] == second
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
    assert links.pairing_labels(package, view, companies) == expected


def test_defaults_are_the_apps_and_give_an_empty_query(package):
    view, settings = links.view_from_params(package, {})
    assert view == links.view_of(package, DOMAINS, None, None, None)
    assert view.period is None and view.source_ids == package.source_ids
    assert settings["actors"] == context.threat_actors(package)
    assert set(settings["weights"].values()) == {1.0}
    assert settings["companies"] == []
    first = links.pairing_labels(package, view, [])[0]
    assert settings["pair"] == first
    assert links.params_from_view(package, view, settings) == ""
    # As the app's page_settings give them before the pairings page is opened.
    assert links.params_from_view(package, view, {**settings, "pair": None}) == ""
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
    with pytest.raises(ValueError, match="colour, Domain"):
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


def test_links_know_every_parameter_the_app_binds():
    patterns = _bound_keys()
    for pattern in patterns:  # a new one: add it to jkdefense/report/links.py
        assert any(re.fullmatch(pattern, name) for name in links.KNOWN_PARAMS), pattern
    for name in links.KNOWN_PARAMS:
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
        context.page_tables(package),
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
    name = export.briefing_file_name(
        "all pages", view, context.period_years(package), "pptx"
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
            "unknown URL parameter(s) in --query: colour",
        ),
        (("--format", "svg"), "required: --page"),
        (
            ("--page", "all", "--format", "pptx", "--query", "domain=spaceship"),
            "unknown value(s) in --query: domain=spaceship (domain takes: maritime,",
        ),
        (
            ("--page", "programs", "--format", "svg", "--query", "focus=XX"),
            "unknown value(s) in --query: focus=XX (focus takes: both, KR, JP)",
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
            "programs_w_commonality=9 (programs_w_commonality takes: a number from 0",
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
            "unknown value(s) in --query: period=1900",
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
    code = batch.main(
        ["--page", "threats", "--format", "svg", "--out", str(out)]
        + ["--data", str(data_copy)]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert one_line(err) and "needs threats.csv" in err
    assert not out.exists()


def test_python_m_jkdefense_export_runs_the_command(tmp_path):
    out = tmp_path / "out"
    done = run_module(
        "jkdefense.export",
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
    if page == "threats":
        assert list(state["threats_actor"]) == settings["actors"]
    if page == "programs":
        weights = {c: state[name] for name, c in links.WEIGHT_PARAMS.items()}
        assert weights == settings["weights"]
    if page == "pairings":
        assert list(state["pairings_company"]) == settings["companies"]
        assert state["pairings_pair"] == settings["pair"]
