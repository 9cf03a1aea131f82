"""The glossary (data/glossary.yml and the `glossary:` section of data/i18n/<lang>.yml):

- the source of the abbreviation tooltips: every page in a language explains that language's
  glossary abbreviations (КЭ, CE, DY…) when pointed at, with no definition typed in the page;
- a page in every language, `road-map/glossary.md` (generated, listed after Open data), where
  `<!-- roadmap:glossary -->` gives each term, its abbreviation, definition, source and the
  translator's note on the choice; the PDF edition prints it as an appendix.
"""

import json

from mkdocs.plugins import event_priority
from shared import (add_page, add_to_nav, built_languages, current_language, give_markdown, language_path, render,
                    replace_markers, roadmap_view)

PAGE = "road-map/glossary.md"
AFTER = "road-map/data.md"


@event_priority(-150)  # after mkdocs-static-i18n (-100) has switched the build to its language
def on_config(config):
    view = roadmap_view(config)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = {
        term.abbreviation.plain: term.term.plain for term in view.glossary if term.abbreviation}
    add_to_nav(config, AFTER, [PAGE])
    return config


@event_priority(60)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files, config):
    for lang in built_languages(config):
        add_page(files, config, language_path(lang, PAGE, config))
    return files


@event_priority(100)  # before any hook reads a page
def on_nav(nav, config, files):
    view = roadmap_view(config)
    title = view.ui("glossary_title").plain
    draft = "translation: machine-draft\n" if view.draft else ""
    give_markdown(files, language_path(current_language(config), PAGE, config),
                  f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{draft}---\n\n# {title}\n\n"
                  "<!-- roadmap:glossary -->\n")
    return nav


def on_page_content(html, page, config, files):
    return replace_markers(html, "glossary", lambda marker: _glossary(config), page)


def _glossary(config) -> str:
    view = roadmap_view(config)
    english = {t.id: t for t in roadmap_view(config, "en").glossary} if view.lang != "en" else {}
    return render("glossary.html", view=view, ui=view.ui, english=english)
