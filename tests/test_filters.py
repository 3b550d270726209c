import pandas as pd

from jkdefense.analysis import filters
from jkdefense.analysis.filters import ViewFilters

ROWS = pd.DataFrame(
    {
        "name": ["a", "b", "c", "d"],
        "domain_type": ["sea", "air", "multi", "land"],
        "affected_focus_type": ["KR", "JP", "both", "both"],
        "evidence_sentence_ids": [
            ["one:s001"],
            ["two:s004"],
            ["one:s002", "two:s001"],
            ["two:s002"],
        ],
    }
)


def names(frame):
    return list(frame["name"])


def test_domain_filter_keeps_cross_domain_rows():
    view = ViewFilters(domains=("sea",), source_ids=("one", "two"))
    assert names(filters.select(ROWS, view)) == ["a", "c"]


def test_no_domain_selects_nothing():
    assert filters.select(
        ROWS, ViewFilters(domains=(), source_ids=("one", "two"))
    ).empty


def test_source_filter_uses_the_cited_sentences():
    view = ViewFilters(source_ids=("one",))
    assert names(filters.select(ROWS, view)) == ["a", "c"]


def test_focus_filter_keeps_rows_aimed_at_both():
    view = ViewFilters(focus="JP", source_ids=("one", "two"))
    mask = filters.threat_focus(ROWS, "JP")
    assert names(filters.select(ROWS, view, focus_mask=mask)) == ["b", "c", "d"]


def test_list_domains_match_on_any_item():
    companies = pd.DataFrame({"domain_types": [["sea", "air"], ["land"]]})
    assert list(filters.in_domains(companies["domain_types"], ("air",))) == [
        True,
        False,
    ]


def test_describe_names_the_filters():
    view = ViewFilters(domains=("sea", "air"), focus="KR", source_ids=("one",))
    assert view.describe(("one", "two")) == (
        "Filters: Sea, Air · focus: South Korea · 1 of 2 articles"
    )
    assert (
        ViewFilters(source_ids=("one",))
        .describe(("one",))
        .startswith("Filters: all domains")
    )


def test_scrambles_need_the_air_domain():
    scrambles = pd.DataFrame(
        {"fiscal_year": [2018], "evidence_sentence_ids": [["one:s001"]]}
    )
    assert (
        len(filters.scrambles_in_view(scrambles, ViewFilters(source_ids=("one",)))) == 1
    )
    sea_only = ViewFilters(domains=("sea",), source_ids=("one",))
    assert filters.scrambles_in_view(scrambles, sea_only).empty


def test_incidents_for_actors_keeps_bilateral_events():
    incidents = pd.DataFrame(
        {"actor_country_codes": [["CN", "RU"], ["KR", "JP"], ["KP"]]}
    )
    kept = filters.incidents_for_actors(incidents, ["RU"], ["CN", "RU", "KP"])
    assert list(kept.index) == [0, 1]


def test_pairings_with_companies():
    pairings = pd.DataFrame(
        {"kr_company_id": ["k1", "k2"], "jp_company_id": ["j1", "j2"]}
    )
    assert len(filters.pairings_with_companies(pairings, ["j2"])) == 1
    assert len(filters.pairings_with_companies(pairings, [])) == 2


def test_among_is_isin_for_article_ids_empty_cells_and_no_ids():
    column = pd.Series(
        ["yoon-2019-diplomat", None, "whitehouse-2023", "", "x"],
        index=[4, 7, 9, 11, 12],
        dtype="str",
    )
    for ids in [
        ("yoon-2019-diplomat", "x"),
        (),
        ("",),
        tuple(f"synthetic-{n}" for n in range(3000)) + ("whitehouse-2023",),
    ]:
        found = filters.among(column, ids)
        assert found.dtype == bool
        assert found.index.equals(column.index)
        assert found.tolist() == column.isin(ids).tolist(), ids
    plain = pd.Series(["a", "b"], dtype=object)  # not Arrow-backed text
    assert filters.among(plain, {"b"}).tolist() == [False, True]
