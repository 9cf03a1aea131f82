"""The flowchart (Appendix 1), where a page says `<!-- roadmap:flowchart -->`: a diagram (inline
SVG with real, selectable text) and a table (stages as columns with their key messages,
strategic directions as rows, empty cells where the flowchart has none), both from data/.
Each milestone's table cell carries its id (its permalink) and links to its task."""

from pathlib import Path

from shared import ACTION_PLAN, page_is_draft, page_link, render, replace_markers, roadmap_view

from roadmap import flowchart


def on_page_content(html, page, config, files):
    return replace_markers(html, "flowchart", lambda marker: _flowchart(page, config, files), page)


def _flowchart(page, config, files) -> str:
    view = roadmap_view(config)
    task_link = {
        m.id: page_link(page, files, ACTION_PLAN, m.task.id) if m.task else None
        for m in view.milestones
    }
    return render("flowchart.html", view=view,
        ui=view.ui,
        task_link=task_link,
        diagram=flowchart.diagram(view, task_link, Path(config.docs_dir) / "assets" / "stylesheets" / "fonts.css"),
        page_draft=page_is_draft(page),
    )
