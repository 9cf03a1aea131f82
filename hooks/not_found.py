"""A "page not found" page in every language (<lang>/404.html; the English one at the site's
root), with search and the main links, instead of the theme's single 404.html (which every
language's build would overwrite, leaving the last language at the root). The page is generated
like the country pages; `<!-- roadmap:not-found -->` gets its links. GitHub Pages serves only
/404.html: there, a line of script sends a reader of /kk/… to /kk/404.html."""

import json
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from shared import (ACTION_PLAN, FLOWCHART, add_page, built_languages, current_language, give_markdown,
                    language_path, page_link, render, replace_markers, roadmap_view)

LINKS = ["index.md", "green-paper/index.md", FLOWCHART, ACTION_PLAN,
         "countries/index.md", "contribute.md"]


def on_config(config):
    config.theme.static_templates.discard("404.html")
    return config


@event_priority(60)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files, config):
    for lang in built_languages(config):
        path = language_path(lang, "404.md", config)
        add_page(files, config, path, dest_uri=path[:-3] + ".html", in_nav=False)
    return files


@event_priority(100)  # before any hook reads a page
def on_nav(nav, config, files):
    lang = current_language(config)
    ui = roadmap_view(config).ui
    title = ui("not_found_title").plain
    give_markdown(files, language_path(lang, "404.md", config), (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nhide: [navigation, toc]\nsearch: {{exclude: true}}\n---\n\n"
        f"# {title}\n\n<!-- roadmap:not-found -->\n"))
    return nav


def on_page_content(html, page, config, files):
    return replace_markers(html, "not-found", lambda marker: _links(page, config, files), page)


def on_page_context(context, page, config, nav):
    if page.file.dest_uri.endswith("404.html"):
        site_path = urlsplit(config.site_url or "/").path.rstrip("/")
        context["roadmap_not_found"] = {"root": page.file.dest_uri == "404.html", "base": f"{site_path}/{page.url}",
                                        "languages": [lang for lang in built_languages(config) if lang != "en"]}
    return context


def _links(page, config, files) -> str:
    view = roadmap_view(config)
    links = []
    for path in LINKS:
        file = files.get_file_from_path(path)
        if file is not None and file.page is not None:
            links.append((page_link(page, files, path), file.page.title or path))
    return render("not_found.html", ui=view.ui, links=links)
