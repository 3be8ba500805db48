"""Charts drawn with matplotlib, the same for the page (SVG) and the briefing (PNG). Hidden (suppressed)
cells are left out of a chart, never drawn."""

import io

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "scrutiny"  # the same figures draw the same SVG
from matplotlib import pyplot  # noqa: E402  (after choosing the non-interactive backend)

COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92"]


def number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except (AttributeError, ValueError):
        return None


def render(figure, kind: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, bbox_inches="tight", dpi=150 if kind == "png" else None)
    pyplot.close(figure)
    return buffer.getvalue()


def trend(table, measures: list[tuple[str, str]], kind: str = "svg") -> bytes:
    """Lines of each measure by month, from the table's shown values."""
    figure, axes = pyplot.subplots(figsize=(8, 3.2))
    labels = [row.label for row in table.rows]
    for colour, (measure, name) in zip(COLOURS, measures, strict=False):
        values = [number(table.shown[(index, measure)]) for index in range(len(table.rows))]
        axes.plot(
            labels,
            [v if v is not None else float("nan") for v in values],
            marker="o",
            label=name,
            color=colour,
        )
    style(axes, "Detentions of children by month")
    axes.tick_params(axis="x", labelrotation=45)
    return render(figure, kind)


def comparison(table, measures: list[tuple[str, str]], kind: str = "svg") -> bytes:
    """Bars per local authority asked: requests beside transfers achieved."""
    figure, axes = pyplot.subplots(figsize=(8, 3.2))
    labels = [row.label for row in table.rows]
    width = 0.8 / max(1, len(measures))
    for offset, (colour, (measure, name)) in enumerate(zip(COLOURS, measures, strict=False)):
        values = [number(table.shown[(index, measure)]) or 0 for index in range(len(table.rows))]
        axes.bar([i + offset * width for i in range(len(labels))], values, width, label=name, color=colour)
    axes.set_xticks([i + width * (len(measures) - 1) / 2 for i in range(len(labels))], labels)
    style(axes, "s38(6) transfer requests by local authority asked")
    return render(figure, kind)


def style(axes, title: str) -> None:
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False)
    axes.set_ylim(bottom=0)
