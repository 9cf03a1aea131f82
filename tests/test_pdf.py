"""The PDF editions (hooks/pdf.py): one White Paper edition per language, built by `mkdocs build`
beside the site, tagged, with our own fonts, bookmarks, working links and footnotes at the foot of
their page; a short PDF for any page whose front matter says `pdf: <stem>`; clear messages for
bad input."""

import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, ROOT, mkdocs_build, page, pdf_text, ui, view

pytestmark = [pytest.mark.pdf, pytest.mark.xdist_group("pdf")]  # one worker: one build, one cache of read PDFs
EDITION = view("en").edition
FILE = EDITION["file"]
# Letters a text in the language cannot do without (at least one must appear).
OWN_LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ru": "ыэщъЫЭЩ",
    "kk": "әғқңөұүһіӘҒҚҢӨҰҮҺІ",
    "ky": "ңөүҢӨҮ",
    "tg": "ғӣқӯҳҷҒӢҚӮҲҶ",
    "tk": "äçňöşüýžÄÇŇÖŞÜÝŽ",
    "uz": "\u02bb",  # ʻ in oʻ gʻ
}
SIZE = re.compile(r'class="roadmap-pdf__size">([^<]+)<')


def pdf_path(site: Path, lang: str) -> Path:
    return site / "pdf" / f"{FILE}-{lang}.pdf"


def text_of(site: Path, lang: str) -> str:
    return "\n".join(pdf_text(pdf_path(site, lang)))


def squash(text: str) -> str:
    """Text as extracted from a PDF, without line breaks, hyphenation or repeated spaces."""
    text = re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def site(pdf_site):
    return pdf_site


@pytest.fixture(scope="module")
def readers(site):
    return {lang: PdfReader(pdf_path(site, lang)) for lang in LANGUAGES if pdf_path(site, lang).exists()}


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def h1(html: str) -> str:
    """The text of a page's title, without its permalink."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    text = re.sub(r'<a class="headerlink".*?</a>', "", match.group(1), flags=re.S)
    return re.sub(r"<[^>]+>", "", text).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_edition_metadata(site, readers, lang):
    assert pdf_path(site, lang).exists(), f"no PDF edition for {lang}"
    reader = readers[lang]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    title = ui(lang, "edition_title")
    assert title in reader.metadata.title
    assert reader.metadata.author == EDITION["author"]
    assert reader.metadata.subject == ui(lang, "site_description").strip()
    assert reader.metadata["/CreationDate"].startswith("D:" + EDITION["date"].replace("-", ""))
    # PDF/UA: tagged, with the PDF/UA identification in the XMP metadata
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp


@pytest.mark.parametrize("lang", LANGUAGES)
def test_edition_text_is_in_the_language(site, lang):
    """The interface of the edition is in the language; pages not yet translated are marked."""
    text = squash(text_of(site, lang))
    assert ui(lang, "pdf_contents") in text
    assert any(letter in text for letter in OWN_LETTERS[lang]), f"no {lang} letters in the {lang} PDF"
    translated = [p for p in (ROOT / "docs" / lang).rglob("*.md")] if lang != "en" else []
    if lang != "en" and len(translated) <= 1:  # only the home page, which is not in the edition
        notice = squash(ui(lang, "untranslated_notice"))
        assert notice[:40] in text, "English fallback pages are not marked as such"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bookmarks_and_contents_links(site, readers, lang):
    reader = readers[lang]
    titles = outline_titles(reader)
    assert ui(lang, "pdf_contents") in titles
    for path in ["green-paper/foreword/", "green-paper/chapter-1/", "green-paper/conclusion/"]:
        assert h1(page(site, lang, path)) in titles, f"no bookmark for {path}"
    # the contents page (after the cover and the imprint) links to pages further on
    contents = next(i for i, text in enumerate(pdf_text(pdf_path(site, lang))[:4])
                    if text.startswith(ui(lang, "pdf_contents")))
    annots = [a.get_object() for a in reader.pages[contents].get("/Annots", [])]
    internal = [a for a in annots if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(internal) >= 20
    targets = {reader.get_destination_page_number(reader.named_destinations[a["/Dest"]])
               if not isinstance(a["/Dest"], list) and a["/Dest"] in reader.named_destinations
               else reader.get_page_number(a["/Dest"][0].get_object()) for a in internal}
    assert min(targets) > contents and len(targets) >= 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fonts_are_ours_embedded_and_subset(readers, lang):
    fonts = {}
    for obj_page in readers[lang].pages:
        for font in (obj_page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert re.match(rf"^/[A-Z]{{6}}\+Roadmap-Noto-Sans-{lang}(-Bold)?(-Italic)?$", name), \
            f"foreign font {name}"
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} is not embedded"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_flowchart_diagram_with_its_heading_then_the_table_on_a_landscape_page(site, readers, lang):
    """The diagram is scaled to leave room for the longest heading and introduction (ru, kk and ky
    once left them alone on a page, 17 % full, with the diagram overleaf)."""
    reader = readers[lang]
    title = squash(h1(page(site, lang, "road-map/flowchart/")))
    texts = [squash(text) for text in pdf_text(pdf_path(site, lang))]
    first = next(i for i, t in enumerate(texts) if t.startswith(title) or f" {title}" in t[:300])
    assert squash(ui(lang, "roadmap_diagram_caption_print"))[:40] in texts[first], "the diagram is not on the title's page"
    assert reader.pages[first].mediabox.width < reader.pages[first].mediabox.height
    table = first + 1
    assert squash(ui(lang, "roadmap_table_heading")) in texts[table]
    assert reader.pages[table].mediabox.width > reader.pages[table].mediabox.height


def test_footnote_on_the_page_of_its_call(site, readers):
    """The first footnote of the prerequisites page sits on the page where it is called."""
    html = page(site, "en", "green-paper/chapter-1/prerequisites/")
    call = re.search(r'<sup id="fnref:([^"]+)">', html)
    if call is None:
        pytest.skip("the prerequisites page has no footnote yet")
    before = re.sub(r"<[^>]+>", "", html[: call.start()]).split()
    words = " ".join(before[-4:])
    note = re.search(rf'<li id="fn:{re.escape(call.group(1))}">(.*?)</li>', html, re.S).group(1)
    note = " ".join(re.sub(r"<[^>]+>|&#160;|&#8617;", " ", note).split())[:30]
    pages = [squash(text) for text in pdf_text(pdf_path(site, "en"))]
    with_note = [i for i, text in enumerate(pages) if note in text]
    assert with_note, f"footnote text {note!r} not found in the PDF"
    assert any(words in pages[i] for i in with_note), f"the call after {words!r} is not on the note's page"


def test_every_page_links_to_its_pdf_with_its_size(site):
    for lang in LANGUAGES:
        for path in ["", "green-paper/foreword/", "road-map/action-plan/"]:
            html = page(site, lang, path)
            name = f"{FILE}-{lang}.pdf"
            link = re.search(rf'<a href="([^"]*pdf/{re.escape(name)})"', html)
            assert link, f"no PDF link on {lang}/{path}"
            here = site / ("" if lang == "en" else lang) / path
            assert (here / link.group(1)).resolve() == pdf_path(site, lang).resolve()
            size = SIZE.search(html).group(1)
            assert re.fullmatch(r"\(PDF, \d+([.,]\d)? \S+\)", size), size


def test_two_builds_with_different_temporary_folders_give_the_same_bytes(project_copy, tmp_path):
    """Fresh font caches, other TMPDIRs, other hash seeds: the same sources, the same PDFs."""
    outputs = []
    for n in ("1", "2"):
        shutil.rmtree(project_copy / ".cache", ignore_errors=True)
        (tmp_path / f"tmp{n}").mkdir()
        result = mkdocs_build(project_copy, tmp_path / f"site{n}", env={
            "ROADMAP_PDF": "1", "ROADMAP_LANGUAGE": "kk", "TMPDIR": str(tmp_path / f"tmp{n}"),
            "PYTHONHASHSEED": n})
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / f"site{n}" / "pdf").glob("*.pdf"))})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) == 6
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []


def test_the_pdf_cache_keeps_what_was_used_last_and_stays_under_its_limit(tmp_path):
    """.cache/pdf grew by every PDF ever printed (59 MB in a working checkout after four days):
    over its limit, the PDFs used least recently go, each with its .json; a PDF taken from the
    cache counts as used."""
    from roadmap import print as edition_pdf

    cache, jobs = tmp_path / "cache", []
    for n in range(4):
        target = tmp_path / f"site/{n}.pdf"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"%PDF" + bytes(996))  # 1,000 bytes
        job = {"html": f"<p>{n}</p>", "fonts": "", "identifier": str(n), "stylesheets": [], "target": str(target)}
        edition_pdf.store(job, {"pages": 1, "bytes": 1000, "families": [], "refused": [], "dead_links": []}, cache)
        os.utime(cache / f"{edition_pdf.job_key(job)}.pdf", (1000 + n, 1000 + n))  # 0 the oldest, 3 the newest
        jobs.append(job)
    assert edition_pdf.cached(jobs[0], cache)["cached"]  # the oldest is used again: now the newest

    removed = edition_pdf.prune(cache, limit=2500)  # room for two

    keys = [edition_pdf.job_key(job) for job in jobs]
    assert sorted(removed) == sorted(keys[1:3])
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        f"{keys[n]}.{ext}" for n in (0, 3) for ext in ("pdf", "json"))
    assert edition_pdf.prune(cache, limit=2500) == []


# --- a page's own PDF (`pdf:` in its front matter) and bad input --------------------------------


def _only_languages(project: Path, keep: set[str]):
    """Build fewer languages in a copy of the project (fast break-it tests)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    out, locale = [], None
    for line in text.splitlines():
        found = re.match(r"\s*- locale: (\w+)", line)
        if found:
            locale = found.group(1)
        if locale and locale not in keep and re.match(r"\s*build: true", line):
            line = line.replace("build: true", "build: false")
        out.append(line)
    (project / "mkdocs.yml").write_text("\n".join(out) + "\n", encoding="utf-8")


def _ask_for_pdf(page: Path, stem: str):
    """Add `pdf: <stem>` to a page's front matter (made if it has none)."""
    if not page.exists():
        return
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = f"---\npdf: {stem}\n" + text[4:]
    else:
        text = f"---\npdf: {stem}\n---\n" + text
    page.write_text(text, encoding="utf-8")


def test_a_page_asking_for_a_pdf_gets_one(site, project_copy, tmp_path):
    """In a copy elsewhere with the project's PDF cache (filled by the build of `site`): the new
    PDFs are rendered, PDFs that nothing changed are taken from the cache (a moved checkout keeps
    its cache: fonts are keyed by content, not by path)."""
    shutil.copytree(ROOT / ".cache" / "pdf", project_copy / ".cache" / "pdf")
    _only_languages(project_copy, {"en", "kk"})
    for target in (project_copy / "docs/countries/index.md", project_copy / "docs/kk/countries/index.md"):
        _ask_for_pdf(target, "country-test")
    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_PDF": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    reported = [line for line in result.stdout.splitlines() if line.startswith("PDF ")]
    assert [line for line in reported if "country-test" in line and "unchanged" in line] == []
    assert any("country-kazakhstan-kk.pdf" in line and "unchanged" in line for line in reported), reported
    for lang in ("en", "kk"):
        pdf = tmp_path / "site/pdf" / f"country-test-{lang}.pdf"
        assert pdf.exists()
        reader = PdfReader(pdf)
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert len(reader.pages) < len(PdfReader(tmp_path / "site/pdf" / f"{FILE}-{lang}.pdf").pages)
        html = page(tmp_path / "site", lang, "countries/")
        assert f"pdf/country-test-{lang}.pdf" in html
    assert "country-test" not in page(tmp_path / "site", "en", "green-paper/foreword/")


def _fails_cleanly(project: Path, tmp_path: Path, *expected: str):
    result = mkdocs_build(project, tmp_path / "site", env={"ROADMAP_PDF": "1", "ROADMAP_LANGUAGE": "en"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for text in expected:
        assert text in output, output
    return output


def test_missing_font_is_named(project_copy, tmp_path):
    (project_copy / "docs/assets/fonts/roadmap-en-bold.woff2").unlink()
    _fails_cleanly(project_copy, tmp_path, "roadmap-en-bold.woff2", "make_fonts.py")


def test_a_link_that_leads_nowhere_in_the_pdf_is_named(tmp_path):
    """WeasyPrint drops an internal link whose anchor is not in the document, so the PDF alone
    cannot show it; the renderer names it."""
    from roadmap import print as edition_pdf

    html = ('<html lang="en"><body><p id="here">Here</p>'
            '<p><a href="#here">fine</a> <a href="#nowhere">dead</a></p></body></html>')
    result = edition_pdf.render({"html": html, "base_url": tmp_path.as_uri() + "/", "fonts": "", "stylesheets": [],
                                 "roots": [str(tmp_path)], "target": str(tmp_path / "out.pdf"), "identifier": "t"})
    assert result.get("dead_links") == ["nowhere"], result


def test_a_print_template_linking_nowhere_stops_the_build(project_copy, tmp_path):
    template = project_copy / "hooks/pdf_action_plan.html"
    template.write_text('<p><a href="#no-such-task">T99</a></p>\n' + template.read_text(encoding="utf-8"),
                        encoding="utf-8")
    _fails_cleanly(project_copy, tmp_path, "#road-map-action-plan--no-such-task", "lead nowhere in the PDF")


def test_broken_template_is_named(project_copy, tmp_path):
    template = project_copy / "hooks/pdf_edition.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    _fails_cleanly(project_copy, tmp_path, "hooks/pdf_edition.html", "line")


def test_bad_edition_date_is_named(project_copy, tmp_path):
    path = project_copy / "data/edition.yml"
    text = path.read_text(encoding="utf-8")
    assert "    date: 2026-11-21" in text
    path.write_text(text.replace("    date: 2026-11-21", "    date: 21.11.2026"), encoding="utf-8")
    _fails_cleanly(project_copy, tmp_path, "data/edition.yml", "YYYY-MM-DD")


def test_bad_pdf_stem_is_named(project_copy, tmp_path):
    _only_languages(project_copy, {"en"})
    _ask_for_pdf(project_copy / "docs/countries/index.md", "Country Test")
    _fails_cleanly(project_copy, tmp_path, "countries/index.md", '"Country Test" is not valid')


def _widths(font) -> dict[int, float]:
    """Glyph widths of a CID font, from its /W array."""
    widths, items, i = {}, list(font["/DescendantFonts"][0].get_object().get("/W", [])), 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], list) or hasattr(items[i + 1], "__iter__"):
            for offset, width in enumerate(items[i + 1]):
                widths[first + offset] = float(width)
            i += 2
        else:
            for cid in range(first, int(items[i + 1]) + 1):
                widths[cid] = float(items[i + 2])
            i += 3
    return widths


@pytest.mark.parametrize("lang", ["ru", "kk", "tg"])
def test_spaces_between_cyrillic_words_have_the_width_of_a_space(readers, lang):
    """A run of Cyrillic words takes its spaces from the Cyrillic font; when that font had no
    space glyph, the PDF drew each space 1000 units wide (double gaps between words)."""
    checked = 0
    for page_ in readers[lang].pages[:12]:
        drawn = {int(chunk, 16) for string in re.findall(rb"<([0-9a-fA-F]+)>", page_.get_contents().get_data())
                 for chunk in re.findall(rb"[0-9a-fA-F]{4}", string)}
        for font in page_.get("/Resources", {}).get("/Font", {}).values():
            font = font.get_object()
            if f"Roadmap-Noto-Sans-{lang}" not in str(font.get("/BaseFont")) or "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for cid in re.findall(r"<([0-9a-fA-F]+)>\s*<0020>", cmap):
                if int(cid, 16) not in drawn:  # mapped, but not drawn on this page
                    continue
                width = _widths(font).get(int(cid, 16), 1000.0)
                assert width < 400, f"{font['/BaseFont']}: a space is {width} units wide"
                checked += 1
    assert checked, "no space set in a Cyrillic font on the first pages"


def test_the_action_plan_is_a_table_whose_header_row_repeats_on_every_page(site, readers):
    """In print the plan is a table per stage and direction (hooks/pdf_action_plan.html), on
    landscape pages, its header row repeated on every page it runs over."""
    header = [ui("en", "roadmap_task"), ui("en", "roadmap_persons_involved"), ui("en", "roadmap_indicators")]
    texts = pdf_text(pdf_path(site, "en"))
    pages = [p for p, text in zip(readers["en"].pages, texts) if all(label in text for label in header)]
    plan_pages = [p for p in pages if p.mediabox.width > p.mediabox.height]
    assert len(plan_pages) >= 3, "the action plan's header row is not on each of its pages"
