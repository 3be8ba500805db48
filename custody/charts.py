"""Charts drawn with matplotlib, the same for the page (SVG) and the briefing (PNG). Hidden (suppressed)
cells are left out of a chart, never drawn."""

import io

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "scrutiny"  # the same figures draw the same SVG
from matplotlib import pyplot  # noqa: E402  (after choosing the non-interactive backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

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
    """Bars per local authority asked, across the chart so that long names read: requests beside transfers
    achieved. A hidden figure has no bar."""
    labels = [row.label for row in table.rows]
    figure, axes = pyplot.subplots(figsize=(8, max(2.4, 0.45 * len(labels) + 1)))
    height = 0.8 / max(1, len(measures))
    drawn = 0
    for offset, (colour, (measure, name)) in enumerate(zip(COLOURS, measures, strict=False)):
        values = [number(table.shown[(index, measure)]) for index in range(len(table.rows))]
        shown = [(i, value) for i, value in enumerate(values) if value is not None]
        drawn += len(shown)
        if shown:  # (an empty set of bars would still put a swatch, in the wrong colour, in the legend)
            axes.barh(
                [i + offset * height for i, _ in shown],
                [value for _, value in shown],
                height,
                label=name,
                color=colour,
            )
    axes.set_yticks([i + height * (len(measures) - 1) / 2 for i in range(len(labels))], labels)
    axes.invert_yaxis()  # the table's order, top to bottom
    if not drawn:
        axes.text(
            0.5, 0.5, "Every figure here is hidden: the table below says why", ha="center", va="center",
            transform=axes.transAxes, fontsize=9,
        )  # fmt: skip
    style(axes, "s38(6) transfer requests by local authority asked", across=True)
    return render(figure, kind)


def style(axes, title: str, across: bool = False) -> None:
    """A title, no box, counts in whole numbers from nought, and the legend beside the plot (never over
    its lines or bars)."""
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    counts = axes.xaxis if across else axes.yaxis
    counts.set_major_locator(MaxNLocator(integer=True))
    if across:
        axes.set_xlim(left=0, right=max(1, axes.get_xlim()[1]))
    else:
        axes.set_ylim(bottom=0, top=max(1, axes.get_ylim()[1]))
