"""Tie each frame a page shows to its curated table; name its rows out of view.

A frame is tied to its table by its key column, or, for a chart that shows
names rather than keys (a ranking, a matrix, a network), by those names; each
tie answers with the rows the view (tests/view_rules.py) leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from tests.view_rules import CROSS_DOMAIN, InView, items

CONTEXT_MARK = " (context)"  # after a context program's name on charts and tables
OTHER_ARTICLES = re.compile(r"^[\d,]+ other articles?$")


def _outside(shown, allowed) -> list:
    return sorted({str(v) for v in shown if v is not None and not pd.isna(v)} - allowed)


def _keyed(table: str, key: str) -> Callable[[pd.DataFrame, InView], list]:
    return lambda frame, rules: _outside(frame[key], rules.values(table, key))


def _program_names(frame: pd.DataFrame, rules: InView) -> list:
    shown = frame["program_name"].map(lambda n: n.removesuffix(CONTEXT_MARK))
    return _outside(shown, rules.values("programs", "program_name"))


def _pairing_cells(frame: pd.DataFrame, rules: InView) -> list:
    pairings = rules.table("company_pairings")
    domains = pairings.groupby(["kr_company_name", "jp_company_name"])["domain_type"]
    allowed = {cell: set(found) for cell, found in domains}
    return [
        (kr, jp, shown)
        for kr, jp, shown in zip(
            frame["kr_company_name"],
            frame["jp_company_name"],
            frame["domains"],
            strict=True,
        )
        if not set(shown.split(", ")) <= allowed.get((kr, jp), set())
    ]


def _network_nodes(frame: pd.DataFrame, rules: InView) -> list:
    pairings = rules.table("company_pairings")
    allowed = {
        "KR": set(pairings["kr_company_id"]),
        "JP": set(pairings["jp_company_id"]),
        "bridge": {b for ids in pairings["bridge_company_ids"] for b in items(ids)},
    }
    return [
        (side, node)
        for side, node in zip(frame["side"], frame["node_id"], strict=True)
        if node not in allowed[side]
    ]


def edges_out_of_view(edges: pd.DataFrame, rules: InView) -> list:
    """The network's lines (company to supplier) no pairing in view runs along."""
    pairings = rules.table("company_pairings")
    allowed = {
        edge
        for kr, jp, ids in zip(
            pairings["kr_company_id"],
            pairings["jp_company_id"],
            pairings["bridge_company_ids"],
            strict=True,
        )
        for bridge in items(ids)
        for edge in ((kr, bridge), (bridge, jp))
    }
    return sorted(
        set(zip(edges["source_id"], edges["target_id"], strict=True)) - allowed
    )


def _threat_cells(frame: pd.DataFrame, rules: InView) -> list:
    shown = {name for names in frame["threat_names"] for name in names.split("; ")}
    return _outside(shown, rules.values("threats", "threat_name"))


def _standing(frame: pd.DataFrame, rules: InView) -> list:
    domains = rules.chosen.domains
    wrong = [d for d in frame["domain_type"] if domains and d not in domains]
    programs = (
        frame["program_name"].dropna().map(lambda n: n.removesuffix(CONTEXT_MARK))
    )
    return (
        wrong
        + _outside(frame["threat_name"], rules.values("threats", "threat_name"))
        + _outside(programs, rules.values("programs", "program_name"))
        + _outside(
            frame["pairing_label"], rules.values("company_pairings", "pairing_label")
        )
    )


# Each coverage bar's table label, and its table.
COVERAGE_TABLES = {
    "Threats": "threats",
    "Programs": "programs",
    "Pairings": "company_pairings",
}


def _coverage(frame: pd.DataFrame, rules: InView) -> list:
    """Each bar counts rows in view of its table and domain, in a domain in view.

    The counts follow the domain, the period and the articles; the focus does
    not narrow them yet (test_coverage_counts_follow_the_focus).
    """
    return coverage_out_of_view(frame, InView(rules.chosen.without("focus")))


def coverage_out_of_view(frame: pd.DataFrame, rules: InView) -> list:
    """The bars that count rows out of ``rules``' view, or more than it holds."""
    wrong = []
    for label, domain, count in zip(
        frame["table_name"], frame["domain_type"], frame["row_count"], strict=True
    ):
        rows = rules.table(COVERAGE_TABLES[label])
        in_view = int((rows["domain_type"] == domain).sum())
        domains = rules.chosen.domains
        if (domains and domain not in domains | {CROSS_DOMAIN}) or count > in_view:
            wrong.append((label, domain, int(count), in_view))
    return wrong


def _mentions(frame: pd.DataFrame, rules: InView) -> list:
    labels = {a for a in frame["article_label"] if not OTHER_ARTICLES.match(a)}
    return sorted(labels - rules.articles)


def _proposals(frame: pd.DataFrame, rules: InView) -> list:
    first = frame["evidence_sentence_ids"].map(lambda ids: ids.split(":", 1)[0])
    return sorted(set(first) - rules.articles)


def card_lines_out_of_view(frame: pd.DataFrame, names: set[str]) -> list:
    """The lines of a finding card that name no item in view (``names``)."""
    return [
        line
        for line in frame["line"]
        if not any(line.lower().startswith(n.lower()) for n in names)
    ]


CARD_NAMES = {
    "programs_ranking": lambda rules: rules.values("programs", "program_name"),
    "pairings_matrix": lambda rules: {
        f"{kr} × {jp}"
        for kr, jp in zip(
            rules.table("company_pairings")["kr_company_name"],
            rules.table("company_pairings")["jp_company_name"],
            strict=True,
        )
    },
}

# How a frame's rows are tied to a table: the columns that mark it, in order
# (a development names its incident, a step its programs: keys come first).
TIES: list[tuple[set[str], Callable[[pd.DataFrame, InView], list]]] = [
    ({"source_id", "date_published"}, _keyed("sources", "source_id")),
    ({"development_id"}, _keyed("developments", "development_id")),
    ({"claim_id"}, _keyed("claims", "claim_id")),
    ({"driver_id"}, _keyed("drivers", "driver_id")),
    ({"step_id"}, _keyed("pathway", "step_id")),
    ({"precedent_id"}, _keyed("precedents", "precedent_id")),
    ({"pairing_id"}, _keyed("company_pairings", "pairing_id")),
    ({"threat_id"}, _keyed("threats", "threat_id")),
    ({"incident_id"}, _keyed("incidents", "incident_id")),
    ({"program_id"}, _keyed("programs", "program_id")),
    ({"fiscal_year", "scramble_count"}, _keyed("scrambles", "fiscal_year")),
    ({"threat_link", "program_link", "pairing_link"}, _standing),
    ({"program_name", "criterion"}, _program_names),
    ({"pairing_label", "criterion"}, _keyed("company_pairings", "pairing_label")),
    ({"kr_company_name", "jp_company_name", "domains"}, _pairing_cells),
    ({"node_id", "side"}, _network_nodes),
    ({"threat_names", "actor_country_code"}, _threat_cells),
    ({"subject_name", "state_type"}, _keyed("developments", "subject_name")),
    ({"precedent_name", "country_code"}, _keyed("precedents", "precedent_name")),
    ({"table_name", "row_count", "domain_type"}, _coverage),
    ({"entity_id", "article_label"}, _mentions),
    ({"table", "subject", "why", "evidence_sentence_ids"}, _proposals),
]


def outside_view(frame: pd.DataFrame, rules: InView) -> list | None:
    """The rows of ``frame`` the view leaves out; None when no table is tied."""
    for columns, check in TIES:
        if columns <= set(frame.columns):
            if "fiscal_year" in frame:  # compared as text, as the CSV holds it
                frame = frame.astype({"fiscal_year": str})
            return check(frame, rules)
    return None
