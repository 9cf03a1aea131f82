"""The flowchart page (Appendix 1), generated from data/: the table puts the 30 milestones in the
cells of the Green Paper's grid, the diagram draws them with real text, and each milestone links
to its task."""

import re

from conftest import LANGUAGES, mkdocs_build, page
from roadmap_html import parse

# Appendix 1 of the Green Paper: for each direction (row), the milestone in each of the five
# columns, or None where the flowchart has an empty cell.
GRID = {
    "definition": ["definition-key-terms", "definition-industries-list", None, None, None],
    "culture": ["culture-media-section", "culture-open-days", "culture-annual-awards",
                "culture-annual-event", "culture-international-media"],
    "data": ["data-primary-database", "data-oked-codes", "data-annual-mapping", None, None],
    "advocacy": ["advocacy-ccan", "advocacy-champions", "advocacy-country-association",
                 "advocacy-high-goals", None],
    "education": ["education-knowledge-bank", "education-professions-list",
                  "education-competencies-model", "education-training-programmes", None],
    "finance": [None, "finance-needs-research", "finance-sector-dynamics", None, "finance-special-offers"],
    "taxes": [None, None, "taxes-study", "taxes-exemptions", None],
    "international-relations": [None, "international-products-research", "international-conferences",
                                "international-regional-fairs", "international-embassies"],
    "infrastructure": [None, None, "infrastructure-study", "infrastructure-university-hubs",
                       "infrastructure-digital"],
}
STAGE_OF_COLUMN = {1: "analysis", 2: "analysis", 3: "trust", 4: "ambition", 5: "implementation"}


def _table(html):
    return parse(html).find("table", class_="roadmap-flowchart")


def test_the_table_has_the_30_milestones_in_their_cells(site):
    table = _table(page(site, "en", "road-map/flowchart/"))
    rows = table.find("tbody").find_all("tr")
    assert [r.attrs["data-direction"] for r in rows] == list(GRID)
    for row in rows:
        cells = row.find_all("td")
        assert len(cells) == 5, row.attrs
        got = [c.attrs.get("id") for c in cells]
        assert got == GRID[row.attrs["data-direction"]]
        for column, cell in enumerate(cells, 1):
            if cell.attrs.get("id"):
                assert cell.attrs["data-stage"] == STAGE_OF_COLUMN[column]
            else:
                assert cell.text() == ""  # an empty cell of the flowchart stays empty
    assert sum(1 for row in GRID.values() for m in row if m) == 30


def test_the_header_has_the_stages_and_their_key_messages(site):
    table = _table(page(site, "en", "road-map/flowchart/"))
    first, second = table.find("thead").find_all("tr")
    stages = first.find_all("th")[1:]
    assert [s.attrs["colspan"] for s in stages] == ["2", "1", "1", "1"]
    assert "Environment Analysis and Data Collection" in stages[0].text()
    assert [k.text() for k in second.find_all("th")] == [
        "Key message: Self-awareness", "Key message: Cooperation", "Key message: Ambition",
        "Key message: Full Forward!"]


def test_each_milestone_links_to_its_task(site):
    plan_ids = {n.attrs.get("id") for n in parse(page(site, "en", "road-map/action-plan/")).iter()}
    table = _table(page(site, "en", "road-map/flowchart/"))
    links = [a for td in table.find_all("td", class_="roadmap-milestone") for a in td.find_all("a")
             if not a.has_class("roadmap-number")]
    assert len(links) == 30
    for link in links:
        path, anchor = link.attrs["href"].split("#")
        assert path == "../action-plan/"
        assert anchor in plan_ids
        assert anchor == "task-" + link.parent.attrs["id"]


def test_the_diagram_is_an_svg_with_real_text(site):
    html = page(site, "en", "road-map/flowchart/")
    figure = parse(html).find("figure", class_="roadmap-diagram")
    svg = figure.find("svg", class_="roadmap-diagram__cells")
    assert svg.attrs["aria-labelledby"] == figure.find("figcaption").attrs["id"]
    boxes = [a for a in svg.find_all("a") if a.find("rect")]
    assert len(boxes) == 30
    assert {a.attrs["href"].split("#")[1] for a in boxes} == {"task-" + m for row in GRID.values() for m in row if m}
    words = " ".join(a.text() for a in boxes)
    assert "Embassies present CE abroad" in words  # the text itself, wrapped over several lines
    stages = figure.find("svg", class_="roadmap-diagram__stages")  # the stages stay in view as it scrolls
    for stage in ["Environment Analysis", "Self-awareness", "Full Forward!"]:
        assert stage in stages.text()
    assert "<img" not in str(figure.children)  # no picture of text: the text is text


def test_a_language_without_translations_shows_english_marked_as_such(project_copy, tmp_path):
    # Russian with its road map strings taken away (every language has them by now).
    (project_copy / "data/i18n/ru.yml").write_text("translation: machine-draft\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "ru"})
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site/road-map/flowchart/index.html").read_text(encoding="utf-8")
    table = _table(html)
    assert table.parent.attrs.get("lang") == "ru"
    cell = table.find("td", id="culture-media-section")
    span = cell.find("span", lang="en")
    assert span is not None and "leading media" in span.text()
    link = [a for a in cell.find_all("a") if not a.has_class("roadmap-number")][0].attrs["href"]
    assert link.startswith("../action-plan/#task-culture-media-section")
    assert re.search(r'<text [^>]*lang="en"', html)  # the diagram's English fallbacks too


def test_a_translated_language_shows_its_own_words(site):
    html = page(site, "ru", "road-map/flowchart/")
    cell = _table(html).find("td", id="culture-media-section")
    assert cell.find("span", lang="en") is None
    assert re.search("[а-яё]", cell.text())


def test_every_line_of_the_diagram_fits_its_box_in_every_language(browser):
    """Measured by the browser itself, with the site's font: the diagram's own wrapping (which
    measures with the font's advance widths) must give lines that fit their boxes."""
    for lang in LANGUAGES:
        browser.get(browser.base + ("" if lang == "en" else f"{lang}/") + "road-map/flowchart/")
        too_wide = browser.execute_async_script("""
            const done = arguments[arguments.length - 1];
            document.fonts.ready.then(() => {
              const out = [];
              for (const box of document.querySelectorAll('.roadmap-diagram svg a')) {
                const rect = box.querySelector('rect'), text = box.querySelector('text');
                const width = rect.width.baseVal.value;
                for (const line of text.querySelectorAll('tspan')) {
                  const used = line.getComputedTextLength();
                  if (used > width - 2 * 5 && line.textContent.includes(' ')) out.push([line.textContent, used, width]);
                }
              }
              const fonts = [...document.fonts].filter(f => f.status === 'loaded').length;
              done({out, fonts, boxes: document.querySelectorAll('.roadmap-diagram svg a').length});
            });""")
        assert too_wide["boxes"] == 30
        assert too_wide["fonts"] >= 1, "the site's font did not load: the measurement would be meaningless"
        assert too_wide["out"] == [], f"{lang}: lines wider than their box: {too_wide['out']}"
