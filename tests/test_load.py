import pandas as pd

from jkdefense import load, schema


def test_columns_take_the_schema_types(package):
    threats = package.tables["threats"]
    assert str(threats["severity_score"].dtype) == "Int64"
    assert isinstance(threats["evidence_sentence_ids"].iloc[0], list)
    incidents = package.tables["incidents"]
    assert str(incidents["is_mentioned_in_article"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(incidents["incident_date"])


def test_empty_cells_are_missing_not_empty_strings(package):
    programs = package.tables["programs"]
    assert programs["kr_maker_company_id"].isna().any()
    assert not (programs["kr_maker_company_id"] == "").any()


def test_a_spreadsheet_bom_is_accepted(data_copy):
    path = data_copy / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pkg = load.load_package(data_copy)
    assert not pkg.problems_in("countries")
    assert "country_code" in pkg.tables["countries"]


def test_missing_tables_are_named(data_copy):
    (data_copy / "pathway.csv").unlink()
    pkg = load.load_package(data_copy)
    assert pkg.missing("pathway", "threats") == ["pathway"]
    assert [p.message for p in pkg.problems_in("pathway")] == ["file is missing"]


def test_read_table_text_keeps_strings(data_copy):
    frame = load.read_table_text(data_copy, "scrambles")
    assert frame["fiscal_year"].iloc[0] == "2010"
    descriptor = schema.read_descriptor(data_copy / "datapackage.json")
    assert list(frame) == schema.field_names(schema.resources(descriptor)["scrambles"])
