"""Open data: the road map as JSON (valid against its JSON Schema) and CSV, in every language,
linked from the Data page."""

import csv
import io
import json

from jsonschema import Draft202012Validator

from conftest import LANGUAGES, page
from roadmap_html import parse


def test_every_json_export_validates_against_the_schema(site):
    schema = json.loads((site / "data" / "roadmap.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for lang in LANGUAGES:
        data = json.loads((site / "data" / f"roadmap.{lang}.json").read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (lang, errors[:3])
        assert data["language"] == lang
        assert len(data["milestones"]) == 30 and len(data["tasks"]) == 30
        assert len(data["stages"]) == 4 and len(data["directions"]) == 9
        assert len(data["vision"]["goals"]) == 6
        assert {m["task"] for m in data["milestones"]} == {t["id"] for t in data["tasks"]}
        if lang == "en":
            assert data["untranslated"] == []


def test_the_csv_files_have_one_row_per_milestone_and_task(site):
    for lang in LANGUAGES:
        raw = (site / "data" / f"roadmap-tasks.{lang}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8, as the Data page says
        tasks = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
        assert len(tasks) == 30
        assert tasks[0]["id"] == "task-definition-key-terms"
        milestones = list(csv.DictReader(io.StringIO(
            (site / "data" / f"roadmap-milestones.{lang}.csv").read_text(encoding="utf-8"))))
        assert len(milestones) == 30
        assert {m["task"] for m in milestones} == {t["id"] for t in tasks}
    en = list(csv.DictReader(io.StringIO((site / "data" / "roadmap-tasks.en.csv").read_text(encoding="utf-8"))))
    row = next(r for r in en if r["id"] == "task-finance-needs-research")
    assert row["examples"] == "Creative England; KOCCA - Korean Creative Content Agency"
    assert row["stage"] == "analysis" and row["years"] == "1"


def test_the_data_page_links_to_every_file(site):
    for lang in ["en", "ru"]:
        root = parse(page(site, lang, "road-map/data/"))
        links = [a.attrs["href"] for a in root.find_all("a") if "download" in a.attrs]
        prefix = "../../" if lang == "en" else "../../../"
        for code in LANGUAGES:
            for name in [f"roadmap.{code}.json", f"roadmap-milestones.{code}.csv", f"roadmap-tasks.{code}.csv"]:
                assert prefix + "data/" + name in links
        assert prefix + "data/roadmap.schema.json" in links
        first = root.find("table", class_="roadmap-downloads").find("tbody").find("tr")
        assert first.attrs["data-lang"] == lang  # the reader's language first
