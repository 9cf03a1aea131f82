"""Open data: the road map as JSON (with its JSON Schema) and CSV, in every language.

The files are written into the built site (site_dir/data/), never into docs/; the page that says
`<!-- roadmap:open-data -->` lists them, in every language of the site.
"""

import shutil
from pathlib import Path

from mkdocs.utils import get_relative_url

from roadmap import export
from roadmap.data import load
from roadmap.languages import DEFAULT, LANGUAGES
from roadmap.pages import data_dir, replace_markers, roadmap_view, templates

_template = templates(Path(__file__).parent).get_template("open_data.html")


def on_page_markdown(markdown, page, config, files):
    return replace_markers(markdown, "open-data", lambda marker: _downloads(page, config))


def _downloads(page, config) -> str:
    view = roadmap_view(config)
    names = _language_names(config)
    downloads = [
        dict(lang=lang, name=names.get(lang, lang), current=lang == view.lang,
             **{kind: get_relative_url(path, page.url) for kind, path in export.file_names(lang).items()})
        for lang in LANGUAGES
    ]
    downloads.sort(key=lambda d: not d["current"])  # the reader's language first
    return _template.render(view=view, ui=view.ui, downloads=downloads,
                            schema=get_relative_url(export.SCHEMA_NAME, page.url))


def on_post_build(config):
    view = roadmap_view(config)
    site = Path(config.site_dir)
    untranslated = load(data_dir(config)).untranslated(view.lang)
    contents = {
        "json": export.json_text(view, untranslated),
        "milestones": export.milestones_csv(view),
        "tasks": export.tasks_csv(view),
    }
    for kind, path in export.file_names(view.lang).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(contents[kind], encoding="utf-8", newline="")
    if view.lang == DEFAULT:
        shutil.copyfile(export.SCHEMA, site / export.SCHEMA_NAME)


def _language_names(config) -> dict[str, str]:
    plugin = config.plugins.get("i18n")
    languages = getattr(getattr(plugin, "config", None), "languages", None) or []
    return {language.locale: language.name for language in languages}
