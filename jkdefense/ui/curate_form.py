"""The Curate page's form: the proposed row's fields, edited, then accepted.

Each field offers the schema's choices or text; a judged field has its rubric
beside it. Accepting goes through the same decision as the Accept button
(ui.curate.record_decision), with the values the form holds when submitted.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.report import curate
from jkdefense.ui.curate import proposed_from, proposed_row, record_decision
from jkdefense.ui.text import escape_markdown


def _input(field: curate.FormField, value: str, key: str) -> None:
    """One field of the form: a choice from the schema, or text.

    Its value is read from the session state, by ``key``, when the form is sent.
    """
    if field.kind == "choice":
        choices = field.choices if field.required else ("", *field.choices)
        meanings = dict(field.meanings)
        st.selectbox(
            field.name,
            choices,
            index=choices.index(value) if value in choices else 0,
            format_func=lambda c: f"{c}: {meanings[c]}" if c in meanings else c,
            help=field.help,
            key=key,
        )
    elif field.kind == "long_text":
        st.text_area(field.name, value, help=field.help, key=key, height=90)
    else:
        st.text_input(field.name, value, help=field.help, key=key)


def _accept_edited(
    data_dir: Path,
    proposal: dict[str, str],
    proposed: dict[str, str],
    keys: dict[str, str],
    source_ids: tuple[str, ...] | None,
) -> None:
    """The form's callback: accept with the values the form holds now."""
    from jkdefense.pipeline import propose

    edited = {name: st.session_state.get(key, "") for name, key in keys.items()}
    record_decision(
        partial(
            propose.accept,
            data_dir,
            proposal["proposal_id"],
            curate.changes(proposed, edited),
            source_ids,
        ),
        f"Added to {proposal['table']}.csv: "
        f"{edited.get('subject_name') or proposal['subject']}.",
    )


def edit_proposal(
    pkg: load.Package, view: filters.ViewFilters, proposal: pd.Series
) -> None:
    """The proposed row as a form: the schema's choices, the rubric beside scores."""
    proposal_id = proposal["proposal_id"]
    proposed = proposed_row(pkg, view, proposal_id)
    fields = curate.form_fields(
        pkg.descriptor, pkg.tables.get("rubrics"), proposal["table"]
    )
    keys = {field.name: f"curate_{proposal_id}_{field.name}" for field in fields}
    with st.form(key=f"curate_form_{proposal_id}"):
        for field in fields:
            value = proposed.get(field.name, "")
            if field.rubric:
                left, right = st.columns([2, 3])
                with left:
                    _input(field, value, keys[field.name])
                right.caption(rubric_markdown(field.rubric))
            else:
                _input(field, value, keys[field.name])
        st.caption(
            "Evidence (kept as proposed): "
            f"{escape_markdown(proposed.get('evidence_sentence_ids', ''))}; "
            f"reference {escape_markdown(proposed.get('reference_url', ''))}"
        )
        st.form_submit_button(
            "Accept with these values",
            type="primary",
            on_click=_accept_edited,
            args=(
                pkg.data_dir,
                {k: proposal[k] for k in ("proposal_id", "table", "subject")},
                dict(proposed),
                keys,
                proposed_from(pkg, view),
            ),
        )


def rubric_markdown(rubric: tuple[tuple[str, str, str], ...]) -> str:
    """A judged field's rubric, one level to a line, as escaped Markdown."""
    return "  \n".join(
        f"**{escape_markdown(level)} {escape_markdown(name)}**: "
        f"{escape_markdown(meaning)}"
        for level, name, meaning in rubric
    )
