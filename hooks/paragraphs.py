"""Paragraph numbers on the site (roadmap/paragraphs.py): every numbered paragraph of the Green
Paper shows its number (§2.4.3.5) as a discreet permanent link; touching it offers to propose a
change (docs/assets/javascripts/propose.js, which builds the proposal only when asked, so no
other host is contacted before the reader chooses to). The numbers are checked in every language
before anything is built."""

import json
import re

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from shared import built_languages, project_root, roadmap_view

from roadmap import paragraphs

NUMBERED = re.compile(r'<(p|li) id="p([A-Z0-9][0-9A-Z.]*)">')


def on_config(config):
    docs = project_root(config) / "docs"
    problems = paragraphs.check_once(docs, ("en", *[l for l in built_languages(config) if l != "en"]))
    if problems:
        raise PluginError("Paragraph numbers: nothing was built.\n" + "\n".join(f"  {p}" for p in problems)
                          + "\nRun roadmap-paragraphs (see roadmap/paragraphs.py) to number new paragraphs.")
    return config


def on_page_content(html, page, config, files):
    if not NUMBERED.search(html):
        return html
    def number(match):
        tag, n = match.groups()
        return Markup('<{} id="p{}"><a class="roadmap-para" href="#p{}">§{}</a> ').format(Markup(tag), n, n, n)

    return NUMBERED.sub(number, html)


def on_page_context(context, page, config, nav):
    """The settings and words of the propose dialog, on pages with numbered paragraphs,
    milestones or tasks (overrides/main.html writes them beside docs/assets/javascripts/propose.js)."""
    if "roadmap-para" not in page.content and "roadmap-number" not in page.content:
        return context
    view = roadmap_view(config)
    edition, ui = view.edition, view.ui
    settings = {
        "repository": edition["repository"], "email": edition["email"],
        "subject": edition.get("email_subject", "Road Map"), "lang": view.lang,
        "strings": {"title": ui("propose_title").plain, "github": ui("propose_on_github").plain,
                    "github_help": ui("propose_github_help").plain, "email": ui("propose_by_email").plain,
                    "email_help": ui("propose_email_help", email=edition["email"],
                                     subject=edition.get("email_subject", "Road Map")).plain,
                    "copy": ui("propose_copy_link").plain, "copied": ui("propose_copied").plain,
                    "close": ui("propose_close").plain},
    }
    context["roadmap_propose"] = Markup(json.dumps(settings, ensure_ascii=False).replace("<", "\\u003c"))
    context.setdefault("roadmap_scripts", []).append("assets/javascripts/propose.js")
    return context
