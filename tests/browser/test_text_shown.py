"""Text from documents and their metadata in a real browser: as written, inert.

The app on a copy whose documents and metadata hold addresses, markup and bidi
controls (tests/hostile_data.py): no link is made of them, no markup drawn,
no text reordered, and the text reads (and copies) as written.
"""

from urllib.parse import quote

import pytest

from tests import hostile_data
from tests.browser.conftest import fresh_server, wait_until_drawn
from tests.hostile_data import ADDRESS, BIDI, EVIL_LINK, THREAT_LABEL

pytestmark = pytest.mark.browser

# (page, charts it draws, text its main part must show as written)
VIEWS = [
    (
        f"/sources?source={hostile_data.ARTICLE_ID}",
        0,
        [ADDRESS, "www.evil.example/w", "spy@evil.example", "Randolf flodnaR yb"],
    ),
    (
        f"/sources?sources_tab=What+changed&sources_revision={quote(ADDRESS)}",
        0,
        [ADDRESS],
    ),
    (f"/threats?threats_evidence={quote(THREAT_LABEL)}", 1, [ADDRESS, EVIL_LINK]),
    ("/pairings?pairings_chart=Bridge+network", 1, [EVIL_LINK]),
]
# Links the data could make (the change log, the package's own prose, links
# its references).
LINKS_OUT = "a[href*='evil.example'], a[href^='mailto:']"


def test_document_text_shows_as_written_with_no_link_markup_or_reordering(
    tmp_path, page
):
    data = hostile_data.build(tmp_path)
    tab, recorder = page
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with fresh_server(data) as url:
        for path, charts, visible in VIEWS:
            tab.goto(f"{url}{path}")
            wait_until_drawn(tab, charts)
            # A busy machine may still be drawing the page's last elements.
            tab.wait_for_function(
                "t => document.querySelector('[data-testid=\"stMain\"]')"
                ".innerText.includes(t)",
                arg=visible[0],
                timeout=30_000,
            )
            main = tab.locator('[data-testid="stMain"]')
            assert main.locator(LINKS_OUT).count() == 0, path
            assert main.locator(".main-svg a").count() == 0, path  # Plotly
            text = main.inner_text() + "".join(
                main.locator(".main-svg text").all_text_contents()
            )
            assert not BIDI.search(text), path
            for shown in visible:
                assert shown in text, (path, shown)
    assert dialogs == [] and recorder.errors == [] and recorder.outside == []
