"""The Curate page: proposals in context; Accept, Edit and Reject land safely."""

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager

from jkdefense.data import load, paths, writer
from jkdefense.pipeline import propose
from jkdefense.pipeline.propose import inputs
from jkdefense.report import curate
from jkdefense.ui.curate import list_key
from tests.apptest import run_page
from tests.test_ingest import snapshot


@pytest.fixture(autouse=True)
def clicks_reach_the_page(monkeypatch):
    """AppTest detects the pages/ folder afresh at every run, so app.py would leave
    legacy pages mode with a rerun every time, and a rerun drops a button's click
    (a browser session leaves that mode once: tests/browser/test_curate.py)."""
    detect = PagesManager.__init__

    def without_legacy_mode(self, *args, **kwargs):
        detect(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # as app.py's first run leaves it

    monkeypatch.setattr(PagesManager, "__init__", without_legacy_mode)


@pytest.fixture
def curate_copy(data_copy, monkeypatch):
    """The app on a copy of the data, so decisions write there."""
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data_copy))
    return data_copy


def first_open(data_dir, with_nothing_to_fill=True):
    """The best open proposal (one the analyst can accept as it stands)."""
    open_ = propose.proposals(data_dir)
    assert not open_.empty
    if with_nothing_to_fill:
        open_ = open_[open_["open_fields"] == ""]
        assert not open_.empty, "no proposal is complete as proposed"
    return open_.iloc[0]


def choose(at, proposal_id, source_ids=None):
    """Select a proposal in the list as a click on its row does."""
    rows = propose.proposals(paths.data_dir(), source_ids)
    position = int(rows.index[rows["proposal_id"] == proposal_id][0])
    at.session_state[list_key(rows)] = {
        "selection": {"rows": [position], "columns": [], "cells": []}
    }
    return at.run()


def text_of(at) -> str:
    return " ".join(
        e.value
        for kind in ("markdown", "caption", "success", "error", "warning")
        for e in getattr(at, kind)
    )


def rows_of(data_dir, table) -> pd.DataFrame:
    return pd.read_csv(data_dir / f"{table}.csv", dtype=str, keep_default_na=False)


def test_the_page_lists_proposals_with_the_sentence_in_context(curate_copy):
    at = run_page("curate")
    assert not at.exception
    shown = text_of(at)
    best = propose.proposals(curate_copy).iloc[0]
    assert "wait for review" in shown
    # The sentence it rests on is shown in bold among its neighbours.
    assert at.markdown, "no sentence shown"
    assert any("**" in m.value for m in at.markdown)
    assert at.header[0].value.startswith(f"Proposed {best['table']} row:")
    labels = [b.label for b in at.button]
    assert {"Accept", "Reject", "Accept with these values"} <= set(labels)


def test_the_form_offers_the_schema_choices_and_the_rubric(curate_copy):
    developments = propose.proposals(curate_copy)
    developments = developments[developments["table"] == "developments"]
    assert not developments.empty
    at = choose(run_page("curate"), developments.iloc[0]["proposal_id"])
    assert not at.exception
    boxes = {box.label: box for box in at.selectbox}
    pkg = load.load_package(curate_copy)
    fields = curate.form_fields(pkg.descriptor, pkg.tables["rubrics"], "developments")
    for field in fields:
        if field.kind == "choice":
            assert field.name in boxes
            # Each choice is offered, shown with its meaning where it has one.
            offered = {option.split(":", 1)[0] for option in boxes[field.name].options}
            assert set(field.choices) <= offered
    # The rubric of the states sits beside them.
    states = next(f for f in fields if f.name == "state_after_type")
    assert states.rubric
    captions = " ".join(c.value for c in at.caption)
    for _, level_name, _ in states.rubric:
        assert level_name.split()[0] in captions


def test_accept_writes_the_row_and_the_pages_show_it(curate_copy):
    proposal = first_open(curate_copy)
    at = choose(run_page("curate"), proposal["proposal_id"])
    at.button(key=f"curate_accept_{proposal['proposal_id']}").click().run()
    assert not at.exception
    assert any("Added to" in s.value for s in at.success), text_of(at)
    table = rows_of(curate_copy, proposal["table"])
    key = table.columns[0]
    assert proposal["row_id"] in set(table[key])
    # Checked, derived and logged: the package has no problem, the log names it.
    pkg = load.load_package(curate_copy)
    assert pkg.problems == []
    assert proposal["row_id"] in set(pkg.tables[proposal["table"]][key])
    assert proposal["row_id"] in (curate_copy / "CHANGELOG.md").read_text()
    # The proposal is gone from the list on the next run.
    assert proposal["proposal_id"] not in set(
        propose.proposals(curate_copy)["proposal_id"]
    )


def test_a_click_lands_on_the_proposal_shown_when_the_list_changed_beneath_it(
    curate_copy,
):
    complete = propose.proposals(curate_copy)
    complete = complete[complete["open_fields"] == ""]
    assert len(complete) >= 2
    above, shown = complete.iloc[0], complete.iloc[1]
    at = choose(run_page("curate"), shown["proposal_id"])
    assert at.header[0].value.startswith(f"Proposed {shown['table']} row")
    # Another session accepts a proposal listed above the one shown here: every
    # proposal below it moves up one row.
    propose.accept(curate_copy, above["proposal_id"])
    at.button(key=f"curate_accept_{shown['proposal_id']}").click().run()
    assert not at.exception
    said = " ".join(s.value for s in at.success).replace("\\", "")
    assert f"Added to {shown['table']}.csv: {shown['subject']}" in said, text_of(at)
    for proposal in (above, shown):
        table = rows_of(curate_copy, proposal["table"])
        assert proposal["row_id"] in set(table[table.columns[0]])
    assert load.load_package(curate_copy).problems == []


def test_the_proposal_shown_stays_shown_when_the_list_changes_beneath_it(
    curate_copy,
):
    rows = propose.proposals(curate_copy)
    above, shown = rows.iloc[0], rows.iloc[2]
    at = choose(run_page("curate"), shown["proposal_id"])
    propose.reject(curate_copy, above["proposal_id"], "another session")
    at.run()
    assert not at.exception
    assert at.header[0].value.startswith(f"Proposed {shown['table']} row")
    assert shown["subject"] in at.header[0].value.replace("\\", "")


def test_the_row_shown_and_written_come_from_the_articles_the_list_proposes_from(
    curate_copy, monkeypatch
):
    every = tuple(rows_of(curate_copy, "sources")["source_id"])
    chosen = every[1:3]
    listed = propose.proposals(curate_copy, chosen)
    complete = listed[listed["open_fields"] == ""]
    assert not complete.empty
    proposal = complete.iloc[0]
    read = []
    real = inputs.read_feed

    def reading(data_dir, source_ids=None):
        read.append(source_ids)
        return real(data_dir, source_ids)

    monkeypatch.setattr(inputs, "read_feed", reading)
    at = run_page("curate", {"source": list(chosen)})
    at = choose(at, proposal["proposal_id"], chosen)
    assert at.header[0].value.startswith(f"Proposed {proposal['table']} row")
    at.button(key=f"curate_accept_{proposal['proposal_id']}").click().run()
    assert not at.exception
    assert any("Added to" in s.value for s in at.success), text_of(at)
    table = rows_of(curate_copy, proposal["table"])
    assert proposal["row_id"] in set(table[table.columns[0]])
    # The list, the row shown and Accept each read those two articles, never
    # the whole feed (the test's own listings aside).
    assert read and set(read) == {chosen}


def test_an_edit_that_breaks_the_row_is_refused_and_nothing_is_written(curate_copy):
    proposal = first_open(curate_copy)
    date_field = {"incidents": "incident_date", "developments": "development_date"}
    if proposal["table"] not in date_field:
        pytest.skip("the best proposal has no date field")
    at = choose(run_page("curate"), proposal["proposal_id"])
    before = snapshot(curate_copy)
    field = date_field[proposal["table"]]
    at.text_input(key=f"curate_{proposal['proposal_id']}_{field}").input("someday")
    at.button[[b.label for b in at.button].index("Accept with these values")].click()
    at.run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Not written" in errors
    assert f"{proposal['table']}.csv" in errors.replace("\\", "")
    assert field in errors.replace("\\", "")
    assert snapshot(curate_copy) == before


def test_reject_keeps_a_proposal_from_coming_back(curate_copy):
    proposal = first_open(curate_copy, with_nothing_to_fill=False)
    at = choose(run_page("curate"), proposal["proposal_id"])
    at.text_input(key=f"curate_why_{proposal['proposal_id']}").input("a courtesy")
    at.button(key=f"curate_reject_{proposal['proposal_id']}").click().run()
    assert not at.exception
    assert any("Rejected" in s.value for s in at.success)
    assert proposal["proposal_id"] not in set(
        propose.proposals(curate_copy)["proposal_id"]
    )
    assert load.load_package(curate_copy).problems == []


def test_a_busy_writer_is_reported_and_nothing_is_written(curate_copy, monkeypatch):
    monkeypatch.setattr(writer, "LOCK_WAIT_S", 0.2)
    proposal = first_open(curate_copy)
    at = choose(run_page("curate"), proposal["proposal_id"])
    before = snapshot(curate_copy)
    with writer.lock(curate_copy, wait_s=0.2):
        at.button(key=f"curate_accept_{proposal['proposal_id']}").click().run()
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert "Try again" in warned
    assert snapshot(curate_copy) == before


def test_a_long_view_proposes_from_its_most_recent_articles():
    sources = pd.DataFrame(
        {
            "source_id": [f"a{i:02d}" for i in range(30)],
            "date_published": pd.to_datetime(
                [f"20{10 + i % 15}-0{1 + i % 9}-01" for i in range(30)]
            ),
        }
    )
    everything = tuple(sources["source_id"])
    assert curate.articles_to_propose_from(sources, everything[:5]) == everything[:5]
    chosen = curate.articles_to_propose_from(sources, everything, most=20)
    assert len(chosen) == 20
    newest = sources.set_index("source_id").loc[list(chosen), "date_published"]
    left_out = sources[~sources["source_id"].isin(chosen)]["date_published"]
    assert newest.min() >= left_out.max()
