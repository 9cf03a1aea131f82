"""The site's own words in the language being built: name, description, copyright line, colour
scheme switch labels and the heading permalink title, from data/i18n/<lang>.yml, so translators
never edit mkdocs.yml.

The theme prints these strings without escaping them, so they are given to it escaped (and
`roadmap-check` refuses markup in any interface string).
"""

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from shared import roadmap_view


@event_priority(-150)  # after mkdocs-static-i18n (-100) has switched the build to its language
def on_config(config):
    ui = roadmap_view(config).ui
    config.site_name = escape(ui("site_name").plain)
    config.site_description = escape(ui("site_description").plain)
    config.copyright = escape(ui("copyright").plain)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui("permalink_title").plain
    config.extra["roadmap_credit"] = Markup(ui("footer_credit", tool=Markup(
        '<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener">Material for MkDocs</a>'
    )).__html__())
    for palette, key in zip(config.theme["palette"], PALETTE_SWITCH_KEYS):
        palette["toggle"]["name"] = escape(ui(key).plain)
    return config


# The three colour schemes of mkdocs.yml (automatic, light, dark), in order: each toggle's label
# names the scheme it switches to.
PALETTE_SWITCH_KEYS = ["palette_to_light", "palette_to_dark", "palette_to_auto"]
