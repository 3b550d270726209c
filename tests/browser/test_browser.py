"""The app in a real browser: pages draw, nothing errs, nothing leaves loopback."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jkdefense.report import registry
from tests.browser.conftest import (
    DRAW_TIMEOUT_MS,
    fresh_server,
    server_log,
    start_server,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser

# Charts each page draws with the default filters (in its open tab).
CHARTS = {"overview": 1, "threats": 1, "programs": 1, "pairings": 1, "pathway": 1}
# URL path of each page of the registry ('' for the landing page) -> its charts.
PAGES = {
    ("" if page is registry.PAGES[0] else page.name): CHARTS.get(page.name, 0)
    for page in registry.PAGES
}


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_draws_without_errors_or_outside_requests(server, page, path):
    tab, recorder = page
    tab.goto(f"{server}/{path}")
    wait_until_drawn(tab, PAGES[path])
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.locator("h1").first.inner_text()
    assert recorder.outside == []
    assert recorder.errors == []


# A first visit: its link, charts drawn, domain shown, the focus clicked and how
# it reads, and a name the page's first grid must then leave out.
FIRST_VISITS = {
    "deep link": (
        "threats?domain=undersea&threats_actor=CN",
        1,
        "Undersea",
        ("JP", "Japan"),
        "Russia",
    ),
    "landing page": ("?domain=sea", 1, "Sea", ("KR", "South Korea"), None),
}


@pytest.mark.parametrize("visit", list(FIRST_VISITS))
def test_a_first_visit_keeps_its_view_after_the_first_click(page, visit):
    """On a server no one has visited yet, whose first run leaves legacy pages mode."""
    link, charts, domain, (focus, focus_name), left_out = FIRST_VISITS[visit]
    with fresh_server() as url:
        tab, recorder = page
        tab.goto(f"{url}/{link}")
        wait_until_drawn(tab, charts)
        main = tab.locator('[data-testid="stMain"]')
        assert f"Filters: {domain} · focus: Both" in main.inner_text()
        assert tab.locator('[data-testid="stSidebarNavLink"]').count() == len(
            registry.PAGES
        )
        sidebar = tab.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(focus, exact=True).click()
        tab.wait_for_url(f"**focus={focus}**")
        # The URL changes before the rerun it asks for has drawn: wait for the page.
        expect(main).to_contain_text(
            f"Filters: {domain} · focus: {focus_name}", timeout=DRAW_TIMEOUT_MS
        )
        wait_until_drawn(tab, 1)
        for parameter in link.split("?")[1].split("&"):
            assert parameter in tab.url
        if left_out:
            rows = main.locator('[data-testid="stDataFrame"]').first.inner_text()
            assert left_out not in rows
        assert recorder.outside == []


def test_navigation_keeps_the_shared_filters(server, page):
    tab, _ = page
    tab.goto(f"{server}/?domain=air")
    wait_until_drawn(tab, 1)
    tab.get_by_role("link", name="Joint programs").click()
    tab.wait_for_url("**/programs**")
    wait_until_drawn(tab, 1)
    assert "domain=air" in tab.url


def test_chart_download_delivers_a_2x_png(server, page):
    tab, recorder = page
    tab.goto(f"{server}/threats")
    wait_until_drawn(tab, 1)
    button = tab.locator('[data-testid="stDownloadButton"]').filter(has_text="PNG (2x)")
    with tab.expect_download(timeout=60_000) as info:
        button.first.click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    assert download.suggested_filename.startswith("china-cross-domain-and-north-korea")
    assert date.today().isoformat() in download.suggested_filename
    assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert recorder.outside == []


def test_meeting_mode_hides_the_sidebar_and_can_be_left(server, page):
    tab, _ = page
    tab.goto(f"{server}/programs?meeting=true")
    wait_until_drawn(tab, 1)
    assert not tab.locator('[data-testid="stSidebar"]').is_visible()
    tab.get_by_role("button", name="Leave meeting mode").click()
    tab.wait_for_function("() => !location.search.includes('meeting')")
    expect(tab.locator('[data-testid="stSidebar"]')).to_be_visible(
        timeout=DRAW_TIMEOUT_MS
    )
    wait_until_drawn(tab, 1)


def test_touring_every_page_and_control_stays_on_loopback(page):
    """Every page, a filter change on each, a download: no request leaves 127.0.0.1."""
    process, url = start_server()
    tab, recorder = page
    try:
        for path, charts in PAGES.items():
            tab.goto(f"{url}/{path}")
            wait_until_drawn(tab, charts)
            tab.locator('[data-testid="stSidebar"]').get_by_text(
                "sea", exact=True
            ).click()
            wait_until_drawn(tab, 0)
            tab.locator('[data-testid="stSidebar"]').get_by_text(
                "KR", exact=True
            ).click()
            wait_until_drawn(tab, 0)
        tab.goto(f"{url}/programs?meeting=true")
        wait_until_drawn(tab, 1)
        assert recorder.outside == [] and recorder.errors == []
    finally:
        process.terminate()
        process.wait(timeout=10)
        log = server_log(process)
    assert "external IP" not in log and "Collecting usage statistics" not in log
    addresses = {a for a in log.split() if a.startswith(("http://", "https://"))}
    assert addresses and all(a.startswith("http://127.0.0.1:") for a in addresses)


def test_whole_app_briefing_downloads_as_a_deck(server, page, package):
    from io import BytesIO

    from pptx import Presentation

    from jkdefense.analysis import filters, scoring
    from jkdefense.report import programs as programs_page

    tab, recorder = page
    tab.goto(
        f"{server}/programs?programs_w_commonality=5.0&programs_w_threat_relevance=0.0"
    )
    wait_until_drawn(tab, 1)
    button = tab.locator('[data-testid="stDownloadButton"]').filter(
        has_text="Whole app · PPTX"
    )
    with tab.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith("briefing-all-pages-")
    deck = Presentation(BytesIO(Path(download.path()).read_bytes()))
    titles = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.name == "Title"
    ]
    # The programs slide follows the weights set on the page, not the defaults.
    weights = {
        **dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0),
        "commonality": 5.0,
        "threat_relevance": 0.0,
    }
    programs = filters.select(
        package.tables["programs"],
        filters.ViewFilters(source_ids=package.source_ids),
    )
    expected = programs_page.ranking_title(scoring.rank_programs(programs, weights))
    assert expected in titles
    assert len(deck.slides) >= 12 and recorder.outside == []


def _luminance(css_color: str) -> float:
    """WCAG relative luminance of an 'rgb(r, g, b)' colour."""
    channels = [
        int(c) / 255 for c in css_color.split("(")[1].split(")")[0].split(",")[:3]
    ]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_one_click_on_a_domain_shows_it_alone_and_one_more_brings_all_back(
    server, page
):
    tab, recorder = page
    tab.goto(f"{server}/threats")
    wait_until_drawn(tab, 1)
    main = tab.locator('[data-testid="stMain"]')
    pills = tab.locator('[data-testid="stSidebar"] button[data-variant="pills"]')
    chosen_pills = pills.and_(tab.locator('[aria-pressed="true"]'))
    assert chosen_pills.count() == 0  # none chosen: every domain
    expect(main).to_contain_text("Filters: all domains", timeout=DRAW_TIMEOUT_MS)
    sea = pills.filter(has_text="sea").filter(has_not_text="under").first
    sea.click()
    tab.wait_for_url("**domain=sea**")
    expect(main).to_contain_text("Filters: Sea · focus", timeout=DRAW_TIMEOUT_MS)
    assert tab.url.count("domain=") == 1  # the sea alone
    chosen = sea.evaluate("e => getComputedStyle(e).backgroundColor")
    other = pills.filter(has_text="land").first
    unchosen = other.evaluate("e => getComputedStyle(e).backgroundColor")
    assert _contrast(chosen, unchosen) >= 3
    sea.click()
    tab.wait_for_function("() => !location.search.includes('domain=')")
    expect(main).to_contain_text("Filters: all domains", timeout=DRAW_TIMEOUT_MS)
    pills.filter(has_text="maritime").first.click()
    tab.wait_for_url("**domain=maritime**")
    expect(main).to_contain_text(
        "Filters: Maritime (sea and undersea)", timeout=DRAW_TIMEOUT_MS
    )
    wait_until_drawn(tab, 1)
    assert recorder.outside == [] and recorder.errors == []


def test_meeting_mode_tours_every_chart_each_whole_on_a_1280x720_screen(browser):
    """Next moves chart by chart and page by page; each plot fits the first screen."""
    from jkdefense.report import registry

    tour = registry.meeting_tour()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    with fresh_server() as url:
        tab.goto(f"{url}/?meeting=true")
        for number in range(1, len(tour) + 1):
            wait_until_drawn(tab, 0)
            expect(tab.locator('[data-testid="stMain"]')).to_contain_text(
                f"{number} of {len(tour)}", timeout=DRAW_TIMEOUT_MS
            )
            name, _, label = tour[number - 1]
            if label:
                assert f"· {label} ·" in tab.locator(".st-key-meeting_bar").inner_text()
            charts = tab.locator(
                '[data-testid="stVegaLiteChart"]:visible, '
                '[data-testid="stPlotlyChart"]:visible'
            )
            if charts.count():  # a tab the filters leave empty says why instead
                wait_until_drawn(tab, 1)
                box = charts.first.bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (
                    name,
                    label,
                    box,
                )
            assert not tab.locator('[data-testid="stSidebar"]').is_visible()
            tab.get_by_role("button", name="Next ▶").click()
        # After the last screen, the tour starts again.
        expect(tab.locator('[data-testid="stMain"]')).to_contain_text(
            f"1 of {len(tour)}", timeout=DRAW_TIMEOUT_MS
        )
        tab.get_by_role("button", name="◀ Previous").click()
        expect(tab.locator('[data-testid="stMain"]')).to_contain_text(
            f"{len(tour)} of {len(tour)}", timeout=DRAW_TIMEOUT_MS
        )
        assert "meeting=true" in tab.url
        # A page off the tour shows whole; Next starts the tour at its start.
        tab.goto(f"{url}/methodology?meeting=true")
        main = tab.locator('[data-testid="stMain"]')
        expect(main).to_contain_text("is not on the tour", timeout=DRAW_TIMEOUT_MS)
        expect(main.get_by_text("Scores and how they combine")).to_be_visible()
        tab.get_by_role("button", name="Next ▶").click()
        expect(main).to_contain_text(f"1 of {len(tour)}", timeout=DRAW_TIMEOUT_MS)
    context.close()
