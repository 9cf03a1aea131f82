"""The interface is in the reader's language: Material's strings for the languages Material does not
ship (overrides/partials/languages/<lang>.html), the site's own strings (data/i18n/<lang>.yml) and
the home page of every language."""

import re
from pathlib import Path

import material
import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

from conftest import LANGUAGES, ROOT, page

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates/partials/languages"
OVERRIDES = ROOT / "overrides/partials/languages"
# Languages Material ships no translation for: the site must bring its own.
OWN_THEME_LANGUAGES = ["kk", "ky", "tg", "tk"]
# Keys that are settings, not text a reader sees.
NOT_TEXT = re.compile(r"^(language|direction|search\.config\..*)$")
# lunr has no Kazakh or Kyrgyz: the Russian trimmer keeps their Cyrillic letters.
SEARCH_LANG = {"kk": "ru", "ky": "ru"}
OTHERS = [lang for lang in LANGUAGES if lang != "en"]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters a text in the language cannot do without (at least one must appear).
OWN_LETTERS = {
    "kk": "әғқңөұүһіӘҒҚҢӨҰҮҺІ",
    "ky": "ңөүҢӨҮ",
    "tg": "ғӣқӯҳҷҒӢҚӮҲҶ",
    "tk": "äçňöşüýžÄÇŇÖŞÜÝŽ",
    "uz": "\u02bb",  # ʻ in oʻ gʻ
}
CYRILLIC_LANGUAGES = {"ru", "kk", "ky", "tg"}


def material_keys() -> list[str]:
    """The keys of Material's English strings, in file order."""
    text = (MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8")
    keys = re.findall(r'^\s*"([\w.]+)":\s*"(?:[^"\\]|\\.)*",?\s*$', text, re.M)
    assert len(keys) > 40, "could not read Material's en.html"
    return keys


def strings(folder, lang: str) -> dict[str, str]:
    """Every key of Material's en.html, as the `t` macro of `folder/<lang>.html` renders it
    ("" where the file lacks the key)."""
    path = folder / f"{lang}.html"
    assert path.exists(), f"{path} is missing"
    macro = Environment(loader=FileSystemLoader(folder)).get_template(f"{lang}.html").module.t
    return {key: str(macro(key)) for key in material_keys()}


@pytest.fixture(scope="module")
def english():
    return strings(MATERIAL_LANGUAGES, "en")


@pytest.mark.parametrize("lang", OWN_THEME_LANGUAGES)
def test_the_theme_override_defines_every_key_of_material(lang):
    own = strings(OVERRIDES, lang)
    text = (OVERRIDES / f"{lang}.html").read_text(encoding="utf-8")
    declared = set(re.findall(r'^\s*"([\w.]+)":', text, re.M))
    missing = [key for key in material_keys() if key not in declared]
    assert not missing, f"{lang}.html lacks {missing}"
    assert own["language"] == lang
    assert own["direction"] == "ltr"
    assert "machine-draft" in text.split("\n", 1)[0], "first line: the translation-status comment"


@pytest.mark.parametrize("lang", OWN_THEME_LANGUAGES)
def test_the_theme_strings_are_translated(lang, english):
    own = strings(OVERRIDES, lang)
    text_keys = [key for key in english if not NOT_TEXT.match(key)]
    empty = [key for key in text_keys if not own[key].strip()]
    assert not empty, f"{lang}.html: empty strings {empty}"
    same = [key for key in text_keys if own[key].strip().casefold() == english[key].casefold()]
    assert len(same) <= 0.1 * len(text_keys), f"{lang}.html: still English: {same}"


@pytest.mark.parametrize("lang", OWN_THEME_LANGUAGES)
def test_the_theme_strings_keep_their_placeholders(lang, english):
    own = strings(OVERRIDES, lang)
    lost = [key for key, value in english.items() if "#" in value and "#" not in own[key]]
    assert not lost, f"{lang}.html: the # placeholder is missing in {lost}"


@pytest.mark.parametrize("lang", sorted(SEARCH_LANG))
def test_search_settings_suit_the_language(lang):
    """Through Material's own lookup (partials/language.html falls back to English for any empty
    value): lunr's Russian trimmer, no English or Russian stop-word list."""
    env = Environment(loader=FileSystemLoader([ROOT / "overrides", MATERIAL_LANGUAGES.parent.parent]))
    t = env.get_template("partials/language.html", None,
                         {"config": {"theme": {"language": lang}}}).module.t
    assert str(t("language")) == lang
    assert str(t("search.config.lang")) == SEARCH_LANG[lang]
    assert "stopWordFilter" not in str(t("search.config.pipeline"))
    assert str(t("search.config.separator")) == r"[\s\-]+"


@pytest.mark.parametrize("lang", OWN_THEME_LANGUAGES)
def test_the_built_pages_show_the_theme_in_the_language(site, lang):
    html = page(site, lang, "")
    assert re.search(rf'<html lang="{lang}"', html)
    search = re.search(r'<input type="text" class="md-search__input"[^>]*>', html)
    assert search, "no search box"
    placeholder = re.search(r'placeholder="([^"]*)"', search.group(0)).group(1)
    assert placeholder and placeholder != "Search", f"{lang}: search placeholder {placeholder!r}"
    skip = re.search(r'class="md-skip">\s*(.*?)\s*</a>', html, re.S)
    assert skip, "no skip link (the home page has a second-level heading)"
    assert skip.group(1) not in ("", "Skip to content"), f"{lang}: skip link {skip.group(1)!r}"


def ui_files():
    return sorted(p.stem for p in (ROOT / "data/i18n").glob("*.yml") if p.stem != "en")


def ui_strings(lang: str) -> dict:
    data = yaml.safe_load((ROOT / "data/i18n" / f"{lang}.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("ui"), dict), f"{lang}.yml: no ui: map"
    return data["ui"]


@pytest.mark.parametrize("lang", ui_files())
def test_the_site_strings_have_every_key_and_placeholder(lang):
    source, own = ui_strings("en"), ui_strings(lang)
    missing = [key for key in source if not str(own.get(key) or "").strip()]
    assert not missing, f"data/i18n/{lang}.yml lacks {missing}"
    for key, text in source.items():
        assert sorted(re.findall(r"{[^{}]*}", own[key])) == sorted(re.findall(r"{[^{}]*}", text)), (
            f"data/i18n/{lang}.yml: {key}: placeholders differ from English")
    # Symbols a language may well write as English does (units, the decimal mark).
    may_match = {"pdf_kilobytes", "pdf_megabytes", "decimal_mark"}
    same = [key for key in source if key not in may_match and own[key].strip() == source[key].strip()]
    assert not same, f"data/i18n/{lang}.yml: still English: {same}"
    unknown = set(own) - set(source)
    assert not unknown, f"data/i18n/{lang}.yml: keys English does not have: {sorted(unknown)}"


def home_text(lang: str) -> str:
    path = ROOT / "docs" / lang / "index.md"
    assert path.exists(), f"docs/{lang}/index.md is missing: the home page is not translated"
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    assert yaml.safe_load(front).get("hide") == ["navigation"], "front matter: hide: [navigation]"
    return re.sub(r"\]\([^)]*\)", "]", body)  # link targets are English paths


@pytest.mark.parametrize("lang", OTHERS)
def test_the_home_page_is_in_its_language(lang):
    body = home_text(lang)
    letters = [c for c in body if c.isalpha()]
    cyrillic = sum(bool(CYRILLIC.match(c)) for c in letters) / len(letters)
    if lang in CYRILLIC_LANGUAGES:
        assert cyrillic > 0.9, f"{lang}: only {cyrillic:.0%} of the letters are Cyrillic"
    else:
        assert cyrillic == 0, f"{lang}: Cyrillic letters in a Latin-script page"
    if lang in OWN_LETTERS:
        assert any(c in body for c in OWN_LETTERS[lang]), (
            f"{lang}: none of the letters {OWN_LETTERS[lang]} appears")
    english = set(re.findall(r"[a-z]+", (ROOT / "docs/index.md").read_text(encoding="utf-8").lower()))
    words = re.findall(r"[^\W\d_]+", body.lower())
    shared = [w for w in words if w in english and len(w) > 3]
    assert len(shared) <= 0.1 * len(words), f"{lang}: English words left: {sorted(set(shared))}"
