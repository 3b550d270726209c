"""An ambiguous alias counts for its entity only where its sentence supports it.

The contexts are data (data/alias_contexts.csv), checked by the validator and
applied by derive. Cases are the feed's own sentences, found by a fragment of
their text in the seeds, and, where the feed holds no example of a known
confusion (a storm named Typhoon, the AUKUS submarines), sentences of the kind
the same releases carry. Charts tell articles apart by id, never by title alone.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from jkdefense.analysis import feed_counts
from jkdefense.data import files, load, manifest, schema
from jkdefense.data import problems as P  # noqa: N812  (rules, by their names)
from jkdefense.pipeline import derive, feed_tables, seeds
from jkdefense.pipeline.aliases import collect_aliases
from jkdefense.pipeline.mentions import AliasMatcher, Context, Entity, read_contexts
from jkdefense.render import count_bars
from jkdefense.report import sources as sources_page
from tests.conftest import ROOT

DATA = ROOT / "data"
CONTEXTS = "alias_contexts.csv"


@pytest.fixture(scope="module")
def matcher() -> AliasMatcher:
    """The matcher derive uses: every curated alias, with its context."""
    return AliasMatcher(collect_aliases(DATA), read_contexts(DATA))


@pytest.fixture(scope="module")
def feed_sentences() -> list[str]:
    """Every sentence of every seed of the feed, as the splitter cuts them."""
    frame = load.read_table_text(DATA, "sources")
    return [
        s.text
        for seed in frame["seed_path"]
        for s in seeds.split_sentences(files.read_seed(ROOT / seed))
    ]


def named_in(matcher: AliasMatcher, sentence: str) -> set[str]:
    """``table:id`` of every entity the sentence counts as a mention of."""
    return {
        feed_tables.entity_key(entity)
        for match in matcher.find(sentence)
        for entity in matcher.entities(match, sentence)
    }


def sentence_with(sentences: list[str], fragment: str) -> str:
    (found,) = [s for s in sentences if fragment in s]
    return found


# (entity, fragment of a feed sentence, whether the sentence counts for it)
FEED_CASES = [
    # Typhoon: the fighter.
    ("precedents:eurofighter-typhoon", "European Typhoon fighters produced", True),
    # Submarines: the Chinese and Russian ones count; the ROK's own do not.
    ("threats:cn-undersea-submarines", "confined maritime areas by their sub", True),
    ("threats:ru-undersea-submarines", "confined maritime areas by their sub", True),
    ("threats:cn-undersea-submarines", "to build nuclear-powered attack sub", False),
    ("threats:ru-undersea-submarines", "to build nuclear-powered attack sub", False),
    # Nuclear weapons: North Korea's count; the NPT and disarmament do not.
    ("threats:kp-missile-nuclear-missiles", "North Korean development of nuc", True),
    ("threats:kp-missile-nuclear-missiles", "denuclearization of North Korea", True),
    ("threats:kp-missile-nuclear-missiles", "denuclearization of the DPRK and", True),
    ("threats:kp-missile-nuclear-missiles", "Non-Proliferation of Nuclear Weap", False),
    ("threats:kp-missile-nuclear-missiles", "without nuclear weapons through", False),
    (
        "threats:kp-missile-nuclear-missiles",
        "that nuclear weapons are never used",
        False,
    ),
    (
        "threats:kp-missile-nuclear-missiles",
        "use of nuclear weapons in the context",
        False,
    ),
    # The zones: each actor where the sentence names it.
    ("threats:cn-air-adiz-incursions", "Identification Zones by Chinese and", True),
    ("threats:ru-air-adiz-incursions", "Identification Zones by Chinese and", True),
    # Ship-to-ship transfers: North Korea's, and their monitoring.
    ("threats:kp-sea-sts-transfers", "monitor illegal ship-to-ship oil", True),
    ("incidents:2018-09-sts-monitoring-ecc", "monitor illegal ship-to-ship oil", True),
    # Outer space as a security pledge.
    ("programs:military-space", "cooperation in cyberspace and outer space", True),
    # Russia and North Korea together; the Japan-ROK military cooperation is not it.
    ("threats:ru-multi-dprk-alignment", "military cooperation between the DPRK", True),
    ("threats:ru-multi-dprk-alignment", "troop deployments by the Democratic", True),
    ("threats:ru-multi-dprk-alignment", "growing North Korea-Russia military", True),
    ("threats:ru-multi-dprk-alignment", "Yet military cooperation has always", False),
    (
        "threats:ru-multi-dprk-alignment",
        "closer defense and military cooperation",
        False,
    ),
    # An alias without a context counts wherever it is found.
    ("incidents:2023-08-camp-david-summit", "We depart Camp David with", True),
]


@pytest.mark.parametrize(("entity", "fragment", "counts"), FEED_CASES)
def test_feed_sentences_count_where_their_context_supports_the_entity(
    matcher, feed_sentences, entity, fragment, counts
):
    sentence = sentence_with(feed_sentences, fragment)
    assert (entity in named_in(matcher, sentence)) is counts, sentence


# Confusions the feed holds no example of, in sentences of the releases' kind.
WRITTEN_CASES = [
    ("precedents:eurofighter-typhoon", "Typhoon Mawar made landfall on Guam.", False),
    (
        "precedents:eurofighter-typhoon",
        "The allies pledged disaster relief after Typhoon Hagibis.",
        False,
    ),
    ("precedents:eurofighter-typhoon", "Italy flies the Eurofighter Typhoon.", True),
    ("precedents:eurofighter-typhoon", "Typhoon jets of the European partners.", True),
    (
        "threats:cn-undersea-submarines",
        "AUKUS partners will deliver nuclear-powered submarines as China builds "
        "its navy.",
        False,
    ),
    (
        "threats:ru-undersea-submarines",
        "Under AUKUS, Australia will acquire conventionally armed submarines.",
        False,
    ),
    (
        "threats:cn-undersea-submarines",
        "The ministers noted Chinese submarines operating near Japan.",
        True,
    ),
    (
        "threats:ru-undersea-submarines",
        "The ministers noted Chinese submarines operating near Japan.",
        False,
    ),
    (
        "threats:cn-undersea-submarines",
        "Hanwha Ocean met Mitsubishi Heavy Industries to compare submarine designs.",
        False,
    ),
    ("threats:ru-air-adiz-incursions", "Russian bombers entered the KADIZ.", True),
    ("threats:cn-air-adiz-incursions", "Russian bombers entered the KADIZ.", False),
    (
        "threats:ru-multi-dprk-alignment",
        "China and Russia deepened their military cooperation.",
        False,
    ),
    (
        "incidents:2018-12-radar-incident",
        "Japan protested a radar lock-on by Chinese J-15 fighters.",
        False,
    ),
    (
        "incidents:2018-12-radar-incident",
        "The ROK and Japan set aside the 2018 radar lock-on dispute.",
        True,
    ),
    (
        "programs:military-space",
        "An astronaut will reach the Moon as both explore outer space.",
        False,
    ),
    (
        "threats:kp-sea-sts-transfers",
        "Tankers met in ship-to-ship transfers of fuel at sea.",
        False,
    ),
    (
        "incidents:2018-09-sts-monitoring-ecc",
        "The DPRK evades sanctions through ship-to-ship transfers.",
        False,
    ),
]


@pytest.mark.parametrize(("entity", "sentence", "counts"), WRITTEN_CASES)
def test_known_confusions_are_told_apart(matcher, entity, sentence, counts):
    assert (entity in named_in(matcher, sentence)) is counts


# --- the context itself --------------------------------------------------------

CN = Context(needs_any=("China", "Chinese", "People's Republic of China", "PLA"))
ALIGNED = Context(needs_any=("Russia",), also_needs_any=("DPRK", "North Korea"))
NOT_STORMS = Context(unless_any=("storm", "disaster relief"))


@pytest.mark.parametrize(
    ("context", "sentence", "allows"),
    [
        (CN, "CHINESE vessels", True),  # any case
        (CN, "the People’s Republic of China", True),  # curly apostrophe
        (CN, "a Chinese-flagged tanker", True),  # a hyphen ends a word
        (CN, "in its place", False),  # PLA is a whole word only
        (CN, "Chinatown", False),
        (ALIGNED, "North Korea-Russia cooperation", True),
        (ALIGNED, "Russia and China", False),  # the second need is unmet
        (ALIGNED, "the DPRK alone", False),  # the first need is unmet
        (NOT_STORMS, "after the storm", False),
        (NOT_STORMS, "pledged disaster\nrelief", False),  # any spacing
        (NOT_STORMS, "the Typhoon fighter", True),  # nothing needed
    ],
)
def test_a_context_needs_and_rules_out_whole_phrases(context, sentence, allows):
    assert context.allows(sentence) is allows


def test_without_a_sentence_or_a_context_an_alias_names_every_entity():
    china = Entity("threats", "cn-sub", "Chinese submarines")
    russia = Entity("threats", "ru-sub", "Russian submarines")
    contexts = {("threats", "cn-sub", "submarines"): CN}
    sentence = "Russia sent submarines."
    ruled = AliasMatcher({"submarines": [china, russia]}, contexts)
    (match,) = ruled.find(sentence)
    assert ruled.entities(match, sentence) == [russia]
    assert ruled.entities(match) == [china, russia]
    plain = AliasMatcher({"submarines": [china, russia]})
    assert plain.entities(plain.find(sentence)[0], sentence) == [china, russia]


# --- validation ------------------------------------------------------------------


def append_contexts(data: Path, rows: list[list[str]]) -> int:
    """Append rows to alias_contexts.csv; return the spreadsheet row of the first."""
    path = data / CONTEXTS
    text = path.read_text(encoding="utf-8")
    first = len(list(csv.reader(io.StringIO(text)))) + 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(text + out.getvalue(), encoding="utf-8")
    return first


NOTE = "why"
BROKEN = [
    # (row, what is wrong, field named, rule, start of the message)
    (
        ["threats", "no-such-threat", "submarines", "China", "", "", NOTE],
        "entity_id",
        P.ALIAS_CONTEXT_ENTITY,
        "'no-such-threat' is not a threat_id in threats.csv",
    ),
    (
        ["precedents", "eurofighter-typhoon", "Hurricane", "jets", "", "", NOTE],
        "alias_name",
        P.ALIAS_CONTEXT_ALIAS,
        "'Hurricane' is not an alias of precedents:eurofighter-typhoon",
    ),
    (
        ["companies", "kr-hyundai-rotem", "Hyundai", "", "", " ; ", NOTE],
        "needs_any",
        P.ALIAS_CONTEXT_PHRASES,
        "empty, and so is unless_any",
    ),
    (
        ["companies", "jp-mhi", "Mitsubishi", "", "Heavy", "Motors", NOTE],
        "also_needs_any",
        P.ALIAS_CONTEXT_PHRASES,
        "set, but needs_any is empty",
    ),
    (
        ["weapons", "jp-mhi", "Mitsubishi", "Heavy", "", "", NOTE],
        "entity_table",
        P.ENUM,
        "'weapons' is not one of",
    ),
    (
        ["companies", "jp-khi", "Kawasaki", "-", "", "", NOTE],
        "needs_any",
        P.PATTERN,
        "'-' does not match the pattern",
    ),
    (
        ["programs", "torpedoes", "torpedoes", "navy", "", "", ""],
        "context_note",
        P.REQUIRED,
        "required value is empty",
    ),
]


@pytest.fixture(scope="module")
def broken_contexts(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list]:
    """A copy whose alias_contexts.csv has each broken row of BROKEN appended."""
    import shutil

    folder = tmp_path_factory.mktemp("contexts")
    shutil.copytree(DATA, folder / "data")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    first = append_contexts(folder / "data", [row for row, *_ in BROKEN])
    found = load.load_package(folder / "data").problems
    return first, [p for p in found if p.file == CONTEXTS]


@pytest.mark.parametrize(
    ("offset", "case"), list(enumerate(BROKEN)), ids=[c[1] for c in BROKEN]
)
def test_a_broken_context_is_named_by_file_row_and_field(broken_contexts, offset, case):
    first, found = broken_contexts
    _, field, rule, says = case
    assert any(
        (p.row, p.field, p.rule) == (first + offset, field, rule)
        and p.message.startswith(says)
        for p in found
    ), [str(p) for p in found]


def test_a_context_given_twice_is_a_repeated_key(data_copy):
    frame = load.read_table_text(data_copy, "alias_contexts")
    first = append_contexts(data_copy, [frame.iloc[0].tolist()])
    problems = load.load_package(data_copy).problems
    assert any(
        p.file == CONTEXTS and p.row == first and p.rule == P.DUPLICATE_KEY
        for p in problems
    )


def test_the_committed_contexts_are_valid(package):
    assert [str(p) for p in package.problems if p.file == CONTEXTS] == []
    assert len(package.tables["alias_contexts"]) > 0


def test_every_context_is_explained_by_a_note():
    frame = load.read_table_text(DATA, "alias_contexts")
    assert (frame["context_note"].str.len() > 40).all()


# --- derive ------------------------------------------------------------------------


def test_derive_applies_the_contexts_and_sentence_entities_follow(data_copy):
    tables = derive.derive(data_copy)
    sentences = tables["sentences"].to_pandas().set_index("sentence_id")["text"]
    mentions = tables["mentions"].to_pandas()
    (roks,) = [i for i, t in sentences.items() if "nuclear-powered attack sub" in t]
    assert "cn-undersea-submarines" not in set(
        mentions.loc[mentions["sentence_id"] == roks, "entity_id"]
    )
    named = tables["sentence_entities"].to_pandas().set_index("sentence_id")
    assert "threats:cn-undersea-submarines" not in named["entity_keys"].get(roks, "")
    (yoon,) = [i for i, t in sentences.items() if "by their submarines" in t]
    assert "threats:cn-undersea-submarines" in named.loc[yoon, "entity_keys"]


def edit_first_context(data: Path, column: str, value: str) -> None:
    path = data / CONTEXTS
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "stale"),
    [("needs_any", "Chinese", True), ("context_note", "Another note.", False)],
)
def test_a_changed_context_makes_the_derived_tables_stale(
    data_copy, column, value, stale
):
    before = manifest.derived_from(data_copy)
    edit_first_context(data_copy, column, value)
    assert (manifest.derived_from(data_copy) != before) is stale


# --- charts tell articles apart -----------------------------------------------------


def test_two_articles_with_one_title_are_two_parts_of_the_mentions_chart():
    title = "United States-Japan Joint Leaders’ Statement"
    sources = pd.DataFrame(
        {
            "source_id": ["us-japan-2024-statement", "us-japan-2025-statement"],
            "title": [title, title],
        }
    )
    counts = pd.DataFrame(
        {
            "source_id": sources["source_id"],
            "entity_table": "countries",
            "entity_id": "JP",
            "mention_count": [4, 3],
        }
    )
    names = {
        "countries": pd.DataFrame({"country_code": ["JP"], "country_name": ["Japan"]})
    }
    shown = feed_counts.label_mentions(
        feed_counts.mention_counts(counts, sources), names
    )
    assert sorted(shown["article_label"]) == sorted(sources["source_id"])
    assert shown.set_index("article_label")["mention_count"].to_dict() == {
        "us-japan-2024-statement": 4,
        "us-japan-2025-statement": 3,
    }
    spec = count_bars.mention_chart(
        shown, title="t", subtitle="s", source="x"
    ).to_dict()
    assert spec["encoding"]["color"]["field"] == "article_label"
    data = next(iter(spec["datasets"].values()))
    assert {row["article_label"] for row in data} == set(sources["source_id"])


def test_the_feed_table_names_each_article_by_its_id():
    assert next(iter(sources_page.COLUMNS)) == "source_id"
    resource = schema.resources(schema.read_descriptor(DATA / "datapackage.json"))
    assert schema.primary_key(resource["sources"]) == ["source_id"]
