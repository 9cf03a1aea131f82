"""Build the whole site, PDFs included, into a fresh folder, and put it in place of site/ only
when everything succeeded (`bash scripts/build.sh` runs this after installing what is missing).

    .venv/bin/python scripts/build.py                 # into site/
    .venv/bin/python scripts/build.py -d /some/where  # into another folder

On any failure the previous site/ is left untouched, nothing partial is left behind, and the
reason is one plain message (file and line where there is one, and what to do) with a non-zero
exit status, never a Python traceback (ROADMAP_DEBUG=1 shows it, for developers).
"""

import argparse
import errno
import logging
import os
import shutil
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="build", description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    args = parser.parse_args(argv)
    target = args.site_dir.resolve()
    fresh = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        message = _build(fresh)
    except KeyboardInterrupt:
        message = "the build was stopped before it finished."
    if message is None:
        try:
            _replace(target, fresh)
        except OSError as error:
            message = _os_error(error)
    if message is not None:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"\nBuild failed: {message}\nThe previous {_shown(target)}/ is unchanged.", file=sys.stderr)
        return 1
    print(f"Built the site into {_shown(target)}/", file=sys.stderr)
    return 0


def _build(site_dir: Path) -> str | None:
    """Build into `site_dir`; None on success, else the reason in plain words."""
    from jinja2 import TemplateError, TemplateNotFound
    from mkdocs import exceptions
    from mkdocs.commands import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(config)
        finally:
            config.plugins.on_shutdown()
    except exceptions.Abort as error:  # MkDocs has printed the reasons (strict warnings, a hook's message)
        return str(error).strip() or "see the messages above."
    except exceptions.MkDocsException as error:
        return str(error)
    except TemplateNotFound as error:
        return (f"the theme template '{error.name}' is missing. Restore it from Git "
                f"(overrides/{error.name}), or remove what includes it.")
    except TemplateError as error:
        where = f"{getattr(error, 'filename', None) or getattr(error, 'name', '')}"
        line = getattr(error, "lineno", None)
        return f"a theme template cannot be used ({where}{f', line {line}' if line else ''}): {error}."
    except UnicodeDecodeError as error:
        return f"a file is not UTF-8 text ({error.reason} at byte {error.start}). Save it again as UTF-8."
    except OSError as error:
        return _os_error(error)
    except Exception as error:
        if os.environ.get("ROADMAP_DEBUG"):
            traceback.print_exc()
        return (f"an unexpected {type(error).__name__}: {error}. Run again with ROADMAP_DEBUG=1 to see "
                "where it happened, and report it with that output.")
    return None


def _os_error(error: OSError) -> str:
    where = f" while writing {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}. Free some space (df -h shows it) and build again."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied{where}. Check who owns the folder."
    return f"{error.strerror or error}{where}."


def _replace(target: Path, fresh: Path) -> None:
    """Put the fresh build in place of the old one: two renames on the same disk."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
