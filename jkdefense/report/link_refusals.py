"""What a command line refuses in a link, and how it says so in one line.

The app drops a value its widgets cannot take (an older link still opens); a
command line (jkdefense.render.batch) refuses it instead, naming the value
and what the parameter takes, so a typo never gives a silently wider view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.data.vocabulary import DOMAIN_CHOICES
from jkdefense.report import context, programs
from jkdefense.report.pairing_choices import company_names
from jkdefense.report.url_params import WEIGHT_PARAMS, WEIGHT_RANGE, Params
from jkdefense.report.url_seeding import chosen_number, given_values

# A refusal names this many of what it refuses, each cut to this many
# characters: a link can carry thousands of keys, or one long one.
NAMED_AT_MOST = 3
NAME_CHARS = 40


def named_briefly(names: Sequence[str]) -> str:
    """The first few ``names`` and how many more, for a one-line refusal.

    Each is shown quoted (repr), so an empty name, a space or a line break
    in one is visible rather than lost in the commas or splitting the line.
    """
    shown = [
        repr(name[:NAME_CHARS]) + ("…" if len(name) > NAME_CHARS else "")
        for name in names[:NAMED_AT_MOST]
    ]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def refused_values(pkg: load.Package, params: Params) -> list[str]:
    """``name=value`` for each value of ``params`` the app's widgets would drop.

    The app ignores such a value (a link from an older version still opens);
    a command line refuses it, so a typo never gives a silently wider view.
    """
    whole = context.period_years(pkg)
    closed: dict[str, Callable[[str], bool]] = {
        "domain": lambda v: v in DOMAIN_CHOICES,
        "focus": lambda v: v in filters.FOCUS_CHOICES,
        "source": lambda v: v in set(pkg.source_ids),
        "period": lambda v: v.isdigit() and whole[0] <= int(v) <= whole[1],
        "threats_actor": lambda v: v in context.threat_actors(pkg),
        "programs_set": lambda v: v in programs.PROGRAM_SETS,
        "pairings_company": lambda v: v in company_names(pkg),
        **dict.fromkeys(WEIGHT_PARAMS, _is_weight),
    }
    return [
        f"{name}={value}"
        for name, values in params.items()
        if name in closed
        for value in given_values(values)
        if not closed[name](value)
    ]


def _is_weight(value: str) -> bool:
    """A value a weight slider takes: a finite number within its range."""
    return not math.isnan(chosen_number([value], *WEIGHT_RANGE, math.nan))


def choices_of(pkg: load.Package, name: str) -> str:
    """What a URL parameter takes, in words, for a refusal."""
    whole = context.period_years(pkg)
    described = {
        "domain": ", ".join(DOMAIN_CHOICES),
        "focus": ", ".join(filters.FOCUS_CHOICES),
        "source": "an article id of the feed (Sources lists them)",
        "period": f"two years from {whole[0]} to {whole[1]}",
        "threats_actor": ", ".join(context.threat_actors(pkg)),
        "programs_set": ", ".join(programs.PROGRAM_SETS),
        "pairings_company": "a company name as the pairings page lists it",
    }
    return described.get(
        name, f"a number from {WEIGHT_RANGE[0]:g} to {WEIGHT_RANGE[1]:g}"
    )
