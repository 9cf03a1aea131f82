"""Safe to accept pull requests from many hands (issue 9): hostile and careless contributions are
refused with a plain message (file and line) or published inert; the PDF renderer reads nothing
outside the site; a failed build leaves the previous site untouched and nothing half-made."""

import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, page
from roadmap import policy

ONE_LANGUAGE = {"ROADMAP_LANGUAGE": "ru", "ROADMAP_PDF": "0"}


def build_fails(project: Path, tmp_path: Path, env=None) -> str:
    result = mkdocs_build(project, tmp_path / "site", env={**ONE_LANGUAGE, **(env or {})})
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have been refused"
    assert "Traceback" not in output, output
    return output


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- hostile HTML in a contributed page ------------------------------------------------------

HOSTILE = {
    "<script>": '<script>alert("x")</script>',
    "onerror=": '<img src="../assets/favicon.svg" onerror="alert(1)">',
    "<iframe>": '<iframe src="https://evil.example/"></iframe>',
    "javascript:": '[click me](javascript:alert(1))',
    "<style>": "<style>p { display: none }</style>",
    "remote image": '![pixel](https://tracker.example/p.gif)',
    "file: link": '<a href="file:///etc/passwd">passwords</a>',
    "attr_list handler": "A paragraph.\n{ onclick=\"alert(1)\" }",
}


# each case in its own page, all in one build: a strict build reports every finding before it stops
HOSTILE_PAGES = ["green-paper/foreword.md", "green-paper/conclusion.md", "green-paper/index.md",
                 "green-paper/chapter-1/prerequisites.md", "green-paper/chapter-1/vision-2026.md",
                 "green-paper/chapter-2/audience.md", "green-paper/chapter-2/implementation.md",
                 "green-paper/chapter-2/stages.md"]


def test_hostile_html_in_translated_pages_is_refused_each_with_file_and_line(project_copy, tmp_path):
    lines = {}
    for case, page in zip(HOSTILE, HOSTILE_PAGES, strict=True):
        path = project_copy / "docs/ru" / page
        text = path.read_text(encoding="utf-8") + "\n\n" + HOSTILE[case] + "\n"
        path.write_text(text, encoding="utf-8")
        lines[case] = f"docs/ru/{page}, line {line_of(text, HOSTILE[case].splitlines()[-1])}:"
    output = build_fails(project_copy, tmp_path)
    for case, where in lines.items():
        reported = [line for line in output.splitlines() if where in line]
        assert reported and "is not allowed in a page" in reported[0], f"{case}: no message at {where}\n{output}"


def test_the_cleaned_html_is_inert():
    """What the sanitizer lets through of every hostile case: no script, handler or bad URL."""
    import markdown

    for case, source in HOSTILE.items():
        html = markdown.markdown(source, extensions=["attr_list", "md_in_html"])
        cleaned = policy.clean(html)
        assert not re.search(r"<(script|style|iframe)|\son\w+=|javascript:|file:|https://tracker", cleaned), (case, cleaned)
        assert policy.removed(html, cleaned), f"{case}: nothing reported"


def test_the_site_as_shipped_passes_the_policy_unchanged(site):
    """The real pages need nothing the policy forbids (the build would have stopped)."""
    html = page(site, "ru", "green-paper/chapter-2/directions/definition/")
    assert "admonition" in html and "footnote" in html and "<abbr" in html


# --- hostile interface strings ----------------------------------------------------------------


def set_ui(project: Path, lang: str, key: str, value: str) -> int:
    path = project / f"data/i18n/{lang}.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.startswith(f"  {key}:"):
            # the value may continue on indented lines (a folded >- string): replace them too
            end = n + 1
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
            lines[n:end] = [f"  {key}: {value}"]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return n + 1
    raise AssertionError(f"no ui key {key} in {lang}.yml")


@pytest.mark.parametrize("key", ["site_name", "copyright", "site_description", "pdf_download"])
def test_script_in_an_interface_string_is_refused_by_the_check_and_the_build(project_copy, tmp_path, key):
    line = set_ui(project_copy, "ru", key, "'Дорожная карта<script>alert(1)</script>'")
    check = subprocess.run([sys.executable, "-m", "roadmap.check", "--data", str(project_copy / "data")],
                           capture_output=True, text=True, cwd=project_copy)
    assert check.returncode == 1
    assert f'data/i18n/ru.yml, line {line}: ui → "{key}": the text contains HTML' in check.stdout
    output = build_fails(project_copy, tmp_path)
    assert f"data/i18n/ru.yml, line {line}" in output


def test_html_in_a_data_string_is_refused_with_file_and_line(project_copy):
    """A direction's label, translated (data/i18n/ky.yml) and in English (data/directions.yml)."""
    planted = {}
    for shown, old, new in [("data/i18n/ky.yml", "    label: Маданият", "    label: Маданият<img src=x onerror=alert(1)>"),
                            ("data/directions.yml", "  label: Culture", "  label: Culture <script>alert(1)</script>")]:
        path = project_copy / shown
        text = path.read_text(encoding="utf-8")
        assert old + "\n" in text
        path.write_text(text.replace(old + "\n", new + "\n", 1), encoding="utf-8")
        planted[shown] = line_of(text, old + "\n")
    check = subprocess.run([sys.executable, "-m", "roadmap.check", "--data", str(project_copy / "data")],
                           capture_output=True, text=True, cwd=project_copy)
    assert check.returncode == 1
    for shown, line in planted.items():
        assert f"{shown}, line {line}: " in check.stdout and "the text contains HTML" in check.stdout, check.stdout


def test_quotes_in_an_interface_string_cannot_break_out_of_an_attribute(project_copy, tmp_path):
    set_ui(project_copy, "ru", "site_description", "'Описание\" onmouseover=\"alert(1)'")
    set_ui(project_copy, "ru", "site_name", "'Карта & \"компания\"'")
    result = mkdocs_build(project_copy, tmp_path / "site", env=ONE_LANGUAGE)
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "en", "")  # a one-language preview is built at the root
    assert 'onmouseover="alert(1)"' not in html
    assert re.search(r'<meta name="description" content="Описание&#34; onmouseover=&#34;alert\(1\)">', html)
    assert "Карта &amp; &#34;компания&#34;" in html


# --- careless front matter and bad pages ----------------------------------------------------


FRONT_MATTER = {
    "unclosed": ("---\ntranslation: machine-draft\n\n# Title\n", 1, "never closed"),
    "tab": ("---\ntranslation:\tmachine-draft\n---\n\n# Title\n", 2, "tab"),
    "unknown key": ("---\ntranslaton: machine-draft\n---\n\n# Title\n", 2, 'unknown key "translaton"'),
    "bad value": ("---\ntranslation: draft\n---\n\n# Title\n", 2, "machine-draft or reviewed"),
    "html title": ("---\ntitle: <b onmouseover=x>T</b>\n---\n\n# Title\n", 2, "contains HTML"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER))
def test_broken_front_matter_stops_the_build_with_file_and_line(project_copy, tmp_path, case):
    text, line, words = FRONT_MATTER[case]
    (project_copy / "docs/ru/creotalents.md").write_text(text, encoding="utf-8")
    output = build_fails(project_copy, tmp_path)
    assert f"docs/ru/creotalents.md, line {line}:" in output
    assert words in output


def test_a_page_that_is_not_utf8_is_named_with_its_line(project_copy, tmp_path):
    path = project_copy / "docs/ru/creotalents.md"
    text = path.read_text(encoding="utf-8").replace("Creotalents", "Creotalents é", 1)
    line = line_of(text, "Creotalents é")
    path.write_bytes(text.encode("cp1251", errors="replace").replace("é".encode("utf-8"), b"\xe9"))
    output = build_fails(project_copy, tmp_path)
    assert f"docs/ru/creotalents.md, line {line}: the page is not saved as UTF-8" in output


def test_a_missing_interface_string_is_counted_and_marked_english(project_copy, tmp_path):
    path = project_copy / "data/i18n/ru.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(l for l in lines if not l.startswith("  countries_profile:")) + "\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "roadmap.check", "--data", str(project_copy / "data")],
                           capture_output=True, text=True, cwd=project_copy)
    assert check.returncode == 0
    counts = dict(re.findall(r"(\w\w) (\d+)", check.stdout.split("(shown in English):")[1]))
    before = subprocess.run([sys.executable, "-m", "roadmap.check"], capture_output=True, text=True, cwd=ROOT)
    counts_before = dict(re.findall(r"(\w\w) (\d+)", before.stdout.split("(shown in English):")[1]))
    assert int(counts["ru"]) == int(counts_before["ru"]) + 1
    result = mkdocs_build(project_copy, tmp_path / "site", env=ONE_LANGUAGE)
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "en", "countries/kazakhstan/")
    assert re.search(r'<h2 id="profile"><span lang="en">Country profile</span>', html)


# --- the PDF renderer reads only the site ------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args):
        pass


def test_a_local_file_and_a_loopback_url_never_reach_a_pdf(tmp_path):
    from pypdf import PdfReader

    from roadmap import print as edition_pdf

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    loopback = f"http://127.0.0.1:{server.server_port}"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    site = tmp_path / "docs"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    html = f"""<html lang="en"><head><style>@import url("{loopback}/import.css");</style></head><body>
      <p>Allowed: <img src="assets/ok.svg"></p>
      <a rel="attachment" href="{secret.as_uri()}">attachment</a>
      <img src="{secret.as_uri()}"> <img src="../secret.txt"> <img src="assets/../../secret.txt">
      <img src="{loopback}/pixel.png"> <link rel="stylesheet" href="{loopback}/style.css">
    </body></html>"""
    target = tmp_path / "out.pdf"
    result = edition_pdf.render({
        "html": html, "base_url": site.as_uri() + "/", "fonts": "", "stylesheets": [],
        "roots": [str(site / "assets")], "target": str(target), "identifier": "test"})
    server.shutdown()
    assert "error" not in result, result
    assert _Recorder.requests == [], "the renderer asked the network for something"
    refused = result["refused"]
    assert any("secret.txt" in url for url in refused)
    assert any(url.startswith(loopback) for url in refused)
    assert not any(url.endswith("assets/ok.svg") for url in refused)
    data = target.read_bytes()
    assert b"TOP SECRET" not in data and b"EmbeddedFile" not in data
    assert len(PdfReader(target).pages) == 1


# --- a failed build leaves the previous site untouched --------------------------------------


def run_build(project: Path, site_dir: Path, env=None, **kwargs) -> subprocess.CompletedProcess:
    """The README's build command (after setup): scripts/build.py."""
    return subprocess.run([sys.executable, "scripts/build.py", "-d", str(site_dir)], cwd=project,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROADMAP_PDF": "0", **(env or {})},
                          **kwargs)


def previous_site(tmp_path: Path) -> Path:
    site_dir = tmp_path / "public" / "site"
    site_dir.mkdir(parents=True)
    (site_dir / "index.html").write_text("the previous site", encoding="utf-8")
    return site_dir


def assert_untouched(site_dir: Path, result):
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert "Build failed:" in output and "is unchanged" in output
    assert sorted(p.name for p in site_dir.parent.iterdir()) == ["site"], "something partial was left"
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the previous site"
    return output


def test_success_replaces_the_site_whole(project_copy, tmp_path):
    site_dir = previous_site(tmp_path)
    result = run_build(project_copy, site_dir, env={"ROADMAP_LANGUAGE": "tk"})
    assert result.returncode == 0, result.stderr
    assert "the previous site" not in (site_dir / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in site_dir.parent.iterdir()) == ["site"]


def test_a_broken_page_leaves_the_previous_site(project_copy, tmp_path):
    (project_copy / "docs/ru/creotalents.md").write_text("---\ntranslation: machine-draft\n# x\n", encoding="utf-8")
    site_dir = previous_site(tmp_path)
    output = assert_untouched(site_dir, run_build(project_copy, site_dir, env={"ROADMAP_LANGUAGE": "ru"}))
    assert "docs/ru/creotalents.md, line 1" in output


def test_a_missing_theme_partial_is_named(project_copy, tmp_path):
    (project_copy / "overrides/partials/languages/kk.html").unlink()
    site_dir = previous_site(tmp_path)
    output = assert_untouched(site_dir, run_build(project_copy, site_dir, env={"ROADMAP_LANGUAGE": "kk"}))
    assert "partials/languages/kk.html" in output and "Restore it from Git" in output


def test_a_full_disk_is_named(project_copy, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        site_dir = previous_site(mount)
        output = assert_untouched(site_dir, run_build(project_copy, site_dir, env={"ROADMAP_LANGUAGE": "tk"}))
        assert "the disk is full" in output
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.pdf
def test_a_killed_pdf_worker_is_named(project_copy, tmp_path):
    site_dir = previous_site(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "scripts/build.py", "-d", str(site_dir)], cwd=project_copy, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROADMAP_PDF": "1", "ROADMAP_LANGUAGE": "tk"})
    killed, before = None, set()
    deadline = time.time() + 300
    while killed is None and process.poll() is None and time.time() < deadline:
        # a worker is a child seen twice: a child forked to run another program (git) has the
        # build's command line only for the instant before it starts that program
        children = _children(process.pid)
        workers = [pid for pid in children if pid in before]
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        before = set(children)
        time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=600)
    assert killed, "no PDF worker was seen"
    output = assert_untouched(site_dir, subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    assert "PDF worker process was stopped" in output


def _children(pid: int) -> list[int]:
    """The PDF workers of a build: children forked from it (same command line; a `git` child
    reading translation dates is not one)."""
    found = []
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat[1]) == pid and cmdline == own:
                found.append(int(entry.name))
    return found
