"""Shared fixtures: the whole site is built once per test session, in strict mode, into a
temporary folder; tests read what a reader would get."""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "ru", "kk", "ky", "uz", "tg", "tk"]
# What a copy of the project needs in order to build (see `project_copy`).
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "hooks", "overrides", "roadmap", "pyproject.toml"]


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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site (all seven languages and their PDFs)."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out, env={"ROADMAP_PDF": "1"})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out


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
    prefix = "" if lang == "en" else f"{lang}/"
    target = site / prefix / path
    if target.is_dir() or path.endswith("/") or path == "":
        target = target / "index.html"
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(site):
    """Debian's headless Chromium (driven by Selenium) on the built site, served on loopback."""
    from selenium import webdriver

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=412,900"]:
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.base = f"http://127.0.0.1:{server.server_port}/"
    yield driver
    driver.quit()
    server.shutdown()
