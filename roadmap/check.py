"""Check the road map's data files, the same way the site build does.

    roadmap-check                     check everything under ./data
    roadmap-check data/i18n/ru.yml    check everything, report the problems of this file
    roadmap-check --data path/to/data
    roadmap-check --format github     each problem as a GitHub Actions error annotation

Also `python -m roadmap.check`. Exit status 0 when all is well, 1 when there are problems
(each printed with its file, line, what is wrong and how to fix it), 2 when the data folder
cannot be found.
"""

import argparse
import os
import sys
from pathlib import Path

from roadmap.data import DEFAULT, DataError, load
from roadmap.yamlfile import Problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="roadmap-check",
        description="Check the road map's data files (data/*.yml and data/i18n/*.yml).",
    )
    parser.add_argument("files", nargs="*", type=Path, help="report only the problems of these files")
    parser.add_argument("--data", type=Path, help="the data folder (default: ./data)")
    parser.add_argument("--format", choices=["plain", "github"], default="plain",
                        help="github: each problem as a GitHub Actions ::error annotation (default: plain)")
    args = parser.parse_args(argv)

    data_dir = args.data or _data_dir(args.files)
    if data_dir is None or not (data_dir / "tasks.yml").exists():
        print(f"roadmap-check: cannot find the data folder (looked for {data_dir or 'data'}/tasks.yml). "
              "Run it from the project folder, or give --data path/to/data.", file=sys.stderr)
        return 2
    status, lines = _check(data_dir, args.files, args.format)
    return write(lines, status, "roadmap-check")


def _check(data_dir: Path, files: list[Path], format: str) -> tuple[int, list[str]]:
    """The exit status and the lines to print."""
    try:
        roadmap = load(data_dir)
    except DataError as error:
        problems = error.problems
        if files:
            wanted = {f.resolve() for f in files}
            shown = [p for p in problems if (data_dir.resolve().parent / p.file).resolve() in wanted]
            others = len(problems) - len(shown)
        else:
            shown, others = problems, 0
        lines = [formatted(problem, format) for problem in shown]
        summary = f"{len(shown)} problem{'s' if len(shown) != 1 else ''} found"
        if others:
            summary += (f"; {others} more in other files (run roadmap-check without file names "
                        "to see them)")
        return (1 if shown or not files else 0), lines + [summary + "."]

    counts = ", ".join(f"{n} {name}" for name, n in roadmap.counts().items())
    untranslated = ", ".join(f"{lang} {len(roadmap.untranslated(lang))}"
                             for lang in roadmap.languages if lang != DEFAULT)
    return 0, [f"OK: {counts}. Untranslated strings (shown in English): {untranslated}."]


def formatted(problem: Problem, format: str) -> str:
    if format != "github":
        return str(problem)
    return problem.github("Translation problem" if "/i18n/" in problem.file else "Data problem")


def write(lines: list[str], status: int, prog: str) -> int:
    """Print the lines and return `status`. When the reader stops early (`roadmap-check | head`),
    say so in one line instead of a traceback; the exit status stays that of the check."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        print(f"{prog}: the output was cut short (the program reading it stopped early).", file=sys.stderr)
    return status


def _data_dir(files: list[Path]) -> Path | None:
    """The data folder: the one holding the given files, else ./data."""
    for file in files:
        for folder in file.resolve().parents:
            if (folder / "tasks.yml").exists():
                return folder
    return Path("data")


if __name__ == "__main__":
    sys.exit(main())
