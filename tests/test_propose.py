"""The feed proposes rows: what a sentence gives, how proposals rank, their ids.

Sentences are the feed's own, named by a fragment of their text, read from the
replay copy (tests/propose_copy.py), where the shared documents' sentences are
cited by no row, as they were when they arrived.
"""

import re
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jkdefense import cli
from jkdefense.data.spreadsheet import safe_csv
from jkdefense.pipeline import propose
from jkdefense.pipeline.propose import dates, find, land, listing
from jkdefense.pipeline.propose import vocabulary as words
from jkdefense.pipeline.propose.cli import CSV_COLUMNS
from jkdefense.pipeline.propose.subjects import Subjects
from tests.conftest import ROOT
from tests.propose_copy import SHARED_DOCUMENTS, replayed  # noqa: F401

CSV_HEADER = (
    "proposal_id,table,subject,date,date_source,evidence_sentence_ids,evidence_quote"
)


@pytest.fixture(scope="module")
def found(replayed):  # noqa: F811
    """The proposals for the shared documents, on the replay copy."""
    return propose.proposals(replayed[0], SHARED_DOCUMENTS)


def proposals_of(found: pd.DataFrame, fragment: str, table: str) -> pd.DataFrame:
    """The proposals of ``table`` that quote the sentence holding ``fragment``."""
    holds = found["evidence_quote"].str.contains(fragment, regex=False)
    return found[holds & (found["table"] == table)]


# (sentence fragment, table, fields of the proposed row)
TRUE_CASES = [
    (
        "recent launch of the Multilateral Sanctions Monitoring Team",
        "incidents",
        {
            "incident_type": "monitoring",
            "incident_date": "2024-10-01",
            "date_precision_type": "month",
            "alias_names": "Multilateral Sanctions Monitoring Team;MSMT",
        },
    ),
    (
        "recent launch of the Multilateral Sanctions Monitoring Team",
        "developments",
        {"state_after_type": "in_force", "development_date": "2024-10-01"},
    ),
    (
        "recent launch of the Multilateral Sanctions Monitoring Team",
        "programs",
        {
            "program_name": "Multilateral Sanctions Monitoring Team",
            "program_group_type": "context",
            "program_id": "msmt",
        },
    ),
    (
        "the first trilateral defense ministers meeting in Tokyo",
        "incidents",
        {
            "incident_type": "summit",
            "actor_country_codes": "US;JP;KR",
            "date_precision_type": "day",
            "incident_date": "2024-10-25",
        },
    ),
    (
        "On Friday, October 25, National Security Advisor",
        "incidents",
        {
            "incident_date": "2024-10-25",
            "date_precision_type": "day",
            "incident_name": "Second trilateral National Security Advisors meeting",
        },
    ),
    (
        "has given approval for the ROK to build nuclear-powered attack submarines",
        "developments",
        {"state_after_type": "agreed", "domain_type": "undersea"},
    ),
    (
        "strongly condemn North Korea’s continued development",
        "threats",
        {"actor_country_code": "KP", "domain_type": "missile"},
    ),
    (
        "Forum on Defense Industrial Cooperation, Acquisition and Sustainment (DICAS)",
        "programs",
        {
            "program_id": "dicas",
            "alias_names": "Forum on Defense Industrial Cooperation, "
            "Acquisition and Sustainment;DICAS",
        },
    ),
    (
        "operationalization of a trilateral missile warning data sharing mechanism",
        "developments",
        {"subject_table": "drivers", "state_after_type": "in_force"},
    ),
]


@pytest.mark.parametrize(("fragment", "table", "cells"), TRUE_CASES)
def test_a_sentence_gives_its_row(replayed, found, fragment, table, cells):  # noqa: F811
    mine = proposals_of(found, fragment, table)
    assert len(mine) >= 1, (fragment, table)
    rows = [propose.proposed_row(replayed[0], i) for i in mine["proposal_id"]]
    assert any(all(row[k] == v for k, v in cells.items()) for row in rows), rows


# (sentence fragment, table it must not give a row of)
FALSE_CASES = [
    ("reaffirmed the importance of maintaining peace and stability", "developments"),
    ("reaffirmed the importance of maintaining peace and stability", "incidents"),
    (
        "expressed concern over the deteriorating situation in the Middle East",
        "threats",
    ),
    # A launch of missiles is no launch of a mechanism.
    ("launches of intercontinental ballistic missiles", "developments"),
    # Recalling a known summit is no new summit.
    ("Continuing the momentum from the Camp David Summit", "incidents"),
]


@pytest.mark.parametrize(("fragment", "table"), FALSE_CASES)
def test_a_sentence_gives_no_row_it_does_not_say(found, fragment, table):
    assert proposals_of(found, fragment, table).empty


def test_a_run_in_heading_is_not_quoted(found):
    quotes = found["evidence_quote"]
    assert not quotes.str.match(r"^[A-Z][A-Z ,.'’&-]{6,}:").any()
    assert quotes.str.startswith(
        "President Trump and President Lee reaffirmed the"
    ).any()


def test_every_proposal_carries_what_the_curated_row_needs(replayed, found):  # noqa: F811
    assert tuple(found.columns) == propose.PROPOSAL_COLUMNS
    assert found["proposal_id"].str.fullmatch(r"p-[0-9a-f]{10}").all()
    assert found["proposal_id"].is_unique
    assert set(found["date_source"]) <= {"sentence", "article date"}
    assert (found["evidence_type"] == "stated").all()
    sentences = pd.read_parquet(replayed[0] / "sentences.parquet")
    text = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    for quote, ids in found[["evidence_quote", "evidence_sentence_ids"]].itertuples(
        index=False
    ):
        assert quote in text[ids], (quote, ids)


def test_dated_actions_with_names_rank_before_sentences_naming_only_countries(found):
    only_countries = found[found["why"].str.contains("only countries|no name")]
    named_and_dated = found[
        found["why"].str.startswith("dated")
        & found["why"].str.contains("naming (?:new name|known)")
    ]
    assert not only_countries.empty and not named_and_dated.empty
    assert named_and_dated["rank"].max() < only_countries["rank"].min()
    assert list(found["rank"]) == list(range(1, len(found) + 1))


def test_the_why_says_what_was_found(found):
    msmt = proposals_of(
        found, "recent launch of the Multilateral Sanctions", "incidents"
    )
    assert msmt["why"].iloc[0] == (
        "dated event 'monitoring' (Oct 2024) naming new name MSMT"
    )


def test_ids_stay_when_sentences_are_renumbered(replayed, tmp_path):  # noqa: F811
    """A sentence given another number keeps its proposals' ids."""
    project = tmp_path / "renumbered"
    shutil.copytree(replayed[0].parent, project, ignore=shutil.ignore_patterns(".*"))
    before = propose.proposals(project / "data", SHARED_DOCUMENTS)
    for name in ("sentences", "mentions"):
        path = project / "data" / f"{name}.parquet"
        table = pq.read_table(path).to_pandas()
        table["sentence_id"] = table["sentence_id"].map(
            lambda i: re.sub(r"s(\d+)$", lambda m: f"s{int(m.group(1)) + 500:03d}", i)
        )
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path)
    after = propose.proposals(project / "data", SHARED_DOCUMENTS)
    assert list(after["proposal_id"]) == list(before["proposal_id"])
    assert list(after["evidence_sentence_ids"]) != list(before["evidence_sentence_ids"])


def test_a_proposal_id_rests_on_table_article_and_text():
    one = listing.proposal_id("incidents", "a-2024", "They met  in Seoul.")
    assert one == listing.proposal_id("incidents", "a-2024", "They met in Seoul.")
    assert one != listing.proposal_id("developments", "a-2024", "They met in Seoul.")
    assert one != listing.proposal_id("incidents", "b-2024", "They met in Seoul.")


DATE_CASES = [
    ("held on 16 October 2024 in Seoul", "2024-10-16", "day", "16 October 2024"),
    ("the June 27–29, 2024 exercise", "2024-06-27", "day", "June 27–29, 2024"),
    ("On Friday, October 25, they met", "2024-10-25", "day", "October 25"),
    ("launched in June 2024", "2024-06-01", "month", "June 2024"),
    ("the announcement in July of the deal", "2024-07-01", "month", "July"),
    ("in Seoul last week", "2024-10-01", "month", "last week"),
    ("signed in mid-June", "2024-06-01", "month", "June"),
    ("a visit on December 5", "2023-12-05", "day", "December 5"),
]


@pytest.mark.parametrize(("text", "iso", "precision", "written"), DATE_CASES)
def test_a_sentence_dates_its_event(text, iso, precision, written):
    # The article of 25 Oct 2024; "December 5" lies too far ahead: the year before.
    found = dates.sentence_date(
        text, "2024-03-25" if "December" in text else "2024-10-25"
    )
    assert (found.iso, found.precision, found.written) == (iso, precision, written)


@pytest.mark.parametrize(
    "text", ["They may meet soon.", "since 2006", "by the end of the year"]
)
def test_without_a_date_the_article_date_stands_in(text):
    assert dates.sentence_date(text, "2024-10-25") is None
    assert dates.date_of(text, "2019-03") == dates.Dated(
        "2019-03-01", "month", "article date", "2019-03"
    )


def run_propose(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jkdefense", "propose", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_command_prints_the_list_and_the_csv(replayed):  # noqa: F811
    data = str(replayed[0])
    listed = run_propose(
        "--data", data, "--source", SHARED_DOCUMENTS[0], "--limit", "3"
    )
    assert listed.returncode == 0, listed.stderr
    assert re.match(r"\s+1\. p-[0-9a-f]{10}  \w+  \d{4}-\d\d", listed.stdout)
    as_csv = run_propose("--csv", "--data", data, "--source", SHARED_DOCUMENTS[0])
    assert as_csv.returncode == 0, as_csv.stderr
    assert as_csv.stdout.startswith(CSV_HEADER + ",")
    assert len(as_csv.stdout.splitlines()) > 5


def test_an_unknown_source_is_refused_in_one_line(replayed):  # noqa: F811
    refused = run_propose("--data", str(replayed[0]), "--source", "no-such-article")
    assert refused.returncode == 1
    assert (
        refused.stderr
        == "propose: unknown source 'no-such-article' (not in sources.csv)\n"
    )


def test_the_csv_is_safe_for_spreadsheets(replayed):  # noqa: F811
    frame = propose.proposals(replayed[0], SHARED_DOCUMENTS).head(3).copy()
    frame.loc[0, "subject"] = "=HYPERLINK(1)"
    assert ",'=HYPERLINK(1)," in safe_csv(frame[CSV_COLUMNS])


def story(*steps: tuple[str, str, str]) -> Subjects:
    """The subjects of a drivers row with developments (date, before, after)."""
    tables = {
        "drivers": pd.DataFrame(
            [
                {
                    "driver_id": "link",
                    "driver_name": "Trilateral link",
                    "domain_type": "multi",
                }
            ]
        ),
        "developments": pd.DataFrame(
            [
                {
                    "subject_table": "drivers",
                    "subject_id": "link",
                    "development_date": d,
                    "state_before_type": b,
                    "state_after_type": a,
                    "subject_name": "Link",
                }
                for d, b, a in steps
            ]
        ),
    }
    return Subjects(tables)


ACTION = {label: action for _, action in words.ACTIONS for label in [action.label]}
# (the subject's story, date, action, intention, state before and after)
STATE_CASES = [
    ((), "2024-05-01", "launched", False, ("none", "in_force")),
    ((), "2024-05-01", "launched", True, ("none", "agreed")),
    ((), "2024-05-01", "resumed", False, ("halted", "in_force")),
    (
        (("2023-01-01", "none", "in_force"),),
        "2024-05-01",
        "held",
        False,
        ("in_force", "in_force"),
    ),
    (
        (("2023-01-01", "none", "in_force"),),
        "2024-05-01",
        "agreed",
        False,
        ("in_force", "in_force"),
    ),
    (
        (("2023-01-01", "none", "in_force"),),
        "2024-05-01",
        "suspended",
        False,
        ("in_force", "halted"),
    ),
    (
        (("2023-01-01", "none", "in_force"),),
        "2024-05-01",
        "suspended",
        True,
        ("in_force", "in_force"),
    ),
    (
        (("2023-01-01", "none", "talks"),),
        "2024-05-01",
        "revised",
        False,
        ("talks", "talks"),
    ),
    # A later development starts from what this one leaves.
    (
        (("2025-01-01", "agreed", "in_force"),),
        "2024-05-01",
        "discussed",
        False,
        ("none", "agreed"),
    ),
]


@pytest.mark.parametrize(("steps", "iso", "label", "intention", "states"), STATE_CASES)
def test_a_development_continues_its_subjects_story(
    steps, iso, label, intention, states
):
    subjects = story(*steps)
    subject = subjects.by_key[("drivers", "link")]
    assert subjects.states(subject, iso, ACTION[label], intention) == states


CHANGELOG_CASES = [
    (
        "# Log\n\nIntro.\n\n## 1.0.0\n\n- old\n",
        "# Log\n\nIntro.\n\n## Unreleased\n\n- new\n\n## 1.0.0\n\n- old\n",
    ),
    (
        "# Log\n\n## Unreleased\n\n- first\n\n## 1.0.0\n\n- old\n",
        "# Log\n\n## Unreleased\n\n- first\n- new\n\n## 1.0.0\n\n- old\n",
    ),
    ("", "## Unreleased\n\n- new\n"),
]


@pytest.mark.parametrize(("before", "after"), CHANGELOG_CASES)
def test_the_change_log_gains_a_line_under_unreleased(before, after):
    assert land.changelog_with(before, "new") == after


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("MODERNIZING THE ALLIANCE: The two sides met.", "The two sides met."),
        ("- =cmd They signed it.", "They signed it."),
        ("They met in Seoul.", "They met in Seoul."),
    ],
)
def test_a_quote_is_a_verbatim_span_without_heading_or_formula(text, quote):
    assert find.quote_of(text) == quote
    assert quote in text


RELEASE = """Joint Press Statement on the Trilateral Ministerial Meeting

On July 28, 2024, the three defense ministers signed the Memorandum of Cooperation \
on the Trilateral Security Cooperation Framework (TSCF) in Tokyo.

The Ministers welcomed the first FREEDOM EDGE exercise in June.

The Ministers strongly condemned North Korea's launch of an intercontinental \
ballistic missile on October 31.

A Chinese Y-9 intelligence aircraft violated Japanese airspace off Nagasaki on \
August 26.

The Ministers reaffirmed the importance of peace and stability.
"""
# (sentence fragment, table, fields of the proposed row)
RELEASE_ROWS = [
    (
        "signed the Memorandum",
        "incidents",
        {
            "incident_type": "agreement",
            "incident_date": "2024-07-28",
            "alias_names": "Trilateral Security Cooperation Framework;TSCF",
        },
    ),
    ("signed the Memorandum", "programs", {"program_id": "tscf"}),
    (
        "launch of an intercontinental",
        "incidents",
        {
            "incident_type": "confrontation",
            "incident_date": "2024-10-31",
            "incident_name": "North Korea: launch of an intercontinental ballistic "
            "missile",
            "domain_type": "missile",
        },
    ),
    (
        "launch of an intercontinental",
        "threats",
        {"actor_country_code": "KP", "domain_type": "missile"},
    ),
    (
        "violated Japanese airspace",
        "incidents",
        {
            "incident_type": "incursion",
            "incident_date": "2024-08-26",
            "incident_name": "China: violated Japanese airspace",
            "domain_type": "air",
        },
    ),
]


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """A release of the kind the feed takes, not in it, ingested into a copy."""
    project = tmp_path_factory.mktemp("release")
    for folder in ("data", "seeds"):
        shutil.copytree(
            ROOT / folder, project / folder, ignore=shutil.ignore_patterns(".*")
        )
    text = project / "release.txt"
    text.write_text(RELEASE, encoding="utf-8")
    assert (
        cli.main(
            [
                "ingest",
                str(text),
                "--title",
                "Joint Press Statement",
                "--author",
                "Ministers",
                "--publisher",
                "Defense",
                "--url",
                "https://example.org/r",
                "--date",
                "2024-11-02",
                "--id",
                "defense-2024-release",
                "--data",
                str(project / "data"),
            ]
        )
        == 0
    )
    data = project / "data"
    return data, propose.proposals(data, ("defense-2024-release",))


@pytest.mark.parametrize(("fragment", "table", "cells"), RELEASE_ROWS)
def test_a_new_release_gives_its_rows(release, fragment, table, cells):
    data, found = release
    mine = proposals_of(found, fragment, table)
    rows = [propose.proposed_row(data, i) for i in mine["proposal_id"]]
    assert any(all(row[k] == v for k, v in cells.items()) for row in rows), rows


def test_a_courtesy_of_a_new_release_is_proposed_as_nothing(release):
    _, found = release
    assert proposals_of(found, "reaffirmed the importance", "developments").empty
    assert proposals_of(found, "reaffirmed the importance", "incidents").empty
