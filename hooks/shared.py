"""What the road map hooks share (this file is not a hook itself: mkdocs.yml does not list it).

- the language being built and the languages of this build, read from mkdocs-static-i18n;
- the checked road map in that language (`roadmap_view`), read once per build;
- links between pages, and the replacement of `<!-- roadmap:<name> -->` markers in a page's HTML;
- the one way a hook reports a problem: a PluginError with the file and what to do.

Markers are replaced after Markdown has rendered the page (`on_page_content`), so generated
HTML is never parsed as Markdown again. The generated block keeps its marker and gains a closing
one (`<!-- roadmap:flowchart -->…<!-- /roadmap:flowchart -->`): the PDF edition puts its print
version in the same place. Headings in generated HTML join the page's table of contents.
"""

import re
from contextlib import contextmanager
from html import unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from roadmap import templates
from roadmap.data import DEFAULT, DataError, load
from roadmap.fonts import FontError
from roadmap.localized import View, localized
from roadmap.print import EditionError

HOOKS = Path(__file__).resolve().parent
ACTION_PLAN = "road-map/action-plan.md"  # the page of the tasks, which milestones link to
FLOWCHART = "road-map/flowchart.md"  # the page of the milestones, which tasks link to


def i18n(config):
    return config.plugins.get("i18n")


def current_language(config) -> str:
    """The language being built: mkdocs-static-i18n builds each language in turn."""
    return getattr(i18n(config), "current_language", None) or DEFAULT


def built_languages(config) -> list[str]:
    """The languages this build makes: all of mkdocs.yml, or the one a preview asks for."""
    plugin = i18n(config)
    if plugin is None:
        return [DEFAULT]
    only = plugin.config.build_only_locale
    if only:
        return [only]
    return [language.locale for language in plugin.config.languages if language.build]


def project_root(config) -> Path:
    """The folder holding mkdocs.yml: data/ is read from there, never from the installed package."""
    return Path(config.config_file_path).resolve().parent


def roadmap(config):
    """The checked road map with the translations this build needs (read once per process)."""
    try:
        return load(project_root(config) / "data", built_languages(config))
    except DataError as error:
        raise PluginError(problems_message(error)) from None


def roadmap_view(config, lang: str | None = None) -> View:
    """The checked road map in the language being built (or in `lang`)."""
    return localized(roadmap(config), lang or current_language(config))


def problems_message(error: DataError) -> str:
    count = len(error.problems)
    return (
        f"The road map's data has {count} problem{'s' if count != 1 else ''}; nothing was built.\n"
        + "\n".join(f"  {p}" for p in error.problems)
        + "\nCheck the data on its own with: roadmap-check (see README.md)."
    )


@contextmanager
def plain_errors(where: str = ""):
    """The road map's own errors (a template, a font, the PDF edition) as one plain message."""
    try:
        yield
    except (templates.TemplateProblem, FontError, EditionError) as error:
        raise PluginError(f"{where}{error}") from None


def render(template: str, **context) -> str:
    """A template beside the hooks (hooks/<template>), rendered with the road map's environment."""
    with plain_errors():
        return templates.render(template, HOOKS, **context)


def page_link(page, files, src_path: str, anchor: str = "") -> str:
    """The relative URL from `page` to the page written in `src_path` (in the language being
    built where it exists, else its English original), plus `#anchor`."""
    file = files.get_file_from_path(src_path)
    if file is None:
        raise PluginError(f"{page.file.src_uri}: the road map links to {src_path}, which does not exist.")
    url = get_relative_url(file.url, page.url)
    return f"{url}#{anchor}" if anchor else url


MARKER = r"<!--\s*roadmap:{name}(?:\s+([^\s>]+))?\s*-->"


def markers(text: str, name: str) -> list[re.Match]:
    """`<!-- roadmap:<name> [argument] -->` markers in a page."""
    return list(re.finditer(MARKER.format(name=re.escape(name)), text))


def replace_markers(html: str, name: str, render, page=None) -> str:
    """Replace each `<!-- roadmap:<name> [argument] -->` in a page's HTML with
    `render(match)`, kept between the marker and `<!-- /roadmap:<name> -->`. A page without the
    marker is returned untouched and nothing is rendered. With `page`, the headings of the
    generated HTML join the page's table of contents and its ids the anchors that links to the
    page may name (MkDocs checks them)."""
    found = markers(html, name)
    if not found:
        return html
    headings, ids = [], set()
    for match in reversed(found):
        with plain_errors(f"{page.file.src_uri}: " if page is not None else ""):
            block = render(match)
        if page is not None:
            headings += _headings(block)
            ids.update(_ID.findall(block))
        html = f"{html[:match.end()]}{block}<!-- /roadmap:{name} -->{html[match.end():]}"
    if page is not None:
        headings += [[link.level, link.id, link.title] for link in _flat(page.toc)]
        # in the order they stand on the page (ids are unique on a page: MkDocs checks it)
        headings.sort(key=lambda heading: html.find(f'id="{heading[1]}"'))
        page.toc = get_toc(_toc_tokens(headings))
        page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
    return html


def _flat(toc):
    for link in toc:
        yield link
        yield from _flat(link.children)


# Generated HTML is the output of the road map's own templates, where Jinja escapes every value
# (no value can hold a quote or a tag): its ids and headings have one form and are found by
# pattern, without parsing the block once more (a quarter of the hooks' time when it was parsed).
_ID = re.compile(r'\sid="([^"]+)"')
_HEADING = re.compile(r'<h([1-6])\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _headings(block: str) -> list[list]:
    """The block's headings with an id, in order: [level, id, text without its permalink, as
    Markdown's table of contents has it]."""
    found = []
    for level, id, inner in _HEADING.findall(block):
        text = unescape(_TAG.sub("", _PERMALINK.sub("", inner)))
        found.append([int(level), id, _escape(" ".join(text.split()))])
    return found


def _toc_tokens(headings: list) -> list[dict]:
    """The table of contents of a page's headings, as Python-Markdown's toc extension gives it."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, id, text in headings:
        token = {"level": level, "id": id, "name": text, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_page(files, config, src_uri: str, dest_uri: str | None = None, in_nav: bool = True):
    """A page that exists in no file of docs/ (a hook gives its Markdown in `on_nav`, with
    `give_markdown`). Added in `on_files` before mkdocs-static-i18n sorts the files by language,
    so that the plugin treats it as any page of its language, as mkdocs-gen-files' files are."""
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"docs/{src_uri} exists, but this page is generated: remove docs/{src_uri}.")
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=dest_uri,
                      inclusion=inclusion))


def add_to_nav(config, after: str, pages: list[str]) -> None:
    """List `pages` after the entry `after` in the nav of mkdocs.yml (once: every language's
    build calls this)."""

    def insert(items: list) -> bool:
        for n, item in enumerate(items):
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if value == after:
                items[n + 1:n + 1] = [p for p in pages if p not in items]
                return True
            if isinstance(value, list) and insert(value):
                return True
        return False

    insert(config.nav or [])


def give_markdown(files, src_uri: str, markdown: str) -> bool:
    """The Markdown of a page `add_page` added (in `on_nav`, before any page is read)."""
    file = files.get_file_from_path(src_uri)
    if file is None or (file.abs_src_path and Path(file.abs_src_path).exists()):
        return False
    file.content_string = markdown
    return True


def language_path(lang: str, path: str, config) -> str:
    """docs/<path> of `lang`: the path itself for the default language of this build, else
    <lang>/<path> (a one-language preview makes its language the default one)."""
    languages = built_languages(config)
    default = languages[0] if len(languages) == 1 else DEFAULT
    return path if lang == default == DEFAULT else f"{lang}/{path}"


def public_url(config, lang: str, url: str = "") -> str:
    """The page's address on the published site, where every language but English has its folder
    (a one-language preview builds its language at the root: the address is still the public one)."""
    if lang != DEFAULT and not url.startswith(f"{lang}/"):
        url = f"{lang}/{url}"
    return (config.site_url or "").rstrip("/") + "/" + url


def page_is_draft(page) -> bool:
    return page.meta.get("translation") == "machine-draft"
