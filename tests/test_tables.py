import pandas as pd

from jkdefense.analysis import descriptor_tables, feed_counts, shaping


def test_criterion_scores_are_long_and_keep_row_order():
    frame = pd.DataFrame(
        {
            "name": ["b", "a"],
            "commonality_score": [5, 1],
            "commonality_rationale": ["same gun", "nothing shared"],
        }
    )
    long = shaping.criterion_scores(frame, ("commonality",), "name")
    assert list(long["name"]) == ["b", "a"]
    assert list(long["rationale"]) == ["same gun", "nothing shared"]


def test_company_names_for_scalar_and_list_cells():
    companies = pd.DataFrame(
        {"company_id": ["x", "y"], "company_short_name": ["X Co", "Y Co"]}
    )
    assert list(
        shaping.company_names(companies, pd.Series(["x", ["x", "y"], None]))
    ) == ["X Co", "X Co, Y Co", ""]


def test_label_mentions_and_counts():
    counts_by_article = pd.DataFrame(
        {
            "source_id": ["s", "s", "t"],
            "entity_table": ["countries", "programs", "countries"],
            "entity_id": ["JP", "torpedoes", "JP"],
            "mention_count": [2, 1, 3],
        }
    )
    tables_by_name = {
        "countries": pd.DataFrame({"country_code": ["JP"], "country_name": ["Japan"]}),
        "programs": pd.DataFrame(
            {"program_id": ["torpedoes"], "program_name": ["Torpedoes"]}
        ),
    }
    sources = pd.DataFrame({"source_id": ["s", "t"], "title": ["S", "T"]})
    counts = feed_counts.label_mentions(
        feed_counts.mention_counts(counts_by_article, sources), tables_by_name
    )
    totals = counts.groupby("entity_name")["mention_count"].sum()
    assert totals.to_dict() == {"Japan": 5, "Torpedoes": 1}
    assert set(counts["source_title"]) == {"S", "T"}


def test_mention_counts_sum_the_articles_beyond_the_first_few():
    n = 30
    counts_by_article = pd.DataFrame(
        {
            "source_id": [f"a{i:02d}" for i in range(n)],
            "entity_table": "countries",
            "entity_id": "JP",
            "mention_count": range(1, n + 1),
        }
    )
    names = {
        "countries": pd.DataFrame({"country_code": ["JP"], "country_name": ["Japan"]})
    }
    sources = pd.DataFrame(
        {
            "source_id": [f"a{i:02d}" for i in range(n)],
            "title": [f"T{i}" for i in range(n)],
        }
    )
    counts = feed_counts.label_mentions(
        feed_counts.mention_counts(counts_by_article, sources, articles=8), names
    )
    parts = counts.set_index("source_title")["mention_count"]
    assert len(parts) == 9 and parts["T29"] == 30  # the 8 largest keep their title
    assert parts["22 other articles"] == sum(range(1, 23))  # nothing is lost
    assert parts.sum() == sum(range(1, n + 1))


def test_data_dictionary_lists_every_field(package):
    dictionary = descriptor_tables.data_dictionary(package.descriptor)
    total = sum(len(r["schema"]["fields"]) for r in package.descriptor["resources"])
    assert len(dictionary) == total
    row = dictionary[
        (dictionary["table"] == "threats") & (dictionary["field"] == "domain_type")
    ]
    assert row["allowed_values"].iloc[0].startswith("land, sea, undersea")
    verdicts = dictionary[dictionary["field"] == "verdict_type"]["allowed_values"]
    # A closed list with definitions shows each value with its meaning.
    assert verdicts.iloc[0].startswith("supported: Right when the article was")
    assert (
        "outdated: Right when the article was published, changed since"
        in (verdicts.iloc[0])
    )


def test_precedents_carry_their_fact_check(package):
    checked = shaping.precedents_with_checks(
        package.tables["precedents"], package.tables["claims"]
    )
    typhoon = checked.set_index("precedent_id").loc["eurofighter-typhoon"]
    assert "France" in typhoon["fact_check"] and "FR" not in typhoon["partners"]
    assert typhoon["has_caveat"]
    assert not checked.set_index("precedent_id").loc["fremm", "has_caveat"]
    assert typhoon["lead_companies"] == (
        "Eurofighter Jagdflugzeug GmbH; Airbus; BAE Systems; Leonardo"
    )


def test_precedent_partners_one_row_per_country(package):
    partners = shaping.precedent_partners(
        package.tables["precedents"], package.tables["countries"]
    )
    typhoon = partners[partners["precedent_name"].str.contains("Typhoon")]
    assert set(typhoon["country_code"]) == {"GB", "DE", "IT", "ES"}
    assert partners["country_name"].notna().all()


def test_context_programs_are_marked_as_such_in_rankings(package):
    marked = shaping.with_context_marked(package.tables["programs"])
    names = marked.set_index("program_id")["program_name"]
    assert names["maritime-patrol-aircraft"].endswith(" (context)")
    assert names["torpedoes"] == "torpedoes"
    context = package.tables["programs"]["program_group_type"] == "context"
    assert marked["program_name"].str.endswith(" (context)").sum() == context.sum()
