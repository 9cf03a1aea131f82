"""Proposals on the text: the issue forms made from the interface strings, and the working group's
review made from an export of proposals (roadmap-proposals).

The sample export below is invented: its people and organisations are fictitious, its issue
numbers and addresses belong to no real repository."""

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, OTHERS, ROOT
from roadmap.data import load
from roadmap.localized import localized
from roadmap.proposals import (FIELDS, ExportError, fields_of, group, locate, read_file, reference)

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
IDS = ["paragraph", "language", "page", "passage", "proposal", "reason", "proposer"]


def issue_forms():
    spec = importlib.util.spec_from_file_location("issue_forms", ROOT / "scripts" / "issue_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the issue forms --------------------------------------------------------------------------------


def test_the_committed_forms_are_what_the_generator_makes_now():
    made = issue_forms().forms()
    expected = {f"proposal-{lang}.yml" for lang in LANGUAGES} | {f"translation-{lang}.yml" for lang in OTHERS}
    assert set(made) == expected | {"config.yml"}
    for name, text in made.items():
        assert (FORMS / name).exists(), f"{name} is missing: run scripts/issue_forms.py"
        assert (FORMS / name).read_text(encoding="utf-8") == text, f"{name} is out of date: run scripts/issue_forms.py"
    on_disk = {p.name for p in FORMS.glob("*.yml")}
    assert on_disk == set(made) | {"country-status-update.yml"}


def forms_on_disk():
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FORMS.glob("*.yml"))
            if p.name != "config.yml"}


def test_every_form_has_the_shape_of_a_github_issue_form():
    forms = forms_on_disk()
    names = [form["name"] for form in forms.values()]
    assert len(names) == len(set(names)) == 1 + len(LANGUAGES) + len(OTHERS)  # the chooser tells them apart
    for file, form in forms.items():
        assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}, file
        for key in ("name", "description"):
            assert isinstance(form[key], str) and form[key].strip(), (file, key)
        assert isinstance(form["body"], list) and form["body"], file
        ids, labels = [], []
        for item in form["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}, file
            if item["type"] == "markdown":
                continue
            assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), (file, item)
            assert isinstance(item["attributes"]["label"], str) and item["attributes"]["label"].strip(), (file, item)
            ids.append(item["id"])
            labels.append(item["attributes"]["label"])
        assert len(ids) == len(set(ids)), f"{file}: an id is used twice"
        assert len(labels) == len(set(labels)), f"{file}: a label is used twice"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_proposal_and_translation_forms_have_the_fields_the_site_prefills(lang):
    forms = forms_on_disk()
    kinds = ["proposal"] + (["translation"] if lang != "en" else [])
    for kind in kinds:
        form = forms[f"{kind}-{lang}.yml"]
        body = form["body"]
        assert [item["id"] for item in body] == IDS
        assert [item["type"] for item in body] == ["input", "input", "input", "textarea", "textarea", "textarea", "input"]
        required = [item["id"] for item in body if item.get("validations", {}).get("required")]
        assert required == ["paragraph", "proposal"]
        assert body[1]["attributes"]["value"] == lang
        assert form["labels"] == [kind, f"lang:{lang}"]
        assert form["title"].startswith("§")
    assert "translation-en.yml" not in forms


def expected_labels(view, kind: str) -> list[tuple[str, str]]:
    """(key, text) of every word of a form, as the language's strings give them."""
    from roadmap.proposals import form_fields

    name, about = issue_forms().FORM_STRINGS[kind]
    keys = [name, about] + [k for f in form_fields(kind) for k in (f.label, f.help) if k]
    return [(k, view.ui(k).plain) for k in keys]


def form_words(form: dict, kind: str) -> list[str]:
    from roadmap.proposals import form_fields

    words = [form["name"].rsplit(" (", 1)[0], form["description"]]
    for f, item in zip(form_fields(kind), form["body"]):
        words.append(item["attributes"]["label"])
        if f.help:
            words.append(item["attributes"]["description"])
    return words


def assert_in_language(form: dict, kind: str, view, english) -> int:
    """Every word of the form is the language's own string where it has one (never the English
    text then); returns how many strings the language has."""
    own = 0
    for (key, text), shown in zip(expected_labels(view, kind), form_words(form, kind)):
        assert shown == text, (key, shown, text)
        if not view.ui(key).fallback:
            own += 1
            assert shown != english.ui(key).plain, f"{view.lang}: {key} is the English text"
    return own


@pytest.mark.parametrize("lang", OTHERS)
def test_a_form_speaks_the_language_of_its_strings(lang):
    roadmap = load(ROOT / "data")
    view, english = localized(roadmap, lang), localized(roadmap, "en")
    forms = forms_on_disk()
    own = sum(assert_in_language(forms[f"{kind}-{lang}.yml"], kind, view, english) for kind in ("proposal", "translation"))
    if not own:
        pytest.skip(f"data/i18n/{lang}.yml has no form_* strings yet: its forms are in English")


def test_a_translated_string_reaches_its_form_in_that_language(tmp_path):
    for part in ("mkdocs.yml", "data"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    ru = tmp_path / "data" / "i18n" / "ru.yml"
    text = ru.read_text(encoding="utf-8")
    for key in ("form_proposal_name", "form_paragraph", "form_correction"):  # the translator's own wording…
        text = re.sub(rf"^  {key}: .*\n", "", text, flags=re.M)
    # …replaced by new wording, which must reach the forms
    strings = ("  form_proposal_name: Предложение к тексту\n"
               "  form_paragraph: Номер абзаца, вехи или задачи\n"
               "  form_correction: Текст после исправления\n")
    ru.write_text(text.replace("\nui:\n", "\nui:\n" + strings, 1), encoding="utf-8")
    made = issue_forms().forms(tmp_path)
    roadmap = load(tmp_path / "data")
    view, english = localized(roadmap, "ru"), localized(roadmap, "en")
    proposal = yaml.safe_load(made["proposal-ru.yml"])
    translation = yaml.safe_load(made["translation-ru.yml"])
    assert proposal["name"] == "Предложение к тексту (Русский)"
    assert proposal["body"][0]["attributes"]["label"] == "Номер абзаца, вехи или задачи"
    assert translation["body"][4]["attributes"]["label"] == "Текст после исправления"
    assert assert_in_language(proposal, "proposal", view, english) >= 2
    assert assert_in_language(translation, "translation", view, english) >= 2
    assert "form_paragraph," not in made["proposal-ru.yml"].split("\nname:")[0]  # no longer listed as missing
    # …and an export in that language is read back by its labels.
    body = "### Номер абзаца, вехи или задачи\n\nM7\n\n### Текст после исправления\n\nНовый текст"
    values, kind, _ = fields_of(body, reference(tmp_path))
    assert values == {"paragraph": "M7", "proposal": "Новый текст"} and kind == "translation"


def test_the_form_chooser_offers_the_mail_of_the_edition_and_no_blank_issue():
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    edition = yaml.safe_load((ROOT / "data" / "edition.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    (link,) = config["contact_links"]
    assert set(link) == {"name", "url", "about"}
    assert link["url"] == f"mailto:{edition['email']}?subject={edition['email_subject'].replace(' ', '%20')}"


# --- the sample export (invented) ---------------------------------------------------------------------


def body(**values) -> str:
    """An issue-form body as GitHub writes it: every field in order, _No response_ when empty."""
    labels = ["Paragraph, milestone or task", "Language of the text you read", "Page", "The passage",
              "Your proposal", "Why", "Who is proposing (optional)"]
    return "\n\n".join(f"### {label}\n\n{values.get(id) or '_No response_'}" for id, label in zip(IDS, labels))


ATTACK = '<script>alert("x")</script><img src="https://tracker.invalid/p.png"> ![seen](https://tracker.invalid/i.png)'

GH = [  # as `gh issue list --json number,title,body,labels,url,createdAt,author,state` writes them
    {"number": 101, "title": "§: data", "state": "OPEN", "createdAt": "2026-02-03T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/101", "author": {"login": "fictitious-one"},
     "labels": [{"name": "proposal"}, {"name": "lang:ru"}],
     "body": body(paragraph="§ 2.4.3.5", language="ru", page="https://creativecentral.asia/ru/green-paper/",
                  passage="Старый текст абзаца.", proposal="Новый текст абзаца.", reason="Так яснее.",
                  proposer="Ada Example (Example NGO, fictitious)")},
    {"number": 102, "title": "§: same paragraph", "state": "CLOSED", "createdAt": "2026-02-01T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/102", "author": {"login": "fictitious-two"},
     "labels": [{"name": "proposal"}, {"name": "lang:en"}],
     "body": body(paragraph="p2.4.3.5", proposal="Say who collects the data.")},
    {"number": 103, "title": "§: milestone", "state": "OPEN", "createdAt": "2026-02-04T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/103", "author": None,
     "labels": [{"name": "proposal"}], "body": body(paragraph="m7", proposal=ATTACK, reason="=1+1")},
    {"number": 104, "title": "§: foreword", "state": "OPEN", "createdAt": "2026-02-05T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/104", "author": {"login": "fictitious-one"},
     "labels": [{"name": "proposal"}], "body": body(paragraph="f.2", proposal="Name the forum's city.")},
    {"number": 105, "title": "§: nowhere", "state": "OPEN", "createdAt": "2026-02-06T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/105", "author": {"login": "fictitious-two"},
     "labels": [{"name": "proposal"}], "body": body(paragraph="§9.9.9", proposal="A paragraph that is not there.")},
    {"number": 106, "title": "§: перевод", "state": "OPEN", "createdAt": "2026-02-07T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/106", "author": {"login": "fictitious-three"},
     "labels": [{"name": "translation"}, {"name": "lang:ru"}],
     # A form whose labels were translated after this export's code was written: read by order.
     "body": "\n\n".join(f"### {label}\n\n{value}" for label, value in zip(
         ["Номер", "Язык", "Страница", "Отрывок", "Исправленный текст", "Почему", "Кто предлагает"],
         ["T12", "ru", "_No response_", "Старый перевод.", "Новый перевод.", "Опечатка.", "_No response_"]))},
    {"number": 107, "title": "Status update: Example", "state": "OPEN", "createdAt": "2026-02-08T09:00:00Z",
     "url": "https://github.com/example-org/example-repo/issues/107", "author": {"login": "fictitious-one"},
     "labels": [{"name": "country status update"}], "body": "### Country\n\nKazakhstan"},
]
REST = [  # as the REST API gives them: html_url, created_at, user.login, labels as objects
    {"number": 201, "title": "§: audience", "state": "open", "created_at": "2026-02-02T10:00:00Z",
     "url": "https://api.github.com/repos/example-org/example-repo/issues/201",
     "html_url": "https://github.com/example-org/example-repo/issues/201", "user": {"login": "fictitious-four"},
     "labels": [{"id": 1, "name": "proposal", "color": "ffffff"}],
     "body": body(paragraph="2.2.3", proposal="Add universities.", proposer="Bo Placeholder (fictitious)")},
    {"number": 202, "title": "§C.1: conclusion", "state": "open", "created_at": "2026-02-09T10:00:00Z",
     "url": "https://api.github.com/repos/example-org/example-repo/issues/202",
     "html_url": "https://github.com/example-org/example-repo/issues/202", "user": {"login": "fictitious-four"},
     "labels": [{"id": 1, "name": "proposal", "color": "ffffff"}], "body": None},
]
MAILS = """\
### Paragraph, milestone or task

Т7

### Your proposal

Add a deadline.

### Date

2026-02-10
---
### Paragraph, milestone or task

M31

### Your proposal

A milestone that does not exist.

### Who is proposing (optional)

Cy Sample (fictitious)
"""
ORDER = ["§F.2", "§2.2.3", "§2.4.3.5", "§C.1", "M7", "T7", "T12", "Unrecognised"]
COUNTS = {"§2.4.3.5": 2, "Unrecognised": 2}


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    (folder / "gh.json").write_text(json.dumps(GH, ensure_ascii=False), encoding="utf-8")
    (folder / "rest.json").write_text(json.dumps(REST), encoding="utf-8")
    (folder / "mails.txt").write_text(MAILS, encoding="utf-8")
    return folder


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "roadmap.proposals", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def review(export):
    out = export / "review"
    return out, run(export / "gh.json", export / "rest.json", export / "mails.txt", "-o", out)


def test_numbers_are_read_however_the_reader_writes_them():
    ref = reference()
    for given, where in [("2.4.3.5", "§2.4.3.5"), ("§ 2.4.3.5", "§2.4.3.5"), ("p2.4.3.5", "§2.4.3.5"),
                         ("§2.4.3.5.", "§2.4.3.5"), ("https://creativecentral.asia/ru/green-paper/chapter-2/directions/data/#p2.4.3.5", "§2.4.3.5"),
                         ("m7", "M7"), ("M 07", "M7"), ("М7", "M7"), ("t30", "T30"), ("f.2", "§F.2"), ("§C.4", "§C.4")]:
        assert locate(given, ref) == (where, None), given
    for given, why in [("§9.9.9", "not a paragraph of the Green Paper"), ("M31", "30 milestones"),
                       ("T0", "30 tasks"), ("chapter two", "is not a paragraph number"), ("", "no paragraph")]:
        where, note = locate(given, ref)
        assert where == "" and why in note, given


def test_a_body_is_read_by_its_labels_or_by_the_order_of_the_form():
    ref = reference()
    values, kind, notes = fields_of(body(paragraph="M7", proposal="x"), ref)
    assert values["paragraph"] == "M7" and values["proposal"] == "x" and values["reason"] == "" and not notes
    # English labels in another order, and only some of them (a pasted mail)
    values, _, _ = fields_of("### Why\n\nbecause\n\n### Paragraph, milestone or task\n\nT3", ref)
    assert values == {"reason": "because", "paragraph": "T3"}
    # a mail as the site's "Send by e-mail" begins it: number, page, quoted passage, proposal
    mail = "§2.4.3.5\nhttps://creativecentral.asia/green-paper/chapter-2/directions/data/#p2.4.3.5\n\n> Old words.\n\nNew words."
    values, _, notes = fields_of(mail, ref)
    assert values == {"paragraph": "§2.4.3.5", "page": "https://creativecentral.asia/green-paper/chapter-2/directions/data/#p2.4.3.5",
                      "passage": "Old words.", "proposal": "New words."} and not notes
    values, _, notes = fields_of("Just a thought, no number.", ref)
    assert values == {"proposal": "Just a thought, no number."} and "no “### ” fields" in notes[0]
    # a heading the reader typed inside the proposal stays part of it
    values, _, _ = fields_of("### Your proposal\n\nfirst\n\n### My own heading\n\nsecond", ref)
    assert values["proposal"] == "first\n\n### My own heading\n\nsecond"
    assert len(FIELDS) == 7


def test_the_sample_export_is_grouped_in_document_order_with_counts(export):
    ref, problems = reference(), []
    proposals = [p for name in ("gh.json", "rest.json", "mails.txt") for p in read_file(export / name, ref, problems)]
    groups = group(proposals, ref)
    assert [g.key for g in groups] == ORDER
    assert {g.key: len(g.proposals) for g in groups} == {key: COUNTS.get(key, 1) for key in ORDER}
    by_source = {p.source: p for p in proposals}
    assert "#107" not in by_source  # a country status update is not a proposal
    assert [p.source for p in groups[2].proposals] == ["#102", "#101"]  # by date within a group
    first = by_source["#101"]
    assert (first.language, first.passage, first.proposal, first.reason, first.proposer, first.state, first.date) == (
        "ru", "Старый текст абзаца.", "Новый текст абзаца.", "Так яснее.", "Ada Example (Example NGO, fictitious)",
        "open", "2026-02-03")
    assert by_source["#102"].passage == "" and by_source["#102"].state == "closed"
    assert by_source["#106"].kind == "translation" and by_source["#106"].where == "T12"
    assert by_source["#106"].proposal == "Новый перевод." and by_source["#106"].language == "ru"
    assert by_source["#201"].url == "https://github.com/example-org/example-repo/issues/201"  # the page, not the API
    assert by_source["#202"].where == "§C.1"  # no body: the number from the title
    assert by_source["e-mail 1"].date == "2026-02-10"
    assert "not a paragraph of the Green Paper" in by_source["#105"].notes[-1]
    assert "30 milestones" in by_source["e-mail 2"].notes[-1]
    assert any("issue #202" in p and "“body”" in p for p in problems)
    assert any("e-mail 2" in p and "“paragraph”" in p and "M31" in p for p in problems)


def test_the_command_writes_the_review_and_says_what_it_found(review):
    out, result = review
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("10 proposals, 7 groups, 2 unrecognised")
    assert "Traceback" not in result.stderr
    assert {p.name for p in out.iterdir()} == {"proposals.csv", "review.md", "review.html", "review.pdf"}


def test_the_csv_has_one_row_per_proposal_with_its_group_and_an_empty_decision(review):
    out, _ = review
    with open(out / "proposals.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["group", "where", "given", "kind", "language", "page", "passage", "proposal", "reason",
                             "proposer", "source", "url", "date", "state", "note", "decision"]
    assert len(rows) == 10
    assert list(dict.fromkeys(row["group"] for row in rows)) == ORDER
    assert all(row["decision"] == "" for row in rows)
    attack = next(row for row in rows if row["source"] == "#103")
    assert attack["reason"] == "'=1+1"  # a spreadsheet shows it, does not compute it
    assert next(row for row in rows if row["source"] == "#101")["passage"] == "Старый текст абзаца."


def test_the_html_and_markdown_group_the_proposals_and_keep_their_text_inert(review):
    out, _ = review
    html = (out / "review.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"([^\"]+)\">([^<(]+) \((\d+) proposals?\)</h2>", html)
    assert [(key.strip(), int(n)) for _, key, n in headings] == [(key, COUNTS.get(key, 1)) for key in ORDER]
    assert html.count("<th scope=\"col\">Decision</th>") == len(ORDER)
    assert "<script" not in html and "<img" not in html and 'src="https://tracker.invalid' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "default-src 'none'" in html
    assert '<a href="https://github.com/example-org/example-repo/issues/101">#101</a>' in html
    markdown = (out / "review.md").read_text(encoding="utf-8")
    assert [line[3:].split(" (")[0] for line in markdown.splitlines() if line.startswith("## ")] == ORDER
    assert "## §2.4.3.5 (2 proposals)" in markdown and "## Unrecognised (2 proposals)" in markdown
    assert "<script" not in markdown and "<img" not in markdown and "![" not in markdown
    assert "&lt;script&gt;" in markdown and r"\!\[seen\]\(https://tracker.invalid/i.png\)" in markdown
    assert "| Decision |" in markdown


def test_the_pdf_is_printed_with_the_project_fonts_and_names_the_paragraphs(review):
    out, _ = review
    reader = PdfReader(out / "review.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for key in ("§2.4.3.5", "§F.2", "M7", "T12", "Unrecognised", "Новый текст абзаца."):
        assert key in text, key
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("Roadmap" in name for name in fonts), fonts


# --- bad input: a plain message naming the record and the field, never a traceback -------------------


@pytest.mark.parametrize("name, content, message", [
    ("broken.json", '[{"number": 1,', "line 1, column 15: not valid JSON"),
    ("object.json", '{"issues": []}', "not a list of issues"),
    ("strings.json", '["§2.4.3.5"]', "item 1: is a text, not an issue"),
    ("nobody.json", '[{"number": 5, "title": "§2.4.3.5"}]', "no issue has a “body” field"),
    ("latin1.txt", "Café".encode("latin-1"), "is not UTF-8 text"),
    ("missing.json", None, "cannot be read"),
])
def test_an_unusable_file_is_refused_in_plain_words(tmp_path, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(path, "-o", tmp_path / "out", "--no-pdf")
    assert result.returncode == 1
    assert message in result.stderr and name in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_a_bad_record_is_named_with_its_field_and_kept(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([
        {"number": 7, "title": "x", "body": None, "labels": [{"name": "proposal"}]},
        {"number": 8, "title": "x", "body": body(paragraph="the second chapter", proposal="y"), "labels": "proposal",
         "createdAt": 20260101},
        {"title": "x", "body": body(paragraph="M3", proposal="z")},
    ]), encoding="utf-8")
    result = run(path, "-o", tmp_path / "out", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "issue #7: field “body” is empty" in result.stderr
    assert "issue #8: field “labels” is not a list" in result.stderr
    assert "issue #8: field “createdAt” is a number, not a text" in result.stderr
    assert "issue #8: field “paragraph”: “the second chapter” is not a paragraph number" in result.stderr
    assert "item 3: field “number” is missing" in result.stderr
    assert result.stdout.startswith("3 proposals, 1 group, 2 unrecognised")


def test_reading_a_file_never_raises_anything_but_a_plain_export_error(tmp_path):
    ref = reference()
    for content in ["[1]", "null", "[[]]", '[{"body": 3}]', '[{"body": "### \\n"}]', "---\n---\n", ""]:
        path = tmp_path / "x.json"
        path.write_text(content, encoding="utf-8")
        try:
            read_file(path, ref, [])
        except ExportError as error:
            assert "x.json" in str(error)
