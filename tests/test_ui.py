import gc

import pandas as pd
import pytest

from jkdefense import ui
from jkdefense.ui import state
from jkdefense.ui.text import plain_table


@pytest.mark.parametrize(
    "text",
    [
        "**bold** _it_ [link](javascript:alert(1)) <script>alert(1)</script>",
        "$x$ :red[red] # heading `code` ~~strike~~ | table |",
    ],
)
def test_escape_markdown_leaves_no_active_character(text):
    escaped = ui.escape_markdown(text)
    unescaped = escaped.replace("\\\\", "")
    for character in "*_[]()<>`$:#~|":
        positions = [i for i, c in enumerate(unescaped) if c == character]
        assert all(i > 0 and unescaped[i - 1] == "\\" for i in positions), character


def test_escape_markdown_keeps_the_words():
    assert ui.escape_markdown("R&D: ADD-ATLA").replace("\\", "") == "R&D: ADD-ATLA"


def test_plain_table_labels_escapes_and_keeps_every_cell():
    frame = pd.DataFrame(
        {
            "name": ["**HHI** [x](javascript:1)", "KAI", None],
            "score": [3.25, 4.0, float("nan")],
            "unshown": ["a", "b", "c"],
        }
    )
    shown = plain_table(frame, {"name": "Company (KR)", "score": "Score"})
    assert list(shown.columns) == [ui.escape_markdown("Company (KR)"), "Score"]
    assert shown.iloc[:, 0].tolist() == [
        ui.escape_markdown("**HHI** [x](javascript:1)"),
        "KAI",
        "",
    ]
    assert shown["Score"].tolist() == ["3\\.25", "4", ""]


def test_first_frame_leaves_the_imported_objects_out_of_collections():
    state._freeze_imported_objects.cache_clear()
    gc.unfreeze()
    try:
        state.begin_frame()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and functions imported so far
        made_later = [[] for _ in range(1000)]
        state.begin_frame()  # later runs freeze nothing more
        assert gc.get_freeze_count() == frozen
        assert gc.is_tracked(made_later[0])
    finally:
        gc.unfreeze()
        state._frame.__dict__.clear()  # this thread runs no script
