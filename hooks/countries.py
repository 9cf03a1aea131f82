"""The countries' road maps (data/countries/<country>.yml) on the site.

- One page per country and language, generated, never written into docs/: the country profile,
  the flowchart marked with the country's statuses, progress by stage and direction, and the
  adapted action plan. The pages join the documentation files before mkdocs-static-i18n sorts
  them by language (as mkdocs-gen-files adds its files), so the language switcher, navigation
  and search treat them as any other page: `countries/<id>.md` in English and
  `<lang>/countries/<id>.md` in each other language, listed in the nav after the overview.
- The regional overview replaces `<!-- roadmap:countries -->` (docs/countries/index.md): all five
  countries side by side, milestone by milestone, and grouped by responsible organisation.
- The 2026 vision scorecard replaces `<!-- roadmap:vision-scorecard -->`
  (docs/countries/scorecard.md): the success rule of chapter 1.2 applied to the countries' data.
"""

import json

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from shared import (add_page, add_to_nav, built_languages, current_language, give_markdown, language_path, markers,
                    page_link, render, replace_markers, roadmap, roadmap_view)

from roadmap import scorecard
from roadmap.countries import STATUSES
from roadmap.localized import localized

OVERVIEW = "countries/index.md"


def on_config(config):
    """The country pages follow the overview in the nav (mkdocs.yml lists the section)."""
    pages = [f"countries/{country.id}.md" for country in roadmap(config).countries]
    add_to_nav(config, OVERVIEW, pages)
    return config


@event_priority(60)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files, config):
    for lang in built_languages(config):
        for country in roadmap(config).countries:
            add_page(files, config, language_path(lang, f"countries/{country.id}.md", config))
    return files


@event_priority(100)  # before any hook reads a page
def on_nav(nav, config, files):
    """Each country page's Markdown: its title and the marker its content replaces."""
    lang = current_language(config)
    data = roadmap(config)
    view = localized(data, lang)
    for country in data.countries:
        title = view.ui("countries_page_title", country=view.country_name(country)).plain
        draft = "translation: machine-draft\n" if data.status.get(lang) == "machine-draft" else ""
        give_markdown(files, language_path(lang, f"countries/{country.id}.md", config), (
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{draft}pdf: country-{country.id}\nhide: [toc]\n---\n\n"
            f"# {title}\n\n<!-- roadmap:country {country.id} -->\n"))
    return nav


def on_page_markdown(markdown, page, config, files):
    """The countries' grids need the text column's whole width on a desktop: the overview and the
    scorecard, like each country's page, list their sections at the top (overrides/partials/
    content.html) instead of in the sidebar."""
    if any(markers(markdown, kind) for kind in ("countries", "vision-scorecard")):
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    return markdown


def on_page_content(html, page, config, files):
    for kind in ("country", "countries", "vision-scorecard"):
        html = replace_markers(html, kind, lambda marker: _render(kind, marker, page, config, files), page)
    return html


def _render(kind, marker, page, config, files) -> str:
    view = roadmap_view(config)

    def href(src_path, anchor=""):  # a link from this page to another page of the site
        return page_link(page, files, src_path, anchor)

    def link(src_path, key):
        return Markup('<a href="{}">{}</a>').format(href(src_path), view.ui(key))

    country = next((c for c in view.countries if c.id == marker.group(1)), None)
    if kind == "country" and country is None:
        raise PluginError(f"{page.file.src_uri}: the marker {marker.group(0)} names no country of data/countries/.")
    return render("countries.html", kind={"countries": "overview", "vision-scorecard": "scorecard"}.get(kind, kind),
        t=view.ui,
        href=href,
        link=link,
        view=view,
        countries=view.countries,
        country=country,
        name={c.id: view.country_name(c) for c in view.countries},
        score=view.scorecard(),
        verdicts={scorecard.ACHIEVED: "achieved", scorecard.NOT_ACHIEVED: "not_achieved",
                  scorecard.UNDETERMINED: "undetermined"},
        statuses=STATUSES,
        goal_statuses=list(reversed(scorecard.GOAL_STATUSES)),
        slug=lambda status: status.replace(" ", "-"),
        key=lambda status: status.replace(" ", "_"),
        organisation=view.organisation_name,
    )
