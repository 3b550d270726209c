"""New names the feed brings: extraction on text written here, the CLI, promotion."""

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.data import load
from jkdefense.pipeline import feed_tables, names, seeds
from jkdefense.pipeline.aliases import collect_aliases
from tests.apptest import open_tab, run_page
from tests.conftest import ROOT, run_module

# Two short articles, a and b: every name below is made up for these tests.
SENTENCES = [
    ("a:s001", "a", "Exercises began early this year near Jeju."),
    ("a:s002", "a", "The navies of both countries held Freedom Edge in June 2024."),
    ("a:s003", "a", "Officials said the TSCF sends missile warning data to GSOMIA."),
    ("a:s004", "a", "Officers of American and Japanese units met on Monday, 3 March."),
    ("a:s005", "a", "They signed the Commitment to Consult in FY2024 at Camp David."),
    ("b:s001", "b", "In 2025 the TSCF met again, and Freedom Edge resumed."),
    ("b:s002", "b", "Analysts expect missile warning data to flow under Freedom Edge."),
    ("b:s003", "b", "Jeju hosted the Korean and Chinese observers."),
]
KNOWN = {"GSOMIA", "Camp David", "Japan"}


def found(sentences=SENTENCES, known=KNOWN) -> pd.DataFrame:
    return names.find_new_names(sentences, known)


def listed(sentences=SENTENCES, known=KNOWN) -> list[str]:
    return list(found(sentences, known)["name"])


def test_acronyms_are_found():
    frame = found().set_index("name")
    assert frame.loc["TSCF", "kind"] == "acronym"
    rows = [("x:s001", "x", "Both joined the UNSC and sent ICBMs to the R&D office.")]
    assert {"UNSC", "ICBM", "R&D"} <= set(listed(rows))


def test_capitalised_multi_word_names_are_found():
    frame = found().set_index("name")
    assert frame.loc["Freedom Edge", "kind"] == "name"
    assert "Commitment to Consult" in frame.index


def test_connectors_and_joiners_keep_one_name_or_split_two():
    rows = [
        ("x:s001", "x", "He met President Yoon and Prime Minister Kishida in Seoul."),
        ("x:s002", "x", "She spoke at the Institute of Standards and Technology."),
        ("x:s003", "x", "They cite the Convention on the Law of the Sea today."),
        ("x:s004", "x", "Both sent Commerce and Industry Ministers there."),
    ]
    got = set(listed(rows))
    assert {"President Yoon", "Prime Minister Kishida"} <= got
    assert "President Yoon and Prime Minister Kishida" not in got
    assert "Institute of Standards and Technology" in got
    assert "Convention on the Law of the Sea" in got
    assert "Commerce and Industry Ministers" in got


def test_a_sentence_initial_ordinary_word_is_not_a_name():
    got = listed()
    assert "Exercises" not in got
    assert "Officials" not in got and "Analysts" not in got
    # Capitalised mid-sentence too, a sentence-initial word counts (Jeju, twice).
    assert found().set_index("name").loc["Jeju", "sentences"] == 2


def test_a_title_case_common_phrase_is_not_a_name():
    rows = [
        ("x:s001", "x", "The talks brought Foreign Ministers together in Busan."),
        ("x:s002", "x", "Later the foreign ministers agreed on a hotline."),
        ("x:s003", "x", "HIGH-LEVEL TRILATERAL CONSULTATIONS"),
    ]
    got = listed(rows)
    assert "Foreign Ministers" not in got
    assert "Busan" in got
    assert not {"HIGH-LEVEL", "TRILATERAL", "CONSULTATIONS"} & set(got)


def test_nationality_adjectives_and_dates_are_not_names():
    got = set(listed())
    assert not {"American", "Japanese", "Korean", "Chinese"} & got
    assert not {"June", "Monday", "March", "2024", "2025", "3", "FY2024"} & got
    rows = [
        ("x:s001", "x", "He thanked Japanese Prime Minister Kishida and North Korean"),
        ("x:s002", "x", "envoys on the Korean Peninsula on Friday, 9 May 2025."),
    ]
    got = set(listed(rows))
    assert "Prime Minister Kishida" in got
    assert "Korean Peninsula" in got
    assert not {"North Korean", "Japanese Prime Minister Kishida", "Friday"} & got


def test_known_names_are_not_listed_in_any_case_or_as_a_part():
    got = set(listed())
    assert not {"GSOMIA", "Camp David"} & got
    assert "Freedom Edge" not in listed(known={"freedom edge"})
    rows = [
        ("x:s001", "x", "Units of the Self-Defense Force joined U.S.-Japan drills."),
        ("x:s002", "x", "The Camp David Leaders Summit was new."),
    ]
    known = {"Japan Air Self-Defense Force", "U.S.", "Japan", "Camp David"}
    got = set(listed(rows, known))
    assert "Self-Defense Force" not in got  # part of a known name
    assert "U.S.-Japan" not in got  # made of known names
    assert "Camp David Leaders Summit" in got  # adds words to one


def test_counts_and_the_example_sentence():
    frame = found().set_index("name")
    assert frame.loc["Freedom Edge", ["articles", "sentences"]].tolist() == [2, 3]
    assert frame.loc["Freedom Edge", "example_sentence_id"] == "a:s002"
    assert frame.loc["TSCF", ["articles", "sentences"]].tolist() == [2, 2]
    assert frame.loc["TSCF", "example_sentence_id"] == "a:s003"
    term = frame.loc["missile warning data"]
    assert (term["kind"], term["articles"], term["sentences"]) == ("term", 2, 2)
    assert frame.loc["Jeju", ["articles", "example_sentence_id"]].tolist() == [
        2,
        "a:s001",
    ]


def test_a_term_needs_to_recur_and_shorter_parts_are_not_listed():
    got = set(listed())
    assert "missile warning data" in got
    assert not {"missile warning", "warning data"} & got
    once = [("x:s001", "x", "They share common economic goals.")]
    assert listed(once) == []


def test_ranking_is_names_first_then_articles_then_sentences_then_name():
    frame = found()
    assert list(frame.columns) == [
        *names.CSV_HEADER,
        "kind",
        "feed_articles",
        "variants",
    ]
    assert list(frame["name"].head(5)) == [
        "Freedom Edge",  # 2 articles, 3 sentences
        "Jeju",  # 2 articles, 2 sentences; then by name
        "TSCF",
        "Commitment to Consult",  # 1 article
        "missile warning data",  # lower case: after every capitalised name
    ]
    names_first = frame[frame["kind"].isin(["acronym", "name"])]
    keys = list(
        zip(
            -names_first["articles"],
            -names_first["sentences"],
            names_first["name"],
            strict=True,
        )
    )
    assert keys == sorted(keys)


def test_a_frame_of_sentences_gives_the_same_names():
    frame = pd.DataFrame(SENTENCES, columns=["sentence_id", "source_id", "text"])
    pd.testing.assert_frame_equal(found(frame), found())


# The command line, on a copy of the data with an article written here.

ARTICLE = (
    "The navies held Freedom Edge near Jeju in June 2024.\n\n"
    "Officers said the TSCF would share missile warning data. After Freedom "
    "Edge, the TSCF met again to share missile warning data.\n"
)
SOURCE = "testreview-2024-edge-drill"


@pytest.fixture
def with_article(data_copy: Path, tmp_path: Path) -> Path:
    """The data copy with ARTICLE ingested as SOURCE; returns its data folder."""
    path = tmp_path / "edge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = ["--title", "Edge drill", "--author", "A. N. Analyst"]
    meta += ["--publisher", "The Test Review", "--url", "https://example.org/e"]
    meta += ["--date", "2024-07-01", "--data", str(data_copy)]
    assert cli.main(["ingest", str(path), *meta]) == 0
    return data_copy


def sid(number: int) -> str:
    return seeds.sentence_id(SOURCE, number)


def run_names(data: Path, *args: str) -> int:
    return cli.main(["names", *args, "--data", str(data)])


def test_csv_prints_the_header_and_one_row_per_name(with_article, capsys):
    capsys.readouterr()
    assert run_names(with_article, "--source", SOURCE, "--csv") == 0
    assert capsys.readouterr().out == (
        "name,articles,sentences,example_sentence_id\n"
        f"Freedom Edge,1,2,{sid(1)}\n"
        f"TSCF,1,2,{sid(2)}\n"
        f"Jeju,1,1,{sid(1)}\n"
        f"missile warning data,1,2,{sid(2)}\n"
    )


def test_the_source_filter_keeps_only_that_article(with_article, capsys):
    capsys.readouterr()
    assert run_names(with_article, "--csv") == 0
    everything = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert run_names(with_article, "--csv", "--source", SOURCE, "--limit", "2") == 0
    mine = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["name"] for row in mine] == ["Freedom Edge", "TSCF"]
    assert all(row["example_sentence_id"].startswith(SOURCE) for row in mine)
    assert len(everything) > len(mine)
    assert any(not r["example_sentence_id"].startswith(SOURCE) for r in everything)


def test_the_default_output_is_a_readable_table(with_article, capsys):
    capsys.readouterr()
    assert run_names(with_article, "--source", SOURCE) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "kind", "articles", "sentences", "example"] + [
        "sentence"
    ]
    assert lines[1].startswith("----")
    assert lines[2].split() == ["Freedom", "Edge", "name", "1", "2", sid(1)]


def test_an_unknown_source_exits_2_with_one_line(data_copy, capsys):
    assert run_names(data_copy, "--source", "no-such-article") == 2
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [
        "names: unknown source 'no-such-article' (not in sources.csv)"
    ]
    assert captured.out == ""


def test_python_dash_m_jkdefense_names_runs_the_command():
    result = run_module("jkdefense", "names", "--source", "nope")
    assert result.returncode == 2
    assert "unknown source 'nope'" in result.stderr


# Promotion: a name becomes an alias of a curated row, and its mentions appear.


def first_incident(data: Path) -> str:
    return load.read_table_text(data, "incidents")["incident_id"].iloc[0]


def snapshot(data: Path) -> dict[str, bytes]:
    # Hidden files (the writer's lock) are not data.
    return {
        p.name: p.read_bytes()
        for p in data.iterdir()
        if p.is_file() and not p.name.startswith(".")
    }


def test_promoting_a_name_makes_it_an_alias_and_its_mentions_appear(
    with_article, capsys
):
    incident = first_incident(with_article)
    csv_path = with_article / "incidents.csv"
    before = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = f"incidents:{incident}"
    assert run_names(with_article, "promote", "Freedom Edge", "--to", target) == 0
    out = capsys.readouterr().out
    assert f"'Freedom Edge' is now an alias of {target}" in out
    assert "2 mentions of it in 2 sentences" in out
    # Only the row's alias_names cell changed, every other byte as it was.
    after = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1
    old, new = (next(csv.reader([lines[changed[0]]])) for lines in (before, after))
    column = next(csv.reader([before[0]])).index("alias_names")
    assert new[column] == (
        f"{old[column]};Freedom Edge" if old[column] else "Freedom Edge"
    )
    assert new[:column] + new[column + 1 :] == old[:column] + old[column + 1 :]
    # The name leaves the list ...
    assert run_names(with_article, "--source", SOURCE, "--csv") == 0
    assert "Freedom Edge" not in capsys.readouterr().out
    # ... and its mentions are in the derived table, so on the pages.
    mentions = pd.read_parquet(with_article / "mentions.parquet")
    mine = mentions[mentions["matched_text"] == "Freedom Edge"]
    assert sorted(mine["sentence_id"]) == [sid(1), sid(3)]
    assert set(mine["entity_table"]) == {"incidents"}
    assert set(mine["entity_id"]) == {incident}
    assert load.load_package(with_article).problems == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nothing:x", "'nothing' is not a curated table with alias_names"),
        ("sources:yoon-2019-diplomat", "'sources' is not a curated table"),
        ("incidents:no-such-incident", "incidents has no row 'no-such-incident'"),
        ("incidents", "write TABLE:ID"),
    ],
)
def test_promotion_refuses_a_bad_target_and_writes_nothing(
    data_copy, capsys, target, message
):
    before = snapshot(data_copy)
    assert run_names(data_copy, "promote", "Freedom Edge", "--to", target) == 1
    err = capsys.readouterr().err
    assert err.startswith("names promote: refused: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(data_copy) == before


def test_promotion_refuses_a_name_that_is_already_an_alias(data_copy, capsys):
    alias, entities = next(iter(collect_aliases(data_copy).items()))
    target = f"incidents:{first_incident(data_copy)}"
    before = snapshot(data_copy)
    for spelling in (alias, alias.swapcase()):
        assert run_names(data_copy, "promote", spelling, "--to", target) == 1
        err = capsys.readouterr().err
        owner = feed_tables.entity_key(entities[0])
        assert f"{alias!r} is already an alias of {owner}" in err
    assert snapshot(data_copy) == before


def test_the_alias_cell_changes_and_no_other_byte():
    text = (
        "\ufeffthing_id,thing_name,alias_names,note\r\n"
        'a-1,"Alpha, the first",Alpha,"said ""hi""\r\non two lines"\r\n'
        'b-2,Beta,"",plain\r\n'
        "c-3,Gamma,,last"
    )
    once = names.with_alias(text, "thing_id", "b-2", "Beta Ray")
    assert once == text.replace('b-2,Beta,"",plain', "b-2,Beta,Beta Ray,plain")
    twice = names.with_alias(once, "thing_id", "a-1", "Al, Pha")
    assert twice == once.replace(',Alpha,"said', ',"Alpha;Al, Pha","said')
    last = names.with_alias(text, "thing_id", "c-3", "Gamma")
    assert last == text.replace("c-3,Gamma,,last", "c-3,Gamma,Gamma,last")
    with pytest.raises(names.Refused):
        names.with_alias(text, "thing_id", "d-4", "Delta")


def test_the_sources_page_shows_the_ranked_list_with_its_spellings():
    at = open_tab(run_page("sources"), "sources_tab", "New names")
    assert not at.exception, at.exception
    shown = next(
        frame.value for frame in at.dataframe if "variants" in frame.value.columns
    )
    expected = names.new_names(ROOT / "data", None)
    assert list(shown["name"]) == list(expected["name"])
    assert "Also written" in str(at.dataframe[-1].proto)
    assert any("capitalised names first" in c.value for c in at.caption)
