"""The action plan (Appendix 2), generated from data/ where a page says `<!-- roadmap:action-plan -->`.

Tasks grouped by stage and strategic direction, each with its id (its permalink), a link back to
its milestone on the flowchart, and data-* attributes for the filter form. The form is hidden
until docs/assets/javascripts/plan-filter.js shows it: without JavaScript every task is shown.
"""

from pathlib import Path

from roadmap.pages import page_link, replace_markers, roadmap_view, templates

_template = templates(Path(__file__).parent).get_template("action_plan.html")


def on_page_markdown(markdown, page, config, files):
    return replace_markers(markdown, "action-plan", lambda marker: _action_plan(page, config, files))


def _action_plan(page, config, files) -> str:
    view = roadmap_view(config)
    return _template.render(
        view=view,
        ui=view.ui,
        milestone_link={t.id: page_link(page, files, "road-map/flowchart.md", t.milestone.id) for t in view.tasks},
        page_draft=page.meta.get("translation") == "machine-draft",
    )
