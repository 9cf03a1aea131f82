"""A strategic direction's milestones and tasks, on its page in chapter 2.4, where the page says
`<!-- roadmap:direction <id> -->` (the id is one of data/directions.yml)."""


from mkdocs.exceptions import PluginError
from shared import ACTION_PLAN, FLOWCHART, page_link, render, replace_markers, roadmap_view



def on_page_content(html, page, config, files):
    return replace_markers(html, "direction", lambda marker: _direction(marker, page, config, files), page)


def _direction(marker, page, config, files) -> str:
    view = roadmap_view(config)
    directions = {d.id: d for d in view.directions}
    id = marker.group(1)
    if id not in directions:
        raise PluginError(
            f'{page.file.src_uri}: the marker "{marker.group(0)}" names '
            + (f'the unknown direction "{id}"' if id else "no direction")
            + f". Write one of: {', '.join(directions)}, as in <!-- roadmap:direction culture -->."
        )
    milestones = view.milestones_in(direction=directions[id])
    return render("direction.html", view=view,
        ui=view.ui,
        direction=directions[id],
        milestones=milestones,
        milestone_link={m.id: page_link(page, files, FLOWCHART, m.id) for m in milestones},
        task_link={m.id: page_link(page, files, ACTION_PLAN, m.task.id)
                   for m in milestones if m.task},
    )
