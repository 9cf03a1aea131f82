"""What changed: the edition history of data/edition.yml on a page in every language
(`what-changed.md`, generated, listed after About this edition): each edition, and each change to
the text by paragraph, milestone or task, linked to it, with the reason. A change that names a
paragraph or milestone that does not exist stops the build."""

import json

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from shared import (ACTION_PLAN, FLOWCHART, add_page, add_to_nav, built_languages, current_language, give_markdown,
                    language_path, page_link, project_root, render, replace_markers, roadmap_view)

from roadmap import paragraphs

PAGE = "what-changed.md"


def on_config(config):
    add_to_nav(config, "about-this-edition.md", [PAGE])
    view = roadmap_view(config)
    known = _paragraphs(config)
    codes = {m.code for m in view.milestones} | {t.code for t in view.tasks}
    for change in view.changes:
        if change.where not in known and change.where not in codes:
            raise PluginError(f'data/edition.yml: change "{change.id}" is about {change.label}, which is no '
                              "paragraph, milestone or task of the road map. Check the number (the site shows it).")
    return config


@event_priority(60)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files, config):
    for lang in built_languages(config):
        add_page(files, config, language_path(lang, PAGE, config))
    return files


@event_priority(100)  # before any hook reads a page
def on_nav(nav, config, files):
    view = roadmap_view(config)
    title = view.ui("changes_title").plain
    draft = "translation: machine-draft\n" if view.draft else ""
    give_markdown(files, language_path(current_language(config), PAGE, config),
                  f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{draft}---\n\n# {title}\n\n<!-- roadmap:changes -->\n")
    return nav


def on_page_content(html, page, config, files):
    return replace_markers(html, "changes", lambda marker: _changes(page, config, files), page)


def _changes(page, config, files) -> str:
    view = roadmap_view(config)
    known = _paragraphs(config)
    milestones = {m.code: m for m in view.milestones}
    tasks = {t.code: t for t in view.tasks}

    def link(change) -> str:
        if change.where in known:
            return page_link(page, files, known[change.where], f"p{change.where}")
        if change.where in milestones:
            return page_link(page, files, FLOWCHART, milestones[change.where].id)
        return page_link(page, files, ACTION_PLAN, tasks[change.where].id)

    editions = list(reversed(view.edition["editions"]))
    return render("changes.html", view=view, ui=view.ui, editions=editions,
                  changes={e["id"]: [(c, link(c)) for c in view.changes if c.edition == e["id"]] for e in editions})


def _paragraphs(config) -> dict[str, str]:
    """Every paragraph number of the English Green Paper → the page it is on."""
    docs = project_root(config) / "docs"
    return {number: path for path in paragraphs.SECTIONS if (docs / path).exists()
            for number, _ in paragraphs.numbers((docs / path).read_text(encoding="utf-8"))}
