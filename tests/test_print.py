"""The PDFs as a print publication (issue 11), checked with PDFium (positions of every letter),
pdfplumber (shapes), pypdf and pikepdf (structure): headings kept with their text, no page left
nearly empty, footnotes on the page of their call, a cover wholly in the edition's language,
milestone and task numbers as on the site, paragraph numbers, the imprint, a tagged structure,
embedded fonts, working links."""

import ctypes
import json
import math
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import cssselect2
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import tinycss2
import tinyhtml5
from pypdf import PdfReader

from conftest import LANGUAGES, ROOT, pdf_text, ui, view
from roadmap_html import parse
from roadmap import paragraphs

pytestmark = [pytest.mark.pdf, pytest.mark.xdist_group("pdf")]  # one worker: one build, one cache of read PDFs
MM = 72 / 25.4
EDITION = view("en").edition["file"]


@pytest.fixture(scope="module")
def site(pdf_site):
    return pdf_site


def all_pdfs(site: Path) -> list[Path]:
    return sorted((site / "pdf").glob("*.pdf"))


def letters(path: Path) -> list[tuple[float, float, list[dict]]]:
    """Each page's width, height and letters, as pdfplumber gives them (text, size, fontname, top,
    bottom, x0; and x1, the right of the letter's box) but read by PDFium (pypdfium2, which pdfplumber itself installs): the same values
    for our PDFs at a seventh of the time. A letter's size is its font's size times its text
    matrix's scale; its bottom is the foot of PDFium's loose box (the font's descent); PDFium
    reports a hyphen added at a line break as U+0002."""
    document = pdfium.PdfDocument(str(path))
    font = ctypes.create_string_buffer(256)
    flags, matrix, box = ctypes.c_int(), pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            text = page.get_textpage()
            chars = []
            for i in range(text.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(text, i):  # a space or line end PDFium guessed
                    continue
                pdfium_c.FPDFText_GetLooseCharBox(text, i, box)
                pdfium_c.FPDFText_GetMatrix(text, i, matrix)
                pdfium_c.FPDFText_GetCharOrigin(text, i, x, y)
                pdfium_c.FPDFText_GetFontInfo(text, i, font, len(font), flags)
                size = pdfium_c.FPDFText_GetFontSize(text, i) * math.hypot(matrix.a, matrix.b)
                bottom = height - box.bottom
                chars.append({"text": chr(pdfium_c.FPDFText_GetUnicode(text, i)).replace("\x02", "-"),
                              "size": size, "fontname": font.value.decode("latin-1"),
                              "top": bottom - size, "bottom": bottom, "x0": x.value, "x1": box.right})
            text.close()
            page.close()
            pages.append((width, height, chars))
    finally:
        document.close()
    return pages


def page_margins() -> dict[str, list[float]]:
    """The margins (mm: top, right, bottom) of hooks/pdf.css's @page rules, by page name ("" for
    the default page, "flowchart" for the landscape pages)."""
    margins = {}
    for rule in tinycss2.parse_stylesheet((ROOT / "hooks" / "pdf.css").read_text(encoding="utf-8"),
                                          skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
            name = tinycss2.serialize(rule.prelude).strip()
            for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
                if declaration.type == "declaration" and declaration.lower_name == "margin":
                    values = [t.value for t in declaration.value if t.type == "dimension" and t.unit == "mm"]
                    margins[name] = (values * 3)[:3] if len(values) == 1 else (values + values[:1])[:3]
    return margins


PAGE_MARGINS = page_margins()


@cache
def read(path: Path) -> list[dict]:
    """Each page: its size, its lines (text, size, bold, top, bottom, left) and its kind."""
    pages = []
    for width, height, chars in letters(path):
        landscape = width > height
        margins = PAGE_MARGINS["flowchart" if landscape else ""]
        top, bottom = margins[0] * MM, height - margins[2] * MM
        lines: dict[int, list] = {}
        for char in chars:
            lines.setdefault(round(char["top"]), []).append(char)
        found = []
        for y, chars in sorted(lines.items()):
            chars.sort(key=lambda c: c["x0"])
            found.append({"text": "".join(c["text"] for c in chars), "size": max(c["size"] for c in chars),
                          "bold": any("Bold" in c["fontname"] for c in chars), "top": min(c["top"] for c in chars),
                          "bottom": max(c["bottom"] for c in chars), "left": min(c["x0"] for c in chars),
                          "chars": chars})
        body = [l for l in found if top - 2 <= l["top"] and l["bottom"] <= bottom + 2]
        pages.append({"width": width, "height": height, "top": top, "bottom": bottom,
                      "landscape": landscape, "lines": found, "body": body})
    return pages


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", text))


def solid(text: str) -> str:
    """The text without any whitespace, for comparing what a line break may have split."""
    return re.sub(r"\s+", "", text)


def edition_pages(site: Path, lang: str) -> list[str]:
    """Each page's text of the edition in `lang`, squashed."""
    return [squash(text) for text in pdf_text(site / "pdf" / f"{EDITION}-{lang}.pdf")]


def test_no_heading_is_stranded_at_the_foot_of_a_page(site):
    stranded = []
    for pdf in all_pdfs(site):
        pages = read(pdf)
        for n, page in enumerate(pages[:-1], 1):  # on the last page, nothing more is to come
            area = page["bottom"] - page["top"]
            for line in page["body"]:
                if line["bold"] and line["size"] >= 10.9 and line["top"] > page["bottom"] - 0.1 * area:
                    after = [l for l in page["body"] if l["top"] > line["bottom"] + 0.5]
                    if len(after) < 2:
                        stranded.append(f"{pdf.name} p. {n}: {line['text'][:50]!r}")
    assert stranded == []


def test_no_letter_comes_near_the_edge_of_the_paper(site):
    """No letter within 5 mm of the paper's left or right edge, where office printers leave paper
    blank (the paragraph numbers in the left margin start at 7 mm). Once the action plan's tables
    ran 16 mm past the landscape pages' text block, to the edge."""
    near = []
    for pdf in all_pdfs(site):
        for n, (width, height, chars) in enumerate(letters(pdf), 1):
            drawn = [c for c in chars if c["text"].strip()]
            if drawn and (min(c["x0"] for c in drawn) < 5 * MM or max(c["x1"] for c in drawn) > width - 5 * MM):
                near.append(f"{pdf.name} p. {n}")
    assert near == []


def framed_boxes(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Each page's drawn boxes wider than 8 pt and taller than 4 pt (table cells, framed blocks):
    left, right, top, bottom, measured from the page's top as `letters` does (PDFium's path objects)."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            found = []
            for shape in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
                left, bottom, right, top = shape.get_bounds()
                if right - left > 8 and top - bottom > 4:
                    found.append((left, right, height - top, height - bottom))
            page.close()
            pages.append(found)
    finally:
        document.close()
    return pages


def test_no_letter_runs_out_of_its_table_cell(site):
    """A word wider than its column ran over the cell's rule into the next one: the statuses heading
    a country's progress tables (uz "Boshlanmagan", kk "Бағаланбаған", ru "Международные"), a
    direction table's "priority" (ky "артыкчылык"), the scorecard's "not assessed" (tg
    "нашудааст"). A letter that starts inside a box must end inside it."""
    out = []
    for pdf in all_pdfs(site):
        for n, (page, boxes) in enumerate(zip(read(pdf), framed_boxes(pdf)), 1):
            for char in (c for line in page["lines"] for c in line["chars"] if c["text"].strip()):
                middle = (char["top"] + char["bottom"]) / 2
                if any(top < middle < bottom and left <= char["x0"] < right < char["x1"] - 0.6
                       for left, right, top, bottom in boxes):
                    line = next(l["text"] for l in page["lines"] if char in l["chars"])
                    out.append(f"{pdf.name} p. {n}: «{line[:60]}»")
                    break
    assert out == [], "\n".join(out)


def test_no_page_is_less_than_a_third_full_but_covers_part_openers_and_chapter_ends(site):
    """The cover, a page that opens a part or chapter, and the last page of a chapter may be
    short; any other page is at least a third full."""
    short = []
    for pdf in all_pdfs(site):
        pages = read(pdf)
        for n, page in enumerate(pages, 1):
            if n == 1 or n == len(pages) or not page["body"]:
                continue
            fill = (max(l["bottom"] for l in page["body"]) - page["top"]) / (page["bottom"] - page["top"])
            if fill >= 1 / 3:
                continue
            opener = page["body"][0]["size"] >= 17
            next_opens = pages[n]["body"] and pages[n]["body"][0]["size"] >= 17
            next_turns = pages[n]["landscape"] != page["landscape"]
            if not (opener or next_opens or next_turns):
                short.append(f"{pdf.name} p. {n}: {fill:.0%} full, starting {page['body'][0]['text'][:40]!r}")
    assert short == []


def test_every_footnote_is_on_the_page_of_its_call(site):
    misplaced = []
    for lang in LANGUAGES:
        pdf = site / "pdf" / f"{EDITION}-{lang}.pdf"
        for n, page in enumerate(read(pdf), 1):
            calls, notes = set(), set()
            for line in page["body"]:
                # a note: a line of small text that starts with its number and a full stop
                match = re.match(r"(\d+)\.\s", line["text"])
                if match and 7.5 <= line["chars"][0]["size"] <= 8.5:
                    notes.add(match.group(1))
                digits = ""
                for char in line["chars"]:  # a call: superscript digits in the text column
                    if char["text"].isdigit() and char["size"] < 7.6 and char["x0"] > 15 * MM:
                        digits += char["text"]
                    elif digits:
                        calls.add(digits)
                        digits = ""
                if digits:
                    calls.add(digits)
            for note in notes - calls:
                misplaced.append(f"{pdf.name} p. {n}: footnote {note} without its call")
    assert misplaced == []


COVER_ENGLISH = ["edition_title", "edition_label", "pdf_working_group", "pdf_thanks", "pdf_version_date"]


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_the_cover_is_wholly_in_the_edition_language(site, lang):
    cover = squash(" ".join(l["text"] for l in read(site / "pdf" / f"{EDITION}-{lang}.pdf")[0]["lines"]))
    edition = view("en").edition
    names = [p["name"] for p in edition["working_group"]] + [edition["thanks"]["name"]]
    rest = cover
    for name in names:
        rest = rest.replace(name, " ")
    for key in COVER_ENGLISH:
        english = ui("en", key, version="", date="").split(",")[0].strip()
        if english != ui(lang, key, version="", date="").split(",")[0].strip():
            assert english not in rest, f"English on the {lang} cover: {english!r}"
    for country in ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "United Kingdom"]:
        assert country not in rest
    if lang in ("ru", "kk", "ky", "tg"):
        latin = re.findall(r"[A-Za-z]{3,}", rest)
        assert latin == [], f"Latin words on the {lang} cover: {latin}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_milestone_and_task_numbers_are_those_of_the_site(site, lang):
    text = squash("\n".join(pdf_text(site / "pdf" / f"{EDITION}-{lang}.pdf")))
    whole = solid(text)
    for task in view(lang).tasks:
        start = solid(task.text.plain)[:25]
        assert f"{task.code}{start}" in whole, f"{lang}: {task.code} {task.text.plain[:30]} is not in the plan"
    for milestone in view(lang).milestones:
        assert re.search(rf"\b{milestone.code}\b", text), f"{lang}: {milestone.code} missing"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_milestones_and_tasks_link_to_each_other_in_print(site, lang):
    """In the diagram and in the table that follows it, a milestone's number jumps to its task in
    the printed action plan, and in the plan a task's milestone number jumps back to the table
    (once both pointed at their own page and led nowhere)."""
    import pikepdf

    path = site / "pdf" / f"{EDITION}-{lang}.pdf"
    texts = [squash(text) for text in pdf_text(path)]
    caption = squash(ui(lang, "roadmap_diagram_caption_print"))[:60]
    diagram = next(i for i, text in enumerate(texts) if caption in text)
    wanted = {f"road-map-action-plan--{m.task.id}" for m in view(lang).milestones if m.task}
    assert len(wanted) == 30
    with pikepdf.open(path) as pdf:
        def destinations(index: int) -> set[str]:
            return {str(a.Dest) for a in pdf.pages[index].obj.get("/Annots") or [] if "/Dest" in a}

        landscape = set()  # the flowchart's table, then the action plan
        for index in range(diagram + 1, len(pdf.pages)):
            box = pdf.pages[index].mediabox
            if float(box[2]) <= float(box[3]):
                break
            landscape |= destinations(index)
        assert wanted - destinations(diagram) == set(), "milestones of the diagram without a link to their task"
        assert wanted - landscape == set(), "milestones of the table without a link to their task"
        back = {f"road-map-flowchart--{t.milestone.id}" for t in view(lang).tasks}
        assert back - landscape == set(), "tasks of the action plan without a link to their milestone"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_directions_table_of_milestones_is_printed_whole_on_one_page(site, lang):
    """In the Green Paper (from the first of these tables to the flowchart's diagram), a
    direction's table of at most six milestones is never split: split, it once left one row alone
    on a page."""
    texts = edition_pages(site, lang)
    heading = squash(ui(lang, "roadmap_direction_heading"))
    first = next(i for i, text in enumerate(texts) if heading in text)
    caption = squash(ui(lang, "roadmap_diagram_caption_print"))[:60]
    diagram = next(i for i, text in enumerate(texts) if caption in text)
    split = {}
    for direction in view(lang).directions:
        codes = [m.code for m in view(lang).milestones_in(direction=direction) if m.code]
        pages = sorted({i + 1 for i in range(first, diagram) for code in codes
                        if re.search(rf"\b{code}\b", texts[i])})
        if len(pages) != 1:
            split[direction.label.plain] = pages
    assert not split, f"{lang}: tables on more than one page (or none): {split}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_legend_is_printed_on_the_page_of_its_table(site, lang):
    """The legend of the statuses opens the table it explains: a country's flowchart (whose first
    column is the direction) and the scorecard (whose first column is the goal). The English
    edition once ended p. 34 with the scorecard's heading and legend, the table overleaf."""
    legend, apart = solid(ui(lang, "countries_legend")), []
    headers = (solid(ui(lang, "countries_direction")), solid(ui(lang, "countries_goal")))
    for pdf in [path for path in all_pdfs(site) if path.stem.endswith(f"-{lang}")]:
        for number, text in enumerate(pdf_text(pdf), 1):
            after = solid(text).partition(legend)[2]
            if legend in solid(text) and not any(header in after for header in headers):
                apart.append(f"{pdf.name} p. {number}")
    assert not apart, f"a legend without its table on the page: {apart}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_glossary_term_ends_a_page_away_from_its_definition(site, lang):
    """Like a heading, a term closing a page with its definition overleaf is stranded (once the
    Kyrgyz edition's «Ак китеп (White Paper)» closed p. 49). The terms are read as printed from
    the glossary page's <dt>s; a page's text ends with its running head and folio."""
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    glossary = parse((site / prefix / "road-map/glossary/index.html").read_text(encoding="utf-8"))
    terms = [solid(dt.text()) for dt in glossary.find_all("dt")]
    assert len(terms) == len(view(lang).glossary)
    title = ui(lang, "glossary_title")  # the running head of the glossary's pages
    stranded = []
    for number, text in enumerate(edition_pages(site, lang), 1):
        if title not in text:
            continue
        body = re.sub(r"\d+$", "", solid(text)).removesuffix(solid(title))
        stranded += [f"p. {number}: {term}" for term in terms if body.endswith(term)]
    assert not stranded, f"{lang}: terms at a page's foot, their definitions overleaf: {stranded}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_task_of_the_printed_plan_has_its_direction_named_on_its_page(site, lang):
    """A plan table's direction heads it on every page it runs over. As a <caption> it was printed
    once, and could stay at the foot of a page (with the stage's heading) while the rows moved on."""
    texts = edition_pages(site, lang)
    columns = [squash(ui(lang, key)) for key in ("roadmap_persons_involved", "roadmap_indicators")]
    plan = [i for i, text in enumerate(texts) if all(column in text for column in columns)]
    assert plan, f"{lang}: no page of the printed action plan found"
    unnamed = []
    for task in view(lang).tasks:
        pages = [i for i in plan if re.search(rf"\b{task.code}\b", texts[i])]
        assert pages, f"{lang}: {task.code} is not in the printed plan"
        unnamed += [f"{task.code} on p. {i + 1} without «{task.direction.label.plain}»" for i in pages
                    if squash(task.direction.label.plain) not in texts[i]]
    assert not unnamed, f"{lang}: " + "; ".join(unnamed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_paragraph_number_is_printed(site, lang):
    text = "\n".join(pdf_text(site / "pdf" / f"{EDITION}-{lang}.pdf"))
    printed = set(re.findall(r"§\s*([FC0-9][0-9.]*\d)", text))
    wanted = {n for path in paragraphs.SECTIONS
              for n, _ in paragraphs.numbers((ROOT / "docs" / path).read_text(encoding="utf-8"))}
    assert wanted - printed == set(), f"{lang}: not printed: {sorted(wanted - printed)[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_imprint_says_which_edition_and_where_proposals_go(site, lang):
    pages = read(site / "pdf" / f"{EDITION}-{lang}.pdf")
    imprint = squash(" ".join(l["text"] for l in pages[1]["lines"]))
    v = view(lang)
    assert squash(v.ui("edition_label").plain) in imprint
    assert v.edition["version"] in imprint and v.edition["date"] in imprint
    assert v.edition["email"] in imprint and v.edition["licence"]["name"] in imprint
    assert squash(v.ui("pdf_cite").plain) in imprint
    for change in v.changes:
        assert change.label in imprint, f"the change {change.id} is not in the imprint"
    draft = squash(v.ui("pdf_draft_notice").plain)[:40]
    everything = squash(" ".join(l["text"] for p in pages for l in p["lines"]))
    if v.draft:
        assert draft in imprint and everything.count(draft) == 1, "the draft notice is not there once"
    else:
        assert draft not in everything


def test_every_pdf_is_tagged_with_our_fonts_embedded_and_links_that_resolve(site):
    for pdf in all_pdfs(site):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], f"{pdf.name} is not tagged"
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
        assert root["/Lang"] == pdf.stem.rsplit("-", 1)[1]
        destinations = reader.named_destinations
        for number, page in enumerate(reader.pages, 1):
            for name, font in (page["/Resources"].get("/Font") or {}).items():
                font = font.get_object()
                assert "Roadmap" in str(font["/BaseFont"]), f"{pdf.name}: foreign font {font['/BaseFont']}"
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                destination = annotation.get("/Dest")
                if destination is None:
                    action = annotation.get("/A") or {}
                    uri = action.get("/URI")
                    assert uri is None or str(uri).startswith(("https://", "http://", "mailto:")), uri
                    continue
                if isinstance(destination, str) or hasattr(destination, "startswith"):
                    assert str(destination) in destinations, f"{pdf.name} p. {number}: link to missing {destination}"


def test_the_progress_bars_print_in_the_colours_of_their_statuses(site):
    """WeasyPrint draws SVG from its own attributes, not from the page's stylesheet: the bars of
    a country's progress table print in the status colours (light grey for "not assessed", with a
    frame), never as the black of an unstyled shape."""
    ink = dict(re.findall(r'"([a-z-]+)": "(#[0-9a-f]{6})"', (ROOT / "hooks/countries.html").read_text(encoding="utf-8")))
    expected = {tuple(round(int(ink[name][i:i + 2], 16) / 255, 2) for i in (1, 3, 5))
                for name in ("not-assessed-bg", "not-assessed")}
    with pdfplumber.open(site / "pdf" / "country-kazakhstan-en.pdf") as pdf:
        fills = [tuple(round(c, 2) for c in rect["non_stroking_color"])
                 for page in pdf.pages for rect in page.rects
                 if rect["fill"] and 20 < rect["width"] < 100 and 6 < rect["height"] < 12]
    assert fills, "no progress bar in the country's PDF"
    assert set(fills) <= expected, f"bars filled with {set(fills) - expected}"


def test_the_print_colours_of_the_bars_are_the_light_palette_of_the_site():
    """hooks/countries.html keeps the print colours of the bars; they must equal site.css."""
    import tinycss2

    ink = dict(re.findall(r'"([a-z-]+)": "(#[0-9a-f]{6})"', (ROOT / "hooks/countries.html").read_text(encoding="utf-8")))
    assert len(ink) >= 9
    css = tinycss2.parse_stylesheet((ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8"),
                                    skip_comments=True, skip_whitespace=True)
    palette = {}
    for rule in css:
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root" and not palette:
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.name.startswith("--cs-"):
                    palette[decl.name[5:]] = tinycss2.serialize(decl.value).strip().lower()
    assert {name: palette.get(name) for name in ink} == ink


def _structure(node, found: list, parent: str = "") -> None:
    """Every structure element under `node` as (type, parent type, element)."""
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _structure(kid, found, parent)
        return
    if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
        return
    kind = str(node.S)
    found.append((kind, parent, node))
    if "/K" in node:
        _structure(node.K, found, kind)


def test_the_structure_tree_of_every_pdf_reads_as_a_document(site):
    """What a PDF/UA validator would walk first (veraPDF is not packaged here): one Document;
    headings that never skip a level going down; rows inside tables and cells inside rows; list
    bodies inside list items; every figure with a text alternative."""
    import pikepdf

    problems = []
    for path in all_pdfs(site):
        with pikepdf.open(path) as pdf:
            found: list = []
            _structure(pdf.Root.StructTreeRoot.K, found)
        kinds = [kind for kind, _, _ in found]
        if kinds.count("/Document") != 1:
            problems.append(f"{path.name}: {kinds.count('/Document')} Document elements")
        levels = [int(kind[2]) for kind in kinds if re.fullmatch(r"/H[1-6]", kind)]
        if not levels or levels[0] != 1:
            problems.append(f"{path.name}: the first heading is not H1")
        problems += [f"{path.name}: H{a} followed by H{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
        for kind, parent, node in found:
            if kind == "/TR" and parent not in ("/Table", "/THead", "/TBody", "/TFoot"):
                problems.append(f"{path.name}: a table row inside {parent}")
            if kind in ("/TD", "/TH") and parent != "/TR":
                problems.append(f"{path.name}: a table cell inside {parent}")
            if kind == "/LBody" and parent != "/LI":
                problems.append(f"{path.name}: a list body inside {parent}")
            if kind == "/Figure" and not str(node.get("/Alt", "")).strip():
                problems.append(f"{path.name}: a figure without a text alternative")
    assert problems == []


# The PDF jobs of an English preview build (what WeasyPrint would be given), printed by none:
# roadmap.print.cached stands in for the cache and answers for every PDF.
CAPTURE_JOBS = """
import json, sys
from roadmap import print as edition_pdf
jobs = []
def capture(job, cache_dir):
    jobs.append({"target": job["target"], "html": job["html"], "stylesheets": job["stylesheets"]})
    return {"target": job["target"], "pages": 1, "bytes": 1, "families": [], "refused": [],
            "dead_links": [], "seconds": 0.0, "cached": True}
edition_pdf.cached = capture
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
json.dump(jobs, open(sys.argv[2], "w", encoding="utf-8"))
"""


def print_rules(path: Path, origin: int) -> list[tuple[str, list, int, int]]:
    """The rules of a stylesheet that apply in print (`@media screen` left out): selector,
    declarations, origin (its place in the cascade) and line."""
    found = []

    def walk(nodes):
        for rule in nodes:
            if rule.type == "qualified-rule":
                declarations = [d for d in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True,
                                                                           skip_comments=True) if d.type == "declaration"]
                found.append((tinycss2.serialize(rule.prelude).strip(), declarations, origin, rule.source_line))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
                query = tinycss2.serialize(rule.prelude).lower()
                if "print" in query or "screen" not in query:
                    walk(tinycss2.parse_stylesheet(rule.content, skip_whitespace=True, skip_comments=True))

    walk(tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True))
    return found


def test_every_rule_of_the_print_stylesheet_takes_effect(tmp_path):
    """A declaration of hooks/pdf.css that a more specific rule of site.css beats on every element it
    matches does nothing, silently: the flowchart's table kept site.css's line height of 1.4 and
    padding of 0.4 em and ran onto a second landscape page in five editions, the diagram kept its screen
    margins, the paragraph numbers their dotted underline. Each declaration must win (by
    !important, specificity, then order) on at least one element of the English PDFs it matches;
    a property counts against its shorthand (padding-top against padding)."""
    out = tmp_path / "jobs.json"
    done = subprocess.run([sys.executable, "-c", CAPTURE_JOBS, str(tmp_path / "site"), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "ROADMAP_PDF": "1", "ROADMAP_LANGUAGE": "en",
                               "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    jobs = json.loads(out.read_text(encoding="utf-8"))
    assert len(jobs) == 6, [job["target"] for job in jobs]
    stylesheets = [Path(path) for path in jobs[0]["stylesheets"]]
    assert stylesheets[-1] == ROOT / "hooks" / "pdf.css"
    rules = [rule for origin, path in enumerate(stylesheets) for rule in print_rules(path, origin)]
    matcher = cssselect2.Matcher()
    for index, (selector, *_rest) in enumerate(rules):
        for compiled in cssselect2.compile_selector_list(selector):
            matcher.add_selector(compiled, (index, compiled.specificity))

    def family(name: str) -> str:
        return next((f for f in ("padding", "margin", "border", "font", "background", "text-decoration")
                     if name == f or name.startswith(f + "-")), name)

    matched, won, beaten_by = set(), set(), {}
    for job in jobs:
        for element in cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(job["html"])).iter_subtree():
            found = [(index, specificity) for _, _, pseudo, (index, specificity) in matcher.match(element) if not pseudo]
            matched.update(index for index, _ in found)
            best = {}
            for index, specificity in found:
                for declaration in rules[index][1]:
                    rank = (declaration.important, specificity, index)
                    for key in {declaration.lower_name, family(declaration.lower_name)}:
                        if key not in best or rank > best[key][0]:
                            best[key] = (rank, index, declaration.lower_name)
            won |= {(index, name) for _, index, name in best.values()}
            for index, _ in found:
                for declaration in rules[index][1]:
                    beaten_by.setdefault((index, declaration.lower_name), best[family(declaration.lower_name)][1])
    last = len(stylesheets) - 1

    def where(index: int) -> str:
        selector, _, origin, line = rules[index]
        return f"{stylesheets[origin].relative_to(ROOT)}, line {line}: {' '.join(selector.split())}"

    dead = [f"{where(index)} {{ {name}: … }} is beaten wherever it applies, e.g. by {where(beaten_by[index, name])}: "
            "give it that rule's specificity, or remove it"
            for index, (selector, declarations, origin, line) in enumerate(rules)
            if origin == last and index in matched
            for name in dict.fromkeys(d.lower_name for d in declarations) if (index, name) not in won]
    assert not dead, "\n".join(dead)
