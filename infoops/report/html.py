"""The HTML report: one self-contained page with the plots, the tables behind them, caveats.

    write_report(graph, Path("out"), results=case_results, parameters={"timezone": "UTC"})

writes ``out/index.html`` with every plot inlined as a base64 PNG (so the page opens offline,
from anywhere, and survives being mailed), and the same PNGs in ``out/plots/`` for slides.

Each section runs its investigation pack unless ``results`` (from a case run) already hold
a run of it with the parameters the plot depends on. A pack that does not exist, fails or
returns nothing turns its section into a note saying so; the rest of the report still comes.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from neo4j.exceptions import Neo4jError

from infoops import __version__
from infoops.connection import Graph
from infoops.errors import InfoopsError, ParameterError
from infoops.queries import Pack, internal, investigation, investigations
from infoops.report import plots
from infoops.report.render import cell_text, column_order, plain_rows

Rows = list[dict[str, Any]]

MAX_TABLE_ROWS = 100
OTHER_RESULT_ROWS = 25
STAR_EDGE_TYPES = ["RETWEETED", "LIKED_POST_OF"]
# Options of the report itself, next to the parameters its packs declare.
REPORT_OPTIONS: dict[str, Any] = {
    "top_communities": 3,
    "max_network_nodes": plots.MAX_NETWORK_NODES,
}
CAVEATS = (
    "Coordination is evidence of coordination, not proof of who runs it. These results show "
    "accounts acting together (amplifying the same posters, created in the same days, posting "
    "in the same office hours, reused across unrelated topics); they do not show who operates "
    "them or why. Fans, campaigns and fandoms coordinate in the open too.",
    "Scores and thresholds are relative to this collection: a different collection window, "
    "hashtag or sampling changes them. Collections built from hashtag searches miss the "
    "accounts that never used those hashtags.",
    "Louvain numbers communities differently from run to run; compare communities by their "
    "members, not their numbers. Roles (poster, amplifier) describe the strongest "
    "amplification structure in scope.",
    "Check the posts behind any edge (`infoops run evidence`) before naming an account, and "
    "keep in mind that real people get caught in automated networks (hijacked accounts, "
    "accounts that retweet whatever their timeline shows).",
)


@dataclass
class PackResult:
    """One run of a pack: what a case writes to disk and what the report may reuse."""

    name: str
    pack: str
    parameters: dict[str, Any]
    rows: Rows = field(default_factory=list)
    columns: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def run_pack_result(graph: Graph, pack: Pack, bound: dict[str, Any], name: str = "") -> PackResult:
    """Run a pack, timing it; a failure of the pack is kept as the result's error."""
    result = PackResult(name=name or pack.name, pack=pack.name, parameters=bound)
    result.columns = pack.columns
    started = time.perf_counter()
    try:
        result.rows = graph.run_pack(pack, bound)
    except (InfoopsError, Neo4jError) as error:
        message = error.message if isinstance(error, Neo4jError) else None
        result.error = message or str(error) or type(error).__name__
    result.seconds = time.perf_counter() - started
    return result


def bind_known(pack: Pack, *layers: Mapping[str, Any]) -> dict[str, Any]:
    """Bind a pack to the parameters it declares from the layers (later layers win)."""
    given: dict[str, Any] = {}
    for layer in layers:
        given.update({k: v for k, v in layer.items() if k in pack.parameters and v is not None})
    return pack.bind(given)


@dataclass(frozen=True)
class Plot:
    png: bytes
    alt: str
    file_name: str
    caption: str = ""


@dataclass(frozen=True)
class Table:
    title: str
    rows: Rows
    columns: Sequence[str] = ()
    link: str = ""


@dataclass
class Section:
    anchor: str
    title: str
    explanation: str
    plots: list[Plot] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ReportRun:
    """What every section needs: the graph, the parameters, the case's results."""

    graph: Graph
    parameters: dict[str, Any]
    results: list[PackResult]
    used: set[int] = field(default_factory=set)

    def result(
        self,
        pack_name: str,
        must_match: Mapping[str, Any] | None = None,
        defaults: Mapping[str, Any] | None = None,
    ) -> PackResult:
        """A case result of the pack whose ``must_match`` parameters agree, or a fresh run.

        ``defaults`` apply only to a fresh run (below the report's parameters);
        ``must_match`` wins over both, as the section's plot depends on it.
        """
        try:
            pack = investigation(pack_name)
        except InfoopsError as error:
            return PackResult(name=pack_name, pack=pack_name, parameters={}, error=str(error))
        bound = bind_known(pack, defaults or {}, self.parameters, must_match or {})
        for index, earlier in enumerate(self.results):
            if (
                earlier.pack == pack_name
                and earlier.ok
                and all(earlier.parameters.get(k) == bound[k] for k in (must_match or {}))
            ):
                self.used.add(index)
                return earlier
        fresh = run_pack_result(self.graph, pack, bound)
        self.results.append(fresh)
        self.used.add(len(self.results) - 1)
        return fresh

    def internal_rows(self, name: str, **given: Any) -> Rows:
        pack = internal(name)
        return self.graph.run_pack(pack, bind_known(pack, self.parameters, given))

    def option(self, name: str) -> Any:
        return self.parameters.get(name, REPORT_OPTIONS[name])


def report_parameter_names() -> set[str]:
    """Every parameter ``write_report`` accepts: its packs' parameters and its own options."""
    names = set(REPORT_OPTIONS) | {"collections", "since", "until"}
    for pack_name in SECTION_PACKS:
        if pack_name in investigations():
            names |= set(investigations()[pack_name].parameters)
    return names


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    runs: list[PackResult]
    """The packs the report ran itself (those the given results did not cover)."""


def write_report(
    graph: Graph,
    output_dir: Path,
    results: Sequence[PackResult] | None = None,
    parameters: Mapping[str, Any] | None = None,
    **page: str,
) -> Path:
    """Write ``output_dir/index.html`` (and ``plots/*.png``); return the page's path.

    ``parameters`` go to every pack that declares them (collections, since, until, timezone,
    topics…) plus the report's own options (top_communities, max_network_nodes); ``page``
    may give the ``title`` and ``description`` shown at the top.
    """
    return build_report(graph, output_dir, results, parameters, **page).path


def build_report(
    graph: Graph,
    output_dir: Path,
    results: Sequence[PackResult] | None = None,
    parameters: Mapping[str, Any] | None = None,
    title: str = "infoops report",
    description: str = "",
) -> ReportWritten:
    """``write_report``, also telling which packs the report ran (for a case's manifest)."""
    given = dict(parameters or {})
    unknown = sorted(set(given) - report_parameter_names())
    if unknown:
        known = ", ".join(sorted(report_parameter_names()))
        raise ParameterError(f"report: unknown parameter(s) {', '.join(unknown)} (known: {known})")
    output_dir.mkdir(parents=True, exist_ok=True)
    given_results = list(results or [])
    run = ReportRun(graph=graph, parameters=given, results=list(given_results))
    started = datetime.now(UTC)
    sections = [guard(builder, run) for builder in SECTION_BUILDERS]
    if given_results:
        sections.append(other_results(run, len(given_results)))
    plots_dir = output_dir / "plots"
    plots_dir.mkdir(exist_ok=True)
    for section in sections:
        # A plot of an earlier report in this folder must not outlive its section.
        (plots_dir / f"{section.anchor}.png").unlink(missing_ok=True)
        for plot in section.plots:
            (plots_dir / plot.file_name).write_bytes(plot.png)
    page = render_page(title, description, sections, run, graph.versions(), started)
    path = output_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return ReportWritten(path=path, runs=run.results[len(given_results) :])


def guard(builder: Callable[[ReportRun], Section], run: ReportRun) -> Section:
    """A section whose building fails says so, instead of taking the report down with it."""
    try:
        return builder(run)
    except (InfoopsError, Neo4jError, ValueError, KeyError, TypeError) as error:
        title = (builder.__doc__ or builder.__name__).strip().splitlines()[0]
        section = Section(anchor=builder.__name__, title=title, explanation="")
        section.notes.append(f"This section could not be built: {error}")
        return section


def pack_section(
    anchor: str, title: str, explanation: str, result: PackResult
) -> tuple[Section, Rows]:
    """A section with the pack's table (or a note on why there is none) and its plain rows."""
    section = Section(anchor=anchor, title=title, explanation=explanation)
    if not result.ok:
        section.notes.append(f"Investigation {result.pack} did not run: {result.error}")
        return section, []
    table = result_table(result)
    if not table.rows:
        section.notes.append(f"Investigation {result.pack} found nothing in scope.")
    section.tables.append(table)
    return section, table.rows


def plotted_section(
    anchor: str,
    title: str,
    explanation: str,
    result: PackResult,
    draw: Callable[[Rows], bytes | None],
) -> Section:
    """A pack's section with the plot ``draw`` makes of its rows."""
    section, rows = pack_section(anchor, title, explanation, result)
    if rows:
        add_plot(section, draw(rows), title)
    return section


def result_table(result: PackResult, limit: int | None = None) -> Table:
    """A result's rows (the first ``limit``) as a table linked to its CSV file."""
    rows = plain_rows(result.rows, column_order(result.rows, result.columns))
    title = f"{result.name} ({len(rows)} rows)"
    return Table(title, rows[:limit], result.columns, result.files.get("csv", ""))


def add_plot(section: Section, png: bytes | None, alt: str, caption: str = "") -> None:
    if png is None:
        section.notes.append("Nothing to plot.")
        return
    section.plots.append(Plot(png, alt, f"{section.anchor}.png", caption))


def creation_bursts(run: ReportRun) -> Section:
    """Accounts created per day"""
    return plotted_section(
        "creation-bursts",
        "Accounts created per day",
        "How many of the accounts in scope were created on each day, with the days on which "
        "unusually many were created flagged in red (creation-bursts). Operations register "
        "their accounts in batches shortly before they need them.",
        run.result("creation-bursts"),
        plots.creation_bursts,
    )


def community_stars(run: ReportRun) -> Section:
    """Poster/amplifier stars of the top communities"""
    section, _ = pack_section(
        "community-stars",
        "Poster/amplifier stars of the top communities",
        "The account interaction graph (retweets and likes) restricted to the posters and "
        "amplifiers of the communities with the most posters (communities: Louvain and HITS). "
        "A star — a few posters with many amplifiers that amplify little else — is what the "
        "#MilesGuo network looked like in Gephi.",
        run.result("communities"),
    )
    if section.notes:
        return section
    top = run.internal_rows("report-top-communities", top=run.option("top_communities"))
    if not top:
        section.notes.append("No community holds a poster: there is no star to draw.")
        return section
    section.tables.append(
        Table("Top communities", top, ("community", "accounts", "posters", "amplifiers"))
    )
    accounts = plain_rows_of(
        run.internal_rows(
            "export-accounts",
            communities=[row["community"] for row in top],
            roles=["poster", "amplifier"],
        )
    )
    edges = plain_rows_of(
        run.internal_rows(
            "export-interactions",
            account_keys=[row["key"] for row in accounts],
            types=STAR_EDGE_TYPES,
        )
    )
    png, caption = plots.star_network(accounts, edges, int(run.option("max_network_nodes")))
    add_plot(section, png, "Network of posters and amplifiers", caption)
    summary = run.result("community-summary")
    if summary.ok:
        section.tables.append(result_table(summary))
    else:
        section.notes.append(f"Investigation community-summary did not run: {summary.error}")
    return section


def activity_hours(run: ReportRun) -> Section:
    """Posting hours by role"""
    result = run.result("activity-hours", must_match={"group_by": "role"})
    timezone = str(result.parameters.get("timezone") or "UTC")
    return plotted_section(
        "activity-hours",
        f"Posting hours by role ({timezone})",
        "Share of each role's posts in every hour of the week, in the chosen time zone "
        "(activity-hours, grouped by the role the communities pack gave each account). "
        "People post through the day with an evening peak; staff of an operation post in the "
        "office hours of working days.",
        result,
        partial(plots.activity_heatmaps, timezone=timezone),
    )


def name_scripts(run: ReportRun) -> Section:
    """Display-name scripts over time"""
    return plotted_section(
        "name-scripts",
        "Display-name scripts by account creation date",
        "Share of each display-name script among the accounts created in each period "
        "(name-scripts-over-time). A script that jumps just before or during the collection "
        "(Cyrillic names in a Chinese-language conversation) marks accounts made for it.",
        run.result("name-scripts-over-time", defaults={"bucket": "month"}),
        plots.name_scripts,
    )


def topic_overlap(run: ReportRun) -> Section:
    """Topic × topic amplifier overlap"""
    return plotted_section(
        "topic-overlap",
        "Topic × topic amplifier overlap",
        "For every two topics, the Jaccard index of their sets of amplifiers (topic-overlap). "
        "Organic audiences of unrelated topics barely overlap; a pool reused across topics "
        "makes them overlap strongly.",
        run.result("topic-overlap"),
        partial(
            plots.overlap_heatmap,
            row_key="topic_a",
            column_key="topic_b",
            value_key="jaccard",
            title="Amplifier overlap between topics (Jaccard)",
        ),
    )


def post_formats(run: ReportRun) -> Section:
    """Post formats per community"""
    section, _ = pack_section(
        "post-formats",
        "Post formats per community",
        "Do a community's posts share one format? A post's format is the sequence of parts of "
        "its text (running text by script, hashtags, mentions, links, emoji, bracketed "
        "headlines; post-formats). effective_formats is how many equally common formats "
        "would spread the posts as evenly: a template and its optional slots give a handful, "
        "conversation dozens. elsewhere_share is the format's share outside the community.",
        run.result("post-formats"),
    )
    return section


SECTION_BUILDERS: tuple[Callable[[ReportRun], Section], ...] = (
    creation_bursts,
    # Before activity-hours and post-formats: communities writes the roles and communities
    # they group by.
    community_stars,
    activity_hours,
    post_formats,
    name_scripts,
    topic_overlap,
)
SECTION_PACKS = (
    "creation-bursts",
    "communities",
    "community-summary",
    "activity-hours",
    "post-formats",
    "name-scripts-over-time",
    "topic-overlap",
)


def other_results(run: ReportRun, case_results: int) -> Section:
    """The case's other investigations: their first rows and a link to the whole result."""
    section = Section(
        anchor="other-results",
        title="Other investigations of this case",
        explanation="The first rows of each; the CSV and JSON files hold every row.",
    )
    for index, result in enumerate(run.results[:case_results]):
        if index in run.used:
            continue
        if result.ok:
            section.tables.append(result_table(result, OTHER_RESULT_ROWS))
        else:
            section.notes.append(f"{result.name} ({result.pack}) failed: {result.error}")
    return section


def plain_rows_of(rows: Rows) -> Rows:
    return plain_rows(rows, column_order(rows))


# --- HTML ------------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222;
       padding: 0 1em; }
h1 { margin-bottom: 0.2em; }
.meta, .note { color: #555; }
.caveats { background: #fff6e0; border-left: 4px solid #e0a000; padding: 0.5em 1em; }
section { margin: 2.5em 0; }
figure { margin: 1em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
details { margin: 0.5em 0; }
code { background: #f4f4f4; padding: 0 3px; }
"""


def render_page(
    title: str,
    description: str,
    sections: Sequence[Section],
    run: ReportRun,
    versions: Mapping[str, str | None],
    started: datetime,
) -> str:
    escape = html.escape
    server = ", ".join(f"{name} {value}" for name, value in versions.items() if value)
    parameters = {k: v for k, v in run.parameters.items() if v is not None}
    contents = "".join(
        f'<li><a href="#{escape(s.anchor)}">{escape(s.title)}</a></li>' for s in sections
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(description)}</p>" if description else "",
        f'<p class="meta">Written {escape(started.isoformat(timespec="seconds"))} by infoops '
        f"{escape(__version__)} from {escape(server)}.</p>",
        '<div class="caveats"><h2>Read this first</h2>',
        "".join(f"<p>{escape(text)}</p>" for text in CAVEATS),
        "</div>",
        "<h2>Parameters</h2>",
        table_html(
            [{"parameter": k, "value": v} for k, v in sorted(parameters.items())],
            ("parameter", "value"),
        )
        if parameters
        else '<p class="note">None: every collection, the whole time range, UTC.</p>',
        f"<h2>Contents</h2><ul>{contents}</ul>",
    ]
    parts += [section_html(section) for section in sections]
    parts.append("</body></html>")
    return "\n".join(parts)


def section_html(section: Section) -> str:
    escape = html.escape
    parts = [f'<section id="{escape(section.anchor)}"><h2>{escape(section.title)}</h2>']
    if section.explanation:
        parts.append(f"<p>{escape(section.explanation)}</p>")
    parts += [f'<p class="note">{escape(note)}</p>' for note in section.notes]
    for plot in section.plots:
        data = base64.b64encode(plot.png).decode("ascii")
        caption = f"<figcaption>{escape(plot.caption)}</figcaption>" if plot.caption else ""
        parts.append(
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(plot.alt)}">'
            f"{caption}</figure>"
        )
    for table in section.tables:
        shown = table.rows[:MAX_TABLE_ROWS]
        more = len(table.rows) - len(shown)
        link = f' — <a href="{escape(table.link)}">{escape(table.link)}</a>' if table.link else ""
        note = f'<p class="note">{more} more rows in the full result.</p>' if more > 0 else ""
        parts.append(
            f"<details><summary>{escape(table.title)}{link}</summary>"
            f"{table_html(shown, table.columns)}{note}</details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def table_html(rows: Sequence[dict[str, Any]], declared: Sequence[str] = ()) -> str:
    """An HTML table of the rows; every header and cell is escaped."""
    escape = html.escape
    columns = column_order(rows, declared)
    head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell_text(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
