"""Pure row selection shared by every page: domain, focus, article and period."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from jkdefense.data.vocabulary import (
    DOMAIN_GROUP_LABELS,
    DOMAIN_GROUPS,
    DOMAIN_LABELS,
    DOMAINS,
)

FOCUS_CHOICES = ("both", "KR", "JP")
FOCUS_LABELS = {"both": "Both", "KR": "South Korea", "JP": "Japan"}


def domains_of(choice: Sequence[str]) -> tuple[str, ...]:
    """The domains a choice of the domain filter covers (none chosen: every one).

    A group (maritime) stands for its domains; the result keeps DOMAINS' order.
    """
    if not choice:
        return DOMAINS
    chosen = {d for c in choice for d in DOMAIN_GROUPS.get(c, (c,))}
    return tuple(d for d in DOMAINS if d in chosen)


def describe_domains(choice: Sequence[str], domains: Sequence[str]) -> str:
    """The domain filter in words: 'all domains', 'Maritime (sea and undersea)'."""
    if set(domains) >= set(DOMAINS):
        return "all domains"
    named = [DOMAIN_GROUP_LABELS[c] for c in choice if c in DOMAIN_GROUP_LABELS]
    covered = {d for c in choice for d in DOMAIN_GROUPS.get(c, ())}
    named += [DOMAIN_LABELS[d] for d in DOMAINS if d in domains and d not in covered]
    return ", ".join(named) or "no domain"


@dataclass(frozen=True)
class ViewFilters:
    """The filters every page shares; empty domains or sources select nothing.

    ``domain_choice`` is the domain filter as chosen (groups kept, as the URL
    holds it); ``domains`` the domains it covers.
    """

    domains: tuple[str, ...] = DOMAINS
    focus: str = "both"
    source_ids: tuple[str, ...] = ()
    # First and last year in view, both included; None: every year.
    period: tuple[int, int] | None = None
    # Publication date of the latest article in view (YYYY-MM or YYYY-MM-DD).
    as_of: str = ""
    domain_choice: tuple[str, ...] = ()
    # The latest dated row in view (an incident or a development, YYYY-MM-DD),
    # and how many articles in view no curated row cites yet.
    data_to: str = ""
    uncited: int = 0

    def describe(self, all_source_ids: tuple[str, ...] = ()) -> str:
        """Name the active filters in one line, for chart subtitles and slides."""
        domains = describe_domains(self.domain_choice, self.domains)
        focus = "focus: " + FOCUS_LABELS.get(self.focus, self.focus)
        n_all = len(all_source_ids) or len(self.source_ids)
        parts = [domains, focus, f"{len(self.source_ids):,} of {n_all:,} articles"]
        if self.period is not None:
            first, last = self.period
            parts.append(f"{first}–{last}" if first != last else f"{first}")
        if self.as_of:
            parts.append(f"latest article {self.as_of}")
        if self.data_to:
            parts.append(f"data to {self.data_to}")
        if self.uncited:
            parts.append(
                f"{self.uncited:,} article{'s' if self.uncited != 1 else ''} "
                "not yet cited"
            )
        return "Filters: " + " · ".join(parts)


def cited_source_ids(evidence_ids: pd.Series) -> pd.Series:
    """Return, per row, the set of source ids its evidence sentences belong to."""
    return evidence_ids.map(lambda ids: {i.split(":", 1)[0] for i in ids})


def cites_any_source(frame: pd.DataFrame, source_ids: tuple[str, ...]) -> pd.Series:
    """Mask rows whose evidence cites at least one of ``source_ids``."""
    wanted = set(source_ids)
    # NOTE: astype(bool): on an empty table map() infers no boolean dtype.
    return (
        cited_source_ids(frame["evidence_sentence_ids"])
        .map(lambda s: bool(s & wanted))
        .astype(bool)
    )


def in_domains(values: pd.Series, domains: tuple[str, ...]) -> pd.Series:
    """Mask rows in one of ``domains``; list cells match when any item does.

    A cross-domain ("multi") row belongs to every domain, so it stays in view
    whenever any domain is selected.
    """
    wanted = set(domains)
    if wanted:
        wanted.add("multi")
    if values.map(lambda v: isinstance(v, list)).any():
        return values.map(lambda items: bool(set(items) & wanted)).astype(bool)
    return values.isin(wanted)


def select(
    frame: pd.DataFrame,
    view: ViewFilters,
    *,
    domain_column: str | None = "domain_type",
    focus_mask: pd.Series | None = None,
    answers: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the rows of a curated table that pass the shared filters.

    ``answers`` marks rows in view whatever their own domain: the programs
    (and pairings) that answer a threat of a domain in view (answering_ids).
    """
    mask = cites_any_source(frame, view.source_ids)
    if domain_column is not None:
        in_view = in_domains(frame[domain_column], view.domains)
        mask &= in_view if answers is None else (in_view | answers)
    if focus_mask is not None and view.focus != "both":
        mask &= focus_mask
    return frame[mask]


def answering_ids(
    links: pd.DataFrame | None,
    threats: pd.DataFrame | None,
    domains: tuple[str, ...],
) -> set[str]:
    """The programs that answer a threat of one of ``domains`` (program_threats).

    Cross-domain threats do not pull programs in: every program answers China's
    build-up in some way, and a sea view should show what answers the sea.
    """
    if links is None or threats is None or links.empty:
        return set()
    if set(domains) >= set(DOMAINS):
        return set()
    specific = threats.loc[threats["domain_type"].isin(set(domains) - {"multi"})]
    return set(links.loc[links["threat_id"].isin(specific["threat_id"]), "program_id"])


def answering_mask(frame: pd.DataFrame, column: str, answering: set[str]) -> pd.Series:
    """Mask rows whose ``column`` (a program id, or a list of them) answers."""
    values = frame[column]
    if values.map(lambda v: isinstance(v, list)).any():
        return values.map(lambda ids: bool(set(ids) & answering)).astype(bool)
    return values.isin(answering)


def years_of(dates: pd.Series) -> pd.Series:
    """The year of each date (datetime or 'YYYY…' text); NA where there is none."""
    if pd.api.types.is_datetime64_any_dtype(dates):
        return dates.dt.year.astype("Int64")
    return pd.to_numeric(dates.astype("string").str[:4], errors="coerce").astype(
        "Int64"
    )


def in_period(dates: pd.Series, period: tuple[int, int] | None) -> pd.Series:
    """Mask rows dated within the period (every row when there is none)."""
    if period is None:
        return pd.Series(True, index=dates.index)
    years = years_of(dates)
    return years.between(*period).fillna(False).astype(bool)


def sources_in_period(
    sources: pd.DataFrame, source_ids: tuple[str, ...], period: tuple[int, int] | None
) -> tuple[str, ...]:
    """Those of ``source_ids`` whose article was published within the period."""
    dated = sources[in_period(sources["date_published"], period)]
    kept = set(dated["source_id"])
    return tuple(s for s in source_ids if s in kept)


def among(column: pd.Series, ids: Collection[str]) -> pd.Series:
    """Mask the cells of a text ``column`` that are one of ``ids`` (article ids).

    NOTE: Arrow's is_in, not Series.isin: pandas checks and converts every one of
    ``ids`` at each call, 37 ms for the 10,000 article ids of a long feed, where
    this takes under 1 ms (benchmarks/RESULTS.md); and a view asks it often.
    """
    cells = pa.array(column, type=pa.string(), from_pandas=True)  # NA: null
    found = pc.is_in(cells, value_set=pa.array(list(ids), type=pa.string()))
    return pd.Series(
        found.fill_null(False).to_numpy(zero_copy_only=False),
        index=column.index,
        dtype=bool,
    )


def latest_date(sources: pd.DataFrame, source_ids: tuple[str, ...]) -> str:
    """The publication date of the latest article of ``source_ids`` ('' if none)."""
    dates = sources.loc[among(sources["source_id"], source_ids), "date_published"]
    return str(dates.dropna().max()) if not dates.dropna().empty else ""


def threat_focus(threats: pd.DataFrame, focus: str) -> pd.Series:
    """Threats aimed at the focus country (or at both)."""
    return threats["affected_focus_type"].isin([focus, "both"])


def incident_focus(incidents: pd.DataFrame, focus: str) -> pd.Series:
    """Incidents the focus country took part in."""
    return incidents["actor_country_codes"].map(lambda codes: focus in codes)


def program_focus(programs: pd.DataFrame, focus: str) -> pd.Series:
    """Programs in which the focus country fields or develops a system."""
    column = "kr_system_name" if focus == "KR" else "jp_system_name"
    return programs[column].fillna("none").str.lower().ne("none")


def with_values(frame: pd.DataFrame, column: str, values: list[str]) -> pd.DataFrame:
    """Keep rows whose ``column`` is one of ``values``."""
    return frame[frame[column].isin(values)]


def incidents_for_actors(
    incidents: pd.DataFrame, chosen: list[str], all_actors: list[str]
) -> pd.DataFrame:
    """Keep incidents involving a chosen threat actor, or no threat actor at all."""
    chosen_set, actor_set = set(chosen), set(all_actors)
    keep = incidents["actor_country_codes"].map(
        lambda codes: bool(set(codes) & chosen_set) or not set(codes) & actor_set
    )
    return incidents[keep]


def scrambles_in_view(scrambles: pd.DataFrame, view: ViewFilters) -> pd.DataFrame:
    """Scramble years in view: air-domain data (none without air), in the period."""
    rows = select(scrambles, view, domain_column=None)
    rows = rows[in_period(rows["fiscal_year"].astype("string"), view.period)]
    return rows if "air" in view.domains else rows.iloc[0:0]


def events_in_view(
    frame: pd.DataFrame,
    view: ViewFilters,
    date_column: str,
    focus_mask: pd.Series | None = None,
) -> pd.DataFrame:
    """Dated rows (incidents, developments) that pass the filters and the period."""
    rows = select(frame, view, focus_mask=focus_mask)
    return rows[in_period(rows[date_column], view.period)]


def pairings_with_companies(
    pairings: pd.DataFrame, company_ids: list[str]
) -> pd.DataFrame:
    """Keep pairings that involve any of ``company_ids`` (all when none is chosen)."""
    if not company_ids:
        return pairings
    return pairings[
        pairings["kr_company_id"].isin(company_ids)
        | pairings["jp_company_id"].isin(company_ids)
    ]


def mentions_in_view(mentions: pd.DataFrame, view: ViewFilters) -> pd.DataFrame:
    """Rows (per article) of the selected articles."""
    return mentions[among(mentions["source_id"], view.source_ids)]
