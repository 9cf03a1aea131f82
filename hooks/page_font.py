"""Each page declares its own language's font in its head, and nothing else of fonts.css.

docs/assets/stylesheets/fonts.css (made by scripts/make_fonts.py, read by roadmap/fonts.py) lists
the fonts of all seven languages. A page needs only its own language's faces: the regular one on
screen, bold and italic for printing. Declared in the page's head (overrides/main.html) they cost
about 150 bytes and no request, where linking fonts.css cost a request that held up the first
paint (Lighthouse: render-blocking) for rules the page never uses.
"""

from pathlib import Path

from shared import current_language, plain_errors

from roadmap.fonts import faces_of, font_faces


def on_page_context(context, page, config, nav):
    lang = current_language(config)
    with plain_errors():  # fonts.css or a font file missing: one plain message
        faces = faces_of(font_faces(Path(config.docs_dir) / "assets" / "stylesheets" / "fonts.css"), lang)
    context["roadmap_fonts"] = {
        "family": faces[0].family if faces else None,
        "faces": [{"family": f.family, "style": f.style, "weight": f.weight, "screen": f.screen,
                   "file": f"assets/fonts/{f.path.name}"} for f in faces],
    }
    return context
