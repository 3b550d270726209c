"""Methodology page: how to read the dashboard, from the data package's own rules.

Each section is made from what the pages use (the vocabulary, the scoring, the
rubrics, the source tiers, the rules on contested facts), so it cannot drift
from them.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import pairing_scores, scoring
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data.vocabulary import DOMAIN_GROUP_LABELS, DOMAIN_GROUPS, DOMAIN_LABELS
from jkdefense.report import base
from jkdefense.report.base import PageView, Tables

# The page's tables: column -> label.
DOMAIN_COLUMNS = {"choice": "Choice", "covers": "What it covers"}
RUBRIC_COLUMNS = {
    "table_name": "Table",
    "criterion_name": "Judgment",
    "level": "Level",
    "level_name": "Name",
    "meaning": "What puts a row there",
}
TIER_COLUMNS = {"tier": "Tier", "name": "Name", "meaning": "What counts"}
WORDING_COLUMNS = {"refused": "Refused", "write instead": "Write instead"}

DOMAIN_MEANINGS = {
    "land": "Ground forces and their systems: tanks, fighting vehicles, artillery.",
    "sea": "Surface forces and maritime pressure: ships, coast guards, interdiction.",
    "undersea": "Submarines and the weapons and patrols that hunt them.",
    "air": "Aircraft, air defence identification zones and fighter responses.",
    "missile": "Ballistic and cruise missiles and the defences against them.",
    "electronic": "Electronic warfare: collecting, jamming and protecting signals.",
    "multi": "Cross-domain rows (a whole military build-up, say): they stay in "
    "view whatever domain is chosen.",
}

SCORING = (
    "Every score is an analyst judgment from 1 to 5, defined level by level in "
    "the rubrics below; a rationale opens with its level's name and names its "
    "evidence. Threats carry a severity. Programs carry four scores ({program}); "
    "the Joint programs page ranks them by a weighted mean, equal weights unless "
    "the sliders set others (the chart's caption names them), and shows how the "
    "rank moves when every weight varies by up to half (300 draws). A company "
    "pairing's score is the mean of five parts: four judged for the pair "
    "({pairing}) and the political and export-control feasibility of the program "
    "it serves, taken from the programs table (the lowest, if it serves several)."
)

CURRENCY = (
    "Under every chart and at the top of every page: the latest article in view "
    "(its publication date), the latest dated row in view (an incident or a "
    "development: 'data to'), and how many articles in view no curated row cites "
    "yet (ingested, not yet curated)."
)

CONTESTED = (
    "Where governments describe a fact differently (where an incident happened, "
    "what happened, who protested to whom, why a decision was taken), each "
    'government\'s account is a row of its own, labelled ("Japan MOD account", '
    '"ROK MND account") and resting on a tier 1 or 2 source; the fact itself is '
    "told neutrally. Tables, timelines, maps and slide notes show every account. "
    "A disputed place is named both ways on first use (Dokdo/Takeshima, Sea of "
    "Japan (East Sea), Senkaku/Diaoyu), and wordings that take one side's view of "
    "a disputed place are refused by the data's validator:"
)


def domains_table() -> pd.DataFrame:
    """The domain filter's choices and what each covers."""
    rows = [
        {"choice": group, "covers": DOMAIN_GROUP_LABELS[group]}
        for group in DOMAIN_GROUPS
    ]
    rows += [
        {"choice": domain, "covers": f"{label}. {DOMAIN_MEANINGS[domain]}"}
        for domain, label in DOMAIN_LABELS.items()
    ]
    return pd.DataFrame(rows)


def rubric_table(rubrics: pd.DataFrame | None) -> pd.DataFrame:
    """Every judgment's levels: criterion, level, name, meaning."""
    if rubrics is None:
        return pd.DataFrame(columns=["criterion_name", "level", "level_name"])
    columns = ["table_name", "criterion_name", "level", "level_name", "meaning"]
    shown = rubrics[columns].drop_duplicates(["table_name", "criterion_name", "level"])
    return shown.reset_index(drop=True)


def rules_tables(descriptor: dict) -> dict[str, pd.DataFrame]:
    """The package's rules the page explains, as tables (page_data.page_tables)."""
    return {
        "method_tiers": tiers_table(descriptor),
        "method_wording": wording_table(descriptor),
    }


def tiers_table(descriptor: dict) -> pd.DataFrame:
    """The source tiers, and the kinds of source never cited."""
    rows = [
        {"tier": str(t["tier"]), "name": t["name"], "meaning": t["meaning"]}
        for t in descriptor.get("x-source-tiers", [])
    ]
    never = sorted({r["category"] for r in descriptor.get("x-do-not-cite", [])})
    rows.append({"tier": "never", "name": "do not cite", "meaning": "; ".join(never)})
    return pd.DataFrame(rows)


def wording_table(descriptor: dict) -> pd.DataFrame:
    """The wordings refused for disputed places, and what to write instead."""
    return pd.DataFrame(
        [
            {"refused": rule["reason"], "write instead": rule["use_instead"]}
            for rule in descriptor.get("x-neutral-wording", [])
        ]
    )


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """The page's sections: text and tables, no chart."""
    del view  # the method does not depend on the filters
    page = base.PageView("Methodology")
    program = ", ".join(
        scoring.CRITERION_LABELS[c].lower() for c in scoring.PROGRAM_CRITERIA
    )
    pairing = ", ".join(
        scoring.CRITERION_LABELS[c].lower()
        for c in pairing_scores.TYPED_PAIRING_CRITERIA
    )
    page.takeaway = (
        "How the dashboard reads its sources, judges, dates and cites: what its "
        "filters, scores and accounts mean."
    )
    page.related = {
        "domains": domains_table(),
        "rubrics": rubric_table(t.get("rubrics")),
        "tiers": t.get("method_tiers", pd.DataFrame()),
        "wording": t.get("method_wording", pd.DataFrame()),
    }
    page.texts = {
        "scoring": SCORING.format(program=program, pairing=pairing),
        "currency": CURRENCY,
        "contested": CONTESTED,
        "citation": (
            f"{base.DASHBOARD_CITATION} The sources of what you see: "
            f"{labels['source'].removeprefix('Source: ')} The foot of every page "
            "gives the citation of its view, with the link that reopens it."
        ),
    }
    return page
