"""What a command line refuses in a link, and how it says so in one line.

The app drops a value its widgets cannot take (an older link still opens); a
command line (jkdefense.render.batch) refuses it instead, naming the value
and what the parameter takes, so a typo never gives a silently wider view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from jkdefense.data import load
from jkdefense.report import registry
from jkdefense.report.setting import Setting
from jkdefense.report.url_params import Params
from jkdefense.report.url_seeding import chosen_number, given_values

# A refusal names this many of what it refuses, each cut to this many
# characters: a link can carry thousands of keys, or one long one.
NAMED_AT_MOST = 3
NAME_CHARS = 40
# What a parameter takes is listed when the list is this short (characters),
# and described in words otherwise: the refusal stays one short line.
LISTED_CHARS = 100


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
    A pairing is not refused: its choices follow the rest of the view.
    """
    refused = []
    for setting in registry.LINK_SETTINGS:
        if setting.key in params and not setting.follows_view:
            takes = _taken(setting, pkg)
            values = given_values(params[setting.key])
            refused += [f"{setting.key}={v}" for v in values if not takes(v)]
    return refused


def _taken(setting: Setting, pkg: load.Package) -> Callable[[str], bool]:
    """Whether the widget would keep a value, one of a link's values for it."""
    if setting.kind == "slider":
        return lambda v: not math.isnan(chosen_number([v], *setting.bounds, math.nan))
    options = {str(option) for option in setting.options_for(pkg)}
    return lambda v: v in options


def choices_of(pkg: load.Package, name: str) -> str:
    """What a URL parameter takes, in words, for a refusal: a short list listed."""
    setting = registry.SETTING_BY_KEY[name]
    options = setting.options_for(pkg) if setting.kind != "slider" else []
    if setting.kind == "select_slider" and options:
        return f"two years from {options[0]} to {options[-1]}"
    listed = ", ".join(map(str, options))
    if options and len(listed) <= LISTED_CHARS:
        return listed
    return setting.described_values()
