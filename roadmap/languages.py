"""The site's languages and the interface strings of its own templates.

Interface strings live in `data/i18n/<lang>.yml` under `ui:`; English is the source and the
fallback. A translator edits only the file of their language.
"""

from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "data" / "i18n"

DEFAULT = "en"
LANGUAGES = ["en", "ru", "kk", "ky", "uz", "tg", "tk"]


def current_language(config) -> str:
    """The language being built: mkdocs-static-i18n builds each language in turn."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT


@lru_cache(maxsize=None)
def _ui_strings(lang: str) -> dict:
    path = I18N_DIR / f"{lang}.yml"
    if not path.exists():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("ui") or {}


def ui(lang: str, key: str) -> str:
    """An interface string in `lang`, or in English where `lang` does not have it yet."""
    return _ui_strings(lang).get(key) or _ui_strings(DEFAULT)[key]


def ui_is_translated(lang: str, key: str) -> bool:
    return bool(_ui_strings(lang).get(key))
