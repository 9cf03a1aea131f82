"""The content policy for contributed pages: what Markdown may turn into.

The Green Paper needs headings, paragraphs, lists, links, emphasis, quotations, tables,
footnotes, abbreviations, admonitions and images of the site's own. It needs none of script,
style, iframe, object, forms, event handlers (onerror=…), inline styles (but a table cell's
text-align, which Markdown writes itself), `javascript:`, `data:` or `file:` URLs, or images from
another host (a request to a third party). Everything a page renders is cleaned by nh3 (the
Python binding of the Rust sanitizer ammonia) to the allowlist below; what the cleaning removed is
reported, with the line of the Markdown that asked for it, so the build refuses the page.
"""

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "details": {"open"},
}
SCHEMES = {"http", "https", "mailto"}
STYLES = {"text-align"}  # the only style Markdown writes itself (table column alignment)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself: an image from another host is a request to a third
    party on every page view (and a way to track readers)."""
    if tag == "img" and attribute == "src" and (urlsplit(value).scheme or value.startswith("//")):
        return None
    return value


def clean(html: str) -> str:
    """The page's HTML with everything the policy does not allow removed (published inert)."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, strip_comments=False,
        link_rel=None, filter_style_properties=STYLES, attribute_filter=_filter,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed",
                            "svg", "math", "form", "textarea", "select", "button"},
    )


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name, _normal(name, value))] += 1

    handle_startendtag = handle_starttag


def _normal(name: str, value: str | None) -> str:
    value = unescape(value or "")
    return value.replace(" ", "").rstrip(";") if name == "style" else value


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def removed(original: str, cleaned: str) -> list[str]:
    """What the cleaning took out, in words: ['the <script> element', 'onerror= on <img>', …]."""
    before, after = _elements(original), _elements(cleaned)
    found = [f"the <{tag}> element" for tag in (before.tags - after.tags)]
    for (tag, name, value) in before.attributes - after.attributes:
        if tag not in after.tags:
            continue  # the element itself is reported
        if name in ("href", "src") and value:
            found.append(f'the address "{value[:60]}" ({name}= on <{tag}>)')
        else:
            found.append(f"{name}= on <{tag}>")
    return sorted(set(found))


def line_of(markdown: str, finding: str) -> int | None:
    """The first line of the Markdown that asks for what `finding` names."""
    needle = re.search(r'"([^"]+)"|<(\w+)>|^(\w[\w-]*)=', finding)
    text = next(g for g in needle.groups() if g) if needle else finding
    if finding.startswith("the <"):
        text = "<" + text
    for number, line in enumerate(markdown.splitlines(), 1):
        if text.lower() in line.lower():
            return number
    return None
