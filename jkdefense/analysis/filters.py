"""Pure row selection shared by every page: domain, country focus and source article."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jkdefense.data.vocabulary import DOMAIN_LABELS, DOMAINS

FOCUS_CHOICES = ("both", "KR", "JP")
FOCUS_LABELS = {"both": "Both", "KR": "South Korea", "JP": "Japan"}


@dataclass(frozen=True)
class ViewFilters:
    """The filters every page shares; empty domains or sources select nothing."""

    domains: tuple[str, ...] = DOMAINS
    focus: str = "both"
    source_ids: tuple[str, ...] = ()

    def describe(self, all_source_ids: tuple[str, ...] = ()) -> str:
        """Name the active filters in one line, for chart subtitles and slides."""
        if set(self.domains) >= set(DOMAINS):
            domains = "all domains"
        else:
            domains = ", ".join(DOMAIN_LABELS[d] for d in DOMAINS if d in self.domains)
            domains = domains or "no domain"
        focus = "focus: " + FOCUS_LABELS.get(self.focus, self.focus)
        n_all = len(all_source_ids) or len(self.source_ids)
        sources = f"{len(self.source_ids):,} of {n_all:,} articles"
        return f"Filters: {domains} · {focus} · {sources}"


def cited_source_ids(evidence_ids: pd.Series) -> pd.Series:
    """Return, per row, the set of source ids its evidence sentences belong to."""
    return evidence_ids.map(lambda ids: {i.split(":", 1)[0] for i in ids})


def cites_any_source(frame: pd.DataFrame, source_ids: tuple[str, ...]) -> pd.Series:
    """Mask rows whose evidence cites at least one of ``source_ids``."""
    wanted = set(source_ids)
    return cited_source_ids(frame["evidence_sentence_ids"]).map(
        lambda s: bool(s & wanted)
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
        return values.map(lambda items: bool(set(items) & wanted))
    return values.isin(wanted)


def select(
    frame: pd.DataFrame,
    view: ViewFilters,
    *,
    domain_column: str | None = "domain_type",
    focus_mask: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the rows of a curated table that pass the shared filters."""
    mask = cites_any_source(frame, view.source_ids)
    if domain_column is not None:
        mask &= in_domains(frame[domain_column], view.domains)
    if focus_mask is not None and view.focus != "both":
        mask &= focus_mask
    return frame[mask]


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
    """Scramble years in view: they are air-domain data, so none without air."""
    rows = select(scrambles, view, domain_column=None)
    return rows if "air" in view.domains else rows.iloc[0:0]


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
    return mentions[mentions["source_id"].isin(view.source_ids)]
