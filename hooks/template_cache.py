"""The theme's templates are compiled once, not once per language: mkdocs-static-i18n builds
each language with a new Jinja environment, which would compile Material's templates again
(about a tenth of the HTML build). Jinja's own bytecode cache keeps them in .cache/jinja/, keyed
by each template's name and checked against its source, so an edited template is compiled again."""

from shared import project_root

from roadmap.templates import compiled_templates


def on_env(env, config, files):
    env.bytecode_cache = compiled_templates(project_root(config))
    return env
