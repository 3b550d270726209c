"""Each filter and setting is one record: its widget, link and docs agree with it.

The records (jkdefense.report.setting_records) make the widgets (the ui draws
each from its record), the link reader and writer (report.links), and the
README's table of link parameters; links the app wrote before still open the
same view.
"""

import re

import pytest

from jkdefense.report import links, registry, setting_records, url_params
from jkdefense.report.setting import KINDS
from tests.apptest import open_tab, run_page
from tests.conftest import ROOT

README_TABLE = re.compile(
    r"<!-- link-parameters: generated from the settings' records -->\n"
    r"(.*?)<!-- link-parameters: end -->",
    re.DOTALL,
)


def test_the_readme_s_table_of_link_parameters_is_the_generated_one():
    """Regenerate it: url_params.parameters_markdown() between the markers."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (table,) = README_TABLE.findall(readme)
    assert table == url_params.parameters_markdown()


def test_the_table_names_every_parameter_a_link_carries_once():
    table = url_params.parameters_markdown()
    named = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert named == [setting.key for setting in registry.LINK_SETTINGS]
    assert set(named) == set(url_params.VIEW_PARAMS + url_params.SETTING_PARAMS)


# Links as the app wrote them before its settings were records, and what each
# opens: literal names, values and defaults, so a change to a record that would
# change an old link's meaning fails here.
OLD_LINKS = [
    ("threats_actor=KP&threats_actor=CN", {"threats_actor": ["KP", "CN"]}),
    ("threats_actor=", {"threats_actor": []}),
    ("threats_actor=QQ", {"threats_actor": ["CN", "KP", "RU"]}),
    (
        "programs_w_threat_relevance=0&programs_w_commonality=2.5",
        {
            "programs_w_threat_relevance": 0.0,
            "programs_w_commonality": 2.5,
            "programs_w_industrial_fit": 1.0,
            "programs_w_political_feasibility": 1.0,
        },
    ),
    ("programs_w_commonality=9", {"programs_w_commonality": 1.0}),
    ("programs_w_commonality=nan", {"programs_w_commonality": 1.0}),
    ("programs_set=candidates", {"programs_set": "candidates"}),
    ("programs_set=article&programs_set=all", {"programs_set": "article"}),
    ("programs_set=%3Cb%3Ex%3C%2Fb%3E", {"programs_set": "all"}),
    (
        "pairings_company=KAI&pairings_company=Nobody",
        {"pairings_company": ["KAI"], "pairings_pair": None},
    ),
    ("pairings_pair=nope", {"pairings_pair": None}),
]


@pytest.mark.parametrize(("query", "expected"), OLD_LINKS)
def test_an_old_link_gives_the_settings_it_gave(package, query, expected):
    _, settings = links.view_from_params(package, links.parse_query(query))
    assert {name: settings[name] for name in expected} == expected


OLD_VIEWS = [
    ("domain=sea&domain=sky&focus=JP", ("sea",), "JP", None),
    ("domain=maritime&focus=XX", ("sea", "undersea"), "both", None),
    ("period=2020&period=2015", None, "both", (2015, 2020)),
    ("period=2010&period=2026", None, "both", None),
    ("period=2012&period=1900", None, "both", (2012, 2026)),
]


@pytest.mark.parametrize(("query", "domains", "focus", "period"), OLD_VIEWS)
def test_an_old_link_gives_the_view_it_gave(package, query, domains, focus, period):
    view, _ = links.view_from_params(package, links.parse_query(query))
    if domains is not None:
        assert view.domains == domains
    assert (view.focus, view.period) == (focus, period)


# The app seeds its widgets from an old link as it did: (page, link, key, value).
OLD_LINKS_IN_THE_APP = [
    ("threats", "threats_actor=KP&threats_actor=CN", "threats_actor", ["KP", "CN"]),
    ("programs", "programs_w_commonality=2.5", "programs_w_commonality", 2.5),
    ("programs", "programs_set=candidates", "programs_set", "candidates"),
    ("pairings", "pairings_company=KAI", "pairings_company", ["KAI"]),
    ("overview", "domain=maritime&domain=air", "domain", ["maritime", "air"]),
    ("overview", "focus=KR", "focus", "KR"),
    ("overview", "period=2015&period=2020", "period", (2015, 2020)),
]


@pytest.mark.parametrize(("page", "query", "key", "value"), OLD_LINKS_IN_THE_APP)
def test_the_app_opens_an_old_link_as_it_did(page, query, key, value):
    params = links.parse_query(query)
    at = run_page(page, {k: v if len(v) > 1 else v[0] for k, v in params.items()})
    assert not at.exception, at.exception
    held = at.session_state[key]
    assert (list(held) if isinstance(held, list) else held) == value


# The element AppTest gives for each kind of widget (pills and segmented
# controls are both button groups).
ELEMENT = {
    **{kind: kind for kind in KINDS},
    "pills": "button_group",
    "segmented_control": "button_group",
}
PAGES_WITH_SETTINGS = [page for page in registry.PAGES if page.settings]


@pytest.mark.parametrize("page", PAGES_WITH_SETTINGS, ids=lambda p: p.name)
def test_each_widget_is_its_record(package, page):
    """Label, help and first value of every widget the page and sidebar draw."""
    at = run_page(page.name)
    view, _ = links.view_from_params(package, {})
    chosen: dict = {}
    for setting in (*setting_records.FILTERS, *page.settings):
        (drawn,) = [w for w in at.get(ELEMENT[setting.kind]) if w.key == setting.key]
        assert (drawn.label, drawn.help) == (setting.label, setting.help or "")
        options = setting.options_for(package, view, chosen)
        first = setting.default_for(options)
        if setting.kind == "selectbox":
            first = options[0]  # a selectbox's default, None, is its first option
        held = list(drawn.value) if isinstance(drawn.value, list) else drawn.value
        assert held == first, setting.key
        chosen[setting.key] = first


@pytest.mark.parametrize(
    "page", [p for p in registry.PAGES if p.tour and p.tour[0]], ids=lambda p: p.name
)
def test_the_tabs_are_the_registry_s(page):
    """The tabs a page draws are its registry entry's tour, in its order."""
    key, tour = page.tour
    at = run_page(page.name)
    labels = [tab.label for tab in at.tabs]
    tour_labels = [label for _, label in tour]
    assert [label for label in labels if label in tour_labels] == tour_labels
    assert at.session_state[key] == labels[0]
    open_tab(at, key, tour_labels[-1])
    assert not at.exception, at.exception
