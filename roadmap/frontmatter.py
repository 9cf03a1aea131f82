"""Check a page's front matter (the YAML between `---` lines at the top of a Markdown file) as
strictly as the data: the keys a page may carry (roadmap/schemas/front_matter.json), readable
YAML, a closing `---`, plain text only. MkDocs itself shows broken front matter to readers as
text and drops what it holds (the draft notice, the title): here it is a problem with its line.
"""

import nh3
from jsonschema import Draft202012Validator

from roadmap.data import _explain, _registry, _schema
from roadmap.yamlfile import Map, Problem, read_text


def check(text: str, shown: str) -> tuple[dict, list[Problem]]:
    """(front matter, problems) of a page's Markdown `text`; {} when it has none."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}, []
    end = next((n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, [Problem(shown, 1, "the front matter that starts here with --- is never closed. "
                            "Add a line with only --- after its last key (before the page's text).")]
    content, problems = read_text("\n".join(lines[1:end]) + "\n", shown, first_line=2)
    if problems or content is None:
        return {}, problems
    if not isinstance(content, Map):
        return {}, [Problem(shown, 2, "the front matter should be keys with values, such as "
                            "`translation: machine-draft`.")]
    validator = Draft202012Validator(_schema("front_matter"), registry=_registry())
    for error in sorted(validator.iter_errors(content), key=lambda e: list(map(str, e.absolute_path))):
        line, message = _explain(error, content, None)
        problems.append(Problem(shown, line, "front matter, " + message.replace("the file: ", "", 1)))
    for key, value in content.items():
        if isinstance(value, str) and nh3.is_html(value):
            problems.append(Problem(shown, content.line_of(key),
                                    f'front matter, key "{key}": the text contains HTML. Write plain text.'))
    return dict(content), problems
