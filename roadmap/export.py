"""The road map as open data: JSON (with its JSON Schema) and CSV, in one language.

File names, in the site's `data/` folder:
    roadmap.<lang>.json             everything: stages, directions, milestones, tasks, vision
    roadmap-milestones.<lang>.csv   one row per milestone
    roadmap-tasks.<lang>.csv        one row per task
    roadmap.schema.json             the JSON Schema (draft 2020-12) of the JSON files
CSV files are plain UTF-8 (no byte order mark), comma-separated, with a header row; several
values in one cell are separated by "; ".
"""

import csv
import io
import json
from pathlib import Path

from roadmap.localized import View

SCHEMA = Path(__file__).parent / "schemas" / "export.json"
FOLDER = "data"


def file_names(lang: str) -> dict[str, str]:
    return {
        "json": f"{FOLDER}/roadmap.{lang}.json",
        "milestones": f"{FOLDER}/roadmap-milestones.{lang}.csv",
        "tasks": f"{FOLDER}/roadmap-tasks.{lang}.csv",
    }


SCHEMA_NAME = f"{FOLDER}/roadmap.schema.json"


def as_json(view: View, untranslated: list[tuple[str, str, str]]) -> dict:
    s = str
    return {
        "$schema": "https://creativecentral.asia/data/roadmap.schema.json",
        "language": view.lang,
        "draft_translation": view.draft,
        "licence": {"name": view.edition["licence"]["name"], "url": view.edition["licence"]["url"]},
        "edition": {"version": view.edition["version"], "date": view.edition["date"]},
        # the road map's own strings still in English (not the site's interface strings)
        "untranslated": ["/".join(key) for key in untranslated if key[0] not in ("ui", "glossary", "changes", "countries")],
        "stages": [
            {"id": st.id, "number": st.number, "name": s(st.name),
             "key_message": s(st.key_message), "columns": st.columns}
            for st in view.stages
        ],
        "directions": [
            {"id": d.id, "number": d.number, "name": s(d.name), "label": s(d.label)}
            for d in view.directions
        ],
        "milestones": [
            {"id": m.id, "code": m.code, "direction": m.direction.id, "column": m.column, "stage": m.stage.id,
             "text": s(m.text), "task": m.task.id if m.task else None}
            for m in view.milestones
        ],
        "tasks": [
            {"id": t.id, "code": t.code, "number": t.number, "stage": t.stage.id, "direction": t.direction.id,
             "milestone": t.milestone.id, "years": t.years, "priority": s(t.priority), "text": s(t.text),
             "persons_involved": s(t.persons_involved), "actors": [a.id for a in t.actors],
             "results": s(t.results), "indicators": s(t.indicators),
             "examples": [e.id for e in t.examples]}
            for t in view.tasks
        ],
        "organisations": [
            {"id": o.id, "name": s(o.name), "role": o.role, "unreadable": o.unreadable}
            for o in view.organisations.values()
        ],
        "vision": {
            "intro": s(view.vision_intro),
            "goals": [{"id": g.id, "text": s(g.text)} for g in view.goals],
            "success_rule": {k: (s(v) if k == "text" else v) for k, v in view.success_rule.items()},
        },
    }


def json_text(view: View, untranslated) -> str:
    return json.dumps(as_json(view, untranslated), ensure_ascii=False, indent=2) + "\n"


def milestones_csv(view: View) -> str:
    return _csv(
        ["id", "code", "direction", "direction_name", "column", "stage", "stage_name", "text", "task", "task_text"],
        [
            [m.id, m.code, m.direction.id, m.direction.label, m.column, m.stage.id, m.stage.name, m.text,
             m.task.id if m.task else "", m.task.text if m.task else ""]
            for m in view.milestones
        ],
    )


def tasks_csv(view: View) -> str:
    return _csv(
        ["id", "code", "number", "stage", "stage_name", "direction", "direction_name", "milestone",
         "milestone_text", "years", "priority", "text", "persons_involved", "actors", "results",
         "indicators", "examples"],
        [
            [t.id, t.code, t.number, t.stage.id, t.stage.name, t.direction.id, t.direction.label,
             t.milestone.id, t.milestone.text, " ".join(map(str, t.years)), t.priority, t.text,
             t.persons_involved, "; ".join(str(a.name) for a in t.actors), t.results, t.indicators,
             "; ".join(str(e.name) for e in t.examples)]
            for t in view.tasks
        ],
    )


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[str(v) for v in row] for row in rows])
    return out.getvalue()
