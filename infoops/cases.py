"""Saved investigations: a TOML case file that runs several packs and writes a report.

    result = run_case(graph, Path("examples/milesguo.toml"), Path("out"))

A case names the collections, the topics, shared parameters and the investigations to run
(see ``new_case_template()`` for the format, commented). Running it writes to the output
folder:

- ``results/<output>.csv`` and ``results/<output>.json`` for every investigation;
- ``index.html``, the report (``infoops.report.html``), which reuses these results;
- ``manifest.json``: infoops and server versions, the case file's and the collections' file
  checksums, every parameter as bound, row counts and timings — what is needed to reproduce a
  finding and check it later.

The whole case is checked (packs exist, parameters are declared and well typed, collections
are loaded) before anything runs. An investigation that fails is recorded in the manifest and
the report, and the others still run.
"""

from __future__ import annotations

import hashlib
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from infoops import __version__
from infoops.connection import Graph
from infoops.errors import InfoopsError, ParameterError
from infoops.queries import Pack, investigation, read_pack
from infoops.report.html import (
    PackResult,
    ReportWritten,
    build_report,
    report_parameter_names,
    run_pack_result,
)
from infoops.report.render import OutputFormat, render_text, to_plain

COLLECTIONS_PACK = Path(__file__).parent / "loader" / "cypher" / "collections.cypher"
OUTPUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
RESULTS_FOLDER = "results"
CASE_KEYS = {"case", "topics", "parameters", "investigation", "report"}


class CaseError(InfoopsError):
    """A case file that cannot run as written."""


@dataclass(frozen=True)
class CaseInvestigation:
    pack: Pack
    output: str
    parameters: dict[str, Any]


@dataclass(frozen=True)
class Case:
    path: Path
    title: str
    description: str
    collections: list[str]
    topics: dict[str, list[str]]
    parameters: dict[str, Any]
    investigations: list[CaseInvestigation]
    report: dict[str, Any]
    sha256: str

    def scope(self) -> dict[str, Any]:
        """What every pack gets when it declares it: the collections, topics and shared values."""
        scope: dict[str, Any] = dict(self.parameters)
        if self.collections:
            scope["collections"] = self.collections
        if self.topics:
            scope["topics"] = self.topics
        return scope

    def bind(self, item: CaseInvestigation) -> dict[str, Any]:
        shared = {k: v for k, v in self.scope().items() if k in item.pack.parameters}
        try:
            return item.pack.bind(shared | item.parameters)
        except ParameterError as error:
            raise CaseError(f"{self.path}: investigation {item.output!r}: {error}") from None


@dataclass
class CaseResult:
    case: Case
    output_dir: Path
    results: list[PackResult]
    report: Path | None
    manifest: Path
    started_at: datetime
    finished_at: datetime
    report_error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[PackResult]:
        return [result for result in self.results if not result.ok]


def read_case(path: Path) -> Case:
    """Parse and check a case file: packs exist, parameters are declared and well typed."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CaseError(f"cannot read case file {path}: {error.strerror or error}") from None
    try:
        data = plain_toml(tomllib.loads(raw.decode("utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CaseError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(data) - CASE_KEYS)
    if unknown:
        raise CaseError(
            f"{path}: unknown section(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(CASE_KEYS))})"
        )
    header = table(data, "case", path)
    collections = header.get("collections", [])
    if isinstance(collections, str):
        collections = [collections]
    if not isinstance(collections, list) or not all(isinstance(c, str) for c in collections):
        raise CaseError(f"{path}: [case] collections must be a list of names")
    topics = table(data, "topics", path)
    for name, terms in topics.items():
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) for t in terms):
            raise CaseError(f"{path}: topic {name!r} must be a non-empty list of hashtags/keywords")
    items = data.get("investigation", [])
    if not isinstance(items, list) or not items:
        raise CaseError(f"{path}: no [[investigation]] to run")
    case = Case(
        path=path,
        title=str(header.get("title") or path.stem),
        description=str(header.get("description") or ""),
        collections=collections,
        topics=topics,
        parameters=table(data, "parameters", path),
        investigations=[case_investigation(item, path) for item in items],
        report=table(data, "report", path),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    check_case(case)
    return case


def case_investigation(item: Any, path: Path) -> CaseInvestigation:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise CaseError(f"{path}: every [[investigation]] needs a name (the pack to run)")
    extra = sorted(set(item) - {"name", "output", "parameters"})
    if extra:
        raise CaseError(
            f"{path}: investigation {item['name']!r}: unknown key(s) {', '.join(extra)} "
            "(known: name, output, parameters)"
        )
    try:
        pack = investigation(item["name"])
    except InfoopsError as error:
        raise CaseError(f"{path}: {error}") from None
    output = str(item.get("output") or pack.name)
    if not OUTPUT_NAME.fullmatch(output):
        raise CaseError(f"{path}: output name {output!r}: use letters, digits, '.', '_', '-'")
    parameters = item.get("parameters", {})
    if not isinstance(parameters, dict):
        raise CaseError(f"{path}: investigation {output!r}: parameters must be a table")
    return CaseInvestigation(pack=pack, output=output, parameters=parameters)


def check_case(case: Case) -> None:
    outputs = [item.output for item in case.investigations]
    repeated = sorted({name for name in outputs if outputs.count(name) > 1})
    if repeated:
        raise CaseError(
            f"{case.path}: several investigations write {', '.join(repeated)}: "
            "give each its own `output` name"
        )
    declared = set(report_parameter_names())
    for item in case.investigations:
        declared |= set(item.pack.parameters)
        case.bind(item)
    unused = sorted(set(case.parameters) - declared)
    if unused:
        raise CaseError(
            f"{case.path}: [parameters] {', '.join(unused)}: declared by none of the case's "
            "investigations nor the report"
        )
    try:
        report_parameters(case)
    except ParameterError as error:
        raise CaseError(f"{case.path}: [report]: {error}") from None


def report_parameters(case: Case) -> dict[str, Any]:
    known = report_parameter_names()
    unknown = sorted(set(case.report) - known)
    if unknown:
        raise ParameterError(
            f"unknown option(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    return {k: v for k, v in case.scope().items() if k in known} | case.report


def table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise CaseError(f"{path}: [{name}] must be a table")
    return value


def plain_toml(value: Any) -> Any:
    """TOML dates and times become ISO strings, as the packs' datetime parameters expect."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain_toml(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_toml(v) for v in value]
    return value


def run_case(
    graph: Graph,
    case_path: Path,
    output_dir: Path,
    progress: Callable[[str], None] | None = None,
) -> CaseResult:
    """Run every investigation of the case, write the results, the report and the manifest."""
    say = progress or (lambda message: None)
    case = read_case(case_path)
    collections = loaded_collections(graph, case)
    started_at = datetime.now(UTC)
    results_dir = output_dir / RESULTS_FOLDER
    results_dir.mkdir(parents=True, exist_ok=True)
    results: list[PackResult] = []
    for item in case.investigations:
        say(f"running {item.output} ({item.pack.name}) …")
        result = run_pack_result(graph, item.pack, case.bind(item), item.output)
        if result.ok:
            for fmt in (OutputFormat.csv, OutputFormat.json):
                relative = f"{RESULTS_FOLDER}/{item.output}.{fmt.value}"
                (output_dir / relative).write_text(
                    render_text(result.rows, fmt, result.columns), encoding="utf-8"
                )
                result.files[fmt.value] = relative
        results.append(result)
    say("writing the report …")
    report_started = time.perf_counter()
    report: ReportWritten | None = None
    report_error: str | None = None
    try:
        report = build_report(
            graph,
            output_dir,
            results,
            report_parameters(case),
            title=case.title,
            description=case.description,
        )
    except InfoopsError as error:
        report_error = str(error)
    report_seconds = time.perf_counter() - report_started
    finished_at = datetime.now(UTC)
    manifest = output_dir / "manifest.json"
    content = {
        "infoops": __version__,
        "server": graph.versions(),
        "case": {
            "path": str(case.path.resolve()),
            "sha256": case.sha256,
            "title": case.title,
        },
        "started_at": started_at.isoformat(),
        "finished_at": finished_at.isoformat(),
        "seconds": round((finished_at - started_at).total_seconds(), 3),
        "collections": collections,
        "parameters": case.parameters,
        "topics": case.topics,
        "investigations": [manifest_entry(result) for result in results],
        "report": {
            "path": report.path.name if report else None,
            "parameters": report_parameters(case),
            "seconds": round(report_seconds, 3),
            "error": report_error,
            # Investigations the report ran itself, as it ran them.
            "investigations": [manifest_entry(run) for run in report.runs] if report else [],
        },
    }
    manifest.write_bytes(
        orjson.dumps(to_plain(content), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    )
    return CaseResult(
        case=case,
        output_dir=output_dir,
        results=results,
        report=report.path if report else None,
        manifest=manifest,
        started_at=started_at,
        finished_at=finished_at,
        report_error=report_error,
    )


def manifest_entry(result: PackResult) -> dict[str, Any]:
    return {
        "output": result.name,
        "investigation": result.pack,
        "parameters": result.parameters,
        "rows": len(result.rows) if result.ok else None,
        "seconds": round(result.seconds, 3),
        "files": result.files,
        "error": result.error,
    }


def loaded_collections(graph: Graph, case: Case) -> list[dict[str, Any]]:
    """The case's collections (every one when it names none) with their loads and checksums."""
    rows = graph.run_pack(read_pack(COLLECTIONS_PACK), {"name": None})
    by_name = {row["collection"]: row for row in rows}
    missing = [name for name in case.collections if name not in by_name]
    if missing:
        loaded = ", ".join(sorted(by_name)) or "none"
        raise CaseError(
            f"{case.path}: collection(s) {', '.join(missing)} not loaded (loaded: {loaded})"
        )
    names = case.collections or sorted(by_name)
    return [to_plain(by_name[name]) for name in names]


def new_case_template() -> str:
    """A commented case file to start from (``infoops case new``)."""
    return CASE_TEMPLATE


CASE_TEMPLATE = """\
# An infoops case: the collections, topics, parameters and investigations of one inquiry.
# Run it with:   infoops case run THIS_FILE.toml --output results-folder
# It writes every result as CSV and JSON, an HTML report (index.html) and manifest.json
# (versions, checksums, parameters and timings, to reproduce and check the findings).
# List the investigations and their parameters with:   infoops investigations

[case]
title = "My investigation"
description = "What this case looks at, and why."
# Collections loaded with `infoops load PATH --collection NAME`; leave out for all of them.
collections = ["my-collection"]

# Topics: a name and the hashtags (without #) or keywords that put a post in it.
# Used by the investigations that declare a `topics` parameter (cross-topic, topic-overlap).
[topics]
topic-one = ["hashtag1", "keyword one"]
topic-two = ["hashtag2", "关键词"]

# Shared parameters, given to every investigation that declares them.
[parameters]
timezone = "UTC"                 # IANA time zone of hours and weekdays, e.g. Asia/Shanghai
# since = 2020-01-01T00:00:00Z   # only activity from then on (TOML date-time, or a string)
# until = 2020-12-31T00:00:00Z   # only activity before then

# The investigations, in the order they run. `output` names the result files
# (default: the investigation's name); `parameters` are this run's own.
[[investigation]]
name = "great-retweet"

[[investigation]]
name = "communities"

[[investigation]]
name = "creation-bursts"

[[investigation]]
name = "activity-hours"
parameters = { group_by = "role" }

[[investigation]]
name = "activity-hours"
output = "activity-hours-by-community"
parameters = { group_by = "community" }

# Options of the report (optional).
[report]
top_communities = 3      # communities whose poster/amplifier stars are drawn
"""
