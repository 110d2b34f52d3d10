"""Load input files into a collection: parse → batch → write → derive, with a full account.

Guarantees:
- Idempotent: loading the same files again changes nothing in the graph.
- Atomic batches: a batch is one transaction; in ``strict`` mode the first bad record stops
  the load before its batch is written, and everything committed before stays.
- Visible attempts: each load is a ``(:Load)`` node, ``running`` until it completes or fails,
  so an interrupted load shows in ``infoops collections``; re-running it completes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson

from infoops.connection import Graph
from infoops.errors import InputError
from infoops.loader.formats import FormatError, parse, sniff
from infoops.loader.records import ParsedLine, Reject
from infoops.loader.writer import (
    Batch,
    BatchTally,
    Writer,
    derive_account_edges,
    forget_measures,
    graph_counts,
    measure_collection,
    statement,
    statements,
)

# Larger batches amortise each statement's fixed cost; 20k records stay well inside a
# 1 GB heap's transaction memory.
DEFAULT_BATCH_RECORDS = 20_000
# Distinct accounts whose profiles are folded across batches before being written.
PROFILE_BUFFER = 100_000


@dataclass
class FileReport:
    path: str
    format: str
    size: int
    sha256: str
    lines: int = 0
    records: int = 0
    rejects: int = 0
    skipped: str | None = None
    # Why the file as a whole could not be read (of no known format, say): it does not count
    # as loaded, so loading it again (with --format, or once fixed) reads it.
    refused: str | None = None
    seconds: float = 0.0


@dataclass
class LoadReport:
    collection: str
    load_id: str
    files: list[FileReport] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    rejects_path: Path | None = None
    nodes_added: dict[str, int] = field(default_factory=dict)
    relationships_added: dict[str, int] = field(default_factory=dict)
    tally: BatchTally = field(default_factory=BatchTally)
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def accounts_seen_again(self) -> int:
        return self.tally.accounts_written - self.tally.accounts_created

    @property
    def posts_seen_again(self) -> int:
        return self.tally.posts_written - min(self.tally.posts_created, self.tally.posts_written)

    def summary(self) -> dict[str, object]:
        return {
            "records": self.records,
            "rejects": len(self.rejects),
            "nodes_added": self.nodes_added,
            "relationships_added": self.relationships_added,
            "accounts_seen_again": self.accounts_seen_again,
            "posts_seen_again": self.posts_seen_again,
            "seconds": round(self.seconds, 3),
        }


# (path, bytes or lines done, records done) — called often; keep it cheap.
ProgressHook = Callable[[FileReport, int, int], None]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and every file below a given folder (sorted, hidden ones skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def load(
    graph: Graph,
    paths: list[Path],
    collection: str,
    fmt: str = "auto",
    strict: bool = False,
    reload: bool = False,
    batch_records: int = DEFAULT_BATCH_RECORDS,
    rejects_dir: Path | None = None,
    on_file_start: Callable[[FileReport], None] | None = None,
    on_progress: ProgressHook | None = None,
) -> LoadReport:
    if not collection.strip():
        raise InputError("a collection needs a name")
    started = time.perf_counter()
    files = expand_paths(paths)
    writer = Writer(graph, collection, profile_buffer=PROFILE_BUFFER)
    writer.ensure_schema()
    report = LoadReport(collection=collection, load_id=uuid.uuid4().hex)
    already = (
        set()
        if reload
        else {
            row["sha256"]
            for row in graph.query(statement("loaded-files"), {"collection": collection})
        }
    )
    for path in files:
        report.files.append(
            FileReport(
                path=str(path), format=fmt, size=path.stat().st_size, sha256=file_sha256(path)
            )
        )
    nodes_before, relationships_before = graph_counts(graph)
    started_at = datetime.now(UTC)
    graph.query(
        statement("load-begin"),
        {
            "collection": collection,
            "load_id": report.load_id,
            "started_at": started_at,
            "files": [
                {"path": f.path, "size": f.size, "sha256": f.sha256, "format": f.format}
                for f in report.files
            ],
            "host": socket.gethostname(),
            "pid": os.getpid(),
        },
    )
    # What this load writes may change every collection's compare measures.
    forget_measures(graph)
    try:
        for path, file_report in zip(files, report.files, strict=True):
            if file_report.sha256 in already:
                file_report.skipped = "already loaded into this collection (use --reload)"
                continue
            if on_file_start:
                on_file_start(file_report)
            _load_file(
                lambda batch: report.tally.add(writer.write(batch)),
                path, file_report, fmt, strict, batch_records, report, on_progress,
            )  # fmt: skip
        writer.finish()
    except BaseException as error:
        # What earlier batches committed stays complete (a --strict stop, a bad file).
        with contextlib.suppress(Exception):
            writer.finish()
        report.seconds = time.perf_counter() - started
        _write_rejects(report, rejects_dir)
        # The server may be what failed; the original error matters more than this record.
        with contextlib.suppress(Exception):
            _finish(graph, report, "failed", str(error) or type(error).__name__)
        raise
    nodes_after, relationships_after = graph_counts(graph)
    report.nodes_added = _difference(nodes_before, nodes_after)
    report.relationships_added = _difference(relationships_before, relationships_after)
    report.seconds = time.perf_counter() - started
    _write_rejects(report, rejects_dir)
    posts = _finish(graph, report, "completed", None)
    # After the load is complete: what is loaded stays loaded if measuring fails.
    measure_collection(graph, collection, report.load_id, started_at, posts)
    return report


def _load_file(
    consume: Callable[[Batch], object],
    path: Path,
    file_report: FileReport,
    fmt: str,
    strict: bool,
    batch_records: int,
    report: LoadReport,
    on_progress: ProgressHook | None,
    prefetch: bool = True,
) -> None:
    """Read one file in batches into ``consume`` (the writer, or the bulk path's model),
    counting its rejects into ``report``; a bad file is one reject unless ``strict``."""
    began = time.perf_counter()
    try:
        file_report.format = sniff(path) if fmt == "auto" else fmt
        batches = _batches(path, file_report, strict, batch_records, report)
        # Parsing the next batches overlaps with Neo4j writing this one.
        for batch, line, records in prefetched(batches) if prefetch else batches:
            consume(batch)
            if on_progress:
                on_progress(file_report, line, records)
        if file_report.lines == 0 and file_report.rejects == 0:
            empty = Reject(str(path), 0, "empty file: nothing to load")
            file_report.rejects += 1
            report.rejects.append(empty)
            if strict:
                raise InputError(str(empty))
    except FormatError as error:
        if strict:
            raise
        file_report.refused = str(error)
        file_report.rejects += 1
        report.rejects.append(Reject(str(path), 0, str(error)))
    finally:
        file_report.seconds = time.perf_counter() - began


def _batches(
    path: Path, file_report: FileReport, strict: bool, batch_records: int, report: LoadReport
) -> Iterator[tuple[Batch, int, int]]:
    """Batches of the file's records, each with the line and record count it ends at."""
    lines: Iterator[ParsedLine] = parse(path, file_report.format)
    batch = Batch()
    for parsed in lines:
        file_report.lines = parsed.line
        if parsed.reject is not None:
            file_report.rejects += 1
            report.rejects.append(parsed.reject)
            if strict:
                raise InputError(f"{parsed.reject} (--strict: stopped before this batch)")
            continue
        batch.add(parsed.records)
        file_report.records += len(parsed.records)
        if batch.size >= batch_records:
            yield batch, parsed.line, file_report.records
            batch = Batch()
    if batch.size:
        yield batch, file_report.lines, file_report.records


_DONE = object()
T = TypeVar("T")


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """``items``, produced by a background thread up to ``depth`` ahead of the consumer.

    The parser's Python runs while this thread waits for Neo4j (the driver releases the GIL
    on the socket). An exception in the producer reaches the consumer after the items made
    before it; a consumer that stops early stops the producer.
    """
    handoff: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[Any, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                handoff.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer((item, None)):
                    return
            offer((_DONE, None))
        except BaseException as error:
            offer((_DONE, error))

    producer = threading.Thread(target=produce, name="infoops-parse", daemon=True)
    producer.start()
    try:
        while True:
            item, error = handoff.get()
            if item is _DONE:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                handoff.get_nowait()
        producer.join()


def _difference(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    names = sorted(set(before) | set(after))
    return {name: after.get(name, 0) - before.get(name, 0) for name in names}


def _write_rejects(report: LoadReport, rejects_dir: Path | None) -> None:
    if not report.rejects:
        return
    folder = rejects_dir or Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe_name = "".join(c if c.isalnum() or c in "-_" else "_" for c in report.collection)
    target = folder / f"rejects-{safe_name}-{stamp}-{report.load_id[:8]}.jsonl"
    with open(target, "wb") as handle:
        for reject in report.rejects:
            handle.write(orjson.dumps(asdict(reject)) + b"\n")
    report.rejects_path = target


def _finish(graph: Graph, report: LoadReport, status: str, error: str | None) -> int:
    """Record the load's end; the collection's posts now."""
    ended = graph.query(
        statement("load-end"),
        {
            "load_id": report.load_id,
            "status": status,
            "finished_at": datetime.now(UTC),
            "summary": orjson.dumps(
                {**report.summary(), "files": [asdict(f) for f in report.files]}
            ).decode(),
            "records": report.records,
            "rejects": len(report.rejects),
            "refused_sha256": sorted({f.sha256 for f in report.files if f.refused}),
            "error": error,
        },
    )
    return ended[0]["posts"] if ended else 0


def drop_collection(graph: Graph, name: str) -> None:
    """Remove what only ``name`` saw; everything also seen elsewhere stays, minus ``name``."""
    if not graph.query(statement("collections"), {"name": name}):
        raise InputError(f"no collection named {name!r}")
    forget_measures(graph)
    for cypher in statements("drop-collection"):
        graph.query(cypher, {"name": name})
    derive_account_edges(graph)
    # Again: a load may have measured its collection while this drop was deleting.
    forget_measures(graph)
