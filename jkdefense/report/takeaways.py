"""One-line findings computed from the filtered data (never fixed text)."""

from __future__ import annotations

import pandas as pd

from jkdefense.data.vocabulary import DOMAIN_LABELS


def _names(values: list[str]) -> str:
    values = list(dict.fromkeys(values))
    return (
        values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
    )


def _top_cells(cells: pd.DataFrame) -> tuple[str, int, int]:
    """The highest-severity actor-domain cells named, their score and their count."""
    top = cells[cells["severity_score"] == cells["severity_score"].max()]
    where = _names(
        [
            f"{a} ({DOMAIN_LABELS[d].lower()})"
            for a, d in zip(top["actor_name"], top["domain_type"], strict=True)
        ]
    )
    return where, int(top["severity_score"].iloc[0]), len(top)


def threats(cells: pd.DataFrame, scrambles: pd.DataFrame) -> str:
    """Worst threat cells in view, and scrambles when the article appeared."""
    where, worst, _ = _top_cells(cells)
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


def sources(feed: pd.DataFrame, labelled: pd.DataFrame) -> str:
    """Size of the feed in view and its most mentioned entity.

    ``feed`` carries sentence and mention counts per article; ``labelled`` the
    mention counts per article and entity, with entity_name.
    """
    text = (
        f"{len(feed):,} article(s), {int(feed['sentence_count'].sum()):,} sentences, "
        f"{int(feed['mention_count'].sum()):,} entity mentions"
    )
    if not labelled.empty:
        top = labelled.groupby("entity_name")["mention_count"].sum()
        top = top.sort_values(ascending=False, kind="stable")
        text += f"; most mentioned: {top.index[0]} ({int(top.iloc[0]):,})"
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


# Chart titles: each states what its chart shows in the data in view.


def matrix_title(cells: pd.DataFrame) -> str:
    """Which actor-domain cells rate highest."""
    where, worst, count = _top_cells(cells)
    return f"{where} rate{'s' if count == 1 else ''} highest, at {worst}/5"


def scramble_title(years: pd.DataFrame) -> str:
    """Where scrambles peaked, and China's share at the peak."""
    peak = years.loc[years["total_count"].idxmax()]
    share = peak["china_count"] / peak["total_count"]
    return (
        f"Scrambles peaked at {int(peak['total_count']):,} in "
        f"FY{int(peak['fiscal_year'])}, {share:.0%} against Chinese aircraft"
    )


def timeline_title(events: pd.DataFrame) -> str:
    """How many events in view, and how many came after the article."""
    later = int((events["incident_date"] >= pd.Timestamp("2019-04-01")).sum())
    return (
        f"{len(events)} events in view, {later} of them after the article (March 2019)"
    )


def ranking_title(ranked: pd.DataFrame, weighting: str = "under your weights") -> str:
    """Which program leads, by how much."""
    best = ranked.iloc[0]
    text = f"{str(best['program_name']).capitalize()} leads {weighting}"
    if len(ranked) > 1:
        gap = best["weighted_score"] - ranked.iloc[1]["weighted_score"]
        text += f", {gap:.2f} points ahead" if gap > 0 else ", tied for first"
    return text


def stability_title(stability: pd.DataFrame) -> str:
    """How many programs keep their rank whatever the weights do."""
    firm = int((stability["rank_min"] == stability["rank_max"]).sum())
    return (
        f"{firm} of {len(stability)} programs keep their rank when weights shift ±50%"
    )


def matrix_pair_title(scored: pd.DataFrame) -> str:
    """The best company pair in view."""
    best = scored.iloc[0]
    return (
        f"{best['kr_company_name']} × {best['jp_company_name']} pair best "
        f"({best['pairing_score']:.2f}/5)"
    )


def network_title(edges: pd.DataFrame, nodes: pd.DataFrame) -> str:
    """Which supplier bridges most pairings, and how many bridge none."""
    bridges = nodes[nodes["side"] == "bridge"]["node_id"]
    if edges.empty:
        return "No pairing in view runs through a US supplier"
    load = edges[edges["source_id"].isin(bridges)].groupby("source_id")["weight"].sum()
    names = nodes.set_index("node_id")["node_name"]
    idle = int((~bridges.isin(load.index)).sum())
    text = f"{names[load.idxmax()]} bridges the most pairings ({int(load.max())})"
    return text + (f"; {idle} named suppliers bridge none" if idle else "")


def parts_title(pairing: pd.Series) -> str:
    """Why one pairing scores what it does."""
    return f"Why {pairing['pairing_label']} scores {pairing['pairing_score']:.2f}/5"


def pathway_title(steps: pd.DataFrame) -> str:
    """How many steps are under way."""
    moving = int(steps["progress_type"].isin(["achieved", "started"]).sum())
    return (
        f"{moving} of {len(steps)} steps from policy to joint operations are under way"
    )


def precedent_title(precedents: pd.DataFrame) -> str:
    """Largest partnership among the precedents."""
    sizes = precedents.set_index("precedent_name")["partner_country_codes"].map(len)
    return (
        f"{sizes.idxmax()} has the most partners ({int(sizes.max())}); "
        "precedents are two to six nations"
    )


def coverage_title(coverage: pd.DataFrame) -> str:
    """Which domain carries the most rows in view."""
    by_domain = coverage.groupby("domain_type")["row_count"].sum()
    return (
        f"{DOMAIN_LABELS[by_domain.idxmax()]} carries the most rows in view "
        f"({int(by_domain.max())} of {int(by_domain.sum())})"
    )


def mention_title(counts: pd.DataFrame) -> str:
    """Most mentioned entity."""
    totals = counts.groupby("entity_name")["mention_count"].sum()
    return f"{totals.idxmax()} is named most often ({int(totals.max())} mentions)"


def verdict_title(claims: pd.DataFrame) -> str:
    """How many checked claims need a correction."""
    corrected = int((claims["verdict_type"] != "supported").sum())
    return f"{corrected} of {len(claims)} checked claims need a caveat or correction"
