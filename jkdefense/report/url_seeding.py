"""What a URL-bound widget holds, given a link's values, as Streamlit 1.67 seeds it.

One function per kind of widget the app binds: multiselect and pills,
segmented control, range slider, slider, selectbox. As in Streamlit's
SessionState._seed_widget_from_url: '' parts are no values, and a value the
widget cannot take leaves it at its default, so an old or edited link still
opens.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def given_values(given: list[str]) -> list[str]:
    """A parameter's values without its empty parts ('' is no value)."""
    return [v for v in given if v != ""]


def chosen_many(
    given: list[str] | None, options: Sequence[str], default: Sequence[str]
) -> list[str]:
    """A multiselect or multi pills: known options once each, in the link's order.

    ``key=`` alone chooses none; no known option leaves the default.
    """
    if given is None:
        return list(default)
    values = given_values(given)
    if not values:
        return []
    known = list(dict.fromkeys(v for v in values if v in options))
    return known or list(default)


def chosen_choice(given: list[str] | None, options: Sequence[str], default: str) -> str:
    """A segmented control: the first value when it is an option, else the default.

    NOTE: Streamlit reads the first value before it drops unknown ones.
    """
    values = given_values(given or [])
    return values[0] if values and values[0] in options else default


def chosen_range(
    given: list[str] | None, options: Sequence[int], default: tuple[int, int]
) -> tuple[int, int]:
    """A range select slider: two values (either order), else the default.

    A value that is no option stands for the default's end in its place.
    """
    by_text = {str(o): o for o in options}
    values = given_values(given or [])
    if len(values) != 2:
        return default
    first, last = sorted(
        by_text.get(v, end) for v, end in zip(values, default, strict=True)
    )
    return first, last


def chosen_number(
    given: list[str] | None, low: float, high: float, default: float
) -> float:
    """A slider of one number: one finite number within its range, else the default."""
    values = given_values(given or [])
    if len(values) != 1:
        return default
    try:
        number = float(values[0])
    except ValueError:
        return default
    return number if math.isfinite(number) and low <= number <= high else default


def chosen_option(
    given: list[str] | None, options: Sequence[str], default: str | None
) -> str | None:
    """A selectbox: the last value when it is an option, else the default."""
    if not given or given[-1] not in options:
        return default
    return given[-1]
