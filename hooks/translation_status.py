"""Tell readers when a page is not (yet) in their language.

- A page that exists only in English but is served in another language (the i18n plugin's
  fallback) gets `lang="en"` on its content and a short notice in the reader's language.
- A page whose front matter says `translation: machine-draft` gets a notice that no person has
  reviewed it yet.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.utils import get_relative_url

from roadmap.languages import DEFAULT, current_language, ui

_template = Environment(
    loader=FileSystemLoader(Path(__file__).parent), autoescape=True
).get_template("translation_status.html")


def on_page_content(html, page, config, files):
    lang = current_language(config)
    if lang == DEFAULT or getattr(page.file, "generated_by", None):
        return html  # English, or a page a hook generated in the reader's language
    # A translation lives under docs/<lang>/; anything else is the English page served as a
    # fallback (also in a one-language preview, where the i18n plugin calls it <lang>).
    fallback = not page.file.src_uri.startswith(f"{lang}/")
    draft = page.meta.get("translation") == "machine-draft"
    if not (fallback or draft):
        return html
    return _template.render(
        html=html,
        fallback=fallback,
        draft=draft and not fallback,
        lang=lang,
        notice=ui(config, lang, "untranslated_notice"),
        help=ui(config, lang, "untranslated_help"),
        draft_notice=ui(config, lang, "draft_notice"),
        draft_help=ui(config, lang, "draft_help"),
        contribute_url=get_relative_url(files.get_file_from_path("contribute.md").url, page.url),
    )
