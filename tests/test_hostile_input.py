"""Hostile and broken input: property-based tests (hypothesis) over every parser.

Strategies build realistic records of each format from small valid templates (the shapes of
``tests/fixtures/formats/`` and ``shared/data/``), keep some intact, duplicate some and damage
the others: random truncation, wrong types, missing fields, huge fields, deeply nested JSON
(up to 10,000 levels), invalid UTF-8, NUL bytes, byte order marks, mixed line ends
(``\\n``, ``\\r\\n``, ``\\r``), ids as JSON numbers and as text (above 2**53 too), and times in
every spelling the sources use. Then the file is parsed.

Properties of every generated file:
- nothing but the documented ``FormatError`` escapes, and it names the file;
- every reject names the file and a physical line that exists in it;
- every intact record comes out, from the line where it starts, with its ids exact (text,
  also above 2**53), its time (every spelling) and its text byte for byte: nothing valid lost;
- no id comes out that the input does not spell: every digit run of a parsed id is written
  in the line it came from (a rounded or float id is refused, never loaded).

Beside the generated files, every field of real records (the shared samples and the
fixtures) is damaged in every way of a fixed list, each damaged copy followed by the intact
record, which must give exactly what it gives alone; and ``parse_time`` / ``parse_id`` are
checked on generated values.

How many inputs were generated is printed per parser (``pytest -s`` or ``-rP``), recorded as
a test property, and asserted to reach the intended number. The last tests load hostile
files through the real loader into the real Neo4j.
"""

from __future__ import annotations

import base64
import copy
import csv
import gzip
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoops.connection import Graph
from infoops.loader.formats import FORMATS, FormatError, parse, sniff
from infoops.loader.formats.reading import FieldError, parse_id, parse_time
from infoops.loader.load import load
from infoops.loader.records import AccountRecord, LikeRecord, ParsedLine, PostRecord, Record
from tests.conftest import SHARED_DATA, empty_database

# Generated inputs per parser for the main property, and for the slower checks.
HOSTILE_FILES_PER_PARSER = 200
HUGE_FILES_PER_PARSER = 4
VALUE_EXAMPLES = 400
DATABASE_ROUNDS = 3

GENERATED: Counter[str] = Counter()

Strategy = st.SearchStrategy
Draw = Callable[[Strategy[Any]], Any]


def hostile_settings(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def report_generated(
    name: str, intended: int, record_property: Callable[[str, object], None]
) -> None:
    tried = GENERATED[name]
    print(f"{name}: {tried} generated inputs tried")
    record_property(f"generated_inputs[{name}]", tried)
    assert tried >= intended, f"{name}: only {tried} of {intended} generated inputs ran"


# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class ExpectedPost:
    id: str
    author_id: str
    created_at: datetime | None
    text: str | None


@dataclass(frozen=True)
class ExpectedLike:
    post_id: str
    account_id: str


@dataclass
class Expected:
    """What an intact record must give, exactly."""

    posts: list[ExpectedPost] = field(default_factory=list)
    likes: list[ExpectedLike] = field(default_factory=list)
    accounts: set[str] = field(default_factory=set)

    def add(self, other: Expected) -> Expected:
        return Expected(
            self.posts + other.posts, self.likes + other.likes, self.accounts | other.accounts
        )


@dataclass
class Piece:
    """One record as written (without its line end); ``intact`` is None once damaged."""

    data: bytes
    intact: Expected | None


@dataclass
class HostileFile:
    content: bytes  # as written to disk (maybe gzip)
    plain: bytes
    pieces: list[tuple[int, Piece]]  # the physical line each record starts on
    gzipped: bool

    @property
    def line_count(self) -> int:
        return max(1, len(LINE_BREAK.findall(self.plain)) + 1)

    def intact(self) -> list[tuple[int, Expected]]:
        return [(line, piece.intact) for line, piece in self.pieces if piece.intact]


LINE_BREAK = re.compile(rb"\r\n|\r|\n")
DIGIT_RUN = re.compile(r"\d{6,}")
# IRA retweets point at ``ira-rt:<handle>:<16 hex of a SHA-1>``: the hash is no input id.
IRA_TEXT_HASH = re.compile(r":[0-9a-f]{16}$")
UTF8_BOM = b"\xef\xbb\xbf"


def start_line(content: bytes, offset: int) -> int:
    return len(LINE_BREAK.findall(content, 0, offset)) + 1


# --------------------------------------------------------------------------- values

SIGNED_64 = 2**63 - 1
NUMERIC_IDS = st.one_of(
    st.integers(1, 2**53 - 1), st.integers(2**53, SIGNED_64), st.integers(2**63, 2**64 - 1)
)
HASHED_IDS = st.binary(min_size=32, max_size=32).map(lambda raw: base64.b64encode(raw).decode())
SCREEN_NAMES = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1, max_size=15
)
TRICKY_TEXTS = (
    'He said "hi", then left;\tok',
    "line one\nline two\r\nline three\rline four",
    "RT @someone: a copied tweet #tag",
    "#tag @user https://t.co/abc",
    "  leading and trailing spaces  ",
    "Путин: «Всё будет хорошо»",
    "شكرا جزيلا 😀 👩‍👩‍👧",
    "\u202eright-to-left override\u202c and \u200f mark",
    "a\u2028b\u2029c\x85d",
    "['a', 'b']",
    "{'a': 1}",
    "null",
    "\\u0000 as text, \\ backslash",
    "x' }) MATCH (n) DETACH DELETE n //",
)
TEXTS = st.one_of(
    st.sampled_from(TRICKY_TEXTS),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60),
)
DISPLAY_NAMES = st.one_of(
    st.sampled_from(("Новости Дня", "李明", "Ana 📰", 'The "Real" One')), TEXTS
)
COUNTS = st.integers(0, 10**7)


def distinct_ids(count: int) -> Strategy[list[int]]:
    """Ids that differ from each other (within one record, a retweet is not its original)."""
    return st.lists(NUMERIC_IDS, min_size=count, max_size=count, unique=True)


# --------------------------------------------------------------------------- times

MOMENTS = st.datetimes(
    min_value=datetime(2007, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
OFFSET_MINUTES = st.sampled_from((0, 0, 60, 120, 330, 540, -300, -420, -570, 765))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Names Twint writes (strftime %Z) whose offset is unambiguous, with their offsets.
ZONE_NAMES = {"UTC": 0, "GMT": 0, "CET": 60, "CEST": 120, "EEST": 180, "MSK": 180, "EST": -300,
              "EDT": -240, "PDT": -420, "PST": -480, "JST": 540, "AEST": 600}  # fmt: skip
AMBIGUOUS_ZONE_NAMES = ("CST", "IST")


def local(moment: datetime, minutes: int) -> datetime:
    return moment.astimezone(timezone(timedelta(minutes=minutes)))


def offset_text(minutes: int, colon: bool = False) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{rest:02d}"


def v1_time(moment: datetime, minutes: int) -> str:
    at = local(moment, minutes)
    return (
        f"{WEEKDAYS[at.weekday()]} {MONTHS[at.month - 1]} {at.day:02d} "
        f"{at:%H:%M:%S} {offset_text(minutes)} {at.year}"
    )


@st.composite
def time_spellings(draw: Draw, spelling: str) -> tuple[object, datetime]:
    """A time as the source spells it, and the UTC instant it must parse to."""
    moment: datetime = draw(MOMENTS)
    whole = moment.replace(microsecond=0)
    minutes: int = draw(OFFSET_MINUTES)
    if spelling == "v1":
        return v1_time(whole, minutes), whole
    if spelling == "iso":
        style = draw(st.sampled_from(("millis_z", "z", "offset", "offset_no_colon", "micros")))
        if style == "millis_z":
            millis = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
            return f"{millis:%Y-%m-%dT%H:%M:%S}.{millis.microsecond // 1000:03d}Z", millis
        if style == "z":
            return f"{whole:%Y-%m-%dT%H:%M:%S}Z", whole
        if style == "micros":
            return local(moment, minutes).isoformat(), moment
        at = local(whole, minutes)
        return f"{at:%Y-%m-%dT%H:%M:%S}{offset_text(minutes, style == 'offset')}", whole
    if spelling == "minutes":  # IO tweet_time, generic
        minute = whole.replace(second=0)
        return f"{minute:%Y-%m-%d %H:%M}", minute
    if spelling == "day":  # IO account_creation_date
        day = whole.replace(hour=0, minute=0, second=0)
        return f"{day:%Y-%m-%d}", day
    if spelling == "ira":
        minute = whole.replace(second=0)
        return f"{minute.month}/{minute.day}/{minute.year} {minute.hour}:{minute:%M}", minute
    if spelling == "epoch_seconds":
        return str(int(whole.timestamp())), whole
    if spelling == "epoch_millis":
        millis = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        return int(millis.timestamp() * 1000 + 0.5), millis
    if spelling == "twint_zone":
        name = draw(st.sampled_from(sorted(ZONE_NAMES)))
        return f"{local(whole, ZONE_NAMES[name]):%Y-%m-%d %H:%M:%S} {name}", whole
    raise AssertionError(spelling)


GENERIC_SPELLINGS = ("iso", "minutes", "day", "epoch_seconds", "v1", "ira")

# --------------------------------------------------------------------------- JSON records


def id_fields(key: str, value: int, style: str) -> dict[str, object]:
    """v1.1 ids: ``id`` (a JSON number), ``id_str``, or both."""
    if style == "number":
        return {key: value}
    if style == "string":
        return {f"{key}_str": str(value)}
    return {key: value, f"{key}_str": str(value)}


@st.composite
def v1_status(
    draw: Draw, texts: Strategy[str] = TEXTS, embed: bool = True
) -> tuple[dict[str, object], Expected]:
    post_id, author_id, mention_id = draw(distinct_ids(3))
    spelled, moment = draw(time_spellings("v1"))
    text: str = draw(texts)
    id_style = st.sampled_from(("number", "string", "both"))
    account_created, _ = draw(time_spellings("v1"))
    user = {
        **id_fields("id", author_id, draw(id_style)),
        "name": draw(DISPLAY_NAMES),
        "screen_name": draw(SCREEN_NAMES),
        "followers_count": draw(COUNTS),
        "friends_count": draw(COUNTS),
        "verified": draw(st.booleans()),
        "created_at": account_created,
        "description": draw(TEXTS),
    }
    status: dict[str, object] = {
        "created_at": spelled,
        **id_fields("id", post_id, draw(id_style)),
        "text": text,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "user": user,
        "entities": {
            "hashtags": [{"text": draw(SCREEN_NAMES), "indices": [0, 4]}],
            "urls": [{"url": "https://t.co/x", "expanded_url": "https://example.org/a?b=1"}],
            "user_mentions": [
                {**id_fields("id", mention_id, "both"), "screen_name": draw(SCREEN_NAMES)}
            ],
        },
        "favorite_count": draw(COUNTS),
        "retweet_count": draw(COUNTS),
        "lang": "en",
        "is_quote_status": False,
    }
    expected = Expected(
        [ExpectedPost(str(post_id), str(author_id), moment, text or None)], [], {str(author_id)}
    )
    if embed and draw(st.integers(0, 3)) == 0:
        original, original_expected = draw(
            v1_status(texts, embed=False).filter(lambda pair: pair[1].posts[0].id != str(post_id))
        )
        status["retweeted_status"] = original
        expected = expected.add(original_expected)
    return status, expected


@st.composite
def twarc2_user(draw: Draw) -> tuple[dict[str, object], str]:
    user_id = draw(NUMERIC_IDS)
    created, _ = draw(time_spellings("iso"))
    user = {
        "id": str(user_id),
        "username": draw(SCREEN_NAMES),
        "name": draw(DISPLAY_NAMES),
        "created_at": created,
        "public_metrics": {"followers_count": draw(COUNTS), "following_count": draw(COUNTS)},
    }
    return user, str(user_id)


@st.composite
def twarc2_tweet(
    draw: Draw, tweet_id: int, author_id: str, texts: Strategy[str]
) -> tuple[dict[str, object], ExpectedPost]:
    spelled, moment = draw(time_spellings("iso"))
    text: str = draw(texts)
    tweet = {
        "id": draw(st.sampled_from((str(tweet_id), tweet_id))),
        "text": text,
        "author_id": author_id,
        "created_at": spelled,
        "lang": "en",
        "edit_history_tweet_ids": [str(tweet_id)],
        "public_metrics": {"like_count": draw(COUNTS), "retweet_count": draw(COUNTS)},
        "entities": {"hashtags": [{"start": 0, "end": 4, "tag": draw(SCREEN_NAMES)}]},
    }
    return tweet, ExpectedPost(str(tweet_id), author_id, moment, text or None)


@st.composite
def twarc2_line(draw: Draw, texts: Strategy[str] = TEXTS) -> tuple[dict[str, object], Expected]:
    """A flattened tweet, a search page, or a liking-users page (ids taken from the URL)."""
    shape = draw(st.sampled_from(("flat", "page", "liking_users")))
    retrieved, _ = draw(time_spellings("iso"))
    if shape == "flat":
        user, user_id = draw(twarc2_user())
        tweet, post = draw(twarc2_tweet(draw(NUMERIC_IDS), user_id, texts))
        return {**tweet, "author": user}, Expected([post], [], {user_id})
    users = draw(st.lists(twarc2_user(), min_size=1, max_size=3))
    if shape == "liking_users":
        liked = draw(NUMERIC_IDS)
        url = f"https://api.twitter.com/2/tweets/{liked}/liking_users?user.fields=created_at"
        page = {
            "data": [user for user, _ in users],
            "meta": {"result_count": len(users)},
            "__twarc": {"url": url, "version": "2.10.4", "retrieved_at": retrieved},
        }
        likes = [ExpectedLike(str(liked), user_id) for _, user_id in users]
        return page, Expected([], likes, {user_id for _, user_id in users})
    author_ids = st.sampled_from([user_id for _, user_id in users])
    tweet_ids = draw(distinct_ids(len(users)))
    tweets = [draw(twarc2_tweet(tweet_id, draw(author_ids), texts)) for tweet_id in tweet_ids]
    page = {
        "data": [tweet for tweet, _ in tweets],
        "includes": {"users": [user for user, _ in users]},
        "meta": {"result_count": len(tweets)},
        "__twarc": {
            "url": "https://api.twitter.com/2/tweets/search/recent?query=x",
            "version": "2.10.4",
            "retrieved_at": retrieved,
        },
    }
    return page, Expected([post for _, post in tweets], [], {i for _, i in users})


@st.composite
def twint_time_fields(draw: Draw, as_text: bool) -> tuple[dict[str, object], datetime]:
    """``created_at`` as Twint wrote it (zone name, epoch ms, an ambiguous zone name that the
    ``timezone`` column settles) or absent, with ``date`` + ``time`` + ``timezone``."""
    moment: datetime = draw(MOMENTS)
    whole = moment.replace(microsecond=0)
    minutes: int = draw(OFFSET_MINUTES)
    at = local(whole, minutes)
    fields: dict[str, object] = {
        "date": f"{at:%Y-%m-%d}",
        "time": f"{at:%H:%M:%S}",
        "timezone": offset_text(minutes),
    }
    style = draw(st.sampled_from(("zone_name", "epoch_millis", "ambiguous_zone", "date_time")))
    if style == "zone_name":
        spelled, expected = draw(time_spellings("twint_zone"))
        return {**fields, "created_at": spelled}, expected
    if style == "epoch_millis":
        spelled, expected = draw(time_spellings("epoch_millis"))
        return {**fields, "created_at": str(spelled) if as_text else spelled}, expected
    if style == "ambiguous_zone":
        zone = draw(st.sampled_from(AMBIGUOUS_ZONE_NAMES))
        return {**fields, "created_at": f"{at:%Y-%m-%d %H:%M:%S} {zone}"}, whole
    return {**fields, "created_at": ""}, whole


@st.composite
def twint_tweet(
    draw: Draw, as_text: bool, texts: Strategy[str] = TEXTS
) -> tuple[dict[str, object], Expected]:
    """A Twint row; ``as_text``: CSV (every value text, lists as Python literals)."""
    tweet_id, user_id, mention_id, retweeter, retweet_id_number = draw(distinct_ids(5))
    text: str = draw(texts)
    times, moment = draw(twint_time_fields(as_text))
    mention = {"screen_name": draw(SCREEN_NAMES), "name": "Someone", "id": str(mention_id)}
    tag = draw(SCREEN_NAMES)
    row: dict[str, object] = {
        "id": str(tweet_id) if as_text else draw(st.sampled_from((tweet_id, str(tweet_id)))),
        "conversation_id": str(tweet_id),
        **times,
        "user_id": str(user_id) if as_text else user_id,
        "username": draw(SCREEN_NAMES),
        "name": draw(DISPLAY_NAMES),
        "tweet": text,
        "language": "en",
        "mentions": repr([mention]) if as_text else [mention],
        "urls": "['https://example.org/a']" if as_text else ["https://example.org/a"],
        "hashtags": repr([tag]) if as_text else [tag],
        "replies_count": draw(COUNTS),
        "retweets_count": draw(COUNTS),
        "likes_count": draw(COUNTS),
        "retweet": False,
        "quote_url": "",
        "user_rt_id": "",
        "user_rt": "",
        "retweet_id": "",
        "reply_to": "[]" if as_text else [],
        "retweet_date": "",
    }
    expected = Expected(
        [ExpectedPost(str(tweet_id), str(user_id), moment, text or None)], [], {str(user_id)}
    )
    if draw(st.integers(0, 3)) == 0:
        retweet_id = draw(st.sampled_from(("", str(retweet_id_number))))
        retweeted_at: datetime = draw(MOMENTS).replace(microsecond=0)
        minutes: int = draw(OFFSET_MINUTES)
        row |= {
            "retweet": True,
            "user_rt_id": str(retweeter),
            "user_rt": draw(SCREEN_NAMES),
            "retweet_id": retweet_id,
            "timezone": offset_text(minutes),
            "retweet_date": f"{local(retweeted_at, minutes):%Y-%m-%d %H:%M:%S}",
        }
        if times["created_at"] == "":  # date + time are read in the timezone column's zone
            at = local(moment, minutes)
            row |= {"date": f"{at:%Y-%m-%d}", "time": f"{at:%H:%M:%S}"}
        elif str(times["created_at"]).endswith(AMBIGUOUS_ZONE_NAMES):
            at = local(moment, minutes)
            row["created_at"] = f"{at:%Y-%m-%d %H:%M:%S} {str(times['created_at'])[-3:]}"
        synthetic = f"rt:{retweeter}:{tweet_id}"
        retweet = ExpectedPost(retweet_id or synthetic, str(retweeter), retweeted_at, None)
        expected = expected.add(Expected([retweet], [], {str(retweeter)}))
    if as_text:
        row = {key: str(value) for key, value in row.items()}
    return row, expected


V1_STREAM_MESSAGES = st.sampled_from(
    (
        {"delete": {"status": {"id": 1234, "id_str": "1234", "user_id": 5, "user_id_str": "5"}}},
        {"limit": {"track": 12, "timestamp_ms": "1500000000000"}},
        {"warning": {"code": "FALLING_BEHIND", "message": "Your connection is falling behind"}},
    )
)
TWARC2_PROBLEMS = st.sampled_from(
    (
        {
            "errors": [
                {
                    "value": "1380175475545362438",
                    "detail": "Could not find tweet with id: [1380175475545362438].",
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
            ]
        },
        {
            "title": "ConnectionException",
            "detail": "This stream is currently at the maximum allowed connection limit.",
            "connection_issue": "TooManyConnections",
            "type": "https://api.twitter.com/2/problems/streaming-connection",
        },
        {"data": [], "meta": {"result_count": 0}},
        {"error": {"message": "Rate limit exceeded", "sent": "2022-05-01T10:00:00+00:00"}},
    )
)


# --------------------------------------------------------------------------- CSV records

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


def fixture_columns(name: str) -> list[str]:
    """The header of one of the hand-made fixture files: the templates' columns."""
    with open(FIXTURES / name, encoding="utf-8") as fixture:
        return fixture.readline().rstrip("\r\n").split(",")


IO_TWEET_COLUMNS = fixture_columns("io_tweets_30.csv")
IO_TWEET_COLUMNS_WITH_POLLS = fixture_columns("io_tweets_31.csv")
IO_USER_COLUMNS = fixture_columns("io_users_prefixed.csv")
IO_PLAIN_USER_COLUMNS = fixture_columns("io_users_plain.csv")
IRA_COLUMNS = fixture_columns("ira.csv")
TWINT_COLUMNS = fixture_columns("twint.csv")
GENERIC_ACCOUNT_COLUMNS = fixture_columns("generic_accounts.csv")
GENERIC_INTERACTION_COLUMNS = fixture_columns("generic_interactions.csv")


def float_count(value: int) -> str:
    return f"{value}.0"


@st.composite
def io_tweet_row(draw: Draw, texts: Strategy[str] = TEXTS) -> tuple[dict[str, str], Expected]:
    tweet_id, original_id, original_author = map(str, draw(distinct_ids(3)))
    user_id = draw(st.one_of(NUMERIC_IDS.map(str), HASHED_IDS))
    tweet_time, moment = draw(time_spellings("minutes"))
    created, _ = draw(time_spellings("day"))
    text: str = draw(texts)
    row = {
        "tweetid": tweet_id,
        "userid": user_id,
        "user_display_name": draw(DISPLAY_NAMES),
        "user_screen_name": draw(st.one_of(SCREEN_NAMES, st.just(user_id))),
        "user_profile_description": draw(TEXTS),
        "follower_count": float_count(draw(COUNTS)),
        "following_count": str(draw(COUNTS)),
        "account_creation_date": str(created),
        "account_language": "ru",
        "tweet_language": "en",
        "tweet_text": text,
        "tweet_time": str(tweet_time),
        "tweet_client_name": "Twitter Web Client",
        "is_retweet": "False",
        "latitude": "absent",
        "longitude": "absent",
        "quote_count": "0.0",
        "reply_count": "1.0",
        "like_count": float_count(draw(COUNTS)),
        "retweet_count": "3.0",
        "hashtags": repr([draw(SCREEN_NAMES)]),
        "urls": "['http://example.com/vote']",
        "user_mentions": repr([draw(NUMERIC_IDS), draw(NUMERIC_IDS)]),
    }
    expected_text = text if text.strip() else None
    expected = Expected([ExpectedPost(tweet_id, user_id, moment, expected_text)], [], {user_id})
    if draw(st.integers(0, 3)) == 0:
        row |= {"is_retweet": "True", "retweet_tweetid": original_id}
        row["retweet_userid"] = original_author
        stub = ExpectedPost(original_id, original_author, None, None)
        expected = expected.add(Expected([stub], [], set()))
    return row, expected


@st.composite
def io_user_row(draw: Draw, texts: Strategy[str] = TEXTS) -> tuple[dict[str, str], Expected]:
    user_id = draw(st.one_of(NUMERIC_IDS.map(str), HASHED_IDS))
    created, _ = draw(time_spellings("day"))
    display_name, screen_name = draw(DISPLAY_NAMES), draw(SCREEN_NAMES)
    description = draw(texts)
    row = {  # both spellings of the columns: with the user_ prefix and without
        "userid": user_id,
        "user_display_name": display_name,
        "display_name": display_name,
        "user_screen_name": screen_name,
        "screen_name": screen_name,
        "user_profile_description": description,
        "profile_description": description,
        "follower_count": float_count(draw(COUNTS)),
        "following_count": str(draw(COUNTS)),
        "account_creation_date": str(created),
        "account_language": "en",
    }
    return row, Expected([], [], {user_id})


@st.composite
def ira_row(draw: Draw, texts: Strategy[str] = TEXTS) -> tuple[dict[str, str], Expected]:
    account_id, tweet_id = map(str, draw(distinct_ids(2)))
    published, moment = draw(time_spellings("ira"))
    text: str = draw(texts)
    ids = draw(st.sampled_from(("columns", "article_url_only", "both")))
    rounded = draw(st.sampled_from(("906000000000000000", "9.06E+17", account_id)))
    row = {
        "external_author_id": rounded,
        "author": draw(SCREEN_NAMES),
        "content": text,
        "region": "Unknown",
        "language": "English",
        "publish_date": str(published),
        "harvested_date": str(published),
        "following": str(draw(COUNTS)),
        "followers": str(draw(COUNTS)),
        "updates": "253",
        "post_type": draw(st.sampled_from(("", "RETWEET", "QUOTE_TWEET"))),
        "account_type": "Right",
        "retweet": draw(st.sampled_from(("0", "1"))),
        "account_category": "RightTroll",
        "new_june_2018": "0",
        "tco1_step1": "https://example.org/a",
    }
    if ids != "article_url_only":
        row |= {"alt_external_id": account_id, "tweet_id": tweet_id}
    if ids != "columns":
        row["article_url"] = f"http://twitter.com/{account_id}/statuses/{tweet_id}"
    expected_text = text if text.strip() else None
    return row, Expected(
        [ExpectedPost(tweet_id, account_id, moment, expected_text)], [], {account_id}
    )


@st.composite
def generic_account_row(
    draw: Draw, texts: Strategy[str] = TEXTS
) -> tuple[dict[str, str], Expected]:
    account_id = draw(st.one_of(NUMERIC_IDS.map(str), NUMERIC_IDS.map(lambda i: f"-{i}")))
    created, _ = draw(time_spellings(draw(st.sampled_from(GENERIC_SPELLINGS))))
    row = {
        "platform": draw(st.sampled_from(("facebook", "Telegram", "twitter", "VK"))),
        "account_id": account_id,
        "screen_name": draw(SCREEN_NAMES.map(lambda name: "@" + name) | SCREEN_NAMES),
        "display_name": draw(DISPLAY_NAMES),
        "created_at": str(created),
        "followers": str(draw(COUNTS)),
        "verified": draw(st.sampled_from(("yes", "no", "true", "False", "1", "0", ""))),
        "description": draw(texts),
        "location": "Kyiv",
    }
    return row, Expected([], [], {account_id})


@st.composite
def generic_interaction_row(
    draw: Draw, texts: Strategy[str] = TEXTS
) -> tuple[dict[str, str], Expected]:
    source, target = map(str, draw(distinct_ids(2)))
    post_id = draw(st.one_of(NUMERIC_IDS.map(str), st.integers(1, 10**6).map(lambda i: f"p{i}")))
    kind = draw(st.sampled_from(("retweet", "share", "like", "reply", "quote", "mention")))
    spelled, moment = draw(time_spellings(draw(st.sampled_from(GENERIC_SPELLINGS))))
    text: str = draw(texts)
    interaction_id = draw(st.one_of(st.just(""), NUMERIC_IDS.map(lambda i: f"s-{i}")))
    row = {
        "platform": draw(st.sampled_from(("facebook", "Telegram", "twitter"))),
        "source": source,
        "target": target,
        "type": draw(st.sampled_from((kind, kind.upper(), kind.title()))),
        "post_id": post_id,
        "time": str(spelled),
        "interaction_id": interaction_id,
        "text": text,
        "hashtags": "#Vote; truth,news",
    }
    if kind == "like":
        return row, Expected([], [ExpectedLike(post_id, source)], set())
    own_id = post_id if kind == "mention" else interaction_id or f"{kind}:{source}:{post_id}"
    expected_text = text if text.strip() else None
    return row, Expected([ExpectedPost(own_id, source, moment, expected_text)], [], set())


@dataclass(frozen=True)
class CsvLayout:
    columns: list[str]
    rows: Strategy[tuple[dict[str, str], Expected]]


# --------------------------------------------------------------------------- damage

RAW_MARKER = "\x01raw-json\x01"
# orjson reads JSON nested up to 1,024 levels: values just below that reach the parsers.
NESTING_DEPTHS = st.sampled_from((50, 900, 1_000, 1_020, 1_020, 1_100, 10_000))
JSON_DAMAGE = st.sampled_from(
    ("drop", "wrong_type", "wrong_type", "nested", "nested_container", "nested_container", "huge",
     "big_number")
)  # fmt: skip
HUGE_SIZES = st.integers(150_000, 2_500_000)
BAD_BYTES = st.sampled_from(
    (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x00", UTF8_BOM, b"\xc3")
)
WRONG_JSON_VALUES = st.sampled_from(
    (None, "", "abc", 1.5, -1, 0, True, [], {}, [[["x"]]], {"a": {"b": None}}, "9.06E+17",
     1.5896325023099904e18, "2020-13-45 99:99", "Thu Foo 99 99:99:99 +9999 2020", "  ",
     "\u0000", "null", 2**64 - 1, -(2**63))
)  # fmt: skip
WRONG_CSV_VALUE_LIST = (
    "", "abc", "1.5", "-", "9.06E+17", "1e400", "12,5", "32/13/2020 25:61", "2020-02-30",
    "Wed Foo 10 20:19:24 +0000 2018", "maybe", "[[[", "]", "{'a': 1}", "[{'id': []}]", "nan",
    "None", "null", "absent", "True", str(2**64 + 1), "9" * 5000, "#", "@", "[1, 'two', None]",
    "\x00", "\ufeff", "   ", "[" * 10_000 + "]" * 10_000,
)  # fmt: skip
WRONG_CSV_VALUES = st.sampled_from(WRONG_CSV_VALUE_LIST)


def nested_json(depth: int, kind: str) -> bytes:
    if kind == "arrays":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


def key_paths(value: object, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from key_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from key_paths(item, (*prefix, index))


def container_at(value: Any, path: tuple) -> Any:
    for step in path[:-1]:
        value = value[step]
    return value


def value_at(value: Any, path: tuple) -> Any:
    return container_at(value, path)[path[-1]]


def insert_bytes(data: bytes, position: int, extra: bytes) -> bytes:
    """``extra`` at ``position``, moved off an escaping backslash so quoting stays as it was."""
    while 0 < position < len(data) and data[position - 1 : position] == b"\\":
        position += 1
    return data[:position] + extra + data[position:]


@st.composite
def damaged_json(draw: Draw, record: dict[str, object], may_unbalance: bool) -> bytes:
    """A record damaged one way or several. ``may_unbalance``: the record is alone on its line
    (JSON lines), so its brackets and quotes may be cut; inside a JSON array they stay whole."""
    record = orjson.loads(orjson.dumps(record))
    raw: bytes | None = None
    for _ in range(draw(st.integers(1, 3))):
        how = draw(JSON_DAMAGE)
        paths = list(key_paths(record))
        if how == "nested_container":  # where a parser walks lists and objects
            paths = [path for path in paths if isinstance(value_at(record, path), list | dict)]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        holder = container_at(record, path)
        if how == "drop":
            del holder[path[-1]]
        elif how == "wrong_type":
            holder[path[-1]] = copy.deepcopy(draw(WRONG_JSON_VALUES))  # later damage edits it
        elif how == "huge":
            holder[path[-1]] = "x" * draw(HUGE_SIZES)
        elif raw is None:  # one raw value: nesting deeper than the encoder allows, big ints
            holder[path[-1]] = RAW_MARKER
            depth = draw(NESTING_DEPTHS)
            kind = draw(st.sampled_from(("arrays", "objects")))
            big = str(draw(st.integers(2**64, 10**40))).encode()
            raw = big if how == "big_number" else nested_json(depth, kind)
    data = orjson.dumps(record)
    if raw is not None:
        data = data.replace(orjson.dumps(RAW_MARKER), raw, 1)
    for _ in range(draw(st.integers(0, 2))):
        data = insert_bytes(data, draw(st.integers(0, len(data))), draw(BAD_BYTES))
    if may_unbalance and draw(st.booleans()):
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    return data


def csv_field(value: str, delimiter: str) -> str:
    if any(special in value for special in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_row(row: dict[str, str], columns: list[str], delimiter: str) -> bytes:
    text = delimiter.join(csv_field(row.get(column, ""), delimiter) for column in columns)
    return text.encode("utf-8")


@st.composite
def damaged_csv(
    draw: Draw, row: dict[str, str], columns: list[str], delimiter: str, last: bool
) -> bytes:
    """A row with wrong, blank, huge or deeply bracketed values, fields missing or extra,
    bad bytes; the last row of a file may also open a quote it never closes."""
    row = dict(row)
    fields = list(columns)
    for _ in range(draw(st.integers(1, 3))):
        column = draw(st.sampled_from(columns))
        how = draw(st.sampled_from(("wrong", "blank", "huge", "nested", "drop", "extra")))
        if how == "wrong":
            row[column] = draw(WRONG_CSV_VALUES)
        elif how == "blank":
            row[column] = ""
        elif how == "huge":
            row[column] = "x" * draw(HUGE_SIZES)
        elif how == "nested":
            row[column] = "[" * draw(NESTING_DEPTHS) + "]" * draw(NESTING_DEPTHS)
        elif how == "drop" and len(fields) > 1:
            fields = fields[: draw(st.integers(1, len(fields) - 1))]
        elif how == "extra":
            fields = fields + ["__extra__"] * draw(st.integers(1, 3))
            row["__extra__"] = "extra"
    data = csv_row(row, fields, delimiter)
    for _ in range(draw(st.integers(0, 2))):
        data = insert_bytes(data, draw(st.integers(0, len(data))), draw(BAD_BYTES))
    if last and draw(st.integers(0, 3)) == 0:
        data = data + delimiter.encode() + b'"an unclosed quote'
    return data


# --------------------------------------------------------------------------- files

# What happens to each generated record.
FATES = st.sampled_from(("intact", "intact", "duplicated", "damaged", "damaged"))
SEPARATORS = st.sampled_from((b"\n", b"\r\n", b"\r"))


@dataclass
class Layout:
    """How pieces are put together: JSON lines, a JSON array, or CSV under a header."""

    kind: str  # "lines", "array" or "csv"
    header: bytes = b""


def assemble(draw: Draw, pieces: list[Piece], layout: Layout) -> HostileFile:
    """Join pieces with mixed line ends (blank lines between some), maybe a BOM, maybe cut
    inside the last piece, maybe gzip; note the line where each piece starts."""
    content = bytearray(UTF8_BOM if draw(st.booleans()) else b"")
    if layout.kind == "csv":
        content += layout.header + draw(SEPARATORS)
    elif layout.kind == "array":
        content += b"[" + draw(SEPARATORS)
    placed: list[tuple[int, Piece]] = []
    for index, piece in enumerate(pieces):
        if layout.kind != "array" and draw(st.integers(0, 5)) == 0:
            content += draw(st.sampled_from((b"", b"   ", b"\t"))) + draw(SEPARATORS)
        offset = len(content)
        content += piece.data
        placed.append((offset, piece))
        is_last = index == len(pieces) - 1
        if layout.kind == "array":
            content += (b"" if is_last else b",") + draw(SEPARATORS)
        elif not is_last or draw(st.booleans()):
            content += draw(SEPARATORS)
    if layout.kind == "array":
        content += b"]" + draw(SEPARATORS)
    if placed and draw(st.integers(0, 4)) == 0:
        offset, piece = placed[-1]
        del content[offset + draw(st.integers(0, len(piece.data))) :]
        placed[-1] = (offset, Piece(piece.data, None))
    plain = bytes(content)
    gzipped = draw(st.integers(0, 5)) == 0
    pieces_at = [(start_line(plain, offset), piece) for offset, piece in placed]
    return HostileFile(gzip.compress(plain) if gzipped else plain, plain, pieces_at, gzipped)


@st.composite
def fates(draw: Draw, count: int) -> list[str]:
    return [draw(FATES) for _ in range(count)]


@st.composite
def hostile_json_files(
    draw: Draw,
    records: Strategy[tuple[dict[str, object], Expected]],
    arrays: bool,
    max_records: int,
    others: Strategy[dict[str, object]] | None = None,
) -> HostileFile:
    """JSON lines or an array; ``others``: values that are no records (API errors, stream
    messages) mixed in, intact or damaged: they may give a reject, never a traceback."""
    layout = Layout("array" if arrays and draw(st.booleans()) else "lines")
    pieces: list[Piece] = []
    for fate in draw(fates(draw(st.integers(1, max_records)))):
        record, expected = draw(records)
        if others is not None and draw(st.integers(0, 3)) == 0:
            record, expected = draw(others), Expected()
        if fate == "damaged":
            pieces.append(Piece(draw(damaged_json(record, layout.kind == "lines")), None))
            continue
        data = orjson.dumps(record)
        intact = expected if expected.posts or expected.accounts or expected.likes else None
        pieces += [Piece(data, intact)] * (2 if fate == "duplicated" else 1)
    return assemble(draw, pieces, layout)


@st.composite
def hostile_csv_files(
    draw: Draw, layouts: list[CsvLayout], delimiters: str, max_records: int
) -> HostileFile:
    layout = draw(st.sampled_from(layouts))
    delimiter = draw(st.sampled_from(delimiters))
    pieces: list[Piece] = []
    chosen = draw(fates(draw(st.integers(1, max_records))))
    for index, fate in enumerate(chosen):
        row, expected = draw(layout.rows)
        if fate == "damaged":
            last = index == len(chosen) - 1
            data = draw(damaged_csv(row, layout.columns, delimiter, last))
            pieces.append(Piece(data, None))
            continue
        data = csv_row(row, layout.columns, delimiter)
        pieces += [Piece(data, expected)] * (2 if fate == "duplicated" else 1)
    header = delimiter.join(layout.columns).encode()
    return assemble(draw, pieces, Layout("csv", header))


def hostile_files(
    fmt: str, texts: Strategy[str] = TEXTS, max_records: int = 6
) -> Strategy[HostileFile]:
    """Hostile files of format ``fmt``; ``texts``: the posts' texts (e.g. megabytes)."""
    if fmt == "twitter-v1":
        return hostile_json_files(v1_status(texts), True, max_records, V1_STREAM_MESSAGES)
    if fmt == "twarc2":
        return hostile_json_files(twarc2_line(texts), True, max_records, TWARC2_PROBLEMS)
    if fmt == "twint-json":
        return hostile_json_files(twint_tweet(False, texts), False, max_records)
    if fmt == "io-csv":
        tweets = CsvLayout(IO_TWEET_COLUMNS, io_tweet_row(texts))
        with_polls = CsvLayout(IO_TWEET_COLUMNS_WITH_POLLS, io_tweet_row(texts))
        users = CsvLayout(IO_USER_COLUMNS, io_user_row(texts))
        plain_users = CsvLayout(IO_PLAIN_USER_COLUMNS, io_user_row(texts))
        return hostile_csv_files([tweets, with_polls, users, plain_users], ",", max_records)
    if fmt == "ira-csv":
        return hostile_csv_files([CsvLayout(IRA_COLUMNS, ira_row(texts))], ",", max_records)
    if fmt == "twint-csv":
        layout = CsvLayout(TWINT_COLUMNS, twint_tweet(True, texts))
        return hostile_csv_files([layout], ",\t", max_records)
    if fmt == "generic-csv":
        accounts = CsvLayout(GENERIC_ACCOUNT_COLUMNS, generic_account_row(texts))
        interactions = CsvLayout(GENERIC_INTERACTION_COLUMNS, generic_interaction_row(texts))
        return hostile_csv_files([accounts, interactions], ",;\t", max_records)
    raise AssertionError(fmt)


# --------------------------------------------------------------------------- checks


def parsed_ids(record: Record) -> list[str]:
    if isinstance(record, AccountRecord):
        return [record.id]
    if isinstance(record, LikeRecord):
        return [record.post_id, record.account.id or ""]
    refs = [record.author, record.retweet_of_author, record.reply_to_author, record.quotes_author]
    ids = [record.id, record.retweet_of or "", record.reply_to or "", record.quotes or ""]
    ids += [ref.id or "" for ref in [*refs, *record.mentions] if ref is not None]
    return ids


def record_bytes(hostile: HostileFile) -> dict[int, bytes]:
    """The bytes of each piece by the line it starts on (several pieces may share none)."""
    found: dict[int, bytes] = {}
    for line, piece in hostile.pieces:
        found[line] = found.get(line, b"") + piece.data
    return found


def check_parse(path: Path, hostile: HostileFile, fmt: str) -> list[ParsedLine]:
    """Parse ``path`` and check every property; the parsed lines for further checks."""
    intact = hostile.intact()
    try:
        detected = sniff(path)
        lines = list(parse(path))
    except FormatError as error:
        assert str(path) in str(error), error
        assert not intact, f"{error} although the file holds intact records"
        return []
    assert detected == fmt
    by_line: dict[int, list[ParsedLine]] = {}
    for parsed in lines:
        by_line.setdefault(parsed.line, []).append(parsed)
        if parsed.reject is not None:
            reject = parsed.reject
            assert reject.path == str(path)
            assert 1 <= reject.line <= hostile.line_count, (reject, hostile.line_count)
            assert reject.reason.strip()
    written = record_bytes(hostile)
    for parsed in lines:
        source = written.get(parsed.line)
        for record in parsed.records:
            for each in parsed_ids(record):
                for digits in DIGIT_RUN.findall(IRA_TEXT_HASH.sub("", each)):
                    assert source is not None and digits.encode() in source, (
                        f"line {parsed.line}: id {each!r} is not written in the input"
                    )
    for line, expected in intact:
        check_intact(line, expected, by_line.get(line, []))
    return lines


def check_intact(line: int, expected: Expected, parsed: list[ParsedLine]) -> None:
    rejects = [each.reject for each in parsed if each.reject is not None]
    assert not rejects, f"intact record on line {line} rejected: {rejects}"
    records = [record for each in parsed for record in each.records]
    assert records, f"intact record on line {line} gave nothing"
    posts = {record.id: record for record in records if isinstance(record, PostRecord)}
    for post in expected.posts:
        assert post.id in posts, f"line {line}: post {post.id} lost ({sorted(posts)})"
        got = posts[post.id]
        assert got.author.id == post.author_id
        assert got.created_at == post.created_at, (line, got.created_at, post.created_at)
        assert got.text == post.text
    accounts = {record.id for record in records if isinstance(record, AccountRecord)}
    assert expected.accounts <= accounts, f"line {line}: accounts lost"
    likes = {
        ExpectedLike(record.post_id, record.account.id or "")
        for record in records
        if isinstance(record, LikeRecord)
    }
    assert set(expected.likes) <= likes


def write_hostile(path: Path, hostile: HostileFile) -> Path:
    path.write_bytes(hostile.content)
    return path


# --------------------------------------------------------------------------- properties


def check_generated_files(
    name: str,
    fmt: str,
    files: Strategy[HostileFile],
    intended: int,
    folder: Path,
    record_property: Callable[[str, object], None],
) -> None:
    """Parse ``intended`` files drawn from ``files`` and check every property on each."""
    GENERATED[name] = 0

    @hostile_settings(intended)
    @given(hostile=files)
    def parses_cleanly(hostile: HostileFile) -> None:
        GENERATED[name] += 1
        check_parse(write_hostile(folder / "input.data", hostile), hostile, fmt)

    parses_cleanly()
    report_generated(name, intended, record_property)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_files_parse_without_traceback_and_lose_nothing_valid(
    fmt: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    files = hostile_files(fmt)
    name = f"{fmt} hostile files"
    check_generated_files(name, fmt, files, HOSTILE_FILES_PER_PARSER, tmp_path, record_property)


HUGE_TEXTS = st.builds(
    lambda unit, size: (unit * (size // len(unit) + 1))[:size],
    st.text("ab é😀\"',;\t\r\n", min_size=1, max_size=8),
    st.sampled_from((1 << 20, 3 << 20)),
)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_megabyte_texts_come_out_byte_for_byte(
    fmt: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    files = hostile_files(fmt, HUGE_TEXTS, max_records=3)
    name = f"{fmt} megabyte texts"
    check_generated_files(name, fmt, files, HUGE_FILES_PER_PARSER, tmp_path, record_property)


# --------------------------------------------------------------------------- every field

# Real records as templates: every field of each is damaged in every way below, one damaged
# copy per line, each followed by the intact record (which must still give what it gave alone).
JSON_TEMPLATES = {
    "twitter-v1 rtweet statuses": ("twitter-v1", SHARED_DATA / "v1" / "rtweet_statuses.jsonl"),
    "twarc2 flattened": ("twarc2", SHARED_DATA / "twarc2" / "flat.jsonl"),
    "twarc2 stream with errors": (
        "twarc2",
        SHARED_DATA / "twarc2" / "streaming_output_with_error.jsonl",
    ),
    "twarc2 liking users": ("twarc2", FIXTURES / "twarc2_liking_users.jsonl"),
    "twarc2 retweeted by": ("twarc2", FIXTURES / "twarc2_retweeted_by.jsonl"),
    "twint json": ("twint-json", FIXTURES / "twint.json"),
}
CSV_TEMPLATES = {
    "io tweets": ("io-csv", FIXTURES / "io_tweets_30.csv"),
    "io tweets with polls": ("io-csv", FIXTURES / "io_tweets_31.csv"),
    "io users": ("io-csv", FIXTURES / "io_users_plain.csv"),
    "ira": ("ira-csv", FIXTURES / "ira.csv"),
    "twint csv": ("twint-csv", FIXTURES / "twint.csv"),
    "generic accounts": ("generic-csv", FIXTURES / "generic_accounts.csv"),
    "generic interactions": ("generic-csv", FIXTURES / "generic_interactions.csv"),
}
TEMPLATE_RECORDS = 4
MAX_PATHS = 150
FIELD_DAMAGE: tuple[bytes | None, ...] = (
    None,  # the field is dropped
    b"null", b'"abc"', b"1.5", b"-1", b"true", b"[]", b"{}", b'"9.06E+17"', b'""',
    b"1" + b"0" * 25,  # an integer beyond 64 bits
    nested_json(1_000, "arrays"), nested_json(1_020, "objects"), nested_json(10_000, "arrays"),
)  # fmt: skip


def every_field_damaged(record: dict[str, object]) -> Iterator[bytes]:
    paths = list(key_paths(record))
    step = max(1, len(paths) // MAX_PATHS)
    for path in paths[::step]:
        for damage in FIELD_DAMAGE:
            copy = orjson.loads(orjson.dumps(record))
            holder = container_at(copy, path)
            if damage is None:
                del holder[path[-1]]
                yield orjson.dumps(copy)
            else:
                holder[path[-1]] = RAW_MARKER
                yield orjson.dumps(copy).replace(orjson.dumps(RAW_MARKER), damage, 1)


def check_template_variants(
    path: Path, fmt: str, entries: list[tuple[bytes, list[Record] | None]]
) -> None:
    """``entries``: each record's bytes (one per line, or a CSV row that may span several)
    and, for intact ones, the records it must give."""
    starts: dict[int, tuple[bytes, list[Record] | None]] = {}
    line = 1
    for data, expected in entries:
        starts[line] = (data, expected)
        line += len(LINE_BREAK.findall(data)) + 1
    path.write_bytes(b"".join(data + b"\n" for data, _ in entries))
    line_count = line - 1
    by_line: dict[int, list[ParsedLine]] = {}
    for each in parse(path, fmt):
        by_line.setdefault(each.line, []).append(each)
        if each.reject is not None:
            assert each.reject.path == str(path)
            assert 1 <= each.reject.line <= line_count
        written = starts[each.line][0]
        for record in each.records:
            for identifier in parsed_ids(record):
                for digits in DIGIT_RUN.findall(IRA_TEXT_HASH.sub("", identifier)):
                    assert digits.encode() in written, (each.line, identifier)
    for line, (_, expected) in starts.items():
        if expected is not None:
            got = [record for each in by_line.get(line, []) for record in each.records]
            assert got == expected, f"line {line}: the intact record changed or was lost"


@pytest.mark.parametrize("template", sorted(JSON_TEMPLATES))
def test_every_field_of_real_json_records_damaged_every_way(
    template: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    fmt, source = JSON_TEMPLATES[template]
    if not source.exists():
        pytest.skip(f"{source} is not here")
    name = f"{fmt} field damage ({template})"
    GENERATED[name] = 0
    with open(source, "rb") as handle:
        originals = [line.strip() for line in handle if line.strip()][:TEMPLATE_RECORDS]
    for index, original in enumerate(originals):
        single = tmp_path / f"single-{index}.jsonl"
        single.write_bytes(original + b"\n")
        alone = [record for each in parse(single, fmt) for record in each.records]
        lines: list[tuple[bytes, list[Record] | None]] = [(original, alone)]
        for damaged in every_field_damaged(orjson.loads(original)):
            lines += [(damaged, None), (original, alone)]
        GENERATED[name] += len(lines) // 2
        check_template_variants(tmp_path / f"damaged-{index}.jsonl", fmt, lines)
    report_generated(name, 1, record_property)


@pytest.mark.parametrize("template", sorted(CSV_TEMPLATES))
def test_every_field_of_real_csv_rows_damaged_every_way(
    template: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    fmt, source = CSV_TEMPLATES[template]
    name = f"{fmt} field damage ({template})"
    GENERATED[name] = 0
    header, *rows = list(csv.reader(source.read_text(encoding="utf-8").splitlines(True)))
    header_bytes = ",".join(header).encode()
    for index, values in enumerate(rows[:TEMPLATE_RECORDS]):
        row = dict(zip(header, values, strict=True))
        original = csv_row(row, header, ",")
        single = tmp_path / f"single-{index}.csv"
        single.write_bytes(header_bytes + b"\n" + original + b"\n")
        alone = [record for each in parse(single, fmt) for record in each.records]
        lines: list[tuple[bytes, list[Record] | None]] = [(header_bytes, None)]
        lines.append((original, alone))
        for column in header:
            for value in WRONG_CSV_VALUE_LIST:
                damaged = csv_row({**row, column: value}, header, ",")
                lines += [(damaged, None), (original, alone)]
        GENERATED[name] += len(lines) // 2
        check_template_variants(tmp_path / f"damaged-{index}.csv", fmt, lines)
    report_generated(name, 1, record_property)


ALL_SPELLINGS = ("v1", "iso", "minutes", "day", "ira", "epoch_seconds", "epoch_millis",
                 "twint_zone")  # fmt: skip


def test_every_time_spelling_gives_the_exact_instant(
    record_property: Callable[[str, object], None],
) -> None:
    name = "parse_time spellings"
    GENERATED[name] = 0

    @hostile_settings(VALUE_EXAMPLES)
    @given(spelled=st.sampled_from(ALL_SPELLINGS).flatmap(time_spellings))
    def exact(spelled: tuple[object, datetime]) -> None:
        GENERATED[name] += 1
        value, expected = spelled
        assert parse_time(value, "t") == expected
        if isinstance(value, str):
            assert parse_time(f"  {value}\t", "t") == expected

    exact()
    report_generated(name, VALUE_EXAMPLES, record_property)


def test_ids_are_exact_text_or_refused(record_property: Callable[[str, object], None]) -> None:
    name = "parse_id values"
    GENERATED[name] = 0
    any_id = st.one_of(NUMERIC_IDS, st.integers(0, 10**40))

    @hostile_settings(VALUE_EXAMPLES)
    @given(number=any_id, spelling=st.sampled_from(("int", "text", "json", "float", "e")))
    def exact(number: int, spelling: str) -> None:
        GENERATED[name] += 1
        if spelling == "int":
            assert parse_id(number, "id") == str(number)
        elif spelling == "text":
            assert parse_id(f" {number} ", "id") == str(number)
        elif spelling == "json":  # as a JSON reader gives it: exact int, or a float
            value = orjson.loads(str(number).encode())
            try:
                assert parse_id(value, "id") == str(number)
            except FieldError:
                assert isinstance(value, float)
        else:
            lossy = float(number) if spelling == "float" else f"{float(number):E}"
            with pytest.raises(FieldError):
                parse_id(lossy, "id")

    exact()
    report_generated(name, VALUE_EXAMPLES, record_property)


def test_binary_and_foreign_files_give_a_format_error_or_only_rejects(
    tmp_path: Path,
) -> None:
    foreign = {
        "utf16.csv": "id,username,tweet\n1,a,b\n".encode("utf-16"),
        "zip.json": b"PK\x03\x04" + bytes(200),
        "nul.jsonl": b"\x00" * 500,
        "bad-header.csv": b"tweetid,user\xffid,tweet_text\n1,2,3\n",
        "deep.json": b"[" * 10_000 + b"]" * 10_000,
        "garbage.csv": bytes(range(256)) * 20,
    }
    for fmt in ("auto", *FORMATS):
        for name, content in foreign.items():
            path = tmp_path / name
            path.write_bytes(content)
            try:
                lines = list(parse(path, fmt))
            except FormatError as error:
                assert str(error).startswith(str(path))
                continue
            for parsed in lines:
                assert parsed.reject is not None or not parsed.records, (fmt, name)


# --------------------------------------------------------------------------- the real loader


@st.composite
def hostile_collections(draw: Draw) -> dict[str, HostileFile]:
    return {fmt: draw(hostile_files(fmt)) for fmt in sorted(FORMATS)}


def written_once(identifier: str, pieces: set[bytes]) -> bool:
    """Whether only one record (and its duplicates) spells the id: another record may reuse an
    id with other content, and then the graph holds one post for both."""
    parts = DIGIT_RUN.findall(identifier) or [identifier]
    return all(sum(part.encode() in data for data in pieces) == 1 for part in parts)


def check_loaded(graph: Graph, files: dict[str, tuple[Path, HostileFile]]) -> int:
    """Every intact record is in the graph; how many posts were compared field by field."""
    posts = {
        row["id"]: row
        for row in graph.query(
            "MATCH (p:Post) OPTIONAL MATCH (a:Account)-[:POSTED]->(p) "
            "RETURN p.id AS id, p.text AS text, p.created_at AS created_at, a.id AS author"
        )
    }
    accounts = {row["id"] for row in graph.query("MATCH (a:Account) RETURN a.id AS id")}
    likes = {
        (row["post"], row["account"])
        for row in graph.query(
            "MATCH (a:Account)-[:LIKED]->(p:Post) RETURN p.id AS post, a.id AS account"
        )
    }
    pieces = {piece.data for _, hostile in files.values() for _, piece in hostile.pieces}
    compared = 0
    for _, hostile in files.values():
        for _, expected in hostile.intact():
            assert expected.accounts <= accounts
            assert {(like.post_id, like.account_id) for like in expected.likes} <= likes
            for post in expected.posts:
                row = posts[post.id]
                if not written_once(post.id, pieces):
                    continue
                compared += 1
                assert row["text"] == post.text
                assert row["author"] == post.author_id
                if post.created_at is not None:
                    assert row["created_at"].to_native() == post.created_at
    return compared


def test_hostile_files_load_into_neo4j_without_traceback_losing_nothing_valid(
    graph: Graph, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    name = "database loads of hostile files (one file per parser each)"
    GENERATED[name] = 0
    compared: list[int] = []

    @hostile_settings(DATABASE_ROUNDS)
    @given(collection=hostile_collections())
    def loads_cleanly(collection: dict[str, HostileFile]) -> None:
        GENERATED[name] += 1
        empty_database(graph)
        folder = tmp_path / f"round-{GENERATED[name]}"
        folder.mkdir()
        files = {
            fmt: (write_hostile(folder / f"{fmt}.data", hostile), hostile)
            for fmt, hostile in collection.items()
        }
        report = load(graph, [folder], "hostile", rejects_dir=tmp_path / "rejects")
        line_counts = {str(path): hostile.line_count for path, hostile in files.values()}
        for reject in report.rejects:
            assert reject.path in line_counts
            if reject.line == 0:  # a file refused as a whole: none of it was intact
                assert not files[Path(reject.path).stem][1].intact(), reject
            else:
                assert 1 <= reject.line <= line_counts[reject.path], reject
        compared.append(check_loaded(graph, files))
        again = load(graph, [folder], "hostile", reload=True, rejects_dir=tmp_path / "rejects")
        assert again.nodes_added == {label: 0 for label in again.nodes_added}
        assert len(again.rejects) == len(report.rejects)

    loads_cleanly()
    report_generated(name, DATABASE_ROUNDS, record_property)
    print(f"posts compared field by field in the graph: {compared}")
    assert sum(compared) >= 5


HUGE = 2 * 1024 * 1024


def test_megabyte_names_ids_and_texts_load_or_are_rejected_with_file_and_line(
    graph: Graph, tmp_path: Path
) -> None:
    """Indexed values (keys, names, hashtags, urls) of megabytes must not break a load: the
    record is loaded or rejected with file:line; the small records around it load."""
    huge = "é" * HUGE

    def status(post_id: int, **changes: object) -> dict[str, object]:
        user = {"id_str": str(post_id + 1), "screen_name": f"user{post_id}", "name": "N"}
        record: dict[str, object] = {
            "id_str": str(post_id),
            "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            "text": "small",
            "user": user,
            "entities": {"hashtags": [], "urls": [], "user_mentions": []},
        }
        for key, value in changes.items():
            if key.startswith("user_"):
                user[key.removeprefix("user_")] = value
            else:
                record[key] = value
        return record

    lines = [
        status(10),
        status(20, text=huge),
        status(30, user_screen_name=huge),
        status(40, user_name=huge),
        status(50, id_str="9" * HUGE),
        status(60, entities={"hashtags": [{"text": huge}], "urls": [], "user_mentions": []}),
        status(70, entities={"hashtags": [], "urls": [{"expanded_url": "https://x.org/" + huge}]}),
        status(80, user_description=huge),
        status(90),
    ]
    path = tmp_path / "huge.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines) + b"\n")
    report = load(graph, [path], "huge", rejects_dir=tmp_path)
    rejected = {reject.line for reject in report.rejects}
    print("rejected:", [f"{reject.line}: {reject.reason[:120]}" for reject in report.rejects])
    assert all(reject.path == str(path) for reject in report.rejects)
    ids = {row["id"] for row in graph.query("MATCH (p:Post) RETURN p.id AS id")}
    assert {"10", "20", "80", "90"} <= ids
    missing = {number for number, line in enumerate(lines, 1) if line["id_str"] not in ids}
    assert missing == rejected  # whatever did not load is named, file and line
    [text] = graph.query("MATCH (p:Post {id: '20'}) RETURN p.text AS text")
    assert text["text"] == huge
