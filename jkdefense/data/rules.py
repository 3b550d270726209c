"""Content rules the data package declares beyond its Table Schemas.

Each rule reads its parameters from data/datapackage.json (custom ``x-``
properties), never from code: the sources not to cite, what each verdict of a
claim requires. The wording of curated prose is checked in wording, the rules
between tables in consistency and rubric_checks.
"""

from __future__ import annotations

import re

import pandas as pd

from jkdefense.data import consistency, contested, rubric_checks, schema, wording
from jkdefense.data.problems import (
    CLAIM_CHANGED_AFTER,
    CLAIM_CHANGED_DATE,
    CLAIM_CORRECT_NAME,
    CLAIM_REFERENCE,
    DO_NOT_CITE,
    NAMED_IN_QUOTE,
    TIER_NEEDS_URL,
    URL_NEEDS_TIER,
    Problem,
    data_row,
)

Tables = dict[str, pd.DataFrame]


def check_rules(raw: Tables, descriptor: schema.Descriptor) -> list[Problem]:
    """Run every declared content rule over the readable tables."""
    resources = schema.resources(descriptor)
    problems: list[Problem] = []
    for name, frame in raw.items():
        resource = resources[name]
        if not schema.is_curated(resource):
            continue
        file = resource["path"]
        problems += check_references(file, frame, descriptor)
        problems += contested.check_reference_required(file, frame, resource)
        problems += wording.check_disputed_names(file, frame, resource, descriptor)
        problems += wording.check_neutral_wording(file, frame, resource, descriptor)
        problems += check_names_in_quotes(file, frame)
    if "claims" in raw:
        problems += check_claims(raw["claims"], raw.get("sources"))
    problems += contested.check_accounts(raw)
    if "rubrics" in raw:
        problems += rubric_checks.check_rubrics(raw["rubrics"], raw, resources)
    problems += consistency.check_consistency(raw)
    return problems


def do_not_cite(descriptor: schema.Descriptor) -> list[tuple[re.Pattern, str]]:
    """The package's list of sources never to cite: (address pattern, category)."""
    return [
        (re.compile(rule["url_pattern"]), rule["category"])
        for rule in descriptor.get("x-do-not-cite", [])
    ]


def check_references(
    file: str, frame: pd.DataFrame, descriptor: schema.Descriptor
) -> list[Problem]:
    """A reference carries its tier, and never comes from a do-not-cite source."""
    banned = do_not_cite(descriptor)
    columns = ("reference_url", "reference_tier")
    if any(c not in frame for c in columns):
        return []
    problems = []
    for index, url, tier in zip(
        frame.index,
        frame["reference_url"].tolist(),
        frame["reference_tier"].tolist(),
        strict=True,
    ):
        at = data_row(index)
        if url and not tier:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_tier",
                    "required when reference_url is set",
                    URL_NEEDS_TIER,
                )
            )
        if tier and not url:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_tier",
                    "set, but reference_url is empty",
                    TIER_NEEDS_URL,
                )
            )
        for pattern, category in banned:
            if url and pattern.search(url):
                problems.append(
                    Problem(
                        file,
                        at,
                        "reference_url",
                        f"{url!r} is a do-not-cite source ({category}); "
                        "cite a tier 1 or 2 source instead",
                        DO_NOT_CITE,
                    )
                )
    return problems


def _row_names(row: dict[str, str]) -> list[str]:
    """The names a row goes by: its *_name and *_acronym cells and its aliases."""
    names = [v for k, v in row.items() if k.endswith(("_name", "_acronym")) and v]
    return names + schema.split_list(row.get("alias_names", ""))


def check_names_in_quotes(file: str, frame: pd.DataFrame) -> list[Problem]:
    """A row that says the article names it must quote that name."""
    if "is_named_in_article" not in frame or "evidence_quote" not in frame:
        return []
    problems = []
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        if row["is_named_in_article"] != "true":
            continue
        quote = row["evidence_quote"].casefold()
        if not any(name.casefold() in quote for name in _row_names(row)):
            problems.append(
                Problem(
                    file,
                    data_row(index),
                    "is_named_in_article",
                    "true, but evidence_quote contains none of the row's names "
                    "or aliases: quote the name, or set false",
                    NAMED_IN_QUOTE,
                )
            )
    return problems


def check_claims(claims: pd.DataFrame, sources: pd.DataFrame | None) -> list[Problem]:
    """Claims follow their verdict's definition (see x-enum-definitions)."""
    published = (
        {}
        if sources is None
        else dict(zip(sources["source_id"], sources["date_published"], strict=True))
    )
    problems = []
    for index, row in zip(claims.index, claims.to_dict("records"), strict=True):
        at = data_row(index)
        verdict = row["verdict_type"]
        if row["claim_kind_type"] == "name" and not row["correct_name"]:
            problems.append(
                Problem(
                    "claims.csv",
                    at,
                    "correct_name",
                    "required for a claim about a name",
                    CLAIM_CORRECT_NAME,
                )
            )
        if verdict != "unsupported" and not row["reference_url"]:
            problems.append(
                Problem(
                    "claims.csv",
                    at,
                    "reference_url",
                    f"required for a {verdict} verdict: say where the check was made",
                    CLAIM_REFERENCE,
                )
            )
        if verdict != "outdated" and row["changed_date"]:
            problems.append(
                Problem(
                    "claims.csv",
                    at,
                    "changed_date",
                    f"only an outdated claim has a changed_date (verdict: {verdict})",
                    CLAIM_CHANGED_DATE,
                )
            )
        if verdict == "outdated":
            problems += _check_changed_date(at, row, published)
    return problems


def _check_changed_date(
    at: int, row: dict[str, str], published: dict[str, str]
) -> list[Problem]:
    """An outdated claim names when it changed: after its article was published."""
    changed = row["changed_date"]
    if not changed:
        return [
            Problem(
                "claims.csv",
                at,
                "changed_date",
                "required for an outdated claim: the date the fact changed",
                CLAIM_CHANGED_DATE,
            )
        ]
    ids = schema.split_list(row["evidence_sentence_ids"])
    dates = [published.get(i.split(":")[0], "") for i in ids]
    latest = max((d for d in dates if d), default="")
    # A publication date may be a month ("2019-03"): compare at its precision.
    if latest and changed[: len(latest)] <= latest:
        return [
            Problem(
                "claims.csv",
                at,
                "changed_date",
                f"{changed} is not after the article's date ({latest}): a claim "
                "wrong when published is 'wrong', not 'outdated'",
                CLAIM_CHANGED_AFTER,
            )
        ]
    return []
