"""Where each domain stands: its most severe threat, leading program, best pairing."""

from __future__ import annotations

import pandas as pd


def domain_standing(
    threats: pd.DataFrame,
    ranked: pd.DataFrame,
    scored: pd.DataFrame,
    domains: tuple[str, ...],
    answering: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """Per domain: its most severe threat, leading program and strongest pairing.

    ``ranked`` are programs with ``weighted_score`` (best first) and ``scored``
    pairings with ``pairing_score`` (best first); ties keep the better-ranked
    row. Cross-domain ("multi") rows count only under the multi domain itself,
    so each line says what is particular to its domain. ``answering`` gives,
    per domain, the programs that answer its threats: they and their pairings
    count under it too, whatever their own domain.
    """
    rows = []
    for domain in domains:
        answers = (answering or {}).get(domain, set())
        threat = _first(
            threats[threats["domain_type"] == domain].sort_values(
                "severity_score", ascending=False, kind="stable"
            )
        )
        program = _first(
            ranked[
                (ranked["domain_type"] == domain) | ranked["program_id"].isin(answers)
            ]
        )
        serves = pd.Series(
            [bool(set(ids) & answers) for ids in scored["program_ids"]],
            index=scored.index,
            dtype=bool,
        )
        pairing = _first(scored[(scored["domain_type"] == domain) | serves])
        rows.append(
            {
                "domain_type": domain,
                "threat_name": _get(threat, "threat_name"),
                "severity_score": _get(threat, "severity_score"),
                "program_name": _get(program, "program_name"),
                "program_score": _get(program, "weighted_score"),
                "pairing_label": _get(pairing, "pairing_label"),
                "pairing_score": _get(pairing, "pairing_score"),
            }
        )
    return pd.DataFrame(rows)


def _first(frame: pd.DataFrame) -> pd.Series | None:
    return None if frame.empty else frame.iloc[0]


def _get(row: pd.Series | None, column: str) -> object:
    return None if row is None else row[column]
