"""Shared fixtures: the whole site is built once per test session, in strict mode, into a
temporary folder; tests read what a reader would get."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "ru", "kk", "ky", "uz", "tg", "tk"]
# What a copy of the project needs in order to build (see `project_copy`).
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "hooks", "overrides", "roadmap", "pyproject.toml"]


def mkdocs_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None):
    """Run `mkdocs build --strict` for `project`; returns the CompletedProcess (never raises)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=900,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site (all seven languages and their PDFs)."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
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
