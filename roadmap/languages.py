"""The site's languages and the interface strings of its own templates.

Interface strings live in `data/i18n/<lang>.yml` under `ui:`; English is the source and the
fallback. A translator edits only the file of their language.
"""

from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT = "en"
LANGUAGES = ["en", "ru", "kk", "ky", "uz", "tg", "tk"]


def project_root(config) -> Path:
    """The folder holding mkdocs.yml: data/ is read from there, never from the installed package."""
    return Path(config.config_file_path).resolve().parent


def every_language_built(config) -> bool:
    """True in the one `on_post_build` call that comes after every language has been built.

    mkdocs-static-i18n builds the other languages from inside the default language's
    `on_post_build` (priority -100) and sets `building` meanwhile; a hook event with a lower
    priority (e.g. -200) that sees `building` false is the last one of the whole build.
    """
    plugin = config.plugins.get("i18n")
    return plugin is None or not getattr(plugin, "building", False)


def current_language(config) -> str:
    """The language being built: mkdocs-static-i18n builds each language in turn."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT


@lru_cache(maxsize=None)
def _ui_strings(i18n_dir: Path, lang: str) -> dict:
    path = i18n_dir / f"{lang}.yml"
    if not path.exists():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("ui") or {}


def ui(config, lang: str, key: str) -> str:
    """An interface string in `lang`, or in English where `lang` does not have it yet."""
    i18n_dir = project_root(config) / "data" / "i18n"
    return _ui_strings(i18n_dir, lang).get(key) or _ui_strings(i18n_dir, DEFAULT)[key]
