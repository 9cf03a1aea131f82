"""Make the web fonts in docs/assets/fonts from Noto Sans (SIL Open Font License 1.1).

Run once when the character set changes; the results are committed, so neither the build nor
CI needs this script or the source fonts. Source: Debian's fonts-noto-core package
(`apt-get install fonts-noto-core`), or any Noto Sans TTF passed with --source-dir.

Each style is cut into two files: `latin` (Latin, Latin Extended-A/B, the Uzbek ʻ U+02BB,
punctuation) and `cyrillic` (Cyrillic and Cyrillic Supplement, with the Kazakh, Kyrgyz and Tajik
letters, plus the spaces, digits and punctuation that Cyrillic text uses). Browsers fetch only the files whose `unicode-range` a page uses. The family is renamed
"Roadmap Noto Sans" so a test can tell our fonts from any font installed on a machine.
"""

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Roadmap Noto Sans"
OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "fonts"

RANGES = {
    "latin": "U+0000-024F,U+0259,U+02B9-02BC,U+02C6-02C7,U+02DA,U+02DC,U+0300-0308,U+2000-206F,"
    "U+20AC,U+20B8,U+20BD,U+2116,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "cyrillic": "U+0400-052F,U+1C80-1C88,U+2DE0-2DFF,U+A640-A69F",
}
# Characters that Cyrillic text uses between its letters (spaces, digits, punctuation). The
# Cyrillic files carry them too, though fonts.css does not route them there (browsers take them
# from the Latin files, so an English page never downloads a Cyrillic file): the PDF edition,
# where each file is its own family, then sets a run of Cyrillic words and spaces from one font.
SHARED = "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+2010-2027,U+2030-203A"
STYLES = {  # file stem: (source file, CSS weight, CSS style)
    "regular": ("NotoSans-Regular.ttf", 400, "normal"),
    "bold": ("NotoSans-Bold.ttf", 700, "normal"),
    "italic": ("NotoSans-Italic.ttf", 400, "italic"),
}


def rename(font: TTFont, style: str) -> None:
    sub = {"regular": "Regular", "bold": "Bold", "italic": "Italic"}[style]
    ps = FAMILY.replace(" ", "") + "-" + sub
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} {sub}"
        elif record.nameID == 6:
            record.string = ps
        elif record.nameID == 3:
            record.string = f"{ps};roadmap-subset"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", default="/usr/share/fonts/truetype/noto")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    css = []
    for style, (source, weight, css_style) in STYLES.items():
        for part, ranges in RANGES.items():
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.hinting = False
            options.desubroutinize = True
            font = TTFont(Path(args.source_dir) / source)
            subsetter = subset.Subsetter(options)
            glyph_set = ranges + ("," + SHARED if part == "cyrillic" else "")
            subsetter.populate(unicodes=subset.parse_unicodes(glyph_set))
            subsetter.subset(font)
            rename(font, style)
            name = f"roadmap-noto-sans-{style}-{part}.woff2"
            font.flavor = "woff2"
            font.save(OUT / name)
            print(f"{name}: {(OUT / name).stat().st_size} bytes")
            css.append(
                "@font-face {\n"
                f'  font-family: "{FAMILY}";\n'
                f"  font-style: {css_style};\n"
                f"  font-weight: {weight};\n"
                "  font-display: swap;\n"
                f'  src: url("../fonts/{name}") format("woff2");\n'
                f"  unicode-range: {ranges.replace(',', ', ')};\n"
                "}\n"
            )
    header = "/* Made by scripts/make_fonts.py: do not edit by hand. Noto Sans, SIL OFL 1.1. */\n"
    (OUT.parent / "stylesheets" / "fonts.css").write_text(header + "\n".join(css))


if __name__ == "__main__":
    main()
