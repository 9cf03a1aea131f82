"""Fail the strict build on a broken footnote.

Python-Markdown prints a footnote reference without a definition (`[^9]`) as literal text and
keeps a definition nobody refers to, with a "jump back" link to nowhere; neither is a warning.
This hook looks at each rendered page and logs a WARNING (which `mkdocs build --strict` turns
into a failure) naming the file and the footnote label.
"""

import re

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
LITERAL_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
REFERENCE = re.compile(r'id="fnref\d*:([^"]+)"')
DEFINITION = re.compile(r'<li id="fn:([^"]+)"')


def on_page_content(html, page, config, files):
    text = CODE.sub("", html)
    where = page.file.src_uri
    for label in dict.fromkeys(LITERAL_REFERENCE.findall(text)):
        log.warning(
            f"{where}: footnote [^{label}] has no definition. "
            f"Add a line '[^{label}]: ...' at the bottom of the page, or remove the reference."
        )
    referenced = set(REFERENCE.findall(text))
    for label in DEFINITION.findall(text):
        if label not in referenced:
            log.warning(
                f"{where}: footnote [^{label}] is defined but never referred to. "
                f"Put [^{label}] where it belongs in the text, or remove the definition."
            )
    return html
