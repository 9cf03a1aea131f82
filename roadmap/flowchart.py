"""The flowchart as a diagram: where each stage, direction and milestone is drawn, and how its
text wraps. Lines are measured with the site's own font (the advance width of every letter), so
every line fits its box in every language; the site and the PDF draw the same diagram.
"""

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from roadmap.fonts import faces_of, font_faces
from roadmap.localized import View


def diagram(view: View, task_link: dict[str, str | None], fonts_css: Path) -> dict:
    """Positions and wrapped lines of everything drawn in the diagram, in SVG units; `task_link`
    gives each milestone's link (to its task), `fonts_css` the site's fonts.css."""

    def _wrap(text: str, width: float, bold: bool = False) -> list[str]:
        return wrap(text, width - 2 * PAD, _advances(Path(fonts_css).resolve(), view.lang, bold))

    column_x = {c: MARGIN + LABEL_WIDTH + GAP + (c - 1) * (COLUMN_WIDTH + GAP) for c in range(1, 6)}
    width = column_x[5] + COLUMN_WIDTH + MARGIN

    stages = []
    for stage in view.stages:
        span = len(stage.columns)
        box_width = span * COLUMN_WIDTH + (span - 1) * GAP
        name = _wrap(stage.name.plain, box_width, bold=True)
        message = _wrap(f"{view.ui('roadmap_key_message').plain}: {stage.key_message.plain}", box_width)
        stages.append(dict(stage=stage, x=column_x[min(stage.columns)], width=box_width,
                           number=view.ui("roadmap_stage_number", number=stage.number).plain,
                           name=name, message=message))
    header_lines = 1 + max(len(s["name"]) + len(s["message"]) for s in stages)
    header_height = header_lines * LINE + 2 * PAD
    for s in stages:
        s["height"] = header_height

    rows, y = [], MARGIN + header_height + GAP
    for direction in view.directions:
        label = _wrap(direction.label.plain, LABEL_WIDTH, bold=True)
        cells = []
        for column in range(1, 6):
            milestone = view.cell(direction, column)
            if milestone is not None:
                cells.append(dict(milestone=milestone, x=column_x[column], href=task_link[milestone.id],
                                  lines=_wrap(f"{milestone.code} {milestone.text.plain}", COLUMN_WIDTH)))
        lines = max([len(label)] + [len(c["lines"]) for c in cells])
        height = lines * LINE + 2 * PAD
        arrows = [
            dict(x1=a["x"] + COLUMN_WIDTH, x2=b["x"] - 2, y=y + height / 2)
            for a, b in zip(cells, cells[1:])
        ]
        rows.append(dict(direction=direction, y=y, height=height, label=label, cells=cells,
                         arrows=arrows))
        y += height + GAP
    corner = _wrap(view.ui("roadmap_direction").plain, LABEL_WIDTH, bold=True)
    # Where the site splits the diagram so that the stages and directions stay in view while it
    # scrolls (hooks/diagram.html, diagram_grid).
    split_x, split_y = MARGIN + LABEL_WIDTH + GAP / 2, MARGIN + header_height + GAP / 2
    return dict(width=width, height=y - GAP + MARGIN, stages=stages, rows=rows, corner=corner, lang=view.lang,
                split_x=split_x, split_y=split_y,
                margin=MARGIN, pad=PAD, line=LINE, font=FONT, label_width=LABEL_WIDTH,
                column_width=COLUMN_WIDTH, colours=COLOURS)


def wrap(text: str, width: float, advances: dict[int, float]) -> list[str]:
    """Lines of `text` that fit `width` SVG units, measured with the site's own font (a word
    longer than the width gets a line of its own)."""
    def measure(words):
        return FONT * sum(advances.get(ord(c), 0.6) for c in " ".join(words))

    lines, line = [], []
    for word in text.split():
        if line and measure(line + [word]) > width:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


@lru_cache(maxsize=None)
def _advances(fonts_css: Path, lang: str, bold: bool) -> dict[int, float]:
    """Advance width of every character of the language's font, as a fraction of the font size."""
    widths: dict[int, float] = {}
    for face in faces_of(font_faces(fonts_css), lang):
        if face.style != "normal" or face.weight != (700 if bold else 400):
            continue
        font = TTFont(face.path)
        per_em, metrics = font["head"].unitsPerEm, font["hmtx"]
        for code, glyph in font.getBestCmap().items():
            if any(first <= code <= last for first, last in face.ranges):
                widths.setdefault(code, metrics[glyph][0] / per_em)
    return widths


# Geometry of the diagram, in SVG units (pixels at full size).
MARGIN = 4
LABEL_WIDTH = 112
COLUMN_WIDTH = 130
GAP = 8
PAD = 6
FONT = 12
LINE = 15

# One colour per stage (fill of its rectangles, and their border); the diagram also names each
# stage in words, so colour is never the only clue. docs/assets/stylesheets/roadmap.css may
# override them (dark mode, print).
# Stages are coloured in order (first stage, second...): (fill, border).
COLOURS = [("#e1eef7", "#2f6f96"), ("#e3f2e6", "#2e7d4f"), ("#fcecdc", "#b0501a"), ("#efe4f5", "#774094")]
