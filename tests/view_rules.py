"""What each filter of a view lets through, stated from the README and the data.

Written apart from the pages' code on purpose: the rules read the curated CSVs
themselves and a view as its link states it, so a page that forgets a filter
(or applies the wrong one) shows a row these rules leave out.

- domain: none chosen is every domain; a domain chosen is that domain alone,
  *maritime* is sea and undersea; cross-domain ("multi") rows stay in every
  view. Programs, and the pairings that serve them, are in view too when they
  answer a threat of a chosen domain (data/program_threats.csv); cross-domain
  threats pull no program in.
- focus: threats aimed at the focus country or at both; incidents it took
  part in; programs in which it fields or develops a system (a system named,
  not "none"). Every pairing joins a Korean and a Japanese company: the focus
  keeps them all.
- period (years, both included): incidents and developments dated in it,
  scrambles of the fiscal years in it, articles published in it.
- articles: the articles chosen (every one when none is), published in the
  period; a curated row is in view when it cites at least one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import parse_qs, urlencode

import pandas as pd

from tests.conftest import ROOT

DATA = ROOT / "data"
MARITIME = frozenset({"sea", "undersea"})
CROSS_DOMAIN = "multi"


@cache
def read(name: str) -> pd.DataFrame:
    """A curated table as its CSV holds it: every value text, empty for none.

    Read once per test run; the rules only select from it, never change it.
    """
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def items(cell: str) -> set[str]:
    """The values of a ';'-separated list cell."""
    return {item for item in cell.split(";") if item}


def years(dates: pd.Series) -> pd.Series:
    """The year each date (YYYY, YYYY-MM or YYYY-MM-DD) falls in."""
    return pd.to_numeric(dates.str[:4], errors="coerce")


@dataclass(frozen=True)
class Chosen:
    """A view as its link states it (the part of the URL after '?')."""

    query: str

    @cached_property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query)

    @cached_property
    def domains(self) -> frozenset[str] | None:
        """The domains chosen; None when every domain is in view."""
        chosen = set()
        for choice in self.params.get("domain", []):
            chosen |= MARITIME if choice == "maritime" else {choice}
        return frozenset(chosen) or None

    @property
    def focus(self) -> str | None:
        return self.params.get("focus", [None])[0]

    @property
    def period(self) -> tuple[int, int] | None:
        given = [int(year) for year in self.params.get("period", [])]
        return (min(given), max(given)) if given else None

    def without(self, name: str) -> Chosen:
        """The same view with the filter ``name`` at its default."""
        kept = [
            (k, v) for k, values in self.params.items() if k != name for v in values
        ]
        return Chosen(urlencode(kept))


class InView:
    """The rows of each curated table that the view ``chosen`` lets through."""

    def __init__(self, chosen: Chosen) -> None:
        self.chosen = chosen
        self._tables: dict[str, pd.DataFrame] = {}

    def _in_period(self, dates: pd.Series) -> pd.Series:
        if self.chosen.period is None:
            return pd.Series(True, index=dates.index)
        return years(dates).between(*self.chosen.period)

    def _in_domains(self, domains: pd.Series) -> pd.Series:
        if self.chosen.domains is None:
            return pd.Series(True, index=domains.index)
        return domains.isin(self.chosen.domains | {CROSS_DOMAIN})

    def _cites(self, frame: pd.DataFrame) -> pd.Series:
        return frame["evidence_sentence_ids"].map(
            lambda ids: bool({i.split(":", 1)[0] for i in items(ids)} & self.articles)
        )

    @cached_property
    def articles(self) -> set[str]:
        """The articles in view: those chosen, published in the period."""
        sources = read("sources")
        chosen = self.chosen.params.get("source") or list(sources["source_id"])
        kept = sources["source_id"].isin(chosen) & self._in_period(
            sources["date_published"]
        )
        return set(sources.loc[kept, "source_id"])

    @cached_property
    def answering(self) -> set[str]:
        """Programs answering a threat of a chosen domain (not a cross-domain one)."""
        if self.chosen.domains is None:
            return set()
        threats = read("threats")
        specific = threats.loc[
            threats["domain_type"].isin(self.chosen.domains - {CROSS_DOMAIN}),
            "threat_id",
        ]
        links = read("program_threats")
        return set(links.loc[links["threat_id"].isin(specific), "program_id"])

    def sources(self) -> pd.DataFrame:
        feed = read("sources")
        return feed[feed["source_id"].isin(self.articles)]

    def threats(self) -> pd.DataFrame:
        rows = read("threats")
        keep = self._cites(rows) & self._in_domains(rows["domain_type"])
        if self.chosen.focus:
            keep &= rows["affected_focus_type"].isin([self.chosen.focus, "both"])
        return rows[keep]

    def programs(self) -> pd.DataFrame:
        rows = read("programs")
        answers = rows["program_id"].isin(self.answering)
        keep = self._cites(rows) & (self._in_domains(rows["domain_type"]) | answers)
        if self.chosen.focus:
            system = rows[f"{self.chosen.focus.lower()}_system_name"]
            keep &= system.str.strip().str.lower().ne("none") & system.ne("")
        return rows[keep]

    def company_pairings(self) -> pd.DataFrame:
        rows = read("company_pairings")
        answers = rows["program_ids"].map(lambda ids: bool(items(ids) & self.answering))
        keep = self._cites(rows) & (self._in_domains(rows["domain_type"]) | answers)
        names = read("companies").set_index("company_id")["company_short_name"]
        rows = rows[keep]
        return rows.assign(
            kr_company_name=rows["kr_company_id"].map(names),
            jp_company_name=rows["jp_company_id"].map(names),
            pairing_label=rows["kr_company_id"].map(names)
            + " × "
            + rows["jp_company_id"].map(names)
            + " ("
            + rows["domain_type"]
            + ")",
        )

    def incidents(self) -> pd.DataFrame:
        rows = read("incidents")
        keep = self._cites(rows) & self._in_domains(rows["domain_type"])
        keep &= self._in_period(rows["incident_date"])
        if self.chosen.focus:
            keep &= rows["actor_country_codes"].map(
                lambda codes: self.chosen.focus in items(codes)
            )
        return rows[keep]

    def developments(self) -> pd.DataFrame:
        rows = read("developments")
        keep = self._cites(rows) & self._in_domains(rows["domain_type"])
        return rows[keep & self._in_period(rows["development_date"])]

    def scrambles(self) -> pd.DataFrame:
        """Scrambles are air-domain data: none in a view without the air domain."""
        rows = read("scrambles")
        keep = self._cites(rows) & self._in_period(rows["fiscal_year"])
        domains = self.chosen.domains
        return rows[keep] if domains is None or "air" in domains else rows.iloc[0:0]

    def precedents(self) -> pd.DataFrame:
        rows = read("precedents")
        return rows[self._cites(rows) & self._in_domains(rows["domain_type"])]

    def claims(self) -> pd.DataFrame:
        rows = read("claims")
        return rows[self._cites(rows)]

    def drivers(self) -> pd.DataFrame:
        """Not narrowed by domain: each driver bears on the whole relationship."""
        rows = read("drivers")
        return rows[self._cites(rows)]

    def pathway(self) -> pd.DataFrame:
        """The route's steps have no domain: the articles alone narrow them."""
        rows = read("pathway")
        return rows[self._cites(rows)]

    def table(self, name: str) -> pd.DataFrame:
        """The rows of ``name`` in view (computed once per view and table)."""
        if name not in self._tables:
            self._tables[name] = getattr(self, name)()
        return self._tables[name]

    def values(self, name: str, column: str) -> set[str]:
        return set(self.table(name)[column])
