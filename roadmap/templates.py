"""The one Jinja environment of the road map's own templates (hooks/*.html, web and print).

Autoescaped: every data and interface string is escaped where a template prints it, unless it is
a `Text` or Markup that escaped itself. Undefined names are errors. Comments are {## ... ##}:
"{#" starts Markdown attributes such as `## Heading {#id}`. Compiled templates are kept in the
project's .cache/jinja/ (Jinja checks each against its source), so a build compiles only what changed.
"""

from functools import cache
from pathlib import Path

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateError,
                    TemplateSyntaxError)

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


@cache
def environment(folder: Path = HOOKS) -> Environment:
    return Environment(
        comment_start_string="{##",
        comment_end_string="##}",
        loader=FileSystemLoader(folder),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=compiled_templates(Path(folder).parent),
    )


def compiled_templates(project: Path) -> FileSystemBytecodeCache | None:
    """Where the project's compiled templates are kept (the theme's too: hooks/template_cache.py)."""
    where = Path(project) / ".cache" / "jinja"
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout: templates are compiled every time
        return None
    return FileSystemBytecodeCache(str(where))


class TemplateProblem(Exception):
    """A template of the road map cannot be read or rendered: the message names it and the line."""


def render(template: str, folder: Path = HOOKS, /, **context) -> str:
    try:
        return environment(Path(folder)).get_template(template).render(**context)
    except TemplateSyntaxError as error:
        name = error.filename and Path(error.filename).name or error.name or template
        raise TemplateProblem(f"hooks/{name}, line {error.lineno}: {error.message}. Fix the template "
                              "(or restore it from Git).") from None
    except TemplateError as error:
        raise TemplateProblem(f"hooks/{template}: {error.message or type(error).__name__}. Fix the "
                              "template (or restore it from Git).") from None
