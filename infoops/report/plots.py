"""The report's plots as PNG bytes (matplotlib on the Agg canvas).

Figures are built with ``matplotlib.figure.Figure`` and never through ``pyplot``: no global
figure state, no GUI backend, safe to call from any thread. Every function takes plain rows
(``render.to_plain`` output: times as ISO strings) and returns ``None`` when there is nothing
to draw, so the caller can say so instead of showing an empty frame.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch

Rows = Sequence[dict[str, Any]]

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FLAGGED_COLOUR = "#d62728"
PLAIN_COLOUR = "#7f9fbf"
# Past this many scripts the rest are summed: a stack of twelve thin bands reads as noise.
MAX_SCRIPTS = 7
# The zoomed panel of creation days covers at least this many recent days.
ZOOM_DAYS = 90
# A network picture of more accounts is a hairball; and networkx's spring layout needs scipy
# (not a dependency) from 500 nodes on, so no request goes past DENSE_LAYOUT_LIMIT.
MAX_NETWORK_NODES = 450
DENSE_LAYOUT_LIMIT = 499
DPI = 100


def png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def parse_day(value: Any) -> date:
    """The calendar date of an ISO date or date-time string (as ``to_plain`` writes them)."""
    return date.fromisoformat(str(value)[:10])


def creation_bursts(rows: Rows) -> bytes | None:
    """Accounts created per day, flagged burst days in red, with the baseline.

    Account creation dates span years while bursts last days, so a long history gets a
    second panel zoomed on the weeks around the flagged days (or the most recent ones).
    """
    days = sorted(
        ((parse_day(r["day"]), r) for r in rows if r.get("day") is not None),
        key=lambda item: item[0],
    )
    if not days:
        return None
    flagged_days = [day for day, row in days if row.get("flagged")]
    last = days[-1][0]
    zoom_start = min(flagged_days + [last - timedelta(days=ZOOM_DAYS)]) - timedelta(days=14)
    panels = [("all creation days", days)]
    if days[0][0] < zoom_start:
        panels.append(
            (f"from {zoom_start.isoformat()}", [item for item in days if item[0] >= zoom_start])
        )
    figure = Figure(figsize=(11, 3.4 * len(panels)), layout="constrained")
    for index, (label, shown) in enumerate(panels):
        axes = figure.add_subplot(len(panels), 1, index + 1)
        x = [day for day, _ in shown]
        counts = [row.get("accounts_created") or 0 for _, row in shown]
        colours = [FLAGGED_COLOUR if row.get("flagged") else PLAIN_COLOUR for _, row in shown]
        axes.bar(x, counts, width=1.0, color=colours, linewidth=0)
        # Markers stay visible where a one-day bar is thinner than a pixel.
        marked = [
            (day, count)
            for day, count, colour in zip(x, counts, colours, strict=True)
            if colour == FLAGGED_COLOUR
        ]
        if marked:
            axes.scatter(*zip(*marked, strict=True), marker="v", color=FLAGGED_COLOUR, zorder=3)
        baseline = [row.get("baseline") for _, row in shown]
        if any(value is not None for value in baseline):
            axes.plot(x, [np.nan if v is None else v for v in baseline], color="#444", lw=1)
        axes.set_title(label, fontsize="medium")
        axes.set_ylabel("accounts created")
    figure.axes[0].legend(
        handles=[
            Patch(color=FLAGGED_COLOUR, label="flagged burst day"),
            Patch(color=PLAIN_COLOUR, label="other days"),
            Patch(color="#444", label="baseline"),
        ],
        loc="upper left",
    )
    figure.suptitle(f"Accounts created per day: {len(flagged_days)} burst day(s) flagged")
    return png(figure)


def activity_heatmaps(rows: Rows, timezone: str = "UTC") -> bytes | None:
    """One weekday × hour heat map per group (role, community…), shares of its posts."""
    grids: dict[str, np.ndarray] = {}
    for row in rows:
        weekday, hour = row.get("weekday"), row.get("hour")
        if weekday is None or hour is None:
            continue
        grid = grids.setdefault(str(row.get("group")), np.zeros((7, 24)))
        grid[int(weekday) - 1, int(hour)] = row.get("share") or 0.0
    if not grids:
        return None
    columns = min(2, len(grids))
    lines = math.ceil(len(grids) / columns)
    figure = Figure(figsize=(6.2 * columns, 2.6 * lines + 0.6), layout="constrained")
    for index, (group, grid) in enumerate(grids.items()):
        axes = figure.add_subplot(lines, columns, index + 1)
        image = axes.imshow(grid, aspect="auto", cmap="viridis", interpolation="nearest")
        axes.set_title(group)
        axes.set_yticks(range(7), WEEKDAYS)
        axes.set_xticks(range(0, 24, 3))
        axes.set_xlabel(f"hour ({timezone})")
        figure.colorbar(image, ax=axes, label="share of posts")
    figure.suptitle(f"Posting hours by weekday, {timezone}")
    return png(figure)


def name_scripts(rows: Rows) -> bytes | None:
    """Share of each display-name script among the accounts created in each period."""
    shares: dict[date, dict[str, float]] = defaultdict(dict)
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.get("period") is None:
            continue
        script = str(row.get("script"))
        shares[parse_day(row["period"])][script] = row.get("share") or 0.0
        totals[script] += row.get("accounts") or 0
    if not shares:
        return None
    ranked = sorted(totals, key=lambda s: -totals[s])
    shown = ranked[:MAX_SCRIPTS]
    periods = sorted(shares)
    gaps = [(b - a).days for a, b in pairwise(periods)]
    width = max(1.0, 0.9 * min(gaps)) if gaps else 1.0
    figure = Figure(figsize=(11, 4), layout="constrained")
    axes = figure.add_subplot()
    bottom = np.zeros(len(periods))
    series = [(s, [shares[p].get(s, 0.0) for p in periods]) for s in shown]
    if len(ranked) > len(shown):
        rest = [sum(v for s, v in shares[p].items() if s not in shown) for p in periods]
        series.append(("other scripts", rest))
    colours = colour_cycle(len(series))
    for (script, values), colour in zip(series, colours, strict=True):
        axes.bar(
            periods,
            values,
            bottom=bottom,
            width=timedelta(days=width),
            color=colour,
            label=script,
            linewidth=0,
        )
        bottom += np.asarray(values)
    axes.set_ylim(0, 1)
    axes.set_ylabel("share of accounts created")
    axes.set_title("Display-name scripts by account creation date")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="script")
    return png(figure)


def star_network(
    accounts: Rows, edges: Rows, max_nodes: int = MAX_NETWORK_NODES
) -> tuple[bytes | None, str]:
    """Posters and amplifiers of the top communities, spring layout, coloured by community.

    Returns the PNG and a caption saying how many accounts and edges are drawn.
    """
    graph = nx.Graph()
    for account in accounts:
        graph.add_node(account["key"], **account)
    for edge in edges:
        source, target = edge["source"], edge["target"]
        if source in graph and target in graph:
            weight = graph.get_edge_data(source, target, {"weight": 0})["weight"]
            graph.add_edge(source, target, weight=weight + (edge.get("count") or 1))
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if graph.number_of_nodes() == 0:
        return None, "no interactions between the posters and amplifiers of these communities"
    total = graph.number_of_nodes()
    max_nodes = min(max_nodes, DENSE_LAYOUT_LIMIT)
    if total > max_nodes:
        # Keep every poster and the amplifiers that carry the most interactions.
        strength = dict(graph.degree(weight="weight"))
        posters = [n for n in graph if graph.nodes[n].get("role") == "poster"]
        others = sorted(
            (n for n in graph if graph.nodes[n].get("role") != "poster"),
            key=lambda n: -strength[n],
        )
        keep = set(posters[:max_nodes]) | set(others[: max(0, max_nodes - len(posters))])
        graph = graph.subgraph(keep).copy()
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    communities = sorted({graph.nodes[n].get("community") for n in graph}, key=str)
    palette = dict(zip(communities, colour_cycle(len(communities)), strict=True))
    positions = nx.spring_layout(graph, weight="weight", seed=7, iterations=80)
    posters = [n for n in graph if graph.nodes[n].get("role") == "poster"]
    amplifiers = [n for n in graph if graph.nodes[n].get("role") != "poster"]
    figure = Figure(figsize=(10, 8))
    axes = figure.add_subplot()
    nx.draw_networkx_edges(graph, positions, ax=axes, alpha=0.15, width=0.5, edge_color="#555")
    for nodes, size, edge_colour in ((amplifiers, 18, "none"), (posters, 220, "black")):
        nx.draw_networkx_nodes(
            graph,
            positions,
            nodelist=nodes,
            node_size=size,
            node_color=[palette[graph.nodes[n].get("community")] for n in nodes],
            edgecolors=edge_colour,
            ax=axes,
        )
    labels = {n: f"@{graph.nodes[n].get('screen_name') or n}" for n in posters}
    nx.draw_networkx_labels(graph, positions, labels=labels, font_size=8, ax=axes)
    axes.legend(
        handles=[Patch(color=palette[c], label=f"community {c}") for c in communities],
        loc="upper left",
        fontsize="small",
    )
    axes.set_title("Posters (large, named) and their amplifiers (small) in the top communities")
    axes.set_axis_off()
    caption = (
        f"{graph.number_of_nodes()} accounts ({len(posters)} posters) and "
        f"{graph.number_of_edges()} retweet/like links drawn"
    )
    if total > graph.number_of_nodes():
        caption += f"; {total - graph.number_of_nodes()} weaker amplifiers left out of the picture"
    return png(figure), caption


def overlap_heatmap(
    rows: Rows, row_key: str, column_key: str, value_key: str, title: str
) -> bytes | None:
    """A symmetric label × label heat map (topic × topic amplifier overlap)."""
    cells = {
        (str(r[row_key]), str(r[column_key])): float(r.get(value_key) or 0.0)
        for r in rows
        if r.get(row_key) is not None and r.get(column_key) is not None
    }
    if not cells:
        return None
    labels = sorted({label for pair in cells for label in pair})
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.full((len(labels), len(labels)), np.nan)
    for (a, b), value in cells.items():
        matrix[index[a], index[b]] = value
        if np.isnan(matrix[index[b], index[a]]):
            matrix[index[b], index[a]] = value
    size = 2.5 + 0.9 * len(labels)
    figure = Figure(figsize=(size + 1.5, size), layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(matrix, cmap="magma_r", interpolation="nearest")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    finite = matrix[~np.isnan(matrix)]
    middle = (finite.max() + finite.min()) / 2 if finite.size else 0
    for (i, j), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            text = f"{value:.2f}" if value < 10 else f"{value:.0f}"
            colour = "white" if value > middle else "black"
            axes.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    figure.colorbar(image, ax=axes, label=value_key)
    axes.set_title(title)
    return png(figure)


def colour_cycle(count: int) -> list[str]:
    """Distinct colours: tab10 while it lasts, then evenly spaced hues."""
    if count <= 10:
        return [f"C{i}" for i in range(count)]
    if count <= 20:
        return [to_hex(colormaps["tab20"](i)) for i in range(count)]
    return [to_hex(colormaps["hsv"](i / count)) for i in range(count)]
