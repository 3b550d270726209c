"""axe-core, the accessibility checker, run on every page in a real browser."""

from urllib.parse import quote_plus

import pytest

from jkdefense.report import pairings, programs, threats
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_browser import PAGES
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a page; and rules failed whatever their impact.
FAILING_IMPACTS = {"serious", "critical"}
FAILING_RULES = {"heading-order"}
# Charts in tabs other than the one a page opens on: the URL that opens each.
OTHER_CHART_TABS = [
    f"{page}?{key}={quote_plus(label)}"
    for page, key, labels in (
        ("threats", "threats_chart", threats.TABS.values()),
        ("programs", "programs_chart", programs.TABS.values()),
        ("pairings", "pairings_chart", [*pairings.TABS.values(), pairings.DETAIL_TAB]),
    )
    for label in list(labels)[1:]
]


def violations(tab) -> list[str]:
    """axe-core's failing findings on the page, as 'rule (impact): targets'."""
    assert AXE.is_file(), "axe-core is missing: run make axe (npm ci)"
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact,
                targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )
    return [
        f"{v['id']} ({v['impact']}): {'; '.join(v['targets'])}"
        for v in found
        if v["impact"] in FAILING_IMPACTS or v["id"] in FAILING_RULES
    ]


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_no_serious_accessibility_violation(server, page, path):
    tab, _ = page
    tab.goto(f"{server}/{path}")
    wait_until_drawn(tab, PAGES[path])
    assert violations(tab) == []


@pytest.mark.parametrize("path", OTHER_CHART_TABS)
def test_no_serious_accessibility_violation_in_other_chart_tabs(server, page, path):
    tab, recorder = page
    tab.goto(f"{server}/{path}")
    wait_until_drawn(tab, 1)
    label = path.split("=", 1)[1].replace("+", " ")
    selected = tab.get_by_role("tab", selected=True)
    assert selected.inner_text() == label  # the URL opened that tab
    assert violations(tab) == []
    assert recorder.outside == [] and recorder.errors == []
