"""Sources: the feed, sentences, mentions, fact-checks, curation, changes, files."""

from jkdefense import ui

pkg = ui.package()
ui.page_title("sources")
ui.require(pkg, "sources")
view = ui.current_view(pkg)
page = ui.page_view("sources", pkg, view)
charts = {chart.key: chart for chart in page.charts}
ui.takeaway(page.takeaway)
ui.cannot_use(pkg, ("sentences", "entity_mentions"), "Counting the feed")
ui.feed_table(page.related["feed"])
ui.not_yet_curated(page.related["not_yet_curated"])


def mentions() -> None:
    if "sources_mentions" in charts:
        ui.show_chart(charts["sources_mentions"])
    else:
        ui.nothing_to_show("mentions", ui.chart_labels(pkg, view)["subtitle"])


def fact_checks() -> None:
    if "sources_verdicts" in charts:
        ui.show_chart(charts["sources_verdicts"])
    ui.claims_table(page.rows)
    ui.evidence_panel(pkg, page.rows, page.label_column, key="sources_evidence")


def what_changed() -> None:
    ui.change_log(pkg)
    ui.changes_since(pkg)


def data_dictionary() -> None:
    ui.data_dictionary(pkg)
    ui.source_rules(pkg)


def data_quality() -> None:
    ui.problems_table(pkg)
    if "sources_coverage" in charts:
        ui.show_chart(charts["sources_coverage"])


# Each tab, and the tables it reads beyond sources.csv (named if they are broken).
TABS = {
    "Sentences": (lambda: ui.sentence_search(pkg, view, 40), "sentences", "mentions"),
    "Mentions": (mentions, "entity_mentions"),
    "Fact-checks": (fact_checks, "claims"),
    "Curation queue": (
        lambda: ui.curation_queue(pkg, view, 500),
        "sentence_entities",
        "sentences",
    ),
    "New names": (lambda: ui.new_names(pkg, view), "sentences"),
    "What changed": (what_changed,),
    "Data dictionary": (data_dictionary,),
    "Downloads": (lambda: ui.download_buttons(pkg),),
    "Data quality": (data_quality,),
}
ui.open_tab_only(ui.unless_broken(pkg, TABS), key="sources_tab")
ui.briefing_buttons(pkg, page, key="sources_briefing")
