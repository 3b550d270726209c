"""axe-core, the accessibility checker, run on every page in a real browser."""

import pytest

from tests.browser.conftest import wait_until_drawn
from tests.browser.test_browser import PAGES
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a page; and rules failed whatever their impact.
FAILING_IMPACTS = {"serious", "critical"}
FAILING_RULES = {"heading-order"}


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
