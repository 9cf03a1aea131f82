"""The site's own words in the language being built: name, description, copyright line, colour
scheme switch labels and the heading permalink title (from data/i18n/<lang>.yml), so
translators never edit mkdocs.yml."""

from mkdocs.plugins import event_priority

from roadmap.languages import current_language, ui


@event_priority(-150)  # after mkdocs-static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = current_language(config)
    config.site_name = ui(config, lang, "site_name")
    config.site_description = ui(config, lang, "site_description")
    config.copyright = ui(config, lang, "copyright")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui(config, lang, "permalink_title")
    for palette, key in zip(config.theme["palette"], PALETTE_SWITCH_KEYS):
        palette["toggle"]["name"] = ui(config, lang, key)
    return config


# The three colour schemes of mkdocs.yml (automatic, light, dark), in order: each toggle's label
# names the scheme it switches to.
PALETTE_SWITCH_KEYS = ["palette_to_light", "palette_to_dark", "palette_to_auto"]
