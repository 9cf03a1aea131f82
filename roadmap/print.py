"""The PDF editions: the site's own pages, printed by WeasyPrint.

Plain data in, plain data out, so that the work can run in worker processes and tests can call
it directly:

- `printable()` turns one page's HTML into a chapter of a PDF (links inside the PDF, footnotes at
  their call, headings nested by the nav);
- `print_fonts()` gives WeasyPrint the project's own fonts (and nothing else);
- `render()` writes one PDF, reading only what `SiteFetcher` allows: the site's files, the print
  stylesheets and the project's fonts. Any other URL in a page (`file:` outside the site, http(s),
  paths climbing out of the site) is refused, named in the result, and never fetched;
- `cached()` / `store()` keep each PDF under the hash of everything that goes into it, so an
  unchanged PDF is not rendered again; `prune()` keeps that cache under 100 MB, dropping the PDFs
  used least recently.
"""

import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from roadmap.fonts import faces_of, font_faces

PDF_VARIANT = "pdf/ua-1"
FAMILY = "Roadmap Noto Sans"


class EditionError(Exception):
    """Bad input for the PDF edition: the message says which file and what to do."""


@dataclass
class Chapter:
    """One page of the site inside an edition."""

    id: str
    path: str  # the page's path in docs/, without a language folder
    title: str
    level: int
    html: str
    landscape: bool = False
    appendix: bool = False
    translated: bool = True


def replace_block(html: str, name: str, render) -> str:
    """Replace each block a hook generated at a `<!-- roadmap:<name> -->` marker (kept between the
    marker and `<!-- /roadmap:<name> -->`) with `render(match)`: its print version."""
    block = re.compile(rf"<!--\s*roadmap:{re.escape(name)}(?:\s+([^\s>]+))?\s*-->.*?<!-- /roadmap:{re.escape(name)} -->", re.S)
    return block.sub(lambda match: render(match), html)


def pdf_name(stem: str, lang: str) -> str:
    return f"{stem}-{lang}.pdf"


def created(date: str) -> str:
    """The PDFs' creation date: the edition date, so that the same sources give the same bytes."""
    return f"{date}T00:00:00Z"


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

ABBR = re.compile(r"</?abbr\b[^>]*>")
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
) -> str:
    """A page's HTML ready to sit inside the edition.

    - ids become `<pid>--<id>` (footnote numbers and heading ids repeat across pages);
    - links to pages in the edition jump inside the PDF; other site links become absolute URLs;
    - images are read from the site's own files (`site_dir`: docs/ before the build copies them);
    - headings move down by the page's depth in the nav (a chapter's sections nest under it).
    """
    html = HEADERLINK.sub("", html)
    html = ABBR.sub("", html)  # a tooltip means nothing on paper
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


def print_fonts(fonts_css: Path, cache_dir: Path, lang: str) -> tuple[str, list[str], list[Path]]:
    """@font-face rules for print (the language's own faces, as on the site), the font-family
    list that uses them, and the font files. The files are given to WeasyPrint uncompressed
    (made once, named by their content), not as woff2 it would decompress again for every PDF."""
    faces = faces_of(font_faces(fonts_css), lang)
    if not faces:
        raise EditionError(f"{fonts_css} declares no font for the language '{lang}': run "
                           "`.venv/bin/python scripts/make_fonts.py` (needs `apt-get install fonts-noto-core`).")
    rules, files = [], []
    for face in faces:
        ttf = as_ttf(face.path, cache_dir)
        files.append(ttf)
        rules.append(
            "@font-face { "
            f'font-family: "{face.family}"; font-style: {face.style}; font-weight: {face.weight}; '
            f'src: url("{ttf.as_uri()}"); }}'
        )
    return "\n".join(rules), [faces[0].family], files


def as_ttf(woff2: Path, cache_dir: Path) -> Path:
    """The same font, uncompressed, in `cache_dir`, named by its content. The font's own dates
    are kept, so the same font file always gives the same bytes (and the same PDFs)."""
    data = woff2.read_bytes()
    ttf = cache_dir / f"{woff2.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not ttf.exists():
        from fontTools.ttLib import TTFont

        ttf.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(woff2, recalcTimestamp=False)
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


# --- what WeasyPrint may read -----------------------------------------------------------------


def allowed(url: str, roots: list[str]) -> Path | None:
    """The local file `url` names, if it lies inside one of `roots` (folders or files); else
    None. Only file: URLs; `..` cannot climb out because the path is resolved first."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    for root in map(Path, roots):
        root = root.resolve()
        if path == root or root in path.parents:
            return path if path.is_file() else None
    return None


def _fetcher(roots: list[str], refused: list[str]):
    """Reads the site's own files and fonts; refuses everything else, and notes it."""

    def fetch(url):
        path = allowed(url, roots)
        if path is None:
            refused.append(url)
            raise ValueError(f"refused: {url} is not a file of the site")
        return {"string": path.read_bytes(), "mime_type": _mime(path), "redirected_url": url}

    return fetch


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg", ".ttf": "font/ttf", ".woff2": "font/woff2", ".woff": "font/woff",
            ".gif": "image/gif", ".webp": "image/webp"}.get(path.suffix.lower(), "application/octet-stream")


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
            f"WeasyPrint is not installed ({error}): run `bash scripts/setup.sh`."
        ) from None


def job_key(job: dict) -> str:
    """The hash of everything that goes into one PDF: its HTML, stylesheets, fonts, identifier
    and the WeasyPrint version; not where the project lies (a moved checkout keeps its cache)."""
    import weasyprint

    fonts = job["fonts"]
    for path in job.get("font_files", []):  # hashed by content below, wherever the checkout lies
        fonts = fonts.replace(Path(path).as_uri(), Path(path).name)
    digest = hashlib.sha256()
    for part in (job["html"], fonts, job["identifier"], weasyprint.__version__, PDF_VARIANT):
        digest.update(part.encode())
        digest.update(b"\0")
    for path in job["stylesheets"] + job.get("font_files", []):
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cached(job: dict, cache_dir: Path) -> dict | None:
    """The result of an identical PDF rendered before, copied to the job's target; else None."""
    key = job_key(job)
    pdf, meta = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    if not (pdf.exists() and meta.exists()):
        return None
    result = json.loads(meta.read_text(encoding="utf-8"))
    _write(Path(job["target"]), pdf.read_bytes())
    pdf.touch()  # used now: the last to go when the cache is pruned
    return {**result, "target": job["target"], "seconds": 0.0, "cached": True}


def store(job: dict, result: dict, cache_dir: Path) -> None:
    key = job_key(job)
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(job["target"], cache_dir / f"{key}.pdf.part")
    (cache_dir / f"{key}.pdf.part").replace(cache_dir / f"{key}.pdf")
    keep = {k: result[k] for k in ("pages", "bytes", "families", "refused", "dead_links")}
    (cache_dir / f"{key}.json").write_text(json.dumps(keep), encoding="utf-8")


CACHE_LIMIT = 100 * 1024 * 1024  # .cache/pdf: about fifteen builds of all 42 PDFs


def prune(cache_dir: Path, limit: int = CACHE_LIMIT) -> list[str]:
    """Keep the cache under `limit` bytes: the PDFs used least recently (by the date `cached` and
    `store` give them) go first, each with its .json. Returns the keys removed."""
    entries = []
    for pdf in cache_dir.glob("*.pdf"):
        try:
            info = pdf.stat()
        except FileNotFoundError:  # removed meanwhile by another build
            continue
        entries.append((info.st_mtime, info.st_size, pdf))
    entries.sort(reverse=True)  # newest first
    total, removed = 0, []
    for _, size, pdf in entries:
        total += size
        if total > limit:
            pdf.unlink(missing_ok=True)
            pdf.with_suffix(".json").unlink(missing_ok=True)
            removed.append(pdf.stem)
    return removed


class _DeadLinks(logging.Handler):
    """WeasyPrint's word that a link in the document leads to no anchor in it (it then drops the
    link, so the PDF alone cannot show it): the anchors, collected."""

    MESSAGE = "No anchor #%s for internal URI reference"  # weasyprint/pdf/anchors.py (65)

    def __init__(self, found: list[str]):
        super().__init__(logging.ERROR)
        self.found = found

    def emit(self, record):
        if record.msg == self.MESSAGE and record.args:
            self.found.append(str(record.args[0]))


def render(job: dict) -> dict:
    """Write one PDF. `job`: html, base_url, fonts (CSS), stylesheets (paths), roots (what may be
    read), target (path), identifier. Returns pages, seconds, bytes, the font families used, the
    URLs refused and the links that lead nowhere (`dead_links`), or `error` (a plain message)."""
    refused: list[str] = []
    dead_links: list[str] = []
    weasyprint_log = logging.getLogger("weasyprint")
    handler = _DeadLinks(dead_links)
    weasyprint_log.addHandler(handler)
    try:
        check_weasyprint()
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        started = time.process_time()  # the CPU time of printing, not of starting the worker
        fetcher = _fetcher(job["roots"], refused)
        fonts = FontConfiguration()
        stylesheets = [CSS(string=job["fonts"], font_config=fonts, url_fetcher=fetcher)] if job.get("fonts") else []
        stylesheets += [CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher) for path in job["stylesheets"]]
        document = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=fetcher).render(
            stylesheets=stylesheets, font_config=fonts
        )
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_identifier=job["identifier"].encode(),
            custom_metadata=False,
        )
        seconds = time.process_time() - started
    except EditionError as error:
        return {"target": job["target"], "error": str(error)}
    except Exception as error:  # reported by the hook as one line, never as a traceback
        return {"target": job["target"], "error": f"{type(error).__name__}: {error}"}
    finally:
        weasyprint_log.removeHandler(handler)
    try:
        _write(Path(job["target"]), pdf)
    except OSError as error:
        return {"target": job["target"], "error": f"could not write the PDF ({error.strerror})"}
    return {
        "target": job["target"],
        "pages": len(document.pages),
        "seconds": seconds,
        "bytes": len(pdf),
        "families": sorted({_text(font.family) for font in document.fonts.values()}),
        "refused": sorted(set(refused)),
        "dead_links": sorted(set(dead_links)),
    }


def _text(name: str | bytes) -> str:
    """A font family name (bytes in WeasyPrint 65)."""
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else name


def _write(target: Path, data: bytes) -> None:
    """Write whole or not at all: a .part file renamed once complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def human_size(size: int, decimal_mark: str = ".", units: tuple[str, str] = ("KB", "MB")) -> str:
    """1234567 -> '1.2 MB' (with the language's decimal mark)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} {units[0]}"
    return f"{size / 1024 / 1024:.1f}".replace(".", decimal_mark) + f" {units[1]}"
