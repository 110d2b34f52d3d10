"""The input formats: one parser per format, each turning a file into ``ParsedLine``s.

``parse(path)`` sniffs the format from the content (never from the file name; gzip is
recognised by its magic bytes and read through) and streams the file with bounded memory.
``parse(path, "io-csv")`` forces a format, and refuses with a ``FormatError`` a file that is
plainly another one. An empty file (or one holding only whitespace) gives no lines at all:
the caller reports it as empty.

How a file is recognised (``sniff``): text starting with ``{`` or ``[`` is JSON, and the
first records that are more than stream control messages decide:

- ``twitter-v1``: a status (an object with a ``user`` object and ``id``/``id_str`` and a
  text), a search page (``statuses`` + ``search_metadata``) or a v1.1 user object;
- ``twint-json``: an object with ``tweet`` and ``username``;
- ``twarc2``: an object with ``__twarc``, ``data`` or ``includes``; a flattened tweet
  (``author_id`` + ``text``); a v2 user (``username`` + ``id``, no ``screen_name``); or a
  v2 API problem (errors with a ``title``). A bare user is only a hint (a Twint row that
  lost its ``tweet`` looks the same): it decides when no other record in the first ones does.

Anything else is CSV, recognised by its header:

- ``io-csv``: ``tweetid``, ``userid``, ``tweet_text`` (tweets) or ``userid`` and
  ``user_screen_name``/``screen_name`` (users);
- ``ira-csv``: ``author``, ``content``, ``publish_date`` and ``external_author_id`` or
  ``alt_external_id``;
- ``twint-csv``: ``id``, ``username``, ``tweet``;
- ``generic-csv``: ``platform`` + ``account_id`` (accounts.csv) or ``platform``, ``source``,
  ``target``, ``type``, ``post_id`` (interactions.csv).

A file whose first line is neither a JSON value nor a known header may be JSON lines with a
damaged first line: the JSON values on the lines that follow still decide its format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from infoops.loader.formats import generic_csv, io_csv, ira_csv, twarc2, twint, twitter_v1
from infoops.loader.formats.reading import (
    SNIFF_LINES,
    SNIFF_VALUES,
    UTF8_BOM,
    ByteInput,
    CsvLayout,
    FormatError,
    InputError,
    JsonValue,
    iter_json,
    read_csv_header,
)
from infoops.loader.records import ParsedLine

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "FormatError",
    "InputError",
    "Parser",
    "is_empty",
    "parse",
    "sniff",
]

Parser = Callable[[Path], Iterator[ParsedLine]]

FORMATS: dict[str, Parser] = {
    twitter_v1.NAME: twitter_v1.parse,
    twarc2.NAME: twarc2.parse,
    io_csv.NAME: io_csv.parse,
    twint.JSON_NAME: twint.parse_json,
    twint.CSV_NAME: twint.parse_csv,
    ira_csv.NAME: ira_csv.parse,
    generic_csv.NAME: generic_csv.parse,
}
FORMAT_NAMES: tuple[str, ...] = ("auto", *FORMATS)

# Most specific first: a v1.1 status is known by its user object, a Twint row by ``tweet``.
_JSON_FORMATS: tuple[tuple[str, Callable[[object], bool]], ...] = (
    (twitter_v1.NAME, twitter_v1.recognizes),
    (twint.JSON_NAME, twint.recognizes),
    (twarc2.NAME, twarc2.recognizes),
)
_CSV_FORMATS: tuple[tuple[str, tuple[CsvLayout, ...]], ...] = (
    (io_csv.NAME, io_csv.LAYOUTS),
    (ira_csv.NAME, ira_csv.LAYOUTS),
    (twint.CSV_NAME, twint.LAYOUTS),
    (generic_csv.NAME, generic_csv.LAYOUTS),
)
_FOREIGN_MAGIC = {
    b"\xff\xfe": "UTF-16 text: convert it to UTF-8",
    b"\xfe\xff": "UTF-16 text: convert it to UTF-8",
    b"PK\x03\x04": "a zip archive: unpack it first",
    b"BZh": "bzip2-compressed: only gzip is read, decompress it first",
    b"\xfd7zXZ\x00": "xz-compressed: only gzip is read, decompress it first",
    b"\x28\xb5\x2f\xfd": "zstd-compressed: only gzip is read, decompress it first",
}
_HEAD_SIZE = 4096
_WHITESPACE = b" \t\r\n"


def _content_head(path: Path) -> bytes | None:
    """The first bytes of content after a BOM and leading whitespace; None when empty."""
    try:
        with ByteInput(path) as source:
            at_start = True
            while chunk := source.stream.read(1 << 16):
                if at_start:
                    chunk = chunk.removeprefix(UTF8_BOM)
                    at_start = False
                content = chunk.lstrip(_WHITESPACE)
                if content:
                    return content[:_HEAD_SIZE]
            if source.problem:
                raise FormatError(path, f"{source.problem} before any content")
            return None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error


def _refuse_foreign(path: Path, head: bytes) -> None:
    for magic, what in _FOREIGN_MAGIC.items():
        if head.startswith(magic):
            raise FormatError(path, f"not a text file of a known format: {what}")
    # A stray NUL can sit in a text field; text that is mostly NULs is binary (or UTF-16).
    if head.count(b"\x00") * 20 > len(head):
        raise FormatError(path, "binary data, not a text file of a known format")


def _is_json(head: bytes) -> bool:
    return head[:1] in (b"{", b"[")


def is_empty(path: Path) -> bool:
    """Whether the file holds nothing but whitespace (after decompression)."""
    return _content_head(path) is None


def _detect(path: Path, head: bytes) -> str | None:
    """The format the content shows, or None when it shows none."""
    if _is_json(head):
        return _detect_json(path)
    try:
        header = read_csv_header(path)
    except FormatError:  # not even a header: JSON lines whose first line is damaged?
        return _detect_json(path)
    for name, layouts in _CSV_FORMATS:
        if any(layout.matches(header) for layout in layouts):
            return name
    # No known header: JSON lines whose first line is damaged still show their format.
    return _detect_json(path)


def _detect_json(path: Path) -> str | None:
    """The first value a format recognises decides, except a bare v2 user: a Twint row that
    lost its ``tweet`` looks the same, so it decides only when nothing else shows."""
    items = iter_json(path)
    hint = None
    try:
        values = 0
        for looked, item in enumerate(items, 1):
            if isinstance(item, JsonValue):
                values += 1
                name = _recognized(item.value)
                if name == twarc2.NAME and not twarc2.recognizes_surely(item.value):
                    hint = hint or name
                elif name is not None:
                    return name
            if values >= SNIFF_VALUES or looked >= SNIFF_LINES:
                break
    finally:
        items.close()
    return hint


def _recognized(value: object) -> str | None:
    for name, recognizes in _JSON_FORMATS:
        if recognizes(value):
            return name
    return None


def sniff(path: Path) -> str:
    """The name of the file's format, from its content. ``FormatError`` when the file is
    empty, binary, or of no known format."""
    head = _content_head(path)
    if head is None:
        raise FormatError(path, "empty file")
    _refuse_foreign(path, head)
    name = _detect(path, head)
    if name is not None:
        return name
    if _is_json(head):
        raise FormatError(
            path,
            f"JSON of no known format (no Twitter v1.1, twarc2 or Twint record in the "
            f"first {SNIFF_VALUES} records)",
        )
    columns = read_csv_header(path)
    header = ", ".join(columns[:12])
    nearest = _closest(columns)
    raise FormatError(path, f"no known format (read as CSV, its header is: {header}{nearest})")


def _closest(columns: list[str]) -> str:
    """The known CSV layout the header comes nearest to and the columns it lacks, when the
    header has some column of one."""
    missing, name, layout = min(
        ((layout.missing(columns), name, layout) for name, layouts in _CSV_FORMATS
         for layout in layouts),
        key=lambda candidate: len(candidate[0]) / len(candidate[2].required),
    )  # fmt: skip
    if len(missing) == len(layout.required):
        return ""
    needs = ", ".join(need.replace("|", " or ") for need in missing)
    return f"; the nearest known layout is {name} {layout.name}, which also needs {needs}"


def parse(path: Path, fmt: str = "auto") -> Iterator[ParsedLine]:
    """The parsed lines of ``path`` in format ``fmt`` (``"auto"``: sniffed).

    Checks happen before the first line is read: an unknown format name, an unreadable,
    binary or unrecognisable file, or a file of another known format than the one forced
    raise ``FormatError`` (an ``InputError``) naming the file.
    """
    if fmt not in FORMAT_NAMES:
        known = ", ".join(FORMAT_NAMES)
        raise FormatError(path, f"unknown format {fmt!r} (known: {known})")
    head = _content_head(path)
    if head is None:
        return iter(())
    if fmt == "auto":
        return FORMATS[sniff(path)](path)
    _refuse_foreign(path, head)
    json_formats = {name for name, _ in _JSON_FORMATS}
    wants_json = fmt in json_formats
    detected = _detect(path, head)
    is_json = _is_json(head) or detected in json_formats
    if wants_json != is_json:
        found = "JSON" if is_json else "not JSON"
        expected = "JSON" if wants_json else "CSV"
        raise FormatError(path, f"--format {fmt} reads {expected}, but this file is {found}")
    if detected is not None and detected != fmt:
        raise FormatError(path, f"--format {fmt} was given, but the file looks like {detected}")
    return FORMATS[fmt](path)
