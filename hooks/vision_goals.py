"""The six goals of the 2026 vision (Green Paper, 1.2), where a page says
`<!-- roadmap:vision-goals -->`: from data/vision.yml and its translations, each goal with its
id as a permalink (the scorecard and the country pages refer to the same ids)."""


from shared import render, replace_markers, roadmap_view



def on_page_content(html, page, config, files):
    return replace_markers(html, "vision-goals", lambda marker: _goals(config), page)


def _goals(config) -> str:
    view = roadmap_view(config)
    return render("vision_goals.html", view=view, ui=view.ui)
