"""The shipped Streamlit configuration keeps the app offline and quiet."""

import tomllib

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_no_usage_statistics_and_loopback_only():
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["browser"]["serverAddress"] == "127.0.0.1"
    assert CONFIG["server"]["headless"] is True


def test_chrome_that_links_outside_is_off_and_the_theme_is_pinned():
    assert CONFIG["client"]["showErrorLinks"] is False
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["theme"]["base"] == "light"


def test_no_icon_or_map_that_loads_from_a_cdn():
    sources = [
        p.read_text()
        for p in [
            ROOT / "app.py",
            *(ROOT / "pages").glob("*.py"),
            *(ROOT / "jkdefense").glob("*.py"),
        ]
    ]
    for text in sources:
        assert ":material/" not in text
        assert "st.map(" not in text and "scatter_geo" not in text
