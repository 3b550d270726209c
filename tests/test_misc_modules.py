"""paths, problems, theme and columns: small modules, one test each."""

from jkdefense.data import paths, vocabulary
from jkdefense.data.problems import Problem
from jkdefense.pipeline import propose
from jkdefense.render import theme
from jkdefense.report import (
    context,
    curate,
    pairings,
    pathway,
    programs,
    sources,
    threats,
)


def test_data_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    assert paths.data_dir() == paths.ROOT / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.project_dir(paths.data_dir()) == tmp_path


def test_problem_reads_as_file_row_field_message():
    assert str(Problem("threats.csv", 4, "domain_type", "bad")) == (
        "threats.csv row 4, domain_type: bad"
    )
    assert str(Problem("threats.csv", None, None, "file is empty")) == (
        "threats.csv: file is empty"
    )


def test_every_entity_has_its_own_colour():
    colours = (
        list(theme.COUNTRY_COLORS.values())
        + list(theme.DOMAIN_COLORS.values())
        + theme.CRITERION_COLORS
    )
    assert len(colours) == len(set(colours))
    assert set(vocabulary.DOMAINS) == {
        "land",
        "sea",
        "undersea",
        "air",
        "missile",
        "electronic",
        "multi",
    }


def test_source_line_names_articles_and_version():
    assert context.format_source_line(["A, “T”"], "1.0.0") == (
        "Source: A, “T”. Data v1.0.0."
    )


def test_column_labels_name_real_columns(package):
    fields = {
        f["name"]
        for r in package.descriptor["resources"]
        for f in r["schema"]["fields"]
    }
    computed = {
        "rank",
        "kr_maker_name",
        "jp_maker_name",
        "us_bridge_names",
        "weighted_score",
        "kr_company_name",
        "jp_company_name",
        "program_names",
        "bridge_names",
        "pairing_score",
        "agency_names",
        "partners",
        "fact_check",
        "table",
        "field",
        "type",
        "required",
        "key",
        "allowed_values",
        "description",
        "sentence_count",
        "mention_count",
        "curated_rows",
        "entity_count",
        "entities",
        "change",
        "columns",
        "answers_text",
        "accounts_text",
        "incident_day",
        "since",
        "state_name",
    }
    for table in (
        threats.COLUMNS,
        threats.INCIDENT_COLUMNS,
        programs.COLUMNS,
        pairings.COLUMNS,
        pathway.COLUMNS,
        pathway.PRECEDENT_COLUMNS,
        pathway.DEVELOPMENT_COLUMNS,
        sources.COLUMNS,
        sources.CLAIM_COLUMNS,
        sources.DICTIONARY_COLUMNS,
        sources.QUEUE_COLUMNS,
        sources.CHANGE_COLUMNS,
        curate.COLUMNS,
    ):
        assert set(table) <= fields | computed | set(propose.PROPOSAL_COLUMNS)
