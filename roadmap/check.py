"""Check the road map's data files, the same way the site build does.

    roadmap-check                     check everything under ./data
    roadmap-check data/i18n/ru.yml    check everything, report the problems of this file
    roadmap-check --data path/to/data

Also `python -m roadmap.check`. Exit status 0 when all is well, 1 when there are problems
(each printed with its file, line, what is wrong and how to fix it), 2 when the data folder
cannot be found.
"""

import argparse
import sys
from pathlib import Path

from roadmap.data import DEFAULT, DataError, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="roadmap-check",
        description="Check the road map's data files (data/*.yml and data/i18n/*.yml).",
    )
    parser.add_argument("files", nargs="*", type=Path, help="report only the problems of these files")
    parser.add_argument("--data", type=Path, help="the data folder (default: ./data)")
    args = parser.parse_args(argv)

    data_dir = args.data or _data_dir(args.files)
    if data_dir is None or not (data_dir / "tasks.yml").exists():
        print(f"roadmap-check: cannot find the data folder (looked for {data_dir or 'data'}/tasks.yml). "
              "Run it from the project folder, or give --data path/to/data.", file=sys.stderr)
        return 2

    try:
        roadmap = load(data_dir)
    except DataError as error:
        problems = error.problems
        if args.files:
            wanted = {f.resolve() for f in args.files}
            shown = [p for p in problems if (data_dir.resolve().parent / p.file).resolve() in wanted]
            others = len(problems) - len(shown)
        else:
            shown, others = problems, 0
        for problem in shown:
            print(problem)
        summary = f"{len(shown)} problem{'s' if len(shown) != 1 else ''} found"
        if others:
            summary += (f"; {others} more in other files (run roadmap-check without file names "
                        "to see them)")
        print(summary + ".")
        return 1 if shown or not args.files else 0

    counts = ", ".join(f"{n} {name}" for name, n in roadmap.counts().items())
    untranslated = ", ".join(f"{lang} {len(roadmap.untranslated(lang))}"
                             for lang in roadmap.languages if lang != DEFAULT)
    print(f"OK: {counts}. Untranslated strings (shown in English): {untranslated}.")
    return 0


def _data_dir(files: list[Path]) -> Path | None:
    """The data folder: the one holding the given files, else ./data."""
    for file in files:
        for folder in file.resolve().parents:
            if (folder / "tasks.yml").exists():
                return folder
    return Path("data")


if __name__ == "__main__":
    sys.exit(main())
