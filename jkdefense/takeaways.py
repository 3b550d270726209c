"""One-line findings computed from the filtered data (never fixed text)."""

from __future__ import annotations

import pandas as pd

from jkdefense.theme import DOMAIN_LABELS


def _names(values: list[str]) -> str:
    values = list(dict.fromkeys(values))
    return (
        values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
    )


def threats(cells: pd.DataFrame, scrambles: pd.DataFrame) -> str:
    """Worst threat cells in view, and scrambles when the article appeared."""
    top = cells[cells["severity_score"] == cells["severity_score"].max()]
    where = _names(
        [
            f"{a} ({DOMAIN_LABELS[d].lower()})"
            for a, d in zip(top["actor_name"], top["domain_type"], strict=True)
        ]
    )
    worst = int(top["severity_score"].iloc[0])
    text = f"Most severe in view (severity {worst}/5): {where}."
    if not scrambles.empty:
        peak = scrambles.loc[scrambles["total_count"].idxmax()]
        text += (
            f" JASDF scrambles peaked at {int(peak['total_count']):,} in "
            f"FY{int(peak['fiscal_year'])}"
        )
        fy2018 = scrambles[scrambles["fiscal_year"] == 2018]
        if not fy2018.empty:
            row = fy2018.iloc[0]
            text += (
                f"; in FY2018, as the article appeared, {int(row['total_count']):,}, "
                f"{row['china_count'] / row['total_count']:.0%} of them against "
                "Chinese aircraft"
            )
        text += "."
    return text


def programs(ranked: pd.DataFrame, stability: pd.DataFrame) -> str:
    """Top program under the chosen weights and how firmly it holds first place."""
    best = ranked.iloc[0]
    held = stability.set_index("program_id").at[best["program_id"], "share_same_rank"]
    text = (
        f"{best['program_name'].capitalize()} ranks first at "
        f"{best['weighted_score']:.2f}/5 under these weights and keeps rank "
        f"{int(best['rank'])} in {held:.0%} of perturbed weightings"
    )
    strong = ranked[ranked["commonality_type"] == "strong"]["program_name"].tolist()
    if strong:
        text += f"; strong existing commonality: {_names(strong)}"
    return text + "."


def pairings(scored: pd.DataFrame) -> str:
    """Strongest pairing in view and how many pairings are in view."""
    best = scored.iloc[0]
    return (
        f"Strongest pairing in view: {best['kr_company_name']} × "
        f"{best['jp_company_name']} ({DOMAIN_LABELS[best['domain_type']].lower()}, "
        f"{best['pairing_score']:.2f}/5), of {len(scored)} pairings shown."
    )


def pathway(steps: pd.DataFrame) -> str:
    """How far along the route cooperation has come since the article."""
    counts = steps["progress_type"].value_counts()
    done = int(counts.get("achieved", 0) + counts.get("started", 0))
    first_open = steps[steps["progress_type"].isin(["not_started", "reversed"])]
    text = (
        f"{done} of {len(steps)} steps on the article's route "
        "have started or been reached"
    )
    if not first_open.empty:
        text += f"; the first step not under way is {first_open.iloc[0]['step_name']}"
    return text + "."


def sources(feed: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Size of the feed in view and its most mentioned entity."""
    text = (
        f"{len(feed)} article(s), {len(sentences)} sentences, "
        f"{len(mentions)} entity mentions"
    )
    if not mentions.empty:
        top = mentions["entity_name"].value_counts()
        text += f"; most mentioned: {top.index[0]} ({int(top.iloc[0])})"
    return text + "."


def overview(threats: pd.DataFrame, ranked: pd.DataFrame, scored: pd.DataFrame) -> str:
    """The case in one line: actors in view, leading program, strongest pairing."""
    parts = []
    if not threats.empty:
        severe = threats[threats["severity_score"] >= 4]
        parts.append(
            f"{len(severe)} of {len(threats)} threats in view rate 4+ severity"
        )
    if not ranked.empty:
        parts.append(
            f"{ranked.iloc[0]['program_name']} leads the programs at equal weights"
        )
    if not scored.empty:
        best = scored.iloc[0]
        parts.append(
            f"{best['kr_company_name']} × {best['jp_company_name']} "
            "is the strongest pairing"
        )
    return "; ".join(parts) + "."
