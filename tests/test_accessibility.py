"""Accessibility of the built pages, checked by axe-core (the engine behind Lighthouse and
pa11y) in Debian's headless Chromium. Serious and critical violations fail the test."""

import functools
import http.server
import json
import threading
from pathlib import Path

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


@pytest.fixture(scope="module")
def browser(site):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `bash scripts/setup.sh` (npm ci)")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=412,900"]:
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.base = f"http://127.0.0.1:{server.server_port}/"
    yield driver
    driver.quit()
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(browser, path):
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
