"""Bad data, hostile links and markup in the data, in a real browser."""

import shutil
from pathlib import Path

import pytest

from jkdefense import cli
from tests.browser.conftest import (
    DRAW_TIMEOUT_MS,
    fresh_server,
    start_server,
    wait_until_drawn,
)
from tests.conftest import ROOT, misquote

pytestmark = pytest.mark.browser


def copy_project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bad_enum(data: Path) -> None:
    replace_in(data / "threats.csv", ",air,", ",space,")


def empty_programs(data: Path) -> None:
    (data / "programs.csv").write_text("")


def not_utf8(data: Path) -> None:
    path = data / "companies.csv"
    path.write_bytes(
        path.read_bytes().replace(b"Komatsu", "Kömatsu".encode("latin-1"), 1)
    )


def seed_changed(data: Path) -> None:
    seed = data.parent / "seeds" / "yoon-2019-diplomat.txt"
    seed.write_bytes(seed.read_bytes() + b"\nAn added line.")


# (break, banner text, page that needs the broken table, page that still works)
BREAKS = [
    (bad_enum, "threats.csv row", "threats", "programs"),
    (empty_programs, "programs.csv: file is empty", "programs", "threats"),
    (not_utf8, "companies.csv row", "pairings", "threats"),
    (seed_changed, "sources.csv row 2, seed_sha256", None, "pathway"),
]


@pytest.mark.parametrize(
    ("breaker", "banner", "broken_page", "working_page"),
    BREAKS,
    ids=[b[0].__name__ for b in BREAKS],
)
def test_broken_data_is_named_and_the_rest_works(
    tmp_path, page, breaker, banner, broken_page, working_page
):
    data = copy_project(tmp_path)
    breaker(data)
    with fresh_server(data) as url:
        tab, recorder = page
        tab.goto(f"{url}/{working_page}")
        wait_until_drawn(tab, 1)
        alert = tab.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert banner in alert.replace("\\", "")
        assert tab.locator('[data-testid="stException"]').count() == 0
        if broken_page == "threats":  # bad value: the page still shows every row
            tab.goto(f"{url}/{broken_page}")
            wait_until_drawn(tab, 1)
            assert tab.locator('[data-testid="stException"]').count() == 0
        elif broken_page:
            tab.goto(f"{url}/{broken_page}")
            wait_until_drawn(tab, 0)
            text = tab.locator('[data-testid="stMain"]').inner_text()
            assert "This page needs" in text and "cannot be read" in text
            assert tab.locator('[data-testid="stException"]').count() == 0
        assert recorder.outside == [] and recorder.errors == []


HOSTILE = [
    "/threats?domain=<script>alert(1)</script>&domain=sea&domain=sea&threats_actor=ZZ",
    "/sources?sources_query=<img src=x onerror=alert(1)>&focus=javascript:alert(1)",
    "/programs?programs_w_commonality=NaN&programs_w_threat_relevance=1e309"
    "&programs_evidence=<svg onload=alert(1)>",
    "/pairings?pairings_pair=" + "A" * 20_000 + '&pairings_company="><b>x</b>',
]


@pytest.mark.parametrize("path", HOSTILE, ids=["script", "img", "numbers", "long"])
def test_hostile_links_are_ignored_or_escaped(server, page, path):
    tab, recorder = page
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(f"{server}{path}")
    wait_until_drawn(tab, 0 if path.startswith("/sources") else 1)
    assert dialogs == []
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert recorder.errors == [] and recorder.outside == []


def test_markup_in_the_data_shows_as_text(tmp_path, page):
    data = copy_project(tmp_path)
    payload = (
        "Joint work <b>bold</b> **strong** [link](javascript:alert(1)) <img src=x>"
    )
    replace_in(
        data / "company_pairings.csv", "Aegis destroyer and shipborne-weapons", payload
    )
    with fresh_server(data) as url:
        tab, recorder = page
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(f"{url}/pairings?pairings_chart=Pairing+in+detail")
        wait_until_drawn(tab, 1)
        main = tab.locator('[data-testid="stMain"]')
        assert payload in main.inner_text()
        markdown = main.locator('[data-testid="stMarkdownContainer"]')
        injected = "b, strong:text-is('strong'), img, a[href^='javascript']"
        assert markdown.locator(injected).count() == 0
        assert dialogs == [] and recorder.errors == []


def test_a_long_feed_is_drawn_before_its_check_and_shows_its_problems_unasked(
    tmp_path, page
):
    from benchmarks import synthetic_feed
    from jkdefense.data import cache, load

    articles = cache.CHECK_AFTER_DRAWING_ABOVE + 1
    data = synthetic_feed.build(articles, tmp_path)
    assert cli.main(["derive", "--data", str(data)]) == 0
    misquote(data)
    process, url = start_server(data)
    try:
        tab, recorder = page
        tab.goto(f"{url}/threats")
        # The first run draws the note; the check starts a second after it.
        # The synthetic articles join the committed feed's.
        total = articles + len(load.read_table_text(ROOT / "data", "sources"))
        note = tab.get_by_text(f"Checking the data of {total:,} articles")
        note.wait_for(timeout=DRAW_TIMEOUT_MS)
        # No click: the page runs again by itself once the check is done.
        banner = tab.locator('[data-testid="stAlertContentError"]').first
        banner.wait_for(timeout=30_000)
        assert "threats.csv row 2, evidence_quote" in banner.inner_text()
        wait_until_drawn(tab, 1)
        assert note.count() == 0
        assert tab.locator('[data-testid="stException"]').count() == 0
        assert recorder.errors == [] and recorder.outside == []
    finally:
        process.kill()
        process.wait(timeout=10)
