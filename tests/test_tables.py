import pandas as pd

from jkdefense import tables
from tests.conftest import ROOT


def test_criterion_scores_are_long_and_keep_row_order():
    frame = pd.DataFrame(
        {
            "name": ["b", "a"],
            "commonality_score": [5, 1],
            "commonality_rationale": ["same gun", "nothing shared"],
        }
    )
    long = tables.criterion_scores(frame, ("commonality",), "name")
    assert list(long["name"]) == ["b", "a"]
    assert list(long["rationale"]) == ["same gun", "nothing shared"]


def test_company_names_for_scalar_and_list_cells():
    companies = pd.DataFrame(
        {"company_id": ["x", "y"], "company_short_name": ["X Co", "Y Co"]}
    )
    assert list(
        tables.company_names(companies, pd.Series(["x", ["x", "y"], None]))
    ) == ["X Co", "X Co, Y Co", ""]


def test_label_mentions_and_counts():
    mentions = pd.DataFrame(
        {
            "entity_table": ["countries", "countries", "programs"],
            "entity_id": ["JP", "JP", "torpedoes"],
            "source_id": ["s", "s", "s"],
        }
    )
    tables_by_name = {
        "countries": pd.DataFrame({"country_code": ["JP"], "country_name": ["Japan"]}),
        "programs": pd.DataFrame(
            {"program_id": ["torpedoes"], "program_name": ["Torpedoes"]}
        ),
    }
    labelled = tables.label_mentions(mentions, tables_by_name)
    counts = tables.mention_counts(
        labelled, pd.DataFrame({"source_id": ["s"], "title": ["Title"]})
    )
    assert counts.set_index("entity_name")["mention_count"].to_dict() == {
        "Japan": 2,
        "Torpedoes": 1,
    }
    assert set(counts["source_title"]) == {"Title"}


def test_data_dictionary_lists_every_field(package):
    dictionary = tables.data_dictionary(package.descriptor)
    total = sum(len(r["schema"]["fields"]) for r in package.descriptor["resources"])
    assert len(dictionary) == total
    row = dictionary[
        (dictionary["table"] == "threats") & (dictionary["field"] == "domain_type")
    ]
    assert row["allowed_values"].iloc[0].startswith("land, sea, undersea")
    assert (ROOT / "data" / "datapackage.json").exists()


def test_precedents_carry_their_fact_check(package):
    checked = tables.precedents_with_checks(
        package.tables["precedents"], package.tables["claims"]
    )
    typhoon = checked.set_index("precedent_id").loc["eurofighter-typhoon"]
    assert "France" in typhoon["fact_check"] and "FR" not in typhoon["partners"]
    assert typhoon["has_caveat"]
    assert not checked.set_index("precedent_id").loc["fremm", "has_caveat"]


def test_precedent_partners_one_row_per_country(package):
    partners = tables.precedent_partners(
        package.tables["precedents"], package.tables["countries"]
    )
    typhoon = partners[partners["precedent_name"].str.contains("Typhoon")]
    assert set(typhoon["country_code"]) == {"GB", "DE", "IT", "ES"}
    assert partners["country_name"].notna().all()
