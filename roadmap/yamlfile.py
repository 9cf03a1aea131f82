"""Read a YAML file and remember where everything came from.

Mappings and lists come back as `Map` and `Seq`: ordinary dicts and lists that also know the
line of the file where they start (`.line`) and the line of each key or item (`.lines`), so that a
problem can be reported as "data/tasks.yml, line 42". Reading never raises: what goes wrong
becomes a `Problem` in plain words.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, said so that a translator can fix it."""

    file: str  # as shown to people: data/tasks.yml
    line: int | None
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def github(self, title: str, level: str = "error") -> str:
        """The problem as a GitHub Actions workflow command: an annotation (error or warning)
        shown on the file and line (on the changed lines of a pull request), escaped as GitHub
        documents it."""
        where = f"file={_escape(self.file, True)}" + (f",line={self.line}" if self.line else "")
        return f"::{level} {where},title={_escape(title, True)}::{_escape(self.message)}"


def _escape(text: str, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


class Map(dict):
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class Seq(list):
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []

    def line_of(self, index) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, building Map/Seq and noting repeated keys instead of dropping them."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated_keys: list[tuple[int, object]] = []


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser where PyYAML has it (several times faster); a file it cannot
    read is read again by _Loader, whose messages name the problem in plain words."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated_keys: list[tuple[int, object]] = []


def _mapping(loader: _Loader, node) -> Map:
    loader.flatten_mapping(node)
    result = Map()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.repeated_keys.append((line, key))
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader, node) -> Seq:
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _sequence)
    # Dates stay text: "2021-03-30" in a sentence must not turn into a date object.
    _loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def read(path: Path, shown_as: str) -> tuple[object, list[Problem]]:
    """The file's content (None if it cannot be read) and the problems found while reading it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown_as, None, "the file is missing. Restore it from the project.")]
    except UnicodeDecodeError as error:
        line = text_line_of_byte(path.read_bytes(), error.start)
        return None, [Problem(shown_as, line, "the file is not saved as UTF-8 text. "
                              "Save it again with the UTF-8 encoding.")]
    return read_text(text, shown_as)


def read_text(text: str, shown_as: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """Like `read`, for YAML that starts on line `first_line` of the file (front matter)."""
    shift = first_line - 1
    tabs = [n for n, line in enumerate(text.splitlines(), 1) if line[: len(line) - len(line.lstrip())].count("\t")]
    if tabs:
        return None, [
            Problem(shown_as, n + shift, "the line is indented with a tab. YAML must be indented "
                    "with spaces only: replace the tab with spaces, lined up with the lines around it.")
            for n in tabs
        ]

    if "\t" not in text:  # libyaml accepts a tab between words, which PyYAML refuses (and so do we)
        fast = _FastLoader(text)
        try:
            data = fast.get_single_data()
        except yaml.YAMLError:
            pass  # read again below, for a message in plain words
        else:
            return _checked(data, fast, shown_as, shift)
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        problem = _unclosed_quote(shown_as, text, error) or _syntax_problem(shown_as, error)
        return None, [Problem(problem.file, problem.line + shift if problem.line else None, problem.message)]
    except yaml.YAMLError as error:  # pragma: no cover - errors without a position are rare
        return None, [Problem(shown_as, None, f"the file could not be read as YAML ({error}).")]
    finally:
        loader.dispose()
    return _checked(data, loader, shown_as, shift)


def _checked(data, loader, shown_as: str, shift: int) -> tuple[object, list[Problem]]:
    """The data with its lines moved by `shift`, and the keys the loader found twice."""
    if shift:
        _shift_lines(data, shift)
    problems = [
        Problem(shown_as, line + shift, f'the key "{key}" appears twice in the same place. Keep one of the two '
                "(the second one is ignored until then).")
        for line, key in loader.repeated_keys
    ]
    return data, problems


def _shift_lines(node, shift: int):
    if isinstance(node, Map):
        node.line += shift
        node.lines = {k: v + shift for k, v in node.lines.items()}
        for value in node.values():
            _shift_lines(value, shift)
    elif isinstance(node, Seq):
        node.line += shift
        node.lines = [v + shift for v in node.lines]
        for value in node:
            _shift_lines(value, shift)


def text_line_of_byte(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _unclosed_quote(shown_as: str, text: str, error: yaml.MarkedYAMLError) -> Problem | None:
    """A text opened with a quote and not closed on its line: YAML reads on to the next quote
    and complains far below, so name the line where the quote was opened."""
    first = error.context_mark.line if error.context_mark else 0
    last = error.problem_mark.line if error.problem_mark else len(text.splitlines())
    for n, line in enumerate(text.splitlines()[first : last + 1], first + 1):
        key, colon, value = line.partition(": ")
        value = (value if colon else line.strip().removeprefix("- ")).strip()
        for quote in "\"'":
            if value.startswith(quote) and (value.count(quote) % 2 == 1 or len(value) == 1):
                return Problem(shown_as, n, f"the file cannot be read: the quoted text on this line is "
                               f"not closed. Add the missing {quote} at the end of the text.")
    return None


def _syntax_problem(shown_as: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    problem = (error.problem or "").strip()
    if "found character '\\t'" in problem or "'\\t'" in problem:
        hint = "there is a tab character. Replace it with spaces."
    elif "mapping values are not allowed" in problem:
        hint = ("a colon followed by a space is inside a text. Put the whole text in double quotes "
                '("like: this"), or check the indentation of this line.')
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = ("a line is not lined up with the lines around it, or a key has lost its colon. "
                "Check the indentation (spaces only) and that every key ends with a colon.")
    elif "found unexpected end of stream" in problem or "while scanning a quoted scalar" in (error.context or ""):
        hint = "a quoted text is not closed. Add the missing quote at the end of the text."
    elif "found undefined alias" in problem or "found character that cannot start any token" in problem:
        hint = ("a text starts with a character YAML reserves (such as *, &, @, ` or %). "
                "Put the whole text in double quotes.")
    else:
        hint = (f"the YAML reader says: {problem or error}. Check this line and the one before it: "
                "a missing or extra quote, a missing colon, or wrong indentation.")
    return Problem(shown_as, line, "the file cannot be read: " + hint)
