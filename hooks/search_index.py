"""One search index per language, so a reader downloads only their language's index.

In each language's build, Material's search plugin writes search/search_index.json with the
pages of that language only (mkdocs-static-i18n merges them all at the very end). Right after
it, this hook saves that index as search/search_index.<lang>.json, with the lunr settings for
the language. The browser asks for it only when the reader starts a search
(overrides/partials/javascripts/search-on-demand.js).
"""

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from shared import current_language


@event_priority(-50)  # after the search plugin (0) wrote this language's index, before i18n (-100) merges
def on_post_build(config):
    lang = current_language(config)
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"].update(LUNR.get(lang, {}))
    if lang == "uz":
        for doc in index["docs"]:
            doc["text"] = with_plain_apostrophes(doc["text"])
    (path.parent / f"search_index.{lang}.json").write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


APOSTROPHES = re.compile("[\u02bb\u02bc\u2018\u2019'`]")
UZBEK_WORD = re.compile("\\w+(?:[\u02bb\u02bc\u2018\u2019'`]\\w+)+")


def with_plain_apostrophes(text: str) -> str:
    """Uzbek is typed with ʻ (U+02BB) and ʼ, but also with ‘ ' ` ’ or no apostrophe at all: the
    index also holds each such word without its apostrophes, and the search box drops them from
    the query (search-on-demand.js), so boʻyicha, bo'yicha, bo‘yicha and boyicha all find it."""
    words = sorted({APOSTROPHES.sub("", w) for w in UZBEK_WORD.findall(re.sub(r"<[^>]+>", " ", text))})
    return f"{text} <span hidden>{' '.join(words)}</span>" if words else text


# lunr.js settings per language. Every index keeps English too (pages not yet translated are in
# English). lunr has no Kazakh, Kyrgyz, Tajik, Turkmen or Uzbek stemmer: the Cyrillic languages
# use the Russian word characters (they cover ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ), Turkmen and Uzbek the
# Turkish ones, as Material does for Uzbek; no stop words for these five.
LUNR = {
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
    "ru": {"lang": ["en", "ru"], "pipeline": ["stopWordFilter"]},
    "kk": {"lang": ["en", "ru"], "pipeline": []},
    "ky": {"lang": ["en", "ru"], "pipeline": []},
    "tg": {"lang": ["en", "ru"], "pipeline": []},
    "uz": {"lang": ["en", "tr"], "pipeline": []},
    "tk": {"lang": ["en", "tr"], "pipeline": []},
}
