"""What changed in the data: its change log, and rows changed since a revision."""

from __future__ import annotations

import streamlit as st

from jkdefense.data import load, paths
from jkdefense.pipeline import diff
from jkdefense.report import context
from jkdefense.report import sources as sources_page
from jkdefense.ui.downloads import table_download
from jkdefense.ui.memo import kept
from jkdefense.ui.parts import table
from jkdefense.ui.state import per_data
from jkdefense.ui.text import escape_markdown


def change_log(pkg: load.Package) -> None:
    """The package's change log, folded, under its data version."""
    with st.expander(f"Change log (data v{context.data_version(pkg)})"):
        st.markdown(context.change_log(pkg) or "No change log in this package.")


def changes_since(pkg: load.Package) -> None:
    """Rows added, removed and changed since a git revision the analyst names."""
    revision = st.text_input(
        "Compare with revision",
        value="HEAD",
        key="sources_revision",
        bind="query-params",
        help="A commit, tag or HEAD~N; HEAD shows edits not yet committed.",
    )
    project = paths.project_dir(pkg.data_dir)
    try:
        # NOTE: git runs only when the repository's refs moved (its state), not
        # on every rerun of the Sources page; a revision git rejects is not kept.
        wanted = revision.strip() or "HEAD"
        commit = kept(
            "commit",
            (wanted, str(project), diff.repository_state(project)),
            lambda: diff.resolve(wanted, project),
        )
        # One git call per table, paid again only when the data or revision change.
        changes = per_data(
            "changes", pkg, (commit,), lambda: diff.changes_since(commit, pkg.data_dir)
        )
    except diff.DiffError as error:
        st.warning(f"Cannot compare: {escape_markdown(str(error))}")
        return
    if changes.empty:
        st.success(
            f"No rows added, removed or changed since {escape_markdown(revision)}."
        )
        return
    summary = diff.summary(changes)
    st.dataframe(summary, width="content", key="sources_change_summary")
    table_download(summary.reset_index(), "sources_change_summary")
    table(changes, sources_page.CHANGE_COLUMNS, key="sources_changes")
