"""Every page type in every language as a reader sees it, in Debian's headless Chromium: on a phone
(412 px) and a laptop (1366 px), light and dark, nothing sticks out of the viewport or out of its
box, no grid needs scrolling sideways on the laptop, and axe-core reports nothing (contrast
included). What a first view of each weighs: tests/test_first_view.py.
The page types are the benchmark's (scripts/benchmark.py), so what is measured is what is tested."""

from html import unescape
import importlib.util
import json
import time
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, page, screen, ui

_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)

KINDS = list(benchmark.PAGE_TYPES)
LAYOUT = (Path(__file__).parent / "reader_layout.js").read_text(encoding="utf-8")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOOKS = [(412, "light"), (412, "dark"), (1366, "light"), (1366, "dark")]
WHOLE_AXE = {(412, "light"), (1366, "dark")}  # the other two looks: contrast only (what changes)


def look(driver, width: int, scheme: str) -> None:
    """The page as it looks on that screen in that scheme (Material follows the reader's scheme)."""
    screen(driver, width, scheme)
    wanted = "slate" if scheme == "dark" else "default"
    deadline = time.time() + 5
    while driver.execute_script("return document.body.getAttribute('data-md-color-scheme')") != wanted:
        assert time.time() < deadline, f"the page did not turn {scheme}"
        time.sleep(0.05)
    driver.execute_script("return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def axe(driver, contrast_only: bool) -> list[str]:
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    # axe leaves WCAG 2.2's target size (24 × 24 px, which Lighthouse checks) off by default
    options = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    if contrast_only:
        options = {"resultTypes": ["violations"], "runOnly": ["color-contrast"]}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(JSON.stringify(r.violations)));", options)
    return [f"axe {v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])}×, e.g. {v['nodes'][0]['html'][:140]}"
            for v in json.loads(result)]


def page_url(site: Path, kind: str, lang: str) -> str:
    path = benchmark.page_path(site, kind, lang, LANGUAGES[0])
    assert path is not None, f"the site has no {kind} page in {lang}"
    return path


def load(driver, path: str) -> None:
    driver.get(driver.base + path)
    deadline = time.time() + 10
    while driver.execute_script("return document.readyState") != "complete" and time.time() < deadline:
        time.sleep(0.05)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_page_type_reads_right_on_a_phone_and_a_laptop_light_and_dark(reader, site, kind, lang):
    assert AXE.exists(), "node_modules/axe-core is missing: run `bash scripts/setup.sh test` (npm ci)"
    failures = []
    for width, scheme in LOOKS:
        if scheme == "light":  # a reader on that screen opens the page (Material sets it up for the width)
            screen(reader, width, scheme)
            load(reader, page_url(site, kind, lang))
        look(reader, width, scheme)
        found = reader.execute_script(LAYOUT, width > 600)
        found += axe(reader, contrast_only=(width, scheme) not in WHOLE_AXE)
        failures += [f"{width} px, {scheme}: {problem}" for problem in found]
    assert not failures, f"{kind} page in {lang}:\n" + "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_is_in_its_language_with_search_and_the_main_links(site, lang):
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    html = unescape((site / prefix / "404.html").read_text(encoding="utf-8"))
    assert f'<html lang="{lang}"' in html
    assert f"<title>{ui(lang, 'not_found_title')}" in html
    assert ui(lang, "not_found_text") in html and ui(lang, "not_found_search") in html
    assert 'data-md-component="search"' in html
    links = html.split('class="roadmap-not-found"', 1)[1].split("</ul>", 1)[0]
    assert links.count("<li>") == 6
    home_title = page(site, lang, "").split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
    assert home_title in links  # the home page's title in this language, not in English
