"""``infoops demo``: the whole tool on the bundled sample, in one command."""

from __future__ import annotations

from pathlib import Path

import typer

from infoops.cli.common import examples, guarded, state
from infoops.errors import InfoopsError
from infoops.loader.load import load
from infoops.queries import investigations
from infoops.report.render import OutputFormat, print_rows

DEMO_COLLECTION = "demo-milesguo"
# (investigation, parameters, rows to show): the findings of the #MilesGuo report.
HEADLINES: tuple[tuple[str, dict[str, object], int], ...] = (
    ("great-retweet", {}, 10),
    ("communities", {}, 0),
    ("community-summary", {}, 8),
    ("creation-bursts", {}, 12),
    ("cross-topic", {}, 10),
    ("renamed-accounts", {}, 5),
    ("activity-summary", {"timezone": "Asia/Shanghai"}, 6),
)


@guarded
def demo_command(
    ctx: typer.Context,
    report_dir: Path = typer.Option(
        Path("infoops-demo-report"), "--report-dir", help="Where the HTML report goes."
    ),
) -> None:
    """Start the server, load the bundled sample, run the headline investigations."""
    from infoops.report.html import PackResult, run_pack_result, write_report
    from infoops.sample import sample_files

    cli = state(ctx)
    packs = investigations()
    with cli.graph() as graph:
        report = load(graph, sample_files(), DEMO_COLLECTION)
        loaded = report.records or "already loaded"
        cli.say(f"sample collection {DEMO_COLLECTION!r}: {loaded} records")
        results: list[PackResult] = []
        for name, overrides, shown in HEADLINES:
            pack = packs[name]
            parameters = {"collections": [DEMO_COLLECTION], **overrides}
            bound = pack.bind({k: v for k, v in parameters.items() if k in pack.parameters})
            result = run_pack_result(graph, pack, bound)
            if result.error:
                raise InfoopsError(f"{name}: {result.error}")
            results.append(result)
            if shown:
                print_rows(
                    cli.out, result.rows[:shown], OutputFormat.table, pack.columns, pack.title
                )
        index = write_report(
            graph,
            report_dir,
            results=results,
            parameters={"collections": [DEMO_COLLECTION], "timezone": "Asia/Shanghai"},
        )
        cli.out.print(f"\nThe full report: {index.resolve()}", highlight=False)


demo_command.__doc__ = (demo_command.__doc__ or "") + examples("infoops demo")
