"""Tell readers when a page is not (yet) in their language, or no longer follows the English.

- A page that exists only in English but is served in another language (the i18n plugin's
  fallback) gets `lang="en"` on its content and a short notice in the reader's language.
- A page whose front matter says `translation: machine-draft` gets a notice that no person has
  reviewed it yet (`translation: reviewed` removes it).
- A translated page whose `source:` (roadmap/translations.py) is not the hash of today's English
  page is outdated: a notice links to the English original.
- `<!-- roadmap:translation-status -->` (the generated page translation-status.md, linked from
  "How to contribute") shows where every translation stands, with percentages.

Notices are part of the page's template (overrides/main.html), not of its content, so search
results never show them as the page's text.
"""

import json

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from shared import (DEFAULT, add_page, built_languages, current_language, give_markdown, language_path,
                    page_is_draft, project_root, render, replace_markers, roadmap_view)

from roadmap import translations

STATUS_PAGE = "translation-status.md"


def on_page_content(html, page, config, files):
    html = replace_markers(html, "translation-status", lambda marker: _status(config), page)
    if _is_fallback(page, config):
        return f'<div lang="{DEFAULT}">\n{html}\n</div>'
    return html


def on_page_context(context, page, config, nav):
    fallback, draft, outdated = _is_fallback(page, config), page_is_draft(page), _is_outdated(page, config)
    if not (fallback or draft or outdated):
        return context
    view = roadmap_view(config)
    lang = view.lang
    english = page.url[len(lang) + 1:] if page.url.startswith(f"{lang}/") else page.url
    context["roadmap_translation_notice"] = Markup(render(
        "translation_status.html", ui=view.ui, lang=lang, fallback=fallback, draft=draft and not fallback,
        outdated=outdated and not fallback, english_url=get_relative_url(english or ".", page.url),
        contribute_url=_link(page, nav, "contribute.md"),
    ))
    return context


@event_priority(60)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files, config):
    for lang in built_languages(config):
        add_page(files, config, language_path(lang, STATUS_PAGE, config), in_nav=False)
    return files


@event_priority(100)  # before any hook reads a page
def on_nav(nav, config, files):
    ui = roadmap_view(config).ui
    title = ui("translations_title").plain
    give_markdown(files, language_path(current_language(config), STATUS_PAGE, config),
                  f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n# {title}\n\n"
                  "<!-- roadmap:translation-status -->\n")
    return nav


def _status(config) -> str:
    view = roadmap_view(config)
    return render("translation_status_page.html", ui=view.ui, view=view,
                  languages=translations.status_once(project_root(config), built_languages(config)),
                  states=translations.STATES)


def _is_fallback(page, config) -> bool:
    """A translation lives under docs/<lang>/; anything else is the English page served as a
    fallback (also in a one-language preview). Pages a hook generates are in the reader's
    language."""
    lang = current_language(config)
    return lang != DEFAULT and not page.file.src_uri.startswith(f"{lang}/")


def _is_outdated(page, config) -> bool:
    source = page.meta.get("source")
    lang = current_language(config)
    if not source or lang == DEFAULT or not page.file.src_uri.startswith(f"{lang}/"):
        return False
    english = project_root(config) / "docs" / page.file.src_uri[len(lang) + 1:]
    return english.exists() and translations.page_hash(english) != source


def _link(page, nav, path: str) -> str:
    """The relative URL from `page` to the page of `path` in the nav being built."""
    target = next(p for p in nav.pages if p.file.src_uri.split("/", 1)[-1] == path or p.file.src_uri == path)
    return get_relative_url(target.url, page.url)



