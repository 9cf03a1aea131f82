"""Where each translation stands, for translators: reviewed, machine draft, outdated or missing.

- A translated page records the English text it was made from: `source:` in its front matter is
  the hash of the English page (`source_hash`). When the English page changes, the translation
  is outdated: readers see a notice linking to the English page, and `roadmap-translations diff`
  shows exactly what changed in English since (found in the project's Git history).
- A translation file (data/i18n/<lang>.yml) records the same per section, under `sources:`
  (ui, stages, directions, milestones, tasks, organisations, vision, glossary).
- A page or file is `reviewed` when its front matter (or the file) says `translation: reviewed`.
- The glossary's `avoid:` variants must appear in no page or string of their language.

    roadmap-translations                 the status of every language (as on the site's status page)
    roadmap-translations check           also fail on avoided glossary variants and missing terms
    roadmap-translations diff kk [page]  what changed in English since each kk page was translated
    roadmap-translations stamp kk [page] record that kk pages (or one) follow the current English
    --github                             print problems as GitHub annotations (::warning / ::error)
"""

import argparse
import difflib
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from roadmap import frontmatter, project
from roadmap.data import DEFAULT, SECTIONS, DataError, load
from roadmap.yamlfile import Problem

REVIEWED, DRAFT, OUTDATED, MISSING = "reviewed", "machine draft", "outdated", "missing"
STATES = [REVIEWED, DRAFT, OUTDATED, MISSING]
DATA_SECTIONS = ["ui"] + [s.name for s in SECTIONS]


def source_hash(text: str) -> str:
    """The hash of an English text (a page without its front matter, or a data section)."""
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode()).hexdigest()[:12]


def page_hash(path: Path) -> str:
    """`source_hash` of the page at `path` without its front matter, worked out once per state of
    the file (every language's build asks for the English pages' hashes)."""
    info = Path(path).stat()
    return _page_hash(str(path), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=1024)
def _page_hash(path: str, mtime: int, size: int) -> str:
    return source_hash(body(Path(path).read_text(encoding="utf-8")))


def body(markdown: str) -> str:
    lines = markdown.splitlines()
    if lines and lines[0].rstrip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].rstrip() == "---"), None)
        if end is not None:
            return "\n".join(lines[end + 1:])
    return markdown


def section_hashes(roadmap) -> dict[str, str]:
    """The hash of each English data section (the strings a translation file translates)."""
    by_section: dict[str, list[str]] = {name: [] for name in DATA_SECTIONS}
    for (section, id, f), text in sorted(roadmap.english.items()):
        by_section[section].append(f"{id}.{f}={text}")
    by_section["ui"] = [f"{k}={v}" for k, v in sorted(roadmap.ui[DEFAULT].items())]
    return {name: source_hash("\n".join(lines)) for name, lines in by_section.items()}


@dataclass
class Item:
    """One page, data section or theme file of one language."""

    kind: str  # "page", "data", "theme"
    path: str  # docs/kk/foreword.md, data/i18n/kk.yml#tasks, overrides/partials/languages/kk.html
    state: str  # REVIEWED, DRAFT, OUTDATED, MISSING
    english: str = ""  # the English original (a path of docs/, or the section)
    strings: tuple[int, int] = (0, 0)  # (translated, of): data sections only
    reviewed_by: str | None = None


@dataclass
class Language:
    code: str
    items: list[Item] = field(default_factory=list)

    def count(self, state: str, kind: str | None = None) -> int:
        return sum(1 for item in self.items if item.state == state and (kind is None or item.kind == kind))

    def percent(self, state: str, kind: str | None = None) -> int:
        items = [i for i in self.items if kind is None or i.kind == kind]
        return round(100 * self.count(state, kind) / len(items)) if items else 0


def status(root: Path, languages=None) -> list[Language]:
    """The state of every translation of the project at `root` (or of those in `languages`: a
    one-language preview reads and checks only its own)."""
    root = Path(root)
    docs = root / "docs"
    codes = project.codes(root)
    english_pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                           if p.relative_to(docs).parts[0] not in codes)
    wanted = [lang for lang in codes[1:] if languages is None or lang in languages]
    roadmap = load(root / "data", languages and [codes[0], *wanted])
    hashes = section_hashes(roadmap)
    result = []
    for lang in wanted:
        language = Language(lang)
        for path in english_pages:
            translated = docs / lang / path
            if not translated.exists():
                language.items.append(Item("page", f"docs/{lang}/{path}", MISSING, path))
                continue
            meta, _ = frontmatter.check(translated.read_text(encoding="utf-8"), f"docs/{lang}/{path}")
            english = page_hash(docs / path)
            if meta.get("source") and meta["source"] != english:
                state = OUTDATED
            else:
                state = REVIEWED if meta.get("translation") == "reviewed" else DRAFT
            language.items.append(Item("page", f"docs/{lang}/{path}", state, path, reviewed_by=meta.get("reviewed_by")))
        recorded = roadmap.sources.get(lang) or {}
        reviewed = roadmap.status.get(lang) == "reviewed"
        missing = roadmap.untranslated(lang)
        for name in DATA_SECTIONS:
            total = len(roadmap.ui[DEFAULT]) if name == "ui" else sum(1 for k in roadmap.english if k[0] == name)
            lacking = sum(1 for k in missing if k[0] == name)
            if lacking == total:
                state = MISSING
            elif recorded.get(name) and recorded[name] != hashes[name]:
                state = OUTDATED
            else:
                state = REVIEWED if reviewed and not lacking else DRAFT
            language.items.append(Item("data", f"data/i18n/{lang}.yml#{name}", state, name, (total - lacking, total)))
        theme = root / "overrides" / "partials" / "languages" / f"{lang}.html"
        if theme.exists():
            text = theme.read_text(encoding="utf-8")[:400]
            state = DRAFT if "machine-draft" in text else REVIEWED
            language.items.append(Item("theme", f"overrides/partials/languages/{lang}.html", state))
        result.append(language)
    return result


def status_once(root: Path, languages=None) -> list[Language]:
    """`status`, worked out once per state of the files (every language's build asks)."""
    root = Path(root).resolve()
    stamp = project.stamp([*root.glob("docs/**/*.md"), *root.glob("data/**/*.yml"),
                           *root.glob("overrides/partials/languages/*.html")])
    return _status_cached(root, tuple(languages) if languages else None, stamp)


@lru_cache(maxsize=2)
def _status_cached(root: Path, languages, stamp) -> list[Language]:
    return status(root, languages)


def avoided(root: Path) -> list[Problem]:
    """Pages and strings of a language that use a variant its glossary avoids, and glossary terms
    a language has not translated."""
    root = Path(root)
    roadmap = load(root / "data")
    problems = []
    for lang in project.codes(root)[1:]:
        patterns = []
        for id, variants in (roadmap.avoid.get(lang) or {}).items():
            for variant in variants:
                words = [re.escape(w).replace(r"\*", r"\w*") for w in variant.split()]
                patterns.append((id, variant, re.compile(r"(?<!\w)" + r"\s+".join(words) + (r"" if variant.endswith("*") else r"(?!\w)"), re.I)))
        files = list((root / "docs" / lang).rglob("*.md"))
        for path in files:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for id, variant, pattern in patterns:
                    if pattern.search(line):
                        problems.append(Problem(path.relative_to(root).as_posix(), number,
                                                f'"{pattern.search(line).group(0)}" is a variant the glossary avoids for '
                                                f'"{id}" ({variant}): use the glossary term.'))
        i18n = root / "data" / "i18n" / f"{lang}.yml"
        if i18n.exists():
            lines = i18n.read_text(encoding="utf-8").splitlines()
            glossary_at = next((n for n, l in enumerate(lines) if l.startswith("glossary:")), len(lines))
            for number, line in enumerate(lines[:glossary_at], 1):
                if line.lstrip().startswith("#"):
                    continue
                for id, variant, pattern in patterns:
                    if pattern.search(line):
                        problems.append(Problem(i18n.relative_to(root).as_posix(), number,
                                                f'"{pattern.search(line).group(0)}" is a variant the glossary avoids for '
                                                f'"{id}" ({variant}): use the glossary term.'))
        have = {id for (section, id, f) in roadmap.translations.get(lang, {}) if section == "glossary" and f == "term"}
        for id in roadmap.glossary:
            if id not in have:
                problems.append(Problem(f"data/i18n/{lang}.yml", None,
                                        f'the glossary term "{id}" ({roadmap.glossary[id]["term"]}) has no translation: '
                                        f"add it under glossary: with term and definition."))
    return problems


# --- diff and stamp ----------------------------------------------------------------------------


def english_at(root: Path, path: str, wanted: str) -> str | None:
    """The English page `path` as it was when its hash was `wanted`, from the Git history."""
    try:
        commits = subprocess.run(["git", "log", "--format=%H", "--", f"docs/{path}"], cwd=root,
                                 capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    for commit in commits:
        shown = subprocess.run(["git", "show", f"{commit}:docs/{path}"], cwd=root, capture_output=True, text=True)
        if shown.returncode == 0 and source_hash(body(shown.stdout)) == wanted:
            return shown.stdout
    return None


def diff(root: Path, lang: str, only: str | None = None) -> list[str]:
    """What changed in English since each outdated page of `lang` was translated."""
    out = []
    for language in status(root):
        if language.code != lang:
            continue
        for item in language.items:
            if item.kind != "page" or item.state != OUTDATED or (only and only not in item.path):
                continue
            meta, _ = frontmatter.check((Path(root) / item.path).read_text(encoding="utf-8"), item.path)
            old = english_at(Path(root), item.english, meta["source"])
            new = body((Path(root) / "docs" / item.english).read_text(encoding="utf-8"))
            out.append(f"== {item.path}: the English page docs/{item.english} changed since it was translated")
            if old is None:
                out.append("   (the English text it was made from is not in this repository's history; compare by hand)")
                continue
            out += list(difflib.unified_diff(body(old).splitlines(), new.splitlines(), f"docs/{item.english} (then)",
                                             f"docs/{item.english} (now)", lineterm="", n=1))
    return out


def stamp(root: Path, lang: str, only: str | None = None) -> list[str]:
    """Record that the pages of `lang` (or the one named) and its data file follow the current
    English. A translator runs this after bringing a translation up to date."""
    root = Path(root)
    docs = root / "docs"
    done = []
    for path in sorted((docs / lang).rglob("*.md")):
        relative = path.relative_to(docs / lang).as_posix()
        if only and only not in path.as_posix():
            continue
        english = docs / relative
        if not english.exists():
            continue
        wanted = source_hash(body(english.read_text(encoding="utf-8")))
        text = path.read_text(encoding="utf-8")
        new = _set_front_matter(text, "source", wanted)
        if new != text:
            path.write_text(new, encoding="utf-8")
            done.append(path.relative_to(root).as_posix())
    if not only or only.endswith(".yml"):
        file = root / "data" / "i18n" / f"{lang}.yml"
        hashes = section_hashes(load(root / "data"))
        text = file.read_text(encoding="utf-8")
        block = "sources:  # the English each section was translated from (roadmap-translations stamp)\n" + "".join(
            f"  {name}: {value}\n" for name, value in hashes.items())
        if re.search(r"(?m)^sources:", text):
            new = re.sub(r"(?ms)^sources:.*?\n(?=\S|\Z)", block, text)
        else:
            new = re.sub(r"(?m)^(translation: .*\n)", r"\1" + block.replace("\\", "\\\\"), text, count=1)
        if new != text:
            file.write_text(new, encoding="utf-8")
            done.append(file.relative_to(root).as_posix())
    return done


def _set_front_matter(text: str, key: str, value: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return f"---\n{key}: {value}\n---\n\n" + text
    end = next(n for n in range(1, len(lines)) if lines[n].rstrip() == "---")
    for n in range(1, end):
        if lines[n].startswith(f"{key}:"):
            lines[n] = f"{key}: {value}\n"
            return "".join(lines)
    lines.insert(end, f"{key}: {value}\n")
    return "".join(lines)


# --- command line ------------------------------------------------------------------------------


def report(languages: list[Language]) -> str:
    rows = [f"{'':4}{'pages':>34}   {'data sections':>34}   theme"]
    for language in languages:
        def part(kind):
            return " ".join(f"{language.count(s, kind):>3} {s}" for s in STATES if language.count(s, kind))

        theme = next((i.state for i in language.items if i.kind == "theme"), "—")
        strings = [i.strings for i in language.items if i.kind == "data"]
        done, total = sum(s[0] for s in strings), sum(s[1] for s in strings)
        rows.append(f"{language.code:4}{part('page'):>34}   {part('data'):>34}   {theme}   "
                    f"({done} of {total} strings, {round(100 * done / total) if total else 0} %)")
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="roadmap-translations", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="status", choices=["status", "check", "diff", "stamp"])
    parser.add_argument("lang", nargs="?")
    parser.add_argument("page", nargs="?")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--github", action="store_true", help="print problems as GitHub annotations")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command in ("diff", "stamp"):
            if args.lang not in project.codes(root)[1:]:
                print(f"roadmap-translations {args.command}: name a language ({', '.join(project.codes(root)[1:])}).",
                      file=sys.stderr)
                return 2
            lines = diff(root, args.lang, args.page) if args.command == "diff" else stamp(root, args.lang, args.page)
            print("\n".join(lines) if lines else ("nothing is outdated." if args.command == "diff" else "nothing to record."))
            return 0
        languages = status(root)
        print(report(languages))
        outdated = [i for l in languages for i in l.items if i.state == OUTDATED]
        for item in outdated:
            message = f"the English original ({item.english}) changed since this was translated: roadmap-translations diff"
            problem = Problem(item.path.split("#")[0], None, message)
            print(problem.github("Outdated translation", "warning") if args.github else f"outdated: {item.path}: {message}")
        if args.command == "check":
            problems = avoided(root)
            for problem in problems:
                print(problem.github("Glossary") if args.github else problem)
            return 1 if problems else 0
        return 0
    except DataError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        print("Fix these first (roadmap-check lists them too).", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
