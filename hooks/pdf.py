"""The PDF editions, printed by WeasyPrint from the site's own pages.

- The Green Paper's consultation edition: one PDF per language (site/pdf/<file>-<lang>.pdf), the
  pages data/edition.yml lists, in nav order. The flowchart and the action plan are printed from
  the road map itself, through print templates (hooks/pdf_flowchart.html, pdf_action_plan.html).
- A page whose front matter says `pdf: <stem>` (a country's road map) also gets a PDF of its own,
  site/pdf/<stem>-<lang>.pdf.

One entry point per language: `on_env`, when every page of the language has its HTML and before
any page is written. The language's PDFs are printed then (in parallel, or taken unchanged from
.cache/pdf/ when nothing that goes into them changed), so each page's download button shows the
real size of its PDF and no page is ever rewritten. `mkdocs build` prints PDFs unless
ROADMAP_PDF=0; `mkdocs serve` only with ROADMAP_PDF=1.
"""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url
from shared import ACTION_PLAN, DEFAULT, FLOWCHART, project_root, public_url, render, roadmap_view

from roadmap import flowchart
from roadmap import print as edition_pdf

log = get_plugin_logger("pdf")
HERE = Path(__file__).parent
PRINT_CSS = HERE / "pdf.css"


def on_startup(command, dirty):
    """The one switch is the environment: PDFs by default in a build, not in a live preview."""
    os.environ.setdefault("ROADMAP_PDF", "0" if command == "serve" else "1")


def enabled() -> bool:
    return os.environ.get("ROADMAP_PDF", "1") != "0"


@event_priority(-200)  # after every hook has given its page its HTML
def on_env(env, config, files):
    if not enabled():
        return env
    view = roadmap_view(config)
    pages = _nav_pages(files)
    jobs = _jobs(view, pages, config)
    results = _render(jobs, project_root(config) / ".cache" / "pdf")
    for result in results:
        name = Path(result["target"]).name
        where = "unchanged, from .cache/pdf" if result.get("cached") else (
            f"{result['seconds']:.1f} s CPU ({1000 * result['seconds'] / result['pages']:.0f} ms/page)")
        print(f"PDF {view.lang}  {name}: {result['pages']} pages, {where}, "
              f"{edition_pdf.human_size(result['bytes'])}", flush=True)
    return env


def on_page_context(context, page, config, nav):
    """The download links the theme shows above the page (overrides/main.html), with sizes."""
    if not enabled():
        return context
    view = roadmap_view(config)
    links = [_button(config, view, page, view.edition["file"], "pdf_download")]
    if page.meta.get("pdf"):
        links.append(_button(config, view, page, page.meta["pdf"], "pdf_page_download"))
    context["roadmap_pdf"] = links
    return context


# --- which PDFs, with what in them ----------------------------------------------------------


def _nav_pages(files) -> list:
    """The pages of the language being built, in nav order (MkDocs links each to the next)."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    first = [p for p in pages if p.previous_page is None and p.next_page is not None]
    ordered, page = [], first[0] if first else None
    while page is not None:
        ordered.append(page)
        page = page.next_page
    return ordered


def _path(page, lang) -> str:
    """The page's path in docs/ without its language folder: ru/contribute.md -> contribute.md."""
    uri = page.file.src_uri
    return uri[len(lang) + 1:] if lang != DEFAULT and uri.startswith(f"{lang}/") else uri


def _jobs(view, pages, config) -> list[dict]:
    edition = view.edition
    lang = view.lang
    by_path = {_path(p, lang): p for p in pages}
    paths = list(by_path)
    paths = [p for p in paths if p not in (edition.get("leave_out") or [])]
    jobs = [_job(view, config, by_path, edition["file"], "edition",
                 edition_pdf.select(paths, edition["contents"]),
                 edition_pdf.select(paths, edition.get("appendix") or []))]
    for path, page in by_path.items():
        stem = page.meta.get("pdf")
        if stem:
            extra = [p for p in edition_pdf.select(paths, edition.get("page_pdf_appendix") or []) if p != path]
            jobs.append(_job(view, config, by_path, str(stem), "page", [path], extra))
    return jobs


def _job(view, config, by_path, stem, kind, contents, appendix) -> dict:
    lang, edition = view.lang, view.edition
    chosen = contents + appendix
    ids_by_url = {by_path[p].url: edition_pdf.page_id(p) for p in chosen}
    docs = Path(config.docs_dir)
    fonts_css = docs / "assets" / "stylesheets" / "fonts.css"
    font_cache = project_root(config) / ".cache" / "fonts"
    try:
        faces, families, font_files = edition_pdf.print_fonts(fonts_css, font_cache, lang)
    except Exception as error:  # a missing font file: one plain message
        raise PluginError(f"PDF edition: {error}") from None
    plan_url, flowchart_url = ("/" + by_path[p].url if p in by_path else None for p in (ACTION_PLAN, FLOWCHART))
    chapters = []
    for path in chosen:
        page = by_path[path]
        level = 1 if kind == "page" else _level(page, set(chosen), view.lang)
        html = _print_blocks(page.content, view, config, plan_url, flowchart_url)
        chapters.append(edition_pdf.Chapter(
            id=edition_pdf.page_id(path), path=path, title=page.title or path, level=level,
            html=edition_pdf.printable(
                html, pid=edition_pdf.page_id(path), page_url=page.url, level=level,
                title=page.title or path, ids_by_url=ids_by_url,
                site_url=config.site_url or "", site_dir=docs),
            landscape=path in (edition.get("landscape") or []),
            appendix=path in appendix,
            translated=lang == DEFAULT or page.file.src_uri.startswith(f"{lang}/"),
        ))
    online = public_url(config, lang, by_path[chosen[0]].url if kind == "page" else "")
    title = view.ui("edition_title") if kind == "edition" else _title(chapters[0], view)
    label = view.ui("edition_label") if kind == "edition" else view.ui("pdf_page_label")
    document = render("pdf_edition.html", lang=lang, kind=kind, ui=view.ui, view=view, title=title, label=label, edition=edition,
        date=edition["date"], created=edition_pdf.created(edition["date"]), online=online,
        chapters=chapters, translated=all(c.translated for c in chapters), draft=view.draft,
        cite=view.ui("pdf_citation", author=edition["author"], title=view.ui("edition_title"),
                     label=view.ui("edition_label"), version=edition["version"], date=edition["date"],
                     url=public_url(config, lang)),
    )
    family_list = ", ".join(f'"{f}"' for f in families)
    extra_css = [str(docs / name) for name in edition.get("print_css") or []]
    for name in extra_css:
        if not Path(name).exists():
            raise PluginError(f"data/edition.yml: `print_css` names {name}, which does not exist.")
    return {
        "html": document,
        "base_url": docs.resolve().as_uri() + "/",
        "fonts": faces + f"\n@page {{ font-family: {family_list}; }} html {{ font-family: {family_list}; }}"
                         f" :root {{ --md-text-font: {family_list}; }}",
        "font_files": [str(f) for f in font_files],
        "stylesheets": [*extra_css, str(PRINT_CSS)],
        # What WeasyPrint may read: the site's files, the print stylesheet, the fonts.
        "roots": [str(docs / "assets"), str(PRINT_CSS), str(font_cache)],
        "target": str(Path(config.site_dir) / "pdf" / edition_pdf.pdf_name(stem, lang)),
        "identifier": f"{stem}-{lang}-{edition['version']}",
        "lang": lang,
    }


def _print_blocks(html: str, view, config, plan_url: str | None, flowchart_url: str | None) -> str:
    """The flowchart and the action plan as print templates render them from the road map. A
    milestone links to its task on the action plan's page, a task to its milestone on the
    flowchart's (`plan_url`, `flowchart_url`: from the site's root): inside the PDF when that page
    is printed in it, else on the site (roadmap.print.printable)."""
    fonts_css = Path(config.docs_dir) / "assets" / "stylesheets" / "fonts.css"

    def flowchart_print(match):
        links = {m.id: f"{plan_url}#{m.task.id}" if m.task and plan_url else None for m in view.milestones}
        return render("pdf_flowchart.html", view=view, ui=view.ui, task_link=links,
                      diagram=flowchart.diagram(view, links, fonts_css))

    html = edition_pdf.replace_block(html, "flowchart", flowchart_print)
    milestone_link = {t.id: f"{flowchart_url}#{t.milestone.id}" if flowchart_url else None for t in view.tasks}
    return edition_pdf.replace_block(html, "action-plan", lambda match: render(
        "pdf_action_plan.html", view=view, ui=view.ui, milestone_link=milestone_link))


def _title(chapter, view):
    from roadmap.localized import Text
    return Text(chapter.title, None if chapter.translated else DEFAULT)


def _level(page, chosen: set[str], lang: str) -> int:
    """1 + the number of enclosing nav sections whose index page is in the PDF (a chapter's
    sections nest under the chapter)."""
    level, section = 1, page.parent
    while isinstance(section, Section):
        index = next((c for c in section.children if c.is_page), None)
        if index is not None and index is not page and _path(index, lang) in chosen:
            level += 1
        section = section.parent
    return level


# --- printing ---------------------------------------------------------------------------------


def _render(jobs: list[dict], cache_dir: Path) -> list[dict]:
    """Print the jobs (in parallel across the cores), each once: an identical PDF printed
    before is taken from the cache. Any problem stops the build with one plain message."""
    results, todo = [], []
    for job in jobs:
        done = edition_pdf.cached(job, cache_dir)
        (results.append(done) if done else todo.append(job))
    if todo:
        try:
            edition_pdf.check_weasyprint()
        except edition_pdf.EditionError as error:
            raise PluginError(f"PDF edition: {error}") from None
        workers = min(len(todo), os.cpu_count() or 1)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                printed = list(pool.map(edition_pdf.render, todo))
        except BrokenProcessPool:
            raise PluginError(
                "PDF edition: a PDF worker process was stopped (killed, or out of memory) before "
                "it finished. Nothing was published; build again (with ROADMAP_PDF=0 to skip PDFs).") from None
        errors = []
        for job, result in zip(todo, printed):
            name = Path(job["target"]).name
            if "error" in result:
                errors.append(f"{name}: {result['error']}")
                continue
            problems = []
            if result["refused"]:
                problems.append(f"{name}: a page asks for {', '.join(result['refused'])}, which is not a "
                                "file of the site. The PDF reads only the site's own files: remove the "
                                "link or image, or add the file under docs/assets/.")
            if result["dead_links"]:
                problems.append(f"{name}: links to {', '.join('#' + a for a in result['dead_links'][:5])} lead "
                                "nowhere in the PDF (no element there has that id): link to the page that "
                                "holds it (hooks/pdf.py, the print templates hooks/pdf_*.html).")
            families = {family for family in result["families"] if not family.startswith(edition_pdf.FAMILY)}
            if families:
                problems.append(f"{name}: drawn partly with machine font(s) {', '.join(sorted(families))}; "
                                f"every letter must come from docs/assets/fonts ({edition_pdf.FAMILY}).")
            if problems:  # never kept: the next build must say so again
                Path(job["target"]).unlink(missing_ok=True)
                errors += problems
                continue
            edition_pdf.store(job, result, cache_dir)
            results.append(result)
        if errors:
            raise PluginError("PDF edition failed:\n  " + "\n  ".join(errors))
        edition_pdf.prune(cache_dir)
    return results


def _button(config, view, page, stem, key) -> dict:
    name = edition_pdf.pdf_name(str(stem), view.lang)
    path = Path(config.site_dir) / "pdf" / name
    size = edition_pdf.human_size(path.stat().st_size, view.ui("decimal_mark").plain,
                                  (view.ui("pdf_kilobytes").plain, view.ui("pdf_megabytes").plain)) if path.exists() else ""
    return {"href": get_relative_url(f"pdf/{name}", page.url), "text": view.ui(key), "size": size}
