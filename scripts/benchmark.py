"""The project's measurements, in one place: build time and memory, what a reader downloads, the
fonts, and the PDF editions.

    .venv/bin/python scripts/benchmark.py            # a readable table
    .venv/bin/python scripts/benchmark.py --json     # the same numbers for machines

It builds the site twice into temporary folders: once without PDFs (ROADMAP_PDF=0) and once with
them, so the PDFs' share of the build time is visible. Memory is the peak of the summed resident
memory of mkdocs and all its worker processes (sampled from /proc every 50 ms).
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PDF_LINE = re.compile(r"^PDF (\w+)\s+(\S+\.pdf): (\d+) pages, ([\d.]+) s")


# --- building -------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def build(site_dir: Path, pdf: bool) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROADMAP_PDF": "1" if pdf else "0"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"benchmark: the build failed:\n{stdout}\n{stderr}")
    pages = sum(1 for p in site_dir.rglob("*.html") if p.name != "404.html")
    return {"seconds": round(seconds, 2), "peak_memory_mb": round(peak / 2**20), "html_pages": pages,
            "ms_per_page": round(1000 * seconds / pages, 1), "output": stdout}


# --- what a reader downloads ------------------------------------------------------------------


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.css, self.js, self.img, self.text = [], [], [], []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or ""):
            self.css.append(a.get("href"))
        elif tag == "link" and "icon" in (a.get("rel") or ""):
            self.img.append(a.get("href"))
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "img" and a.get("src"):
            self.img.append(a["src"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _local(site: Path, base: Path, url: str | None) -> Path | None:
    if not url or urlsplit(url).scheme or url.startswith("//"):
        return None  # not same-site (there should be none)
    path = (base / urlsplit(url).path).resolve()
    return path if path.is_file() and site.resolve() in path.parents else None


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.replace("U+", "").split(","):
        low, _, high = part.strip().partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return out


def first_view(site: Path, html_file: Path) -> dict:
    """gzip bytes of a first view: the HTML and every same-site CSS, JS, image and font it uses.
    Fonts: `needed` counts the files whose unicode-range the page's text uses (what a browser
    fetches); `worst` counts every font file the CSS names."""
    parser = _Refs()
    html = html_file.read_bytes()
    parser.feed(html.decode("utf-8"))
    chars = {ord(c) for c in "".join(parser.text)}
    files = {"html": [html_file]}
    fonts_all, fonts_needed = set(), set()
    for kind, urls in (("css", parser.css), ("js", parser.js), ("img", parser.img)):
        for url in urls:
            path = _local(site, html_file.parent, url)
            if path is None:
                continue
            files.setdefault(kind, []).append(path)
            if kind != "css":
                continue
            css = path.read_text(encoding="utf-8")
            for face in re.findall(r"@font-face\s*{(.*?)}", css, re.S):
                src = re.search(r'url\("?([^")]+)"?\)', face)
                font = _local(site, path.parent, src.group(1)) if src else None
                if font is None:
                    continue
                fonts_all.add(font)
                spec = re.search(r"unicode-range:\s*([^;]+);", face)
                if spec is None or any(lo <= c <= hi for c in chars for lo, hi in _ranges(spec.group(1))):
                    fonts_needed.add(font)
    sizes = {kind: sum(len(gzip.compress(p.read_bytes(), 9)) for p in set(paths))
             for kind, paths in files.items()}
    base = sum(sizes.values())
    return {**sizes, "fonts_needed": sum(p.stat().st_size for p in fonts_needed),
            "fonts_needed_files": len(fonts_needed),
            "total_needed": base + sum(p.stat().st_size for p in fonts_needed),
            "total_worst": base + sum(p.stat().st_size for p in fonts_all)}


def browser_view(site: Path, paths: list[str]) -> dict:
    """What Debian's headless Chromium really fetches for a first view of each page (a fresh
    browser each time, phone-sized window), in gzip bytes; the search index is fetched only on
    a first search, so it is not counted here. Needs Selenium and /usr/bin/chromium."""
    import functools
    import http.server
    import threading

    from selenium import webdriver

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    views = {}
    try:
        for path in paths:
            options = webdriver.ChromeOptions()
            options.binary_location = "/usr/bin/chromium"
            for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--window-size=412,900"]:
                options.add_argument(flag)
            driver = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))
            try:
                driver.get(base + path)
                time.sleep(1.5)
                urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            finally:
                driver.quit()
            files = [site / (path + "index.html" if path.endswith("/") or not path else path)]
            files += [site / urlsplit(u).path.lstrip("/") for u in urls if u.startswith(base)]
            files = [f for f in files if f.is_file()]  # a request that found nothing (404) costs no body
            fetched = {}
            for f in files:
                kind = {".woff2": "fonts", ".css": "css", ".js": "js", ".html": "html"}.get(f.suffix, "other")
                size = f.stat().st_size if f.suffix == ".woff2" else len(gzip.compress(f.read_bytes(), 9))
                fetched[kind] = fetched.get(kind, 0) + size
            views[path or "/"] = {**fetched, "total": sum(fetched.values()), "requests": len(files),
                                  "fonts_fetched": sorted(f.name for f in files if f.suffix == ".woff2")}
    finally:
        server.shutdown()
    return views


# --- report -------------------------------------------------------------------------------------


def measure(baseline: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        result = {}
        if baseline:
            result["build_without_pdf"] = _strip(build(Path(tmp) / "plain", pdf=False))
        site = Path(tmp) / "site"
        full = build(site, pdf=True)
        pdfs = []
        for line in full.pop("output").splitlines():
            found = PDF_LINE.match(line)
            if found:
                lang, name, pages, seconds = found.groups()
                size = (site / "pdf" / name).stat().st_size
                pdfs.append({"file": name, "lang": lang, "pages": int(pages), "seconds": float(seconds),
                             "ms_per_page": round(1000 * float(seconds) / int(pages)), "bytes": size})
        result["build"] = full
        result["cores"] = os.cpu_count()
        if baseline:
            result["pdf_wall_seconds"] = round(full["seconds"] - result["build_without_pdf"]["seconds"], 2)
        result["pdfs"] = pdfs
        if pdfs:
            pages = sum(p["pages"] for p in pdfs)
            result["pdf_total"] = {"files": len(pdfs), "pages": pages,
                                   "worker_seconds": round(sum(p["seconds"] for p in pdfs), 2),
                                   "ms_per_page": round(1000 * sum(p["seconds"] for p in pdfs) / pages),
                                   "bytes": sum(p["bytes"] for p in pdfs)}
        result["first_view"] = {
            "home (en)": first_view(site, site / "index.html"),
            "Green Paper page (en)": first_view(site, site / "green-paper/foreword/index.html"),
            "Green Paper page (kk)": first_view(site, site / "kk/green-paper/foreword/index.html"),
        }
        try:
            result["browser_view"] = browser_view(site, ["", "green-paper/foreword/", "kk/green-paper/foreword/",
                                                         "road-map/flowchart/", "countries/kazakhstan/"])
        except Exception as error:  # no Chromium here: the estimate above still stands
            result["browser_view_error"] = str(error)
        result["fonts"] = {p.name: p.stat().st_size for p in sorted((ROOT / "docs/assets/fonts").glob("*.woff2"))}
        return result


def _strip(build_result: dict) -> dict:
    build_result.pop("output", None)
    return build_result


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def print_table(r: dict) -> None:
    b = r["build"]
    print(f"Build ({r['cores']} cores)")
    if "build_without_pdf" in r:
        p = r["build_without_pdf"]
        print(f"  site only (ROADMAP_PDF=0)  {p['seconds']:>7.2f} s  peak {p['peak_memory_mb']:>5} MB  "
              f"{p['html_pages']} pages  {p['ms_per_page']} ms/page")
    print(f"  site + PDFs                {b['seconds']:>7.2f} s  peak {b['peak_memory_mb']:>5} MB  "
          f"{b['html_pages']} pages  {b['ms_per_page']} ms/page")
    if "pdf_wall_seconds" in r:
        print(f"  PDFs add {r['pdf_wall_seconds']:.2f} s of wall-clock time")
    if r.get("pdfs"):
        print("\nPDF editions")
        print(f"  {'file':<58} {'pages':>5} {'s':>6} {'ms/page':>8} {'size':>10}")
        for p in r["pdfs"]:
            print(f"  {p['file']:<58} {p['pages']:>5} {p['seconds']:>6.1f} {p['ms_per_page']:>8} {kb(p['bytes']):>10}")
        t = r["pdf_total"]
        print(f"  {'all ' + str(t['files']) + ' files (worker time)':<58} {t['pages']:>5} {t['worker_seconds']:>6.1f} "
              f"{t['ms_per_page']:>8} {kb(t['bytes']):>10}")
    print("\nFirst view, gzip (HTML + same-site CSS/JS/images; fonts as woff2)")
    print(f"  {'page':<24} {'html':>9} {'css':>9} {'js':>9} {'img':>9} {'fonts':>14} {'total':>10} {'worst':>10}")
    for name, v in r["first_view"].items():
        print(f"  {name:<24} {kb(v.get('html', 0)):>9} {kb(v.get('css', 0)):>9} {kb(v.get('js', 0)):>9} "
              f"{kb(v.get('img', 0)):>9} {kb(v['fonts_needed']) + ' (' + str(v['fonts_needed_files']) + ')':>14} "
              f"{kb(v['total_needed']):>10} {kb(v['total_worst']):>10}")
    if r.get("browser_view"):
        print("\nFirst view in headless Chromium, 412 px wide (what is really fetched; gzip, fonts as woff2)")
        print(f"  {'page':<28} {'requests':>8} {'html':>9} {'css':>9} {'js':>9} {'fonts':>9} {'total':>10}")
        for name, v in r["browser_view"].items():
            print(f"  {name:<28} {v['requests']:>8} {kb(v.get('html', 0)):>9} {kb(v.get('css', 0)):>9} "
                  f"{kb(v.get('js', 0)):>9} {kb(v.get('fonts', 0)):>9} {kb(v['total']):>10}")
            print(f"  {'':<28} fonts: {', '.join(v['fonts_fetched'])}")
    elif r.get("browser_view_error"):
        print(f"\nFirst view in Chromium: not measured ({r['browser_view_error'][:120]})")
    print("\nFont files")
    for name, size in r["fonts"].items():
        print(f"  {name:<45} {kb(size):>10}")
    print(f"  {'all':<45} {kb(sum(r['fonts'].values())):>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-baseline", action="store_true", help="skip the build without PDFs")
    args = parser.parse_args()
    result = measure(baseline=not args.no_baseline)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
