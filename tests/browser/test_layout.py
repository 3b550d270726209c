"""No two texts of a chart overlap at slide size, under any filter (a real browser).

Every chart of every page, under the default view, each single domain, the
Maritime group and each country focus, is rendered as the SVG its slide picture
is made from; Chromium lays the SVG out and the test compares the boxes of every
two visible texts. A text's white halo (the same text drawn twice, at one place)
is not an overlap.
"""

import hashlib

import pytest

from jkdefense.data.vocabulary import DOMAIN_CHOICES
from jkdefense.render import briefings, draw, export
from jkdefense.report import context, links

pytestmark = pytest.mark.browser

QUERIES = ["", *(f"domain={d}" for d in DOMAIN_CHOICES), "focus=KR", "focus=JP"]

OVERLAPS = """() => {
  const shown = t => {
    for (let e = t; e && e.tagName !== 'svg'; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.opacity === '0' || s.display === 'none' || s.visibility === 'hidden')
        return false;
    }
    return getComputedStyle(t).fillOpacity !== '0';
  };
  const boxes = [...document.querySelectorAll('text')]
    .filter(t => t.textContent.trim() && shown(t))
    .map(t => {
      const r = t.getBoundingClientRect();
      return {s: t.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height};
    });
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
    const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
    const halo = a.s === b.s && Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2;
    if (ox > 1 && oy > 1 && !halo) found.push([a.s, b.s]);
  }
  return found;
}"""


def test_no_two_texts_of_a_chart_overlap_at_slide_size(browser, package):
    tab = browser.new_page()
    seen: set[str] = set()
    problems = []
    for query in QUERIES:
        view, settings = links.view_from_params(package, links.parse_query(query))
        for page in context.all_page_views(package, view, settings):
            for chart in page.charts:
                figure = briefings.slide_shaped(draw.figure(chart), chart.kind)
                svg = export.chart_svg(figure)
                digest = hashlib.sha256(svg.encode()).hexdigest()
                if digest in seen:  # the same picture under another filter
                    continue
                seen.add(digest)
                tab.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
                for pair in tab.evaluate(OVERLAPS):
                    problems.append((query or "default", chart.key, *pair))
    tab.close()
    assert len(seen) > 60  # every page's charts, under the filters that change them
    assert problems == []


def test_the_check_finds_two_texts_that_overlap(browser):
    tab = browser.new_page()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
        '<text x="10" y="20" font-size="14">Axis title</text>'
        '<text x="30" y="24" font-size="14">Row label</text>'
        '<text x="10" y="45" font-size="14" fill-opacity="0">Hidden</text>'
        '<text x="10" y="46" font-size="14">Hidden</text></svg>'
    )
    tab.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    assert tab.evaluate(OVERLAPS) == [["Axis title", "Row label"]]
    tab.close()
