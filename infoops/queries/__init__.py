"""Query packs: ``.cypher`` files with a ``//`` header, runnable as they are in Neo4j Browser.

Header format (every line starts with ``//``)::

    // Title of the investigation
    // name: great-retweet
    // description: What it finds and how to read it.
    // parameters:
    //   min_retweets: {type: int, default: 20, description: ...}
    //   collections: {type: "list[string]", default: null}
    // columns: [screen_name, account_id, score]
    // engine: infoops.analysis.coordination:co_retweet   (optional)

``engine`` names a Python function ``(graph, parameters, limit) -> rows`` (the first ``limit``
rows, or all when it is None) that infoops runs instead of
the Cypher, for packs where Python does the same work much faster (it must return the same
rows; a test holds it to that). The Cypher stays the reference, and what Neo4j Browser runs.

The body follows: one or more Cypher statements, each ended by a ``;`` at the end of a line.
The result of the last statement is the pack's output.

The graph model and the conventions every pack follows: docs/packs.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import yaml

from infoops.errors import InfoopsError, ParameterError

QUERIES_DIR = Path(__file__).parent
PARAMETER_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TYPES = (
    "string", "int", "float", "bool", "datetime", "map", "any",
    "list[string]", "list[int]", "list[float]", "list[map]",
)


class PackError(InfoopsError):
    """A pack file whose header is malformed."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str = "string"
    default: Any = None
    description: str = ""
    required: bool = False

    def coerce(self, value: Any) -> Any:
        """Turn a CLI string (or a Python value) into this parameter's declared type."""
        if value is None:
            return None
        try:
            return _coerce(self.type, value)
        except (ValueError, TypeError) as error:
            raise ParameterError(
                f"parameter {self.name!r} must be {self.type}, got {value!r}"
            ) from error


def _coerce(kind: str, value: Any) -> Any:
    if kind == "any":
        return parse_cli_value(value) if isinstance(value, str) else value
    if kind == "datetime" and isinstance(value, date):
        return value.isoformat()
    if kind in ("string", "datetime"):
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise TypeError(kind)
        if kind == "datetime":
            check_time_text(str(value))
        return str(value)
    if kind == "int":
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise TypeError(kind)
        return int(value)
    if kind == "float":
        if isinstance(value, bool):
            raise TypeError(kind)
        return float(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1", "on"):
            return True
        if text in ("false", "no", "0", "off"):
            return False
        raise ValueError(kind)
    if kind.startswith("list["):
        item_kind = kind[5:-1]
        if isinstance(value, str):
            parsed = parse_cli_value(value)
            if isinstance(parsed, dict):
                raise TypeError(kind)
            items = (
                parsed
                if isinstance(parsed, list)
                else [part.strip() for part in value.split(",") if part.strip()]
            )
        elif isinstance(value, list | tuple | set):
            items = list(value)
        else:
            raise TypeError(kind)
        return [_coerce(item_kind, item) for item in items]
    if kind == "map":
        parsed = parse_cli_value(value) if isinstance(value, str) else value
        if not isinstance(parsed, dict):
            raise TypeError(kind)
        return parsed
    raise ValueError(f"unknown type {kind}")


# Neo4j's datetime() also takes a year or a year-month, and a named zone in brackets.
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?")
NAMED_ZONE = re.compile(r"\[[A-Za-z0-9_+\-/]+\]$")


def check_time_text(text: str) -> None:
    """Refuse, before the server does, text that Neo4j's ``datetime()`` could not parse."""
    text = NAMED_ZONE.sub("", text.strip())
    if PARTIAL_DATE.fullmatch(text):
        return
    datetime.fromisoformat(text)


def parse_cli_value(text: str) -> Any:
    """``-p key=value`` values: JSON where they parse as JSON, else the plain string."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return text


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}`` (values still strings)."""
    result: dict[str, str] = {}
    for item in assignments:
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise ParameterError(f"parameters are key=value, got {item!r}")
        result[key.strip()] = value
    return result


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    description: str
    path: Path
    statements: tuple[str, ...]
    parameters: dict[str, Parameter] = field(default_factory=dict)
    columns: tuple[str, ...] = ()
    requires_gds: bool = False
    engine: str | None = None

    @property
    def cypher(self) -> str:
        return ";\n".join(self.statements) + ";\n"

    @property
    def collected(self) -> str:
        """The last statement, wrapped to return its rows as one list of column lists
        (``internal/collected-rows.cypher``; a row is in the order of ``columns``)."""
        wrapper = internal("collected-rows").statements[0]
        columns = ", ".join(f"`{column}`" for column in self.columns)
        # The columns first: the statement may hold the other placeholder's text.
        wrapped = wrapper.replace("[column]", f"[{columns}]", 1)
        return wrapped.replace("RETURN 'the pack statement' AS column", self.statements[-1], 1)

    def used_parameters(self) -> set[str]:
        return {name for statement in self.statements for name in PARAMETER_USE.findall(statement)}

    def bind(self, given: dict[str, Any], strict: bool = True) -> dict[str, Any]:
        """Declared parameters with defaults filled in and values coerced to their types."""
        unknown = sorted(set(given) - set(self.parameters))
        if unknown and strict:
            declared = ", ".join(sorted(self.parameters)) or "none"
            raise ParameterError(
                f"{self.name}: unknown parameter(s) {', '.join(unknown)} (declared: {declared})"
            )
        bound: dict[str, Any] = {}
        for name, parameter in self.parameters.items():
            if name in given:
                bound[name] = parameter.coerce(given[name])
            elif parameter.required:
                raise ParameterError(f"{self.name}: parameter {name!r} is required")
            else:
                bound[name] = parameter.default
        return bound


def read_pack(path: Path) -> Pack:
    text = path.read_text(encoding="utf-8")
    header_lines: list[str] = []
    body_lines: list[str] = []
    in_header = True
    for line in text.splitlines():
        if in_header and line.startswith("//"):
            header_lines.append(line[2:].removeprefix(" "))
        else:
            in_header = False
            body_lines.append(line)
    if not header_lines:
        raise PackError(f"{path}: no // header")
    title = header_lines[0].strip()
    try:
        meta = yaml.safe_load("\n".join(header_lines[1:])) or {}
    except yaml.YAMLError as error:
        raise PackError(f"{path}: header is not valid YAML: {error}") from error
    if not isinstance(meta, dict) or "name" not in meta:
        raise PackError(f"{path}: header needs at least 'name:'")
    parameters: dict[str, Parameter] = {}
    for name, spec in (meta.get("parameters") or {}).items():
        spec = spec if isinstance(spec, dict) else {"type": spec}
        kind = str(spec.get("type", "string"))
        if kind not in TYPES:
            raise PackError(f"{path}: parameter {name} has unknown type {kind!r}")
        parameters[name] = Parameter(
            name=name,
            type=kind,
            default=spec.get("default"),
            description=str(spec.get("description", "")),
            required=bool(spec.get("required", False)),
        )
    columns = tuple(str(column) for column in meta.get("columns") or ())
    if bad := [column for column in columns if not COLUMN_NAME.fullmatch(column)]:
        raise PackError(f"{path}: column names must be plain identifiers, not {bad}")
    body = "\n".join(body_lines)
    statements = split_statements(body_lines)
    if not statements:
        raise PackError(f"{path}: no Cypher after the header")
    return Pack(
        name=str(meta["name"]),
        title=title,
        description=" ".join(str(meta.get("description", "")).split()),
        path=path,
        statements=statements,
        parameters=parameters,
        columns=columns,
        requires_gds=bool(meta.get("requires_gds", False)) or "gds." in body,
        engine=meta.get("engine"),
    )


def split_statements(lines: list[str]) -> tuple[str, ...]:
    """Statements end with ``;`` at the end of a line; a ``//`` comment line never ends one."""
    statements: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if not line.lstrip().startswith("//") and line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().removesuffix(";"))
            current = []
    statements.append("\n".join(current))
    return tuple(s.strip() for s in statements if strip_comments(s).strip())


def strip_comments(cypher: str) -> str:
    return "\n".join(line for line in cypher.splitlines() if not line.strip().startswith("//"))


@cache
def investigations() -> dict[str, Pack]:
    """Every investigation pack shipped in ``infoops/queries/``, by name."""
    packs = [read_pack(path) for path in sorted(QUERIES_DIR.glob("*.cypher"))]
    return {pack.name: pack for pack in packs}


@cache
def internal(name: str) -> Pack:
    """A query the library itself runs (``infoops/queries/internal/NAME.cypher``)."""
    return read_pack(QUERIES_DIR / "internal" / f"{name}.cypher")


def investigation(name: str) -> Pack:
    packs = investigations()
    if name not in packs:
        known = ", ".join(sorted(packs)) or "none"
        raise InfoopsError(f"no investigation named {name!r} (known: {known})")
    return packs[name]
