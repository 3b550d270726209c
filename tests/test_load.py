import pandas as pd

from jkdefense.data import load, schema


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


def test_read_package_types_the_tables_as_load_package_does(data_copy):
    checked = load.load_package(data_copy, whole_feed=False)
    read = load.read_package(data_copy)
    assert read.checked is False and checked.checked is True
    assert set(read.tables) == set(checked.tables) - {"sentences"}
    for name, frame in read.tables.items():
        pd.testing.assert_frame_equal(frame, checked.tables[name], obj=name)


def test_read_package_reports_what_reading_finds_and_leaves_the_checks(data_copy):
    (data_copy / "pathway.csv").unlink()
    threats = data_copy / "threats.csv"
    text = threats.read_text(encoding="utf-8")
    threats.write_text(text.replace(",air,", ",space,", 1), encoding="utf-8")
    read = load.read_package(data_copy)
    assert [p.message for p in read.problems] == ["file is missing"]
    checked = load.load_package(data_copy, whole_feed=False)
    assert any(p.file == "threats.csv" for p in checked.problems)


def test_read_sentences_gives_the_cited_rows_typed(data_copy):
    checked = load.load_package(data_copy, whole_feed=False)
    wanted = set(checked.tables["threats"]["evidence_sentence_ids"].iloc[0])
    read = load.read_sentences(load.read_package(data_copy), wanted)
    expected = checked.tables["sentences"]
    expected = expected[expected["sentence_id"].isin(wanted)]
    pd.testing.assert_frame_equal(
        read.sort_values("sentence_id").reset_index(drop=True),
        expected.sort_values("sentence_id").reset_index(drop=True),
    )
    (data_copy / "sentences.parquet").write_bytes(b"not parquet")
    assert load.read_sentences(load.read_package(data_copy), wanted) is None
