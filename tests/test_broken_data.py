"""Broken data is named, never a traceback: by validate, and by every page.

tests/broken_cases.py breaks a copy of the data once for every rule the
validator declares (jkdefense.data.problems.RULES); a rule declared without a
case, or a problem reported without a declared rule, fails here. Each case goes
through ``jkdefense validate`` (exit status, and a line naming file, row and
field) and through every page of the app: no page raises, a page that needs a
table that cannot be used names the file, the problem and validate, and the
pages that do not need it draw as usual.
"""

from __future__ import annotations

import ast
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.data import load, schema, validate
from jkdefense.data import problems as rules
from jkdefense.data.problems import Problem
from jkdefense.report import registry
from tests.apptest import open_tab, run_page
from tests.breakers import every_table_repeats_a_key, has_rows
from tests.broken_cases import ROW_CASES, TABLE_CASES, Case, key_of
from tests.conftest import ROOT

ALL_CASES = [*ROW_CASES, *TABLE_CASES]


@dataclass
class Validated:
    """What ``jkdefense validate`` did on a broken copy."""

    data: Path
    code: int
    lines: list[str]
    package: load.Package

    @property
    def problems(self) -> list[Problem]:
        return self.package.problems


def broken_copy(folder: Path, *breakers) -> Path:
    """A copy of data/ and seeds/ in ``folder``, broken by each of ``breakers``."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for breaks in breakers:
        breaks(folder / "data")
    return folder / "data"


def run_validate(data: Path) -> Validated:
    """``jkdefense validate --data DATA``: its exit status, lines and problems.

    One load of the package (the command's own, which also keeps the package
    checked for the pages that follow).
    """
    seen: list[load.Package] = []

    def checked(data_dir: Path) -> list[Problem]:
        seen.append(load.load_package(data_dir))  # as validate.validate does
        return seen[0].problems

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        patch.setattr(validate, "validate", checked)
        with redirect_stderr(io.StringIO()):
            code = cli.main(["validate", "--data", str(data)])
    return Validated(data, code, out.getvalue().splitlines(), seen[0])


def named(result: Validated, case: Case) -> Problem:
    """The problem validate reported for ``case`` (fails when there is none)."""
    found = [
        p
        for p in result.problems
        if p.rule == case.rule
        and (p.file, p.row, p.field) == case.where
        and p.message.startswith(case.says)
    ]
    assert found, (case, [str(p) for p in result.problems])
    assert result.code == 1
    assert str(found[0]) in result.lines  # one line: file, row, field, message
    return found[0]


def errors(at) -> list[str]:
    """The page's error boxes, as text (Markdown escapes removed)."""
    return [e.value.replace("\\", "") for e in at.error]


def says_it_needs(at, file: str, problem: Problem) -> bool:
    """An error box names the file it needs, the problem (file, row, field and
    what is wrong) and jkdefense validate."""
    return any(
        f"**{file}**" in e and str(problem) in e and "jkdefense validate" in e
        for e in errors(at)
    )


def blames_the_filters(at) -> bool:
    """The page says the filters leave nothing (with the default filters)."""
    return any("match these filters" in i.value for i in at.info)


def every_page(data: Path, monkeypatch: pytest.MonkeyPatch):
    """Run every page of the app over ``data``; yield (page, AppTest) in turn."""
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data))
    at = run_page(registry.PAGES[0].name)
    for index, page in enumerate(registry.PAGES):
        if index:
            at.switch_page(page.script).run()
        assert not at.exception, (page.name, [e.message for e in at.exception])
        yield page, at


# --- every rule has a case ----------------------------------------------------


def test_every_declared_rule_has_a_broken_case():
    covered = {case.rule for case in ALL_CASES}
    assert set(rules.RULES) - covered == set(), "declare a case for each rule"
    assert covered - set(rules.RULES) == set()


def test_every_problem_the_package_reports_names_its_rule():
    """Each Problem(...) made in jkdefense passes the rule it breaks."""
    unnamed = []
    for path in sorted((ROOT / "jkdefense").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and (
                getattr(node.func, "id", getattr(node.func, "attr", None))
            )
            named_rule = called and (
                len(node.args) >= 5 or any(k.arg == "rule" for k in node.keywords)
            )
            if called == "Problem" and not named_rule:
                unnamed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unnamed == []


def test_rules_that_break_a_table_are_those_of_the_table_cases():
    """A rule that leaves a table unusable is tested with a copy of its own."""
    breaking = {name for name, rule in rules.RULES.items() if rule.breaks_table}
    assert breaking <= {case.rule for case in TABLE_CASES if case.table}


# --- broken rows: one shared copy ---------------------------------------------


@pytest.fixture(scope="module")
def broken_rows(tmp_path_factory: pytest.TempPathFactory) -> Validated:
    # Cases that share a way of breaking (one edit, two rules) apply it once.
    breakers = dict.fromkeys(case.breaks for case in ROW_CASES)
    data = broken_copy(tmp_path_factory.mktemp("rows"), *breakers)
    return run_validate(data)


@pytest.mark.parametrize("case", ROW_CASES, ids=[c.id for c in ROW_CASES])
def test_validate_names_each_broken_row(broken_rows, case):
    named(broken_rows, case)


def test_pages_draw_over_broken_rows_and_list_every_problem(broken_rows, monkeypatch):
    for page, at in every_page(broken_rows.data, monkeypatch):
        assert "data problem(s)" in errors(at)[0], page.name  # the banner
        assert not any("This page needs" in e for e in errors(at)), page.name
        assert not blames_the_filters(at), page.name
    at.switch_page(registry.PAGE_BY_NAME["sources"].script).run()
    for tab in ("Sentences", "Mentions", "Fact-checks", "Curation queue"):
        open_tab(at, "sources_tab", tab)
        assert not at.exception, (tab, [e.message for e in at.exception])
    open_tab(at, "sources_tab", "Data quality")
    (listed,) = [f.value for f in at.dataframe if "rule" in f.value.columns]
    shown = {
        (file, None if pd.isna(row) else int(row), None if pd.isna(field) else field)
        for file, row, field in zip(
            listed["file"], listed["row"], listed["field"], strict=True
        )
    }
    for case in ROW_CASES:
        assert case.where in shown, case.id


# --- broken tables: a copy each -----------------------------------------------


def needs(page: registry.Page, case: Case) -> bool:
    return case.table == "*" or case.table in page.tables


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.id for c in TABLE_CASES])
def test_a_broken_table_is_named_and_only_its_pages_stop(tmp_path, monkeypatch, case):
    result = run_validate(broken_copy(tmp_path, case.breaks))
    problem = named(result, case)
    if case.table not in (None, "*"):  # drawn from nowhere: it cannot be used
        assert case.table not in result.package.tables
    for page, at in every_page(result.data, monkeypatch):
        if needs(page, case):
            for table in page.tables if case.table == "*" else [case.table]:
                file = result.package.file_of(table)  # a CSV, or a derived Parquet
                assert says_it_needs(at, file, problem), (page.name, table)
        else:
            assert not any("This page needs" in e for e in errors(at)), page.name
            assert not blames_the_filters(at), page.name
    for name, key, label in case.shown:  # a tab or section that reads it says so
        at.switch_page(registry.PAGE_BY_NAME[name].script).run()
        if key:
            open_tab(at, key, label)
        assert not at.exception, [e.message for e in at.exception]
        assert says_it_needs(at, case.file, problem), (name, label, errors(at))


def test_a_repeated_key_in_every_table_is_named_and_every_page_says_so(
    tmp_path, monkeypatch
):
    result = run_validate(broken_copy(tmp_path, every_table_repeats_a_key))
    resources = {
        name: resource
        for name, resource in schema.resources(result.package.descriptor).items()
        if has_rows(result.data / resource["path"])  # an empty table has no key
    }
    repeated = {
        name: named(
            result,
            Case(
                rules.DUPLICATE_KEY,
                f"{resource['path']} row 3, {key_of(resource)}: duplicate key",
                every_table_repeats_a_key,
            ),
        )
        for name, resource in resources.items()
    }
    assert not set(resources) & set(result.package.tables)
    for page, at in every_page(result.data, monkeypatch):
        for table in page.tables:
            file = resources[table]["path"]
            assert says_it_needs(at, file, repeated[table]), (page.name, table)
