"""What the road map hooks share: the road map in the language being built, links between pages,
and the one way a hook reports a problem in a page."""

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from roadmap.data import DataError, load
from roadmap.languages import current_language, project_root
from roadmap.localized import View, localized


def data_dir(config) -> Path:
    return project_root(config) / "data"


def roadmap_view(config) -> View:
    """The checked road map in the language being built (read once per process)."""
    try:
        roadmap = load(data_dir(config))
    except DataError as error:
        raise PluginError(problems_message(error)) from None
    return localized(roadmap, current_language(config))


def problems_message(error: DataError) -> str:
    count = len(error.problems)
    return (
        f"The road map's data has {count} problem{'s' if count != 1 else ''}; nothing was built.\n"
        + "\n".join(f"  {p}" for p in error.problems)
        + "\nCheck the data on its own with: roadmap-check (see README.md)."
    )


def templates(folder: Path) -> Environment:
    """Jinja templates kept beside a hook. Comments are {## ... ##}: "{#" starts Markdown
    attributes such as `## Heading {#id}`."""
    return Environment(
        comment_start_string="{##",
        comment_end_string="##}",
        loader=FileSystemLoader(folder),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def page_link(page, files, src_path: str, anchor: str = "") -> str:
    """The relative URL from `page` to the page written in `src_path` (in the language being
    built where it exists, else its English original), plus `#anchor`."""
    file = files.get_file_from_path(src_path)
    if file is None:
        raise PluginError(f"{page.file.src_uri}: the road map links to {src_path}, which does not exist.")
    url = get_relative_url(file.url, page.url)
    return f"{url}#{anchor}" if anchor else url


def markers(markdown: str, name: str) -> list[re.Match]:
    """`<!-- roadmap:<name> [argument] -->` markers in a page's Markdown."""
    return list(re.finditer(rf"<!--\s*roadmap:{re.escape(name)}(?:\s+([^\s>]+))?\s*-->", markdown))


def replace_markers(markdown: str, name: str, render) -> str:
    """Replace each `<!-- roadmap:<name> [argument] -->` in a page's Markdown with
    `render(match)`; a page without the marker is returned untouched, nothing rendered."""
    for match in reversed(markers(markdown, name)):
        markdown = markdown[: match.start()] + render(match) + markdown[match.end() :]
    return markdown


def drop_blank_lines(html: str) -> str:
    """Markdown ends a raw HTML block at a blank line: generated HTML must not contain one."""
    return "\n".join(line for line in html.splitlines() if line.strip())
