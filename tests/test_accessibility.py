"""Accessibility of the built pages, checked by axe-core (the engine behind Lighthouse and
pa11y) in Debian's headless Chromium. Serious and critical violations fail the test.

Every page type in every language is checked more strictly (any violation, four looks) by
test_reader_pages.py; here are the pages of kinds it does not open."""

import json

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "green-paper/chapter-1/prerequisites/",  # a chapter with footnotes (the Green Paper's type is the foreword)
    "tg/creotalents/",  # an appendix
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
