"""The action plan page (Appendix 2) and the direction pages, generated from data/."""

from conftest import page
from roadmap.data import load
from conftest import ROOT
from roadmap_html import parse

DIRECTIONS = ["definition", "culture", "data", "advocacy", "education", "finance", "taxes",
              "international-relations", "infrastructure"]


def test_the_plan_has_30_tasks_grouped_by_stage_and_direction(site):
    root = parse(page(site, "en", "road-map/action-plan/"))
    tasks = root.find_all("article", class_="roadmap-task")
    assert len(tasks) == 30
    roadmap = load(ROOT / "data")
    assert [t.attrs["id"] for t in tasks] == sorted(
        roadmap.tasks, key=lambda id: (list(roadmap.stages).index(roadmap.tasks[id]["stage"]),
                                       DIRECTIONS.index(roadmap.tasks[id]["direction"])))
    # Each group of tasks sits under its stage's and its direction's headings.
    for group in root.find_all("div", class_="roadmap-tasks"):
        stage, key = group.attrs["data-roadmap-group"].split()
        direction = key[len(stage) + 1:]
        for task in group.find_all("article"):
            assert task.attrs["data-stage"] == stage
            assert task.attrs["data-direction"] == direction
    headings = [h.attrs["id"] for h in root.find_all("h2")]
    assert headings[:4] == ["stage-analysis", "stage-trust", "stage-ambition", "stage-implementation"]


def test_each_task_shows_its_fields_and_links_back_to_its_milestone(site):
    root = parse(page(site, "en", "road-map/action-plan/"))
    flowchart_ids = {n.attrs.get("id") for n in parse(page(site, "en", "road-map/flowchart/")).iter()}
    task = root.find("article", id="task-data-annual-mapping")
    terms = [dt.text() for dt in task.find_all("dt")]
    assert terms == ["Milestone", "Priority by year", "Persons involved", "Results", "Success indicators"]
    assert "Second, third, fourth and fifth year." in task.text()
    for article in root.find_all("article", class_="roadmap-task"):
        link = article.find("dd").find("a").attrs["href"]
        path, anchor = link.split("#")
        assert path == "../flowchart/" and anchor in flowchart_ids
        assert "task-" + anchor == article.attrs["id"]
    examples = root.find("article", id="task-definition-industries-list").find("ul")
    assert [li.text() for li in examples.find_all("li")][0] == "UNCTAD - UN Conference on Trade and Development"


def test_the_filter_works_on_data_attributes_and_is_not_shown_without_javascript(site):
    html = page(site, "en", "road-map/action-plan/")
    root = parse(html)
    form = root.find("form", data_roadmap_filter=True)
    # in place from the start (no layout shift when plan-filter.js runs); without JavaScript it
    # is not shown, and every task is visible
    assert "hidden" not in form.attrs
    assert "<noscript><style>.roadmap-filter { display: none; }</style></noscript>" in html
    selects = {s.attrs["name"]: [o.attrs["value"] for o in s.find_all("option")] for s in form.find_all("select")}
    assert selects["direction"] == [""] + DIRECTIONS
    assert selects["stage"] == ["", "analysis", "trust", "ambition", "implementation"]
    assert selects["year"] == ["", "1", "2", "3", "4", "5"]
    assert "working-group" in selects["actor"] and "embassies" in selects["actor"]
    tasks = root.find_all("article", class_="roadmap-task")
    assert not any("hidden" in t.attrs for t in tasks)
    mapping = root.find("article", id="task-data-annual-mapping")
    assert mapping.attrs["data-years"] == "2 3 4 5"
    assert mapping.attrs["data-actors"].split() == ["working-group", "ccan", "industry-groups"]
    assert "plan-filter.js" in html


def test_each_direction_page_lists_its_milestones_and_tasks(site):
    roadmap = load(ROOT / "data")
    for direction in DIRECTIONS:
        root = parse(page(site, "en", f"green-paper/chapter-2/directions/{direction}/"))
        table = root.find("table", class_="roadmap-direction")
        assert table is not None, direction
        rows = table.find("tbody").find_all("tr")
        expected = [m for m, v in roadmap.milestones.items() if v["direction"] == direction]
        assert sorted(r.attrs["data-milestone"] for r in rows) == sorted(expected)
        for row in rows:
            links = [a.attrs["href"] for a in row.find_all("a") if not a.has_class("roadmap-number")]
            assert links == [f"../../../../road-map/flowchart/#{row.attrs['data-milestone']}",
                             f"../../../../road-map/action-plan/#task-{row.attrs['data-milestone']}"]
