"""The story since the article: developments, the period filter, corroboration."""

import pandas as pd
import pytest

from jkdefense.analysis import developments, feed_counts, filters
from jkdefense.data import consistency
from jkdefense.report import pathway
from tests.apptest import run_page

START, END = pd.Timestamp("2019-03-01"), pd.Timestamp("2026-01-30")
STORY = pd.DataFrame(
    {
        "subject_name": ["GSOMIA", "Hotline", "GSOMIA", "GSOMIA"],
        "development_date": pd.to_datetime(
            ["2019-08-23", "2023-08-18", "2019-11-22", "2023-03-21"]
        ),
        "state_before_type": [
            "in_force",
            "none",
            "in_force_notice_pending",
            "in_force_notice_suspended",
        ],
        "state_after_type": [
            "in_force_notice_pending",
            "agreed",
            "in_force_notice_suspended",
            "in_force",
        ],
        "change_summary": ["notice", "announced", "notice held", "normalised"],
    }
)


def test_each_subject_runs_from_the_article_to_the_latest_source():
    stretches = developments.segments(STORY, START, END)
    gsomia = stretches[stretches["subject_name"] == "GSOMIA"]
    assert list(gsomia["state_type"]) == [
        "in_force",
        "in_force_notice_pending",
        "in_force_notice_suspended",
        "in_force",
    ]
    # The agreement stayed in force throughout: every stretch says so.
    assert all(name.startswith("in force") for name in gsomia["state_name"])
    assert gsomia["start"].iloc[0] == START and gsomia["end"].iloc[-1] == END
    # Stretches meet: each ends where the next begins.
    assert list(gsomia["end"].iloc[:-1]) == list(gsomia["start"].iloc[1:])
    assert list(gsomia["is_current"]) == [False, False, False, True]


def test_today_s_state_is_the_latest_change_not_the_first():
    now = developments.current_states(STORY).set_index("subject_name")
    assert now.loc["GSOMIA", "state_type"] == "in_force"  # not the notice
    assert now.loc["GSOMIA", "since"] == "21 Mar 2023"
    assert now.loc["Hotline", "state_name"] == "agreed"
    title = pathway.developments_title(now.reset_index(), END)
    assert title == "As of Jan 2026, 1 of 2 proposals is in force"


def test_state_names_are_the_rubric_s_level_names(package):
    rubrics = package.tables["rubrics"]
    for field in ("state_before_type", "state_after_type"):
        levels = rubrics[
            (rubrics["table_name"] == "developments") & (rubrics["field_name"] == field)
        ]
        assert dict(zip(levels["level"], levels["level_name"], strict=True)) == (
            developments.STATE_NAMES
        )


def test_gsomia_stays_in_force_from_its_signature_to_today(package):
    story = package.tables["developments"]
    gsomia = story[story["development_id"].str.endswith("-gsomia")]
    assert len(gsomia) >= 3
    states = set(gsomia["state_before_type"]) | set(gsomia["state_after_type"])
    assert states <= set(developments.IN_FORCE)
    notice = gsomia.set_index("development_id")
    assert notice.at["2019-08-23-gsomia", "state_after_type"] == (
        "in_force_notice_pending"
    )
    assert notice.at["2019-11-22-gsomia", "state_after_type"] == (
        "in_force_notice_suspended"
    )
    assert notice.at["2023-03-21-gsomia", "state_after_type"] == "in_force"


def raw_story(**changes) -> pd.DataFrame:
    rows = {
        "development_id": ["a", "b"],
        "subject_table": ["pathway", "pathway"],
        "subject_id": ["policy-level", "policy-level"],
        "development_date": ["2025-09-08", "2026-01-30"],
        "state_before_type": ["none", "talks"],
        "state_after_type": ["talks", "talks"],
    }
    return pd.DataFrame({**rows, **changes}, dtype=str)


TABLES = {"pathway": pd.DataFrame({"step_id": ["policy-level"]}, dtype=str)}


def test_a_development_story_that_holds_together_passes():
    assert consistency.check_developments(raw_story(), TABLES) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"state_before_type": ["none", "agreed"]},
            "state_before_type",
            "the development in row 2 left pathway:policy-level 'talks'",
        ),
        ({"subject_id": ["policy-level", "nowhere"]}, "subject_id", "not a step_id"),
        (
            {"development_date": ["2019-03-15", "2026-01-30"]},
            "development_date",
            "not after the article",
        ),
    ],
)
def test_a_broken_story_names_row_and_field(changes, field, words):
    found = consistency.check_developments(raw_story(**changes), TABLES)
    assert [p.field for p in found] == [field]
    assert words in found[0].message and found[0].file == "developments.csv"


SOURCES = pd.DataFrame(
    {
        "source_id": ["a19", "b23", "c23"],
        "date_published": ["2019-03", "2023-08-18", "2023-08-18"],
    }
)


def test_the_period_keeps_the_articles_published_within_it():
    assert filters.sources_in_period(SOURCES, ("a19", "b23", "c23"), (2020, 2026)) == (
        "b23",
        "c23",
    )
    assert filters.sources_in_period(SOURCES, ("a19", "c23"), None) == ("a19", "c23")
    assert filters.latest_date(SOURCES, ("a19", "b23")) == "2023-08-18"


def test_the_period_narrows_dated_rows_and_says_so():
    events = pd.DataFrame(
        {
            "incident_date": pd.to_datetime(["2018-12-20", "2023-08-18", "2024-06-01"]),
            "evidence_sentence_ids": [["a19:s001"]] * 3,
            "domain_type": ["sea", "air", "multi"],
        }
    )
    view = filters.ViewFilters(source_ids=("a19",), period=(2019, 2023))
    kept = filters.events_in_view(events, view, "incident_date")
    assert list(kept["incident_date"].dt.year) == [2023]
    text = filters.ViewFilters(
        source_ids=("a19",),
        period=(2019, 2023),
        as_of="2023-08-18",
        data_to="2023-12-19",
        uncited=1,
    ).describe(("a19", "b23"))
    assert text.endswith(
        "1 of 2 articles · 2019–2023 · latest article 2023-08-18 · "
        "data to 2023-12-19 · 1 article not yet cited"
    )


def test_a_row_s_support_counts_distinct_articles():
    ids = pd.Series([["a:s001", "a:s002"], ["a:s001", "b:s004", "c:s002"], []])
    assert list(feed_counts.article_counts(ids)) == [1, 3, 0]
    assert list(feed_counts.corroboration(ids)) == [
        "1 article",
        "3 articles, corroborated",
        "0 articles",
    ]


def test_the_period_in_a_link_narrows_every_page():
    at = run_page("sources", {"period": ["2022", "2023"]})
    assert not at.exception
    # The feed table lists the two articles of 2023, not those of 2019 or later.
    assert len(at.dataframe[0].value) == 2
    at = run_page("threats", {"period": ["2022", "2023"]})
    said = " ".join(m.value for m in [*at.info, *at.caption]).replace("\\", "")
    assert "2 of 6 articles · 2022–2023 · latest article 2023-08-18" in said
    assert "data to 2023-08-18" in said  # the latest dated row in view


def test_a_hostile_period_in_a_link_is_ignored():
    at = run_page("pathway", {"period": ["<b>x</b>", "99999"]})
    assert not at.exception
    assert at.session_state["period"][0] < at.session_state["period"][1]
    caption = at.caption[0].value.replace("\\", "")
    assert "latest article 2025-11-13 · data to 2026-01-30" in caption


def test_the_timeline_title_counts_in_good_english():
    now = pd.DataFrame({"state_type": ["ended", "in_force_notice_pending", "talks"]})
    assert pathway.developments_title(now, END) == (
        "As of Jan 2026, 1 of 3 proposals is in force; 1 has nothing in place or ended"
    )
    working = pd.DataFrame({"state_type": ["in_force", "in_force", "talks"]})
    assert pathway.developments_title(working, END) == (
        "As of Jan 2026, 2 of 3 proposals are in force"
    )


def test_currency_counts_the_articles_no_curated_row_cites(package, data_copy):
    from jkdefense.data import load
    from jkdefense.report import context

    data_to, uncited = context.currency(package, package.source_ids, None)
    dates = [
        package.tables["incidents"]["incident_date"].max(),
        package.tables["developments"]["development_date"].max(),
    ]
    assert data_to == f"{max(dates):%Y-%m-%d}"
    assert uncited == 0  # every article of the shipped feed is cited
    # An article ingested but not yet curated counts as not yet cited.
    sources = data_copy / "sources.csv"
    rows = sources.read_text(encoding="utf-8").splitlines()
    cites = [r for r in rows if r.startswith("whitehouse-2024-trilateral")]
    assert cites
    pkg = load.load_package(data_copy)
    ids = tuple(s for s in pkg.source_ids if s != "yoon-2019-diplomat")
    only_new = {
        name: table
        for name, table in pkg.tables.items()
        if name == "sources" or "evidence_sentence_ids" not in table
    }
    pkg.tables = only_new
    assert context.currency(pkg, ids, None) == ("", len(ids))
