"""The project's measurements, each as a ratio against a reference measured in the same run.

    .venv/bin/python scripts/benchmark.py                 # tables: ours, reference, ratio
    .venv/bin/python scripts/benchmark.py --json          # the same numbers for machines
    .venv/bin/python scripts/benchmark.py --out b.json    # tables, and the JSON saved to a file

The machine this runs on is shared and noisy, so no number stands alone: each is set beside a
reference measured in the same run, and the ratio is what to compare across runs.

1. HTML build CPU (ROADMAP_PDF=0, --strict) against a STOCK build of the same Markdown: a copy of
   docs/ with a minimal mkdocs.yml (same nav, markdown_extensions and languages; Material, search,
   mkdocs-static-i18n with the folder layout and fallback_to_default; no hooks, custom_dir or extra
   CSS/JS). CPU is user + sys of the build and all its child processes (os.wait4). The builds
   alternate, ours then stock, --builds times; the medians are compared. The same for a
   one-language preview (ROADMAP_LANGUAGE=kk).
2. PDFs: a full build from a copy of the project with an empty .cache (cold), its `PDF ...` lines
   (pages, CPU per PDF), then a second build with the cache kept (warm: every PDF "unchanged").
   Reference: WeasyPrint alone laying out the text of the English edition's pages as plain <p>
   paragraphs with the project's fonts and no other CSS, in a subprocess (ms per page; also per
   1,000 printed letters, which does not reward larger type or emptier pages); then the same
   paragraphs on the edition's own pages (hooks/pdf.css, PDF/UA-1), to tell what the edition's
   structure costs from what its denser pages cost.
3. What a reader downloads on a first view: bytes over the wire (gzip, from nginx) and requests,
   as headless Chromium fetches them (Chrome DevTools Protocol network events), for each page
   type in each language, against the stock build's page of the same type. Budget: 100 KB.
4. Lighthouse mobile (default throttling) in light and dark, from the same nginx, against the
   stock build's pages in the same run. By default only the home and Green Paper page in English
   (each with its stock reference); --lighthouse runs every selected page type and language.

Sections can be skipped (--skip pdf,lighthouse ...). Needs: Chromium (/usr/bin/chromium or
CHROME_PATH) and chromedriver, nginx (apt-get install nginx; run here on 127.0.0.1 with a
temporary configuration), and lighthouse in node_modules (npm ci, or a link to a checkout's).
"""

import argparse
import base64
import html
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's roadmap/, not an installed one

KB = 1024
BUDGET = 100 * KB  # bytes over the wire for a first view of any page (issue 10)
TARGETS = {"html_cpu": 1.3, "edition_vs_plain": 2.0}  # issues 8 and 11

# The page types of the site, by their path under a language's root (issue 10). The 404 page is
# fetched as the file itself (<lang>/404.html if the build makes one, else 404.html): Lighthouse
# refuses a page answered with status 404.
PAGE_TYPES = {
    "home": "",
    "green-paper": "green-paper/foreword/",
    "direction": "green-paper/chapter-2/directions/culture/",
    "flowchart": "road-map/flowchart/",
    "action-plan": "road-map/action-plan/",
    "country": "countries/kazakhstan/",
    "overview": "countries/",
    "scorecard": "countries/scorecard/",
    "data": "road-map/data/",
    "404": "404.html",
}
LIGHTHOUSE_DEFAULT_PAGES = ["home", "green-paper"]
SCHEMES = {
    "light": [],
    # Both flags were checked one by one: each alone makes prefers-color-scheme: dark in headless
    # Chromium (Material's automatic palette turns dark). Every run's final screenshot is checked.
    "dark": ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"],
}
PDF_LINE = re.compile(r"^PDF (\S+)\s+(\S+\.pdf): (\d+) pages, (?:([\d.]+) s CPU \((\d+) ms/page\)|(unchanged))")


class Failure(Exception):
    """A measurement that could not be made: reported as one plain line."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(ours, reference):
    return round(ours / reference, 2) if ours is not None and reference else None


# --- running a command and counting its CPU ---------------------------------------------------


def run(command: list[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run a command; CPU is user + sys of it and every child process it waited for (os.wait4
    reports the waited-for descendants too, e.g. the PDF worker processes). `env` adds to the
    environment; a None value removes the variable."""
    env = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "returncode": process.returncode,
                "max_rss_mb": round(usage.ru_maxrss / 1024), "timed_out": wall > timeout,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


# --- the project, a copy of it, and the stock site ----------------------------------------------


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/...): they become None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(project: Path) -> tuple[dict, dict]:
    """mkdocs.yml as data, and the text of each top-level block (to copy a block verbatim)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    blocks = {m.group(1): m.group(0) for m in re.finditer(r"(?ms)^([A-Za-z_]+):.*?(?=^[A-Za-z_]+:|\Z)", text)}
    return yaml.load(text, Loader=_Loader), blocks


def languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise Failure("mkdocs.yml names no i18n plugin languages")


def copy_project(target: Path) -> Path:
    """This checkout's files, without its builds, caches and Git data: builds run there, so the
    checkout itself (and its .cache/pdf) is never touched."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", "site", ".cache", "node_modules", ".venv", "build", "__pycache__", ".pytest_cache", "*.egg-info"))
    return target


def stock_project(target: Path) -> Path:
    """The same Markdown with a minimal mkdocs.yml: Material, search, i18n; nothing of ours."""
    import material

    config, blocks = read_mkdocs_yml(ROOT)
    shipped = {p.stem for p in (Path(material.__file__).parent / "templates/partials/languages").glob("*.html")}
    langs = []
    for lang in languages(config):
        entry = {"locale": lang["locale"], "name": lang["name"], "build": True}
        if lang.get("default"):
            entry["default"] = True
        # Material ships no interface strings for kk, ky, tg, tk: those get English ones. Every
        # language names its theme language, else mkdocs-static-i18n 1.3 carries one language's
        # override over into the next language built.
        entry["theme"] = {"language": lang["locale"] if lang["locale"] in shipped else "en"}
        langs.append(entry)
    stock = {
        "site_name": config["site_name"],
        "site_url": config.get("site_url"),
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "fallback_to_default": True,
                                        "build_only_locale": "__ROADMAP_LANGUAGE__", "languages": langs}}],
    }
    text = yaml.safe_dump(stock, allow_unicode=True, sort_keys=False)
    text = re.sub(r"'?__ROADMAP_LANGUAGE__'?", "!ENV [ROADMAP_LANGUAGE]", text)
    text += blocks["nav"] + blocks.get("markdown_extensions", "")  # verbatim: keeps the slugify tag
    target.mkdir(parents=True)
    shutil.copytree(ROOT / config.get("docs_dir", "docs"), target / "docs")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    return target


def mkdocs_build(project: Path, site: Path, strict: bool, pdf: bool = False, language: str | None = None) -> dict:
    env = {"NO_MKDOCS_2_WARNING": "1", "ROADMAP_PDF": "1" if pdf else "0", "PYTHONPATH": str(project),
           "ROADMAP_LANGUAGE": language}
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    result = run(command, project, env)
    if result["returncode"] != 0:
        tail = "\n".join((result["stdout"] + result["stderr"]).strip().splitlines()[-8:])
        raise Failure(f"the build in {project.name} failed (status {result['returncode']}):\n{tail}")
    pages = sum(1 for p in site.rglob("*.html") if p.name != "404.html")
    return {"cpu_s": round(result["cpu"], 2), "wall_s": round(result["wall"], 2), "pages": pages,
            "ms_per_page": round(1000 * result["cpu"] / pages, 1) if pages else None,
            "max_rss_mb": result["max_rss_mb"], "warnings": result["stderr"].count("WARNING"),
            "stdout": result["stdout"]}


# --- 1. HTML build CPU --------------------------------------------------------------------------


def measure_html(work: Path, ours: Path, stock: Path, runs: int, preview: str) -> dict:
    """Ours and stock, alternating, `runs` times each; then the one-language preview."""
    result = {}
    for name, language in (("full", None), ("preview", preview)):
        samples = {"ours": [], "stock": []}
        for i in range(runs):
            for who, project, strict in (("ours", ours, True), ("stock", stock, False)):
                site = work / f"site-{who}-{name}"
                shutil.rmtree(site, ignore_errors=True)
                log(f"  build {i + 1}/{runs}: {who} ({'all languages' if name == 'full' else language})")
                build = mkdocs_build(project, site, strict=strict, language=language)
                build.pop("stdout")
                samples[who].append(build)
        row = {"language": language or "all"}
        for who, builds in samples.items():
            row[who] = {"cpu_s": round(median(b["cpu_s"] for b in builds), 2),
                        "ms_per_page": round(median(b["ms_per_page"] for b in builds), 1),
                        "wall_s": round(median(b["wall_s"] for b in builds), 2),
                        "pages": builds[-1]["pages"], "max_rss_mb": max(b["max_rss_mb"] for b in builds),
                        "warnings": builds[-1]["warnings"], "runs_cpu_s": [b["cpu_s"] for b in builds]}
        row["ratio_cpu"] = ratio(row["ours"]["cpu_s"], row["stock"]["cpu_s"])
        row["ratio_ms_per_page"] = ratio(row["ours"]["ms_per_page"], row["stock"]["ms_per_page"])
        row["ratio_per_run"] = [ratio(a["ms_per_page"], b["ms_per_page"]) for a, b in zip(samples["ours"], samples["stock"])]
        result[name] = row
    return result


# --- 2. PDFs ------------------------------------------------------------------------------------


def pdf_lines(stdout: str, site: Path) -> list[dict]:
    pdfs = []
    for line in stdout.splitlines():
        found = PDF_LINE.match(line)
        if not found:
            continue
        lang, name, pages, seconds, ms_per_page, unchanged = found.groups()
        path = site / "pdf" / name
        pdfs.append({"file": name, "lang": lang, "pages": int(pages), "unchanged": bool(unchanged),
                     "cpu_s": None if unchanged else float(seconds),  # the hook prints 0.1 s
                     "ms_per_page": None if unchanged else int(ms_per_page),  # from unrounded seconds
                     "bytes": path.stat().st_size if path.exists() else None})
    return pdfs


def measure_pdfs(work: Path, ours: Path, html_cpu: float | None) -> dict:
    edition = yaml.safe_load((ours / "data" / "edition.yml").read_text(encoding="utf-8"))
    shutil.rmtree(ours / ".cache" / "pdf", ignore_errors=True)  # cold: nothing printed before
    site = work / "site-ours-pdf"
    log("  build with PDFs, cold cache")
    cold = mkdocs_build(ours, site, strict=True, pdf=True)
    pdfs = pdf_lines(cold.pop("stdout"), site)
    if not pdfs:
        raise Failure("the build printed no `PDF ...` lines (hooks/pdf.py changed its report?)")
    for p in pdfs:
        p["kind"] = "edition" if p["file"].startswith(edition["file"] + "-") else "page"
    log("  build with PDFs again, cache kept")
    warm = mkdocs_build(ours, site, strict=True, pdf=True)
    warm_pdfs = pdf_lines(warm.pop("stdout"), site)

    printed = [p for p in pdfs if not p["unchanged"]]
    totals = {}
    for kind in ("edition", "page", "all"):
        chosen = [p for p in printed if kind in ("all", p["kind"])]
        if chosen:
            cpu, pages = sum(p["cpu_s"] for p in chosen), sum(p["pages"] for p in chosen)
            totals[kind] = {"files": len(chosen), "pages": pages, "cpu_s": round(cpu, 2),
                            "ms_per_page": round(1000 * cpu / pages), "bytes": sum(p["bytes"] or 0 for p in chosen)}
    log("  plain paragraphs in WeasyPrint (reference)")
    plain = plain_reference(work, ours, site, edition)
    floor = plain["plain"]["ms_per_page"]
    for p in pdfs:
        p["ratio_vs_plain"] = ratio(p["ms_per_page"], floor)
    for t in totals.values():
        t["ratio_vs_plain"] = ratio(t["ms_per_page"], floor)
    english = next((p for p in pdfs if p["kind"] == "edition" and p["lang"] == "en"), None)
    per_text = None
    if english and english["cpu_s"]:
        ours_chars = printed_characters(site / "pdf" / english["file"])
        plain_chars = printed_characters(work / "plain.pdf")
        if ours_chars and plain_chars:
            ours_ms, plain_ms = 1e6 * english["cpu_s"] / ours_chars, 1e6 * plain["plain"]["cpu_s"] / plain_chars
            per_text = {"characters": ours_chars, "plain_characters": plain_chars,
                        "ms_per_1000": round(ours_ms, 1), "plain_ms_per_1000": round(plain_ms, 1),
                        "ratio": ratio(ours_ms, plain_ms)}
    return {
        "pdfs": pdfs, "totals": totals, "plain": plain,
        "cold_build": cold, "warm_build": warm,
        "pdf_share_of_build_cpu": round(totals["all"]["cpu_s"] / cold["cpu_s"], 2) if printed else None,
        "warm": {"files": len(warm_pdfs), "unchanged": sum(p["unchanged"] for p in warm_pdfs),
                 "cpu_s": warm["cpu_s"], "ratio_vs_html_build": ratio(warm["cpu_s"], html_cpu),
                 "ratio_vs_cold": ratio(warm["cpu_s"], cold["cpu_s"])},
        "english_edition": english,
        "english_edition_per_text": per_text,
    }


def printed_characters(path: Path) -> int | None:
    """The letters a PDF prints (whitespace left out), as PDFium reads them (pypdfium2, which the
    test tools install): running heads, folios and table headers count, as they are laid out too."""
    try:
        import pypdfium2
    except ImportError:
        return None
    document = pypdfium2.PdfDocument(str(path))
    try:
        count = 0
        for page in document:
            text = page.get_textpage()
            count += sum(not c.isspace() for c in text.get_text_range())
            text.close()
        return count
    finally:
        document.close()


class _Paragraphs(HTMLParser):
    """The text of a built page's article, one string per block (paragraph, list item, heading,
    table cell, diagram label)."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption",
              "figcaption", "summary", "pre", "blockquote", "text"}
    SKIP = {"script", "style", "template", "button"}
    # The page's frame, not its text: permalinks, footnote back-links, the PDF download links and
    # notices (overrides/main.html), Material's edit button and source-file line.
    SKIP_CLASSES = {"headerlink", "footnote-backref", "roadmap-pdf", "roadmap-notice", "md-content__button",
                    "md-source-file"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._text, self._open = [], [], []  # _open: (tag, skipped) inside <article>

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "tspan") and self._open:
            self._text.append(" ")  # a line break in text or in a diagram label
        if tag in self.VOID or not (self._open or tag == "article"):
            return
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in self.SKIP or self.SKIP_CLASSES & set(classes) or bool(self._open and self._open[-1][1])
        self._open.append((tag, skipped))
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag not in (t for t, _ in self._open):
            return
        while self._open.pop()[0] != tag:
            pass
        if tag in self.BLOCKS or not self._open:
            self._flush()

    def handle_data(self, data):
        if self._open and not self._open[-1][1]:
            self._text.append(data)


def nav_paths(nav) -> list[str]:
    out = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(nav_paths(value) if isinstance(value, list) else [value])
    return out


def built_file(site: Path, path: str) -> Path:
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / (stem[: -len("index")] + "index.html")
    return site / stem / "index.html"


PLAIN_RENDER = """
import json, sys, time
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
html_file, css_file, pdf_file, variant = sys.argv[1:5]
started = time.process_time()
fonts = FontConfiguration()
css = CSS(filename=css_file, font_config=fonts)
document = HTML(filename=html_file).render(stylesheets=[css], font_config=fonts)
pdf = document.write_pdf(pdf_variant=variant or None)
seconds = time.process_time() - started
open(pdf_file, "wb").write(pdf)
print(json.dumps({"pages": len(document.pages), "seconds": seconds, "bytes": len(pdf)}))
"""


def plain_reference(work: Path, ours: Path, site: Path, edition: dict) -> dict:
    """WeasyPrint's own time per page for the English edition's text as plain paragraphs, with
    the project's fonts and no other CSS; timed like hooks/pdf.py times a PDF (CPU of parsing,
    layout and writing, in the process that prints). Once as stock WeasyPrint writes a PDF, once
    with the edition's PDF/UA-1 tagging."""
    from roadmap import print as edition_pdf

    config, _ = read_mkdocs_yml(ours)
    wanted = (edition.get("contents") or []) + (edition.get("appendix") or [])
    chosen = edition_pdf.select(nav_paths(config["nav"]), wanted)
    paragraphs = []
    for path in chosen:
        parser = _Paragraphs()
        parser.feed(built_file(site, path).read_text(encoding="utf-8"))
        parser.close()
        paragraphs += parser.paragraphs
    if not paragraphs:
        raise Failure("no text found in the built English pages of the edition")
    document = work / "plain.html"
    document.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body>\n'
                        + "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "\n</body></html>\n",
                        encoding="utf-8")
    faces, families, _ = edition_pdf.print_fonts(ours / "docs/assets/stylesheets/fonts.css", work / "fonts", "en")
    family_list = ", ".join(f'"{f}"' for f in families)
    css = work / "plain.css"
    css.write_text(faces + f"\n@page {{ font-family: {family_list}; }} html {{ font-family: {family_list}; }}\n",
                   encoding="utf-8")
    # The same paragraphs on the edition's own pages: its stylesheet (A4, its margins, 10 pt type, the
    # running head and folio), without site.css; the edition's structure is what it adds to this.
    edition_css = work / "plain-edition-page.css"
    edition_css.write_text((ours / "hooks" / "pdf.css").read_text(encoding="utf-8") + "\n" + css.read_text(encoding="utf-8"),
                           encoding="utf-8")
    result = {"pages_of_text": len(chosen), "paragraphs": len(paragraphs),
              "characters": sum(len(p) for p in paragraphs)}
    for name, variant, stylesheet in (("plain", "", css), ("plain_pdf_ua", edition_pdf.PDF_VARIANT, css),
                                      ("plain_edition_page", edition_pdf.PDF_VARIANT, edition_css)):
        done = run([sys.executable, "-c", PLAIN_RENDER, str(document), str(stylesheet), str(work / f"{name}.pdf"), variant],
                   work, {"PYTHONPATH": str(ours)})
        if done["returncode"] != 0:
            raise Failure(f"WeasyPrint could not print the plain text: {done['stderr'].strip().splitlines()[-1:]}")
        printed = json.loads(done["stdout"].strip().splitlines()[-1])
        result[name] = {"pages": printed["pages"], "cpu_s": round(printed["seconds"], 2),
                        "ms_per_page": round(1000 * printed["seconds"] / printed["pages"]),
                        "process_cpu_s": round(done["cpu"], 2), "bytes": printed["bytes"]}
    return result


# --- serving the built sites --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx on 127.0.0.1 with gzip, one port per site, from a temporary configuration (the
    system's nginx and its configuration are not used). 404s get the site's 404.html."""

    def __init__(self, work: Path, sites: dict[str, Path]):
        self.work, self.sites, self.process, self.bases = work / "nginx", sites, None, {}

    def __enter__(self):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise Failure("nginx is not installed (apt-get install -y nginx)")
        self.work.mkdir(parents=True, exist_ok=True)
        mime = "/etc/nginx/mime.types"
        servers = []
        for name, site in self.sites.items():
            port = free_port()
            self.bases[name] = f"http://127.0.0.1:{port}/"
            servers.append(f"  server {{ listen 127.0.0.1:{port}; root {site}; error_page 404 /404.html; }}")
        t = self.work
        (t / "nginx.conf").write_text("\n".join([
            "daemon off;", "worker_processes 1;", f"pid {t}/nginx.pid;", f"error_log {t}/error.log;",
            "events { worker_connections 256; }", "http {",
            f"  include {mime};" if Path(mime).exists() else
            "  types { text/html html; text/css css; application/javascript js; font/woff2 woff2; "
            "image/svg+xml svg; application/json json; application/xml xml; }",
            "  default_type application/octet-stream;", "  access_log off;",
            f"  client_body_temp_path {t}/body; proxy_temp_path {t}/proxy; fastcgi_temp_path {t}/fastcgi;",
            f"  uwsgi_temp_path {t}/uwsgi; scgi_temp_path {t}/scgi;",
            "  gzip on; gzip_comp_level 6; gzip_min_length 256;",
            "  gzip_types text/css application/javascript text/javascript application/json application/xml text/xml",
            "             image/svg+xml text/plain application/manifest+json;",
            *servers, "}", ""]))
        self.process = subprocess.Popen([binary, "-c", str(t / "nginx.conf"), "-e", str(t / "error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                for base in self.bases.values():
                    urllib.request.urlopen(base, timeout=1).close()
                return self
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None:
                    raise Failure(f"nginx did not start: {self.process.stderr.read().decode().strip()}")
                time.sleep(0.1)
        raise Failure("nginx did not answer within 10 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def page_path(site: Path, kind: str, lang: str, default: str) -> str | None:
    """The URL path of a page type in a language, if the site has it."""
    prefix = "" if lang == default else f"{lang}/"
    path = PAGE_TYPES[kind]
    if kind == "404":
        path = f"{prefix}404.html" if (site / prefix / "404.html").is_file() else "404.html"
    else:
        path = prefix + path
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return path if file.is_file() else None


# --- 3. what a reader downloads -----------------------------------------------------------------


def chromium() -> str:
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise Failure("Chromium not found (apt-get install chromium, or set CHROME_PATH)")
    return path


class Browser:
    """Headless Chromium driven by Selenium, phone-sized like Lighthouse's mobile (412 x 823,
    DPR 1.75), cache disabled and the origin's storage cleared before each page (a first view)."""

    def __enter__(self):
        from selenium import webdriver

        options = webdriver.ChromeOptions()
        options.binary_location = chromium()
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--window-size=412,823"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver))
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 412, "height": 823, "deviceScaleFactor": 1.75, "mobile": True})
        return self

    def __exit__(self, *exc):
        self.driver.quit()

    def first_view(self, url: str, quiet: float = 1.0, limit: float = 20) -> dict:
        """Every request of one page view until the network has been quiet for `quiet` seconds."""
        origin = "/".join(url.split("/")[:3])
        self.driver.get("about:blank")
        self.driver.get_log("performance")
        self.driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        started = time.monotonic()
        self.driver.get(url)
        requests, last = {}, time.monotonic()
        while time.monotonic() - last < quiet and time.monotonic() - started < limit:
            for entry in self.driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                method, p = message.get("method"), message.get("params", {})
                if not method or not method.startswith("Network."):
                    continue
                r = requests.setdefault(p.get("requestId"), {})
                if method == "Network.requestWillBeSent":
                    r["url"] = p["request"]["url"]
                    last = time.monotonic()
                elif method == "Network.responseReceived":
                    r.update(status=p["response"]["status"], type=p.get("type"))
                elif method == "Network.loadingFinished":
                    r["bytes"] = p["encodedDataLength"]
                    last = time.monotonic()
                elif method == "Network.loadingFailed":
                    r["failed"] = p.get("errorText")
            time.sleep(0.2)
        view = {"requests": 0, "failed": 0, "not_found": 0, "bytes": 0, "by_type": {}, "refetched": []}
        for r in requests.values():
            address = r.get("url", "")
            if not address.startswith("http"):
                continue  # data: URLs cost no request
            if "bytes" not in r and "failed" not in r:
                # A dedicated worker's script (Material's search worker) is fetched on the
                # worker's own target, whose events the page's log does not carry: size it by
                # fetching it once the same way (gzip), headers included.
                r["bytes"], r["status"], r["type"] = refetch(address), r.get("status", 200), r.get("type") or "Script"
                view["refetched"].append(address)
            view["requests"] += 1
            view["failed"] += "failed" in r
            view["not_found"] += r.get("status") == 404
            size = r.get("bytes", 0)
            view["bytes"] += size
            kind = (r.get("type") or "Other").lower()
            view["by_type"][kind] = view["by_type"].get(kind, 0) + size
        return view


def refetch(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return len(response.read()) + len(str(response.headers)) + 17
    except (urllib.error.URLError, OSError):
        return 0


def measure_views(server: Nginx, sites: dict[str, Path], kinds: list[str], langs: list[str], default: str) -> dict:
    rows = []
    with Browser() as browser:
        for kind in kinds:
            for lang in langs:
                row = {"page": kind, "lang": lang}
                for who in ("ours", "stock"):
                    path = page_path(sites[who], kind, lang, default)
                    if path is None:
                        row[who] = None
                        continue
                    view = browser.first_view(server.bases[who] + path)
                    row[who] = {"path": "/" + path, **view}
                row["ratio_bytes"] = ratio((row["ours"] or {}).get("bytes"), (row["stock"] or {}).get("bytes"))
                row["over_budget"] = bool(row["ours"] and row["ours"]["bytes"] > BUDGET)
                log(f"  {kind:<12} {lang}: {kb(row['ours']['bytes']) if row['ours'] else 'no such page'}")
                rows.append(row)
    return {"budget_bytes": BUDGET, "rows": rows}


# --- 4. Lighthouse ------------------------------------------------------------------------------


def lighthouse_once(url: str, scheme: str, work: Path) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise Failure("lighthouse not found in node_modules (npm ci, or link a checkout's node_modules)")
    report = work / "lighthouse.json"
    report.unlink(missing_ok=True)
    flags = " ".join(["--headless", "--no-sandbox", *SCHEMES[scheme]])
    done = run([str(binary), url, "--only-categories=performance,accessibility,best-practices,seo",
                f"--chrome-flags={flags}", "--output=json", f"--output-path={report}", "--quiet"],
               work, {"CHROME_PATH": chromium()}, timeout=300)
    if done["returncode"] != 0 or not report.exists():
        return {"error": (done["stderr"].strip().splitlines() or ["lighthouse failed"])[-1][:200]}
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        return {"error": data["runtimeError"].get("message", "runtime error")[:200]}
    audits = data["audits"]
    items = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    scores = {k: v.get("score") for k, v in data["categories"].items()}
    return {
        "performance": scores.get("performance"), "accessibility": scores.get("accessibility"),
        "best_practices": scores.get("best-practices"), "seo": scores.get("seo"),
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "cls": audits["cumulative-layout-shift"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "bytes": audits["total-byte-weight"].get("numericValue"),
        "font_bytes": sum(i.get("transferSize", 0) for i in items if i.get("resourceType") == "Font"),
        "requests": sum(1 for i in items if str(i.get("url", "")).startswith("http")),
        "dark_rendered": screenshot_is_dark(audits),
    }


def screenshot_is_dark(audits: dict) -> bool | None:
    """Whether the page Lighthouse saw was dark: the mean grey of its final screenshot."""
    try:
        from PIL import Image, ImageStat

        data = audits["final-screenshot"]["details"]["data"].split(",", 1)[1]
        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
        return ImageStat.Stat(image).mean[0] < 128
    except Exception:
        return None


METRICS = ("performance", "accessibility", "best_practices", "seo", "lcp_ms", "cls", "tbt_ms", "bytes",
           "font_bytes", "requests")


def lighthouse_median(url: str, scheme: str, runs: int, work: Path) -> dict:
    results = [lighthouse_once(url, scheme, work) for _ in range(runs)]
    good = [r for r in results if "error" not in r]
    if not good:
        return {"error": results[-1]["error"], "runs": runs}
    out = {m: median(r[m] for r in good) for m in METRICS}
    out["dark_rendered"] = all(r["dark_rendered"] for r in good) if scheme == "dark" else None
    out["runs"] = len(good)
    return out


def measure_lighthouse(server: Nginx, sites: dict[str, Path], kinds: list[str], langs: list[str], schemes: list[str],
                       runs: int, work: Path, default: str) -> dict:
    """Our pages, and the stock build's page of each type (in the default language) as the
    reference; page types the stock site lacks (country pages) are set against its Green Paper
    page. Ours and the references alternate scheme by scheme."""
    references, rows = {}, []
    stock_kinds = [k for k in dict.fromkeys(kinds + ["green-paper"])
                   if page_path(sites["stock"], k, default, default) is not None]
    for scheme in schemes:
        for kind in stock_kinds:
            path = page_path(sites["stock"], kind, default, default)
            log(f"  lighthouse stock {kind} ({scheme})")
            references[f"{kind}/{scheme}"] = {"page": kind, "scheme": scheme, "path": "/" + path,
                                              **lighthouse_median(server.bases["stock"] + path, scheme, runs, work)}
        for kind in kinds:
            for lang in langs:
                path = page_path(sites["ours"], kind, lang, default)
                if path is None:
                    continue
                log(f"  lighthouse {kind} {lang} ({scheme})")
                ours = lighthouse_median(server.bases["ours"] + path, scheme, runs, work)
                reference = f"{kind}/{scheme}" if f"{kind}/{scheme}" in references else f"green-paper/{scheme}"
                rows.append({"page": kind, "lang": lang, "scheme": scheme, "path": "/" + path, "ours": ours,
                             "reference": reference, "vs_reference": compare(ours, references[reference])})
    return {"runs": runs, "references": references, "rows": rows}


def compare(ours: dict, reference: dict) -> dict:
    """Scores as differences (they are capped at 1), times and bytes as ratios."""
    if "error" in ours or "error" in reference:
        return {"performance_diff": None, "lcp_ratio": None, "bytes_ratio": None}
    return {"performance_diff": round(ours["performance"] - reference["performance"], 2)
            if None not in (ours["performance"], reference["performance"]) else None,
            "lcp_ratio": ratio(ours["lcp_ms"], reference["lcp_ms"]),
            "bytes_ratio": ratio(ours["bytes"], reference["bytes"])}


# --- 5. report ----------------------------------------------------------------------------------


def kb(n) -> str:
    return "—" if n is None else f"{n / KB:,.1f} KB"


def num(value, spec: str = ".2f", suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def times(value) -> str:
    return "—" if value is None else f"{value:.2f}×"


def print_tables(r: dict) -> None:
    print(f"Benchmark of {r['project']} ({r['commit']}), {r['cores']} cores, {r['date']}")
    if "html" in r:
        print("\n1. HTML build CPU (user+sys, build and children; median of "
              f"{r['settings']['builds']} alternating runs): ours (--strict, ROADMAP_PDF=0) / stock")
        section = r["html"]
        if "error" in section:
            print(f"   not measured: {section['error']}")
        else:
            print(f"   {'build':<22} {'ours':>10} {'stock':>10} {'ratio':>7} {'target':>7}   pages ours/stock")
            for name, row in section.items():
                label = "all languages" if name == "full" else f"preview ({row['language']})"
                o, s = row["ours"], row["stock"]
                print(f"   {label + ', CPU':<22} {num(o['cpu_s'], '.2f', ' s'):>10} {num(s['cpu_s'], '.2f', ' s'):>10} "
                      f"{times(row['ratio_cpu']):>7}")
                print(f"   {label + ', per page':<22} {num(o['ms_per_page'], '.1f', ' ms'):>10} "
                      f"{num(s['ms_per_page'], '.1f', ' ms'):>10} {times(row['ratio_ms_per_page']):>7} "
                      f"{'≤ ' + str(TARGETS['html_cpu']):>7}   {o['pages']}/{s['pages']}"
                      f"{'  OVER' if (row['ratio_ms_per_page'] or 0) > TARGETS['html_cpu'] else ''}")
                print(f"   {'':<22} runs (ms/page ratio): {', '.join(times(x) for x in row['ratio_per_run'])}; "
                      f"wall {o['wall_s']:.1f} / {s['wall_s']:.1f} s; stock warnings: {s['warnings']}")
    if "pdf" in r:
        print("\n2. PDFs (cold cache; CPU per PDF as hooks/pdf.py reports it) / WeasyPrint, plain <p> paragraphs")
        section = r["pdf"]
        if "error" in section:
            print(f"   not measured: {section['error']}")
        else:
            plain = section["plain"]
            print(f"   reference: the English edition's text ({plain['pages_of_text']} pages of the site, "
                  f"{plain['paragraphs']} paragraphs, {plain['characters']:,} characters), project fonts, no other CSS:")
            for name, label in (("plain", "stock write_pdf()"), ("plain_pdf_ua", "with PDF/UA-1 like the editions"),
                                ("plain_edition_page", "and on the edition's pages")):
                p = plain.get(name)
                if not p:
                    continue
                print(f"     {label:<32} {p['pages']:>4} pages {p['cpu_s']:>6.2f} s {p['ms_per_page']:>5} ms/page")
            print(f"   {'file':<48} {'pages':>5} {'CPU':>7} {'ms/page':>8} {'÷ plain':>8} {'size':>10}")
            for p in section["pdfs"]:
                print(f"   {p['file']:<48} {p['pages']:>5} {num(p['cpu_s'], '.1f', ' s'):>7} {num(p['ms_per_page'], 'd'):>8} "
                      f"{times(p['ratio_vs_plain']):>8} {kb(p['bytes']):>10}")
            for kind, label in (("edition", "editions"), ("page", "country PDFs"), ("all", "all PDFs")):
                t = section["totals"].get(kind)
                if t:
                    print(f"   {label + ' (' + str(t['files']) + ')':<48} {t['pages']:>5} {t['cpu_s']:>5.1f} s "
                          f"{t['ms_per_page']:>8} {times(t['ratio_vs_plain']):>8} {kb(t['bytes']):>10}")
            e = section["english_edition"]
            if e:
                flag = "  OVER" if (e["ratio_vs_plain"] or 0) > TARGETS["edition_vs_plain"] else ""
                print(f"   English edition: {e['ms_per_page']} ms/page against {plain['plain']['ms_per_page']} ms/page "
                      f"plain = {times(e['ratio_vs_plain'])} (target ≤ {TARGETS['edition_vs_plain']}×){flag}")
                print(f"   the same text as whole documents: {e['cpu_s']:.2f} s against {plain['plain']['cpu_s']:.2f} s "
                      f"= {times(ratio(e['cpu_s'], plain['plain']['cpu_s']))} ({e['pages']} against "
                      f"{plain['plain']['pages']} pages: page layout and type size differ)")
                page = plain.get("plain_edition_page")
                if page:
                    print(f"   against the same paragraphs on the edition's pages (hooks/pdf.css: A4, 10 pt, running head "
                          f"and folio; PDF/UA-1): {page['ms_per_page']} ms/page = "
                          f"{times(ratio(e['ms_per_page'], page['ms_per_page']))}: what the edition's structure costs "
                          f"(tables, headings, lists, numbers, footnotes, site.css)")
                t = section.get("english_edition_per_text")
                if t:
                    print(f"   per 1,000 printed letters: {t['ms_per_1000']} ms ({t['characters']:,}) against "
                          f"{t['plain_ms_per_1000']} ms plain ({t['plain_characters']:,}) = {times(t['ratio'])}")
            cold, warm = section["cold_build"], section["warm"]
            print(f"   whole build with PDFs: {cold['cpu_s']:.1f} s CPU, {cold['wall_s']:.1f} s wall; "
                  f"PDFs are {100 * (section['pdf_share_of_build_cpu'] or 0):.0f} % of its CPU")
            print(f"   warm rebuild (cache kept): {warm['unchanged']}/{warm['files']} PDFs unchanged, {warm['cpu_s']:.1f} s CPU "
                  f"= {times(warm['ratio_vs_cold'])} the cold build, {times(warm['ratio_vs_html_build'])} the HTML-only build")
    if "views" in r:
        print(f"\n3. First view over the wire (gzip, nginx; headless Chromium, 412 px, cold cache): ours / stock; "
              f"budget {kb(BUDGET)}")
        section = r["views"]
        if "error" in section:
            print(f"   not measured: {section['error']}")
        else:
            print(f"   {'page':<12} {'lang':<4} {'ours':>10} {'req':>4} {'404s':>4} {'fonts':>9} {'stock':>10} {'req':>4} "
                  f"{'ratio':>7}  budget")
            for row in section["rows"]:
                o, s = row["ours"], row["stock"]
                if o is None:
                    print(f"   {row['page']:<12} {row['lang']:<4} {'no such page':>10}")
                    continue
                print(f"   {row['page']:<12} {row['lang']:<4} {kb(o['bytes']):>10} {o['requests']:>4} {o['not_found']:>4} "
                      f"{kb(o['by_type'].get('font', 0)):>9} {kb(s['bytes']) if s else '—':>10} "
                      f"{s['requests'] if s else '—':>4} {times(row['ratio_bytes']):>7}  "
                      f"{'OVER' if row['over_budget'] else 'ok'}")
            paths = sorted({row["ours"]["path"] for row in section["rows"] if row["page"] == "404" and row["ours"]})
            if paths:
                print(f"   404 pages fetched as files (a language without its own gets the site's): {', '.join(paths)}")
            over = [r_ for r_ in section["rows"] if r_["over_budget"]]
            print(f"   {len(over)} of {sum(1 for r_ in section['rows'] if r_['ours'])} page views over the budget")
    if "lighthouse" in r:
        section = r["lighthouse"]
        print(f"\n4. Lighthouse {r.get('lighthouse_version', '') + ' ' if r.get('lighthouse_version') else ''}mobile, default throttling, nginx + gzip "
              f"(median of {r['settings']['runs']} run(s)): the stock references, then ours against them")
        if "error" in section:
            print(f"   not measured: {section['error']}")
        else:
            print(f"   {'page':<18} {'lang':<4} {'scheme':<6} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'SEO':>5} {'LCP':>7} "
                  f"{'CLS':>6} {'TBT':>7} {'bytes':>9} {'fonts':>8}   {'Δperf':>6} {'LCP÷':>6} {'bytes÷':>6}  reference")
            rows = [("stock " + ref["page"], "en", ref, None) for ref in section["references"].values()]
            rows += [(row["page"], row["lang"], row, row) for row in section["rows"]]
            for name, lang, row, ours in rows:
                scheme = row["scheme"]
                o = row["ours"] if ours else row
                if "error" in o:
                    print(f"   {name:<18} {lang:<4} {scheme:<6} failed: {o['error']}")
                    continue
                line = (f"   {name:<18} {lang:<4} {scheme:<6} {num(o['performance']):>5} {num(o['accessibility']):>5} "
                        f"{num(o['best_practices']):>5} {num(o['seo']):>5} {num(o['lcp_ms'] and o['lcp_ms'] / 1000, '.1f', ' s'):>7} "
                        f"{num(o['cls'], '.3f'):>6} {num(o['tbt_ms'], '.0f', ' ms'):>7} {kb(o['bytes']):>9} "
                        f"{kb(o['font_bytes']):>8}")
                if ours:
                    v = ours["vs_reference"]
                    line += (f"   {num(v['performance_diff'], '+.2f'):>6} {times(v['lcp_ratio']):>6} "
                             f"{times(v['bytes_ratio']):>6}  stock {ours['reference'].split('/')[0]}")
                    if scheme == "dark" and o.get("dark_rendered") is False:
                        line += "  (the page was NOT dark)"
                print(line)
            if any(k.endswith("/dark") for k in section["references"]):
                print("   (the stock site has no dark palette: its dark runs show the light page)")


def git_commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def section(result: dict, name: str, function, *args):
    """Run one measurement; a failure becomes one plain line in the report, never a traceback."""
    log(f"{name}:")
    try:
        result[name] = function(*args)
    except Failure as error:
        result[name] = {"error": str(error)}
    except Exception as error:  # a missing tool, a browser that died: say what, go on
        result[name] = {"error": f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"}
    if "error" in result[name]:
        log(f"  not measured: {result[name]['error']}")


def served(result: dict, work: Path, ours: Path, stock: Path, skip: set, pages: list, langs: list,
           lighthouse: tuple, default: str) -> None:
    """Sections 3 and 4, from both built sites behind one nginx: the site built with PDFs (or the
    HTML build's, or a fresh build if neither section 1 nor 2 ran)."""
    sites = {"ours": work / "site-ours-pdf", "stock": work / "site-stock-full"}
    if not (sites["ours"] / "index.html").exists():
        sites["ours"] = work / "site-ours-full"
    try:
        for who, project, strict in (("ours", ours, True), ("stock", stock, False)):
            if not (sites[who] / "index.html").exists():
                log(f"building the {who} site to serve")
                mkdocs_build(project, sites[who], strict=strict)
        result["served"] = {who: site.name for who, site in sites.items()}
        with Nginx(work, sites) as server:
            if "views" not in skip:
                section(result, "views", measure_views, server, sites, pages, langs, default)
            if "lighthouse" not in skip:
                section(result, "lighthouse", measure_lighthouse, server, sites, *lighthouse, work, default)
    except Failure as error:
        for name in {"views", "lighthouse"} - skip:
            result.setdefault(name, {"error": str(error)})


def choose(value: str | None, allowed: list[str], what: str) -> list[str] | None:
    if value is None:
        return None
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    wrong = [v for v in chosen if v not in allowed]
    if wrong:
        sys.exit(f"benchmark: unknown {what} {', '.join(wrong)}; choose from {', '.join(allowed)}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Page types: " + ", ".join(PAGE_TYPES))
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--out", type=Path, help="also save the JSON to this file")
    parser.add_argument("--builds", type=int, default=3, help="HTML builds of each kind, medians taken (default 3)")
    parser.add_argument("--pages", help="page types, comma-separated (default: all for bytes; home,green-paper for Lighthouse)")
    parser.add_argument("--languages", help="languages, comma-separated (default: all for bytes; the default language for Lighthouse)")
    parser.add_argument("--schemes", default="light,dark", help="Lighthouse colour schemes (default light,dark)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page, median taken (default 1; 3 for notes)")
    parser.add_argument("--preview-language", default="kk", help="the one-language preview measured (default kk)")
    lh = parser.add_mutually_exclusive_group()
    lh.add_argument("--lighthouse", dest="lighthouse", action="store_const", const="full",
                    help="Lighthouse for every selected page type and language")
    lh.add_argument("--no-lighthouse", dest="lighthouse", action="store_const", const="none", help="no Lighthouse")
    parser.add_argument("--skip", default="", help="sections to skip, comma-separated: html, pdf, views, lighthouse")
    args = parser.parse_args()

    config, _ = read_mkdocs_yml(ROOT)
    all_langs = [lang["locale"] for lang in languages(config)]
    default = next((lang["locale"] for lang in languages(config) if lang.get("default")), all_langs[0])
    pages = choose(args.pages, list(PAGE_TYPES), "page type")
    langs = choose(args.languages, all_langs, "language")
    schemes = choose(args.schemes, list(SCHEMES), "scheme")
    skip = set(choose(args.skip, ["html", "pdf", "views", "lighthouse"], "section") or [])
    if args.lighthouse == "none":
        skip.add("lighthouse")
    lh_pages = pages or (list(PAGE_TYPES) if args.lighthouse == "full" else LIGHTHOUSE_DEFAULT_PAGES)
    lh_langs = langs or (all_langs if args.lighthouse == "full" else [default])

    result = {"project": ROOT.name, "commit": git_commit(), "cores": os.cpu_count(),
              "date": time.strftime("%Y-%m-%d %H:%M"),
              "settings": {"builds": args.builds, "runs": args.runs, "pages": pages or list(PAGE_TYPES),
                           "languages": langs or all_langs, "lighthouse_pages": lh_pages,
                           "lighthouse_languages": lh_langs, "schemes": schemes, "skipped": sorted(skip)}}
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's worker process reads the sites from here
        try:
            ours = copy_project(work / "ours")
            stock = stock_project(work / "stock")
        except (OSError, Failure, KeyError) as error:
            sys.exit(f"benchmark: could not prepare the projects: {error}")
        if "html" not in skip:
            section(result, "html", measure_html, work, ours, stock, args.builds, args.preview_language)
        if "pdf" not in skip:
            html_cpu = (result.get("html", {}).get("full") or {}).get("ours", {}).get("cpu_s")
            section(result, "pdf", measure_pdfs, work, ours, html_cpu)
        if not {"views", "lighthouse"} <= skip:
            served(result, work, ours, stock, skip, pages or list(PAGE_TYPES), langs or all_langs,
                   (lh_pages, lh_langs, schemes, args.runs), default)
    if "lighthouse" in result and "error" not in result["lighthouse"]:
        try:
            version = subprocess.run([str(ROOT / "node_modules/.bin/lighthouse"), "--version"], capture_output=True,
                                     text=True).stdout.strip()
            result["lighthouse_version"] = version
        except OSError:
            pass
    if args.out:
        try:
            args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as error:
            log(f"benchmark: could not save {args.out}: {error.strerror}")
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_tables(result)
    failed = [name for name in ("html", "pdf", "views", "lighthouse") if "error" in result.get(name, {})]
    if failed:
        sys.exit(f"benchmark: not measured: {', '.join(failed)} (see above)")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("benchmark: interrupted (nothing is left running: the temporary folder and nginx are gone)")
