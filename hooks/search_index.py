"""One search index per language, so a reader downloads only their language's index.

mkdocs-static-i18n merges the pages of all languages into one search/search_index.json. After
every language is built, this hook splits it into search/search_index.<lang>.json, each with the
lunr settings for that language. The browser asks for it only when the reader starts a search
(overrides/partials/javascripts/search-on-demand.js).
"""

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from roadmap.languages import DEFAULT, LANGUAGES, every_language_built


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    if not every_language_built(config):
        return
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    docs = {lang: [] for lang in LANGUAGES}
    for doc in merged["docs"]:
        first = doc["location"].split("/", 1)[0]
        docs[first if first in docs and first != DEFAULT else DEFAULT].append(doc)
    for lang, entries in docs.items():
        index = {"config": {**merged["config"], **LUNR[lang]}, "docs": entries}
        (merged_path.parent / f"search_index.{lang}.json").write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


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
