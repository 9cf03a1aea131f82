"""The countries' road maps (data/countries/<country>.yml) on the site.

- One page per country and language, generated (never written into docs/): the country profile,
  the flowchart marked with the country's statuses, progress by stage and direction, and the
  adapted action plan. Each page asks hooks/pdf.py for its own PDF (`pdf: country-<id>`).
- The regional overview replaces `<!-- roadmap:countries -->` (docs/countries/index.md): all five
  countries side by side, milestone by milestone, and grouped by responsible organisation.
- The 2026 vision scorecard replaces `<!-- roadmap:vision-scorecard -->`
  (docs/countries/scorecard.md): the success rule of chapter 1.2 applied to the countries' data.

Problems in the country files stop the build with every message (file, line, what to do).
"""

import json
from pathlib import Path, PurePosixPath

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from roadmap import countries as country_data
from roadmap import data as roadmap_data
from roadmap import scorecard
from roadmap.languages import DEFAULT, current_language, project_root, ui
from roadmap.pages import data_dir, drop_blank_lines, page_link, roadmap_view, templates

HERE = Path(__file__).parent
OVERVIEW = "countries/index.md"
MARKERS = {
    "<!-- roadmap:countries -->": "overview",
    "<!-- roadmap:vision-scorecard -->": "scorecard",
    "<!-- roadmap:country -->": "country",
}

_template = templates(HERE).get_template("countries.html")


def on_config(config):
    root = project_root(config)
    problems = country_data.problems(root)
    if problems:
        raise PluginError(
            "The country road maps (data/countries/) have problems:\n  "
            + "\n  ".join(str(p) for p in problems)
            + "\nFix them (see docs/countries/guide.md), then build again. "
            "`roadmap-check` lists the same problems."
        )
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen the files of this language
def on_files(files, config):
    lang = current_language(config)
    overview = _overview_file(files)
    if overview is None:
        return files
    folder = PurePosixPath(overview.dest_uri).parent
    for country in _countries(config):
        src_uri = f"countries/{country.id}.md" if lang == DEFAULT else f"{lang}/countries/{country.id}.md"
        file = File.generated(config, src_uri, content=_stub(config, lang, country),
                              inclusion=InclusionLevel.NOT_IN_NAV)  # hooks it into the nav in on_nav
        file.dest_uri = (folder / country.id / "index.html").as_posix() if config.use_directory_urls \
            else (folder / f"{country.id}.html").as_posix()
        file.url = file._get_url()
        # What mkdocs-static-i18n gives its own files: the language switcher uses `alternates`.
        file.locale = file.locale_alternate_of = lang
        file.localization = None if lang == DEFAULT else lang
        file.norm_src_uri = f"countries/{country.id}.md"
        file.alternates = {lang: file}
        for other, alternate in (getattr(overview, "alternates", None) or {}).items():
            if other != lang:
                file.alternates[other] = _Alternate(
                    alternate.url + (f"{country.id}/" if config.use_directory_urls else f"{country.id}.html"))
        file.roadmap_country = country.id
        files.append(file)
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100), before hooks/pdf.py (-200) reads the nav
def on_nav(nav, config, files):
    """The country pages join the Countries section, after the overview."""
    overview = _overview_file(files)
    pages = [f.page for f in files.documentation_pages() if getattr(f, "roadmap_country", None)]
    if overview is None or overview.page is None or not pages:
        return nav
    section = overview.page.parent
    siblings = section.children if isinstance(section, Section) else nav.items
    at = siblings.index(overview.page) + 1
    for page in pages:
        page.file.inclusion = InclusionLevel.INCLUDED
    siblings[at:at] = pages
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
    return nav


def on_page_markdown(markdown, page, config, files):
    kinds = [(marker, kind) for marker, kind in MARKERS.items() if marker in markdown]
    if not kinds:
        return markdown
    view = roadmap_view(config)
    root = project_root(config)
    countries = country_data.load(root, roadmap_data.load(data_dir(config)))
    for marker, kind in kinds:
        html = drop_blank_lines(_render(kind, page, files, view, countries))
        markdown = markdown.replace(marker, html)
    return markdown


# --- rendering --------------------------------------------------------------------------------


def _render(kind, page, files, view, countries) -> str:
    def t(key, **values):
        """An interface string; values are escaped unless they are Markup. Where the language
        does not have the string yet, the English original is marked lang="en"."""
        text = view.ui(key)
        html = Markup(escape(text.plain)).format(**values)
        return Markup('<span lang="en">{}</span>').format(html) if text.fallback else html

    def href(src_path, anchor=""):  # a link from this page to another page of the site
        return page_link(page, files, src_path, anchor)

    def link(src_path, key):
        return Markup('<a href="{}">{}</a>').format(href(src_path), t(key))

    country_id = page.meta.get("country") if kind == "country" else None
    model = _model(view, countries)
    return _template.render(
        kind=kind,
        t=t,
        href=href,
        link=link,
        view=view,
        model=model,
        countries=countries,
        country=next((c for c in countries if c.id == country_id), None),
        name={c.id: t(f"country_{c.id}") for c in countries},
        score=model["score"],
        verdicts={scorecard.ACHIEVED: "achieved", scorecard.NOT_ACHIEVED: "not_achieved",
                  scorecard.UNDETERMINED: "undetermined"},
        statuses=country_data.STATUSES,
        goal_statuses=list(reversed(scorecard.GOAL_STATUSES)),
        slug=lambda status: status.replace(" ", "-"),
        key=lambda status: status.replace(" ", "_"),
        organisation=lambda ref: view.organisations[ref].name if ref in view.organisations else ref,
    )


def _model(view, countries):
    """The road map's structure, in the order of the flowchart and the action plan."""
    by_stage = {s.id: [] for s in view.stages}
    by_direction = {d.id: [] for d in view.directions}
    for milestone in view.milestones:  # sorted by direction, then column
        by_stage[milestone.stage.id].append(milestone)
        by_direction[milestone.direction.id].append(milestone.id)
    # Who is responsible: each country's own choice, else (shown apart) the model's persons involved.
    assigned, proposed = {}, {}
    for country in countries:
        for id, entry in country.milestones.items():
            for org in entry.responsible:
                assigned.setdefault(org, {}).setdefault(id, set()).add(country.id)
    for task in view.tasks:
        for org in task.actors:
            proposed.setdefault(org.id, []).append(task.milestone)
    rule = view.success_rule
    goals = [g.id for g in view.goals]
    numbers = scorecard.Rule(goals=rule["goals"], of_goals=len(goals), countries=rule["countries"],
                             of_countries=rule["of_countries"])
    statuses = {c.id: {id: e.status for id, e in c.vision.items()} for c in countries}
    return {
        "by_stage": by_stage,
        "by_direction": by_direction,
        "columns": [c for s in view.stages for c in s.columns],
        "assigned": assigned,
        "proposed": [(view.organisations[org], ms) for org, ms in proposed.items()],
        "milestone": {m.id: m for m in view.milestones},
        "milestone_count": len(view.milestones),
        "rule": numbers,
        "year": rule["year"],
        "score": scorecard.evaluate(statuses, numbers, goals),
    }


def _stub(config, lang, country) -> str:
    title = ui(config, lang, "countries_page_title").format(country=ui(config, lang, f"country_{country.id}"))
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ncountry: {country.id}\npdf: country-{country.id}\n---\n\n"
            f"# {title}\n\n<!-- roadmap:country -->\n")


def _overview_file(files):
    for file in files.documentation_pages():
        if getattr(file, "norm_src_uri", file.src_uri) == OVERVIEW:
            return file
    return None


def _countries(config):
    root = project_root(config)
    try:
        return country_data.load(root)
    except roadmap_data.DataError:
        return []  # reported by on_config (and by the road map's own hook)


class _Alternate:
    """The page in another language, for the language switcher (only its URL is used)."""

    def __init__(self, url):
        self.url = url
