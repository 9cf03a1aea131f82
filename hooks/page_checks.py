"""Check every page's source before anything is built: UTF-8 text, and front matter as strict as
the data (roadmap/frontmatter.py). All problems of all pages are listed at once, each with its
file and line, and the build stops: MkDocs alone would show broken front matter to readers as
text, or stop with a traceback on a page that is not UTF-8."""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from roadmap import frontmatter
from roadmap.yamlfile import Problem, text_line_of_byte


@event_priority(-150)  # after mkdocs-static-i18n (-100) chose the pages of this language
def on_files(files, config):
    problems = []
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue  # a page a hook generates (its front matter is the hook's own)
        shown = f"docs/{file.src_uri}"
        try:
            with open(file.abs_src_path, "rb") as source:
                data = source.read()
        except FileNotFoundError:
            continue  # a page a hook adds, whose Markdown the hook gives it later
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, text_line_of_byte(data, error.start),
                                    "the page is not saved as UTF-8 text. Save it again with the "
                                    "UTF-8 encoding (in most editors: File → Save with encoding → UTF-8)."))
            continue
        problems += frontmatter.check(text, shown)[1]
    if problems:
        raise PluginError(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the pages; nothing was built:\n"
            + "\n".join(f"  {p}" for p in sorted(set(problems), key=lambda p: (p.file, p.line or 0))))
    return files
