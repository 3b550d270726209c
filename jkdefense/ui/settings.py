"""The app's settings as widgets, each drawn from its record, and read back.

Every shared filter and page setting is a record
(jkdefense.report.setting_records). setting_widget draws any record's widget,
bound to the URL under the record's key; settings_of reads a page's settings
back from their widgets (their defaults when the page was never opened), so
the page's view (views.page_view) and a whole-app briefing (share) see what
the widgets show, and a link (report.links) reads the same parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

import streamlit as st

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.report import registry
from jkdefense.report.setting import MANY, Follows, Setting
from jkdefense.ui.state import per_data, view_key


def setting_options(
    setting: Setting, pkg: load.Package, view: filters.ViewFilters | None = None
) -> list:
    """The record's options, once per data version and what they follow.

    Shared (never modify them). The settings they follow (the pairing's
    companies) are read from their widgets, drawn before this one.
    """
    follows = [registry.SETTING_BY_KEY[key] for key in setting.follows]
    chosen = {followed.key: widget_value(followed, pkg) for followed in follows}
    key = (
        view_key(pkg, view) if setting.follows_view else (),
        tuple((name, tuple(value)) for name, value in chosen.items()),
    )
    return per_data(
        f"options:{setting.key}",
        pkg,
        key,
        lambda: setting.options_for(pkg, view, chosen),
    )


def setting_widget(
    setting: Setting,
    pkg: load.Package,
    view: filters.ViewFilters | None = None,
    options: Sequence | None = None,
    where: Any = st,
) -> None:
    """Draw the record's widget (in ``where``: a column, say), bound to the URL.

    ``options`` replaces the record's (the source filter of a long feed lists
    what a search finds). No widget when there is nothing to choose from (a
    period of one year, no pairing in view). NOTE: no format_func: a bound
    widget writes its displayed labels to the URL, and links read the values.
    """
    if options is None:
        options = setting_options(setting, pkg, view)
    if not setting.drawn(options):
        return
    default = setting.default_for(options)
    common = {"key": setting.key, "bind": "query-params", "help": setting.help}
    if setting.kind == "pills":
        where.pills(
            setting.label, options, selection_mode="multi", default=default, **common
        )
    elif setting.kind == "multiselect":
        where.multiselect(
            setting.label,
            options,
            default=default,
            placeholder=setting.placeholder,
            **common,
        )
    elif setting.kind == "segmented_control":
        where.segmented_control(
            setting.label, options, default=default, required=True, **common
        )
    elif setting.kind == "select_slider":
        where.select_slider(setting.label, options=options, value=default, **common)
    elif setting.kind == "slider":
        low, high = setting.bounds
        where.slider(setting.label, low, high, default, step=setting.step, **common)
    else:  # a selectbox: its first option at first
        where.selectbox(setting.label, options, **common)


def setting_widgets(name: str, pkg: load.Package, view: filters.ViewFilters) -> None:
    """Page ``name``'s settings, in the registry's order, above what they change.

    Sliders next to each other share a row, one column each (the programs'
    weights); the pairing's choices follow the companies chosen above it.
    """
    settings = registry.PAGE_BY_NAME[name].settings
    for sliders, group in groupby(settings, key=lambda s: s.kind == "slider"):
        row = list(group)
        if sliders and len(row) > 1:
            for column, setting in zip(st.columns(len(row)), row, strict=True):
                setting_widget(setting, pkg, view, where=column)
        else:
            for setting in row:
                setting_widget(setting, pkg, view)


def widget_value(setting: Setting, pkg: load.Package) -> Any:
    """What the record's widget holds now; its default when it was never drawn.

    A selectbox never drawn holds None: its first option, as links read it.
    """
    if setting.key in st.session_state:
        value = st.session_state[setting.key]
        return list(value) if setting.kind in MANY else value
    if isinstance(setting.default, Follows):
        return setting.default_for(setting_options(setting, pkg))
    return setting.default_for(())


def settings_of(pages: tuple[registry.Page, ...], pkg: load.Package) -> dict:
    """The settings ``pages`` declare, by their keys, as their widgets hold them."""
    declared = dict.fromkeys(s for page in pages for s in page.settings)
    return {setting.key: widget_value(setting, pkg) for setting in declared}


def page_settings(pkg: load.Package) -> dict:
    """A snapshot of the settings the registry's pages declare, from their widgets.

    Taken while the script runs, so a briefing shows what the pages show.
    """
    return settings_of(registry.PAGES, pkg)


def meeting_mode() -> bool:
    """True while meeting mode is on (the toggle lives in the sidebar, in the URL)."""
    return bool(st.session_state.get("meeting", False))
