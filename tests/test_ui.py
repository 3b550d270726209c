import pytest

from jkdefense import ui


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
