"""Make the web fonts in docs/assets/fonts from Noto Sans (SIL Open Font License 1.1).

One small font per language and style (regular, bold, italic): `roadmap-<lang>-<style>.woff2`,
holding the language's whole alphabet, the Latin letters, digits and punctuation, every other
character the language's pages, data and interface strings use (so an English page that is shown
as the fallback of a translated one is covered too), and the letters of the language names in the
language switcher. A page downloads only its own language's regular font, 9–11 KB (the six
Noto Sans files were 181 KB); the browser draws bold and italic from it, and the bold and italic
files are for printing and the PDFs (`@media print`). fonts.css gives each language its own
family ("Roadmap Noto Sans kk") and makes it the site's text font on pages in that language
(`:root:lang(kk)`); `font-display: optional` lets a page keep its first layout if the font
arrives late (no layout shift), and the page preloads its regular font (overrides/main.html).

Run it when a page uses a character its font lacks (the tests say which one); the results are
committed, so neither the build nor CI needs this script or the source fonts. Source: Debian's
fonts-noto-core package (`apt-get install fonts-noto-core`), or --source-dir.
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roadmap import project  # noqa: E402

FAMILY = "Roadmap Noto Sans"
OUT = ROOT / "docs" / "assets" / "fonts"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
STYLES = {  # file part: (source file, CSS weight, CSS style)
    "regular": ("NotoSans-Regular.ttf", 400, "normal"),
    "bold": ("NotoSans-Bold.ttf", 700, "normal"),
    "italic": ("NotoSans-Italic.ttf", 400, "italic"),
}
LATIN = "".join(map(chr, range(0x20, 0x7F))) + "\u00a0\u00ad\u2010\u2011«»“”„‘’‚–—…•·§¶°№×±%‰€₸₽©®™←→↑↓↩−"
ALPHABETS = {
    "en": "",
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "ӘҒҚҢӨҰҮҺІәғқңөұүһі",
    "ky": "ҢӨҮңөү",
    "tg": "ҒӢҚӮҲҶғӣқӯҳҷ",
    "uz": "ʻʼ‘’ÇçŞşĞğ",
    "tk": "ÄäÇçŇňÖöŞşÜüÝýŽž",
}
CYRILLIC = {"ru", "kk", "ky", "tg"}


def alphabet(lang: str) -> str:
    letters = LATIN + ALPHABETS.get(lang, "")
    if lang in CYRILLIC and lang != "ru":
        letters += ALPHABETS["ru"]
    return letters


def used_characters(lang: str, default: str) -> set[str]:
    """Every character of the text the site may show in `lang`: its own pages and strings, and
    the English pages and strings it falls back on."""
    files = [p for p in (ROOT / "docs").rglob("*.md") if _language_of(p) in (lang, default)]
    files += [p for p in (ROOT / "data").rglob("*.yml") if p.parent.name != "i18n" or p.stem in (lang, default)]
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    return {c for c in text if c >= " " and not 0xD800 <= ord(c) <= 0xDFFF}


def _language_of(path: Path) -> str:
    part = path.relative_to(ROOT / "docs").parts[0]
    return part if part in ALPHABETS else "en"


def rename(font: TTFont, lang: str, style: str) -> None:
    sub = {"regular": "Regular", "bold": "Bold", "italic": "Italic"}[style]
    family = f"{FAMILY} {lang}"
    ps = family.replace(" ", "") + "-" + sub
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {sub}"
        elif record.nameID == 6:
            record.string = ps
        elif record.nameID == 3:
            record.string = f"{ps};roadmap-subset"


def make(lang: str, style: str, characters: set[str], source_dir: Path) -> Path:
    source, _, _ = STYLES[style]
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(source_dir / source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    rename(font, lang, style)
    target = OUT / f"roadmap-{lang}-{style}.woff2"
    font.flavor = "woff2"
    font.save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=Path("/usr/share/fonts/truetype/noto"))
    args = parser.parse_args()
    if not (args.source_dir / "NotoSans-Regular.ttf").exists():
        sys.exit(f"make_fonts: {args.source_dir}/NotoSans-Regular.ttf is missing. Install Noto Sans with "
                 "`sudo apt-get install fonts-noto-core`, or give --source-dir.")
    languages = project.languages(ROOT)
    names = "".join(language.name for language in languages)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("roadmap-*.woff2"):
        old.unlink()
    css = ["/* Made by scripts/make_fonts.py: do not edit by hand. Noto Sans, SIL OFL 1.1. One family\n"
           "   per language; each page uses (and downloads) only its own language's files. */"]
    for language in languages:
        lang = language.code
        characters = set(alphabet(lang)) | used_characters(lang, languages[0].code) | set(names)
        for style, (_, weight, css_style) in STYLES.items():
            target = make(lang, style, characters, args.source_dir)
            face = ("@font-face {\n"
                    f'  font-family: "{FAMILY} {lang}";\n'
                    f"  font-style: {css_style};\n"
                    f"  font-weight: {weight};\n"
                    "  font-display: optional;\n"
                    f'  src: url("../fonts/{target.name}") format("woff2");\n'
                    "}")
            # On screen a page downloads one font file: bold and italic are drawn from the regular
            # face (thickened, slanted), 21 KB less for a reader on a slow link, and every first
            # view within 100 KB. Printing, and the PDFs, use the true bold and italic.
            css.append(face if style == "regular" else f"@media print {{\n{face}\n}}")
            print(f"{target.name}: {target.stat().st_size} bytes, {len(characters)} characters")
        css.append(f':root:lang({lang}) {{ --md-text-font: "{FAMILY} {lang}"; }}')
    CSS.write_text("\n".join(css) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
