"""The working group's review of the proposals on the text: `roadmap-proposals`.

Readers propose a change with the issue forms of .github/ISSUE_TEMPLATE/ (made from `FIELDS` below
by scripts/issue_forms.py) or by e-mail. The working group exports the issues and pastes the mails
into a text file, then:

    roadmap-proposals proposals.json mails.txt -o review/

The command reads those files only (never the network), files each proposal under the paragraph
(§2.4.3.5), milestone (M7) or task (T7) it names, in the order of the document, and writes:

    proposals.csv   one row per proposal, with its group and an empty `decision` column
    review.md       the same, grouped, as Markdown tables
    review.html     the same as a page (roadmap/proposals.html), and review.pdf printed from it

Input:
- a JSON issue export: a list of issues as `gh issue list --json number,title,body,labels,url,
  createdAt,author,state` writes it, or as the REST API gives it (html_url, created_at, labels as
  objects). An issue-form body is `### <label>` blocks in the order of `FIELDS`; the labels are in
  the reader's language, so fields are read by their labels in any language of the site, and by
  their order when a label is unknown (a form whose strings changed since). `_No response_` is
  empty.
- pasted mails (any other file): the same `### <label>` blocks, one mail after another, separated
  by a line `---`. A mail may add a `### Date` block. A mail without `### ` blocks is read as the
  site's "Send by e-mail" begins it: the number, the page, the passage quoted with "> ", then the
  proposal.

A number the documents do not have (§9.9.9, M31) or text that is no number at all is kept in an
"Unrecognised" group with a note, never dropped. A file that cannot be read, or is not an issue
export, is refused with a plain message (exit status 1); problems of one record are printed with
the record (issue number or e-mail) and the field, and the record is kept.

Every text from an export is untrusted: the HTML template escapes it (Jinja autoescape), the
Markdown escapes it, the CSV defuses spreadsheet formulas, and only https: addresses become links.
"""

import argparse
import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EMPTY = "_No response_"  # what GitHub writes for a field left empty
UNRECOGNISED = "Unrecognised"


# --- the issue forms ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of the issue forms: its id (GitHub prefills it from ?<id>=… in the form's URL),
    its type, and the interface strings (data/i18n/<lang>.yml, `ui:`) of its label and help."""

    id: str
    type: str  # "input" or "textarea"
    label: str
    help: str | None = None
    required: bool = False


# In this order in every form: a body is read by this order when its labels are unknown.
FIELDS = (
    Field("paragraph", "input", "form_paragraph", "form_paragraph_help", required=True),
    Field("language", "input", "form_language"),
    Field("page", "input", "form_page"),
    Field("passage", "textarea", "form_passage", "form_passage_help"),
    Field("proposal", "textarea", "form_proposal", "form_proposal_help", required=True),
    Field("reason", "textarea", "form_reason", "form_reason_help"),
    Field("proposer", "input", "form_proposer", "form_proposer_help"),
)
# The translation correction: the same fields, with the corrected text in place of the proposal.
CORRECTION = Field("proposal", "textarea", "form_correction", "form_correction_help", required=True)
KINDS = ("proposal", "translation")


def form_fields(kind: str) -> tuple[Field, ...]:
    """The fields of the form for `kind` ("proposal" or "translation"), in order."""
    if kind == "translation":
        return tuple(CORRECTION if f.id == "proposal" else f for f in FIELDS)
    return FIELDS


# --- what the documents number -------------------------------------------------------------------


@dataclass
class Reference:
    """What a proposal may name: the Green Paper's paragraphs in document order, the milestones and
    tasks by number, the form labels of every language, and the site's languages."""

    paragraphs: dict[str, tuple[int, str, str]]  # "2.4.3.5" -> (order, page path, page title)
    milestones: dict[int, str]  # 7 -> the milestone's English text
    tasks: dict[int, str]
    labels: dict[str, tuple[str, str]]  # a field label, casefolded -> (field id, kind)
    languages: list[str]
    site_url: str


def reference(root: Path | None = None) -> Reference:
    """The reference of the project at `root`: its docs/ and data/ (raises DataError)."""
    from roadmap import paragraphs, project
    from roadmap.data import load
    from roadmap.localized import localized

    root = Path(root or project.ROOT)
    found: dict[str, tuple[int, str, str]] = {}
    for path in paragraphs.SECTIONS:
        file = root / "docs" / path
        if not file.exists():
            continue
        lines = file.read_text(encoding="utf-8").splitlines()
        title = next((re.sub(r"\s*\{[^}]*\}\s*$", "", l[2:]).strip() for l in lines if l.startswith("# ")), path)
        # Every `{: #p… }` line, in order: the ids as written, whatever block they close.
        for line in lines:
            match = paragraphs.ID.match(line)
            if match:
                found.setdefault(match.group(1), (len(found), path, title))
    roadmap = load(root / "data")
    english = localized(roadmap, "en")
    labels: dict[str, tuple[str, str]] = {}
    for lang in roadmap.languages:
        view = localized(roadmap, lang)
        for kind in KINDS:
            for f in form_fields(kind):
                labels.setdefault(view.ui(f.label).plain.strip().casefold(), (f.id, kind))
    for f in FIELDS:  # the ids themselves, and a mail's date
        labels.setdefault(f.id, (f.id, "proposal"))
    labels.setdefault("date", ("date", "proposal"))
    return Reference(
        paragraphs=found,
        milestones={m.number: m.text.plain for m in english.milestones if m.number},
        tasks={t.number: t.text.plain for t in english.tasks},
        labels=labels,
        languages=list(roadmap.languages),
        site_url=_site_url(root),
    )


def _site_url(root: Path) -> str:
    import yaml

    from roadmap.project import _ConfigLoader

    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return ""
    return str(config.get("site_url") or "").rstrip("/")


# --- one proposal ---------------------------------------------------------------------------------


@dataclass
class Proposal:
    source: str  # "#12" (an issue), "e-mail 3", or "item 4" (an issue without a number)
    url: str = ""  # the issue's address, as the export gives it
    kind: str = "proposal"  # or "translation" (a correction of a translation)
    given: str = ""  # the paragraph field as the reader wrote it
    where: str = ""  # §2.4.3.5, M7 or T7; empty when unrecognised
    language: str = ""
    page: str = ""
    passage: str = ""
    proposal: str = ""
    reason: str = ""
    proposer: str = ""
    date: str = ""
    state: str = ""
    notes: list[str] = field(default_factory=list)
    group: str = UNRECOGNISED


PARAGRAPH = re.compile(r"([FC]|\d+(?:\.\d+)*)\.(\d+)")
NUMBERED = re.compile(r"([MT])\s*0*(\d+)")
# Readers of the Cyrillic pages may type the letters of M7 and T7 in Cyrillic.
LOOKALIKES = str.maketrans({"М": "M", "м": "M", "Т": "T", "т": "T", "m": "M", "t": "T", "f": "F", "c": "C",
                            "С": "C", "с": "C"})


def locate(given: str, ref: Reference) -> tuple[str, str | None]:
    """(§2.4.3.5, M7 or T7, or "" when unrecognised; a note saying why it is unrecognised)."""
    text = given.strip()
    if not text:
        return "", "no paragraph, milestone or task number was given"
    anchor = re.search(r"#p([0-9FCfc][0-9.]*)\s*$", text)  # a permalink: …/data/#p2.4.3.5
    if anchor:
        text = anchor.group(1)
    text = re.sub(r"^(?:§|#|No\.?|№)\s*", "", text).strip().rstrip(".").translate(LOOKALIKES)
    text = re.sub(r"^p(?=[0-9FC])", "", text, flags=re.I)
    numbered = NUMBERED.fullmatch(text)
    if numbered:
        letter, n = numbered.group(1), int(numbered.group(2))
        known = ref.milestones if letter == "M" else ref.tasks
        if n in known:
            return f"{letter}{n}", None
        noun = "milestones" if letter == "M" else "tasks"
        return "", f"{letter}{n}: the road map has {len(known)} {noun} ({letter}1–{letter}{len(known)})"
    number = PARAGRAPH.fullmatch(text)
    if number:
        if text in ref.paragraphs:
            return f"§{text}", None
        return "", f"§{text} is not a paragraph of the Green Paper (no such number on its pages)"
    return "", (f"“{_short(given)}” is not a paragraph number (such as §2.4.3.5), a milestone (M7) "
                "or a task (T7)")


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --- reading an issue-form body or a mail ---------------------------------------------------------

HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$")


def sections(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the text before the first `### ` heading, [(label, value)]) of a form body or a mail."""
    before, found, label, lines = [], [], None, []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = HEADING.match(line)
        if heading:
            if label is not None:
                found.append((label, _value(lines)))
            label, lines = heading.group(1), []
        elif label is None:
            before.append(line)
        else:
            lines.append(line)
    if label is not None:
        found.append((label, _value(lines)))
    return "\n".join(before).strip(), found


def _value(lines: list[str]) -> str:
    value = "\n".join(lines).strip()
    return "" if value == EMPTY else value


def fields_of(text: str, ref: Reference) -> tuple[dict[str, str], str | None, list[str]]:
    """The fields of one body: ({field id: value}, the kind its labels say, notes). Read by label
    (any language of the site); when a label is unknown and the body has exactly the form's
    fields, by their order; else an unknown heading stays part of the field before it."""
    before, found = sections(text)
    notes: list[str] = []
    values: dict[str, str] = {}
    kind = None
    if not found:
        lines = before.splitlines()
        if lines and locate(lines[0], ref)[0]:  # a mail as the site's "Send by e-mail" begins it:
            values["paragraph"] = lines.pop(0).strip()  # the number, the page, "> " the passage
            if lines and lines[0].strip().startswith("https://"):
                values["page"] = lines.pop(0).strip()
            values["passage"] = "\n".join(l[1:].strip() for l in lines if l.startswith(">")).strip()
            values["proposal"] = "\n".join(l for l in lines if not l.startswith(">")).strip()
        elif before:
            notes.append("no “### ” fields: the whole text is kept as the proposal")
            values["proposal"] = before
        return values, kind, notes
    if before:
        notes.append(f"text before the first field was left out: “{_short(before)}”")
    known = [ref.labels.get(label.strip().casefold()) for label, _ in found]
    if None in known and len(found) == len(FIELDS):
        return {f.id: value for f, (_, value) in zip(FIELDS, found)}, kind, notes
    last = None
    for (label, value), hit in zip(found, known):
        if hit is None:
            if last is None:
                notes.append(f"the heading “{_short(label)}” is not a field of the form; kept as the proposal")
                last = "proposal"
            values[last] = "\n\n".join(v for v in (values.get(last, ""), f"### {label}", value) if v)
            continue
        last, kind = hit[0], (hit[1] if hit[1] == "translation" else kind)
        values[last] = "\n\n".join(v for v in (values.get(last, ""), value) if v)
    return values, kind, notes


# --- reading the input files -------------------------------------------------------------------------


class ExportError(Exception):
    """A file that cannot be read as an issue export or as pasted mails: the message says which."""


def read_file(path: Path, ref: Reference, problems: list[str]) -> list[Proposal]:
    """The proposals of one file (a JSON issue export, or pasted mails); problems of single
    records are added to `problems`. Raises ExportError for a file that cannot be used at all."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ExportError(f"{path}: cannot be read ({error.strerror or error}).") from None
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: is not UTF-8 text (byte {error.start + 1}). Save the export "
                          "as UTF-8 and try again.") from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        return read_issues(text, str(path), ref, problems)
    return read_mails(text, str(path), ref, problems)


def read_issues(text: str, name: str, ref: Reference, problems: list[str]) -> list[Proposal]:
    try:
        issues = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f"{name}, line {error.lineno}, column {error.colno}: not valid JSON "
                          f"({error.msg}). Export the issues again with `gh issue list … --json …` "
                          "and save the output unchanged.") from None
    if not isinstance(issues, list):
        raise ExportError(f"{name}: the export is {_kind_of(issues)}, not a list of issues. Save the "
                          "output of `gh issue list --json number,title,body,labels,url,createdAt,"
                          "author,state` (or of the REST API's issue list) unchanged.")
    for n, issue in enumerate(issues, 1):
        if not isinstance(issue, dict):
            raise ExportError(f"{name}, item {n}: is {_kind_of(issue)}, not an issue (an object with "
                              "number, title, body …). This is not an issue export.")
    if issues and not any("body" in issue for issue in issues):
        raise ExportError(f"{name}: no issue has a “body” field, so there are no proposals to read. "
                          "Export again with --json number,title,body,labels,url,createdAt,author,state.")
    found, skipped = [], 0
    for n, issue in enumerate(issues, 1):
        proposal = read_issue(issue, n, name, ref, problems)
        if proposal is None:
            skipped += 1
        else:
            found.append(proposal)
    if skipped:
        problems.append(f"{name}: {skipped} issue(s) left out: pull requests, or issues labelled "
                        "neither “proposal” nor “translation”.")
    return found


def read_issue(issue: dict, n: int, name: str, ref: Reference, problems: list[str]) -> Proposal | None:
    number = issue.get("number")
    record = f"issue #{number}" if isinstance(number, int) and not isinstance(number, bool) else f"item {n}"

    def problem(key: str, message: str):
        problems.append(f"{name}, {record}: field “{key}” {message}")

    if record.startswith("item"):
        problem("number", "is missing or not a whole number; the issue is named by its place in the list")
    labels = issue.get("labels") or []
    if not isinstance(labels, list):
        problem("labels", "is not a list; read as no labels")
        labels = []
    names = [l.get("name") if isinstance(l, dict) else l for l in labels]
    names = [l for l in names if isinstance(l, str)]
    if issue.get("pull_request") or (names and not {"proposal", "translation"} & set(names)):
        return None
    # The REST API's `url` is its own address; `html_url` (REST) and `url` (gh) are the page's.
    url = _text(issue, "html_url", problem) or _text(issue, "url", problem)
    proposal = Proposal(source=f"#{number}" if record.startswith("issue") else record, url=url)
    proposal.kind = "translation" if "translation" in names else "proposal"
    lang = next((l.split(":", 1)[1] for l in names if l.startswith("lang:")), "")
    date = _text(issue, "createdAt", problem) or _text(issue, "created_at", problem)
    proposal.date = date[:10]
    proposal.state = (_text(issue, "state", problem)).lower()
    body = issue.get("body")
    if not isinstance(body, str) or not body.strip():
        problem("body", "is empty: the issue has none of the form's fields; its title is kept "
                "as the proposal")
        body = ""
    values, kind, notes = fields_of(body, ref) if body else ({}, None, ["the issue has no text; its title is shown"])
    title = _text(issue, "title", problem)
    if not values.get("paragraph"):  # a blank issue: the number may be in the title ("§2.4.3.5: …")
        head = title.split(":", 1)[0] if ":" in title else title
        if locate(head, ref)[0]:
            values["paragraph"] = head
    if not values.get("proposal") and title and not body:
        values["proposal"] = title
    _fill(proposal, values, ref, notes)
    proposal.language = proposal.language or lang
    proposal.kind = kind or proposal.kind
    if body:
        _report(f"{name}, {record}", proposal, notes, problems)
    return proposal


def _text(issue: dict, key: str, problem) -> str:
    """A text field of an issue ("" when absent); anything else is reported. The author's login
    (author.login, user.login) is not read: a proposer who left their name out stays anonymous."""
    value = issue.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problem(key, f"is {_kind_of(value)}, not a text; left empty")
        return ""
    return value.strip()


def read_mails(text: str, name: str, ref: Reference, problems: list[str]) -> list[Proposal]:
    found = []
    chunks, lines, start = [], [], 1
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if line.strip() == "---":
            chunks.append((start, "\n".join(lines)))
            lines, start = [], number + 1
        else:
            lines.append(line)
    chunks.append((start, "\n".join(lines)))
    n = 0
    for line, chunk in chunks:
        if not chunk.strip():
            continue
        n += 1
        proposal = Proposal(source=f"e-mail {n}")
        values, kind, notes = fields_of(chunk, ref)
        _fill(proposal, values, ref, notes)
        proposal.kind = kind or "proposal"
        proposal.date = values.get("date", "")
        _report(f"{name}, e-mail {n} (line {line})", proposal, notes, problems)
        found.append(proposal)
    if not found:
        problems.append(f"{name}: no e-mails found (separate them with a line “---”)")
    return found


def _report(record: str, proposal: Proposal, notes: list[str], problems: list[str]):
    """What the working group should know about one record, named with its field."""
    problems += [f"{record}: {note}" for note in notes]
    if not proposal.where:
        problems.append(f"{record}: field “paragraph”: {proposal.notes[-1]}; kept under {UNRECOGNISED}")
    if not proposal.proposal:
        problems.append(f"{record}: field “proposal” is empty")


def _fill(proposal: Proposal, values: dict[str, str], ref: Reference, notes: list[str]):
    proposal.given = values.get("paragraph", "")
    for key in ("language", "page", "passage", "proposal", "reason", "proposer"):
        setattr(proposal, key, values.get(key, ""))
    language = proposal.language.strip()
    if language.lower() in ref.languages:
        proposal.language = language.lower()
    proposal.notes = list(notes)
    proposal.where, why = locate(proposal.given, ref)
    if why:
        proposal.notes.append(why)


def _kind_of(value) -> str:
    return {dict: "an object", list: "a list", str: "a text", bool: "true or false",
            type(None): "null"}.get(type(value), "a number" if isinstance(value, int | float) else "something else")


# --- grouping ---------------------------------------------------------------------------------------


@dataclass
class Group:
    key: str  # §2.4.3.5, M7, T7 or Unrecognised
    about: str  # the page of a paragraph, the text of a milestone or task
    link: str  # the paragraph on the site
    proposals: list[Proposal]


def group(proposals: list[Proposal], ref: Reference) -> list[Group]:
    """The proposals by what they name, in document order: the Green Paper's paragraphs (§F.*,
    §1.1.*, … §C.*), then M1–M30, then T1–T30, then the unrecognised ones."""

    def order(key: str):
        if key.startswith("§"):
            return (0, ref.paragraphs[key[1:]][0])
        if key[0] in "MT":
            return (1 if key[0] == "M" else 2, int(key[1:]))
        return (3, 0)

    groups: dict[str, Group] = {}
    for proposal in proposals:
        key = proposal.where or UNRECOGNISED
        proposal.group = key
        if key not in groups:
            groups[key] = Group(key, *_about(key, ref), [])
        groups[key].proposals.append(proposal)
    for g in groups.values():
        g.proposals.sort(key=lambda p: (p.date or "9999", re.sub(r"[\d\s]", "", p.source),
                                        int(re.sub(r"\D", "", p.source) or 0)))
    return sorted(groups.values(), key=lambda g: order(g.key))


def _about(key: str, ref: Reference) -> tuple[str, str]:
    if key.startswith("§"):
        _, path, title = ref.paragraphs[key[1:]]
        page = re.sub(r"(^|/)index\.md$", r"\1", path).removesuffix(".md")
        page = page + "/" if page and not page.endswith("/") else page
        return title, f"{ref.site_url}/{page}#p{key[1:]}" if ref.site_url else ""
    if key[:1] == "M" and key[1:].isdigit():
        return f"Milestone: {ref.milestones[int(key[1:])]}", ""
    if key[:1] == "T" and key[1:].isdigit():
        return f"Task: {_short(ref.tasks[int(key[1:])], 160)}", ""
    return "numbers the documents do not have, or no number at all", ""


# --- writing --------------------------------------------------------------------------------------

COLUMNS = ["group", "where", "given", "kind", "language", "page", "passage", "proposal", "reason",
           "proposer", "source", "url", "date", "state", "note", "decision"]


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ would start a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(groups: list[Group]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for g in groups:
        for p in g.proposals:
            row = {**p.__dict__, "note": "; ".join(p.notes), "decision": ""}
            writer.writerow([_cell(str(row[c])) for c in COLUMNS])
    return out.getvalue()


SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/+-]*)?(?:#[A-Za-z0-9._-]*)?")


def safe_url(url: str) -> str:
    """The address if it is a plain https: address that can be a link; else ""."""
    return url if SAFE_URL.fullmatch(url or "") else ""


def md(text: str) -> str:
    """Untrusted text as inert Markdown inside a table cell: no markup, links, images or HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]()!|~#{}])", r"\\\1", text)
    return "<br>".join(line.strip() for line in text.replace("\r", "").split("\n"))


def markdown_text(groups: list[Group], summary: str) -> str:
    lines = ["# Proposals on the road map: review", "", md(summary), "",
             "| Group | Proposals |", "| --- | ---: |"]
    lines += [f"| {md(g.key)} | {len(g.proposals)} |" for g in groups]
    for g in groups:
        count = f"{len(g.proposals)} proposal{'s' if len(g.proposals) != 1 else ''}"
        lines += ["", f"## {md(g.key)} ({count})", "", md(g.about)]
        if g.link:
            lines[-1] += f" ({g.link})"
        lines += ["", "| Source | Passage | Proposal | Reason | Proposer | Decision |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for p in g.proposals:
            url = safe_url(p.url)
            source = f"[{md(p.source)}]({url})" if url else md(p.source)
            meta = "<br>".join(md(x) for x in (p.date, p.state, p.language, p.kind if p.kind != "proposal" else "") if x)
            proposal = md(p.proposal)
            if p.notes:
                proposal += ("<br>" if proposal else "") + "*" + md("Note: " + "; ".join(p.notes)) + "*"
            if g.key == UNRECOGNISED and p.given:
                proposal = f"*{md('Given as: ' + p.given)}*<br>" + proposal
            cells = [source + ("<br>" + meta if meta else ""), md(p.passage), proposal, md(p.reason), md(p.proposer), " "]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def html_text(groups: list[Group], summary: str, ref: Reference) -> str:
    from roadmap.templates import render

    return render("proposals.html", HERE, groups=groups, summary=summary, safe_url=safe_url,
                  anchor=anchor, languages=ref.languages, unrecognised=UNRECOGNISED)


def anchor(key: str) -> str:
    """The id of a group in the review: p2.4.3.5 (as on the site), m7, t7, unrecognised."""
    return "p" + key[1:] if key.startswith("§") else key.lower()


def print_fonts(fonts_css: Path, cache_dir: Path) -> tuple[str, list[str]]:
    """@font-face rules for every font file of the project, and the family list that names them
    all: one review holds text in every language of the site. Files that differ only in weight
    and style share a family (so bold and italic text get their own faces); each other set of
    files is a family of its own, and Pango takes each letter from the first family that has it.
    (roadmap.print.print_fonts gives one language's fonts, as an edition needs.)"""
    from roadmap.fonts import font_faces
    from roadmap.print import as_ttf

    rules, families = [], []
    for face in font_faces(fonts_css):
        subset = "-".join(p for p in face.path.stem.split("-") if p not in ("regular", "bold", "italic"))
        family = f"{face.family} {subset}"
        if family not in families:
            families.append(family)
        ttf = as_ttf(face.path, Path(cache_dir).resolve())
        rules.append(f'@font-face {{ font-family: "{family}"; font-style: {face.style}; '
                     f'font-weight: {face.weight}; src: url("{ttf.as_uri()}"); }}')
    return "\n".join(rules), families


def write_pdf(html: str, target: Path, root: Path) -> str | None:
    """review.pdf from the review's HTML, with the project's own fonts; WeasyPrint may read the
    font files and nothing else. Returns a plain message when it cannot be printed."""
    from roadmap import print as printing

    fonts_css = root / "docs" / "assets" / "stylesheets" / "fonts.css"
    font_cache = root / ".cache" / "fonts"
    try:
        faces, families = print_fonts(fonts_css, font_cache)
    except Exception as error:  # a missing or broken font file: one plain line
        return f"the project's fonts cannot be read ({error})"
    family_list = ", ".join(f'"{f}"' for f in families)
    result = printing.render({
        "html": html,
        "base_url": font_cache.resolve().as_uri() + "/",
        "fonts": faces + f"\n@page {{ font-family: {family_list}; }} html {{ font-family: {family_list}; }}",
        "stylesheets": [],
        "roots": [str(font_cache)],
        "target": str(target),
        "identifier": "proposals-review",
    })
    if "error" in result:
        return result["error"]
    if result["refused"]:
        return f"printed, but these addresses were refused: {', '.join(result['refused'])}"
    return None


def write(groups: list[Group], out: Path, summary: str, ref: Reference, root: Path, pdf: bool = True) -> str | None:
    """Write the review into `out`; returns why the PDF could not be printed, if it could not."""
    out.mkdir(parents=True, exist_ok=True)
    # With a byte order mark: spreadsheets then read the file as UTF-8 (Cyrillic intact).
    (out / "proposals.csv").write_text(csv_text(groups), encoding="utf-8-sig", newline="")
    (out / "review.md").write_text(markdown_text(groups, summary), encoding="utf-8")
    html = html_text(groups, summary, ref)
    (out / "review.html").write_text(html, encoding="utf-8")
    if not pdf:
        (out / "review.pdf").unlink(missing_ok=True)  # never a PDF of an older review beside this one
        return None
    return write_pdf(html, out / "review.pdf", root)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="roadmap-proposals", description=(
        "Turn an export of proposals (GitHub issues as JSON, pasted e-mails) into a review for the "
        "working group: proposals.csv, review.md, review.html and review.pdf, grouped by paragraph, "
        "milestone and task. Never uses the network."))
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="a JSON issue export (.json) or a text file of pasted e-mails")
    parser.add_argument("-o", "--output", type=Path, default=Path("proposals-review"),
                        help="the folder to write into (default: proposals-review/)")
    parser.add_argument("--no-pdf", action="store_true", help="write the CSV, Markdown and HTML only")
    args = parser.parse_args(argv)

    from roadmap import project
    from roadmap.data import DataError

    root = project.ROOT
    try:
        ref = reference(root)
    except DataError as error:
        print(f"roadmap-proposals: the project's data has problems; fix them first (roadmap-check):\n{error}",
              file=sys.stderr)
        return 1
    problems: list[str] = []
    proposals: list[Proposal] = []
    seen: set[str] = set()
    try:
        for path in args.files:
            for proposal in read_file(path, ref, problems):
                if proposal.url and proposal.url in seen:
                    continue  # the same issue in two exports
                seen.add(proposal.url)
                proposals.append(proposal)
    except ExportError as error:
        print(f"roadmap-proposals: {error}", file=sys.stderr)
        return 1
    groups = group(proposals, ref)
    unrecognised = sum(len(g.proposals) for g in groups if g.key == UNRECOGNISED)
    known = sum(1 for g in groups if g.key != UNRECOGNISED)
    summary = (f"{len(proposals)} proposal{'s' if len(proposals) != 1 else ''}, "
               f"{known} group{'s' if known != 1 else ''}, {unrecognised} unrecognised")
    for problem in problems:
        print(problem, file=sys.stderr)
    try:
        pdf_problem = write(groups, args.output, summary, ref, root, pdf=not args.no_pdf)
    except OSError as error:
        print(f"roadmap-proposals: cannot write into {args.output} ({error.strerror or error}).", file=sys.stderr)
        return 1
    print(f"{summary} → {args.output}/")
    if pdf_problem:
        print(f"roadmap-proposals: {args.output / 'review.pdf'} was not printed: {pdf_problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
