"""``infoops browser`` and ``infoops queries export``: the Neo4j Browser round trip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import typer

from infoops.cli.common import examples, guarded, state
from infoops.errors import InfoopsError
from infoops.queries import investigations
from infoops.server import USERNAME, ManagedServer

queries_app = typer.Typer(help="The investigation packs as files.", no_args_is_help=True)


@guarded
def browser_command(ctx: typer.Context) -> None:
    """Print the Neo4j Browser address of the managed server and the user to log in as."""
    run_state = ManagedServer().run_state()
    if run_state is None:
        raise InfoopsError("the managed server is not running: `infoops db start` first")
    out = state(ctx).out
    out.print(f"http://127.0.0.1:{run_state.http_port}/browser/", highlight=False)
    out.print(
        f"connect to neo4j://127.0.0.1:{run_state.bolt_port} as {USERNAME}; "
        "password: `infoops db password`",
        highlight=False,
    )


browser_command.__doc__ = (browser_command.__doc__ or "") + examples("infoops browser")


@queries_app.command(
    "export",
    help="Write the packs as a zip that Neo4j Browser imports as favourites "
    "(Favorites → Import)." + examples("infoops queries export --output infoops-packs.zip"),
)
@guarded
def export_queries(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="The .zip to write."),
) -> None:
    packs = investigations()
    # Browser names a favourite after its first comment line (our title) and turns the
    # zip's folders into favourite folders.
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, pack in sorted(packs.items()):
            archive.writestr(f"infoops/{name}.cypher", pack.path.read_text(encoding="utf-8"))
    state(ctx).out.print(f"{len(packs)} packs written to {output}", highlight=False)
