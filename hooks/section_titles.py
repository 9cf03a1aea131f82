"""Give every navigation section the title of its index page, in the language being built.

mkdocs.yml names sections by folder only; the first heading of the section's index page (in the
reader's language where a translation exists) becomes the section's title, so translators
translate titles in their own Markdown files and never in mkdocs.yml.
"""

import re

from markupsafe import escape
from mkdocs.structure.nav import Section

HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def on_nav(nav, config, files):
    for item in _sections(nav.items):
        index = item.children[0] if item.children else None
        if index is not None and index.is_page and index.file.name == "index":
            match = HEADING.search(index.file.content_string)
            if match:
                item.title = escape(match.group(1))  # the theme prints titles unescaped
    return nav


def _sections(items):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)
