"""Tell readers when a page is not (yet) in their language.

- A page that exists only in English but is served in another language (the i18n plugin's
  fallback) gets `lang="en"` on its content and a short notice in the reader's language.
- A page whose front matter says `translation: machine-draft` gets a notice that no person has
  reviewed it yet.

The notice is part of the page's template (overrides/main.html), not of its content, so search
results never show it as the page's text.
"""


from markupsafe import Markup
from mkdocs.utils import get_relative_url
from shared import DEFAULT, current_language, page_is_draft, render, roadmap_view



def on_page_content(html, page, config, files):
    if _is_fallback(page, config):
        return f'<div lang="{DEFAULT}">\n{html}\n</div>'
    return html


def on_page_context(context, page, config, nav):
    fallback, draft = _is_fallback(page, config), page_is_draft(page)
    if not (fallback or draft):
        return context
    view = roadmap_view(config)
    context["roadmap_translation_notice"] = Markup(render("translation_status.html", ui=view.ui, lang=view.lang, fallback=fallback, draft=draft and not fallback,
        contribute_url=_link(page, nav, "contribute.md"),
    ))
    return context


def _is_fallback(page, config) -> bool:
    """A translation lives under docs/<lang>/; anything else is the English page served as a
    fallback (also in a one-language preview). Pages a hook generates are in the reader's
    language."""
    lang = current_language(config)
    return lang != DEFAULT and not page.file.src_uri.startswith(f"{lang}/")


def _link(page, nav, path: str) -> str:
    """The relative URL from `page` to the page of `path` in the nav being built."""
    target = next(p for p in nav.pages if p.file.src_uri.split("/", 1)[-1] == path or p.file.src_uri == path)
    return get_relative_url(target.url, page.url)
