"""The action plan (Appendix 2), where a page says `<!-- roadmap:action-plan -->`: tasks grouped
by stage and strategic direction, each with its id (its permalink), a link back to its milestone
on the flowchart, and data-* attributes for the filter form. The form is hidden until
docs/assets/javascripts/plan-filter.js shows it: without JavaScript every task is shown."""


from shared import FLOWCHART, page_is_draft, page_link, render, replace_markers, roadmap_view



def on_page_content(html, page, config, files):
    return replace_markers(html, "action-plan", lambda marker: _action_plan(page, config, files), page)


def _action_plan(page, config, files) -> str:
    view = roadmap_view(config)
    return render("action_plan.html", view=view,
        ui=view.ui,
        milestone_link={t.id: page_link(page, files, FLOWCHART, t.milestone.id) for t in view.tasks},
        page_draft=page_is_draft(page),
    )


def on_page_context(context, page, config, nav):
    """The filter's script, on the page that has the filter only."""
    if "data-roadmap-filter" in page.content:
        context.setdefault("roadmap_scripts", []).append("assets/javascripts/plan-filter.js")
    return context
