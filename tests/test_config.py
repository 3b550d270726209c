"""The shipped Streamlit configuration keeps the app offline and quiet."""

import os
import tomllib
from pathlib import Path

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())

# Folders of tools and caches, not of the project.
NOT_THE_PROJECT = {
    ".git",
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
}
# What makes a browser fetch from outside: Material icons and map tiles come
# from Google's and Mapbox's servers, the rest are CDN hosts.
LOADS_FROM_OUTSIDE = (
    ":material/",
    "st.map(",
    "scatter_geo",
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
)


def project_files(root: Path) -> list[Path]:
    """Every file under ``root``, in every folder but those of tools and caches."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in NOT_THE_PROJECT)
        found += [Path(folder) / name for name in sorted(names)]
    return found


def outside_loads(root: Path) -> list[str]:
    """'path: text' for each text file under ``root`` naming something fetched
    from outside; this file, which lists them, aside."""
    found = []
    for path in project_files(root):
        if path == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # Parquet, PNG: not text
            continue
        found += [
            f"{path.relative_to(root)}: {s}" for s in LOADS_FROM_OUTSIDE if s in text
        ]
    return found


def test_no_usage_statistics_and_loopback_only():
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["browser"]["serverAddress"] == "127.0.0.1"
    assert CONFIG["server"]["headless"] is True


def test_chrome_that_links_outside_is_off_and_the_theme_is_pinned():
    assert CONFIG["client"]["showErrorLinks"] is False
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["theme"]["base"] == "light"


def test_no_file_in_any_folder_loads_an_icon_map_or_script_from_outside():
    assert outside_loads(ROOT) == []


def test_the_walk_reaches_every_folder_and_leaves_out_the_tools():
    files = {p.relative_to(ROOT).as_posix() for p in project_files(ROOT)}
    for shipped in ("app.py", "pages", "jkdefense/report/threats.py", "benchmarks"):
        assert any(f == shipped or f.startswith(f"{shipped}/") for f in files)
    assert ".streamlit/config.toml" in files and ".ci/run" in files
    assert not any(f.startswith((".git/", ".venv/")) for f in files)


def test_a_file_in_a_new_nested_folder_is_walked_and_checked(tmp_path):
    nested = tmp_path / "new" / "deeper" / "still"
    nested.mkdir(parents=True)
    (nested / "map.py").write_text("st.map(frame)\n", encoding="utf-8")
    (tmp_path / "new" / "page.html").write_text(
        '<script src="https://cdn.jsdelivr.net/x.js"></script>\n', encoding="utf-8"
    )
    for tool in NOT_THE_PROJECT:
        (tmp_path / tool / "sub").mkdir(parents=True)
        (tmp_path / tool / "sub" / "vendored.py").write_text(
            "st.map(frame)\n", encoding="utf-8"
        )
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert {p.relative_to(tmp_path).as_posix() for p in project_files(tmp_path)} == {
        "chart.png",
        "new/page.html",
        "new/deeper/still/map.py",
    }
    assert outside_loads(tmp_path) == [
        "new/page.html: cdn.jsdelivr.net",
        "new/deeper/still/map.py: st.map(",
    ]


def test_the_grid_s_own_csv_export_is_off():
    """Streamlit's grid writes cells as they are, formulas included: each table
    has a CSV download of its own instead (jkdefense.ui.downloads)."""
    import streamlit.config

    # An option this Streamlit knows (an unknown one raises), set in the file.
    streamlit.config.get_option("client.disableDataExport")
    assert CONFIG["client"]["disableDataExport"] is True
