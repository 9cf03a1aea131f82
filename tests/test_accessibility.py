"""Accessibility of the built pages, checked by axe-core (the engine behind Lighthouse and
pa11y) in Debian's headless Chromium. Serious and critical violations fail the test."""

import json

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "green-paper/chapter-1/prerequisites/",
    "green-paper/chapter-2/directions/culture/",
    "road-map/flowchart/",
    "road-map/action-plan/",
    "kk/",
    "tg/creotalents/",
    "uz/road-map/flowchart/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(browser, path):
    assert AXE.exists(), "node_modules/axe-core is missing: run `bash scripts/setup.sh` (npm ci)"
    browser.get(browser.base + path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)));"
    )
    violations = [v for v in json.loads(result) if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
        for v in violations
    )
    assert not violations, f"{path}:\n{report}"
