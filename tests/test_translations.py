"""Translators' workflow (issue 13): the glossary (page, tooltips, check), outdated translations
(notice, status page, diff), the status page's numbers."""

import re
import subprocess
import sys

import pytest

from conftest import LANGUAGES, OTHERS, ROOT, mkdocs_build, page, view
from roadmap import translations


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "roadmap.translations", *args, "--root", str(project)],
                          capture_output=True, text=True, cwd=project)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_a_page_in_every_language(site, lang):
    html = page(site, lang, "road-map/glossary/")
    terms = re.findall(r'<dt id="([a-z-]+)">', html)
    assert terms == [t.id for t in view(lang).glossary]
    first = view(lang).glossary[0]
    assert first.term.plain in html and first.definition.plain[:30] in html.replace("&#39;", "'")
    if lang != "en":
        assert '<span class="roadmap-glossary__english" lang="en">(creative economy, CE)</span>' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_abbreviation_tooltips_come_from_the_glossary(site, lang):
    terms = {t.abbreviation.plain: t.term.plain for t in view(lang).glossary if t.abbreviation}
    prefix = "" if lang == "en" else f"{lang}/"
    sources = [p for p in (ROOT / "docs" / prefix).rglob("*.md") if lang != "en" or p.relative_to(ROOT / "docs").parts[0] not in LANGUAGES]
    typed = [f"{p.relative_to(ROOT)}: {m}" for p in sources
             for m in re.findall(r"^\*\[([^\]]+)\]:", p.read_text(encoding="utf-8"), re.M) if m in terms]
    assert typed == [], "glossary abbreviations defined in pages as well as in the glossary"
    html = page(site, lang, "green-paper/chapter-2/implementation/")
    shown = dict(re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', html))
    used = {abbr: title for title, abbr in shown.items()}
    assert used, "no tooltip on a page full of abbreviations"
    for abbr, title in used.items():
        if abbr in terms:
            assert title == terms[abbr]


def test_a_planted_non_glossary_term_is_found(project_copy):
    assert run(project_copy, "check").returncode == 0
    path = project_copy / "docs/ru/green-paper/chapter-2/directions/culture.md"
    text = path.read_text(encoding="utf-8").replace("креативные профессии", "творческие профессии", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("творческие профессии")].count("\n") + 1
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert f"docs/ru/green-paper/chapter-2/directions/culture.md, line {line}:" in result.stdout
    assert '"творческие профессии" is a variant the glossary avoids for "creative-professions"' in result.stdout


def test_a_missing_glossary_entry_is_reported(project_copy):
    path = project_copy / "data/i18n/tk.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n  mapping:\n")
    end = re.search(r"\n  [a-z-]+:\n", text[start + 1:]).start() + start + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert 'data/i18n/tk.yml: the glossary term "mapping" (mapping) has no translation' in result.stdout
    tk = next(l for l in translations.status(project_copy) if l.code == "tk")
    glossary = next(i for i in tk.items if i.path.endswith("#glossary"))
    assert glossary.strings[1] - glossary.strings[0] >= 2  # its term and definition are missing


def test_a_changed_english_paragraph_makes_its_translations_outdated_until_restored(project_copy, tmp_path):
    english = project_copy / "docs/green-paper/foreword.md"
    original = english.read_text(encoding="utf-8")
    english.write_text(original.replace("The working group members felt", "The members of the working group felt", 1),
                       encoding="utf-8")
    # the command reports every translation of the page as outdated
    for language in translations.status(project_copy):
        item = next(i for i in language.items if i.path == f"docs/{language.code}/green-paper/foreword.md")
        assert item.state == translations.OUTDATED
    report = run(project_copy)
    assert len(re.findall(r"outdated: docs/\w\w/green-paper/foreword.md:", report.stdout)) == len(OTHERS)
    # readers see the notice, linking to the English page; the status page counts it
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "kk"})
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "en", "green-paper/foreword/")
    notice = re.search(r'<p class="roadmap-notice roadmap-outdated">(.*?)</p>', html, re.S)
    assert notice and 'hreflang="en"' in notice.group(1)
    status = page(tmp_path / "site", "en", "translation-status/")
    assert re.search(r'<code>docs/kk/green-paper/foreword.md</code>: <span class="roadmap-status--outdated">', status)
    # restoring the English clears it
    english.write_text(original, encoding="utf-8")
    assert all(i.state != translations.OUTDATED for l in translations.status(project_copy) for i in l.items
               if i.path.endswith("green-paper/foreword.md"))


def test_diff_shows_what_changed_in_english_since(project_copy):
    subprocess.run(["git", "init", "-q"], cwd=project_copy, check=True)
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A"], cwd=project_copy, check=True)
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"], cwd=project_copy, check=True)
    english = project_copy / "docs/green-paper/conclusion.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new closing sentence.\n{: #pC.99 }\n", encoding="utf-8")
    result = run(project_copy, "diff", "uz")
    assert "docs/uz/green-paper/conclusion.md" in result.stdout
    assert "+A new closing sentence." in result.stdout
    stamped = run(project_copy, "stamp", "uz", "docs/uz/green-paper/conclusion.md")
    assert "docs/uz/green-paper/conclusion.md" in stamped.stdout
    assert "docs/uz/green-paper/conclusion.md" not in run(project_copy, "diff", "uz").stdout


def test_the_status_page_numbers_match_the_files(site):
    languages = translations.status(ROOT)
    html = page(site, "en", "translation-status/")
    for language in languages:
        row = re.search(rf'<tr><th scope="row"><a href="#status-{language.code}">{language.code}</a></th>(.*?)</tr>', html).group(1)
        cells = re.findall(r"<td>([^<]*)</td>", row)
        pages = [i for i in language.items if i.kind == "page"]
        files_by_state = {state: sum(1 for i in pages if i.state == state) for state in translations.STATES}
        # recount from the files themselves, not from the status module
        drafts = sum(1 for p in (ROOT / "docs" / language.code).rglob("*.md")
                     if "translation: machine-draft" in p.read_text(encoding="utf-8")[:300])
        assert files_by_state[translations.DRAFT] + files_by_state[translations.OUTDATED] <= drafts + files_by_state[translations.OUTDATED]
        english_pages = [p for p in (ROOT / "docs").rglob("*.md") if p.relative_to(ROOT / "docs").parts[0] not in LANGUAGES]
        missing = sum(1 for p in english_pages if not (ROOT / "docs" / language.code / p.relative_to(ROOT / "docs")).exists())
        assert cells[3].startswith(f"{missing} ("), (language.code, cells)
        assert cells[1].startswith(f"{files_by_state[translations.DRAFT]} (")
        percent = round(100 * missing / len(english_pages))
        assert cells[3] == f"{missing} ({percent} %)"
