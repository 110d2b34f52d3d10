"""How infoops' cost grows with the data: loading (incremental and bulk) and every investigation
at 100k, 1M and 10M interactions.

    python benchmarks/scale.py                                   # 100k, 1M, 10M; 3 runs each
    python benchmarks/scale.py --sizes 100000 1000000 --runs 3
    python benchmarks/scale.py --sizes 10000000 --runs 1 --paths bulk

Needs the managed server (`infoops db start`): every run starts from an EMPTY database (the
server is stopped and its `neo4j` store deleted: whatever it held is lost). Collections are
generated once per size and seed into --workdir (v1.1 tweets plus the generic CSV pair, as in
benchmarks/investigations.py). Each load runs as an `infoops load` subprocess, so the peak RSS
shown is the loader's own. After the loads of a size, every investigation runs --repeat
times. Prints, per size: median seconds, interactions/s, peak RSS of the loader and of Neo4j,
store size, and the growth factor per 10x size (10 is linear); then the investigations' medians
with their growth. --json writes every figure to a file.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson
from investigations import (
    BUDGET_SECONDS,
    BUDGETS,
    LOADED_FILES,
    required_parameters,
    sample_values,
    time_pack,
)
from measure import rss_mb, server_pid, store_mb
from rich.console import Console
from rich.table import Table

from infoops.connection import Graph
from infoops.errors import ParameterError
from infoops.paths import cache_dir
from infoops.queries import investigations
from infoops.sample.generator import GeneratorConfig, generate
from infoops.server.managed import ManagedServer

LOAD_COMMAND = (sys.executable, "-c", "from infoops.cli import run; run()", "load")


@dataclass
class LoadRuns:
    size: int
    path: str
    interactions: int
    seconds: list[float] = field(default_factory=list)
    loader_rss_mb: list[float] = field(default_factory=list)
    workers_rss_mb: list[float] = field(default_factory=list)
    neo4j_rss_mb: list[float] = field(default_factory=list)
    store_mb: list[float] = field(default_factory=list)

    def median(self, name: str) -> float:
        values = getattr(self, name)
        return statistics.median(values) if values else math.nan


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--paths", nargs="+", choices=("incremental", "bulk"),
                        default=["incremental", "bulk"])  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="loads per size and path")
    parser.add_argument("--repeat", type=int, default=3, help="runs per investigation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=cache_dir() / "benchmarks")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--skip-investigations", action="store_true")
    return parser.parse_args()


def world_files(size: int, seed: int, workdir: Path) -> tuple[list[Path], int]:
    folder = workdir / f"bench-{size}-{seed}"
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        formats = ("v1", "generic")
        generate(GeneratorConfig.for_interactions(size, seed=seed, formats=formats), folder)
        print(f"generated {folder} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    truth = orjson.loads((folder / "truth.json").read_bytes())
    return [folder / name for name in LOADED_FILES], int(truth["counts"]["interactions"])


def empty_database(server: ManagedServer) -> None:
    """Stop, delete the ``neo4j`` store, start: Neo4j makes a new empty default database."""
    state = server.run_state()
    if state is None:
        raise SystemExit("start the managed server first: infoops db start")
    server.stop()
    for part in ("databases", "transactions"):
        shutil.rmtree(server.data_path / part / "neo4j", ignore_errors=True)
    server.start(state.bolt_port, state.http_port, state.heap, state.pagecache)


def timed_load(files: list[Path], collection: str, bulk: bool) -> tuple[float, float, float]:
    """Seconds and peak RSS (MB) of one `infoops load` subprocess, the Python process alone;
    and the peak of the summed RSS of its Python children (the bulk path's folding workers,
    forked: their RSS counts the pages they share with the loader too)."""
    command = [*LOAD_COMMAND, *map(str, files), "--collection", collection]
    if bulk:
        command.append("--bulk")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4's peak would include the bulk path's neo4j-admin child (a JVM); the loader's own
    # high-water mark only grows, so its last reading before exit is its peak.
    peaks: list[float] = []
    workers: list[float] = []
    watcher = threading.Thread(target=_watch_peak, args=(process.pid, peaks, workers), daemon=True)
    watcher.start()
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    watcher.join()
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return seconds, max(peaks, default=math.nan), max(workers, default=0.0)


def _watch_peak(pid: int, peaks: list[float], workers: list[float]) -> None:
    while (peak := rss_mb(pid, "VmHWM")) is not None:
        peaks.append(peak)
        workers.append(sum(rss_mb(child) or 0.0 for child in _python_children(pid)))
        time.sleep(0.2)


def _python_children(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(c) for c in children if "java" not in Path(f"/proc/{c}/comm").read_text()]
    except OSError:
        return []


def measure_loads(size: int, files: list[Path], interactions: int, path: str, runs: int,
                  server: ManagedServer) -> LoadRuns:  # fmt: skip
    result = LoadRuns(size=size, path=path, interactions=interactions)
    for run in range(runs):
        empty_database(server)
        seconds, loader_rss, workers_rss = timed_load(files, f"bench-{size}", bulk=path == "bulk")
        pid = server_pid()
        result.seconds.append(seconds)
        result.loader_rss_mb.append(loader_rss)
        result.workers_rss_mb.append(workers_rss)
        result.neo4j_rss_mb.append(rss_mb(pid, "VmHWM") or math.nan)
        result.store_mb.append(store_mb() or math.nan)
        print(f"{size:,} {path} run {run + 1}: {seconds:.1f} s, "
              f"{interactions / seconds:,.0f} interactions/s", file=sys.stderr)  # fmt: skip
    return result


def time_investigations(size: int, repeat: int) -> dict[str, float]:
    medians: dict[str, float] = {}
    with Graph.connect() as graph:
        samples = sample_values(graph, f"bench-{size}")
        for name, pack in sorted(investigations().items()):
            try:
                median, _ = time_pack(graph, pack, repeat, required_parameters(pack, samples))
            except ParameterError:
                continue
            except Exception as error:  # a pack that fails at this size is a finding, not a crash
                print(f"{name} at {size:,}: {error}", file=sys.stderr)
                median = math.nan
            medians[name] = median
    return medians


def growth(values: dict[int, float]) -> str:
    """Cost ratio per 10x size between consecutive sizes (10 is linear)."""
    sizes = sorted(v for v in values if not math.isnan(values[v]))
    factors = []
    for small, big in itertools.pairwise(sizes):
        decades = math.log10(big / small)
        if decades > 0 and values[small] > 0:
            factors.append(f"{(values[big] / values[small]) ** (1 / decades):.1f}")
    return " / ".join(factors) or "-"


def main() -> None:
    args = arguments()
    console = Console(width=160)
    server = ManagedServer()
    loads: list[LoadRuns] = []
    packs: dict[int, dict[str, float]] = {}
    for size in sorted(args.sizes):
        files, interactions = world_files(size, args.seed, args.workdir)
        for path in args.paths:
            loads.append(measure_loads(size, files, interactions, path, args.runs, server))
        if not args.skip_investigations:
            packs[size] = time_investigations(size, args.repeat)

    table = Table(title=f"Loading (median of {args.runs}; growth: cost ratio per 10x size)")
    for column in ("interactions", "path", "seconds", "interactions/s", "loader peak RSS MB",
                   "its workers' peak RSS MB", "Neo4j peak RSS MB", "store MB",
                   "growth per 10x"):  # fmt: skip
        table.add_column(column, justify="right")
    for path in args.paths:
        runs = [r for r in loads if r.path == path]
        seconds = {r.interactions: r.median("seconds") for r in runs}
        for r in runs:
            table.add_row(
                f"{r.interactions:,}", path, f"{r.median('seconds'):.1f}",
                f"{r.interactions / r.median('seconds'):,.0f}",
                f"{r.median('loader_rss_mb'):,.0f}", f"{r.median('workers_rss_mb'):,.0f}",
                f"{r.median('neo4j_rss_mb'):,.0f}",
                f"{r.median('store_mb'):,.0f}", growth(seconds) if r is runs[-1] else "",
            )  # fmt: skip
    console.print(table)
    if packs:
        sizes = sorted(packs)
        table = Table(title=f"Investigations, median seconds of {args.repeat}")
        for column in ("investigation", *(f"{s:,}" for s in sizes), "growth per 10x", "budget"):
            table.add_column(column, justify="right")
        for name in sorted({n for medians in packs.values() for n in medians}):
            budget = BUDGETS.get(name, BUDGET_SECONDS)
            table.add_row(
                name, *(f"{packs[s].get(name, math.nan):.2f}" for s in sizes),
                growth({s: packs[s].get(name, math.nan) for s in sizes}),
                "-" if budget is None else f"{budget:g} s at 1M",
            )  # fmt: skip
        console.print(table)
    if args.json:
        figures = {"loads": [asdict(r) for r in loads], "investigations": packs}
        args.json.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2 |
                                           orjson.OPT_NON_STR_KEYS))  # fmt: skip


if __name__ == "__main__":
    main()
