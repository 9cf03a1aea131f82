"""The road map as data: read data/*.yml and data/i18n/*.yml, check them, keep them.

`load(data_dir)` reads and checks everything once per process (again only when a file changes,
as under `mkdocs serve`) and returns a `Roadmap`, or raises `DataError` listing every problem
found, each with its file, line, key, what is wrong and how to fix it.

English is the source: data/stages.yml, directions.yml, milestones.yml, tasks.yml,
organisations.yml and vision.yml. Translations live in data/i18n/<language>.yml, keyed by the
same ids (`tasks: {task-culture-media-section: {text: ...}}`), next to the interface strings
under `ui:`. A string missing from a translation falls back to English.
"""

import json
import os
import re
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nh3
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from roadmap import project
from roadmap.yamlfile import Map, Problem, Seq, read

SCHEMAS = Path(__file__).parent / "schemas"
DEFAULT = "en"  # the source language: data/*.yml are English


@dataclass(frozen=True)
class Section:
    """One English data file and what a translation may translate in it."""

    name: str  # the file's name without .yml, and its key in a translation file
    noun: str  # what one entry is called, in messages: "task"
    translatable: tuple[str, ...]


SECTIONS = [
    Section("stages", "stage", ("name", "key_message")),
    Section("directions", "direction", ("name", "label")),
    Section("milestones", "milestone", ("text",)),
    Section("tasks", "task", ("priority", "text", "persons_involved", "results", "indicators")),
    Section("organisations", "organisation", ("name",)),
    Section("vision", "vision goal", ("text",)),
    Section("glossary", "glossary term", ("term", "abbreviation", "definition", "note")),
    Section("changes", "change", ("what",)),  # the changes to the text, in data/edition.yml
    # The countries' own texts (data/countries/<country>.yml), keyed <country>-<fact or entry id>
    Section("countries", "country text", ("fact", "note", "result")),
]
SECTION = {s.name: s for s in SECTIONS}
FILE_OF = {"changes": "edition", "countries": "countries/<country>"}  # sections kept in another file than <section>.yml


class DataError(Exception):
    """The data has problems; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(eq=False)  # compared and hashed by identity: one per loaded state of the files
class Roadmap:
    """The checked road map: English entries by id (in file order) and the translations."""

    data_dir: Path
    languages: tuple[str, ...]  # the languages loaded (English first)
    stages: dict[str, Map]
    directions: dict[str, Map]
    milestones: dict[str, Map]
    tasks: dict[str, Map]
    organisations: dict[str, Map]
    vision: Map
    glossary: dict[str, Map]
    edition: Map  # data/edition.yml
    # (section, id, field) -> text, in English and in each other language
    english: dict[tuple[str, str, str], str]
    translations: dict[str, dict[tuple[str, str, str], str]] = field(default_factory=dict)
    status: dict[str, str | None] = field(default_factory=dict)  # translation: machine-draft
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> section -> English hash
    ui: dict[str, dict[str, str]] = field(default_factory=dict)  # interface strings by language
    avoid: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang -> term id -> variants
    countries: list = field(default_factory=list)  # roadmap.countries.Country, in file order

    def text(self, lang: str, section: str, id: str, field: str) -> tuple[str, str]:
        """(text, language of the text): the translation, or the English text when there is none."""
        key = (section, id, field)
        translated = self.translations.get(lang, {}).get(key)
        if translated is not None:
            return translated, lang
        return self.english[key], DEFAULT

    def untranslated(self, lang: str) -> list[tuple[str, str, str]]:
        """The strings `lang` does not have yet (shown in English): road map strings keyed
        (section, id, field) and interface strings keyed ("ui", key, "")."""
        if lang == DEFAULT:
            return []
        have = self.translations.get(lang, {})
        missing = [key for key in self.english if key not in have]
        ui = self.ui.get(lang, {})
        return missing + [("ui", key, "") for key in self.ui[DEFAULT] if key not in ui]

    def counts(self) -> dict[str, int]:
        return {
            "stages": len(self.stages),
            "directions": len(self.directions),
            "milestones": len(self.milestones),
            "tasks": len(self.tasks),
            "vision goals": len(self.vision["goals"]),
            "organisations": len(self.organisations),
            "glossary terms": len(self.glossary),
            "countries": len(self.countries),
        }


def load(data_dir: Path, languages=None) -> Roadmap:
    """The road map in `data_dir` with the translations of `languages` (default: every language
    of mkdocs.yml), read and checked once while its files stay unchanged."""
    data_dir = Path(data_dir).resolve()
    known = tuple(project.codes(data_dir.parent)) if (data_dir.parent / "mkdocs.yml").exists() else (DEFAULT,)
    wanted = tuple(dict.fromkeys([DEFAULT, *(languages or known)]))
    return _load(data_dir, known, wanted, _stamp(data_dir))


def _stamp(folder: Path) -> tuple:
    """Every .yml file under `folder` with its time and size (called for every page: os.scandir
    reads both in the listing, where Path.rglob and stat cost ten times more)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                found.extend(_stamp(Path(entry.path)))
            elif entry.name.endswith(".yml"):
                info = entry.stat()
                found.append((entry.path, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


@cache
def _load(data_dir: Path, known, wanted, stamp) -> Roadmap:
    return _Checker(data_dir, known, wanted).run()


# --- reading and checking ---------------------------------------------------------------------


class _Checker:
    def __init__(self, data_dir: Path, known=(DEFAULT,), wanted=(DEFAULT,)):
        self.data_dir = data_dir
        self.known = known  # every language of the site
        self.wanted = wanted  # the languages to read and check
        self.root = data_dir.parent
        self.problems: list[Problem] = []
        self.registry = _registry()
        self.readable: dict[str, bool] = {}
        self.vision = None

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def file(self, section: str) -> str:
        return self.shown(self.data_dir / f"{FILE_OF.get(section, section)}.yml")

    def check_edition(self, edition: Map):
        editions = [e["id"] for e in edition["editions"]]
        for change in edition.get("changes") or []:
            if change["edition"] not in editions:
                self.add(self.file("edition"), change.line_of("edition"),
                         f'change "{change["id"]}", key "edition": there is no edition "{change["edition"]}". '
                         f"The editions are: {', '.join(editions)}.")
            if change["reason"] == "proposal" and not change.get("proposal"):
                self.add(self.file("edition"), change.line_of("reason"),
                         f'change "{change["id"]}": a change made on a proposal names it: add '
                         "`proposal:` with the number of its issue (or e-mail) in the review.")

    def add(self, file: str, line: int | None, message: str):
        self.problems.append(Problem(file, line, message))

    def run(self) -> Roadmap:
        from roadmap import countries  # country files are checked against the road map

        content, every, good = {}, {}, {}
        edition, _ = self.read_valid(self.data_dir / "edition.yml", "edition")
        for section in SECTIONS:
            if section.name == "changes":
                content[section.name] = edition.get("changes") if edition is not None else None
                bad = set()
            elif section.name == "countries":  # data/countries/*.yml: read below
                content[section.name], bad = [], set()
            else:
                content[section.name], bad = self.read_valid(self.data_dir / f"{section.name}.yml", section.name)
            self.readable[section.name] = content[section.name] is not None
            every[section.name], good[section.name] = self.by_id(section.name, content[section.name] or [], bad)
        self.vision = content["vision"]
        if edition is not None:
            self.check_edition(edition)
        self.check_references(every, good)
        english = _english_strings(good, content["vision"])
        roadmap = None
        if not self.problems:  # the countries are checked against a sound road map only
            roadmap = Roadmap(
                data_dir=self.data_dir,
                languages=self.wanted,
                stages=good["stages"],
                directions=good["directions"],
                milestones=good["milestones"],
                tasks=good["tasks"],
                organisations=good["organisations"],
                vision=content["vision"],
                glossary=good["glossary"],
                edition=edition,
                english=english,
            )
            roadmap.countries, found = countries.read_all(self.root, roadmap)
            self.problems += found
            for key, text in countries.strings(roadmap.countries).items():
                english[key] = text
                every["countries"][key[1]] = Map()
        self.readable["countries"] = roadmap is not None
        translations, status, sources, ui, avoid = self.read_translations(content, every, english)
        if roadmap is not None:
            roadmap.translations, roadmap.status, roadmap.sources = translations, status, sources
            roadmap.ui, roadmap.avoid = ui, avoid
        if self.problems:
            raise DataError(sorted(set(self.problems), key=lambda p: (p.file, p.line or 0, p.message)))
        return roadmap

    def read_valid(self, path: Path, schema_name: str):
        """(content, indexes of the entries that do not fit the schema); content is None when the
        file cannot be read or its whole shape is wrong. Every problem is noted."""
        shown = self.shown(path)
        content, problems = read(path, shown)
        self.problems += problems
        if content is None:
            return None, set()
        validator = Draft202012Validator(_schema(schema_name), registry=self.registry)
        errors = sorted(validator.iter_errors(content), key=lambda e: list(map(str, e.absolute_path)))
        bad, whole = set(), False
        for error in errors:
            self.add(shown, *_explain(error, content, SECTION.get(schema_name)))
            path = list(error.absolute_path)
            if isinstance(content, list) and path:
                bad.add(path[0])
            elif not path or schema_name == "vision":
                whole = True  # the shape of the whole file is wrong (vision.yml: any problem)
        # A translation with problems in some entries is still read: translated() skips them.
        return (None, set()) if whole else (content, bad)

    def by_id(self, name: str, content, bad: set[int]) -> tuple[dict[str, Map], dict[str, Map]]:
        """(every entry that has an id, the entries that also fit the schema), by id.
        A repeated id is a problem."""
        if content is None:
            return {}, {}
        items = content["goals"] if name == "vision" else content
        every: dict[str, Map] = {}
        good: dict[str, Map] = {}
        for n, item in enumerate(items):
            id = _id_of(item)
            if id is None:
                continue
            if id in every:
                noun = SECTION[name].noun
                self.add(self.file(name), item.line_of("id"),
                         f'{noun} "{id}", key "id": the id "{id}" is used twice (first on line '
                         f'{every[id].line_of("id")}). Every {noun} needs its own id: rename one '
                         "of them (ids are permalinks: keep the one that was published first).")
                continue
            every[id] = item
            if n not in bad:
                good[id] = item
        return every, good

    def check_references(self, every: dict[str, dict[str, Map]], good: dict[str, dict[str, Map]]):
        """Ids that refer to other entries must exist and agree. Entries that do not fit their
        schema are already reported: they are looked up, never checked themselves; references to
        a file that cannot be read are not checked at all."""
        readable = {name for name in every if self.readable[name]}
        stages, milestones, tasks = good["stages"], good["milestones"], good["tasks"]

        def exists(section, item, key, value, hint=None) -> bool:
            if section not in readable or value in every[section]:
                return True
            noun = SECTION[section].noun
            known = ", ".join(every[section])
            self.add(self.file(_section_of(item, every)), _line_in(item, key, value),
                     f'{_label(item, every)}, key "{key}": unknown {noun} "{value}". '
                     + (hint or f"Known {noun}s: {known}. Fix the spelling or add the {noun} to "
                        f"{self.file(section)}."))
            return False

        # Stages share out the five columns of the flowchart: each column to exactly one stage.
        owner: dict[int, str] = {}
        for id, stage in stages.items():
            for column in stage["columns"]:
                if column in owner:
                    self.add(self.file("stages"), stage.line_of("columns"),
                             f'stage "{id}", key "columns": column {column} already belongs to '
                             f'stage "{owner[column]}". Each column of the flowchart belongs to '
                             "one stage: remove it from one of the two.")
                owner.setdefault(column, id)
        if len(stages) == len(every["stages"]) and "stages" in readable:
            for column in range(1, 6):
                if column not in owner:
                    self.add(self.file("stages"), None,
                             f"no stage has column {column} of the flowchart. Add it to the "
                             "`columns` of the stage it belongs to.")

        cells: dict[tuple[str, int], str] = {}
        for id, milestone in milestones.items():
            if not exists("directions", milestone, "direction", milestone["direction"]):
                continue
            cell = (milestone["direction"], milestone["column"])
            if cell in cells:
                self.add(self.file("milestones"), milestone.line_of("column"),
                         f'milestone "{id}", key "column": the flowchart cell of direction '
                         f'"{cell[0]}", column {cell[1]} already holds milestone "{cells[cell]}". '
                         "Each cell holds one milestone: check the direction and the column.")
            cells.setdefault(cell, id)

        vision = self.vision
        if vision is not None:
            rule = vision["success_rule"]
            if rule["of_goals"] != len(vision["goals"]):
                self.add(self.file("vision"), rule.line_of("of_goals"),
                         f'key "success_rule" → "of_goals": it says {rule["of_goals"]} goals, but '
                         f'the vision has {len(vision["goals"])}. Make the two agree.')
            if rule["goals"] > rule["of_goals"] or rule["countries"] > rule["of_countries"]:
                self.add(self.file("vision"), rule.line,
                         'key "success_rule": it asks for more goals or countries than there are. '
                         "Check the numbers.")

        served: dict[str, str] = {}
        for id, task in tasks.items():
            file = self.file("tasks")
            exists("stages", task, "stage", task["stage"])
            exists("directions", task, "direction", task["direction"])
            same_direction = ", ".join(m for m, v in milestones.items() if v["direction"] == task["direction"])
            exists("milestones", task, "milestone", task["milestone"],
                   f"Copy the id of the milestone this task serves from {self.file('milestones')} "
                   f"(milestones of direction \"{task['direction']}\": {same_direction or 'none'}).")
            milestone = milestones.get(task["milestone"])
            if milestone is not None:
                if milestone["direction"] != task["direction"]:
                    self.add(file, task.line_of("direction"),
                             f'task "{id}", key "direction": the task is in direction '
                             f'"{task["direction"]}" but its milestone "{task["milestone"]}" is in '
                             f'direction "{milestone["direction"]}". Change one of the two so that '
                             "they agree.")
                column = milestone["column"]
                if task["stage"] in stages and column in owner and column not in stages[task["stage"]]["columns"]:
                    self.add(file, task.line_of("stage"),
                             f'task "{id}", key "stage": the task is in stage "{task["stage"]}" but '
                             f'its milestone "{task["milestone"]}" is in column {column} of the '
                             f'flowchart, which belongs to stage "{owner[column]}". Change the stage '
                             f'to "{owner[column]}", or choose a milestone of stage "{task["stage"]}".')
                if task["milestone"] in served:
                    self.add(file, task.line_of("milestone"),
                             f'task "{id}", key "milestone": milestone "{task["milestone"]}" is '
                             f'already served by task "{served[task["milestone"]]}". Each milestone '
                             "has one task: check the milestone's id.")
                served.setdefault(task["milestone"], id)
            for key, role in (("actors", "involved"), ("examples", "example")):
                for ref in task.get(key, []):
                    if not exists("organisations", task, key, ref,
                                  f"Fix the spelling (ids are listed in {self.file('organisations')}) "
                                  f"or add it there with role: {role}."):
                        continue
                    org = good["organisations"].get(ref)
                    if org is not None and org["role"] != role:
                        self.add(file, _line_in(task, key, ref),
                                 f'task "{id}", key "{key}": organisation "{ref}" has role '
                                 f'"{org["role"]}" in {self.file("organisations")}, but {key} lists '
                                 f"organisations with role {role}. Use the right list or fix the role.")

    def read_translations(self, content, every, english):
        translations: dict[str, dict] = {}
        status: dict[str, str | None] = {}
        sources: dict[str, dict[str, str]] = {}
        ui_maps: dict[str, tuple[str, Map]] = {}
        ui_texts: dict[str, dict[str, str]] = {}
        avoid: dict[str, dict[str, list[str]]] = {}
        english_ui: Map | None = None
        raw: dict[str, Map] = {}  # each translation file as read, for the lines of its texts
        i18n = self.data_dir / "i18n"
        for path in sorted(i18n.glob("*.yml")) if i18n.is_dir() else []:
            lang = path.stem
            shown = self.shown(path)
            if lang not in self.known:
                self.add(shown, None,
                         f'"{lang}" is not a language of the site ({", ".join(self.known)}). '
                         "Name the file after one of them, such as ru.yml, or add the language "
                         "to mkdocs.yml.")
                continue
            if lang not in self.wanted:
                continue  # not built now (a one-language preview): neither read nor checked
            strings, _ = self.read_valid(path, "translation")
            if strings is None:
                continue
            ui = strings.get("ui") if isinstance(strings.get("ui"), Map) else Map()
            ui_maps[lang] = (shown, ui)
            ui_texts[lang] = {k: v for k, v in ui.items() if isinstance(v, str) and v.strip()}
            avoid[lang] = {id: list(fields.get("avoid") or []) for id, fields in (strings.get("glossary") or {}).items()
                           if isinstance(fields, Map)}
            if lang == DEFAULT:
                english_ui = ui
                for name in strings:
                    if name in SECTION:
                        self.add(shown, strings.line_of(name),
                                 f'section "{name}": the English texts of the road map live in '
                                 f"{self.file(name)}, not here. Move them there.")
                continue
            status[lang] = strings.get("translation")
            sources[lang] = dict(strings.get("sources") or {})
            translations[lang] = self.translated(shown, strings, every, english)
            raw[lang] = strings
        if english_ui is None:
            self.add(self.shown(i18n / "en.yml"), None,
                     "the file is missing or unreadable: it holds the English interface strings "
                     "that every other language translates. Restore it from the project.")
            english_ui = Map()
        for lang, (shown, ui) in ui_maps.items():
            for key, text in ui.items():
                if lang != DEFAULT and key not in english_ui:
                    self.add(shown, ui.line_of(key),
                             f'ui → "{key}": there is no interface string "{key}" in English '
                             f"({self.shown(i18n / 'en.yml')}). Check the spelling of the key, or "
                             "remove the line.")
                    continue
                if isinstance(text, str):
                    self.check_text(shown, ui.line_of(key), f'ui → "{key}"', text,
                                    english_ui.get(key) if lang != DEFAULT else None)
        for lang, strings in translations.items():
            shown = self.shown(i18n / f"{lang}.yml")
            for (section, id, f), text in strings.items():
                self.check_text(shown, _line_of(raw[lang].get(section), id, f), f'{section} → "{id}" → "{f}"',
                                text, english.get((section, id, f)))
        for key, text in english.items():
            self.check_text(self.file(key[0]), _line_of(every.get(key[0]), key[1], key[2]),
                            f'{key[0]} "{key[1]}", key "{key[2]}"', text, None)
        return translations, status, sources, ui_texts, avoid

    def check_text(self, shown: str, line, where: str, text: str, english: str | None):
        """A text is printed on pages and in PDFs: it must be plain text (no HTML), and a
        translation must keep the English text's {placeholders}."""
        if nh3.is_html(text):
            self.add(shown, line,
                     f"{where}: the text contains HTML ({_first_tag(text)}). Texts are published as "
                     "plain text: remove the markup (write a link's address as plain text, "
                     "emphasis without tags).")
        if english is not None:
            wanted, found = _placeholders(english), _placeholders(text)
            if found - wanted:
                self.add(shown, line,
                         f"{where}: the placeholder(s) {', '.join('{' + p + '}' for p in sorted(found - wanted))} "
                         f"are not in the English text (it has: {', '.join('{' + p + '}' for p in sorted(wanted)) or 'none'}). "
                         "Copy the placeholders from the English text unchanged; only the words "
                         "around them are translated.")

    def translated(self, shown: str, strings: Map, every, english) -> dict:
        """The strings of one translation file, keyed (section, id, field); ids and fields that
        English does not have are problems."""
        result = {}
        for name, section in SECTION.items():
            if not self.readable[name]:
                continue  # the English file has problems of its own
            known = set(every[name]) | ({"intro", "success-rule"} if name == "vision" else set())
            entries = strings.get(name)
            for id, fields in entries.items() if isinstance(entries, Map) else ():
                if id not in known:
                    self.add(shown, entries.line_of(id),
                             f'{name} → "{id}": there is no {section.noun} "{id}" in English '
                             f"({self.file(name)}). Check the spelling of the id (copy it from "
                             f"{self.file(name)}), or remove this entry.")
                    continue
                if not isinstance(fields, Map):
                    continue  # reported by the schema
                for f, text in fields.items():
                    if not isinstance(text, str) or not text.strip() or f not in section.translatable:
                        continue  # reported by the schema
                    if (name, id, f) in english or (name, f) == ("glossary", "note"):
                        result[(name, id, f)] = text  # a glossary note may be the translator's own
                    elif any((name, id, g) in english for g in section.translatable):
                        self.add(shown, fields.line_of(f),
                                 f'{name} → "{id}" → "{f}": the English {section.noun} has no '
                                 f'"{f}" to translate. Remove this line.')
        return result


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # an unpaired brace: reported as a placeholder of its own
        return {"unpaired { or }"}


def _first_tag(text: str) -> str:
    match = re.search(r"<[^>]{0,40}>?", text)
    return f"“{match.group(0)}”" if match else "a tag"


def _section_of(item, every) -> str:
    return next(name for name, items in every.items() if any(i is item for i in items.values()))


def _label(item, every) -> str:
    return f'{SECTION[_section_of(item, every)].noun} "{item["id"]}"'


def _line_in(item: Map, key: str, value) -> int:
    """The line of `value` in the list `item[key]`, or of the key itself."""
    values = item.get(key)
    if isinstance(values, Seq) and value in values:
        return values.line_of(values.index(value))
    return item.line_of(key)


def _line_of(entries, id: str, field: str) -> int | None:
    """The line of `field` in the entry `id` of a section as read (None when it is not known)."""
    entry = entries.get(id) if isinstance(entries, dict) else None
    return (entry.line_of(field) or None) if isinstance(entry, Map) else None


def _english_strings(good, vision) -> dict[tuple[str, str, str], str]:
    """Every translatable English string, keyed (section, id, field)."""
    strings = {}
    for section in SECTIONS:
        items = list(good[section.name].items())
        if section.name == "vision" and vision is not None:
            items += [("intro", {"text": vision["intro"]}), ("success-rule", vision["success_rule"])]
        for id, item in items:
            for f in section.translatable:
                if f in item:
                    strings[(section.name, id, f)] = item[f]
    return strings


@cache
def _schema(name: str) -> dict:
    """roadmap/schemas/<name>.json with each plain reference (an object holding only `$ref`, or
    `$ref` and the description a reader of the schema sees) replaced by what it names: the same
    checks and the same messages (an error inside a reference names the referenced schema), without
    a reference lookup for every string of every translation."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return _inline(schema, _registry().resolver(schema["$id"]), schema["$id"])


def _inline(node, resolver, document: str, root: bool = True):
    if isinstance(node, list):
        return [_inline(item, resolver, document, root) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and set(node) <= {"$ref", "description", "title"}:
        resolved = resolver.lookup(node["$ref"])
        return _inline(resolved.contents, resolved.resolver, document, root=False)
    if "$ref" in node and not root:  # it would be read against the wrong document
        raise ValueError(f"{document}: a reference beside other keys in a referenced schema: {node}")
    return {key: _inline(value, resolver, document, root) for key, value in node.items()}


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


# --- schema errors in plain words -------------------------------------------------------------


def _explain(error, content, section: Section | None) -> tuple[int | None, str]:
    """(line, message) for one schema error."""
    path = list(error.absolute_path)
    where, rest = _where(path, content, section)
    parent, last = _walk(content, path)
    instance = error.instance
    schema = error.schema
    described = schema.get("description", "")

    if error.validator == "required":
        missing = error.message.split("'")[1]
        line = _line(content, path)
        return line, f'{where}: the required key "{missing}" is missing. Add it ({_allowed(schema)}).'
    if error.validator == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        line = instance.line_of(extra[0]) if isinstance(instance, Map) else _line(content, path)
        keys = ", ".join(f'"{k}"' for k in extra)
        return line, (f"{where}: unknown key {keys}. Allowed here: {', '.join(schema.get('properties', {}))}. "
                      "Check the spelling, or remove the key.")
    if error.validator == "propertyNames":
        node = _node(content, path)
        line = node.line_of(instance) if isinstance(node, Map) else _line(content, path)
        return line, (f'{where}: "{instance}" is not a valid id: use lowercase Latin letters, '
                      'digits and hyphens only, such as "culture-media-section".')

    line = _line(content, path)
    if error.validator == "pattern" and schema.get("pattern") == "\\S":
        return line, (f"{where}: the text is empty. Write the text (in a translation file you can "
                      "instead remove the line, and the English text will be shown).")
    if error.validator == "pattern":
        return line, f'{where}: "{instance}" is not valid: it should be {described}.'
    if error.validator in ("type", "minimum", "maximum", "enum"):
        return line, f"{where}: should be {described or _type_words(schema)}, but it is {_describe(instance)}."
    if error.validator == "uniqueItems":
        return line, f"{where}: the list names the same value twice. Remove the repeated one."
    if error.validator == "minItems":
        return line, f"{where}: the list is empty. It should be {described or 'a list with at least one item'}."
    return line, f"{where}: {error.message}."  # pragma: no cover - not used by our schemas


def _where(path: list, content, section: Section | None) -> tuple[str, list]:
    """'task "task-x", key "stage"' for a path into a data file."""
    parts = []
    rest = list(path)
    if section is not None and section.name != "vision" and rest and isinstance(rest[0], int):
        item = content[rest[0]] if isinstance(content, list) and rest[0] < len(content) else None
        label = _id_of(item) or f"number {rest[0] + 1}"
        parts.append(f'{section.noun} "{label}"' if _id_of(item) else f"{section.noun} {label}")
        rest = rest[1:]
    elif section is not None and section.name == "vision" and rest[:1] == ["goals"] and len(rest) > 1:
        item = content["goals"][rest[1]]
        parts.append(f'vision goal "{_id_of(item)}"' if _id_of(item) else f"vision goal number {rest[1] + 1}")
        rest = rest[2:]
    if rest:
        keys = [f"item {k + 1}" if isinstance(k, int) else f'"{k}"' for k in rest]
        if section is None:  # a translation file: tasks → "task-x" → "text"
            keys[0] = str(rest[0])
        parts.append(("key " if section is not None else "") + " → ".join(keys))
    if not parts:
        parts.append("the file" if section is None else f"the file (a list of {section.name})")
    return ", ".join(parts), rest


def _id_of(item) -> str | None:
    return item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _node(content, path):
    node = content
    for key in path:
        node = node[key]
    return node


def _walk(content, path):
    if not path:
        return None, None
    return _node(content, path[:-1]), path[-1]


def _line(content, path) -> int | None:
    """The line where the value at `path` is written."""
    if not path:
        return getattr(content, "line", None) or None
    parent, last = _walk(content, path)
    if isinstance(parent, (Map, Seq)):
        return parent.line_of(last)
    return None


def _allowed(schema) -> str:
    required = schema.get("required", [])
    return "required keys here: " + ", ".join(required)


def _type_words(schema) -> str:
    return {
        "string": "a text",
        "integer": "a whole number",
        "array": "a list",
        "object": "a group of keys",
        "boolean": "true or false",
    }.get(schema.get("type"), str(schema.get("type") or schema.get("enum")))


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"' if value.strip() else "an empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys (" + ", ".join(map(str, value)) + ")"
    return repr(value)  # pragma: no cover
