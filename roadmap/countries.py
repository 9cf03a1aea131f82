"""The countries' road maps: data/countries/<country>.yml, read and checked.

Green Paper, chapter 2.3: each country's initiative group adapts the model road map. It marks
which milestones are done or not needed, revises the timeline, assigns responsible organisations,
adjusts the expected results, and publishes the result. One file per country holds all of that,
plus the status of each 2026 vision goal (chapter 1.2) and a short country profile (chapter 1.1).

Honesty first: every status is "not assessed" unless a source supports it. Any other status
without evidence (a source and its date) is refused, with the file and the line.

`roadmap.data.load()` reads these files with the rest of the data (`Roadmap.countries`) and
reports their problems with the others.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator

from roadmap import data as roadmap_data
from roadmap.data import Roadmap
from roadmap.yamlfile import Map, Problem, read

FOLDER = "countries"  # data/countries/
SCHEMA = "country"  # roadmap/schemas/country.json
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Entry:
    """The status of one milestone (with its task) or one vision goal in one country."""

    id: str
    status: str
    line: int = 0
    year: int | None = None  # revised year (milestones only)
    responsible: list[str] = field(default_factory=list)  # organisation ids or names
    result: str | None = None  # adjusted expected result
    evidence: list[Map] = field(default_factory=list)
    reviewed: str | None = None
    note: str | None = None

    @property
    def assessed(self) -> bool:
        return self.status != NOT_ASSESSED


@dataclass
class Country:
    id: str
    name: str
    file: str  # as shown to people: data/countries/kazakhstan.yml
    reviewed: str
    initiative_group: str | None
    profile: list[Map]
    milestones: dict[str, Entry]  # every milestone of the road map, in the road map's order
    vision: dict[str, Entry]  # every vision goal, in the vision's order

    def count(self, status: str, milestone_ids=None) -> int:
        ids = self.milestones if milestone_ids is None else milestone_ids
        return sum(1 for id in ids if self.milestones[id].status == status)


def read_all(root: Path, roadmap: Roadmap) -> tuple[list[Country], list[Problem]]:
    """The countries of data/countries/ and every problem found in them (roadmap.data.load
    calls this once the road map itself is checked; use `roadmap.countries` of its result)."""
    return _read_folder(Path(root), roadmap)


def strings(countries: list[Country]) -> dict[tuple[str, str, str], str]:
    """The countries' texts that translations translate, keyed ("countries", "<country>-<id>",
    field): each profile fact, and the note and adjusted result of each milestone or goal."""
    found = {}
    for country in countries:
        for fact in country.profile:
            found[("countries", f"{country.id}-{fact['id']}", "fact")] = fact["fact"]
        for entry in [*country.milestones.values(), *country.vision.values()]:
            for field_name in ("note", "result"):
                if getattr(entry, field_name):
                    found[("countries", f"{country.id}-{entry.id}", field_name)] = getattr(entry, field_name)
    return found


def _read_folder(root: Path, roadmap: Roadmap) -> tuple[list[Country], list[Problem]]:
    folder = root / "data" / FOLDER
    shown_folder = f"data/{FOLDER}/"
    paths = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    countries, found = [], []
    for path in paths:
        country, file_problems = _read(path, f"{shown_folder}{path.name}", roadmap)
        found += file_problems
        if country is not None:
            countries.append(country)
    expected = roadmap.vision["success_rule"]["of_countries"]
    if len(paths) != expected:
        found.append(Problem(shown_folder, None,
                             f"there are {len(paths)} country files, but the 2026 vision "
                             f"(data/vision.yml, success_rule → of_countries) counts {expected} "
                             "countries. Add or remove a country file, or correct the number."))
    return countries, sorted(found, key=lambda p: (p.file, p.line or 0))


def _read(path: Path, shown: str, roadmap: Roadmap) -> tuple[Country | None, list[Problem]]:
    content, found = read(path, shown)
    if content is None:
        return None, found
    validator = Draft202012Validator(roadmap_data._schema(SCHEMA), registry=roadmap_data._registry())
    errors = sorted(validator.iter_errors(content), key=lambda e: list(map(str, e.absolute_path)))
    bad, whole = set(), False  # entries that do not fit the schema are reported, not checked
    for error in errors:
        line, message = roadmap_data._explain(error, content, None)
        found.append(Problem(shown, line, message))
        where = list(error.absolute_path)
        if len(where) >= 2 and where[0] in ("milestones", "vision"):
            bad.add((where[0], where[1]))
        elif not (where and where[0] == "profile"):
            whole = True
    if whole:
        return None, found

    def problem(line, message):
        found.append(Problem(shown, line, message))

    if content["id"] != path.stem:
        problem(content.line_of("id"),
                f'key "id": the id "{content["id"]}" must be the file\'s name without ".yml" '
                f'("{path.stem}"). Rename the file or correct the id (ids are permalinks: keep the '
                "published one).")

    organisations = roadmap.organisations
    milestones: dict[str, Entry] = {}
    given = content["milestones"]
    for id, fields in given.items():
        line = given.line_of(id)
        if ("milestones", id) in bad:
            continue
        if id not in roadmap.milestones:
            task = roadmap.tasks.get(id)
            hint = (f'"{id}" is a task of the action plan; write the id of the milestone it serves, '
                    f'"{task["milestone"]}" (the entry covers the milestone and its task).'
                    if task else
                    "Copy the milestone's id from data/milestones.yml (or from the flowchart page).")
            problem(line, f'milestones → "{id}": there is no milestone "{id}" in the road map. {hint}')
            continue
        entry = _entry(id, fields, line)
        for org in entry.responsible:
            if ID.match(org) and org not in organisations:
                problem(fields["responsible"].line_of(fields["responsible"].index(org)),
                        f'milestone "{id}", key "responsible": "{org}" is not an organisation of '
                        "data/organisations.yml. Use an id from there, or write the organisation's "
                        'full name in quotes, such as "Ministry of Culture".')
        _check_evidence(problem, f'milestone "{id}"', fields, entry)
        milestones[id] = entry

    vision: dict[str, Entry] = {}
    goals = {goal["id"] for goal in roadmap.vision["goals"]}
    for id, fields in content["vision"].items():
        line = content["vision"].line_of(id)
        if ("vision", id) in bad:
            continue
        if id not in goals:
            problem(line, f'vision → "{id}": there is no vision goal "{id}" in data/vision.yml. '
                    f"The goals are: {', '.join(g['id'] for g in roadmap.vision['goals'])}.")
            continue
        entry = _entry(id, fields, line)
        _check_evidence(problem, f'vision goal "{id}"', fields, entry)
        vision[id] = entry

    country = Country(
        id=content["id"],
        name=content["name"],
        file=shown,
        reviewed=str(content["reviewed"]),
        initiative_group=content.get("initiative_group"),
        profile=list(content.get("profile") or []),
        # Milestones and goals the file does not list are "not assessed".
        milestones={id: milestones.get(id) or Entry(id, NOT_ASSESSED) for id in roadmap.milestones},
        vision={g["id"]: vision.get(g["id"]) or Entry(g["id"], NOT_ASSESSED) for g in roadmap.vision["goals"]},
    )
    return country, found


def _entry(id: str, fields: Map, line: int) -> Entry:
    return Entry(
        id=id,
        status=fields["status"],
        line=line,
        year=fields.get("year"),
        responsible=list(fields.get("responsible") or []),
        result=fields.get("result"),
        evidence=list(fields.get("evidence") or []),
        reviewed=str(fields["reviewed"]) if "reviewed" in fields else None,
        note=fields.get("note"),
    )


def _check_evidence(problem, label: str, fields: Map, entry: Entry):
    """A status other than "not assessed" needs evidence: a source and its date."""
    if entry.assessed and not entry.evidence:
        problem(fields.line_of("status"),
                f'{label}: the status "{entry.status}" needs evidence (a source and a date). Add an '
                '"evidence:" entry, or set the status back to "not assessed".')


# --- data -------------------------------------------------------------------------------------

NOT_ASSESSED = "not assessed"
# The statuses of a milestone, in the order of the legend (chapter 2.3: "which rectangles from the
# flowchart have already been implemented or do not need to be implemented").
STATUSES = ["done", "in progress", "not started", "not needed", NOT_ASSESSED]
