"""The road map's data: the clean data passes, and each kind of broken data gets a clear message
naming the file and the line, through the Python API, the `roadmap-check` command and the build."""

import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build
from roadmap.data import DataError, load
from conftest import LANGUAGES


def test_the_data_is_complete_and_clean():
    roadmap = load(ROOT / "data")
    assert roadmap.counts()["stages"] == 4
    assert list(roadmap.directions) == ["definition", "culture", "data", "advocacy", "education",
                                        "finance", "taxes", "international-relations", "infrastructure"]
    assert len(roadmap.milestones) == 30
    assert len(roadmap.tasks) == 30
    assert len(roadmap.vision["goals"]) == 6
    # Every milestone is served by exactly one task of the same direction and stage.
    served = [t["milestone"] for t in roadmap.tasks.values()]
    assert sorted(served) == sorted(roadmap.milestones)
    for task in roadmap.tasks.values():
        milestone = roadmap.milestones[task["milestone"]]
        assert milestone["direction"] == task["direction"]
        assert milestone["column"] in roadmap.stages[task["stage"]]["columns"]
    # No extraction damage carried over (seeds README, "Known artefacts").
    text = " ".join(v for (section, _, _), v in roadmap.english.items() if section not in ("glossary", "changes"))
    for damage in ["<p>", "<ol", "Finanee", "CDGC", "CGDC", "comfort abroad", "FE environment"]:
        assert damage not in text


def test_untranslated_strings_are_counted_per_language():
    roadmap = load(ROOT / "data")
    assert roadmap.untranslated("en") == []
    for lang in LANGUAGES[1:]:
        missing = roadmap.untranslated(lang)
        ui_missing = set(roadmap.ui["en"]) - set(roadmap.ui.get(lang, {}))
        # a translation may hold more than the English (a translator's note on a glossary term)
        english_missing = set(roadmap.english) - set(roadmap.translations.get(lang, {}))
        assert len(missing) == len(english_missing) + len(ui_missing)
        assert {key for section, key, _ in missing if section == "ui"} == ui_missing


def _line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text[:index].count("\n") + 1


# Each case: (name, file, old text, new text, words the message must contain).
# The expected line is the line where the new text starts (or `line` if given).
CASES = [
    ("syntax error", "data/tasks.yml", "  text: Define key terms (CE, CEntr, CI).",
     '  text: "Define key terms (CE, CEntr, CI).', ["cannot be read", "quote"]),
    ("tab indentation", "data/milestones.yml", "  direction: culture\n  column: 3",
     "  direction: culture\n\tcolumn: 3", ["indented with a tab", "spaces"]),
    ("duplicate id", "data/tasks.yml", "- id: task-data-oked-codes",
     "- id: task-data-primary-database", ['"task-data-primary-database" is used twice']),
    ("unknown reference", "data/tasks.yml",
     "  stage: trust\n  direction: culture", "  stage: trst\n  direction: culture",
     ['unknown stage "trst"', "Known stages: analysis, trust, ambition, implementation",
      "data/stages.yml"]),
    ("unknown milestone", "data/tasks.yml", "  milestone: culture-open-days",
     "  milestone: culture-open-day", ['unknown milestone "culture-open-day"', "culture-open-days"]),
    ("unknown organisation", "data/tasks.yml", "  examples: [bekraf]", "  examples: [bekraff]",
     ['unknown organisation "bekraff"', "data/organisations.yml"]),
    ("wrong type", "data/milestones.yml", "  column: 3\n  text: CE Country",
     "  column: three\n  text: CE Country", ['"column"', "whole number from 1 to 5", '"three"']),
    ("missing required field", "data/tasks.yml",
     "  indicators: Developed CI image at local level.\n", "",
     ['the required key "indicators" is missing', 'task "task-culture-annual-event"']),
    ("unknown key", "data/tasks.yml", "  results: The sector has agreed on a list of creative professions.",
     "  result: The sector has agreed on a list of creative professions.",
     ['unknown key "result"', "results", "spelling"]),
    ("stage mismatch", "data/tasks.yml",
     "  stage: implementation\n  direction: finance", "  stage: ambition\n  direction: finance",
     ['task "task-finance-special-offers"', 'stage "ambition"', "column 5",
      'Change the stage to "implementation"']),
    ("direction mismatch", "data/tasks.yml",
     "  direction: data\n  milestone: data-oked-codes", "  direction: education\n  milestone: data-oked-codes",
     ['its milestone "data-oked-codes" is in direction "data"']),
    ("empty text", "data/milestones.yml", "  text: Tax exemptions and state subsidy policy adopted",
     '  text: ""', ['milestone "taxes-exemptions"', '"text"', "empty"]),
    ("repeated key", "data/stages.yml", "  key_message: Ambition\n",
     "  key_message: Ambition\n  key_message: Ambition!\n", ['"key_message" appears twice']),
    ("translation with an unknown id", "data/i18n/ru.yml", None,
     "tasks:\n  task-culture-media:\n    text: Определить, какие издания существуют.\n",
     ['"task-culture-media"', "no task", "data/tasks.yml"]),
    ("translation of a field English does not have", "data/i18n/ru.yml", None,
     "tasks:\n  task-culture-media-section:\n    priority: Второй год\n",
     ['"priority"', "has no"]),
    ("translation with an empty text", "data/i18n/ru.yml", None,
     "milestones:\n  culture-open-days:\n    text: \"\"\n", ["empty", "remove the line"]),
]


def _break(project, file, old, new) -> int:
    """Apply one breakage to the copy; returns the line the message must name."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    if old is None:  # a translation file with just this section (the real file may have it already)
        text = "translation: machine-draft\n"
        line = text.count("\n") + 2  # the line of the id, under the section key
        path.write_text(text + new, encoding="utf-8")
        if "priority" in new or '""' in new:
            line += 1  # the field's own line
        return line
    assert old in text, old
    line = _line_of(text, old)
    if new == "":  # a removed key: the message names the line where the entry starts
        before = text[: text.index(old)]
        line = before[: before.rindex("- id:")].count("\n") + 1
    elif "\t" in new:
        line += new[: new.index("\t")].count("\n")
    elif new.count("\n") and old.count("\n") == new.count("\n") and new.split("\n")[0] == old.split("\n")[0]:
        line += next(i for i, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"))) if a != b)
    elif "appears twice" in new or new.startswith(old):
        line += old.count("\n")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.mark.parametrize("name,file,old,new,words", CASES, ids=[c[0] for c in CASES])
def test_broken_data_gets_a_clear_message(project_copy, name, file, old, new, words):
    line = _break(project_copy, file, old, new)
    with pytest.raises(DataError) as caught:
        load(project_copy / "data")
    messages = [str(p) for p in caught.value.problems]
    matching = [m for m in messages if all(w in m for w in words)]
    assert matching, f"{name}: no message with {words} in:\n" + "\n".join(messages)
    assert any(m.startswith(f"{file}, line {line}:") for m in matching), \
        f"{name}: expected {file}, line {line}, got:\n" + "\n".join(matching)

    # The same message from the command a translator runs, and a non-zero exit.
    result = subprocess.run([sys.executable, "-m", "roadmap.check", "--data", str(project_copy / "data")],
                            capture_output=True, text=True, cwd=project_copy)
    assert result.returncode == 1
    assert matching[0] in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_check_command_can_report_one_file(project_copy):
    _break(project_copy, "data/i18n/ru.yml", None, CASES[-3][3])
    _break(project_copy, "data/tasks.yml", "  stage: trust\n  direction: culture", "  stage: trst\n  direction: culture")
    result = subprocess.run([sys.executable, "-m", "roadmap.check", "data/i18n/ru.yml"],
                            capture_output=True, text=True, cwd=project_copy)
    assert result.returncode == 1
    assert "data/i18n/ru.yml, line" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("data/tasks.yml")]
    assert "1 more in other files" in result.stdout


def test_the_check_command_says_ok():
    result = subprocess.run([sys.executable, "-m", "roadmap.check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: 4 stages, 9 directions, 30 milestones, 30 tasks, 6 vision goals")
    assert "Untranslated strings" in result.stdout and "ru " in result.stdout


def test_a_build_with_broken_data_stops_before_writing_anything(project_copy, tmp_path):
    line = _break(project_copy, "data/tasks.yml", "  stage: trust\n  direction: culture",
                  "  stage: trst\n  direction: culture")
    out = tmp_path / "site"
    result = mkdocs_build(project_copy, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"data/tasks.yml, line {line}:" in output
    assert 'unknown stage "trst"' in output
    assert not list(out.rglob("index.html"))


def test_a_translated_string_replaces_english_and_the_rest_falls_back(project_copy):
    from markupsafe import escape

    from roadmap.localized import localized

    path = project_copy / "data" / "i18n" / "kk.yml"
    path.write_text("translation: machine-draft\n", encoding="utf-8")  # no road map strings yet
    before = len(load(project_copy / "data").untranslated("kk"))
    path.write_text("translation: machine-draft\n"
                    "milestones:\n  culture-open-days:\n    text: Ашық есік күндері\n", encoding="utf-8")
    roadmap = load(project_copy / "data")
    assert len(roadmap.untranslated("kk")) == before - 1
    view = localized(roadmap, "kk")
    by_id = {m.id: m for m in view.milestones}
    assert str(escape(by_id["culture-open-days"].text)) == "Ашық есік күндері"
    assert str(escape(by_id["culture-media-section"].text)).startswith('<span lang="en">')
    draft = roadmap.status.get("kk") == "machine-draft"
    assert view.draft == draft  # a machine-draft file with road map strings shows the draft notice


def test_the_check_command_can_annotate_for_github(project_copy):
    """`--format github`: each problem as a workflow command GitHub shows on the file and line of
    a pull request; the exit status is the same, and the plain format stays the default."""
    line = _break(project_copy, "data/tasks.yml", "  stage: trust\n  direction: culture",
                  "  stage: trst\n  direction: culture")
    github = subprocess.run([sys.executable, "-m", "roadmap.check", "--format", "github"],
                            capture_output=True, text=True, cwd=project_copy)
    assert github.returncode == 1
    annotation = f"::error file=data/tasks.yml,line={line},title=Data problem::task "
    assert [l for l in github.stdout.splitlines() if l.startswith(annotation) and 'unknown stage "trst"' in l], \
        github.stdout
    plain = subprocess.run([sys.executable, "-m", "roadmap.check"], capture_output=True, text=True, cwd=project_copy)
    assert plain.returncode == 1
    assert f"data/tasks.yml, line {line}: task " in plain.stdout and "::error" not in plain.stdout


def test_github_annotations_escape_what_github_reads_as_syntax():
    from roadmap.yamlfile import Problem

    problem = Problem("data/i18n/a,b:c.yml", 7, "100% sure:\r\nsecond line, with a comma")
    assert problem.github("Translation problem") == (
        "::error file=data/i18n/a%2Cb%3Ac.yml,line=7,title=Translation problem"
        "::100%25 sure:%0D%0Asecond line, with a comma")
    assert Problem("data/tasks.yml", None, "missing").github("a: b, c") == \
        "::error file=data/tasks.yml,title=a%3A b%2C c::missing"


def test_the_check_command_says_plainly_when_its_reader_stops():
    """`roadmap-check | head`: a one-line message instead of a BrokenPipeError traceback, and the
    exit status of the check itself."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails, as when `head` has exited
    try:
        result = subprocess.run([sys.executable, "-m", "roadmap.check"], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.stderr.strip() == "roadmap-check: the output was cut short (the program reading it stopped early)."
    assert result.returncode == 0
