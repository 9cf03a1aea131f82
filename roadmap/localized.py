"""The road map in one language, ready for templates and exports.

Every text is a `Text`: in a template `{{ task.text }}` prints it escaped and, where the language
does not have it yet, wrapped in `<span lang="en">` so that readers (and screen readers) know it
is the English original; `{{ task.text.plain }}` is the bare text, for attributes.
"""

from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup, escape

from roadmap.data import Roadmap
from roadmap.languages import DEFAULT


class Text:
    __slots__ = ("plain", "lang")

    def __init__(self, plain: str, lang: str | None = None):
        self.plain = plain
        self.lang = lang  # "en" when the text is the English fallback, else None

    @property
    def fallback(self) -> bool:
        return self.lang is not None

    def __str__(self) -> str:
        return self.plain

    def __html__(self) -> str:
        if self.fallback:
            return Markup('<span lang="{}">{}</span>').format(self.lang, self.plain)
        return str(escape(self.plain))

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(self.plain)


@dataclass(eq=False)
class Stage:
    id: str
    number: int
    name: Text
    plan_heading: Text
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


@dataclass(eq=False)
class Goal:
    id: str
    text: Text


@dataclass(eq=False)
class View:
    """The road map in `lang`."""

    lang: str
    draft: bool  # `translation: machine-draft` in data/i18n/<lang>.yml, with road map strings in it
    untranslated: int  # strings shown in English for want of a translation
    stages: list[Stage]
    directions: list[Direction]
    milestones: list[Milestone]
    tasks: list[Task]
    organisations: dict[str, Organisation]
    vision_intro: Text
    goals: list[Goal]
    success_rule: dict
    _ui: dict = field(repr=False, default_factory=dict)

    def ui(self, key: str, **values) -> Text:
        """An interface string (data/i18n/<lang>.yml, `ui:`), English where it is missing."""
        text = self._ui.get(self.lang, {}).get(key)
        lang = None
        if text is None:
            text, lang = self._ui[DEFAULT][key], (DEFAULT if self.lang != DEFAULT else None)
        return Text(text.format(**values) if values else text, lang)

    def cell(self, direction: Direction, column: int) -> Milestone | None:
        return self._cells.get((direction.id, column))

    def stage_of_column(self, column: int) -> Stage:
        return next(s for s in self.stages if column in s.columns)

    def tasks_in(self, stage: Stage, direction: Direction) -> list[Task]:
        return [t for t in self.tasks if t.stage is stage and t.direction is direction]

    def actors(self) -> list[Organisation]:
        """The persons involved named by at least one task, in the order of data/organisations.yml."""
        named = {a.id for t in self.tasks for a in t.actors}
        return [o for o in self.organisations.values() if o.id in named]

    def years(self) -> list[int]:
        return sorted({y for t in self.tasks for y in t.years})

    def year_label(self, year: int) -> Text:
        return self.ui(f"roadmap_year_{year}")


@cache
def localized(roadmap: Roadmap, lang: str) -> View:
    """The road map in `lang`, built once per language and state of the data."""

    def text(section: str, id: str, field: str) -> Text:
        value, value_lang = roadmap.text(lang, section, id, field)
        return Text(value, value_lang if value_lang != lang else None)

    stages = {
        id: Stage(id, n, text("stages", id, "name"), text("stages", id, "plan_heading"),
                  text("stages", id, "key_message"), list(s["columns"]))
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
        _ui=roadmap.ui,
    )
    for n, (id, t) in enumerate(roadmap.tasks.items(), 1):
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


def _join(texts: list[Text]) -> Text:
    lang = next((t.lang for t in texts if t.fallback), None)
    return Text(", ".join(t.plain for t in texts), lang)
