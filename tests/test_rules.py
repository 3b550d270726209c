"""The content rules the data package declares: each names file, row and field."""

import json

import pandas as pd
import pytest

from jkdefense.data import (
    consistency,
    load,
    paths,
    rubric_checks,
    rules,
    schema,
    wording,
)
from jkdefense.data.problems import Problem
from tests.test_validate import rewrite, set_cell

DESCRIPTOR = schema.read_descriptor(paths.datapackage_path(paths.data_dir()))


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=str)


def test_a_do_not_cite_source_is_refused_with_file_row_and_field():
    table = frame(
        reference_url=[
            "https://www.reuters.com/world/asia",
            "https://studylib.net/doc/123",
            "https://koreapro.org/wp-json/wp/v2/posts/1",
        ],
        reference_tier=["2", "3", "3"],
    )
    found = rules.check_references("programs.csv", table, DESCRIPTOR)
    assert [(p.file, p.row, p.field) for p in found] == [
        ("programs.csv", 3, "reference_url"),
        ("programs.csv", 4, "reference_url"),
    ]
    assert "document dump" in found[0].message
    assert "raw API address" in found[1].message


def test_the_do_not_cite_list_lives_in_the_data_package():
    edited = {
        **DESCRIPTOR,
        "x-do-not-cite": [{"url_pattern": "reuters", "category": "x"}],
    }
    table = frame(reference_url=["https://www.reuters.com/a"], reference_tier=["2"])
    assert rules.check_references("t.csv", table, edited)
    assert not rules.check_references(
        "t.csv", table, {**DESCRIPTOR, "x-do-not-cite": []}
    )


def test_a_reference_needs_its_tier_and_a_tier_needs_a_reference():
    table = frame(
        reference_url=["https://www.mod.go.jp/a", ""], reference_tier=["", "1"]
    )
    found = rules.check_references("t.csv", table, DESCRIPTOR)
    assert [(p.row, p.field, p.message) for p in found] == [
        (2, "reference_tier", "required when reference_url is set"),
        (3, "reference_tier", "set, but reference_url is empty"),
    ]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Russian A-50 entered airspace over Dokdo/Takeshima twice.", True),
        ("The islets, Takeshima (Dokdo), lie east.", True),
        ("Flights over the Sea of Japan (East Sea) and later Dokdo/Takeshima.", True),
        ("Russian A-50 entered airspace over Dokdo twice.", False),
        ("Over Dokdo, as Seoul says; Japan calls the islets Takeshima.", False),
        ("Flights over the East Sea.", False),
        ("Flights over the East China Sea.", True),  # not a disputed name
    ],
)
def test_disputed_names_come_in_pairs_on_first_use(text, ok):
    found = [
        wording.disputed_name_problem(text, entry["names"], 30)
        for entry in DESCRIPTOR["x-disputed-names"]
    ]
    assert (not any(found)) == ok


def test_a_lone_disputed_name_is_reported_in_its_cell(data_copy):
    rewrite(
        data_copy / "incidents.csv",
        set_cell("incident_description", "A flight near Dokdo.", row=1),
    )
    found = [
        p
        for p in load.load_package(data_copy).problems
        if p.file == "incidents.csv" and p.field == "incident_description"
    ]
    assert [p.row for p in found] == [3]
    assert "'Takeshima'" in found[0].message


def test_verbatim_fields_keep_their_source_s_names():
    sources = schema.resources(DESCRIPTOR)["sources"]
    assert "title" not in wording.free_text_fields(sources)
    assert "evidence_quote" not in wording.free_text_fields(
        schema.resources(DESCRIPTOR)["incidents"]
    )


def claims(**cells) -> pd.DataFrame:
    row = {
        "verdict_type": "supported",
        "claim_kind_type": "fact",
        "correct_name": "",
        "changed_date": "",
        "evidence_sentence_ids": "yoon-2019-diplomat:s060",
        "reference_url": "https://example.org/a",
    }
    return frame(**{k: [v] for k, v in {**row, **cells}.items()})


SOURCES = frame(source_id=["yoon-2019-diplomat"], date_published=["2019-03"])


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ({"verdict_type": "outdated"}, "changed_date", "required for an outdated"),
        (
            {"verdict_type": "outdated", "changed_date": "2017-04-01"},
            "changed_date",
            "not after the article's date (2019-03)",
        ),
        (
            {"verdict_type": "outdated", "changed_date": "2019-03-20"},
            "changed_date",
            "not after",
        ),
        ({"claim_kind_type": "name"}, "correct_name", "required for a claim about"),
        ({"reference_url": ""}, "reference_url", "required for a supported verdict"),
        ({"changed_date": "2020-01-01"}, "changed_date", "only an outdated claim"),
    ],
)
def test_claims_follow_their_verdict_s_definition(cells, field, words):
    found = rules.check_claims(claims(**cells), SOURCES)
    assert [(p.file, p.row, p.field) for p in found] == [("claims.csv", 2, field)]
    assert words in found[0].message


def test_an_outdated_claim_changed_after_the_article_passes():
    good = claims(verdict_type="outdated", changed_date="2019-06-29")
    assert rules.check_claims(good, SOURCES) == []


RUBRIC = frame(
    table_name=["threats"] * 5,
    field_name=["severity_score"] * 5,
    criterion_name=["Severity"] * 5,
    level=["1", "2", "3", "4", "5"],
    level_name=["negligible", "low", "moderate", "high", "severe"],
    meaning=["m"] * 5,
    example=["e"] * 5,
    example_id=["", "", "t1", "", ""],
)
THREATS = frame(
    threat_id=["t1", "t2"],
    severity_score=["3", "5"],
    severity_rationale=["moderate: scrambles every year", "high: persistent"],
)
RESOURCES = {"threats": schema.resources(DESCRIPTOR)["threats"]}


def test_a_rationale_opens_with_the_level_of_its_score():
    found = rubric_checks.check_rubrics(RUBRIC, {"threats": THREATS}, RESOURCES)
    judged = [p for p in found if p.file == "threats.csv"]
    assert [(p.row, p.field) for p in judged] == [(3, "severity_rationale")]
    assert "'severe:'" in judged[0].message


def test_every_level_of_every_judgment_has_a_rubric():
    found = rubric_checks.check_rubrics(
        RUBRIC.iloc[:4], {"threats": THREATS}, RESOURCES
    )
    assert any(
        p.file == "rubrics.csv"
        and "threats.severity_score" in p.message
        and "5" in p.message
        for p in found
    )
    # trend_type is a judgment too: its four values need a rubric.
    assert any("threats.trend_type" in p.message for p in found)


def test_a_rubric_example_must_stand_at_its_level():
    wrong = RUBRIC.assign(example_id=["", "", "t2", "", ""])
    found = rubric_checks.check_rubrics(wrong, {"threats": THREATS}, RESOURCES)
    assert (
        Problem(
            "rubrics.csv",
            4,
            "example_id",
            "'t2' has severity_score 5, not 3: it is no example of this level",
        )
        in found
    )


ANSWERS = frame(
    program_id=["pac-3", "pac-3", "tanker"],
    threat_id=["missiles", "adiz", "adiz"],
    answer_type=["direct", "supporting", "supporting"],
)


@pytest.mark.parametrize(
    ("example_id", "message"),
    [
        ("pac-3/missiles", None),
        ("tanker/adiz", "'tanker/adiz' has answer_type supporting, not direct"),
        ("tanker/missiles", "'tanker/missiles' is not a program_id/threat_id"),
        ("pac-3", "'pac-3' is not a program_id/threat_id"),
        ("pac-3/missiles/extra", "'pac-3/missiles/extra' is not a program_id/"),
    ],
)
def test_an_example_of_a_two_column_key_is_found_by_both_values(example_id, message):
    rubric = frame(
        table_name=["program_threats"],
        field_name=["answer_type"],
        criterion_name=["Answers the threat"],
        level=["direct"],
        level_name=["direct"],
        meaning=["m"],
        example=["e"],
        example_id=[example_id],
    )
    resources = {"program_threats": schema.resources(DESCRIPTOR)["program_threats"]}
    found = [
        p
        for p in rubric_checks.check_rubrics(
            rubric, {"program_threats": ANSWERS}, resources
        )
        if p.field == "example_id"
    ]
    if message is None:
        assert found == []
    else:
        assert [(p.file, p.row) for p in found] == [("rubrics.csv", 2)]
        assert found[0].message.startswith(message)


COMPANIES = frame(
    company_id=["k", "j", "t", "u"],
    country_code=["KR", "JP", "JP", "US"],
    company_role_type=["kr_industry", "jp_industry", "jp_industry", "us_supplier"],
    domain_types=["land;sea", "sea", "", "sea"],
)
PROGRAMS = frame(
    program_id=["ships", "apc"],
    domain_type=["sea", "land"],
    political_feasibility_score=["2", "3"],
    kr_maker_company_id=["k", "j"],
    jp_maker_company_id=["j", ""],
)


def pairing(**cells) -> pd.DataFrame:
    row = {
        "pairing_id": "p",
        "kr_company_id": "k",
        "jp_company_id": "j",
        "domain_type": "sea",
        "program_ids": "ships",
        "bridge_company_ids": "u",
        "pairing_summary": "Rated hard, as its program is.",
    }
    return frame(**{k: [v] for k, v in {**row, **cells}.items()})


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ({"jp_company_id": "t"}, "jp_company_id", "does not list the domain 'sea'"),
        ({"program_ids": "apc"}, "program_ids", "is a land program"),
        ({"program_ids": ""}, "program_ids", "a pairing serves at least one program"),
        ({"bridge_company_ids": "j"}, "bridge_company_ids", "is not a supplier"),
        ({"kr_company_id": "j"}, "kr_company_id", "is not a KR company"),
        (
            {"pairing_summary": "Rated open (political feasibility 4 of 5)."},
            "pairing_summary",
            "quotes political feasibility 4 of 5, but its programs hold 2",
        ),
    ],
)
def test_a_pairing_agrees_with_its_companies_and_programs(cells, field, words):
    tables = {
        "companies": COMPANIES,
        "programs": PROGRAMS,
        "company_pairings": pairing(**cells),
    }
    found = [
        p for p in consistency.check_consistency(tables) if p.file != "programs.csv"
    ]
    assert (found[0].file, found[0].row, found[0].field) == (
        "company_pairings.csv",
        2,
        field,
    )
    assert words in found[0].message


def test_a_program_maker_belongs_to_its_side():
    found = consistency.check_consistency(
        {"companies": COMPANIES, "programs": PROGRAMS}
    )
    assert [(p.file, p.row, p.field) for p in found] == [
        ("programs.csv", 3, "kr_maker_company_id")
    ]


def test_a_score_that_only_flags_the_domain_is_reported():
    pairs = frame(
        domain_type=["land"] * 4 + ["sea"] * 4,
        supply_chain_score=["1", "1", "1", "1", "4", "5", "3", "4"],
        complementarity_score=["2", "3", "2", "4", "3", "3", "2", "4"],
    )
    found = consistency.check_discriminates(pairs, "company_pairings.csv")
    assert [(p.field, p.row) for p in found] == [("supply_chain_score", None)]
    assert "all 4 land rows" in found[0].message


def test_a_row_named_in_the_article_quotes_its_name():
    table = frame(
        agency_name=["Ministry of National Defense", "Agency for Defense Development"],
        agency_acronym=["MND", "ADD"],
        alias_names=["", ""],
        is_named_in_article=["true", "true"],
        evidence_quote=[
            "the two ministries of defense",
            "the Agency for Defense Development South Korea",
        ],
    )
    found = rules.check_names_in_quotes("agencies.csv", table)
    assert [(p.row, p.field) for p in found] == [(2, "is_named_in_article")]


def test_committed_package_declares_every_rule_it_checks():
    assert DESCRIPTOR["x-do-not-cite"] and DESCRIPTOR["x-disputed-names"]
    assert {t["tier"] for t in DESCRIPTOR["x-source-tiers"]} == {1, 2, 3}
    verdicts = next(
        f
        for f in schema.fields(schema.resources(DESCRIPTOR)["claims"])
        if f["name"] == "verdict_type"
    )
    assert set(verdicts["x-enum-definitions"]) == set(verdicts["constraints"]["enum"])


def strict_json(text: str) -> object:
    """Parse JSON as every reader would: no NaN or Infinity, no repeated key.

    Python's json takes both silently (a repeated key keeps its last value).
    """

    def no_repeats(pairs):
        keys = [key for key, _ in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise ValueError(f"repeated keys: {repeated}")
        return dict(pairs)

    def no_constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constant)


def test_the_descriptor_is_strict_json():
    text = paths.datapackage_path(paths.data_dir()).read_text(encoding="utf-8")
    assert strict_json(text) == DESCRIPTOR
    with pytest.raises(ValueError, match="NaN is not JSON"):
        strict_json('{"minimum": NaN}')
    with pytest.raises(ValueError, match=r"repeated keys: \['name'\]"):
        strict_json('{"name": "a", "title": "t", "name": "b"}')
