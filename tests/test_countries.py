"""Country road maps (data/countries/), their pages, the regional overview and the 2026 vision
scorecard (issue 4)."""

import re
import subprocess
import sys

import pytest

from conftest import LANGUAGES, ROOT, mkdocs_build, page, view
from roadmap import scorecard
from roadmap.data import DataError, load

COUNTRIES = ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"]


def problems(project) -> list[str]:
    try:
        load(project / "data")
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


EVIDENCE = """    evidence:
      - document: Test source
        date: 2025-05-30
"""


def set_status(project, country, section_id, old, new, evidence=True) -> int:
    """Change one entry's status in a copy's country file; returns the line of the status."""
    path = project / "data" / "countries" / f"{country}.yml"
    text = path.read_text(encoding="utf-8")
    before = f"  {section_id}:\n    status: {old}\n"
    assert before in text, f"{section_id} is not '{old}' in {path.name}"
    after = f"  {section_id}:\n    status: {new}\n" + (EVIDENCE if evidence else "")
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    return text[: text.index(before)].count("\n") + 2


def cell(html: str, milestone: str) -> str:
    match = re.search(rf'<td class="cs-cell[^"]*" id="milestone-{milestone}">.*?</td>', html, re.S)
    assert match, f"no flowchart cell for {milestone}"
    return match.group(0)


def matrix_row(html: str, milestone: str) -> list[str]:
    """The status names in the overview's row of `milestone`, one per country."""
    row = re.search(rf'<tr data-milestone="{milestone}">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'class="cs-icon" aria-hidden="true"></span>([^<]+)<', row)


def scorecard_counts(html: str, what: str) -> list[int]:
    return [int(n) for n in re.findall(rf'data-count="{what}">(\d+)<', html)]


# --- (1) a status change reaches the country page, the overview and the scorecard -------------


def test_status_change_changes_country_page_overview_and_scorecard(project_copy, tmp_path):
    set_status(project_copy, "kyrgyzstan", "definition-key-terms", "not assessed", "done")
    set_status(project_copy, "kyrgyzstan", "exports", "not assessed", "met")
    out = tmp_path / "site"
    result = mkdocs_build(project_copy, out, env={"ROADMAP_LANGUAGE": "en", "ROADMAP_PDF": "0"})
    assert result.returncode == 0, result.stderr

    country = page(out, "en", "countries/kyrgyzstan/")
    assert "cs-cell--done" in cell(country, "definition-key-terms")
    assert ">Done<" in cell(country, "definition-key-terms")
    assert "Test source" in country
    assert "1 of 30 milestones have a status backed by a source" in country
    # The other countries are untouched.
    assert "cs-cell--not-assessed" in cell(page(out, "en", "countries/tajikistan/"), "definition-key-terms")

    overview = page(out, "en", "countries/")
    position = COUNTRIES.index("kyrgyzstan")
    row = matrix_row(overview, "definition-key-terms")
    assert row[position] == "Done"
    assert row.count("Not assessed") == len(COUNTRIES) - 1

    card = page(out, "en", "countries/scorecard/")
    assert scorecard_counts(card, "met")[position] == 1
    assert scorecard_counts(card, "not_assessed")[position] == 5
    assert "29 of the 30 goal assessments" in card


# --- (2) the rule: any 4 of 6 goals in at least 3 of 5 countries --------------------------------

RULE = scorecard.Rule(goals=4, of_goals=6, countries=3, of_countries=5)
GOALS = ["g1", "g2", "g3", "g4", "g5", "g6"]


def country(met=0, not_met=0):
    """A country's goal statuses: `met` goals met, `not_met` not met, the rest not assessed."""
    statuses = ["met"] * met + ["not met"] * not_met
    return dict(zip(GOALS, statuses))


def test_three_countries_with_four_goals_reach_the_rule():
    result = scorecard.evaluate(
        {"a": country(4, 2), "b": country(4, 2), "c": country(5, 1), "d": country(0, 6), "e": country(0, 6)},
        RULE, GOALS)
    assert result.verdict == scorecard.ACHIEVED
    assert result.achieved == ["a", "b", "c"]
    assert [c.met for c in result.countries] == [4, 4, 5, 0, 0]


def test_two_countries_with_four_goals_do_not():
    result = scorecard.evaluate(
        {"a": country(4, 2), "b": country(6), "c": country(3, 3), "d": country(0, 6), "e": country(2, 4)},
        RULE, GOALS)
    assert result.verdict == scorecard.NOT_ACHIEVED
    assert result.achieved == ["a", "b"]


def test_unknowns_are_not_counted_as_met():
    # Three countries with 3 goals met and the rest not assessed: not one of them has met 4.
    result = scorecard.evaluate(
        {"a": country(3), "b": country(3), "c": country(3), "d": country(0, 6), "e": country(0, 6)},
        RULE, GOALS)
    assert result.achieved == []
    assert [c.not_assessed for c in result.countries] == [3, 3, 3, 0, 0]
    assert result.verdict == scorecard.UNDETERMINED  # each could still meet a fourth goal


def test_unknowns_that_could_tip_it_leave_it_undetermined():
    # Two countries reached; a third could reach it if its 2 goals not assessed turn out met.
    result = scorecard.evaluate(
        {"a": country(4, 2), "b": country(4, 2), "c": country(2, 2), "d": country(0, 6), "e": country(0, 6)},
        RULE, GOALS)
    assert result.verdict == scorecard.UNDETERMINED
    assert result.undetermined == ["c"]
    assert result.not_assessed == 2
    # Once the unknowns are known, the verdict follows.
    result = scorecard.evaluate(
        {"a": country(4, 2), "b": country(4, 2), "c": country(2, 4), "d": country(0, 6), "e": country(0, 6)},
        RULE, GOALS)
    assert result.verdict == scorecard.NOT_ACHIEVED


def test_all_unknown_is_undetermined():
    result = scorecard.evaluate({c: {} for c in "abcde"}, RULE, GOALS)
    assert result.verdict == scorecard.UNDETERMINED
    assert (result.not_assessed, result.assessments) == (30, 30)


def test_rule_numbers_come_from_the_vision_data():
    rule = view("en").scorecard().rule
    assert (rule.goals, rule.of_goals, rule.countries, rule.of_countries) == (4, 6, 3, 5)


def test_three_countries_meeting_four_goals_achieve_the_vision_on_the_site(project_copy, tmp_path):
    """Through the whole chain (data → model → page): 4 goals in 3 countries is a success. A rule
    that took the number of goals (4) as the number of countries needed (3) would say otherwise."""
    for country in COUNTRIES[:3]:
        for goal in ["government-support", "annual-mapping", "exports", "associations"]:
            set_status(project_copy, country, goal, "not assessed", "met")
    out = tmp_path / "site"
    result = mkdocs_build(project_copy, out, env={"ROADMAP_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    card = page(out, "en", "countries/scorecard/")
    assert 'class="cs-verdict cs-verdict--achieved"' in card
    assert scorecard_counts(card, "met") == [4, 4, 4, 0, 0]


# --- (3) a status without evidence is refused, with file and line ------------------------------


def test_status_without_evidence_is_refused(project_copy):
    line = set_status(project_copy, "kazakhstan", "taxes-study", "not assessed", "done", evidence=False)
    goal_line = set_status(project_copy, "uzbekistan", "media-coverage", "not assessed", "met", evidence=False)
    messages = problems(project_copy)
    assert (f'data/countries/kazakhstan.yml, line {line}: milestone "taxes-study": the status "done" '
            'needs evidence (a source and a date). Add an "evidence:" entry, or set the status back '
            'to "not assessed".') in messages
    assert any(m.startswith(f"data/countries/uzbekistan.yml, line {goal_line}: vision goal "
                            '"media-coverage": the status "met" needs evidence') for m in messages)
    assert len(messages) == 2

    cli = subprocess.run([sys.executable, "-m", "roadmap.check", "--data", str(project_copy / "data")],
                         capture_output=True, text=True, cwd=project_copy)
    assert cli.returncode == 1
    assert f"data/countries/kazakhstan.yml, line {line}: milestone \"taxes-study\"" in cli.stdout
    assert "2 problems found." in cli.stdout


def test_unknown_ids_and_statuses_are_refused(project_copy):
    path = project_copy / "data" / "countries" / "tajikistan.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  culture-open-days:\n    status: not assessed", "  culture-open-dayz:\n    status: not assessed")
    text = text.replace("  data-oked-codes:\n    status: not assessed", "  data-oked-codes:\n    status: finished")
    text = text.replace("  exports:\n", "  export:\n")
    path.write_text(text, encoding="utf-8")
    messages = "\n".join(problems(project_copy))
    assert 'no milestone "culture-open-dayz"' in messages
    assert 'should be one of: not assessed, not started, in progress, done, not needed, but it is the text "finished"' in messages
    assert 'no vision goal "export"' in messages
    assert messages.count("data/countries/tajikistan.yml, line ") == 3


def test_the_data_as_shipped_is_valid_and_honest():
    loaded = load(ROOT / "data").countries
    assert [c.id for c in loaded] == COUNTRIES
    for c in loaded:
        for entry in list(c.milestones.values()) + list(c.vision.values()):
            if entry.assessed:  # every status but "not assessed" cites its source and date
                assert entry.evidence and all(s.get("document") and s.get("date") for s in entry.evidence)
        assert all(fact["source"]["document"] for fact in c.profile)


# --- (4) the built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_page_in_every_language(site, lang):
    for id in COUNTRIES:
        html = page(site, lang, f"countries/{id}/")
        assert f'<html lang="{lang}"' in html
        assert html.count('class="cs-cell cs-cell--') == 30 + 15  # 30 milestones, 15 empty cells


def test_overview_lists_five_countries_by_thirty_milestones(site):
    html = page(site, "en", "countries/")
    rows = re.findall(r'<tr data-milestone="([a-z0-9-]+)">', html)
    assert len(rows) == len(set(rows)) == 30
    for milestone in rows:
        assert len(matrix_row(html, milestone)) == 5
    for id in COUNTRIES:
        assert f'href="{id}/"' in html


def test_scorecard_says_how_much_is_not_assessed(site):
    loaded = load(ROOT / "data").countries
    unknown = sum(1 for c in loaded for e in c.vision.values() if not e.assessed)
    html = page(site, "en", "countries/scorecard/")
    assert f"{unknown} of the 30 goal assessments (5 countries × 6 goals) are still" in html
    assert unknown == 30  # no source yet assesses any goal, so no verdict can be drawn:
    assert 'class="cs-verdict cs-verdict--undetermined"' in html
