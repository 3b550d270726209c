"""What is not yet curated: Sources lists the articles, the Overview counts them."""

import pandas as pd
import pytest

from jkdefense.analysis import evidence
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.report import context, overview, page_data, sources
from tests.apptest import run_page
from tests.test_ingest import ARTICLE, run


def test_citing_rows_counts_each_row_once_per_article_and_skips_sources():
    tables = {
        "sources": pd.DataFrame({"evidence_sentence_ids": [["a:s001"], ["b:s001"]]}),
        "threats": pd.DataFrame(
            {"evidence_sentence_ids": [["a:s002", "a:s003"], ["a:s004", "c:s001"]]}
        ),
        "programs": pd.DataFrame({"evidence_sentence_ids": [["c:s009"], []]}),
        "rubrics": pd.DataFrame({"level": [1]}),
    }
    assert evidence.citing_rows(tables) == {"a": 2, "c": 2}
    assert evidence.uncited(tables, ("a", "b", "c", "d")) == ["b", "d"]


@pytest.mark.parametrize(
    ("uncited", "articles", "expected"),
    [
        (0, 1, "The article is cited by curated rows."),
        (0, 6, "All 6 articles are cited by curated rows."),
        (1, 7, "1 of 7 articles is not yet curated"),
        (3, 8, "3 of 8 articles are not yet curated"),
    ],
)
def test_curation_status_reads_as_a_sentence(uncited, articles, expected):
    assert sources.curation_status(uncited, articles).startswith(expected)


@pytest.fixture
def uncurated_copy(data_copy, tmp_path):
    """The data with one article ingested that no curated row cites yet."""
    article = tmp_path / "waters.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(data_copy, article) == 0
    return data_copy


def test_sources_and_overview_name_the_article_no_row_cites(uncurated_copy):
    pkg = load.load_package(uncurated_copy)
    assert pkg.problems == []
    t = page_data.page_tables(pkg)
    everything = tuple(t["sources"]["source_id"])
    view = ViewFilters(source_ids=everything)
    new = [s for s in everything if s.startswith("testreview-")]
    assert len(new) == 1

    page = sources.build(t, view, {"subtitle": "", "source": ""})
    not_yet = page.related["not_yet_curated"]
    assert list(not_yet["source_id"]) == new
    feed = page.related["feed"].set_index("source_id")
    assert feed.loc[new[0], "curated_rows"] == 0
    assert (feed.drop(index=new)["curated_rows"] > 0).all()
    assert f"1 of {len(everything)} articles is not yet curated" in page.takeaway

    home = overview.build(
        {**pkg.tables, **page_data.map_tables(pkg)},
        view,
        {"subtitle": "", "source": ""},
    )
    status = home.related["curation_status"]
    assert status.startswith(f"1 of {len(everything)} articles is not yet curated")
    # The "as of" line counts the same article.
    assert context.currency(pkg, everything, None)[1] == 1


def test_the_app_shows_the_uncurated_article(uncurated_copy, monkeypatch):
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(uncurated_copy))
    home = run_page("overview")
    assert not home.exception
    shown = " ".join(m.value for m in home.markdown)
    assert "articles is not yet curated" in shown
    page = run_page("sources")
    assert not page.exception
    captions = " ".join(c.value for c in page.caption)
    assert "Not yet curated: Seoul and Tokyo Test the Waters" in captions


def test_a_long_feed_names_a_few_uncurated_articles_and_counts_the_rest():
    from jkdefense.ui.sources import NOT_YET_NAMED, not_yet_line

    count = 10_000
    articles = pd.DataFrame(
        {
            "title": [f"Article {i}" for i in range(count)],
            "source_id": [f"a{i:05d}" for i in range(count)],
            "date_published": pd.to_datetime(["2024-01-01"] * count),
        }
    )
    line = not_yet_line(articles).replace("\\", "")  # as the caption shows it
    assert line.startswith("Not yet curated: Article 0 (a00000, 2024-01-01)")
    assert f"Article {NOT_YET_NAMED - 1} " in line
    assert f"Article {NOT_YET_NAMED} " not in line
    assert f"and {count - NOT_YET_NAMED:,} more" in line
    assert len(line) < 1_000  # naming all 10,000 made a 600 KB caption
    one = not_yet_line(articles.head(1)).replace("\\", "")
    assert "more" not in one and one.endswith("2024-01-01).")
