"""The project's fonts, as docs/assets/stylesheets/fonts.css declares them (the one place that
lists them; scripts/make_fonts.py writes it). Read with tinycss2, the CSS parser WeasyPrint uses.

The site, the flowchart's text measurement, the PDF editions and the tests all learn from here
which font file draws which letters in which weight and style.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2


class FontError(Exception):
    """A font file named by fonts.css is missing or fonts.css cannot be read."""


@dataclass(frozen=True)
class FontFace:
    family: str  # "Roadmap Noto Sans kk": one family per language (scripts/make_fonts.py)
    style: str  # normal | italic
    weight: int  # 400 | 700
    path: Path  # the woff2 file
    ranges: tuple[tuple[int, int], ...]  # unicode-range, as (first, last) code points
    screen: bool = True  # False for a face declared inside `@media print` (printing and PDFs only)

    def covers(self, char: str) -> bool:
        return any(first <= ord(char) <= last for first, last in self.ranges)

    @property
    def lang(self) -> str:
        """The language whose pages use this face (the family's last word)."""
        return self.family.rsplit(" ", 1)[-1]


def font_faces(fonts_css: Path) -> list[FontFace]:
    """The @font-face rules of fonts.css, in order; a missing file is a FontError that says
    what to do."""
    fonts_css = Path(fonts_css).resolve()
    try:
        text = fonts_css.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FontError(
            f"{fonts_css} is missing: it declares the project's fonts. Restore it from Git, or "
            "run `.venv/bin/python scripts/make_fonts.py` (needs `apt-get install fonts-noto-core`)."
        ) from None
    return list(_faces(fonts_css, text))


@cache
def _faces(fonts_css: Path, text: str) -> tuple[FontFace, ...]:
    faces = []
    rules = []  # (rule, whether it applies on screen)
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
            # faces for print only (@media print), which the PDFs use as well
            screen = "print" not in tinycss2.serialize(rule.prelude).lower()
            rules += [(r, screen) for r in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                    skip_whitespace=True)]
        else:
            rules.append((rule, True))
    for rule, screen in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        declarations = {
            d.lower_name: [t for t in d.value if t.type not in ("whitespace", "comment")]
            for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"
        }
        url = _url(declarations.get("src", []))
        if url is None:
            continue
        path = (fonts_css.parent / url).resolve()
        if not path.exists():
            raise FontError(
                f"font file {path} (named in {fonts_css.name}) is missing: restore it from Git, or "
                "run `.venv/bin/python scripts/make_fonts.py` (needs `apt-get install fonts-noto-core`).")
        family = declarations["font-family"][0].value
        style = declarations.get("font-style", [None])[0]
        weight = declarations.get("font-weight", [None])[0]
        faces.append(FontFace(
            family=family,
            style=style.value if style is not None else "normal",
            weight=int(weight.value) if weight is not None else 400,
            path=path,
            ranges=_ranges(tinycss2.serialize(declarations.get("unicode-range", []))),
            screen=screen,
        ))
    return tuple(faces)


def _url(tokens) -> str | None:
    for token in tokens:
        if token.type == "url":
            return token.value
        if token.type == "function" and token.lower_name == "url":
            strings = [a for a in token.arguments if a.type == "string"]
            if strings:
                return strings[0].value
    return None


def _ranges(spec: str) -> tuple[tuple[int, int], ...]:
    if not spec.strip():
        return ((0, 0x10FFFF),)
    ranges = []
    for part in spec.replace(" ", "").split(","):
        part = part.upper().removeprefix("U+")
        if "-" in part:
            first, last = part.split("-")
            ranges.append((int(first, 16), int(last, 16)))
        elif "?" in part:
            ranges.append((int(part.replace("?", "0"), 16), int(part.replace("?", "F"), 16)))
        elif part:
            ranges.append((int(part, 16), int(part, 16)))
    return tuple(ranges)


def faces_of(faces: list[FontFace], lang: str) -> list[FontFace]:
    """The faces a page in `lang` uses."""
    return [f for f in faces if f.lang == lang]
