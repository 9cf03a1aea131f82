"""Consultation (issue 12): stable paragraph numbers in every language, a propose control on every
paragraph, milestone and task, and the edition history."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import LANGUAGES, OTHERS, ROOT, mkdocs_build, page
from roadmap import paragraphs

GP_PAGES = {path: "green-paper/" + path[len("green-paper/"):-3].removesuffix("index").rstrip("/") + "/"
            for path in paragraphs.SECTIONS}


def ids(html: str) -> list[str]:
    return re.findall(r'<(?:p|li) id="p([A-Z0-9][0-9A-Z.]*)"><a class="roadmap-para" href="#p\1">§\1</a>', html)


@pytest.mark.parametrize("path", list(paragraphs.SECTIONS))
def test_every_paragraph_has_the_same_number_in_every_language(site, path):
    english = ids(page(site, "en", GP_PAGES[path]))
    source = paragraphs.numbers((ROOT / "docs" / path).read_text(encoding="utf-8"))
    assert english == [n for n, _ in source] and english
    section = paragraphs.SECTIONS[path]
    assert all(n.rsplit(".", 1)[0] == section for n in english)
    for lang in OTHERS:
        assert ids(page(site, lang, GP_PAGES[path])) == english, lang


def test_no_paragraph_of_the_green_paper_goes_without_a_number(site):
    for path, url in GP_PAGES.items():
        html = page(site, "en", url)
        body = html[html.index('<article'):html.index('</article>')]
        body = re.sub(r'<div class="footnote">.*?</div>\s*$', "", body, flags=re.S)
        body = re.sub(r'<!-- roadmap:[a-z-]+[^>]*-->.*?<!-- /roadmap:[a-z-]+ -->', "", body, flags=re.S)
        body = re.sub(r'<div class="admonition.*?</div>', "", body, flags=re.S)
        bare = re.findall(r"<p>|<li>(?!\s*<p id=\"p)", body)  # a loose list item's paragraph has it
        assert not bare, f"{url}: {len(bare)} paragraphs or list items without a number"


def _break(project, lang, path, old, new):
    file = project / "docs" / (f"{lang}/" if lang != "en" else "") / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("case", ["twice", "missing", "only in translation"])
def test_a_broken_paragraph_number_stops_the_build_with_file_and_line(project_copy, tmp_path, case):
    path = "green-paper/foreword.md"
    if case == "twice":
        text = _break(project_copy, "kk", path, "{: #pF.2 }", "{: #pF.1 }")
        line = [n for n, l in enumerate(text.splitlines(), 1) if l.strip() == "{: #pF.1 }"][1]
        expected = f"docs/kk/{path}, line {line}: paragraph number §F.1 is used twice"
    elif case == "missing":
        _break(project_copy, "kk", path, "{: #pF.3 }\n", "")
        expected = f"docs/kk/{path}: the English paragraph §F.3 has no counterpart here"
    else:
        text = _break(project_copy, "kk", path, "{: #pF.3 }", "{: #pF.3 }\n\nА new paragraph.\n{: #pF.9 }")
        line = text.splitlines().index("{: #pF.9 }") + 1
        expected = f"docs/kk/{path}, line {line}: paragraph number §F.9 is not on the English page"
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "kk"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert expected in output, output


def test_a_new_english_paragraph_gets_the_next_free_number_and_old_ones_keep_theirs():
    text = (ROOT / "docs/green-paper/conclusion.md").read_text(encoding="utf-8")
    inserted = text.replace("{: #pC.1 }\n", "{: #pC.1 }\n\nA paragraph added later.\n", 1)
    numbered = paragraphs.add_numbers(inserted, "C")
    assert [n for n, _ in paragraphs.numbers(numbered)] == ["C.1", "C.5", "C.2", "C.3", "C.4"]
    assert paragraphs.add_numbers(numbered, "C") == numbered  # nothing renumbered on a second run


# --- the propose control -------------------------------------------------------------------------


def test_propose_links_carry_page_paragraph_and_language_and_stay_short(browser):
    pages = {"ru": "green-paper/chapter-2/directions/data/", "kk": "road-map/action-plan/",
             "uz": "road-map/flowchart/", "tg": "green-paper/chapter-2/directions/infrastructure/"}
    for lang, path in pages.items():
        browser.get(browser.base + f"{lang}/{path}")
        before = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert not [u for u in before if not u.startswith(browser.base)], "a request to another host before any click"
        triggers = browser.execute_script(
            "return [...document.querySelectorAll('a.roadmap-para, a.roadmap-number')].length")
        assert triggers >= 10, f"{lang}/{path}: only {triggers} propose controls"
        for n in range(0, triggers, max(1, triggers // 12)):
            result = browser.execute_script("""
                const link = document.querySelectorAll('a.roadmap-para, a.roadmap-number')[arguments[0]];
                link.scrollIntoView(); link.click();
                const dialog = document.querySelector('.roadmap-propose');
                const links = [...dialog.querySelectorAll('a')].map(a => a.href);
                return {visible: !dialog.hidden, links: links, number: link.textContent.trim(),
                        focused: document.activeElement === dialog.querySelector('a')};""", n)
            assert result["visible"] and result["focused"]
            github = next(u for u in result["links"] if u.startswith("https://github.com/"))
            mail = next(u for u in result["links"] if u.startswith("mailto:"))
            assert len(github) <= 2000, f"{len(github)} characters"
            query = parse_qs(urlsplit(github).query)
            assert query["template"] == [f"proposal-{lang}.yml"]
            assert query["paragraph"] == [result["number"]]
            assert query["language"] == [lang]
            assert query["page"][0].startswith(browser.base + f"{lang}/{path}#")
            assert query["passage"][0].strip()
            assert "creative.can2021%40gmail.com" in mail or "creative.can2021@gmail.com" in mail
            assert "Road%20Map%20" in mail
        after = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert not [u for u in after if not u.startswith(browser.base)], "opening the dialog contacted another host"


def test_the_dialog_closes_with_escape_and_gives_focus_back(browser):
    browser.get(browser.base + "ky/green-paper/foreword/")
    state = browser.execute_script("""
        const link = document.querySelector('a.roadmap-para'); link.click();
        const dialog = document.querySelector('.roadmap-propose');
        dialog.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        return {hidden: dialog.hidden, back: document.activeElement === link, title: dialog.textContent};""")
    assert state["hidden"] and state["back"]


# --- the edition history -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_changed_lists_every_change_with_a_link_to_its_paragraph(site, lang):
    html = page(site, lang, "what-changed/")
    changes = re.findall(r'<tr id="change-([a-z0-9-]+)"><td><a href="([^"]+)">([^<]+)</a>', html)
    assert [c[0] for c in changes] == ["newbigin", "footnote-5", "presentation-of-ce", "research-annually",
                                       "oked-code-directory"]
    assert ("footnote-5", "../green-paper/chapter-2/road-map-model/#p2.1.5", "§2.1.5") in changes
    target = page(site, lang, "green-paper/chapter-2/road-map-model/")
    assert 'id="p2.1.5"' in target


def test_a_recorded_change_appears_on_the_what_changed_page(project_copy, tmp_path):
    path = project_copy / "data/edition.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("changes:\n", (
        "changes:\n  - id: test-proposal\n    edition: consultation-1\n    where: \"2.4.3.5\"\n"
        "    reason: proposal\n    proposal: \"#42\"\n    what: A test change on a proposal.\n"), 1), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "en", "what-changed/")
    row = re.search(r'<tr id="change-test-proposal">(.*?)</tr>', html, re.S).group(1)
    assert "#p2.4.3.5" in row and "A test change on a proposal." in row and "Consultation proposal (#42)" in row


def test_a_change_about_an_unknown_paragraph_is_refused(project_copy, tmp_path):
    path = project_copy / "data/edition.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('where: "2.1.5"', 'where: "2.1.55"'), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "en"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert 'change "footnote-5" is about §2.1.55, which is no paragraph' in result.stdout + result.stderr
