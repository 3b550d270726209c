"""Rules between tables, so that two pages cannot disagree.

A fact held in two tables must agree in both: a pairing with its companies and
programs, a program with its makers, a development with the one before it.
"""

from __future__ import annotations

import re

import pandas as pd

from jkdefense.data import schema
from jkdefense.data.problems import (
    BRIDGE_SUPPLIER,
    DEVELOPMENT_AFTER,
    DEVELOPMENT_CONTINUES,
    DEVELOPMENT_SUBJECT,
    MAKER_COUNTRY,
    PAIRING_COUNTRY,
    PAIRING_DOMAIN,
    PAIRING_POLITICAL,
    PAIRING_PROGRAM_DOMAIN,
    PAIRING_PROGRAMS,
    SCORE_DISCRIMINATES,
    Problem,
    data_row,
)

Tables = dict[str, pd.DataFrame]


def check_consistency(raw: Tables) -> list[Problem]:
    """Rules between tables, so that two pages cannot contradict each other."""
    problems: list[Problem] = []
    if "developments" in raw:
        problems += check_developments(raw["developments"], raw)
    companies, programs = raw.get("companies"), raw.get("programs")
    if companies is None:
        return problems
    company = _rows_by_key(companies, "company_id")
    if programs is not None:
        problems += _check_program_makers(programs, company)
    pairings = raw.get("company_pairings")
    if pairings is not None and programs is not None:
        program = _rows_by_key(programs, "program_id")
        problems += _check_pairings(pairings, company, program)
        problems += check_discriminates(pairings, "company_pairings.csv")
    return problems


def _rows_by_key(frame: pd.DataFrame, key: str) -> dict[str, dict[str, str]]:
    """Each row by its key; of rows that repeat a key, the first.

    A repeated key is reported by its own rule (schema_checks.check_keys); the rules
    here still run, over the rows as the first of each key reads.
    """
    return frame.drop_duplicates(key).set_index(key).to_dict("index")


def _check_program_makers(programs: pd.DataFrame, company: dict) -> list[Problem]:
    problems = []
    for index, row in zip(programs.index, programs.to_dict("records"), strict=True):
        for side in ("KR", "JP"):
            field = f"{side.lower()}_maker_company_id"
            maker = company.get(row[field])
            if maker is not None and maker["country_code"] != side:
                problems.append(
                    Problem(
                        "programs.csv",
                        data_row(index),
                        field,
                        f"{row[field]!r} is a {maker['country_code']} company, "
                        f"not {side}",
                        MAKER_COUNTRY,
                    )
                )
    return problems


def _check_pairings(pairings: pd.DataFrame, company: dict, program: dict) -> list:
    """Each pairing agrees with its companies' rows and its programs' rows."""
    problems = []
    for index, row in zip(pairings.index, pairings.to_dict("records"), strict=True):
        found = [
            *_pairing_company_problems(row, company),
            *_pairing_program_problems(row, program),
        ]
        problems += [
            Problem("company_pairings.csv", data_row(index), field, message, broken)
            for field, message, broken in found
        ]
    return problems


def _pairing_company_problems(row: dict, company: dict) -> list[tuple[str, str, str]]:
    """Both firms are of their side and work in the pairing's domain; bridges supply."""
    found, domain = [], row["domain_type"]
    for side in ("KR", "JP"):
        field = f"{side.lower()}_company_id"
        firm = company.get(row[field])
        if firm is None:
            continue  # reported as a broken reference
        if firm["country_code"] != side:
            found.append(
                (field, f"{row[field]!r} is not a {side} company", PAIRING_COUNTRY)
            )
        if domain not in schema.split_list(firm["domain_types"]):
            message = f"{row[field]!r} does not list the domain {domain!r}"
            found.append((field, message, PAIRING_DOMAIN))
    for bridge in schema.split_list(row["bridge_company_ids"]):
        role = company.get(bridge, {}).get("company_role_type")
        if role not in (None, "us_supplier", "other_supplier"):
            found.append(
                (
                    "bridge_company_ids",
                    f"{bridge!r} is not a supplier ({role})",
                    BRIDGE_SUPPLIER,
                )
            )
    return found


# How a pairing's text may quote its program's political score ("… 2 of 5").
_QUOTED_POLITICAL = re.compile(r"political feasibility (\d) of 5")


def _pairing_program_problems(row: dict, program: dict) -> list[tuple[str, str, str]]:
    """A pairing's programs are of its domain, and agree with its summary.

    Any political score the summary quotes ("… 2 of 5") is one its programs
    hold, so the pairings page cannot contradict the programs page.
    """
    ids, domain = schema.split_list(row["program_ids"]), row["domain_type"]
    if not ids:
        message = "empty: a pairing serves at least one program"
        return [("program_ids", message, PAIRING_PROGRAMS)]
    held = {program[i]["political_feasibility_score"] for i in ids if i in program}
    quoted = _QUOTED_POLITICAL.findall(row.get("pairing_summary", ""))
    found = [
        (
            "pairing_summary",
            f"quotes political feasibility {n} of 5, but its programs hold "
            f"{', '.join(sorted(held))} in programs.csv",
            PAIRING_POLITICAL,
        )
        for n in quoted
        if held and n not in held
    ]
    return found + [
        (
            "program_ids",
            f"{program_id!r} is a {program[program_id]['domain_type']} program, "
            f"the pairing is {domain}",
            PAIRING_PROGRAM_DOMAIN,
        )
        for program_id in ids
        if program_id in program
        and program[program_id]["domain_type"] not in (domain, "multi")
    ]


# A domain with this many pairings or more must not give them all one score.
DISCRIMINATE_FROM_ROWS = 4


def check_discriminates(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A score equal for every row of a large domain flags the domain, not the pairs.

    With four pairings or more in a domain, their companies, programs and
    products differ enough that one value for all of them means the score was
    set by domain (as a flag) rather than judged pair by pair.
    """
    if "domain_type" not in frame:
        return []
    sizes = frame["domain_type"].value_counts()
    rows = frame[
        frame["domain_type"].isin(sizes[sizes >= DISCRIMINATE_FROM_ROWS].index)
    ]
    problems = []
    for column in [c for c in frame.columns if c.endswith("_score")]:
        per_domain = rows.groupby("domain_type")[column].nunique()
        for domain in sorted(per_domain[per_domain == 1].index):
            problems.append(
                Problem(
                    file,
                    None,
                    column,
                    f"one value for all {sizes[domain]} {domain} rows: the score "
                    "marks the domain instead of judging each pair",
                    SCORE_DISCRIMINATES,
                )
            )
    return problems


# The first article's month: a development is a change since it.
ARTICLE_MONTH = "2019-03"


def check_developments(developments: pd.DataFrame, raw: Tables) -> list[Problem]:
    """Developments form one story per subject.

    Each names an entity that exists, comes after the article, and starts from
    the state the subject's previous development left it in.
    """
    problems = []
    keys = {
        "pathway": "step_id",
        "drivers": "driver_id",
        "programs": "program_id",
        "incidents": "incident_id",
        "threats": "threat_id",
    }
    last_state: dict[str, tuple[str, int]] = {}
    ordered = developments.assign(_row=range(len(developments))).sort_values(
        ["development_date", "_row"], kind="stable"
    )
    for index, row in zip(ordered.index, ordered.to_dict("records"), strict=True):
        at = data_row(index)
        table, key = row["subject_table"], keys.get(row["subject_table"])
        target = raw.get(table)
        if target is not None and key and row["subject_id"] not in set(target[key]):
            problems.append(
                Problem(
                    "developments.csv",
                    at,
                    "subject_id",
                    f"{row['subject_id']!r} is not a {key} in {table}.csv",
                    DEVELOPMENT_SUBJECT,
                )
            )
        if row["development_date"] and row["development_date"][:7] <= ARTICLE_MONTH:
            problems.append(
                Problem(
                    "developments.csv",
                    at,
                    "development_date",
                    f"{row['development_date']} is not after the article "
                    f"({ARTICLE_MONTH})",
                    DEVELOPMENT_AFTER,
                )
            )
        subject = f"{table}:{row['subject_id']}"
        before = last_state.get(subject)
        if before and row["state_before_type"] != before[0]:
            problems.append(
                Problem(
                    "developments.csv",
                    at,
                    "state_before_type",
                    f"{row['state_before_type']!r}, but the development in row "
                    f"{before[1]} left {subject} {before[0]!r}",
                    DEVELOPMENT_CONTINUES,
                )
            )
        last_state[subject] = (row["state_after_type"], at)
    return problems
