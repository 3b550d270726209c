"""Export and ingest over broken data: one line naming the problem, never a traceback.

The broken copies are those of tests/broken_cases.py. Export exits 1 with one
line naming file, row, field and problem when the page needs a table that
cannot be used, and otherwise writes the page with one warning line per
problem (exit codes: jkdefense.render.batch). Ingest refuses in one line (exit
1) when it cannot read what it builds on, fails in one line (exit 2) when a
folder stands where it must write a derived table, and otherwise adds the
article over a problem it does not make worse, naming it in a warning line
(exit codes: jkdefense.pipeline.ingest).
"""

from __future__ import annotations

import pytest

from jkdefense import cli
from jkdefense.data.problems import Problem
from jkdefense.render import batch
from jkdefense.report import registry
from tests.broken_cases import TABLE_CASES, Case
from tests.test_broken_data import broken_copy


def located(case: Case) -> str:
    """How a line names the case's problem: file, row and field."""
    return str(Problem(*case.where, "")).removesuffix(": ")


def page_needing(case: Case) -> str | None:
    """A page that needs the case's table (None: every page can be drawn)."""
    return next(
        (
            page.name
            for page in registry.PAGES
            if case.table == "*" or case.table in page.tables
        ),
        None,
    )


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.id for c in TABLE_CASES])
def test_export_names_the_broken_table_in_one_line(tmp_path, capsys, case):
    data = broken_copy(tmp_path, case.breaks)
    page = page_needing(case)
    out = tmp_path / "out"
    code = cli.main(
        ["export", "--page", page or "pathway", "--format", "svg", "--out", str(out)]
        + ["--data", str(data)]
    )
    printed, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert all(line.startswith("jkdefense export: ") for line in lines), lines
    if page:  # refused: the page cannot be drawn (documented exit code 1)
        assert code == batch.DATA_CANNOT_GIVE and len(lines) == 1, lines
        assert located(case) in lines[0] and case.says in lines[0]
        assert printed == "" and not out.exists()
    else:  # drawn, with one warning line per problem
        assert code == 0 and printed
        assert any(located(case) in line and case.says in line for line in lines)


ARTICLE = "Seoul and Tokyo compare submarine designs.\n\nLIG Nex1 joined the talks.\n"
META = ["--title", "Waters", "--author", "A. N. Analyst", "--publisher", "Review"]
META += ["--url", "https://example.org/waters", "--date", "2024-06-15"]
# What ingest builds on: the descriptor, the feed and the aliases it derives with.
REFUSED = {"datapackage.json", "sources.csv", "programs.csv", "companies.csv"}


@pytest.mark.parametrize(
    "case",
    [c for c in TABLE_CASES if c.file in REFUSED or c.file.endswith(".parquet")],
    ids=lambda c: c.id,
)
def test_ingest_refuses_in_one_line_or_adds_over_a_problem(tmp_path, capsys, case):
    data = broken_copy(tmp_path, case.breaks)
    article = tmp_path / "waters.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code = cli.main(["ingest", str(article), *META, "--data", str(data)])
    printed, err = capsys.readouterr()
    assert "Traceback" not in err
    if case.file in REFUSED and case.rule != "duplicate-key":
        assert code == 1, (printed, err)
        (line,) = err.strip().splitlines()
        assert line.startswith("ingest: refused: ") and located(case) in line
    elif case.rule == "file-unreadable":  # no file can be written over a folder
        assert code == 2, (printed, err)
        (line,) = err.strip().splitlines()
        assert line.startswith("ingest: writing failed") and case.file in line
    else:  # derived tables are derived afresh; a repeated key stays, named
        assert code == 0, err
        assert printed.startswith("ingest: added ")
        lines = err.strip().splitlines()
        assert all(line.startswith("ingest: warning: ") for line in lines), lines
        if case.file.endswith(".csv"):
            assert any(located(case) in line for line in lines), lines
