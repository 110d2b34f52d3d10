"""What every parser shares: streaming bytes, lines, JSON values and CSV rows out of a file,
and turning the loose values of real exports into the typed fields of ``records``.

Reading:
- Plain or gzip files (gzip is recognised by its magic bytes, not by the name; concatenated
  gzip members are read as one stream). Memory stays bounded whatever the file size.
- A UTF-8 byte order mark at the start is dropped. Lines end in ``\\n``, ``\\r\\n`` or a lone
  ``\\r``, mixed freely; line numbers are 1-based physical lines.
- A line that is not valid UTF-8 becomes a ``Reject`` ("invalid UTF-8 at byte N of the line",
  N 1-based) and reading goes on.
- A cut-off input (truncated gzip, corrupt gzip, JSON array without its end) ends in a
  ``Reject`` for the incomplete last line, never a traceback.
- A JSON file is JSON lines, or one (or several concatenated) JSON arrays streamed element
  by element; an element's line is the physical line where it starts.
- CSV rows report the physical line where the row starts (a quoted field may span lines).
  The delimiter is the most frequent of ``,`` ``;`` and tab in the header line.

Values: ``parse_time``, ``parse_int``, ``parse_bool``, ``parse_id`` and friends raise
``FieldError`` (a ``ValueError``) with the field's name; a parser turns that into a reject of
the whole line, so a record is never loaded with a silently dropped or guessed field.
"""

from __future__ import annotations

import ast
import csv
import functools
import io
import re
import reprlib
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self, TypeVar

import orjson

from infoops.errors import InputError
from infoops.loader.records import (
    AccountRecord,
    AccountRef,
    LikeRecord,
    ParsedLine,
    PostKind,
    PostRecord,
    Record,
    Reject,
)

TWITTER = "twitter"
GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
READ_SIZE = 1 << 20
# How much of a file sniffing may look at before it gives up on recognising it.
SNIFF_VALUES = 100
SNIFF_LINES = 1000


class FormatError(InputError, ValueError):
    """A file is of no known format, or not of the format that was asked for.

    An ``InputError`` so the CLI reports it in one line, and a ``ValueError`` for callers that
    treat bad input as a bad value.
    """

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class FieldError(ValueError):
    """One value of a record is unusable; the line it came from is rejected with this text."""


# --------------------------------------------------------------------------- bytes


class _GzipRaw(io.RawIOBase):
    """Decompresses gzip into a ``BufferedReader``; a damaged stream ends as a clean EOF with
    ``problem`` set, so the lines decoded before the damage are all still delivered."""

    def __init__(self, compressed: BinaryIO) -> None:
        self._compressed = compressed
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._compressed.close()
        super().close()

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        wanted = len(buffer)
        while self.problem is None:
            try:
                data = self._inflate(wanted)
            except zlib.error as error:
                self.problem = f"gzip data corrupt ({error})"
                return 0
            if data is None:
                return 0
            if data:
                buffer[: len(data)] = data
                return len(data)
        return 0

    def _inflate(self, wanted: int) -> bytes | None:
        """Up to ``wanted`` bytes of output; ``b""`` to be called again; None at the end."""
        inflater = self._inflater
        if inflater.unconsumed_tail:
            return inflater.decompress(inflater.unconsumed_tail, wanted)
        if inflater.eof:
            return self._next_member(wanted)
        compressed = self._compressed.read(READ_SIZE)
        if not compressed:
            self.problem = "gzip stream truncated"
            return None
        return inflater.decompress(compressed, wanted)

    def _next_member(self, wanted: int) -> bytes | None:
        leftover = self._inflater.unused_data
        if len(leftover) < len(GZIP_MAGIC):
            leftover += self._compressed.read(READ_SIZE)
        if not leftover:
            return None
        if not leftover.startswith(GZIP_MAGIC):
            self.problem = "unexpected data after the end of the gzip stream"
            return None
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return self._inflater.decompress(leftover, wanted)


class _Closing:
    """``with`` support for the readers below: leaving the block closes the file."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


# Inputs being read, by path, so a progress bar can ask how far into the file we are.
_OPEN_INPUTS: dict[Path, ByteInput] = {}


def bytes_read(path: Path) -> int | None:
    """How many bytes of the (possibly compressed) file at ``path`` have been read so far."""
    source = _OPEN_INPUTS.get(path)
    return source.raw_position() if source is not None else None


class ByteInput(_Closing):
    """A file's content as a buffered binary stream, decompressed when it is gzip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        raw_file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._raw_file = raw_file
        _OPEN_INPUTS[path] = self
        magic = raw_file.read(len(GZIP_MAGIC))
        raw_file.seek(0)
        self._gzip = _GzipRaw(raw_file) if magic == GZIP_MAGIC else None
        self.stream = io.BufferedReader(self._gzip or raw_file, READ_SIZE)

    @property
    def problem(self) -> str | None:
        """Why the content ended early, once the stream has been read to its end."""
        return self._gzip.problem if self._gzip else None

    def raw_position(self) -> int:
        """Bytes of the file on disk read so far (compressed bytes for gzip)."""
        try:
            return self._raw_file.tell()
        except (OSError, ValueError):  # closed meanwhile
            return 0

    def close(self) -> None:
        if _OPEN_INPUTS.get(self.path) is self:
            del _OPEN_INPUTS[self.path]
        self.stream.close()


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class RawLine:
    """One physical line as bytes, without its terminator.

    ``problem`` is set on the last line when the input was cut off (the line may be
    incomplete); a cut-off input whose last line was complete gets an empty extra line that
    carries only the problem.
    """

    number: int
    data: bytes
    terminator: bytes = b"\n"
    problem: str | None = None


def _split_lone_carriage_returns(data: bytes, terminator: bytes) -> list[tuple[bytes, bytes]]:
    pieces = data.split(b"\r")
    return [(piece, b"\r") for piece in pieces[:-1]] + [(pieces[-1], terminator)]


def iter_raw_lines(source: ByteInput) -> Iterator[RawLine]:
    """Physical lines of ``source`` from its start; the BOM is dropped."""
    number = 0
    terminator = b"\n"
    for chunk in source.stream:
        if number == 0:
            chunk = chunk.removeprefix(UTF8_BOM)
        if chunk.endswith(b"\r\n"):
            body, terminator = chunk[:-2], b"\r\n"
        elif chunk.endswith(b"\n"):
            body, terminator = chunk[:-1], b"\n"
        else:
            body, terminator = chunk, b""
        if b"\r" in body:
            for data, ending in _split_lone_carriage_returns(body, terminator):
                number += 1
                yield RawLine(number, data, ending, None if ending else source.problem)
        else:  # the usual case, without building the list of pieces
            number += 1
            yield RawLine(number, body, terminator, None if terminator else source.problem)
    # A damaged stream that broke right after a line end must still be told.
    if source.problem and terminator:
        yield RawLine(number + 1, b"", b"", source.problem)


def utf8_problem(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"invalid UTF-8 at byte {error.start + 1} of the line"
    return None


def cut_off_reason(raw: RawLine) -> str:
    if raw.data:
        return f"{raw.problem}: the line is incomplete"
    if raw.number == 1:
        return f"{raw.problem} before the first line ended"
    return f"{raw.problem} after line {raw.number - 1}"


# --------------------------------------------------------------------------- JSON


@dataclass(slots=True)
class JsonValue:
    line: int
    value: object


def _json_reject_reason(data: bytes, error: orjson.JSONDecodeError) -> str:
    return utf8_problem(data) or f"invalid JSON ({error})"


# Skips everything inside a JSON value that cannot change nesting: plain bytes and whole
# strings (possessive, so an unterminated string fails fast instead of backtracking).
_SKIP_NESTED = re.compile(rb'(?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+")*+', re.DOTALL)
# At the top level of an array a comma also ends a (scalar) element.
_SKIP_TOP = re.compile(rb'(?:[^"\[\]{},]++|"(?:[^"\\]++|\\.)*+")*+', re.DOTALL)
_NON_SPACE = re.compile(rb"[^ \t\r\n]")
# A physical line ends in \n, \r\n or a lone \r, as in ``iter_raw_lines``.
_LINE_END = re.compile(rb"\r\n?|\n")


class _ArrayScanner:
    """Cuts a stream holding JSON arrays into the byte spans of their elements.

    Only brackets outside strings are looked at, so memory holds about one element at a time
    and a malformed element is rejected alone (as long as its brackets balance).
    """

    def __init__(self, path: Path, source: ByteInput) -> None:
        self.path = path
        self.source = source
        self.buffer = bytearray()
        self.line = 1  # the line number at buffer[counted]
        self.counted = 0
        self.index = 0  # 1-based element number, for messages

    def _more(self) -> bool:
        chunk = self.source.stream.read1(READ_SIZE)
        self.buffer += chunk
        return bool(chunk)

    def _line_at(self, position: int) -> int:
        self.line += len(_LINE_END.findall(self.buffer, self.counted, position))
        self.counted = position
        return self.line

    def _compact(self, position: int) -> int:
        """Forget what lies before ``position`` once it is worth the copy; the new position."""
        if position < READ_SIZE:
            return position
        self._line_at(position)
        del self.buffer[:position]
        self.counted = 0
        return 0

    def _next_significant(self, position: int) -> int | None:
        while True:
            found = _NON_SPACE.search(self.buffer, position)
            if found:
                return found.start()
            position = len(self.buffer)
            if not self._more():
                return None

    def items(self) -> Iterator[JsonValue | Reject]:
        position = 0
        in_array = False
        while True:
            start = self._next_significant(position)
            if start is None:
                if in_array:
                    yield self._cut_off(len(self.buffer), "the JSON array has no closing ]")
                return
            start = self._compact(start)
            char = self.buffer[start]
            position = start + 1
            if not in_array:
                if char != ord("["):
                    line = self._line_at(start)
                    yield Reject(str(self.path), line, "unexpected data after a JSON array")
                    return
                in_array = True
            elif char == ord("]"):
                in_array = False
            elif char != ord(","):
                end = self._element_end(start)
                if end is None:
                    yield self._cut_off(start, "the JSON array ends inside an element")
                    return
                self.index += 1
                yield self._decode(start, end)
                position = end

    def _element_end(self, start: int) -> int | None:
        depth = 0
        position = start
        while True:
            pattern = _SKIP_TOP if depth == 0 else _SKIP_NESTED
            position = pattern.match(self.buffer, position).end()  # type: ignore[union-attr]
            if position >= len(self.buffer) or self.buffer[position] == ord('"'):
                # The data ends inside a token or a string: read on, or it was cut off.
                if not self._more():
                    return None
                continue
            char = self.buffer[position]
            if char in b"{[":
                depth += 1
            elif depth == 0:  # a comma or a closing bracket ends a scalar element
                return position
            else:
                depth -= 1
                if depth == 0:
                    return position + 1
            position += 1

    def _decode(self, start: int, end: int) -> JsonValue | Reject:
        line = self._line_at(start)
        data = bytes(self.buffer[start:end])
        try:
            return JsonValue(line, orjson.loads(data))
        except orjson.JSONDecodeError as error:
            reason = f"array element {self.index}: {_json_reject_reason(data, error)}"
            return Reject(str(self.path), line, reason)

    def _cut_off(self, position: int, reason: str) -> Reject:
        problem = self.source.problem
        full = f"{problem}: {reason}" if problem else f"{reason} (file cut off?)"
        return Reject(str(self.path), self._line_at(position), full)


def _starts_with_array(source: ByteInput) -> bool:
    """Whether the content opens with ``[``; drops a BOM so the scanner starts on content."""
    head = source.stream.peek(READ_SIZE)
    if head.startswith(UTF8_BOM):
        source.stream.read(len(UTF8_BOM))
        head = head[len(UTF8_BOM) :]
    return head.lstrip(b" \t\r\n").startswith(b"[")


def iter_json(path: Path) -> Iterator[JsonValue | Reject]:
    """Every JSON value of a JSON-lines or JSON-array file, streamed; blank lines skipped."""
    with ByteInput(path) as source:
        if _starts_with_array(source):
            yield from _ArrayScanner(path, source).items()
            return
        for raw in iter_raw_lines(source):
            if raw.problem:
                yield Reject(str(path), raw.number, cut_off_reason(raw))
                continue
            stripped = raw.data.strip()
            if not stripped:
                continue
            try:
                yield JsonValue(raw.number, orjson.loads(stripped))
            except orjson.JSONDecodeError as error:
                reason = _json_reject_reason(stripped, error)
                if not raw.terminator:
                    reason += "; the last line has no line end: was the file cut off?"
                yield Reject(str(path), raw.number, reason)


def parse_json_file(
    path: Path,
    convert: Callable[[object], list[Record] | None],
    metadata: Callable[[object], dict[str, object] | None] | None = None,
) -> Iterator[ParsedLine]:
    """Apply ``convert`` to every JSON value; a ``FieldError`` or a malformed structure
    rejects that value's line. ``convert`` returns None to skip a value silently."""
    for item in iter_json(path):
        if isinstance(item, Reject):
            yield ParsedLine(item.line, reject=item)
            continue
        try:
            records = convert(item.value)
            check_indexed_sizes(records or [])
        except FieldError as error:
            yield ParsedLine(item.line, reject=Reject(str(path), item.line, str(error)))
            continue
        if records is not None:
            kept = metadata(item.value) if metadata else None
            yield ParsedLine(item.line, records, None, kept)  # positional: cheaper than keywords


# --------------------------------------------------------------------------- JSON access


def as_dict(value: object, name: str) -> dict[str, object]:
    """``value`` as an object; missing or null is an empty one."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"{name}: expected an object, got {type(value).__name__}")
    return value


def as_list(value: object, name: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(f"{name}: expected a list, got {type(value).__name__}")
    return value


def dict_items(value: object, name: str) -> list[dict[str, object]]:
    """A list of objects (entities, users, tweets); a non-object item is an error."""
    if value is None or value == []:  # the usual case for entities, quickly
        return []
    return [as_dict(item, name) for item in as_list(value, name)]


def get_dict(obj: Mapping[str, object], key: str) -> dict[str, object]:
    value = obj.get(key)
    if type(value) is dict:
        return value
    return {} if value is None else as_dict(value, key)


def get_str(obj: Mapping[str, object], key: str) -> str | None:
    value = obj.get(key)
    if type(value) is str:
        return value or None
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise FieldError(f"{key}: expected text, got {type(value).__name__}")
    return value


def expanded_urls(value: object, name: str) -> list[str]:
    """The addresses of Twitter url entities: ``expanded_url``, else the t.co ``url``."""
    urls = []
    for url in dict_items(value, name):
        address = get_str(url, "expanded_url") or get_str(url, "url")
        if address:
            urls.append(address)
    return urls


@dataclass(frozen=True, slots=True)
class TwitterUserFields:
    """Where one Twitter API version keeps a user's fields."""

    screen_name: str
    metrics: str | None  # the object holding the counts; None: on the user itself
    followers: str
    following: str


V1_USER = TwitterUserFields("screen_name", None, "followers_count", "friends_count")
V2_USER = TwitterUserFields("username", "public_metrics", "followers_count", "following_count")


def twitter_account(
    user: dict[str, object], fields: TwitterUserFields, seen_at: datetime | None
) -> AccountRecord:
    """An ``AccountRecord`` from a v1.1 or v2 user object."""
    account_id = json_id(user)
    if not account_id:
        raise FieldError("user without an id")
    counts = get_dict(user, fields.metrics) if fields.metrics else user
    prefix = f"{fields.metrics}." if fields.metrics else "user."
    screen_name = get_str(user, fields.screen_name)
    display_name = get_str(user, "name")
    created_at = parse_time(user.get("created_at"), "user.created_at")
    followers = parse_int(counts.get(fields.followers), prefix + fields.followers)
    following = parse_int(counts.get(fields.following), prefix + fields.following)
    verified = parse_bool(user.get("verified"), "user.verified")
    description = get_str(user, "description")
    location = get_str(user, "location")
    # Positional: keyword arguments to a class cost a dict per call, and this runs per user.
    return AccountRecord(
        TWITTER, account_id, screen_name, display_name, created_at, followers, following,
        verified, description, location, seen_at,
    )  # fmt: skip


def json_id(obj: Mapping[str, object], key: str = "id") -> str | None:
    """An id, from ``<key>_str`` when the source gives it (v1.1), else from ``key``."""
    text_key = f"{key}_str"
    text = obj.get(text_key)
    if isinstance(text, str) and text:
        if text.isdigit() and text.isascii():
            return text  # the usual case, as parse_id reads it
        return parse_id(text, text_key)
    return parse_id(obj.get(key), key)


# --------------------------------------------------------------------------- CSV


@dataclass(slots=True)
class CsvRow:
    line: int
    fields: dict[str, str]

    def get(self, name: str, *others: str) -> str | None:
        """The first of the names that the file has, stripped; None when blank or absent."""
        value = self.fields.get(name)
        if value is None:
            return self.get(*others) if others else None
        return value.strip() or None

    def text(self, name: str, *others: str) -> str | None:
        """Like ``get`` but untouched (free text is kept byte for byte); None when blank."""
        value = self.fields.get(name)
        if value is None:
            return self.text(*others) if others else None
        return value if value.strip() else None


# The csv module refuses a field over 128 KiB, and after refusing one it goes on reading inside
# that field's quotes, so the rows that follow would be misread or lost. Take fields of any
# size a line can have (the limit is global to the csv module; raising it harms no one).
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


def _pick_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


class CsvReader(_Closing):
    """Rows of a CSV file with a header, as ``CsvRow`` or ``Reject``.

    Column names are stripped and lower-cased. A row whose field count differs from the
    header's, that holds invalid UTF-8, or that the csv module cannot read is rejected alone.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._source = ByteInput(path)
        self._lines = iter_raw_lines(self._source)
        self._consumed = 0  # physical lines handed to the csv module so far
        self._bad_lines: dict[int, str] = {}
        self.header: list[str] = []
        self.header_line = 0
        self._reader: Iterator[list[str]] | None = None
        try:
            first = self._first_text_line()
        except BaseException:
            self.close()
            raise
        if first is not None:
            self._reader = csv.reader(self._text_lines(first), delimiter=_pick_delimiter(first))
            self.header = [name.strip().lower() for name in next(self._reader, [])]
            self.header_line = self._consumed

    def _first_text_line(self) -> str | None:
        for raw in self._lines:
            self._consumed = raw.number
            if raw.problem and not raw.data:
                self._bad_lines[raw.number] = cut_off_reason(raw)
            if not raw.data.strip():
                continue
            try:
                text = raw.data.decode("utf-8")
            except UnicodeDecodeError as error:
                reason = f"invalid UTF-8 in the header at byte {error.start + 1}"
                raise FormatError(self.path, reason, raw.number) from None
            return text + raw.terminator.decode()
        return None

    def _text_lines(self, first: str) -> Iterator[str]:
        yield first
        for raw in self._lines:
            self._consumed = raw.number
            data = raw.data + raw.terminator
            problem = cut_off_reason(raw) if raw.problem else None
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                problem = problem or utf8_problem(raw.data)
                # surrogateescape keeps the csv module going; the row is rejected afterwards.
                text = data.decode("utf-8", "surrogateescape")
            if problem:
                self._bad_lines[raw.number] = problem
            yield text

    def __iter__(self) -> Iterator[CsvRow | Reject]:
        if self._reader is None:
            yield from self._leftover_problems()
            return
        width = len(self.header)
        while True:
            start = self._consumed + 1
            try:
                values = next(self._reader)
            except StopIteration:
                break
            except csv.Error as error:
                self._take_problem(start, self._consumed)
                yield Reject(str(self.path), start, f"unreadable CSV ({error})")
                continue
            problem = self._take_problem(start, self._consumed) if self._bad_lines else None
            if problem:
                yield Reject(str(self.path), start, problem)
            elif not any(map(str.strip, values)):
                continue
            elif len(values) != width:
                reason = f"row has {len(values)} fields, the header has {width}"
                yield Reject(str(self.path), start, reason)
            else:
                # strict=False: the lengths were compared just above, and checking costs.
                yield CsvRow(start, dict(zip(self.header, values, strict=False)))
        yield from self._leftover_problems()

    def _take_problem(self, first: int, last: int) -> str | None:
        """The first problem noted on lines up to ``last``, forgetting them all."""
        if not self._bad_lines:
            return None
        found = sorted((line, why) for line, why in self._bad_lines.items() if line <= last)
        for line, _ in found:
            del self._bad_lines[line]
        if not found:
            return None
        line, reason = found[0]
        return reason if line <= first else f"{reason} (line {line})"

    def _leftover_problems(self) -> Iterator[Reject]:
        for line, reason in sorted(self._bad_lines.items()):
            yield Reject(str(self.path), line, reason)
        self._bad_lines.clear()

    def close(self) -> None:
        self._source.close()


def read_csv_header(path: Path) -> list[str]:
    with CsvReader(path) as reader:
        return reader.header


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """One kind of CSV file within a format, known by its columns.

    A ``required`` entry may list alternatives as ``"a|b"`` (a column under either name).
    """

    name: str
    required: tuple[str, ...]
    convert: Callable[[CsvRow], list[Record]]

    def missing(self, columns: Iterable[str]) -> list[str]:
        present = set(columns)
        return [need for need in self.required if not present & set(need.split("|"))]

    def matches(self, columns: Iterable[str]) -> bool:
        return not self.missing(columns)


def parse_csv_file(
    path: Path, format_name: str, layouts: tuple[CsvLayout, ...]
) -> Iterator[ParsedLine]:
    """Pick the layout the header fits, then convert row by row; a ``FieldError`` rejects
    the row. A header that fits no layout is a ``FormatError``."""
    with CsvReader(path) as reader:
        layout = next((each for each in layouts if each.matches(reader.header)), None)
        if layout is None:
            if not reader.header:
                return
            expected = "; or ".join(
                f"{each.name}: {', '.join(each.missing(reader.header))}" for each in layouts
            )
            raise FormatError(
                path,
                f"not a {format_name} file: missing column(s) ({expected})",
                reader.header_line,
            )
        for item in reader:
            if isinstance(item, Reject):
                yield ParsedLine(item.line, reject=item)
                continue
            try:
                records = layout.convert(item)
                check_indexed_sizes(records)
            except FieldError as error:
                yield ParsedLine(item.line, reject=Reject(str(path), item.line, str(error)))
                continue
            yield ParsedLine(item.line, records)


# --------------------------------------------------------------------------- values

# Neo4j indexes ids, platforms, names, hashtags and urls, and refuses a value of more than
# about 8 KB (failing the whole batch): a record with a longer one is rejected, naming it.
MAX_INDEXED_BYTES = 4000


def check_indexed_sizes(records: list[Record]) -> None:
    for record in records:
        for name, value in _indexed_values(record):
            if value and len(value) * 4 > MAX_INDEXED_BYTES:
                size = len(value.encode())
                if size > MAX_INDEXED_BYTES:
                    raise FieldError(
                        f"{name}: {size} bytes, more than an indexed value may have "
                        f"({MAX_INDEXED_BYTES})"
                    )


def _indexed_values(record: Record) -> list[tuple[str, str | None]]:
    """The indexed values of ``record``, named, in order (a list: cheaper than a generator)."""
    refs: list[AccountRef | None] = []
    if isinstance(record, AccountRecord):
        found = [
            ("platform", record.platform),
            ("id", record.id),
            ("screen name", record.screen_name),
            ("display name", record.display_name),
        ]
    elif isinstance(record, LikeRecord):
        found = [("platform", record.platform), ("liked post id", record.post_id)]
        refs = [record.account, record.post_author]
    elif isinstance(record, PostRecord):
        found = [
            ("platform", record.platform),
            ("post id", record.id),
            ("retweeted post id", record.retweet_of),
            ("replied post id", record.reply_to),
            ("quoted post id", record.quotes),
        ]
        if record.hashtags:
            found += [("hashtag", tag) for tag in record.hashtags]
        if record.urls:
            found += [("url", url) for url in record.urls]
        refs = [record.author, record.retweet_of_author, record.reply_to_author]
        refs += [record.quotes_author, *record.mentions]
    else:
        return []
    for ref in refs:
        if ref is not None:
            found += (("account id", ref.id), ("screen name", ref.screen_name))
    return found


_BLANKS = frozenset({"", "none", "null", "nan", "n/a", "absent"})
# Values of text that repeat from line to line (times, counts, client names) are parsed once
# while they are recent: each cache keeps at most 16,384 results of texts of at most this many
# characters (a few MB), as a hostile file may hold megabytes where a time belongs.
_CACHED_TEXT_SIZE = 200
_CACHE_CLEARERS: list[Callable[[], None]] = []
_Function = TypeVar("_Function", bound=Callable[..., object])


def _recent(function: _Function) -> _Function:
    """``function`` (pure) with its results kept for the last 16,384 arguments; errors are not
    kept."""
    cached = functools.lru_cache(maxsize=1 << 14)(function)
    _CACHE_CLEARERS.append(cached.cache_clear)
    return cached  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every cached value (a benchmark starts each run cold with it)."""
    for clear in _CACHE_CLEARERS:
        clear()


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 3, 60, 60


def shown(value: object) -> str:
    """A value for a message, bounded in length and depth: a hostile file may hold megabytes,
    or 10,000 nested lists, where a number belongs (``repr`` would overflow the stack)."""
    return _SHOWN.repr(value)


def text_items(values: list[object], name: str) -> list[str]:
    """The items of a list of hashtags or urls as text; blank ones are left out, and a nested
    list or object is an error, not a hashtag."""
    items = []
    for value in values:
        if isinstance(value, list | dict):
            raise FieldError(f"{name}: expected text items, got a {type(value).__name__}")
        if value is not None and value != "":
            items.append(str(value))
    return items


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _BLANKS)


def parse_int(value: object, name: str) -> int | None:
    """A count: an int, or a float or text holding a whole number ("12", "12.0")."""
    if type(value) is int:  # the usual case first
        return value
    if isinstance(value, str):
        if len(value) > _CACHED_TEXT_SIZE:
            return _parse_int_text(value, name)
        if value.isdigit() and value.isascii():
            return int(value)  # plain digits, as _parse_int_text reads them
        return _recent_int_text(value, name)
    if value is None:
        return None
    if isinstance(value, bool):
        raise FieldError(f"{name}: expected a number, got {shown(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise FieldError(f"{name}: not a whole number: {shown(value)}")
    raise FieldError(f"{name}: expected a number, got {type(value).__name__}")


def _parse_int_text(value: str, name: str) -> int | None:
    if is_blank(value):
        return None
    text = value.strip().replace("_", "x")  # int() would accept "1_000"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise FieldError(f"{name}: not a number: {shown(value)}") from None
    if number.is_integer():
        return int(number)
    raise FieldError(f"{name}: not a whole number: {shown(value)}")


_recent_int_text = _recent(_parse_int_text)

_TRUE = frozenset({"true", "t", "yes", "y", "1", "1.0"})
_FALSE = frozenset({"false", "f", "no", "n", "0", "0.0"})
_USUAL_BOOLS = {"true": True, "false": False, "True": True, "False": False, "1": True, "0": False}


def parse_bool(value: object, name: str) -> bool | None:
    if value is None or value is True or value is False:
        return value
    if type(value) is str and value in _USUAL_BOOLS:
        return _USUAL_BOOLS[value]
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise FieldError(f"{name}: not a true/false value: {shown(value)}")


_DIGITS_WITH_ZERO_FRACTION = re.compile(r"(\d+)\.0*")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")


def parse_id(value: object, name: str) -> str | None:
    """An id as exact text. Hashed (non-numeric) ids are kept as they are; a float id or
    one in scientific notation has lost digits and is refused."""
    if type(value) is str and value.isdigit() and value.isascii():
        return value  # the usual cases first, as below
    if type(value) is int:
        return str(value)
    if value is None:
        return None
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{name}: expected an id, got {shown(value)}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise FieldError(f"{name}: id {shown(value)} is a float and may have lost digits")
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            return text
        if _SCIENTIFIC.fullmatch(text):
            raise FieldError(f"{name}: id {shown(text)} is in scientific notation (digits lost)")
        whole = _DIGITS_WITH_ZERO_FRACTION.fullmatch(text)
        return whole.group(1) if whole else text
    raise FieldError(f"{name}: expected an id, got {type(value).__name__}")


def account_ref(
    platform: str, account_id: str | None, screen_name: str | None
) -> AccountRef | None:
    """A reference when there is anything to refer by; a leading ``@`` is not part of a name."""
    name = screen_name.strip().removeprefix("@") if screen_name else None
    if not account_id and not name:
        return None
    return AccountRef(platform, account_id or None, name or None)


def normalize_hashtag(tag: str) -> str | None:
    name = tag.strip().lstrip("#").lower()
    return name or None


def hashtags_of(tags: Iterable[str]) -> list[str]:
    names: dict[str, None] = {}
    for tag in tags:
        name = normalize_hashtag(tag)
        if name:
            names[name] = None
    return list(names)


_HTML_TAG = re.compile(r"<[^>]*>")


def plain_source(source: str | None) -> str | None:
    """v1.1 gives the client as an HTML link; keep its text ("Twitter Web App")."""
    if not source:
        return None
    if len(source) <= _CACHED_TEXT_SIZE:
        return _recent_client_name(source)
    return _client_name(source)


def _client_name(source: str) -> str | None:
    return _HTML_TAG.sub("", source).strip() or None


_recent_client_name = _recent(_client_name)


def post_kind(
    retweet_of: str | None,
    reply_to: str | None,
    reply_to_author: AccountRef | None,
    quotes: str | None,
) -> PostKind:
    """One kind per post: a retweet is a retweet; a reply that also quotes counts as a reply
    (its quote link is kept all the same)."""
    if retweet_of:
        return "retweet"
    if reply_to or reply_to_author:
        return "reply"
    if quotes:
        return "quote"
    return "post"


_MAX_LIST_LITERAL = 200_000
# A list of plain quoted texts and whole numbers, as the IO and Twint CSVs write them, is read
# without the Python parser (much slower); its items are the ones ``ast.literal_eval`` gives.
_PLAIN_ITEM = (
    r"""'[^'\\\r\n\x00\ud800-\udfff]*'|"[^"\\\r\n\x00\ud800-\udfff]*"|0|[1-9][0-9]{0,99}"""
)
_PLAIN_LIST = re.compile(rf"\[ *(?:(?:{_PLAIN_ITEM}) *(?:, *(?:{_PLAIN_ITEM}) *)*)?\]")
_PLAIN_ITEMS = re.compile(r"""'([^']*)'|"([^"]*)"|([0-9]+)""")


def parse_list_literal(value: object, name: str) -> list[object]:
    """A list written as Python/JSON text (``['a', 'b']``, ``[123, 456]``, ``[]``), or an
    actual list. Unquoted items (``[a, b]``) are split on commas."""
    if is_blank(value):
        return []
    if isinstance(value, list):
        return value
    if not isinstance(value, str):
        raise FieldError(f"{name}: expected a list, got {type(value).__name__}")
    text = value.strip()
    if not (text.startswith("[") and text.endswith("]")):
        raise FieldError(f"{name}: expected a bracketed list, got {_excerpt(text)}")
    if len(text) > _MAX_LIST_LITERAL:
        raise FieldError(f"{name}: list is too long ({len(text)} characters)")
    if _PLAIN_LIST.fullmatch(text):
        items = _PLAIN_ITEMS.findall(text)
        return [int(number) if number else single or double for single, double, number in items]
    try:
        parsed = ast.literal_eval(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError, TypeError):
        inner = text[1:-1].strip()
        return [item.strip().strip("'\"") for item in inner.split(",")] if inner else []
    if not isinstance(parsed, list | tuple):
        raise FieldError(f"{name}: expected a list, got {_excerpt(text)}")
    return list(parsed)


def _excerpt(text: str, size: int = 40) -> str:
    return repr(text if len(text) <= size else text[:size] + "…")


def synthetic_retweet_id(account_id: str, post_id: str) -> str:
    """The id of a retweet known only as "this account retweeted that post" (twarc2
    retweeted_by, Twint without ``retweet_id``): deterministic, so reloading is idempotent."""
    return f"rt:{account_id}:{post_id}"


_STATUS_URL = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w+)/status(?:es)?/(\d+)", re.IGNORECASE
)


def status_url_parts(url: str | None) -> tuple[str, str] | None:
    """``(screen name, status id)`` of a tweet's address; None for any other address."""
    found = _STATUS_URL.match(url.strip()) if url else None
    return (found.group(1), found.group(2)) if found else None


_RT_PREFIX = re.compile(r"RT @(\w{1,50}):")


def retweeted_handle(text: str | None) -> str | None:
    """The handle in a leading ``RT @handle:``."""
    if not text:
        return None
    found = _RT_PREFIX.match(text.lstrip())
    return found.group(1) if found else None


# --------------------------------------------------------------------------- times

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Unambiguous abbreviations that Twint (strftime %Z) writes; ambiguous ones like CST or IST
# are left out on purpose, and a parser falls back to a numeric offset column.
_ZONE_HOURS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
    "MET": 1, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "EST": -5, "EDT": -4, "CDT": -5,
    "MDT": -6, "MST": -7, "PDT": -7, "PST": -8, "AKST": -9, "AKDT": -8, "HST": -10,
    "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
_V1_TIME = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})"
)
_SLASHED_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DASHED_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?"
)
_EPOCH = re.compile(r"\d{9,14}(?:\.\d+)?")
# The usual ISO 8601 spellings (a subset of _DASHED_TIME), which ``datetime.fromisoformat``
# reads the same way in a tenth of the time.
_ISO_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.(?:[0-9]{3}){1,2})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?)?"
)
# The usual v1.1 spelling (a subset of _V1_TIME), read through ``fromisoformat`` as well.
_V1_USUAL_TIME = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) ([0-9]{2}) ([0-9]{2}:[0-9]{2}:[0-9]{2}) ([+-][0-9]{4}) ([0-9]{4})"
)
# Epoch values above this are milliseconds (1e11 seconds is in the year 5138).
_MILLISECONDS_FROM = 10**11


@functools.lru_cache(maxsize=256)
def _zone_offset(zone: str) -> timezone | None:
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    hours = _ZONE_HOURS.get(zone.upper())
    return None if hours is None else timezone(timedelta(hours=hours))


def _offset(zone: str | None, name: str, value: object) -> timezone:
    if not zone:
        return UTC
    try:
        offset = _zone_offset(zone)
    except ValueError:  # an offset of 24 hours or more
        offset = None
    if offset is None:
        raise FieldError(f"{name}: unknown time zone {shown(zone)} in {shown(value)}")
    return offset


def _from_epoch(number: float, name: str, value: object) -> datetime:
    seconds = number / 1000 if abs(number) >= _MILLISECONDS_FROM else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise FieldError(f"{name}: time out of range: {shown(value)}") from None


def _build(name: str, value: object, *parts: int, zone: timezone = UTC) -> datetime:
    try:
        return datetime(*parts, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]
    except ValueError:
        raise FieldError(f"{name}: not a valid time: {shown(value)}") from None


def parse_time(value: object, name: str) -> datetime | None:
    """A UTC-aware time from any of the spellings exports use.

    v1.1 ``Wed Oct 10 20:19:24 +0000 2018``; ISO 8601 with ``Z`` or an offset;
    ``YYYY-MM-DD[ HH:MM[:SS]]`` (UTC unless a zone follows, e.g. Twint's ``... 12:00:00 UTC``
    or ``+0200``); ``M/D/YYYY H:MM`` (IRA, UTC; two-digit years are 20xx); epoch seconds or
    milliseconds as numbers or digits.
    """
    if isinstance(value, str):
        if len(value) <= _CACHED_TEXT_SIZE:
            return _recent_time_text(value, name)
        return _parse_time_text(value, name)
    if value is None:
        return None
    if isinstance(value, bool):
        raise FieldError(f"{name}: expected a time, got {shown(value)}")
    if isinstance(value, int | float):
        return _from_epoch(value, name, value)
    raise FieldError(f"{name}: expected a time, got {type(value).__name__}")


def _parse_time_text(value: str, name: str) -> datetime | None:
    text = value.strip()
    if text.lower() in _BLANKS:
        return None
    if found := _V1_USUAL_TIME.fullmatch(text):
        month_name, day, clock, zone, year = found.groups()
        month = _MONTHS.get(month_name.lower(), 0)
        iso = f"{year}-{month:02d}-{day}T{clock}{zone}"
    else:
        iso = text if _ISO_TIME.fullmatch(text) else None
    if iso:
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            pass  # not a valid time: the long way below says why
        else:
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text), name, value)
    if found := _V1_TIME.fullmatch(text):
        month_name, day, hour, minute, second, zone_text, year = found.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise FieldError(f"{name}: not a valid time: {shown(value)}")
        zone = _offset(zone_text, name, value)
        return _build(
            name, value, int(year), month, int(day), int(hour), int(minute), int(second),
            zone=zone,
        )  # fmt: skip
    if found := _DASHED_TIME.fullmatch(text):
        year, month, day, hour, minute, second, fraction, zone_text = found.groups()
        micro = int((fraction or "0").ljust(6, "0"))
        zone = _offset(zone_text, name, value)
        return _build(
            name, value, int(year), int(month), int(day), int(hour or 0), int(minute or 0),
            int(second or 0), micro, zone=zone,
        )  # fmt: skip
    if found := _SLASHED_TIME.fullmatch(text):
        month, day, year, hour, minute, second = found.groups()
        number = int(year)
        number += 2000 if number < 100 else 0
        return _build(
            name, value, number, int(month), int(day), int(hour or 0), int(minute or 0),
            int(second or 0),
        )  # fmt: skip
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise FieldError(f"{name}: not a recognised time: {shown(value)}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# Times repeat: every status embeds its author's profile with its ``created_at``, a page's
# lines share ``retrieved_at``, and posts come in bursts.
_recent_time_text = _recent(_parse_time_text)
