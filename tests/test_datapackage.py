"""The descriptor documents every table and field, and every curated row is sourced."""

import csv
import json

import pyarrow.parquet as pq
import pytest

from jkdefense.data import schema
from jkdefense.pipeline.mentions import AliasMatcher, Entity
from tests.conftest import ROOT

DESCRIPTOR = json.loads(
    (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")
)
RESOURCES = schema.resources(DESCRIPTOR)
CURATED = [n for n, r in RESOURCES.items() if schema.is_curated(r)]
ALL_FIELDS = [(n, f["name"]) for n, r in RESOURCES.items() for f in schema.fields(r)]


@pytest.mark.parametrize("name", list(RESOURCES))
def test_resource_is_described_and_its_header_matches(name):
    """Curated tables and the feed are CSV; derived tables are Parquet."""
    resource = RESOURCES[name]
    assert resource["description"]
    path = ROOT / "data" / resource["path"]
    if resource["description"].startswith("Derived by"):
        assert resource["path"] == f"{name}.parquet"
        assert resource["format"] == "parquet"
        assert pq.read_schema(path).names == schema.field_names(resource)
    else:
        assert resource["path"] == f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as stream:
            assert next(csv.reader(stream)) == schema.field_names(resource)
    assert schema.primary_key(resource)


@pytest.mark.parametrize(
    ("table", "field"), ALL_FIELDS, ids=[f"{t}.{f}" for t, f in ALL_FIELDS]
)
def test_every_field_has_a_description_and_follows_the_naming(table, field):
    spec = next(f for f in schema.fields(RESOURCES[table]) if f["name"] == field)
    assert len(spec["description"]) > 10
    if field.endswith("_type") and field != "entity_table":
        assert spec.get("constraints", {}).get("enum"), "closed lists carry an enum"
    if field.startswith("is_"):
        assert spec["type"] == "boolean"


@pytest.mark.parametrize("name", CURATED)
def test_evidence_columns_are_defined_identically_everywhere(name):
    reference = {f["name"]: f for f in schema.fields(RESOURCES["threats"])}
    fields = {f["name"]: f for f in schema.fields(RESOURCES[name])}
    for column in schema.EVIDENCE_FIELDS:
        assert fields[column] == reference[column]
    evidence = list(schema.EVIDENCE_FIELDS)
    assert schema.field_names(RESOURCES[name])[-len(evidence) :] == evidence


def test_shared_columns_mean_the_same_everywhere():
    """A column with the same name has the same definition in every table."""
    seen = {}
    for table, resource in RESOURCES.items():
        for spec in schema.fields(resource):
            if spec["name"] in ("domain_type", "alias_names", *schema.EVIDENCE_FIELDS):
                seen.setdefault(spec["name"], []).append((table, spec))
    for name, specs in seen.items():
        assert all(s == specs[0][1] for _, s in specs), name


@pytest.mark.parametrize("name", CURATED)
def test_provenance_of_every_curated_row(name, package):
    """Each part of a quote is a contiguous span of a cited article's own text."""
    sentences = package.tables["sentences"].set_index("sentence_id")
    sources = package.tables["sources"].set_index("source_id")
    articles = {
        source_id: " ".join((ROOT / seed).read_text(encoding="utf-8").split())
        for source_id, seed in sources["seed_path"].items()
    }
    for row in package.tables[name].itertuples():
        assert row.evidence_sentence_ids, f"{name} {row.Index} cites nothing"
        cited = " ".join(sentences.at[i, "text"] for i in row.evidence_sentence_ids)
        cited_articles = {
            sentences.at[i, "source_id"] for i in row.evidence_sentence_ids
        }
        for part in row.evidence_quote.split(" … "):
            part = " ".join(part.split())
            assert any(part in articles[s] for s in cited_articles), (name, part)
            assert all(word in cited for word in part.split()), (name, part)
        if row.evidence_type == "inferred":
            assert isinstance(row.curation_note, str) and row.curation_note


# The names the article uses, by the table that must hold them.
ARTICLE_NAMES = {
    "countries": [
        "China",
        "Russia",
        "North Korea",
        "South Korea",
        "Japan",
        "United States",
        "United Kingdom",
        "Germany",
        "France",
        "Italy",
        "Spain",
        "Canada",
        "New Zealand",
        "Australia",
    ],
    "programs": [
        "naval strike missiles",
        "joint strike missiles",
        "torpedoes",
        "electronic warfare",
        "main battle tanks",
        "infantry fighting vehicles",
        "armored personnel carriers",
        "self-propelled howitzers",
        "combatant ships",
        "stealth fighters",
    ],
    "companies": [
        "HHI",
        "DMSE",
        "LIG",
        "Hanwha",
        "KAI",
        "Hyundai",
        "Kawasaki",
        "Mitsubishi",
        "Fuji Heavy Industry",
        "Komatsu",
        "Toyota Industries",
        "Lockheed Martin",
        "Huntington Ingalls Industries",
        "BAE Systems",
        "Boeing",
        "L3",
    ],
    "agencies": [
        "Agency for Defense Development",
        "Acquisitions, Technology, and Logistics Agency",
        "Republic of Korea Navy",
        "Japanese Maritime Self-Defense Force",
        "Korea Institute for Military Affairs",
    ],
    "precedents": ["Typhoon", "FREMM"],
    "threats": ["Air Defense Identification Zones", "submarines", "ballistic missiles"],
}
PATHWAY_PHRASES = [
    "At the policy level",
    "At the common acquisition level",
    "As for R&D cooperation",
    "Various companies can usefully cooperate",
    "A future phase in defense cooperation",
    "integrate the two defense-acquisition agencies",
]


def _matcher(package):
    aliases = {}
    for table in ARTICLE_NAMES:
        frame = package.tables[table]
        key = schema.primary_key(RESOURCES[table])[0]
        for entity_id, names in zip(frame[key], frame["alias_names"], strict=True):
            for alias in names:
                aliases.setdefault(alias, []).append(Entity(table, entity_id, alias))
    return AliasMatcher(aliases)


@pytest.mark.parametrize(
    ("table", "name"), [(t, n) for t, names in ARTICLE_NAMES.items() for n in names]
)
def test_every_name_the_article_uses_resolves_to_a_row(package, table, name):
    matcher = _matcher(package)
    matches = matcher.find(name)
    assert matches and matches[0].end - matches[0].start == len(name), name
    assert table in {e.table for e in matcher.entities(matches[0])}


@pytest.mark.parametrize("phrase", PATHWAY_PHRASES)
def test_every_pathway_step_of_the_article_has_a_row(package, phrase):
    sentences = package.tables["sentences"].set_index("sentence_id")["text"]
    cited = [
        " ".join(sentences[i] for i in ids)
        for ids in package.tables["pathway"]["evidence_sentence_ids"]
    ]
    assert any(phrase in text for text in cited)


def test_outside_facts_carry_a_reference(package):
    claims = package.tables["claims"]
    # An unsupported claim is one no source was found for, either way.
    checked = claims[claims["verdict_type"] != "unsupported"]
    for name, frame in (
        ("scrambles", package.tables["scrambles"]),
        ("claims", checked),
    ):
        assert frame["reference_url"].notna().all(), name
        assert frame["reference_status"].notna().all(), name
        assert frame["reference_tier"].between(1, 3).all(), name


def test_scrambles_cover_fy2010_to_fy2024(package):
    assert sorted(package.tables["scrambles"]["fiscal_year"]) == list(range(2010, 2025))


def test_every_program_score_has_a_rationale(package):
    programs = package.tables["programs"]
    for column in [c for c in programs if c.endswith("_score")]:
        rationale = column.replace("_score", "_rationale")
        assert programs[rationale].str.len().gt(10).all(), rationale
