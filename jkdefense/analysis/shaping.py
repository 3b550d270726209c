"""Pure reshaping of curated rows for display: ids spelled out, long forms, options.

Companies, agencies, programs and partner countries named instead of their ids,
criterion scores and domain counts in long form, and the company choices a
page offers.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis.scoring import CRITERION_LABELS
from jkdefense.data import schema


def criterion_scores(
    frame: pd.DataFrame, criteria: tuple[str, ...], label_column: str
) -> pd.DataFrame:
    """Long table label × criterion with score and rationale, in ``frame`` order."""
    parts = []
    for criterion in criteria:
        parts.append(
            pd.DataFrame(
                {
                    label_column: frame[label_column].to_numpy(),
                    "criterion": criterion,
                    "criterion_name": CRITERION_LABELS[criterion],
                    "score": frame[f"{criterion}_score"].to_numpy(),
                    "rationale": frame[f"{criterion}_rationale"].to_numpy(),
                    "order": range(len(frame)),
                }
            )
        )
    long = pd.concat(parts, ignore_index=True)
    return long.sort_values(["order", "criterion"], kind="stable").drop(columns="order")


def company_names(companies: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Map company ids (scalar or list cells) to names."""
    names = companies.set_index("company_id")["company_short_name"]
    return ids.map(
        lambda v: (
            ", ".join(names.get(i, i) for i in v)
            if isinstance(v, list)
            else names.get(v, "")
            if isinstance(v, str)
            else ""
        )
    )


CONTEXT_MARK = " (context)"


def with_context_marked(programs: pd.DataFrame) -> pd.DataFrame:
    """Programs with ' (context)' after the names of those added for comparison.

    The article names the candidates and the feasible areas; context programs
    are the curators' additions, and a ranking must not pass them off as the
    article's proposals.
    """
    is_context = programs["program_group_type"] == "context"
    names = programs["program_name"].where(
        ~is_context, programs["program_name"] + CONTEXT_MARK
    )
    return programs.assign(program_name=names)


def programs_side_by_side(
    programs: pd.DataFrame, companies: pd.DataFrame
) -> pd.DataFrame:
    """Korean and Japanese systems with their makers, commonality and US bridges."""
    return programs.assign(
        kr_maker_name=company_names(companies, programs["kr_maker_company_id"]),
        jp_maker_name=company_names(companies, programs["jp_maker_company_id"]),
        us_bridge_names=company_names(companies, programs["us_bridge_company_ids"]),
    )


def domain_coverage(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per domain in each table in view (table label -> frame with domain_type)."""
    counts = [
        frame["domain_type"]
        .value_counts()
        .rename_axis("domain_type")
        .reset_index(name="row_count")
        .assign(table_name=label)
        for label, frame in frames.items()
    ]
    return (
        pd.concat(counts, ignore_index=True)
        if counts
        else pd.DataFrame(columns=["domain_type", "row_count", "table_name"])
    )


def pathway_steps(
    pathway: pd.DataFrame, agencies: pd.DataFrame, programs: pd.DataFrame
) -> pd.DataFrame:
    """Steps in order with agency acronyms and program names spelled out."""
    acronyms = agencies.set_index("agency_id")["agency_acronym"]
    program_names = programs.set_index("program_id")["program_name"]
    return pathway.sort_values("step_order", ignore_index=True).assign(
        agency_names=lambda f: f["agency_ids"].map(
            lambda ids: ", ".join(acronyms.get(i, i) for i in ids)
        ),
        program_names=lambda f: f["program_ids"].map(
            lambda ids: ", ".join(program_names.get(i, i) for i in ids)
        ),
    )


def precedents_with_checks(
    precedents: pd.DataFrame, claims: pd.DataFrame
) -> pd.DataFrame:
    """Precedents with partners and builders spelled out, and any fact-check."""
    about = claims[claims["subject_table"] == "precedents"]
    checks = about.groupby("subject_id").apply(
        lambda g: "; ".join(
            f"{v.replace('_', ' ')}: {n}"
            for v, n in zip(g["verdict_type"], g["correction_note"], strict=True)
        ),
        include_groups=False,
    )
    caveats = about[about["verdict_type"] != "supported"]["subject_id"]
    return precedents.assign(
        partners=precedents["partner_country_codes"].map(", ".join),
        # The file separates builders with ";" alone; a table reads "; ".
        # (An empty cell, already reported as a problem, stays empty.)
        lead_companies=precedents["lead_companies"].map(
            lambda cell: (
                "; ".join(schema.split_list(cell)) if isinstance(cell, str) else cell
            )
        ),
        fact_check=precedents["precedent_id"].map(checks).fillna(""),
        has_caveat=precedents["precedent_id"].isin(set(caveats)),
    )


def pairings_for_display(
    scored: pd.DataFrame, companies: pd.DataFrame, programs: pd.DataFrame
) -> pd.DataFrame:
    """Scored pairings with their programs and bridge suppliers spelled out."""
    program_names = programs.set_index("program_id")["program_name"]
    return scored.assign(
        program_names=scored["program_ids"].map(
            lambda ids: ", ".join(program_names.get(i, i) for i in ids)
        ),
        bridge_names=company_names(companies, scored["bridge_company_ids"]),
    )


def company_options(scored: pd.DataFrame, companies: pd.DataFrame) -> dict[str, str]:
    """Companies that appear in the pairings, id -> name, sorted by name."""
    names = companies.set_index("company_id")["company_short_name"]
    ids = set(scored["kr_company_id"]) | set(scored["jp_company_id"])
    return dict(sorted(((i, names.get(i, i)) for i in ids), key=lambda kv: kv[1]))


def ids_of(options: dict[str, str], chosen: list[str]) -> list[str]:
    """Map chosen option labels back to their ids."""
    return [i for i, label in options.items() if label in chosen]


def precedent_partners(
    precedents: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """One row per precedent and partner country, precedents by start year."""
    names = countries.set_index("country_code")["country_name"]
    rows = precedents.sort_values("start_year").explode("partner_country_codes")
    rows = rows.dropna(subset=["partner_country_codes"])
    return pd.DataFrame(
        {
            "precedent_name": rows["precedent_name"].to_numpy(),
            "domain_type": rows["domain_type"].to_numpy(),
            "start_year": rows["start_year"].to_numpy(),
            "country_code": rows["partner_country_codes"].to_numpy(),
            "country_name": rows["partner_country_codes"].map(names).to_numpy(),
        }
    )
