"""Shared fixtures.

The site is built once per state of the sources, in strict mode, and kept in
.cache/test-site/<kind>-<hash>/ so that every test worker (pytest-xdist) and every later run of
the same commit reads the same build: `site` is the HTML alone (PDFs off, so HTML tests never
wait for PDFs); `pdf_site` is the full build with its PDFs (tests marked `pdf`, runnable alone
with `-m pdf` or skipped with `-m "not pdf"`). Tests read what a reader would get.

Workers (pytest-xdist, `--dist loadgroup`): the PDF tests are one group (`xdist_group("pdf")`),
sent first to one worker, which builds the PDFs and reads each PDF once; every other test goes to
whichever worker is free, so the slow reader-page tests are shared.
"""

import fcntl
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roadmap import project  # noqa: E402
from roadmap.data import load  # noqa: E402
from roadmap.localized import localized  # noqa: E402

LANGUAGES = project.codes(ROOT)  # read from mkdocs.yml, like everything else
OTHERS = LANGUAGES[1:]
# What a copy of the project needs in order to build (see `project_copy`).
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "hooks", "overrides", "roadmap", "pyproject.toml", "scripts"]
SOURCES = ["mkdocs.yml", "docs", "data", "hooks", "overrides", "roadmap"]


def mkdocs_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None):
    """Run `mkdocs build --strict` for `project`; returns the CompletedProcess (never raises).

    PDFs are skipped unless `env` asks for them with ROADMAP_PDF=1 (they take most of a build)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROADMAP_PDF": "0", **(env or {})},
        timeout=900,
    )


def sources_hash(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for part in SOURCES:
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def built(kind: str) -> Path:
    """The site built from the current sources (`kind`: html or pdf), built once and shared."""
    cache = ROOT / ".cache" / "test-site"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{kind}-{sources_hash()}"
    with open(cache / f"{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds, the others wait for it
        if not (target / ".complete").exists():
            for old in cache.glob(f"{kind}-*"):
                shutil.rmtree(old, ignore_errors=True)
            result = mkdocs_build(ROOT, target, env={"ROADMAP_PDF": "1" if kind == "pdf" else "0"})
            assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
            (target / ".build-log").write_text(result.stdout + result.stderr, encoding="utf-8")
            (target / ".complete").touch()
    return target


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site, all seven languages, without PDFs."""
    return built("html")


@pytest.fixture(scope="session")
def pdf_site() -> Path:
    """The built site with its PDFs."""
    return built("pdf")


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's sources, for tests that break something on purpose."""
    dest = tmp_path / "project"
    dest.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def page(site: Path, lang: str, path: str) -> str:
    """The HTML of a page, e.g. page(site, "ru", "foreword/") ."""
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    target = site / prefix / path
    if target.is_dir() or path.endswith("/") or path == "":
        target = target / "index.html"
    return target.read_text(encoding="utf-8")


@functools.cache
def pdf_text(path: Path) -> tuple[str, ...]:
    """Each page's text as PDFium extracts it (pypdfium2, which pdfplumber installs; fifteen times
    faster than pypdf's extract_text): lines end in "\\n"; a hyphen PDFium marks as added at a line
    break (U+0002) or as a hyphen inside a word (U+FFFE) is "-"."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(document)):
            text = document[index].get_textpage()
            pages.append(text.get_text_range().replace("\r\n", "\n").replace("\x02", "-").replace("\ufffe", "-"))
            text.close()
        return tuple(pages)
    finally:
        document.close()


@functools.cache
def view(lang: str):
    """The road map in `lang`, as the site's hooks see it (interface strings: `view(lang).ui`)."""
    return localized(load(ROOT / "data"), lang)


def ui(lang: str, key: str, **values) -> str:
    return view(lang).ui(key, **values).plain


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium(width: int = 412, height: int = 900, dark: bool = False):
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    # The exact viewport (headless windows are never narrower than 500 px): a phone below 600 px.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return driver


@pytest.fixture(scope="session")
def server(site):
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(server):
    """Debian's headless Chromium (driven by Selenium) on the built site, served on loopback."""
    driver = chromium()
    driver.base = server
    yield driver
    driver.quit()


@pytest.fixture
def reader(browser):
    """The session's browser (412 px, light), given back as it was found."""
    yield browser
    screen(browser, 412, "light")


def screen(driver, width: int, scheme: str) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {  # a reader who asks for less motion: the
        "features": [{"name": "prefers-color-scheme", "value": scheme},  # page's final colours at once
                     {"name": "prefers-reduced-motion", "value": "reduce"}]})
