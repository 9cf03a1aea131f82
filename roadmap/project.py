"""The project's folders and its languages.

The languages of the site are listed once, in mkdocs.yml (the i18n plugin's `languages`); the
road map model, the command-line tools and the tests all read them from there. Reading mkdocs.yml
here needs no MkDocs: it is a YAML file, and the few tags MkDocs adds (`!ENV`, `!!python/...`)
are read as empty values.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Language:
    code: str  # "kk"
    name: str  # "Қазақша", as the language names itself
    default: bool = False


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader that reads MkDocs' own tags as empty values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def languages(root: Path = ROOT) -> list[Language]:
    """The site's languages, the default one first, as mkdocs.yml lists them."""
    return list(_languages(Path(root).resolve() / "mkdocs.yml"))


def codes(root: Path = ROOT) -> list[str]:
    return [language.code for language in languages(root)]


def default(root: Path = ROOT) -> str:
    return languages(root)[0].code


@cache
def _languages(mkdocs_yml: Path) -> tuple[Language, ...]:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            found = [
                Language(entry["locale"], entry.get("name") or entry["locale"], bool(entry.get("default")))
                for entry in plugin["i18n"].get("languages") or []
            ]
            return tuple(sorted(found, key=lambda language: not language.default))
    return (Language("en", "English", True),)


def stamp(paths) -> tuple:
    """The existing files among `paths` with their time and size: what a cache of work done on
    them is keyed by, so the work is done again when one of them changes."""
    found = []
    for path in paths:
        try:
            info = Path(path).stat()
        except FileNotFoundError:
            continue
        found.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))
