"""Read and check the road map's data (data/*.yml, data/i18n/*.yml, data/countries/*.yml)
before anything is built.

A problem stops the build with every problem listed (file, line, what is wrong, how to fix it)
and no traceback; the same checks run alone with `roadmap-check`. The data is read once per
process (again only when a file changes, as under `mkdocs serve`), with the translations of the
languages this build makes only: a one-language preview reads and checks that language alone.
"""

from mkdocs.plugins import get_plugin_logger
from shared import DEFAULT, project_root, roadmap_view

log = get_plugin_logger("roadmap")


def on_config(config):
    view = roadmap_view(config)  # raises PluginError, listing the problems
    if view.lang != DEFAULT and view.untranslated:
        log.info("'%s': %d strings not yet translated (shown in English).", view.lang, view.untranslated)
    return config


def on_serve(server, config, builder):
    server.watch(str(project_root(config) / "data"))
    return server
