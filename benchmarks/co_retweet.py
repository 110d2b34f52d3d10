"""Co-retweet at scale, side by side with coordination-network-toolkit on the same input.

    python benchmarks/co_retweet.py                       # about 1M retweets, 3 runs
    python benchmarks/co_retweet.py --retweets 100000 --runs 3 --path incremental

Generates a collection in coordination-network-toolkit's CSV format (cached in --workdir),
turns its retweets into infoops' generic interactions CSV (same ids, same whole-second times:
the same input, row for row), loads that into an EMPTIED managed database (--path bulk, the
default, or incremental), then times, with the same window and minimum weight:
- infoops: the co-retweet investigation;
- the toolkit: `preprocess` into its SQLite store, and `compute co_retweet` (2 threads).
Checks that the two edge lists are identical, and prints the medians and time ratios.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from coordination_network_toolkit.compute_networks import compute_co_retweet_parallel
from coordination_network_toolkit.graph import get_edge_rows
from coordination_network_toolkit.preprocess import preprocess_csv_files
from scale import empty_database, timed_load

from infoops.connection import Graph
from infoops.paths import cache_dir
from infoops.queries import investigation
from infoops.sample.generator import GeneratorConfig, generate
from infoops.server.managed import ManagedServer

# Retweets are about 45% of a generated collection's interactions.
RETWEET_SHARE = 0.45
Edges = dict[tuple[str, str], int]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--retweets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time-window", type=int, default=60)
    parser.add_argument("--min-edge-weight", type=int, default=2)
    parser.add_argument("--path", choices=("bulk", "incremental"), default="bulk")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=cache_dir() / "benchmarks")
    return parser.parse_args()


def toolkit_input(retweets: int, seed: int, workdir: Path) -> Path:
    folder = workdir / f"co-retweet-{retweets}-{seed}"
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        config = GeneratorConfig.for_interactions(round(retweets / RETWEET_SHARE), seed=seed)
        generate(config.with_formats(("cnt",)), folder)
        print(f"generated {folder} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return folder / "cnt.csv"


def as_generic_retweets(cnt_csv: Path, target: Path) -> int:
    """The toolkit's retweet rows as infoops generic interactions; how many."""
    count = 0
    with open(cnt_csv, encoding="utf-8", newline="") as source, open(
        target, "w", encoding="utf-8", newline=""
    ) as sink:
        rows = csv.writer(sink, lineterminator="\n")
        rows.writerow(("platform", "source", "target", "type", "post_id", "time", "interaction_id"))
        for row in csv.DictReader(source):
            if not row["repost_id"]:
                continue
            at = datetime.fromtimestamp(int(row["timestamp"]), UTC).isoformat()
            rows.writerow(("twitter", row["user_id"], "", "retweet", row["repost_id"], at,
                           row["message_id"]))  # fmt: skip
            count += 1
    return count


def infoops_edges(time_window: int, min_edge_weight: int) -> tuple[float, Edges]:
    pack = investigation("co-retweet")
    parameters = pack.bind({"time_window": time_window, "min_edge_weight": min_edge_weight})
    with Graph.connect() as graph:
        started = time.perf_counter()
        rows = graph.run_pack(pack, parameters)
        seconds = time.perf_counter() - started
    return seconds, {(r["account_a_id"], r["account_b_id"]): r["weight"] for r in rows}


def toolkit_edges(
    cnt_csv: Path, time_window: int, min_edge_weight: int
) -> tuple[float, float, Edges]:
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "cnt.db")
        started = time.perf_counter()
        preprocess_csv_files(store, [str(cnt_csv)])
        preprocessed = time.perf_counter()
        compute_co_retweet_parallel(store, time_window, n_threads=2,
                                    min_edge_weight=min_edge_weight)  # fmt: skip
        computed = time.perf_counter()
        edges = {(a, b): weight for a, b, weight, _ in get_edge_rows(store, "co_retweet")}
    return preprocessed - started, computed - preprocessed, edges


def difference(ours: Edges, theirs: Edges) -> str:
    missing, extra = theirs.keys() - ours.keys(), ours.keys() - theirs.keys()
    weights = sum(ours[key] != theirs[key] for key in ours.keys() & theirs.keys())
    return f"edge lists differ: {len(missing)} missing, {len(extra)} extra, {weights} weights"


def main() -> None:
    args = arguments()
    cnt_csv = toolkit_input(args.retweets, args.seed, args.workdir)
    generic = cnt_csv.with_name("retweets-generic.csv")
    retweets = as_generic_retweets(cnt_csv, generic)
    empty_database(ManagedServer())
    load_seconds, _ = timed_load([generic], "co-retweet", bulk=args.path == "bulk")
    ours: list[float] = []
    theirs_preprocess: list[float] = []
    theirs_compute: list[float] = []
    for run in range(args.runs):
        seconds, our_edges = infoops_edges(args.time_window, args.min_edge_weight)
        ours.append(seconds)
        preprocess, compute, their_edges = toolkit_edges(
            cnt_csv, args.time_window, args.min_edge_weight
        )
        theirs_preprocess.append(preprocess)
        theirs_compute.append(compute)
        same = our_edges == their_edges
        print(f"run {run + 1}: infoops {seconds:.1f} s, toolkit {preprocess:.1f} + {compute:.1f} s,"
              f" {len(our_edges):,} edges, identical: {same}", file=sys.stderr)  # fmt: skip
        if not same:
            raise SystemExit(difference(our_edges, their_edges))
    ours_median = statistics.median(ours)
    preprocess_median = statistics.median(theirs_preprocess)
    compute_median = statistics.median(theirs_compute)
    print(f"\nco-retweet on {retweets:,} retweets, window {args.time_window} s, min weight "
          f"{args.min_edge_weight}: {len(our_edges):,} edges, identical in both tools")  # fmt: skip
    print(f"  infoops query            {ours_median:8.1f} s (median of {args.runs})")
    print(f"  toolkit compute          {compute_median:8.1f} s   -> toolkit/infoops "
          f"{compute_median / ours_median:.1f}x")  # fmt: skip
    print(f"  toolkit preprocess       {preprocess_median:8.1f} s")
    print(f"  infoops load ({args.path:<11}) {load_seconds:8.1f} s (once)")
    total_ours, total_theirs = load_seconds + ours_median, preprocess_median + compute_median
    print(f"  end to end: infoops {total_ours:.1f} s, toolkit {total_theirs:.1f} s -> "
          f"toolkit/infoops {total_theirs / total_ours:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
