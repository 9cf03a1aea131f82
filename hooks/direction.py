"""A strategic direction's milestones and tasks, on its page in chapter 2.4, where the page says
`<!-- roadmap:direction <id> -->` (the id is one of data/directions.yml)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from roadmap.pages import markers, page_link, roadmap_view, templates

_template = templates(Path(__file__).parent).get_template("direction.html")


def on_page_markdown(markdown, page, config, files):
    found = markers(markdown, "direction")
    if not found:
        return markdown
    view = roadmap_view(config)
    directions = {d.id: d for d in view.directions}
    for match in reversed(found):
        id = match.group(1)
        if id not in directions:
            raise PluginError(
                f'{page.file.src_uri}: the marker "{match.group(0)}" names '
                + (f'the unknown direction "{id}"' if id else "no direction")
                + f". Write one of: {', '.join(directions)}, as in <!-- roadmap:direction culture -->."
            )
        direction = directions[id]
        milestones = [m for m in view.milestones if m.direction is direction]
        html = _template.render(
            view=view,
            ui=view.ui,
            direction=direction,
            milestones=milestones,
            milestone_link={m.id: page_link(page, files, "road-map/flowchart.md", m.id) for m in milestones},
            task_link={m.id: page_link(page, files, "road-map/action-plan.md", m.task.id)
                       for m in milestones if m.task},
        )
        markdown = markdown[: match.start()] + html + markdown[match.end() :]
    return markdown
