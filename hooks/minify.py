"""The site's own stylesheets and scripts reach readers without their comments and spaces.

docs/assets/stylesheets/*.css and docs/assets/javascripts/*.js are written for the people who
maintain them, with comments that say why; a reader on a slow link needs none of that (site.css:
5.8 KB over the wire with its comments, 4.0 KB without). Each such file is replaced, before
MkDocs writes it, by a file generated from it with rcssmin or rjsmin (well-kept minifiers that
only drop comments and spaces). The files in docs/ stay as they are.
"""

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

MINIFIERS = {
    ".css": ("assets/stylesheets/", rcssmin.cssmin),
    ".js": ("assets/javascripts/", rjsmin.jsmin),
}


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the files of this language
def on_files(files, config):
    for file in list(files):
        folder, minify = MINIFIERS.get(Path(file.src_uri).suffix, (None, None))
        if not folder or not file.src_uri.startswith(folder) or file.abs_src_path is None:
            continue
        if not Path(file.abs_src_path).is_relative_to(config.docs_dir):
            continue  # the theme's own files are minified already
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minify(text)))
    return files
