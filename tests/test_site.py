"""The seven-language site as a reader gets it: every page in every language, the right `lang`,
fallback pages marked, nothing loaded from another host, fonts that draw every letter."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont

from conftest import LANGUAGES, mkdocs_build, page

OTHERS = [lang for lang in LANGUAGES if lang != "en"]
# Letters every language of the site needs, beyond plain ASCII.
LETTERS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЯЁ",
    "kk": "әғқңөұүһіӘҒҚҢӨҰҮҺІ",
    "ky": "ңөүҢӨҮ",
    "tg": "ғӣқӯҳҷҒӢҚӮҲҶ",
    "tk": "äçňöşüýžÄÇŇÖŞÜÝŽ",
    "uz": "ʻoʻgʻOʻGʻ",
    "en": "“”‘’–—…",
}


def english_pages(site: Path) -> list[str]:
    """Paths (relative to the site root) of the default language's pages."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] not in OTHERS
    )


def test_the_site_has_the_green_paper_and_road_map_pages(site):
    pages = english_pages(site)
    for expected in ["index.html", "green-paper/foreword/index.html",
                     "green-paper/chapter-2/directions/culture/index.html",
                     "road-map/flowchart/index.html", "road-map/action-plan/index.html",
                     "about-this-edition/index.html", "creotalents/index.html"]:
        assert expected in pages
    assert len(pages) >= 30


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_page_with_its_lang(site, lang):
    for path in english_pages(site):
        target = site / ("" if lang == "en" else lang) / path
        assert target.exists(), f"{lang}: {path} is missing"
        html = target.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html), f"{lang}/{path}: wrong <html lang>"


@pytest.mark.parametrize("lang", ["kk", "tg"])
def test_an_english_only_page_is_marked_as_english_with_a_notice(project_copy, tmp_path, lang):
    # The Creotalents page, with its translation (if any) taken away: only English is left.
    (project_copy / "docs" / lang / "creotalents.md").unlink(missing_ok=True)
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": lang, "ROADMAP_PDF": "0"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "creotalents" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    notice = re.search(r'<p class="roadmap-notice roadmap-untranslated" lang="(\w+)">(.*?)</p>', html)
    assert notice, "no 'not yet translated' notice"
    assert notice.group(1) == lang
    assert "English" not in notice.group(2)  # the notice is in the reader's language
    assert 'href="../contribute/"' in notice.group(2)
    assert re.search(r'<div lang="en">\s*<h1', html), "the English content is not marked lang=en"


def test_a_translated_page_has_no_fallback_notice(site):
    html = page(site, "ru", "")
    assert "roadmap-untranslated" not in html
    assert "Дорожная карта" in html


class Loads(HTMLParser):
    """Collects every URL a browser fetches by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "preload", "prefetch", "icon", "manifest", "preconnect", "dns-prefetch", "modulepreload")):
                self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if a.get("style") and "url(" in a["style"]:
            self.urls.extend(re.findall(r"url\(['\"]?([^'\")]+)", a["style"]))


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for html_file in site.rglob("*.html"):
        parser = Loads()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                offenders.append(f"{html_file.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if re.match(r"(https?:)?//", url):
                offenders.append(f"{css.relative_to(site)}: {url}")
    assert not offenders, "third-party requests:\n" + "\n".join(offenders[:20])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_font_draws_every_letter_its_pages_use(site, lang):
    """Each language has its own small font files (scripts/make_fonts.py); they must draw every
    character that language's pages show, in every style, and the letters of the language."""
    from html import unescape

    from roadmap.fonts import faces_of, font_faces

    faces = faces_of(font_faces(site / "assets/stylesheets/fonts.css"), lang)
    assert {(f.style, f.weight) for f in faces} == {("normal", 400), ("normal", 700), ("italic", 400)}
    root = site if lang == "en" else site / lang
    pages = [p for p in root.rglob("*.html") if lang != "en" or p.relative_to(site).parts[0] not in LANGUAGES]
    text = set()
    for path in pages:
        html = re.sub(r"<(script|style)\b.*?</\1>|<svg\b.*?</svg>", "", path.read_text(encoding="utf-8"), flags=re.S)
        text |= set(unescape(re.sub(r"<[^>]+>", "", html)))
    text |= set(LETTERS.get(lang, ""))
    needed = {c for c in text if c.strip() and ord(c) > 0x20 and c not in "\u200b\u00ad\ufeff"}
    for face in faces:
        cmap = TTFont(face.path).getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert not missing, f"{face.path.name} lacks {missing}: run scripts/make_fonts.py"


def test_the_site_uses_its_own_font_and_no_google_fonts(site):
    html = page(site, "en", "")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    # the page declares its own language's faces (hooks/page_font.py), not all of fonts.css
    assert 'font-family:"Roadmap Noto Sans en"' in html and "Roadmap Noto Sans kk" not in html
    assert 'rel="preload" href="assets/fonts/roadmap-en-regular.woff2"' in html
    assert "@media print{@font-face{" in html and "stylesheets/fonts.css" not in html
    kk = page(site, "kk", "")
    assert 'font-family:"Roadmap Noto Sans kk"' in kk and 'href="../assets/fonts/roadmap-kk-regular.woff2"' in kk
    assert (site / "assets/fonts/OFL.txt").read_text().count("SIL Open Font License") >= 1


LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "ky": "Кыргызча",
                  "uz": "Oʻzbekcha", "tg": "Тоҷикӣ", "tk": "Türkmençe"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_names_languages_in_their_own_language_and_keeps_the_page(site, lang):
    html = page(site, lang, "green-paper/foreword/")
    links = dict(
        (hreflang, (href, name.strip()))
        for href, hreflang, name in re.findall(
            r'<a href="([^"]*)" hreflang="([\w-]+)" class="md-select__link">\s*([^<]+)', html
        )
    )
    assert set(links) == set(LANGUAGES)
    for other, (href, name) in links.items():
        assert name == LANGUAGE_NAMES[other]
        prefix = "" if other == "en" else f"{other}/"
        target = (site / ("" if lang == "en" else lang) / "green-paper/foreword" / href).resolve()
        assert target == (site / prefix / "green-paper/foreword").resolve(), f"{other}: {href}"


def test_a_one_language_preview_shows_the_translation_not_the_english_page(project_copy, tmp_path):
    """ROADMAP_LANGUAGE=ky: the translation of road-map/index.md, never its English original."""
    (project_copy / "docs/ky/road-map").mkdir(parents=True, exist_ok=True)
    (project_copy / "docs/ky/road-map/index.md").write_text("# Жол картасы\n\nКыргызча текст.\n")
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "ky"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "road-map" / "index.html").read_text(encoding="utf-8")
    assert "Кыргызча текст." in html
    assert "roadmap-untranslated" not in html


def test_templates_edited_after_a_build_show_their_new_text_in_the_next_build(project_copy, tmp_path):
    """Compiled templates are kept in .cache/jinja/ between builds (the theme's through
    hooks/template_cache.py, the road map's through roadmap/templates.py): an edit must win."""
    site = tmp_path / "site"
    env = {"ROADMAP_LANGUAGE": "en"}
    assert mkdocs_build(project_copy, site, env=env).returncode == 0
    assert list((project_copy / ".cache" / "jinja").iterdir()), "nothing was kept"
    main = project_copy / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# edited #}{% block footer %}THEME-EDITED{{ super() }}{% endblock %}\n",
                    encoding="utf-8")
    goals = project_copy / "hooks" / "vision_goals.html"
    goals.write_text(goals.read_text(encoding="utf-8").replace("<ul ", "<ul data-edited ", 1), encoding="utf-8")
    result = mkdocs_build(project_copy, site, env=env)
    assert result.returncode == 0, result.stderr
    html = (site / "green-paper" / "chapter-1" / "vision-2026" / "index.html").read_text(encoding="utf-8")
    assert "THEME-EDITED" in html
    assert "<ul data-edited " in html
