"""The PDF editions, printed by WeasyPrint from the site's own pages.

- The White Paper edition: one PDF per language (site/pdf/<file>-<lang>.pdf), the pages that
  data/edition.yml lists, in nav order, after every other hook has changed them.
- A page whose front matter says `pdf: <stem>` (a country's road map) also gets a short PDF of its
  own, site/pdf/<stem>-<lang>.pdf, and a download link on that page.

`mkdocs build` writes the PDFs (ROADMAP_PDF=0 skips them); `mkdocs serve` skips them unless
ROADMAP_PDF=1. Each language's PDFs are rendered in a worker process as soon as that language is
built; the last build waits for all of them, prints one line per PDF and writes each file's size
into the download buttons.
"""

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateError, TemplateSyntaxError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from roadmap import pdf as edition_pdf
from roadmap.languages import DEFAULT, current_language, project_root, ui

log = get_plugin_logger("pdf")
HERE = Path(__file__).parent
TEMPLATE = "pdf_edition.html"
STYLESHEET = "pdf.css"
SIZE = "@@roadmap-pdf-size:{file}@@"  # replaced by the real size once the PDF exists
SIZE_RE = re.compile(r"@@roadmap-pdf-size:([a-z0-9-]+\.pdf)@@")

_enabled = True
_state: dict = {}


def on_startup(command, dirty):
    global _enabled
    wanted = os.environ.get("ROADMAP_PDF")
    _enabled = wanted == "1" if command == "serve" else wanted != "0"


@event_priority(-200)  # after mkdocs-static-i18n (-100) has switched to the language being built
def on_config(config):
    if not _enabled:
        return config
    if not _nested(config):  # the first (outer) build: start afresh and check the tools once
        _shutdown()
        root = project_root(config)
        try:
            edition = edition_pdf.load_edition(root)
            edition_pdf.check_weasyprint()
            fonts_css = Path(config.docs_dir) / "assets" / "stylesheets" / "fonts.css"
            fonts = edition_pdf.font_files(fonts_css)
            faces, families = edition_pdf.print_fonts(fonts_css)
            extra_css = []
            for name in edition.get("print_css") or []:
                path = Path(config.docs_dir) / name
                if not path.exists():
                    raise edition_pdf.EditionError(
                        f"data/edition.yml: `print_css` names {name}, but docs/{name} does not exist.")
                extra_css.append(str(path))
        except edition_pdf.EditionError as error:
            raise PluginError(f"PDF edition: {error}") from None
        _state.update(
            config=config,
            edition=edition,
            template=_template(),
            faces=faces + "".join(f"\n{rule} {{ font-family: {_families(families)}; }}" for rule in ("@page", "html")),
            families=families,
            stylesheets=[*extra_css, str(HERE / STYLESHEET)],
            fonts=fonts,
            site_url=config.site_url or "",
            site_dir=Path(config.site_dir),
            nav={},
            pages={},
            submitted=set(),
            futures={},
            pool=None,
        )
    return config


@event_priority(-200)
def on_nav(nav, config, files):
    if _enabled:
        lang = current_language(config)
        _state["nav"][lang] = [(_path(page, lang), page) for page in nav.pages]
    return nav


@event_priority(-200)  # after every hook that changes the page's HTML
def on_page_content(html, page, config, files):
    if _enabled:
        lang = current_language(config)
        stem = page.meta.get("pdf")
        if stem is not None and not edition_pdf.STEM.match(str(stem)):
            raise PluginError(
                f"{page.file.src_uri}: front matter `pdf: {stem}` must be a file stem of lower-case "
                "letters, digits and hyphens, e.g. `pdf: country-kazakhstan`."
            )
        _state["pages"].setdefault(lang, {})[_path(page, lang)] = html
    return html


def on_page_context(context, page, config, nav):
    """The download links the theme shows above the page (overrides/main.html)."""
    if not _enabled:
        return context
    lang = current_language(config)
    links = [_button(config, lang, page, _state["edition"]["file"], "pdf_download")]
    if page.meta.get("pdf"):
        links.append(_button(config, lang, page, page.meta["pdf"], "pdf_page_download"))
    context["roadmap_pdf"] = links
    return context


def on_pre_build(config):
    if _enabled and _nested(config):
        _submit_ready()  # the languages built so far start printing while this one builds


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every other language
def on_post_build(config):
    if not _enabled:
        return
    _submit_ready()
    if _nested(config):
        return
    try:
        results = _wait()
    finally:
        _shutdown()
    _write_sizes(Path(config.site_dir), {Path(r["target"]).name: r["bytes"] for r in results})


def on_build_error(error):
    _shutdown()


# --- the editions ---------------------------------------------------------------------------


def _submit_ready():
    for lang in list(_state["pages"]):
        if lang in _state["submitted"] or lang not in _state["nav"]:
            continue
        _state["submitted"].add(lang)
        for job in _jobs(lang):
            _submit(job)


def _jobs(lang: str):
    edition = _state["edition"]
    nav = _state["nav"][lang]
    pages = _state["pages"][lang]
    paths = [path for path, _ in nav]
    yield _job(lang, edition["file"], "edition",
               edition_pdf.select(paths, edition["contents"]),
               edition_pdf.select(paths, edition.get("appendix") or []))
    for path, page in nav:
        stem = page.meta.get("pdf")
        if stem and path in pages:
            extra = [p for p in edition_pdf.select(paths, edition.get("page_pdf_appendix") or []) if p != path]
            yield _job(lang, str(stem), "page", [path], extra)


def _job(lang, stem, kind, contents, appendix):
    edition = _state["edition"]
    by_path = dict(_state["nav"][lang])
    html = _state["pages"][lang]
    chosen = [p for p in contents + appendix if p in html]
    ids_by_url = {by_path[p].url: edition_pdf.page_id(p) for p in chosen}
    chapters = []
    for path in chosen:
        page = by_path[path]
        level = 1 if kind == "page" else _level(page, set(chosen))
        chapters.append(edition_pdf.Chapter(
            id=edition_pdf.page_id(path),
            title=page.title or path,
            level=level,
            html=edition_pdf.printable(
                html[path], pid=edition_pdf.page_id(path), page_url=page.url, level=level,
                title=page.title or path, ids_by_url=ids_by_url,
                site_url=_state["site_url"], site_dir=_state["site_dir"],
                task_label=_ui(lang, "roadmap_task")),
            landscape=path in (edition.get("landscape") or []),
            appendix=path in appendix,
            translated=getattr(page.file, "locale", lang) == lang,
        ))
    target = _state["site_dir"] / "pdf" / edition_pdf.pdf_name(stem, lang)
    document = _render_template(lang, kind, chapters, chosen, by_path)
    # SVG drawings name the site's family in attributes: point them at the print families.
    # No space after the commas: WeasyPrint 70's SVG code splits the list on "," and then strips
    # the quotes only, so " 'Roadmap Noto Sans Cyrillic'" would name no font at all.
    document = document.replace(f"'{edition_pdf.FAMILY}'", _families(_state["families"], "'", sep=","))
    missing = edition_pdf.missing_characters(re.sub(r"<[^>]+>", "", document), _state["fonts"])
    if missing:
        log.warning(
            f"{target.name}: the project's fonts (docs/assets/fonts) have no glyph for "
            + ", ".join(f"U+{ord(c):04X} {c}" for c in missing)
            + "; the PDF would draw them with a machine font. Add them to RANGES in "
            "scripts/make_fonts.py and run it, or use other characters."
        )
    return {
        "html": document,
        "base_url": _state["site_dir"].resolve().as_uri() + "/",
        "fonts": _state["faces"],
        "stylesheets": _state["stylesheets"],
        "target": str(target),
        "identifier": f"{stem}-{lang}-{edition['version']}",
        "lang": lang,
    }


def _render_template(lang, kind, chapters, chosen, by_path):
    edition = _state["edition"]
    strings = {key: _ui(lang, key) for key in UI_KEYS}
    if kind == "page":
        title, title_lang = chapters[0].title, lang if chapters[0].translated else DEFAULT
        label, label_lang = strings["pdf_page_label"], lang
    else:
        title, title_lang = _ui_with_lang(lang, "edition_title")
        label, label_lang = _ui_with_lang(lang, "edition_label")
    try:
        return _state["template"].render(
            lang=lang,
            kind=kind,
            title=title,
            title_lang=title_lang,
            label=label,
            label_lang=label_lang,
            edition=edition,
            date=edition["date"].isoformat(),
            created=edition_pdf.created(edition),
            online=_state["site_url"].rstrip("/") + "/" + (by_path[chosen[0]].url if kind == "page" else ("" if lang == DEFAULT else f"{lang}/")),
            description=_ui(lang, "site_description"),
            chapters=chapters,
            translated=all(c.translated for c in chapters),
            ui=strings,
        )
    except TemplateError as error:
        raise PluginError(f"PDF edition: hooks/{TEMPLATE}: {error}") from None


def _submit(job):
    if _state["pool"] is None:
        workers = os.cpu_count() or 1
        _state["pool"] = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    future = _state["pool"].submit(edition_pdf.render, job)
    _state["futures"][future] = job


def _wait():
    results, errors = [], []
    for future in as_completed(_state["futures"]):
        job = _state["futures"][future]
        result = future.result()
        name = Path(job["target"]).name
        if "error" in result:
            errors.append(f"{name}: {result['error']}")
            continue
        foreign = [family for family in result["families"] if family not in _state["families"]]
        if foreign:
            errors.append(f"{name}: drawn partly with machine font(s) {', '.join(foreign)}; "
                          f"every letter must come from docs/assets/fonts ({edition_pdf.FAMILY}).")
        pages = result["pages"]
        print(f"PDF {job['lang']}  {name}: {pages} pages, {result['seconds']:.1f} s "
              f"({1000 * result['seconds'] / pages:.0f} ms/page), "
              f"{edition_pdf.human_size(result['bytes'])}", flush=True)
        results.append(result)
    if errors:
        raise PluginError("PDF edition failed:\n  " + "\n  ".join(errors))
    return results


def _shutdown():
    pool = _state.get("pool")
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
        _state["pool"] = None


def _write_sizes(site_dir: Path, sizes: dict[str, int]):
    """Pages are written before their PDFs exist: put each file's real size into its button."""
    for html_file in site_dir.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        if "@@roadmap-pdf-size:" not in text:
            continue

        def size(match):
            name = match.group(1)
            lang = name.rsplit("-", 1)[-1][:-4]
            if name not in sizes:
                return ""
            return edition_pdf.human_size(
                sizes[name], _ui(lang, "decimal_mark"), (_ui(lang, "pdf_kilobytes"), _ui(lang, "pdf_megabytes")))

        html_file.write_text(SIZE_RE.sub(size, text), encoding="utf-8")


# --- helpers ----------------------------------------------------------------------------------


def _button(config, lang, page, stem, key):
    name = edition_pdf.pdf_name(str(stem), lang)
    return {
        "href": get_relative_url(f"pdf/{name}", page.url),
        "text": _ui(lang, key),
        "size": SIZE.format(file=name),
    }


def _level(page, chosen: set[str]) -> int:
    """1 + the number of enclosing nav sections whose index page is in the PDF (a chapter's
    sections nest under the chapter)."""
    level, section = 1, page.parent
    while isinstance(section, Section):
        index = next((c for c in section.children if c.is_page), None)
        if index is not None and index is not page and _path(index, None) in chosen:
            level += 1
        section = section.parent
    return level


def _path(page, lang) -> str:
    """The page's path in docs/ without its language folder: ru/contribute.md -> contribute.md."""
    uri = page.file.src_uri
    locale = getattr(page.file, "locale", None) or lang
    if locale and locale != DEFAULT and uri.startswith(f"{locale}/"):
        return uri[len(locale) + 1 :]
    return uri


def _families(families, quote='"', sep=", ") -> str:
    return sep.join(f"{quote}{family}{quote}" for family in families)


def _nested(config) -> bool:
    """True inside the builds that mkdocs-static-i18n runs for the other languages."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False))


def _ui(lang, key):
    return ui(_state["config"], lang, key)


def _ui_with_lang(lang, key):
    """An interface string and the language it is really in (English where `lang` lacks it)."""
    text = _ui(lang, key)
    return text, (lang if lang == DEFAULT or text != _ui(DEFAULT, key) else DEFAULT)


def _template():
    env = Environment(loader=FileSystemLoader(HERE), autoescape=True)
    try:
        return env.get_template(TEMPLATE)
    except TemplateSyntaxError as error:
        raise PluginError(
            f"PDF edition: hooks/{TEMPLATE} line {error.lineno}: {error.message}. Fix the template."
        ) from None
    except TemplateError as error:
        raise PluginError(f"PDF edition: hooks/{TEMPLATE}: {error}") from None


UI_KEYS = [
    "pdf_contents", "pdf_version", "pdf_date", "pdf_working_group", "pdf_thanks", "pdf_appendix",
    "pdf_english_note", "pdf_online", "pdf_page_label",
]
