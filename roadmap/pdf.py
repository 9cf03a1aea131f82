"""The White Paper edition: the site's own pages, printed by WeasyPrint as one PDF per language.

hooks/pdf.py collects each page's final HTML; this module turns those pages into one printable
HTML document (links inside the PDF, footnotes at their call, headings nested by the nav) and
renders it in a worker process (`render`). Everything here is plain data in, plain data out, so
the worker can run in another process and tests can call it directly.
"""

import datetime
import hashlib
import os
import posixpath
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

PDF_VARIANT = "pdf/ua-1"
FAMILY = "Roadmap Noto Sans"
HYPHENATED = {"en", "ru"}  # languages pyphen has a dictionary for; the others are ragged right
STEM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class EditionError(Exception):
    """Bad input for the PDF edition: the message says which file and what to do."""


@dataclass
class Chapter:
    """One page of the site inside the edition."""

    id: str
    title: str
    level: int
    html: str
    landscape: bool = False
    appendix: bool = False
    translated: bool = True


@dataclass
class Edition:
    """Everything the template needs for one PDF."""

    lang: str
    file: str
    title: str
    title_lang: str
    label: str
    label_lang: str
    chapters: list[Chapter] = field(default_factory=list)
    kind: str = "edition"  # "edition" or "page" (a page's own short PDF)


# --- data/edition.yml -------------------------------------------------------------------------

REQUIRED = ("version", "date", "working_group", "author", "file", "contents")


def load_edition(root: Path) -> dict:
    """data/edition.yml, checked: every problem names the file and the key."""
    path = root / "data" / "edition.yml"
    name = "data/edition.yml"
    if not path.exists():
        raise EditionError(f"{name} is missing: it holds the PDF edition's title, version and date.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise EditionError(f"{name}{where}: not valid YAML ({getattr(error, 'problem', error)}).")
    for key in REQUIRED:
        if not data.get(key):
            raise EditionError(f"{name}: the key `{key}` is missing or empty.")
    date = data["date"]
    if isinstance(date, str):
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError:
            raise EditionError(f"{name}: `date: {date}` is not a date; write it as YYYY-MM-DD.")
    if not isinstance(date, datetime.date):
        raise EditionError(f"{name}: `date` must be a date written as YYYY-MM-DD.")
    data["date"] = date
    if not STEM.match(str(data["file"])):
        raise EditionError(f"{name}: `file: {data['file']}` must be lower-case letters, digits and -.")
    return data


def created(edition: dict) -> str:
    """The PDFs' creation date: the edition date, so that the same sources give the same bytes."""
    return f"{edition['date'].isoformat()}T00:00:00Z"


def pdf_name(stem: str, lang: str) -> str:
    return f"{stem}-{lang}.pdf"


# --- which pages, in which order ----------------------------------------------------------------


def select(paths: list[str], wanted: list[str]) -> list[str]:
    """The nav's page paths (in nav order) that `wanted` names, in the order of `wanted`.
    A folder entry (ending in /) takes every page under it."""
    chosen = []
    for entry in wanted:
        for path in paths:
            if (path.startswith(entry) if entry.endswith("/") else path == entry) and path not in chosen:
                chosen.append(path)
    return chosen


def page_id(path: str) -> str:
    """green-paper/chapter-1/index.md -> green-paper-chapter-1 (an id usable as a PDF anchor)."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/") or "home"
    return re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")


# --- one page's HTML, made printable ---------------------------------------------------------

HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
FOOTNOTES = re.compile(r'<div class="footnote">\s*(?:<hr\s*/?>)?\s*<ol>(.*?)</ol>\s*</div>', re.S)
FOOTNOTE_ITEM = re.compile(r'<li id="fn:([^"]+)">(.*?)</li>', re.S)
FOOTNOTE_CALL = re.compile(
    r'<sup id="fnref(\d*):([^"]+)"><a class="footnote-ref" href="#fn:[^"]+"[^>]*>[^<]*</a></sup>'
)
BACKREF = re.compile(r'(?:&#160;|\s)*<a class="footnote-backref"[^>]*>.*?</a>', re.S)
ID = re.compile(r'(\sid=")([^"]+)(")')
HREF = re.compile(r'(\s(?:xlink:)?href=")([^"]*)(")')
ID_REFS = re.compile(r'(\s(?:aria-labelledby|aria-describedby|for|headers)=")([^"]+)(")')
URL_REF = re.compile(r"url\(#([^)]+)\)")
SRC = re.compile(r'(\ssrc=")([^"]*)(")')
HEADING = re.compile(r"<(/?)h([1-6])\b")
FIRST_H1 = re.compile(r"<h1\b([^>]*)>")


def _footnotes_in_place(html: str) -> str:
    """Move each footnote's text to its call, as <span class="footnote"> (CSS float: footnote)."""
    notes = {}
    for block in FOOTNOTES.findall(html):
        for key, text in FOOTNOTE_ITEM.findall(block):
            text = BACKREF.sub("", text).strip()
            text = re.sub(r"</p>\s*<p>", "<br>", text)
            text = re.sub(r"</?p>", "", text).strip()
            notes[key] = text
    html = FOOTNOTES.sub("", html)

    def call(match):
        again, key = match.groups()
        if key not in notes:
            return match.group(0)
        if again:  # a second call of the same footnote: point at the first one
            return f'<a class="footnote-again" href="#fn-{key}">*</a>'
        return f'<span class="footnote" id="fn-{key}">{notes[key]}</span>'

    return FOOTNOTE_CALL.sub(call, html)


PLAN_GROUP = re.compile(r'<div class="roadmap-tasks"([^>]*)>(.*?)</div>', re.S)
PLAN_TASK = re.compile(
    r'<article class="roadmap-task[^"]*" id="([^"]+)"[^>]*>\s*<h4[^>]*>(.*?)</h4>\s*<dl>(.*?)</dl>\s*</article>', re.S)
PLAN_FIELD = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.S)


def plan_as_table(html: str, task_label: str) -> str:
    """The action plan's task cards (hooks/action_plan.html) as tables for print: one table per
    stage and direction, one row per task, its header row repeated on every page it spans.
    The labels of the cards' fields become the header row, in the page's language."""
    tasks = [(task_id, text, PLAN_FIELD.findall(fields)) for task_id, text, fields in PLAN_TASK.findall(html)]
    if not tasks:
        return html
    labels: list[str] = []
    for _, _, fields in tasks:
        labels += [label for label, _ in fields if label not in labels]

    def table(group: re.Match) -> str:
        rows = []
        for task_id, text, fields in (
            (i, t, PLAN_FIELD.findall(f)) for i, t, f in PLAN_TASK.findall(group.group(2))
        ):
            values = dict(fields)
            cells = "".join(f"<td>{values.get(label, '')}</td>" for label in labels)
            rows.append(f'<tr id="{task_id}"><th scope="row">{text}</th>{cells}</tr>')
        head = "".join(f'<th scope="col">{label}</th>' for label in [task_label, *labels])
        return (f'<table class="roadmap-plan-table"{group.group(1)}><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')

    return PLAN_GROUP.sub(table, html)


def printable(
    html: str,
    *,
    pid: str,
    page_url: str,
    level: int,
    title: str,
    ids_by_url: dict[str, str],
    site_url: str,
    site_dir: Path,
    task_label: str = "Task",
) -> str:
    """A page's HTML ready to sit inside the edition.

    - the action plan's task cards become tables (`plan_as_table`);
    - ids become `<pid>--<id>` (footnote numbers and heading ids repeat across pages);
    - links to pages in the edition jump inside the PDF; other site links become absolute URLs;
    - images are read from the built site;
    - headings move down by the page's depth in the nav (a chapter's sections nest under it).
    """
    html = HEADERLINK.sub("", html)
    html = plan_as_table(html, task_label)
    html = _footnotes_in_place(html)
    html = ID.sub(lambda m: f"{m.group(1)}{pid}--{m.group(2)}{m.group(3)}", html)
    html = ID_REFS.sub(
        lambda m: m.group(1) + " ".join(f"{pid}--{ref}" for ref in m.group(2).split()) + m.group(3), html
    )
    html = URL_REF.sub(lambda m: f"url(#{pid}--{m.group(1)})", html)
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def href(match):
        url = match.group(2)
        return f"{match.group(1)}{_link(url, pid, base, ids_by_url, site_url)}{match.group(3)}"

    def src(match):
        url = match.group(2)
        if urlsplit(url).scheme or url.startswith("//"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(base, url.split("#")[0]))
        return f"{match.group(1)}{(site_dir / target).resolve().as_uri()}{match.group(3)}"

    html = HREF.sub(href, html)
    html = SRC.sub(src, html)

    first = FIRST_H1.search(html)
    if first:
        attrs = first.group(1)
        if 'class="' in attrs:
            attrs = attrs.replace('class="', 'class="page-title ', 1)
        else:
            attrs += ' class="page-title"'
        html = html[: first.start()] + f"<h1{attrs}>" + html[first.end() :]
    else:
        html = f'<h1 class="page-title" id="{pid}--title">{_escape(title)}</h1>\n{html}'
    shift = level - 1
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)


def _link(url: str, pid: str, base: str, ids_by_url: dict[str, str], site_url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return url  # external (https:, mailto:): stays as it is, clickable
    if url.startswith("#"):
        return f"#{pid}--{url[1:]}" if len(url) > 1 else f"#{pid}"
    path = posixpath.normpath(posixpath.join(base, parts.path)) if parts.path else base
    path = "" if path == "." else path.lstrip("/")
    key = path.rstrip("/") + "/" if path else ""
    if path.endswith("index.html"):
        key = path[: -len("index.html")]
    target = ids_by_url.get(key)
    if target:
        return f"#{target}--{parts.fragment}" if parts.fragment else f"#{target}"
    absolute = site_url.rstrip("/") + "/" + path + ("/" if url.split("#")[0].endswith("/") and path else "")
    return absolute + (f"#{parts.fragment}" if parts.fragment else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- fonts ------------------------------------------------------------------------------------

FONT_URL = re.compile(r'url\("?([^")]+)"?\)')


def font_files(fonts_css: Path) -> list[Path]:
    """The font files fonts.css names; a missing one stops the build with what to do."""
    if not fonts_css.exists():
        raise EditionError(
            f"{fonts_css} is missing: it declares the project's fonts. Restore it from Git, or "
            "run `.venv/bin/python scripts/make_fonts.py` (needs `apt-get install fonts-noto-core`)."
        )
    files = []
    for url in FONT_URL.findall(fonts_css.read_text(encoding="utf-8")):
        path = (fonts_css.parent / url).resolve()
        if not path.exists():
            raise EditionError(
                f"font file {path} (named in {fonts_css.name}) is missing: restore it from Git, or "
                "run `.venv/bin/python scripts/make_fonts.py` (needs `apt-get install fonts-noto-core`)."
            )
        files.append(path)
    return files


FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)
PART = re.compile(r"-(latin|cyrillic)\.woff2$")


def print_fonts(fonts_css: Path) -> tuple[str, list[str]]:
    """@font-face rules for print, and the font-family list that uses them.

    The site's fonts.css gives every file the one family "Roadmap Noto Sans" and lets
    unicode-range pick the file. WeasyPrint keys embedded fonts by family and style, so two files
    of one family would be merged into one PDF font and Cyrillic letters drawn with Latin glyphs.
    In print each file gets its own family ("Roadmap Noto Sans Latin", "... Cyrillic") and the
    family list names them all: Pango takes each letter from the first file that has it."""
    files = font_files(fonts_css)
    rules, families = [], []
    for face in FACE.findall(fonts_css.read_text(encoding="utf-8")):
        url = FONT_URL.search(face)
        if not url:
            continue
        path = (fonts_css.parent / url.group(1)).resolve()
        part = PART.search(path.name)
        family = f"{FAMILY} {part.group(1).title()}" if part else FAMILY
        if family not in families:
            families.append(family)
        body = re.sub(r'font-family:[^;]+;', f'font-family: "{family}";', face)
        body = FONT_URL.sub(f'url("{_as_ttf(path).as_uri()}")', body)
        body = re.sub(r"\s*font-display:[^;]+;", "", body)
        rules.append("@font-face {" + body + "}")
    assert len(rules) == len(files)
    return "\n".join(rules), families


def _as_ttf(woff2: Path) -> Path:
    """The same font, uncompressed, in the machine's temporary folder (named by its content, so
    it is made once and never stale): WeasyPrint would otherwise decompress each woff2 file again
    for every PDF, about a second per PDF."""
    data = woff2.read_bytes()
    ttf = Path(tempfile.gettempdir()) / "roadmap-fonts" / f"{woff2.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not ttf.exists():
        from fontTools.ttLib import TTFont

        ttf.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(woff2)
        font.flavor = None
        partial = ttf.with_suffix(f".{os.getpid()}.part")
        font.save(partial)
        partial.replace(ttf)
    return ttf


def missing_characters(text: str, font_paths: list[Path]) -> list[str]:
    """Characters of `text` that none of the project's fonts can draw (they would come from a
    machine font)."""
    from fontTools.ttLib import TTFont

    covered = set()
    for path in font_paths:
        covered |= set(TTFont(path, lazy=True).getBestCmap())
    return sorted({c for c in text if ord(c) > 0x20 and ord(c) not in covered and c not in "\u00ad"})


# --- rendering (runs in a worker process) ----------------------------------------------------

SYSTEM_LIBRARIES = (
    "WeasyPrint cannot load its system libraries ({error}). Install them with "
    "`sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0` "
    "or run `bash scripts/setup.sh`."
)


def check_weasyprint() -> None:
    """Import WeasyPrint now, so that a missing Pango or HarfBuzz is one plain message."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        raise EditionError(SYSTEM_LIBRARIES.format(error=error)) from None
    except ImportError as error:
        raise EditionError(
            f"WeasyPrint is not installed ({error}): run `.venv/bin/pip install -e .` "
            "or `bash scripts/setup.sh`."
        ) from None


def render(job: dict) -> dict:
    """Write one PDF. `job`: html, base_url, stylesheets (paths), target (path), identifier.
    Returns pages, seconds, bytes and the font families used, or `error` (a plain message)."""
    try:
        check_weasyprint()
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        started = time.perf_counter()  # the time to print, not to start the worker
        fonts = FontConfiguration()
        stylesheets = [CSS(string=job["fonts"], font_config=fonts)] if job.get("fonts") else []
        stylesheets += [CSS(filename=str(path), font_config=fonts) for path in job["stylesheets"]]
        document = HTML(string=job["html"], base_url=job["base_url"]).render(
            stylesheets=stylesheets, font_config=fonts
        )
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_identifier=job["identifier"].encode(),
            custom_metadata=False,
        )
    except EditionError as error:
        return {"target": job["target"], "error": str(error)}
    except Exception as error:  # reported by the hook as one line, never as a traceback
        return {"target": job["target"], "error": f"{type(error).__name__}: {error}"}
    target = Path(job["target"])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".pdf.part")
    partial.write_bytes(pdf)
    partial.replace(target)
    return {
        "target": str(target),
        "pages": len(document.pages),
        "seconds": time.perf_counter() - started,
        "bytes": len(pdf),
        "families": sorted({font.family for font in document.fonts.values()}),
        "fonts": sorted({font.name.decode() for font in document.fonts.values()}),
    }


def human_size(size: int, decimal_mark: str = ".", units: tuple[str, str] = ("KB", "MB")) -> str:
    """1234567 -> '1.2 MB' (with the language's decimal mark)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} {units[0]}"
    return f"{size / 1024 / 1024:.1f}".replace(".", decimal_mark) + f" {units[1]}"
