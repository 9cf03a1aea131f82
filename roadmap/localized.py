"""The road map in one language, ready for templates and exports.

Every text is a `Text`: in a template `{{ task.text }}` prints it escaped and, where the language
does not have it yet, wrapped in `<span lang="en">` so that readers (and screen readers) know it
is the English original; `{{ task.text.plain }}` is the bare text, for attributes.

Interface strings come from here only (`View.ui`): checked with the rest of the data, English
where a language lacks one (and then marked `lang="en"`).

Numbers: the action plan's tasks are numbered T1–T30 in the plan's order (stage, then strategic
direction), and each milestone takes the number of the task that serves it (M1–M30), so that a
milestone and its task share one number on every page, in every PDF and in the open data.
"""

from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup, escape

from roadmap import scorecard
from roadmap.countries import NOT_ASSESSED, STATUSES, Country
from roadmap.data import DEFAULT, Roadmap


class Text:
    """A text in the reader's language, or its English original (`lang` = "en")."""

    __slots__ = ("plain", "lang", "_html")

    def __init__(self, plain: str, lang: str | None = None, html: str | None = None):
        self.plain = plain
        self.lang = lang  # "en" when the text is the English fallback, else None
        self._html = html  # the text as HTML, when it holds links (else the plain text, escaped)

    @property
    def fallback(self) -> bool:
        return self.lang is not None

    def __str__(self) -> str:
        return self.plain

    def __html__(self) -> str:
        html = self._html if self._html is not None else escape(self.plain)
        if self.fallback:
            return Markup('<span lang="{}">{}</span>').format(self.lang, Markup(html))
        return str(html)

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(self.plain)

    def __bool__(self):
        return bool(self.plain)


@dataclass(eq=False)
class Stage:
    id: str
    number: int
    name: Text
    key_message: Text
    columns: list[int]


@dataclass(eq=False)
class Direction:
    id: str
    number: int
    name: Text
    label: Text


@dataclass(eq=False)
class Organisation:
    id: str
    name: Text
    role: str
    unreadable: bool


@dataclass(eq=False)
class Milestone:
    id: str
    direction: Direction
    column: int
    stage: Stage
    text: Text
    task: "Task | None" = None

    @property
    def number(self) -> int | None:
        return self.task.number if self.task else None

    @property
    def code(self) -> str:
        """M7: how the milestone is named on every page, in every PDF and in the open data."""
        return f"M{self.number}" if self.number else ""


@dataclass(eq=False)
class Task:
    id: str
    number: int
    stage: Stage
    direction: Direction
    milestone: Milestone
    years: list[int]
    priority: Text
    text: Text
    persons_involved: Text
    actors: list[Organisation]
    results: Text
    indicators: Text
    examples: list[Organisation]

    @property
    def code(self) -> str:
        """T7: the task's number, shared with the milestone it serves (M7)."""
        return f"T{self.number}"


@dataclass(eq=False)
class Goal:
    id: str
    text: Text


@dataclass(eq=False)
class Term:
    """A glossary term in this language."""

    id: str
    term: Text
    abbreviation: Text | None
    definition: Text
    source: str
    note: Text | None  # the translator's note in this language (English: the editors' note)
    avoid: list[str]  # variants this language must not use


@dataclass(eq=False)
class Change:
    """A change to the text, by paragraph (2.4.3.5), milestone (M7) or task (T7)."""

    id: str
    edition: str
    where: str
    reason: str  # editorial | proposal
    proposal: str | None
    what: Text

    @property
    def label(self) -> str:
        """§2.4.3.5, M7 or T7, as the site shows it."""
        return self.where if self.where[0] in "MT" else f"§{self.where}"


@dataclass(eq=False)
class Source:
    number: int  # [1], [2] … on the country's page: each source cited once
    document: Text
    section: str | None
    footnote: int | None
    cites: str | None  # the work cited (its title and authors, in its own language)
    link: str | None
    date: str
    quote: str | None  # the Green Paper's English words


@dataclass(eq=False)
class Fact:
    text: Text
    announced: bool
    source: Source


@dataclass(eq=False)
class Entry:
    """A milestone (and its task) or a vision goal, in one country."""

    id: str
    status: str
    year: int | None
    responsible: list[Text]
    result: Text | None
    note: Text | None
    evidence: list[Source]
    reviewed: str | None


@dataclass(eq=False)
class CountryView:
    """One country's road map in the reader's language."""

    id: str
    name: Text
    reviewed: str
    initiative_group: str | None
    facts: list[Fact]
    milestones: dict[str, Entry]
    goals: dict[str, Entry]
    sources: list[Source]

    @property
    def assessed(self) -> int:
        return sum(1 for e in self.milestones.values() if e.status != NOT_ASSESSED)

    @property
    def translated(self) -> bool:
        """False when the profile is still in English in this language."""
        return not any(f.text.fallback for f in self.facts)

    def count(self, status: str, ids=None) -> int:
        return sum(1 for id in (ids if ids is not None else self.milestones) if self.milestones[id].status == status)


@dataclass(eq=False)
class View:
    """The road map in `lang`."""

    lang: str
    draft: bool  # `translation: machine-draft` in data/i18n/<lang>.yml, with road map strings in it
    untranslated: int  # strings shown in English for want of a translation
    stages: list[Stage]
    directions: list[Direction]
    milestones: list[Milestone]  # in the flowchart's order: by direction, then column
    tasks: list[Task]  # in the action plan's order: by stage, then direction (T1–T30)
    organisations: dict[str, Organisation]
    vision_intro: Text
    goals: list[Goal]
    success_rule: dict
    glossary: list[Term]
    countries: list[Country]
    edition: dict  # data/edition.yml, with the version, date and id of the current edition
    changes: list[Change]
    _ui: dict = field(repr=False, default_factory=dict)
    _cells: dict = field(repr=False, default_factory=dict)
    _texts: dict = field(repr=False, default_factory=dict)  # this language's translated strings

    def ui(self, key: str, **values) -> Text:
        """An interface string (data/i18n/<lang>.yml, `ui:`), English where it is missing.
        `values` fill its {placeholders}: Text, Markup (a link) or plain values (escaped)."""
        text = self._ui.get(self.lang, {}).get(key)
        lang = None
        if text is None:
            text, lang = self._ui[DEFAULT][key], (DEFAULT if self.lang != DEFAULT else None)
        if not values:
            return Text(text, lang)
        plain = text.format(**{k: _plain(v) for k, v in values.items()})
        html = Markup(escape(text)).format(**values)
        return Text(plain, lang, html)

    def milestone(self, id: str) -> Milestone:
        return next(m for m in self.milestones if m.id == id)

    def cell(self, direction: Direction, column: int) -> Milestone | None:
        return self._cells.get((direction.id, column))

    def tasks_in(self, stage: Stage, direction: Direction) -> list[Task]:
        return [t for t in self.tasks if t.stage is stage and t.direction is direction]

    def milestones_in(self, stage: Stage | None = None, direction: Direction | None = None) -> list[Milestone]:
        return [m for m in self.milestones
                if (stage is None or m.stage is stage) and (direction is None or m.direction is direction)]

    def actors(self) -> list[Organisation]:
        """The persons involved named by at least one task, in the order of data/organisations.yml."""
        named = {a.id for t in self.tasks for a in t.actors}
        return [o for o in self.organisations.values() if o.id in named]

    def years(self) -> list[int]:
        return sorted({y for t in self.tasks for y in t.years})

    def year_label(self, year: int) -> Text:
        return self.ui(f"roadmap_year_{year}")

    def country_name(self, country: Country) -> Text:
        return self.ui(f"country_{country.id}")

    def status_label(self, status: str, goal: bool = False) -> Text:
        return self.ui(("goal_" if goal else "status_") + status.replace(" ", "_"))

    def columns(self) -> list[int]:
        return [c for s in self.stages for c in s.columns]

    def scorecard(self) -> scorecard.Result:
        """The success rule of chapter 1.2 applied to the countries' goal statuses."""
        rule = self.success_rule
        numbers = scorecard.Rule(goals=rule["goals"], of_goals=len(self.goals),
                                 countries=rule["countries"], of_countries=rule["of_countries"])
        statuses = {c.id: {id: e.status for id, e in c.vision.items()} for c in self.countries}
        return scorecard.evaluate(statuses, numbers, [g.id for g in self.goals])

    def responsible(self) -> dict[str, dict[str, set[str]]]:
        """Organisation (id or name) → milestone id → the countries that made it responsible."""
        assigned: dict[str, dict[str, set[str]]] = {}
        for country in self.countries:
            for id, entry in country.milestones.items():
                for org in entry.responsible:
                    assigned.setdefault(org, {}).setdefault(id, set()).add(country.id)
        return assigned

    def proposed(self) -> list[tuple[Organisation, list[Milestone]]]:
        """The model's persons involved, each with the milestones whose task names them."""
        proposed: dict[str, list[Milestone]] = {}
        for task in self.tasks:
            for org in task.actors:
                proposed.setdefault(org.id, []).append(task.milestone)
        return [(self.organisations[id], ms) for id, ms in proposed.items()]

    def country(self, country: Country) -> CountryView:
        """The country's road map in this language: its own texts translated where the language
        has them (else English, marked), each source cited once and numbered."""
        sources: dict[tuple, Source] = {}

        def cite(source) -> Source:
            key = tuple(str(source.get(k, "")) for k in ("document", "section", "footnote", "cites", "link", "date", "quote"))
            if key not in sources:
                document = source["document"]
                sources[key] = Source(
                    number=len(sources) + 1,
                    document=self.ui("edition_name_green_paper_2021") if document == "Green Paper (2021)"
                    else Text(document, DEFAULT if self.lang != DEFAULT else None),
                    section=source.get("section"), footnote=source.get("footnote"), cites=source.get("cites"),
                    link=source.get("link"), date=str(source["date"]), quote=source.get("quote"))
            return sources[key]

        def text(id: str, field_name: str, english: str | None) -> Text | None:
            if not english:
                return None
            value = self._texts.get(("countries", f"{country.id}-{id}", field_name))
            return Text(value) if value is not None else Text(english, DEFAULT if self.lang != DEFAULT else None)

        facts = [Fact(text(f["id"], "fact", f["fact"]), bool(f.get("announced")), cite(f["source"]))
                 for f in country.profile]

        def entry(e) -> Entry:
            return Entry(e.id, e.status, e.year, [self.organisation_name(r) for r in e.responsible],
                         text(e.id, "result", e.result), text(e.id, "note", e.note),
                         [cite(s) for s in e.evidence], e.reviewed)

        milestones = {id: entry(e) for id, e in country.milestones.items()}
        goals = {id: entry(e) for id, e in country.vision.items()}
        return CountryView(country.id, self.country_name(country), country.reviewed, country.initiative_group,
                           facts, milestones, goals, list(sources.values()))

    def organisation_name(self, ref: str) -> Text:
        """A country file names an organisation by its id or by its full name."""
        return self.organisations[ref].name if ref in self.organisations else Text(ref, None)


@cache
def localized(roadmap: Roadmap, lang: str) -> View:
    """The road map in `lang`, built once per language and state of the data."""

    def text(section: str, id: str, field: str) -> Text:
        value, value_lang = roadmap.text(lang, section, id, field)
        return Text(value, value_lang if value_lang != lang else None)

    stages = {
        id: Stage(id, n, text("stages", id, "name"), text("stages", id, "key_message"), list(s["columns"]))
        for n, (id, s) in enumerate(roadmap.stages.items(), 1)
    }
    directions = {
        id: Direction(id, n, text("directions", id, "name"), text("directions", id, "label"))
        for n, id in enumerate(roadmap.directions, 1)
    }
    organisations = {
        id: Organisation(id, text("organisations", id, "name"), o["role"], bool(o.get("unreadable")))
        for id, o in roadmap.organisations.items()
    }
    column_stage = {c: stage for stage in stages.values() for c in stage.columns}
    milestones = {
        id: Milestone(id, directions[m["direction"]], m["column"], column_stage[m["column"]],
                      text("milestones", id, "text"))
        for id, m in roadmap.milestones.items()
    }
    glossary = [
        Term(id=id, term=text("glossary", id, "term"),
             abbreviation=_abbreviation(text("glossary", id, "abbreviation")) if "abbreviation" in t else None,
             definition=text("glossary", id, "definition"), source=t["source"],
             note=_note(roadmap, lang, id), avoid=_avoid(roadmap, lang, id))
        for id, t in roadmap.glossary.items()
    ]
    view = View(
        lang=lang,
        # A draft notice only where some text of the road map is in fact shown in this language.
        draft=roadmap.status.get(lang) == "machine-draft" and bool(roadmap.translations.get(lang)),
        untranslated=len(roadmap.untranslated(lang)),
        stages=list(stages.values()),
        directions=list(directions.values()),
        milestones=sorted(milestones.values(), key=lambda m: (m.direction.number, m.column)),
        tasks=[],
        organisations=organisations,
        vision_intro=text("vision", "intro", "text"),
        goals=[Goal(g["id"], text("vision", g["id"], "text")) for g in roadmap.vision["goals"]],
        success_rule={**roadmap.vision["success_rule"], "text": text("vision", "success-rule", "text")},
        glossary=glossary,
        countries=roadmap.countries,
        edition={**roadmap.edition, **{k: roadmap.edition["editions"][-1][k] for k in ("id", "version", "date")}},
        changes=[Change(c["id"], c["edition"], str(c["where"]), c["reason"], c.get("proposal"),
                        text("changes", c["id"], "what")) for c in roadmap.edition.get("changes") or []],
        _ui=roadmap.ui,
        _texts=roadmap.translations.get(lang, {}),
    )
    in_plan_order = sorted(roadmap.tasks.items(), key=lambda item: (
        stages[item[1]["stage"]].number, directions[item[1]["direction"]].number))
    for n, (id, t) in enumerate(in_plan_order, 1):
        task = Task(
            id=id,
            number=n,
            stage=stages[t["stage"]],
            direction=directions[t["direction"]],
            milestone=milestones[t["milestone"]],
            years=list(t["years"]),
            priority=(text("tasks", id, "priority") if "priority" in t
                      else _join([view.year_label(y) for y in t["years"]])),
            text=text("tasks", id, "text"),
            persons_involved=text("tasks", id, "persons_involved"),
            actors=[organisations[a] for a in t["actors"]],
            results=text("tasks", id, "results"),
            indicators=text("tasks", id, "indicators"),
            examples=[organisations[e] for e in t.get("examples", [])],
        )
        task.milestone.task = task
        view.tasks.append(task)
    view._cells = {(m.direction.id, m.column): m for m in view.milestones}
    return view


def _note(roadmap: Roadmap, lang: str, id: str) -> Text | None:
    """A glossary note: the translator's own where there is one (English: the editors')."""
    value = roadmap.translations.get(lang, {}).get(("glossary", id, "note"))
    if value is not None:
        return Text(value)
    english = roadmap.english.get(("glossary", id, "note"))
    return Text(english, DEFAULT if lang != DEFAULT else None) if english else None


def _abbreviation(text: Text) -> Text | None:
    """"—" in a translation: the language spells the term out and has no abbreviation."""
    return None if text.plain.strip() in ("—", "-") else text


def _avoid(roadmap: Roadmap, lang: str, id: str) -> list[str]:
    if lang == DEFAULT:
        return list(roadmap.glossary[id].get("avoid") or [])
    return list(roadmap.avoid.get(lang, {}).get(id) or [])


def _plain(value) -> str:
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, Markup):
        return value.striptags()
    return str(value)


def _join(texts: list[Text]) -> Text:
    lang = next((t.lang for t in texts if t.fallback), None)
    return Text(", ".join(t.plain for t in texts), lang)


__all__ = ["Text", "View", "Change", "localized", "STATUSES", "NOT_ASSESSED"]
