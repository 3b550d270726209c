"""Two analysts accepting proposals, at once or one after the other, in browsers."""

import pandas as pd
import pytest

from jkdefense.pipeline import propose
from tests.browser.conftest import DRAW_TIMEOUT_MS, fresh_server

pytestmark = pytest.mark.browser

# The list's grid draws its rows on a canvas: a row is picked by a click on
# its selection box, a header's height plus whole rows below the grid's top.
ROW_HEIGHT_PX, HEADER_PX, CHECKBOX_X_PX = 35, 35, 20


def settled(page) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]',
        timeout=DRAW_TIMEOUT_MS,
    )


def pick_row(page, position: int) -> None:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=DRAW_TIMEOUT_MS)
    box = grid.bounding_box()
    y = box["y"] + HEADER_PX + ROW_HEIGHT_PX * position + ROW_HEIGHT_PX / 2
    page.mouse.click(box["x"] + CHECKBOX_X_PX, y)
    page.wait_for_timeout(300)
    settled(page)


def two_complete_proposals(data_dir):
    complete = propose.proposals(data_dir)
    complete = complete[complete["open_fields"] == ""].head(2)
    assert len(complete) == 2
    return complete


def open_at(browser, url, complete, position):
    """A session of its own on the Curate page, showing the proposal at position."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{url}/curate", timeout=DRAW_TIMEOUT_MS)
    settled(page)
    pick_row(page, position)
    heading = page.locator("h2").first.inner_text()
    assert heading.startswith(f"Proposed {complete.loc[position, 'table']} row")
    return page


def accept_shown(page) -> None:
    page.get_by_role("button", name="Accept", exact=True).click(no_wait_after=True)


def what_it_said(page) -> str:
    page.wait_for_selector(
        '[data-testid="stAlertContentSuccess"], '
        '[data-testid="stAlertContentWarning"], '
        '[data-testid="stAlertContentError"]',
        timeout=90_000,
    )
    settled(page)
    return page.locator('[data-testid="stAlert"]').first.inner_text()


def test_two_sessions_accepting_at_once_both_land(browser, data_copy):
    complete = two_complete_proposals(data_copy)
    with fresh_server(data_copy) as url:
        pages = [open_at(browser, url, complete, at) for at in complete.index]
        # Both click Accept before either change has landed.
        for page in pages:
            accept_shown(page)
        said = [what_it_said(page) for page in pages]
        for page in pages:
            page.context.close()
    landed = 0
    for _, proposal in complete.iterrows():
        table = pd.read_csv(
            data_copy / f"{proposal['table']}.csv", dtype=str, keep_default_na=False
        )
        landed += proposal["row_id"] in set(table[table.columns[0]])
    told_to_retry = sum("Try again" in text for text in said)
    # Both land, or the one that did not was told to try again: none lost.
    assert landed + told_to_retry == 2, said
    assert all("Added to" in text or "Try again" in text for text in said), said


def test_an_accept_lands_after_another_session_changed_the_list(browser, data_copy):
    complete = two_complete_proposals(data_copy)
    above, below = complete.index
    with fresh_server(data_copy) as url:
        pages = [open_at(browser, url, complete, at) for at in (above, below)]
        accept_shown(pages[0])
        assert "Added to" in what_it_said(pages[0])
        # The second session's list is now stale: its proposal moved up a row.
        accept_shown(pages[1])
        said = what_it_said(pages[1])
        for page in pages:
            page.context.close()
    subject = complete.loc[below, "subject"]
    assert f"Added to {complete.loc[below, 'table']}.csv: {subject}" in said
    for _, proposal in complete.iterrows():
        table = pd.read_csv(
            data_copy / f"{proposal['table']}.csv", dtype=str, keep_default_na=False
        )
        assert proposal["row_id"] in set(table[table.columns[0]])
