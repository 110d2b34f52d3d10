"""Time the managed server's start and stop: what every `infoops db start`, bulk load, backup
and restore pays.

    python benchmarks/server.py              # 5 start/stop cycles
    python benchmarks/server.py --cycles 3

Each cycle starts a throw-away managed server (its own home, free ports, the cached
distribution and class-data archive), runs one query, and stops it. Prints the median and
range of the start (until Bolt answers) and of the stop (until the process has exited after
a clean shutdown), and whether each stop left a clean store: the next start must not need
recovery.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from infoops.connection import Graph, Settings
from infoops.server import USERNAME, ManagedServer
from infoops.server.managed import free_port

RECOVERY = "Recovery required"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=5, help="start/stop cycles; medians count")
    return parser.parse_args(argv)


def recoveries(server: ManagedServer) -> int:
    log = server.logs_dir / "debug.log"
    return log.read_text(errors="replace").count(RECOVERY) if log.is_file() else 0


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    starts: list[float] = []
    stops: list[float] = []
    with tempfile.TemporaryDirectory(prefix="infoops-server-bench-") as folder:
        server = ManagedServer(home=Path(folder))
        for cycle in range(args.cycles):
            started = time.perf_counter()
            state = server.start(free_port(), free_port(), heap="1g", pagecache="256m")
            starts.append(time.perf_counter() - started)
            settings = Settings(f"neo4j://127.0.0.1:{state.bolt_port}", USERNAME,
                                server.password(), managed=True)  # fmt: skip
            with Graph(settings) as graph:
                graph.query("RETURN 1 AS one")
            # A stop right after a start races Neo4j's own start-up (the web server comes
            # after Bolt), which ends uncleanly; a user stops a server that has been up.
            time.sleep(3)
            stopping = time.perf_counter()
            server.stop()
            stops.append(time.perf_counter() - stopping)
            print(f"cycle {cycle + 1}: start {starts[-1]:.2f} s, stop {stops[-1]:.2f} s",
                  file=sys.stderr)  # fmt: skip
        unclean = recoveries(server)
    print(f"{'':<8}{'median s':>10}{'min s':>8}{'max s':>8}")
    for name, seconds in (("start", starts), ("stop", stops)):
        print(f"{name:<8}{statistics.median(seconds):>10.2f}{min(seconds):>8.2f}"
              f"{max(seconds):>8.2f}")  # fmt: skip
    print(f"starts that needed recovery after a stop: {unclean}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
