"""Search costs nothing until a reader searches, then loads only their language's index."""

import json
import time

import pytest

from conftest import LANGUAGES


def resources(browser) -> list[str]:
    return browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )


def search(browser, query: str) -> list[str]:
    field = browser.find_element("css selector", "[data-md-component=search-query]")
    browser.execute_script("document.getElementById('__search').click()")
    field.send_keys(query)
    deadline = time.time() + 15
    while time.time() < deadline:
        titles = browser.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item h1, .md-search-result__item h2')]"
            ".map(e => e.textContent.trim())"
        )
        if titles:
            return titles
        time.sleep(0.2)
    return []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site, lang):
    index = json.loads((site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations
    others = [other for other in LANGUAGES if other not in ("en", lang)]
    assert not [loc for loc in locations if loc.split("/")[0] in others]
    if lang != "en":
        assert all(loc.startswith(f"{lang}/") for loc in locations)
    assert "en" in index["config"]["lang"]


def test_no_search_index_is_downloaded_until_the_reader_searches(browser):
    browser.get(browser.base)
    time.sleep(1)
    assert not [url for url in resources(browser) if "search_index" in url]
    titles = search(browser, "Foreword")
    assert titles, "no search results"
    loaded = [url for url in resources(browser) if "search_index" in url]
    assert loaded and all(url.endswith("search/search_index.en.json") for url in loaded)


def test_a_kazakh_reader_searches_the_kazakh_index(browser):
    browser.get(browser.base + "kk/")
    titles = search(browser, "картасы")
    assert titles, "no results for a Kazakh word"
    loaded = [url for url in resources(browser) if "search_index" in url]
    assert loaded and all(url.endswith("search/search_index.kk.json") for url in loaded)


def search_texts(browser, query: str) -> list[str]:
    browser.execute_script("""
        const field = document.querySelector('[data-md-component=search-query]');
        field.value = ''; field.dispatchEvent(new Event('input', {bubbles: true}));""")
    field = browser.find_element("css selector", "[data-md-component=search-query]")
    browser.execute_script("document.getElementById('__search').checked || document.getElementById('__search').click()")
    field.send_keys(query)
    deadline = time.time() + 15
    while time.time() < deadline:
        texts = browser.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item')].map(e => e.textContent)")
        meta = browser.execute_script(
            "return (document.querySelector('.md-search-result__meta') || {}).textContent || ''")
        if texts or ("0" in meta and "search.result.initializer" not in meta and time.time() > deadline - 10):
            return texts
        time.sleep(0.2)
    return []


@pytest.mark.parametrize("typed", ["boʻyicha", "bo'yicha", "bo‘yicha", "boʼyicha", "bo`yicha", "boyicha"])
def test_uzbek_search_accepts_every_way_of_typing_the_apostrophe(browser, typed):
    browser.get(browser.base + "uz/")
    texts = search_texts(browser, typed)
    assert texts, f"nothing found for {typed!r}"
    assert any("boʻyicha" in text for text in texts[:5])


@pytest.mark.parametrize(("lang", "word"), [("kk", "өршілдік"), ("tg", "ҳимматбаландӣ"), ("ky", "белес"),
                                            ("ru", "креативные")])
def test_cyrillic_words_are_found_whole(browser, lang, word):
    browser.get(browser.base + f"{lang}/")
    texts = search_texts(browser, word)
    assert texts, f"{lang}: nothing found for {word!r}"
    assert any(word.lower() in text.lower() for text in texts[:5]), texts[:2]
