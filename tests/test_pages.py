"""Every page runs, honours URL parameters, and every interaction changes the view."""

import json

import pytest

from jkdefense.data import vocabulary
from jkdefense.report import context, links, pairings, programs, registry, threats
from jkdefense.ui import frame
from tests.apptest import (
    PAGES,
    open_tab,
    plotly_data,
    run_page,
    snapshot,
    vega_rows,
)
from tests.conftest import ROOT, misquote


def test_every_page_script_is_a_registry_entry():
    """Each pages/ script is declared once, in the registry, which app.py navigates
    (test_page_runs_with_default_filters switches to every entry's script)."""
    scripts = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert {page.script for page in registry.PAGES} == scripts
    assert [page.name for page in registry.PAGES] == PAGES
    assert "st.navigation(ui.navigation_pages())" in (ROOT / "app.py").read_text()


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_default_filters(page):
    at = run_page(page)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value
    if page == "sources":  # its charts are in tabs, which run when opened
        open_tab(at, "sources_tab", "Mentions")
    charts = len(at.get("plotly_chart")) + len(at.get("vega_lite_chart"))
    # Pages other than the Overview draw one chart, that of their open tab; the
    # Methodology explains, and draws none.
    if page == "methodology":
        assert charts == 0 and len(at.header) >= 5
    elif page == "curate":  # a workbench: the list of proposals and the form
        assert charts == 0 and at.button
    else:
        assert charts >= 1 if page == "overview" else charts == 1
    markdown_tables = [m for m in at.markdown if m.value.startswith("| Domain |")]
    assert at.dataframe or at.table or markdown_tables, "every page shows a table"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("domain", vocabulary.DOMAINS)
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_under_each_single_domain(page, domain):
    at = run_page(page, {"domain": [domain]})
    assert not at.exception, at.exception
    assert at.session_state["domain"] == [domain]
    if page == "sources":
        open_tab(at, "sources_tab", "Mentions")
    if page not in ("methodology", "curate") and not (
        at.get("plotly_chart") or at.get("vega_lite_chart")
    ):
        assert any("No " in info.value for info in at.info), "empty view must say so"


def test_url_domain_reproduces_the_threat_rows():
    at = run_page("threats", {"domain": ["undersea"]})
    table = at.dataframe[0].value
    assert set(table["domain_type"]) <= {"undersea", "multi"}
    assert "undersea" in set(table["domain_type"])
    matrix = vega_rows(at)[0]
    assert {row["domain_type"] for row in matrix} <= {"undersea", "multi"}


def test_url_focus_and_actor_reproduce_the_view():
    at = run_page("threats", {"threats_actor": ["RU"], "focus": "JP"})
    assert set(at.dataframe[0].value["actor_country_code"]) == {"RU"}
    open_tab(at, "threats_chart", threats.TABS["threats_scrambles"])
    (scrambles,) = [
        rows for rows in vega_rows(at) if any("scramble_count" in r for r in rows)
    ]
    names = [r["actor_name"] for r in scrambles if "actor_name" in r]
    assert list(dict.fromkeys(names)) == ["Russia", "Other"]


def test_url_weights_reproduce_the_ranking():
    default = run_page("programs")
    tilted = run_page(
        "programs",
        {"programs_w_commonality": "5.0", "programs_w_threat_relevance": "0.0"},
    )
    assert tilted.slider(key="programs_w_commonality").value == 5.0
    first = tilted.dataframe[0].value.iloc[0]
    assert first["commonality_type"] == "strong"
    assert snapshot(default) != snapshot(tilted)


def standing_lines(at) -> list[str]:
    table = next(m.value for m in at.markdown if m.value.startswith("| Domain |"))
    return table.splitlines()[2:]


def test_the_overview_shows_one_line_per_domain_in_view(package):
    at = run_page("overview", {"domain": ["sea", "air"]})
    assert not at.exception
    lines = standing_lines(at)
    assert [line.split("|")[1].strip() for line in lines] == ["Sea", "Air"]
    threats = package.tables["threats"]
    for line, domain in zip(lines, ["sea", "air"], strict=True):
        # The most severe threat of that domain, linked to Threats with it chosen.
        worst = threats[threats["domain_type"] == domain]["severity_score"].max()
        assert f"(threats?domain={domain}) · {worst}/5" in line
        assert f"(pairings?domain={domain})" in line


def test_every_domain_has_its_line_by_default():
    lines = standing_lines(run_page("overview"))
    assert len(lines) == len(vocabulary.DOMAINS)


def test_url_source_with_no_article_says_so():
    at = run_page("threats", {"source": ["no-such-article"]})
    assert not at.exception
    # Unknown: ignored, which leaves none chosen, so every article stays in view.
    assert at.session_state["source"] == []
    assert "6 of 6 articles" in at.caption[0].value


def test_nothing_to_show_is_a_message_not_an_error():
    at = run_page("threats")
    at.multiselect(key="threats_actor").set_value([]).run()  # no threat actor
    assert not at.exception
    assert any("No threats match" in info.value for info in at.info)


INTERACTIONS = [
    ("overview", lambda at: at.pills(key="domain").set_value(["land"])),
    ("overview", lambda at: at.segmented_control(key="focus").set_value("KR")),
    ("programs", lambda at: at.session_state.__setitem__("focus", "KR")),
    ("threats", lambda at: at.multiselect(key="threats_actor").set_value(["CN"])),
    ("threats", lambda at: at.session_state.__setitem__("focus", "KR")),
    (
        "programs",
        lambda at: at.slider(key="programs_w_political_feasibility").set_value(5.0),
    ),
    ("programs", lambda at: at.slider(key="programs_w_commonality").set_value(0.0)),
    (
        "pairings",
        lambda at: at.multiselect(key="pairings_company").set_value(["Kawasaki (KHI)"]),
    ),
    (
        "pairings",
        lambda at: at.selectbox(key="pairings_pair").set_value(
            at.selectbox(key="pairings_pair").options[-1]
        ),
        ("pairings_chart", pairings.DETAIL_TAB),  # where the pairing is drawn
    ),
    ("pathway", lambda at: at.session_state.__setitem__("domain", ["air"])),
    ("sources", lambda at: at.text_input(key="sources_query").input("Hanwha")),
]


@pytest.mark.parametrize(
    ("page", "interact", "tab"),
    [(*interaction, None)[:3] for interaction in INTERACTIONS],
    ids=[f"{i[0]}-{n}" for n, i in enumerate(INTERACTIONS)],
)
def test_every_interaction_changes_what_is_plotted(page, interact, tab):
    at = run_page(page)
    if tab:
        open_tab(at, *tab)
    before = snapshot(at)
    interact(at)
    at.run()
    assert not at.exception, at.exception
    assert snapshot(at) != before


def test_evidence_panel_highlights_the_quote():
    at = run_page("threats")
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quotes and ":orange-background[" in quotes[0]


def test_sentence_search_highlights_known_entities(package):
    at = run_page("sources")
    at.text_input(key="sources_query").set_value("Hanwha").run()
    assert not at.exception
    texts = package.tables["sentences"]["text"]
    expected = int(texts.str.contains("Hanwha", case=False).sum())
    listing = next(m.value for m in at.markdown if "orange-background" in m.value)
    assert listing.count("**") == 2 * expected  # one bold sentence id per match
    assert ":orange-background[Hanwha" in listing
    caption = next(c.value for c in at.caption if "sentences match" in c.value)
    assert caption.startswith(f"{expected} sentences match")


FEED_IDS = [
    "whitehouse-2023-camp-david-fact-sheet",
    "whitehouse-2023-spirit-of-camp-david",
    "whitehouse-2024-trilateral-nsa-readout",
    "whitehouse-2024-us-japan-joint-leaders-statement",
    "whitehouse-2025-trump-lee-joint-fact-sheet",
    "yoon-2019-diplomat",
]


def test_a_long_feed_lists_the_articles_a_search_finds(monkeypatch):
    monkeypatch.setattr(frame, "LONG_FEED", 0)  # as if the feed were long
    at = run_page("overview")
    assert not at.exception
    assert sorted(at.multiselect(key="source").options) == FEED_IDS
    at.text_input(key="source_find").input("no such words").run()
    assert at.multiselect(key="source").options == []
    at.text_input(key="source_find").input("DIPLOMAT").run()
    assert at.multiselect(key="source").options == ["yoon-2019-diplomat"]
    at.text_input(key="source_find").input("Rethinking Japan").run()  # the title
    assert at.multiselect(key="source").options == ["yoon-2019-diplomat"]
    at.text_input(key="source_find").input("camp david").run()  # two of six
    assert sorted(at.multiselect(key="source").options) == FEED_IDS[:2]


def test_a_long_feed_keeps_the_articles_a_link_chose(monkeypatch):
    monkeypatch.setattr(frame, "LONG_FEED", 0)
    monkeypatch.setattr(frame, "SOURCES_LISTED", 0)  # the search lists nothing
    at = run_page("threats", {"source": ["yoon-2019-diplomat", "no-such-article"]})
    assert not at.exception
    assert at.session_state["source"] == ["yoon-2019-diplomat"]
    assert at.multiselect(key="source").options == ["yoon-2019-diplomat"]


def test_a_long_feed_is_drawn_first_and_its_problems_follow(data_copy, monkeypatch):
    from jkdefense.data import cache

    monkeypatch.setattr(cache, "CHECK_AFTER_DRAWING_ABOVE", 0)
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data_copy))
    misquote(data_copy)
    at = run_page("threats")
    assert not at.exception
    assert "Checking the data of 6 articles" in at.info[0].value
    assert not at.error
    # The evidence panel reads the chosen row's sentences itself meanwhile.
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quotes and "Air Defense Identification Zone" in quotes[0]
    at.switch_page("pages/sources.py").run()
    open_tab(at, "sources_tab", "Data quality")
    assert any("still being checked" in i.value for i in at.info)

    cache.wait_for_checks()
    at.run()
    assert not at.exception
    assert not any("Checking the data" in i.value for i in at.info)
    banner = at.error[0].value.replace("\\", "")
    assert "1 data problem(s)" in banner
    assert "threats.csv row 2, evidence_quote: quote 'Words the article" in banner
    at.switch_page("pages/threats.py").run()
    assert [m.value for m in at.markdown if m.value.startswith("> ")] == quotes


def test_every_page_offers_the_link_that_reopens_its_view():
    params = {"domain": ["sea"], "focus": "KR", "threats_actor": ["CN"]}
    at = run_page("threats", params)
    link = at.text[-1].value
    query = link.split("?", 1)[1]
    assert sorted(query.split("&")) == [
        "domain=sea",
        "focus=KR",
        "threats_actor=CN",
    ]
    # The default view needs no parameters at all.
    assert "?" not in run_page("pathway").text[-1].value


def test_only_the_open_sources_tab_runs():
    at = run_page("sources")
    assert at.session_state["sources_tab"] == "Sentences"
    assert at.text_input(key="sources_query")  # the open tab's content
    assert not at.get("vega_lite_chart")  # the closed tabs' charts are not sent
    open_tab(at, "sources_tab", "Data quality")
    assert not at.exception
    assert not at.text_input  # the search is in a tab closed now
    (coverage,) = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert coverage["description"].startswith("Bar chart of curated rows per domain")


def test_each_pathway_section_runs_when_its_tab_is_open():
    at = run_page("pathway")
    assert at.session_state["pathway_section"] == "Route"
    (route,) = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert route["description"].startswith("Route of the article's cooperation steps")
    assert not at.get("plotly_chart")  # the app's pages draw Plotly only on request
    seen = {}
    for section in ("Since the article", "Precedents", "Why now"):
        open_tab(at, "pathway_section", section)
        assert not at.exception, at.exception
        assert not any(
            json.loads(c.proto.spec)["description"].startswith("Route of")
            for c in at.get("vega_lite_chart")
        ), "the route's chart is not sent now"
        seen[section] = [
            json.loads(c.proto.spec)["description"] for c in at.get("vega_lite_chart")
        ]
        assert section.split(" ")[0].lower() in at.header[0].value.lower()
    assert seen["Since the article"][0].startswith("Timeline of each proposal's state")
    assert seen["Precedents"][0].startswith("Grid of the partner countries")
    assert seen["Why now"] == [] and at.dataframe  # the drivers table


# Pages whose charts are drawn one to a tab: the tabs' key and their labels.
CHART_TABS = {
    "threats": ("threats_chart", threats.TABS),
    "programs": ("programs_chart", programs.TABS),
    "pairings": ("pairings_chart", pairings.TABS),
}


def drawn_titles(at, takeaway: str = "") -> list[str]:
    """The finding printed above each chart the run sent, Altair and Plotly alike.

    A chart's finding is a bold line above it (as is the page's takeaway, the
    first bold line, left out here); its caption is under the plot.
    """
    charts = len(at.get("vega_lite_chart")) + len(plotly_data(at))
    bold = [
        m.value[2:-2].replace("\\", "")
        for m in at.markdown
        if m.value.startswith("**") and m.value.endswith("**")
    ]
    findings = [b for b in bold if b != takeaway] if takeaway else bold[1:]
    assert len(findings) == charts, (findings, charts)
    return findings


@pytest.mark.parametrize("page", sorted(CHART_TABS))
def test_each_chart_tab_draws_its_own_chart_and_no_other(page, package):
    key, tabs = CHART_TABS[page]
    view, settings = links.view_from_params(package, {})
    built = registry.PAGE_BY_NAME[page].build(
        package.tables, view, context.chart_labels(package, view), settings
    )
    titles = {chart.key: chart.title for chart in built.charts}
    at = run_page(page)
    assert at.session_state[key] == next(iter(tabs.values()))  # the first is open
    for chart_key, label in tabs.items():
        open_tab(at, key, label)
        assert not at.exception, at.exception
        assert drawn_titles(at, built.takeaway) == [titles[chart_key]], label
    assert set(tabs) <= set(titles), "every tab names a chart the page builds"


def test_the_pairing_in_detail_tab_draws_the_chosen_pairing_s_parts():
    at = run_page("pairings")
    last = at.selectbox(key="pairings_pair").options[-1]
    at.selectbox(key="pairings_pair").set_value(last).run()
    takeaway = next(m.value for m in at.markdown if "Strongest pairing" in m.value)
    takeaway = takeaway[2:-2].replace("\\", "")
    assert len(drawn_titles(at, takeaway)) == 1  # the score matrix, not the parts
    open_tab(at, "pairings_chart", pairings.DETAIL_TAB)
    (title,) = drawn_titles(at, takeaway)
    assert title.startswith(f"Why {last} scores "), title
    assert at.session_state["pairings_pair"] == last  # chosen above the tabs


def test_a_chart_the_filters_leave_out_keeps_its_tab_and_says_why():
    at = run_page("threats", {"domain": ["sea"]})
    open_tab(at, "threats_chart", threats.TABS["threats_scrambles"])
    assert not drawn_titles(at)
    said = [i.value.replace("\\", "") for i in at.info]  # Markdown escapes
    assert said == [threats.SCRAMBLES_NEED_AIR]


def test_the_link_reopens_the_open_tab_with_the_filters(package):
    at = run_page("threats", {"threats_chart": "Map", "domain": ["sea"]})
    query = at.text[-1].value.split("?", 1)[1]
    assert sorted(query.split("&")) == ["domain=sea", "threats_chart=Map"]
    links.view_from_params(package, links.parse_query(query))  # a known parameter
    # On its first tab, the page needs no parameter for it.
    at = run_page("threats", {"domain": ["sea"]})
    open_tab(at, "threats_chart", threats.TABS["threats_scrambles"])
    assert at.text[-1].value.endswith("?domain=sea&threats_chart=Scrambles")
    open_tab(at, "threats_chart", threats.TABS["threats_matrix"])
    assert at.text[-1].value.endswith("?domain=sea")


@pytest.mark.parametrize("value", ["<b>Map</b>", "map", "", "Map" * 1000])
def test_a_tab_the_url_names_wrongly_opens_the_first_tab(value):
    at = run_page("threats", {"threats_chart": value})
    assert not at.exception, at.exception
    assert at.session_state["threats_chart"] == threats.TABS["threats_matrix"]
    assert drawn_titles(at) and "threats_chart" not in at.text[-1].value
