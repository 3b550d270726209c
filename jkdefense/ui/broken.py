"""What a page says when a table it needs cannot be used, instead of drawing it.

Which file, what is wrong with it (file, row, field), and that `jkdefense
validate` lists every problem; never a traceback, nor a view that looks as if
the filters had emptied it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from jkdefense.data import load
from jkdefense.data.problems import DUPLICATE_KEY
from jkdefense.report import base, registry
from jkdefense.ui.text import escape_markdown


def require(pkg: load.Package, page: str) -> None:
    """Stop the page with a clear message when a table it needs cannot be used.

    The tables a page needs are those its registry entry declares.
    """
    if cannot_use(pkg, registry.PAGE_BY_NAME[page].tables, "This page"):
        st.stop()


def cannot_use(pkg: load.Package, tables: tuple[str, ...], needed_by: str) -> bool:
    """Say which of ``tables`` cannot be used, naming file, row, field and why.

    True when any cannot: what needs them is left out, never drawn from a broken
    table (nor blamed on the filters). Tables broken for one reason (an
    unreadable datapackage.json breaks them all) are named in one message.
    """
    missing = pkg.missing(*tables)
    by_reason: dict[str, list[str]] = {}
    for name in missing:
        by_reason.setdefault(pkg.unusable_reason(name), []).append(name)
    for reason, names in by_reason.items():
        found = pkg.why_unusable(names[0])
        # Read, but its rows cannot be told apart: "used", not "read".
        read = found and all(p.rule == DUPLICATE_KEY for p in found)
        files = [f"**{escape_markdown(pkg.file_of(name))}**" for name in names]
        st.error(
            f"{escape_markdown(needed_by)} needs {base.names(files)}, which cannot be "
            f"{'used' if read else 'read'}: {escape_markdown(reason)}. "
            "`jkdefense validate` lists every problem."
        )
    return bool(missing)


def unless_broken(
    pkg: load.Package, sections: dict[str, tuple]
) -> dict[str, Callable[[], None]]:
    """Tabs (label -> (show, *tables it reads)) that name a broken table instead.

    A tab whose table cannot be used says which and why, where its search,
    chart or queue would have failed or shown nothing as if filtered out.
    """

    def guarded(show: Callable[[], None], tables: tuple[str, ...]) -> Callable:
        return lambda: cannot_use(pkg, tables, "This tab") or show()

    return {
        label: guarded(show, tuple(tables))
        for label, (show, *tables) in sections.items()
    }
