"""Read and check the road map's data (data/*.yml, data/i18n/*.yml) before anything is built.

A problem stops the build with every problem listed (file, line, what is wrong, how to fix it)
and no traceback; the same checks run alone with `roadmap-check`. The data is read once per
process and again only when a file changes (`mkdocs serve` watches data/).
"""

import logging

from roadmap.languages import DEFAULT, current_language
from roadmap.pages import data_dir, roadmap_view

log = logging.getLogger("mkdocs.hooks.roadmap_data")


def on_config(config):
    view = roadmap_view(config)  # raises PluginError, listing the problems
    if view.lang != DEFAULT:
        log.info("Road map data in '%s': %d strings not yet translated (shown in English).",
                 view.lang, view.untranslated)
    return config


def on_serve(server, config, builder):
    server.watch(str(data_dir(config)))
    return server
