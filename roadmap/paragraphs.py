"""Paragraph numbers of the Green Paper: §2.4.3.5 is paragraph 5 of section 2.4.3 (Data, the third
strategic direction); §F.2 is the Foreword's second paragraph and §C.1 the Conclusion's first.

A number is an identifier written in the source, never a count made at build time, so it stays
the same when the text around it is edited, and it is the same in all seven languages. In the
Markdown it is an attribute list on the line after the paragraph or list item:

    The road map consists of the present Green Paper, a Flowchart and an Action Plan.
    {: #p2.3.1 }

A translation keeps every number of its English page, after the paragraph that translates it.
`roadmap-paragraphs` numbers new English paragraphs (the next free number of their section) and
checks that every page in every language has exactly the numbers of the English page.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from roadmap import project
from roadmap.yamlfile import Problem

ID = re.compile(r"^\s*(?:>\s*)*\{:\s*#p([A-Z0-9][0-9A-Z.]*)\s*\}\s*$")
NUMBER = re.compile(r"^(?:[FC]|\d+(?:\.\d+)*)\.\d+$")
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+")
# Green Paper pages with numbered paragraphs, and the number of their section.
SECTIONS = {
    "green-paper/foreword.md": "F",
    "green-paper/chapter-1/prerequisites.md": "1.1",
    "green-paper/chapter-1/vision-2026.md": "1.2",
    "green-paper/chapter-2/road-map-model.md": "2.1",
    "green-paper/chapter-2/audience.md": "2.2",
    "green-paper/chapter-2/implementation.md": "2.3",
    "green-paper/chapter-2/directions/index.md": "2.4",
    "green-paper/chapter-2/directions/definition.md": "2.4.1",
    "green-paper/chapter-2/directions/culture.md": "2.4.2",
    "green-paper/chapter-2/directions/data.md": "2.4.3",
    "green-paper/chapter-2/directions/advocacy.md": "2.4.4",
    "green-paper/chapter-2/directions/education.md": "2.4.5",
    "green-paper/chapter-2/directions/finance.md": "2.4.6",
    "green-paper/chapter-2/directions/taxes.md": "2.4.7",
    "green-paper/chapter-2/directions/international-relations.md": "2.4.8",
    "green-paper/chapter-2/directions/infrastructure.md": "2.4.9",
    "green-paper/chapter-2/stages.md": "2.5",
    "green-paper/conclusion.md": "C",
}


@dataclass
class Block:
    """A paragraph or list item of a page's Markdown: its lines (0-based, end exclusive)."""

    kind: str  # "p" or "li"
    start: int
    end: int
    indent: str  # what the id line starts with (list indentation, "> " in a quotation)
    number: str | None  # the paragraph's number, if it has one
    id_line: int | None  # the line of `{: #p… }`


def blocks(markdown: str) -> list[Block]:
    """The paragraphs and list items of a page, in order, as they would be numbered."""
    lines = markdown.splitlines()
    found: list[Block] = []
    n = _body_start(lines)
    while n < len(lines):
        line = lines[n]
        stripped = line.strip()
        if not stripped or _skipped(line):
            n = _skip_block(lines, n) if _skipped(line) else n + 1
            continue
        quote = "> " if stripped.startswith(">") else ""
        item = ITEM.match(line.lstrip("> ") if quote else line)
        if item:
            indent = quote + " " * len(item.group(0))
            end = n + 1
            while end < len(lines) and lines[end].strip() and not ITEM.match(lines[end].lstrip("> ") if quote else lines[end]) \
                    and _indented_under(lines[end], len(item.group(1)), quote):
                end += 1
            found.append(_with_id(Block("li", n, end, indent, None, None), lines))
            n = end
            continue
        end = n + 1
        while end < len(lines) and lines[end].strip() and (ID.match(lines[end]) or not _skipped(lines[end])) \
                and not ITEM.match(lines[end].lstrip("> ") if quote else lines[end]):
            end += 1
        indent = quote + line[: len(line) - len(line.lstrip())] if not quote else quote
        found.append(_with_id(Block("p", n, end, indent, None, None), lines))
        n = end
    return found


def _body_start(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        return next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    return 0


def _skipped(line: str) -> bool:
    """Lines that start something that is not a numbered paragraph: a heading, a footnote or
    abbreviation definition, a marker, an admonition (a translator's note), a table."""
    s = line.lstrip("> ").lstrip() if line.lstrip().startswith(">") else line
    return bool(re.match(r"#{1,6}\s|\[\^[^\]]+\]:|\*\[[^\]]+\]:|<!--|!!!|\?\?\?|\||\s*\{:", s))


def _skip_block(lines: list[str], n: int) -> int:
    """The line after a skipped block and whatever belongs to it: its continuation lines, and
    paragraphs indented under it after blank lines (a footnote's second paragraph, an
    admonition's body)."""
    end = n + 1
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            after = next((l for l in lines[end:] if l.strip()), "")
            if not after.startswith("    "):
                break
        elif not (line.startswith("    ") or not _starts(line)):
            break
        end += 1
    return end


def _starts(line: str) -> bool:
    return _skipped(line) or bool(ITEM.match(line)) or not line.startswith(" ")


def _indented_under(line: str, marker_indent: int, quote: str) -> bool:
    body = line.lstrip("> ") if quote else line
    if ID.match(line):
        return True
    return len(body) - len(body.lstrip()) > marker_indent


def _with_id(block: Block, lines: list[str]) -> Block:
    for n in range(block.start, block.end):
        match = ID.match(lines[n])
        if match:
            block.number, block.id_line = match.group(1), n
    return block


def numbers(markdown: str) -> list[tuple[str, int]]:
    """(number, line) of every numbered paragraph of a page, in order (lines from 1)."""
    return [(b.number, b.id_line + 1) for b in blocks(markdown) if b.number]


def add_numbers(markdown: str, section: str) -> str:
    """The page with a number for each paragraph that has none: the next free number of its
    section (numbers already given are never changed)."""
    lines = markdown.splitlines()
    found = blocks(markdown)
    used = [int(b.number.rsplit(".", 1)[1]) for b in found if b.number]
    following = max(used, default=0)
    for block in found:
        if block.number is None:
            following += 1
            block.number = f"{section}.{following}"
            block.id_line = -1
    for block in reversed(found):
        if block.id_line == -1:
            lines.insert(block.end, f"{block.indent}{{: #p{block.number} }}")
    return "\n".join(lines) + "\n"


def copy_numbers(english: str, translation: str) -> tuple[str, list[str]]:
    """A translation given the numbers of its English page, block by block (for pages whose
    blocks match the English one to one). Returns the page and the problems found."""
    numbered = [b.number for b in blocks(english)]
    target = blocks(translation)
    kinds_en = [b.kind for b in blocks(english)]
    kinds = [b.kind for b in target]
    if kinds != kinds_en:
        return translation, [f"{len(kinds)} paragraphs and list items against {len(kinds_en)} in English"]
    lines = translation.splitlines()
    for block, number in reversed(list(zip(target, numbered))):
        if block.number is None and number:
            lines.insert(block.end, f"{block.indent}{{: #p{number} }}")
    return "\n".join(lines) + "\n", []


# --- checking ------------------------------------------------------------------------------


def check_once(docs: Path, languages: tuple[str, ...]) -> list[Problem]:
    """`check`, done once per state of the pages (every language's build asks)."""
    docs = Path(docs)
    stamp = project.stamp(docs / folder / path for path in SECTIONS for folder in ("", *languages))
    return list(_check_cached(docs.resolve(), tuple(languages), stamp))


@lru_cache(maxsize=4)
def _check_cached(docs: Path, languages: tuple[str, ...], stamp) -> tuple[Problem, ...]:
    return tuple(check(docs, list(languages)))


def check(docs: Path, languages: list[str]) -> list[Problem]:
    """Every page of SECTIONS, in every language: numbers well formed and of the page's section,
    none used twice, and a translation with exactly the numbers of its English page."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path, section in SECTIONS.items():
        english_file = docs / path
        if not english_file.exists():
            continue
        english = numbers(english_file.read_text(encoding="utf-8"))
        shown = f"docs/{path}"
        for number, line in english:
            if not NUMBER.match(number) or number.rsplit(".", 1)[0] != section:
                problems.append(Problem(shown, line, f"paragraph number §{number}: the paragraphs of this "
                                        f"page are numbered §{section}.1, §{section}.2 …. Run roadmap-paragraphs "
                                        "to number new paragraphs."))
            if number in seen:
                problems.append(Problem(shown, line, f"paragraph number §{number} is used twice (also in "
                                        f"{seen[number]}). Give one of them a new number (roadmap-paragraphs)."))
            seen.setdefault(number, f"{shown}, line {line}")
        wanted = [n for n, _ in english]
        for lang in languages[1:]:
            translated = docs / lang / path
            if not translated.exists():
                continue
            shown_t = f"docs/{lang}/{path}"
            found = numbers(translated.read_text(encoding="utf-8"))
            have = [n for n, _ in found]
            counts: dict[str, int] = {}
            for number, line in found:
                counts[number] = counts.get(number, 0) + 1
                if counts[number] == 2:
                    problems.append(Problem(shown_t, line, f"paragraph number §{number} is used twice on this "
                                            "page. Each paragraph keeps the number of the English paragraph it translates."))
                if number not in wanted:
                    problems.append(Problem(shown_t, line, f"paragraph number §{number} is not on the English "
                                            f"page ({shown}). Use the number of the English paragraph this one "
                                            "translates, or remove the line."))
            for number in wanted:
                if number not in have:
                    problems.append(Problem(shown_t, None, f"the English paragraph §{number} has no counterpart here: "
                                            f"add the line {{: #p{number} }} after the paragraph that translates it "
                                            f"(see {shown})."))
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="roadmap-paragraphs", description=(
        "Number the new paragraphs of the English Green Paper pages, and check every language."))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    args = parser.parse_args(argv)

    if not args.check:
        for path, section in SECTIONS.items():
            file = args.docs / path
            if file.exists():
                text = file.read_text(encoding="utf-8")
                new = add_numbers(text, section)
                if new != text:
                    file.write_text(new, encoding="utf-8")
                    print(f"numbered new paragraphs in {file}")
    problems = check(args.docs, project.codes(args.docs.resolve().parent))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found." if problems else "OK: every page has its paragraph numbers.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
