"""Time every investigation pack on a synthetic collection of N interactions.

    python benchmarks/investigations.py                    # 1,000,000 interactions
    python benchmarks/investigations.py --interactions 100000 --repeat 3
    python benchmarks/investigations.py --collection bench-10000000 --repeat 1  # as loaded

Generates the collection with the project's generator (cached in --workdir, by default in
infoops' cache folder) and loads it into the collection ``bench-<N>-<seed>`` unless a
completed load of it is already in the database. Then runs every pack --repeat times with
its default parameters (required ones get the collection, or the busiest amplifier -> poster
pair) and prints the median seconds, the rows returned and the issue's budget (2 s; 15 s for
communities; none for co-retweet and co-tweet). Runs against NEO4J_URI (and NEO4J_USERNAME /
NEO4J_PASSWORD) when set, else the managed local server (started if needed, as
`infoops db start` does). Packs run unscoped, so other collections in the database count
too (see --fresh).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from neo4j.exceptions import Neo4jError

from infoops.connection import Graph
from infoops.errors import ParameterError
from infoops.loader.load import load
from infoops.paths import cache_dir
from infoops.queries import Pack, internal, investigations
from infoops.sample.generator import GeneratorConfig, generate

LOADED_FILES = ("tweets.jsonl", "accounts.csv", "interactions.csv")
BUDGET_SECONDS = 2.0
BUDGETS = {"communities": 15.0, "co-retweet": None, "co-tweet": None}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per pack; the median counts")
    parser.add_argument(
        "--workdir", type=Path, default=cache_dir() / "benchmarks", help="generated collections"
    )
    parser.add_argument("--only", nargs="*", default=None, help="these packs only")
    parser.add_argument(
        "--collection",
        help="time the packs on this collection, already loaded (e.g. by scale.py): nothing "
        "is generated or loaded",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="empty the database before loading (destructive!)"
    )
    return parser.parse_args(argv)


def prepare(graph: Graph, interactions: int, seed: int, workdir: Path, fresh: bool) -> str:
    """Generate (once) and load (once) the benchmark collection; its name."""
    collection = f"bench-{interactions}-{seed}"
    folder = workdir / collection
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        formats = ("v1", "generic")
        generate(GeneratorConfig.for_interactions(interactions, seed=seed, formats=formats), folder)
        print(f"generated {folder} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if fresh:
        graph.query(internal("drop-gds-graphs").statements[0])
        graph.query(internal("clear-database").statements[0])
    loaded = graph.query(internal("collection-loaded").statements[0], {"name": collection})[0][
        "loaded"
    ]
    if not loaded:
        started = time.perf_counter()
        load(graph, [folder / name for name in LOADED_FILES], collection)
        print(f"loaded {collection} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return collection


def sample_values(graph: Graph, collection: str) -> dict[str, str]:
    """Values for required parameters: the collection, and the busiest amplifier -> poster."""
    rows = graph.query(internal("busiest-retweet-pair").statements[0])
    pair = rows[0] if rows else {"a": "", "b": ""}
    return {"collection": collection, "account_a": pair["a"], "account_b": pair["b"]}


def required_parameters(pack: Pack, samples: dict[str, str]) -> dict[str, str]:
    """collection_a, collection_b, ... get the collection; account_a and account_b the pair."""
    values: dict[str, str] = {}
    for name, parameter in pack.parameters.items():
        if not parameter.required:
            continue
        if name.startswith("collection"):
            values[name] = samples["collection"]
        elif name in samples:
            values[name] = samples[name]
    return values


def time_pack(graph: Graph, pack: Pack, repeat: int, given: dict[str, str]) -> tuple[float, int]:
    """Median wall-clock seconds of ``repeat`` runs, and the rows of the last run."""
    parameters = pack.bind(given)
    seconds: list[float] = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(graph.run_pack(pack, parameters))
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), rows


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    with Graph.connect() as graph:
        if args.collection:
            collection = args.collection
            loaded = graph.query(internal("collection-loaded").statements[0], {"name": collection})
            if not loaded[0]["loaded"]:
                raise SystemExit(f"no completed load of a collection named {collection!r}")
        else:
            collection = prepare(graph, args.interactions, args.seed, args.workdir, args.fresh)
        print(f"collection {collection}; median of {args.repeat} runs per pack\n")
        samples = sample_values(graph, collection)
        print(f"{'investigation':<28}{'median s':>10}{'rows':>10}{'budget s':>10}  verdict")
        for name, pack in sorted(investigations().items()):
            if args.only and name not in args.only:
                continue
            budget = BUDGETS.get(name, BUDGET_SECONDS)
            try:
                median, rows = time_pack(
                    graph, pack, args.repeat, required_parameters(pack, samples)
                )
            except ParameterError as error:
                print(f"{name:<28}{'-':>10}{'-':>10}{'':>10}  skipped: {error}")
                continue
            except Neo4jError as error:
                # e.g. the transaction memory limit: a failed pack is a finding, not the end
                shown = "-" if budget is None else f"{budget:g}"
                print(f"{name:<28}{'-':>10}{'-':>10}{shown:>10}  FAILED: {error.code}")
                continue
            verdict = "" if budget is None else ("ok" if median <= budget else "SLOW")
            shown = "-" if budget is None else f"{budget:g}"
            print(f"{name:<28}{median:>10.2f}{rows:>10}{shown:>10}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
