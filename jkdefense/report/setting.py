"""One setting of the app, described once: a widget bound to the URL.

A Setting holds everything the app knows of one shared filter or page setting:
its key, which is at once the widget's key, its URL parameter and its key in
a page's settings; its label, kind of widget, default, help and options. From
the record alone the ui draws the widget and reads it back
(jkdefense.ui.settings), links are read and written (jkdefense.report.links),
a command line refuses what the widget would drop (link_refusals) and the
README's table of link parameters is made (url_params.parameters_markdown).
The records themselves are in jkdefense.report.setting_records.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.report.url_seeding import (
    chosen_choice,
    chosen_many,
    chosen_number,
    chosen_option,
    chosen_range,
)


class Follows(enum.Enum):
    """A default that follows the options the data gives, in words for the docs."""

    EVERY = "every one"
    ENDS = "first to last"


# (package, view, the settings chosen so far) -> a setting's options.
Options = Callable[[load.Package, ViewFilters | None, Mapping[str, Any]], Sequence]

# The widgets a setting can be (Streamlit's names): how few options each needs
# to be drawn (a range of one year, or a choice of no pairing, is none), and
# what it is in words.
KINDS = {
    "pills": (0, "pills, several at once"),
    "multiselect": (0, "multiselect"),
    "segmented_control": (0, "segmented control, always one"),
    "select_slider": (2, "range slider"),
    "slider": (0, "slider"),
    "selectbox": (1, "selectbox"),
}
MANY = ("pills", "multiselect")


@dataclass(frozen=True)
class Setting:
    """One shared filter or page setting, from which all else about it is made."""

    key: str  # the widget's key, its URL parameter, its key in a page's settings
    label: str
    kind: str  # one of KINDS
    # A value (a tuple for the kinds of several), a Follows, or None for a
    # selectbox: its first option.
    default: Any
    help: str | None = None
    # Fixed choices, or a function of the package, the view and the settings
    # chosen so far (the pairing's choices follow the view and the companies).
    options: tuple | Options = ()
    # What a link may give, in words, when the options come from the data.
    takes: str = ""
    bounds: tuple[float, float] = (0.0, 0.0)  # a slider's range
    step: float | None = None  # a slider's step
    placeholder: str | None = None  # a multiselect's text when none is chosen
    follows_view: bool = False  # its options change with the shared filters
    follows: tuple[str, ...] = ()  # the settings its options change with

    def options_for(
        self,
        pkg: load.Package,
        view: ViewFilters | None = None,
        chosen: Mapping[str, Any] | None = None,
    ) -> list:
        """The options the widget offers under ``view`` and the ``chosen`` settings."""
        if callable(self.options):
            return list(self.options(pkg, view, chosen or {}))
        return list(self.options)

    def default_for(self, options: Sequence) -> Any:
        """The value the widget holds at first, given its options."""
        if self.default is Follows.EVERY:
            return list(options)
        if self.default is Follows.ENDS:
            return (options[0], options[-1]) if options else None
        return list(self.default) if self.kind in MANY else self.default

    def drawn(self, options: Sequence) -> bool:
        """Whether the app draws the widget at all with these options."""
        return len(options) >= KINDS[self.kind][0]

    def from_link(
        self,
        given: list[str] | None,
        pkg: load.Package,
        view: ViewFilters | None = None,
        chosen: Mapping[str, Any] | None = None,
    ) -> Any:
        """The value a link's values (None: no parameter) give the widget.

        The options are worked out only when the value depends on them (the
        pairings in view take a while).
        """
        if given is None and not isinstance(self.default, Follows):
            return self.default_for(())
        return self.seeded(given, self.options_for(pkg, view, chosen))

    def to_link(
        self,
        value: Any,
        pkg: load.Package,
        view: ViewFilters | None = None,
        chosen: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """The parameter's values that reopen ``value``: none at the default.

        As link_values, the options worked out only when that depends on them.
        """
        depends = isinstance(self.default, Follows) or self.kind == "selectbox"
        if value is None or not depends:
            return self.link_values(value, ())
        return self.link_values(value, self.options_for(pkg, view, chosen))

    def seeded(self, given: list[str] | None, options: Sequence) -> Any:
        """The value a link's values (None: no parameter) give the widget.

        As Streamlit 1.67 seeds a bound widget (url_seeding): a value it cannot
        take leaves it at its default, so an old or edited link still opens.
        """
        default = self.default_for(options)
        if not self.drawn(options):
            return default
        if self.kind in MANY:
            return chosen_many(given, options, default)
        if self.kind == "segmented_control":
            return chosen_choice(given, options, default)
        if self.kind == "select_slider":
            return chosen_range(given, options, default)
        if self.kind == "slider":
            return chosen_number(given, *self.bounds, default)
        return chosen_option(given, options, default)

    def link_values(self, value: Any, options: Sequence) -> list[str]:
        """The parameter's values that reopen ``value``: none at the default.

        As Streamlit writes them: several values repeat the key, and a choice
        of none (where the default is some) is one empty value, ``key=``.
        """
        default = self.default_for(options)
        if self.kind in MANY:
            chosen = list(value)
            return [] if chosen == list(default) else [str(v) for v in chosen] or [""]
        if self.kind == "select_slider":
            same = value is None or tuple(value) == tuple(default or ())
            return [] if same else [str(v) for v in value]
        if self.kind == "slider":
            return [] if value == default else [number_text(value)]
        if self.kind == "selectbox":  # the first option is the default
            return [value] if value in list(options)[1:] else []
        return [] if value == default else [str(value)]

    def described_values(self) -> str:
        """What the parameter takes, in words (the README's table, refusals)."""
        if self.kind == "slider":
            low, high = self.bounds
            return f"a number from {low:g} to {high:g} (steps of {self.step:g})"
        if self.takes or callable(self.options):
            return self.takes
        return ", ".join(f"`{option}`" for option in self.options)

    def described_default(self) -> str:
        """The default, in words, for the README's table."""
        if isinstance(self.default, Follows):
            return self.default.value
        if self.default is None:
            return "the first"
        if self.kind in MANY:
            return ", ".join(map(str, self.default)) or "none"
        if self.kind == "slider":
            return number_text(self.default)
        return f"`{self.default}`"


def number_text(number: float) -> str:
    """A number as the app's sliders write it to the URL: 2, 2.5."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))
