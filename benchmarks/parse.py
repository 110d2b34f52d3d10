"""Parser throughput: how fast each input format turns a generated collection into records.

    python benchmarks/parse.py --interactions 100000 --runs 3

No Neo4j needed. Generates a collection in every format the generator writes (v1.1 JSON
lines, twarc2, generic CSV, Information Operations CSV, coordination-network-toolkit CSV),
then times ``infoops.loader.formats.parse`` over each file, iterating every ``ParsedLine``.
Prints, per file, the median seconds over the runs (wall clock, and CPU time of this process,
steadier on a shared machine) and the records (and lines) per second of wall-clock time.
``--keep DIR`` generates into DIR (reused when it already holds a collection); to compare two
versions on the same files, run each with ``--keep`` on one DIR, e.g. the older one as
``PYTHONPATH=/path/to/old/checkout python benchmarks/parse.py --keep DIR``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from infoops.loader.formats import FormatError, parse, sniff
from infoops.sample.config import FORMAT_FILES
from infoops.sample.generator import GeneratorConfig, generate

try:
    from infoops.loader.formats.reading import clear_caches
except ImportError:  # an older infoops, without caches: measure it all the same
    clear_caches = None


def parse_once(path: Path) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, parsed lines and records of one pass over ``path``."""
    lines = records = 0
    if clear_caches is not None:  # every run starts cold, as the first load of a file would
        clear_caches()
    began, began_cpu = time.perf_counter(), time.process_time()
    for parsed in parse(path):
        lines += 1
        records += len(parsed.records)
    return time.perf_counter() - began, time.process_time() - began_cpu, lines, records


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--interactions", type=int, default=100_000)
    arguments.add_argument("--runs", type=int, default=3)
    arguments.add_argument("--seed", type=int, default=7)
    arguments.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    options = arguments.parse_args()
    console = Console(width=max(Console().width, 110))
    world = options.keep or Path(tempfile.mkdtemp(prefix="infoops-parse-bench-")) / "world"
    if not (world / "truth.json").exists():
        config = GeneratorConfig.for_interactions(
            options.interactions, seed=options.seed
        ).with_formats(tuple(FORMAT_FILES))
        began = time.perf_counter()
        generate(config, world)
        console.print(f"generated {world} in {time.perf_counter() - began:.1f}s")

    files = [world / name for names in FORMAT_FILES.values() for name in names]
    table = Table(title=f"Parsing {world} (median of {options.runs} runs)")
    columns = ("file", "format", "median s", "cpu s", "lines", "records", "records/s", "lines/s")
    for column in columns:
        table.add_column(column, justify="left" if column in ("file", "format") else "right")
    total = total_cpu = 0.0
    for path in files:
        try:
            fmt = sniff(path)
        except FormatError:  # cnt.csv is coordination-network-toolkit's input, not ours
            table.add_row(path.name, "(none)", "", "", "", "", "", "no infoops format")
            continue
        wall, cpu = [], []
        for _ in range(options.runs):
            elapsed, elapsed_cpu, lines, records = parse_once(path)
            wall.append(elapsed)
            cpu.append(elapsed_cpu)
        median, median_cpu = statistics.median(wall), statistics.median(cpu)
        total += median
        total_cpu += median_cpu
        table.add_row(
            path.name, fmt, f"{median:.2f}", f"{median_cpu:.2f}", f"{lines:,}", f"{records:,}",
            f"{records / median:,.0f}", f"{lines / median:,.0f}",
        )  # fmt: skip
    table.add_row("all files", "", f"{total:.2f}", f"{total_cpu:.2f}", "", "", "", "")
    console.print(table)


if __name__ == "__main__":
    main()
