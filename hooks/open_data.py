"""Open data: the road map as JSON (with its JSON Schema) and CSV, in every language.

The files are written into the built site (site_dir/data/), never into docs/; the page that says
`<!-- roadmap:open-data -->` lists them, in every language of the site.
"""

import shutil
from pathlib import Path

from markupsafe import Markup
from mkdocs.utils import get_relative_url
from shared import built_languages, i18n, render, replace_markers, roadmap, roadmap_view

from roadmap import export
from roadmap.data import DEFAULT


def on_page_content(html, page, config, files):
    return replace_markers(html, "open-data", lambda marker: _downloads(page, config), page)


def _downloads(page, config) -> str:
    view = roadmap_view(config)
    names = {language.locale: language.name for language in i18n(config).config.languages} if i18n(config) else {}
    downloads = [
        dict(lang=lang, name=names.get(lang, lang), current=lang == view.lang,
             **{kind: get_relative_url(path, page.url) for kind, path in export.file_names(lang).items()})
        for lang in built_languages(config)
    ]
    downloads.sort(key=lambda d: not d["current"])  # the reader's language first
    edition = view.edition
    licence = Markup('<a href="{}">{}</a>').format(edition["licence"]["url"], edition["licence"]["name"])
    site = (config.site_url or "").rstrip("/") + "/" + ("" if view.lang == DEFAULT else f"{view.lang}/")
    cite = view.ui("pdf_citation", author=edition["author"], title=view.ui("edition_title"),
                   label=view.ui("edition_label"), version=edition["version"], date=edition["date"], url=site)
    return render("open_data.html", view=view, ui=view.ui, downloads=downloads, licence_link=licence, cite=cite,
                  schema=get_relative_url(export.SCHEMA_NAME, page.url))


def on_post_build(config):
    view = roadmap_view(config)
    site = Path(config.site_dir)
    contents = {
        "json": export.json_text(view, roadmap(config).untranslated(view.lang)),
        "milestones": export.milestones_csv(view),
        "tasks": export.tasks_csv(view),
    }
    for kind, path in export.file_names(view.lang).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(contents[kind], encoding="utf-8", newline="")
    if view.lang == DEFAULT:
        shutil.copyfile(export.SCHEMA, site / export.SCHEMA_NAME)
