"""Twint's tweet output, as JSON lines (``--json``) or CSV (``--csv``, comma or tab).

Columns read: ``id``, ``conversation_id``, ``created_at`` (epoch milliseconds in old Twint,
``2020-05-01 14:00:00 CEST`` local time in later versions), ``date`` + ``time`` +
``timezone`` (used when ``created_at`` is missing or its zone name is ambiguous),
``user_id``, ``username``, ``name``, ``tweet``, ``language``, ``mentions`` (handles, or
``{screen_name, name, id}`` objects), ``urls``, ``hashtags``, ``replies_count``,
``retweets_count``, ``likes_count``, ``retweet``, ``user_rt_id``, ``user_rt``, ``retweet_id``,
``retweet_date``, ``reply_to`` (``{user_id, username}`` or ``{screen_name, id}`` objects) and
``quote_url``. In CSV, list columns are Python list literals. Twint's ``source`` column is the
search setting, not the client, and is not read.

What the records say:
- A row with ``retweet`` true is the *original* tweet (its id, author and text) as seen in the
  timeline of ``user_rt`` / ``user_rt_id``, who retweeted it: it gives the original post and a
  retweet post by that account, id ``retweet_id`` or else ``rt:<user_rt_id>:<id>``.
- Twint does not record which tweet a reply answers, only its conversation: a reply
  (``conversation_id`` other than ``id``) gets ``reply_to`` = the conversation's first tweet
  and no ``reply_to_author`` (the parent's author is unknown); the accounts in ``reply_to``
  are kept as mentions, as the v1.1 entities of a reply mention them.
- ``quote_url`` (``https://twitter.com/<name>/status/<id>``) gives ``quotes`` and its author
  by screen name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from infoops.loader.formats.reading import (
    TWITTER,
    CsvLayout,
    CsvRow,
    FieldError,
    account_ref,
    as_dict,
    hashtags_of,
    is_blank,
    parse_bool,
    parse_csv_file,
    parse_id,
    parse_int,
    parse_json_file,
    parse_list_literal,
    parse_time,
    post_kind,
    status_url_parts,
    synthetic_retweet_id,
    text_items,
)
from infoops.loader.records import AccountRecord, AccountRef, ParsedLine, PostRecord, Record

JSON_NAME = "twint-json"
CSV_NAME = "twint-csv"

Getter = Callable[[str], object]


def recognizes(value: object) -> bool:
    return isinstance(value, dict) and "tweet" in value and "username" in value


def parse_json(path: Path) -> Iterator[ParsedLine]:
    return parse_json_file(path, lambda value: tweet_records(as_dict(value, "line").get))


def _csv_row(row: CsvRow) -> list[Record]:
    return tweet_records(row.fields.get)


LAYOUTS = (CsvLayout("tweets file", ("id", "username", "tweet"), _csv_row),)


def parse_csv(path: Path) -> Iterator[ParsedLine]:
    return parse_csv_file(path, CSV_NAME, LAYOUTS)


def _text(value: object, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise FieldError(f"{name}: expected text, got {type(value).__name__}")
    return value


def _first(get: Getter, *names: str) -> object:
    for name in names:
        value = get(name)
        if not is_blank(value):
            return value
    return None


# A zone written after a time: a name (UTC, CEST) or an offset (+0200, +02:00).
_TRAILING_ZONE = re.compile(r"\s*(?:[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$")


def _scalar_text(value: object, name: str) -> str | None:
    """A value Twint writes as text or a number, stripped; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(f"{name}: expected text, got {type(value).__name__}")
    return str(value).strip()


def _local_time(value: object, zone: str | None, name: str) -> datetime | None:
    """A time Twint wrote in the collecting machine's zone: the zone written after it wins;
    the ``timezone`` column stands in when none is written or the name is ambiguous."""
    if zone is None or not isinstance(value, str):
        return parse_time(value, name)
    text = value.strip()
    written_zone = _TRAILING_ZONE.search(text)
    if written_zone:
        try:
            return parse_time(text, name)
        except FieldError:
            text = text[: written_zone.start()]
    elif text.isdigit():
        return parse_time(text, name)  # epoch milliseconds
    return parse_time(f"{text} {zone}", name)


def _tweet_time(get: Getter) -> datetime | None:
    zone = _scalar_text(get("timezone"), "timezone")
    created = get("created_at")
    if not is_blank(created):
        return _local_time(created, zone, "created_at")
    day, clock = _scalar_text(get("date"), "date"), _scalar_text(get("time"), "time")
    if day is None:
        return None
    parts = [part for part in (day, clock, zone) if part]
    return parse_time(" ".join(parts), "date/time/timezone")


def _user_ref(item: object, name: str) -> AccountRef | None:
    """A mention or reply_to entry: a handle, or an object with an id and a name."""
    if isinstance(item, str):
        return account_ref(TWITTER, None, item)
    entry = as_dict(item, name)
    user_id = parse_id(_first(entry.get, "id", "user_id"), f"{name}.id")
    screen_name = _text(_first(entry.get, "screen_name", "username"), f"{name}.screen_name")
    return account_ref(TWITTER, user_id, screen_name)


def _user_refs(value: object, name: str) -> list[AccountRef]:
    refs = (_user_ref(item, name) for item in parse_list_literal(value, name))
    return [ref for ref in refs if ref]


def _is_same(ref: AccountRef, other: AccountRef) -> bool:
    if ref.id and other.id:
        return ref.id == other.id
    return bool(ref.screen_name and other.screen_name) and (
        ref.screen_name.lower() == other.screen_name.lower()  # type: ignore[union-attr]
    )


def tweet_records(get: Getter) -> list[Record]:
    tweet_id = parse_id(get("id"), "id")
    if not tweet_id:
        raise FieldError("id is empty")
    user_id = parse_id(get("user_id"), "user_id")
    username = _text(get("username"), "username")
    author = account_ref(TWITTER, user_id, username)
    if author is None:
        raise FieldError("neither user_id nor username")
    created_at = _tweet_time(get)
    records: list[Record] = []
    if user_id:
        display_name = _text(get("name"), "name")
        records.append(AccountRecord(TWITTER, user_id, username, display_name, seen_at=created_at))
    mentions = _user_refs(get("mentions"), "mentions")
    for replied in _user_refs(get("reply_to"), "reply_to"):
        if not _is_same(replied, author) and not any(_is_same(replied, m) for m in mentions):
            mentions.append(replied)
    tags = get("hashtags")
    text = _text(get("tweet"), "tweet")
    lang = _text(_first(get, "language", "lang"), "language")
    post = PostRecord(TWITTER, tweet_id, author, text, created_at, lang)  # positional: cheaper
    post.like_count = parse_int(_first(get, "likes_count", "nlikes"), "likes_count")
    post.retweet_count = parse_int(_first(get, "retweets_count", "nretweets"), "retweets_count")
    post.reply_count = parse_int(_first(get, "replies_count", "nreplies"), "replies_count")
    post.hashtags = hashtags_of(text_items(parse_list_literal(tags, "hashtags"), "hashtags"))
    post.urls = text_items(parse_list_literal(get("urls"), "urls"), "urls")
    post.mentions = mentions
    conversation_id = parse_id(get("conversation_id"), "conversation_id")
    if conversation_id and conversation_id != tweet_id:
        post.reply_to = conversation_id
    quoted = status_url_parts(_text(get("quote_url"), "quote_url"))
    if quoted:
        post.quotes, post.quotes_author = quoted[1], account_ref(TWITTER, None, quoted[0])
    post.kind = post_kind(None, post.reply_to, None, post.quotes)
    records.append(post)
    if parse_bool(get("retweet"), "retweet"):
        records += _retweet_records(get, post)
    return records


def _retweet_records(get: Getter, original: PostRecord) -> list[Record]:
    retweeter_id = parse_id(get("user_rt_id"), "user_rt_id")
    retweeter_name = _text(get("user_rt"), "user_rt")
    retweeter = account_ref(TWITTER, retweeter_id, retweeter_name)
    if retweeter is None:
        return []  # Twint flagged a retweet without saying whose: only the original is known
    zone = _scalar_text(get("timezone"), "timezone")
    retweeted_at = _local_time(get("retweet_date"), zone, "retweet_date")
    records: list[Record] = []
    if retweeter_id:
        records.append(AccountRecord(TWITTER, retweeter_id, retweeter_name, seen_at=retweeted_at))
    retweet_id = parse_id(get("retweet_id"), "retweet_id") or synthetic_retweet_id(
        retweeter_id or f"@{retweeter.screen_name}", original.id
    )
    retweet = PostRecord(
        platform=TWITTER,
        id=retweet_id,
        author=retweeter,
        created_at=retweeted_at,
        kind="retweet",
        retweet_of=original.id,
        retweet_of_author=original.author,
    )
    return [*records, retweet]
