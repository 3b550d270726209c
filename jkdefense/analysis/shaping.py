"""Pure reshaping for display: joins, long forms, the data dictionary."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis.scoring import CRITERION_LABELS
from jkdefense.data import schema
from jkdefense.data.vocabulary import ENTITY_LABEL_COLUMNS


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


CORROBORATED_FROM = 2


def article_counts(evidence_ids: pd.Series) -> pd.Series:
    """How many feed articles each row's evidence sentences come from."""
    return evidence_ids.map(
        lambda ids: (
            len({i.split(":", 1)[0] for i in ids}) if isinstance(ids, list) else 0
        )
    )


def corroboration(evidence_ids: pd.Series) -> pd.Series:
    """'1 article', or '2 articles, corroborated' from CORROBORATED_FROM on."""
    counts = article_counts(evidence_ids)
    return counts.map(
        lambda n: (
            f"{n} article{'s' if n != 1 else ''}"
            + (", corroborated" if n >= CORROBORATED_FROM else "")
        )
    )


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


def label_mentions(
    mentions: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """Add entity_name to mentions, looked up in the curated table of each entity."""
    names = pd.concat(
        [
            pd.DataFrame(
                {
                    "entity_table": table,
                    "entity_id": tables[table][key],
                    "entity_name": tables[table][label],
                }
            )
            for table, (key, label) in ENTITY_LABEL_COLUMNS.items()
            if table in tables
        ],
        ignore_index=True,
    )
    labelled = mentions.merge(names, on=["entity_table", "entity_id"], how="left")
    # An entity missing from its table (a broken reference) shows its id.
    labelled["entity_name"] = labelled["entity_name"].fillna(labelled["entity_id"])
    return labelled


def most_mentioned(counts: pd.DataFrame, top: int) -> pd.DataFrame:
    """Rows of ``counts`` (per article and entity) for the ``top`` entities overall."""
    key = ["entity_table", "entity_id"]
    totals = counts.groupby(key, observed=True)["mention_count"].sum()
    keep = totals.nlargest(top).index
    return counts[pd.MultiIndex.from_frame(counts[key]).isin(keep)]


def mention_counts(
    counts: pd.DataFrame, sources: pd.DataFrame, top: int = 25, articles: int = 8
) -> pd.DataFrame:
    """Mentions of the ``top`` most mentioned entities, split by article.

    ``counts`` holds mention counts per article and entity. The ``articles``
    articles naming those entities most keep their own part, labelled by
    source id (article_label: two articles may share a title, never an id) with
    their title beside it; the rest are summed as one "other articles" part, so
    a feed of thousands still draws a readable chart. Label the (small) result
    with label_mentions.
    """
    key = ["entity_table", "entity_id"]
    counts = most_mentioned(counts, top)
    by_article = counts.groupby("source_id", observed=True)["mention_count"].sum()
    shown = set(by_article.sort_values(ascending=False, kind="stable").index[:articles])
    titles = sources.set_index("source_id")["title"]
    others = len(by_article) - len(shown)
    other_title = f"{others:,} other article{'s' if others != 1 else ''}"
    label_of = {s: (s if s in shown else other_title) for s in by_article.index}
    title_of = {
        s: (titles.get(s, s) if s in shown else other_title) for s in by_article.index
    }
    parts = counts.assign(
        article_label=counts["source_id"].map(label_of),
        source_title=counts["source_id"].map(title_of),
    )
    columns = [*key, "article_label", "source_title"]
    summed = parts.groupby(columns, observed=True, as_index=False)[
        "mention_count"
    ].sum()
    return summed.astype({c: str for c in columns})


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


def data_dictionary(descriptor: schema.Descriptor) -> pd.DataFrame:
    """Every field of every table: type, required, allowed values, description."""
    rows = []
    for name, resource in schema.resources(descriptor).items():
        key = schema.primary_key(resource)
        for field in schema.fields(resource):
            rules = field.get("constraints", {})
            rows.append(
                {
                    "table": name,
                    "field": field["name"],
                    "type": field["type"],
                    "required": bool(rules.get("required")),
                    "key": field["name"] in key,
                    "allowed_values": _allowed_values(field),
                    "description": field["description"],
                }
            )
    return pd.DataFrame(rows)


def _allowed_values(field: schema.Field) -> str:
    """The closed list of a field, each value with its definition where it has one."""
    meanings = field.get("x-enum-definitions", {})
    values = schema.value_rules(field).get("enum", [])
    if not meanings:
        return ", ".join(map(str, values))
    return "; ".join(f"{v}: {meanings.get(v, '')}" for v in values)


def source_rules(descriptor: schema.Descriptor) -> dict[str, pd.DataFrame]:
    """The package's rules on sources and names, as tables to show readers."""
    return {
        "tiers": pd.DataFrame(
            descriptor.get("x-source-tiers", []), columns=["tier", "name", "meaning"]
        ),
        "do_not_cite": pd.DataFrame(
            descriptor.get("x-do-not-cite", []), columns=["url_pattern", "category"]
        ),
        "disputed_names": pd.DataFrame(
            [
                {"names": " / ".join(entry["names"]), "note": entry.get("note", "")}
                for entry in descriptor.get("x-disputed-names", [])
            ],
            columns=["names", "note"],
        ),
    }


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


def cited_sentence_ids(curated: dict[str, pd.DataFrame]) -> set[str]:
    """Every sentence id that some curated row cites."""
    return {
        i
        for frame in curated.values()
        if "evidence_sentence_ids" in frame
        for cell in frame["evidence_sentence_ids"]
        for i in cell
    }


def feed_with_counts(feed: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The feed with each article's sentence and mention counts."""
    per_article = counts.set_index("source_id")
    return feed.assign(
        **{
            column: feed["source_id"].map(per_article[column]).fillna(0).astype(int)
            for column in ("sentence_count", "mention_count")
        }
    )
