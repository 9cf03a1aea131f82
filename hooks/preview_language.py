"""A one-language preview (ROADMAP_LANGUAGE=kk) shows the translation, not the English page.

With `build_only_locale`, mkdocs-static-i18n makes the previewed language the default one, and
then counts the English pages at the root of docs/ as that language too: whichever of
`road-map/index.md` and `kk/road-map/index.md` comes later wins. Before the plugin sorts the
files, this hook drops each English page that has a translation in the previewed language.
"""

from mkdocs.plugins import event_priority


@event_priority(50)  # before mkdocs-static-i18n's on_files (-100)
def on_files(files, config):
    plugin = config.plugins.get("i18n")
    lang = getattr(getattr(plugin, "config", None), "build_only_locale", None)
    if not lang or lang == "en":
        return files
    translated = {f.src_uri[len(lang) + 1:] for f in files if f.src_uri.startswith(f"{lang}/")}
    for file in [f for f in files if f.is_documentation_page() and f.src_uri in translated]:
        files.remove(file)
    return files
