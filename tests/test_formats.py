"""The input parsers, on the shared real samples and on small fixtures: pure parsing, no
database. Expected numbers come from reading the raw files with the json module (or from
the fixtures' content, written by hand), never from the parsers themselves."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoops.loader.formats import FORMATS, FormatError, InputError, is_empty, parse, sniff
from infoops.loader.formats.reading import FieldError, parse_id, parse_int, parse_time
from infoops.loader.records import (
    AccountRecord,
    AccountRef,
    LikeRecord,
    ParsedLine,
    PostRecord,
    Record,
)

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("INFOOPS_SHARED_DATA", REPO.parent / "shared" / "data"))
V1_SAMPLE = SHARED_DATA / "v1" / "rtweet_statuses.jsonl"
TWARC2 = SHARED_DATA / "twarc2"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"

needs_shared = pytest.mark.skipif(not V1_SAMPLE.exists(), reason="shared/data not present")


# --------------------------------------------------------------------------- helpers


def parsed(path: Path, fmt: str = "auto") -> list[ParsedLine]:
    return list(parse(path, fmt))


def records(lines: Iterable[ParsedLine]) -> list[Record]:
    return [record for line in lines for record in line.records]


def posts(lines: Iterable[ParsedLine]) -> list[PostRecord]:
    return [record for record in records(lines) if isinstance(record, PostRecord)]


def accounts(lines: Iterable[ParsedLine]) -> list[AccountRecord]:
    return [record for record in records(lines) if isinstance(record, AccountRecord)]


def likes(lines: Iterable[ParsedLine]) -> list[LikeRecord]:
    return [record for record in records(lines) if isinstance(record, LikeRecord)]


def rejects(lines: Iterable[ParsedLine]) -> list[tuple[int, str]]:
    return [(line.reject.line, line.reject.reason) for line in lines if line.reject]


def kinds(lines: Iterable[ParsedLine]) -> Counter[str]:
    return Counter(post.kind for post in posts(lines))


def post_by_id(lines: Iterable[ParsedLine], post_id: str) -> PostRecord:
    return next(post for post in posts(lines) if post.id == post_id)


def json_lines(path: Path) -> Iterator[dict[str, object]]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.strip():
                yield json.loads(line)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def status(status_id: int, user_id: int, text: str, **extra: object) -> dict[str, object]:
    """A minimal but genuine-looking v1.1 status."""
    return {
        "created_at": "Wed Oct 10 20:19:24 +0000 2018",
        "id": status_id,
        "id_str": str(status_id),
        "text": text,
        "user": {
            "id": user_id,
            "id_str": str(user_id),
            "screen_name": f"user{user_id}",
            "name": f"User {user_id}",
            "followers_count": 10,
            "friends_count": 20,
            "created_at": "Mon Jan 01 00:00:00 +0000 2018",
        },
        "entities": {"hashtags": [], "user_mentions": [], "urls": []},
        **extra,
    }


def jsonl(*values: object) -> bytes:
    return b"".join(json.dumps(value, ensure_ascii=False).encode() + b"\n" for value in values)


# --------------------------------------------------------------------------- sniffing


@needs_shared
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (V1_SAMPLE, "twitter-v1"),
        (TWARC2 / "noflat.jsonl", "twarc2"),
        (TWARC2 / "2sets.jsonl", "twarc2"),
        (TWARC2 / "flat.jsonl", "twarc2"),
        (TWARC2 / "users.jsonl", "twarc2"),
        (TWARC2 / "streaming_output_with_error.jsonl", "twarc2"),
        (TWARC2 / "mentions_tweet.jsonl", "twarc2"),
    ],
)
def test_sniff_recognizes_the_shared_samples(path: Path, expected: str) -> None:
    assert sniff(path) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("io_tweets_30.csv", "io-csv"),
        ("io_tweets_31.csv", "io-csv"),
        ("io_users_prefixed.csv", "io-csv"),
        ("io_users_plain.csv", "io-csv"),
        ("twint.json", "twint-json"),
        ("twint.csv", "twint-csv"),
        ("ira.csv", "ira-csv"),
        ("generic_accounts.csv", "generic-csv"),
        ("generic_interactions.csv", "generic-csv"),
        ("twarc2_liking_users.jsonl", "twarc2"),
        ("twarc2_retweeted_by.jsonl", "twarc2"),
    ],
)
def test_sniff_recognizes_the_fixtures(name: str, expected: str) -> None:
    assert sniff(FIXTURES / name) == expected


def test_every_format_name_is_registered() -> None:
    assert set(FORMATS) == {
        "twitter-v1",
        "twarc2",
        "io-csv",
        "twint-json",
        "twint-csv",
        "ira-csv",
        "generic-csv",
    }


def test_sniff_looks_at_content_not_the_file_name(tmp_path: Path) -> None:
    misnamed = write(tmp_path / "tweets.csv", jsonl(status(1, 2, "hello")))
    assert sniff(misnamed) == "twitter-v1"


def test_sniff_skips_stream_control_messages(tmp_path: Path) -> None:
    stream = jsonl(
        {"limit": {"track": 12, "timestamp_ms": "1539202764000"}},
        {"delete": {"status": {"id": 1, "id_str": "1", "user_id": 2, "user_id_str": "2"}}},
        status(3, 4, "hi"),
    )
    path = write(tmp_path / "stream.json", stream)
    assert sniff(path) == "twitter-v1"
    lines = parsed(path)
    assert [line.line for line in lines] == [3]
    assert rejects(lines) == []


def test_unknown_content_is_a_format_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", b"just some notes\nnothing tabular\n")
    with pytest.raises(FormatError, match=r"notes\.txt"):
        parse(path)
    json_path = write(tmp_path / "other.json", jsonl({"foo": 1}, {"bar": 2}))
    with pytest.raises(FormatError, match=r"other\.json.*JSON of no known format"):
        sniff(json_path)


def test_an_unknown_csv_header_is_told_the_nearest_layout_it_misses(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", b"handle,platform,name\nbob,twitter,Bob\n")
    with pytest.raises(
        FormatError,
        match=r"people\.csv: no known format .*header is: handle, platform, name; the nearest "
        r"known layout is generic-csv accounts\.csv, which also needs account_id or id\)",
    ):
        sniff(path)
    unrelated = write(tmp_path / "numbers.csv", b"a,b\n1,2\n")
    with pytest.raises(FormatError, match=r"header is: a, b\)$"):
        sniff(unrelated)


def test_format_error_is_an_input_error_and_a_value_error(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", b"a,b\n1,2\n")
    with pytest.raises(InputError) as caught:
        parse(path)
    assert isinstance(caught.value, ValueError)


def test_binary_and_other_compressions_are_refused(tmp_path: Path) -> None:
    zipped = write(tmp_path / "data.zip", b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(FormatError, match="zip archive"):
        parse(zipped)
    utf16 = write(tmp_path / "u16.csv", "a,b\n".encode("utf-16"))
    with pytest.raises(FormatError, match="UTF-16"):
        parse(utf16, "generic-csv")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        parse(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------- forced formats


@needs_shared
def test_forcing_the_wrong_format_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"rtweet_statuses.jsonl.*looks like twitter-v1"):
        parse(V1_SAMPLE, "twarc2")
    with pytest.raises(FormatError, match=r"--format io-csv reads CSV, but this file is JSON"):
        parse(V1_SAMPLE, "io-csv")
    with pytest.raises(FormatError, match=r"--format twitter-v1 reads JSON"):
        parse(FIXTURES / "ira.csv", "twitter-v1")
    with pytest.raises(FormatError, match="looks like ira-csv"):
        parse(FIXTURES / "ira.csv", "io-csv")


def test_forcing_the_right_format_works() -> None:
    assert len(parsed(FIXTURES / "ira.csv", "ira-csv")) == 8


def test_forcing_a_csv_format_on_a_csv_without_its_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.csv", b"\nname,count\nx,1\n")
    with pytest.raises(FormatError, match=r"plain.csv:2: not a io-csv file: missing column"):
        parsed(path, "io-csv")


def test_unknown_format_name(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(status(1, 2, "x")))
    with pytest.raises(FormatError, match="unknown format 'facebook-json'"):
        parse(path, "facebook-json")


# --------------------------------------------------------------------------- v1.1


def _v1_expectations(item: dict[str, object]) -> tuple[int, Counter[str]]:
    """Posts (= user objects) one status yields, and their kinds, from the raw JSON."""
    kind_counts: Counter[str] = Counter()
    total = 0
    stack = [item]
    while stack:
        current = stack.pop()
        total += 1
        if "retweeted_status" in current:
            kind_counts["retweet"] += 1
            stack.append(current["retweeted_status"])  # type: ignore[arg-type]
            continue
        if current.get("in_reply_to_status_id_str") or current.get("in_reply_to_user_id_str"):
            kind_counts["reply"] += 1
        elif "quoted_status" in current or current.get("quoted_status_id_str"):
            kind_counts["quote"] += 1
        else:
            kind_counts["post"] += 1
        if "quoted_status" in current:
            stack.append(current["quoted_status"])  # type: ignore[arg-type]
    return total, kind_counts


@needs_shared
def test_v1_sample_counts_match_the_raw_json() -> None:
    raw = list(json_lines(V1_SAMPLE))
    expected_posts = 0
    expected_kinds: Counter[str] = Counter()
    for item in raw:
        total, item_kinds = _v1_expectations(item)
        expected_posts += total
        expected_kinds += item_kinds
    lines = parsed(V1_SAMPLE)
    assert len(raw) == 544
    assert len(lines) == 544
    assert rejects(lines) == []
    assert len(posts(lines)) == expected_posts
    assert len(accounts(lines)) == expected_posts  # one user object per status object
    assert kinds(lines) == expected_kinds
    assert expected_kinds["retweet"] == sum("retweeted_status" in item for item in raw) == 113
    own_posts = [line.records[-1] for line in lines]
    assert [post.id for post in own_posts] == [item["id_str"] for item in raw]  # type: ignore[union-attr]


def test_v1_embedded_authors_are_seen_when_the_outer_status_was_made(tmp_path: Path) -> None:
    # The profile embedded in a retweet is the author's at the time of the retweet: renamed
    # since the original, it must not be dated back to the original's time.
    original = status(1, 7, "giveaway", created_at="Fri May 29 00:40:00 +0000 2020")
    original["user"] = {**original["user"], "screen_name": "elonmusk_giveaway"}  # type: ignore[dict-item]
    quoted = status(2, 8, "look", created_at="Thu May 28 10:00:00 +0000 2020")
    retweet = status(3, 9, "RT", created_at="Fri May 29 18:14:00 +0000 2020",
                     retweeted_status=original)  # fmt: skip
    quote = status(4, 9, "see this", created_at="Fri May 29 19:00:00 +0000 2020",
                   quoted_status=quoted)  # fmt: skip
    lines = parsed(write(tmp_path / "statuses.jsonl", jsonl(retweet, quote)))
    seen = {(a.id, a.seen_at) for a in accounts(lines)}
    assert seen == {
        ("7", datetime(2020, 5, 29, 18, 14, tzinfo=UTC)),
        ("9", datetime(2020, 5, 29, 18, 14, tzinfo=UTC)),
        ("8", datetime(2020, 5, 29, 19, 0, tzinfo=UTC)),
        ("9", datetime(2020, 5, 29, 19, 0, tzinfo=UTC)),
    }
    assert post_by_id(lines, "1").created_at == datetime(2020, 5, 29, 0, 40, tzinfo=UTC)


@needs_shared
def test_v1_sample_fields_by_hand() -> None:
    lines = parsed(V1_SAMPLE)
    first = lines[0].records
    assert first[0] == AccountRecord(
        platform="twitter",
        id="69133574",
        screen_name="hadleywickham",
        display_name="Hadley Wickham",
        created_at=datetime(2009, 8, 26, 23, 34, 46, tzinfo=UTC),
        followers=139949,
        following=284,
        verified=True,
        description="R, data, visualisation, 🐕, 🍸, 🌈. He/him. @posit_pbc",
        location="Houston, TX",
        seen_at=datetime(2022, 11, 7, 14, 54, 57, tzinfo=UTC),
    )
    post = first[1]
    assert isinstance(post, PostRecord)
    assert post.id == "1589632502309990401"
    assert post.kind == "post"
    assert post.text is not None and post.text.endswith("I love you feedback😀 #rstats")
    assert post.hashtags == ["rstats"]
    assert post.urls == ["https://r4ds.hadley.nz/regexps.html"]
    assert (post.like_count, post.retweet_count) == (408, 77)
    assert post.source == "Twitter Web App"
    assert post.lang == "en"

    retweet = lines[5].records[-1]  # line 6
    assert isinstance(retweet, PostRecord)
    assert retweet.kind == "retweet"
    assert retweet.id == "1590090868878635008"
    assert retweet.retweet_of == "1562609631402176512"
    assert retweet.retweet_of_author == AccountRef("twitter", "156666863", "CStoreNews_")
    assert retweet.hashtags == [] and retweet.mentions == [] and retweet.urls == []
    assert retweet.like_count is None
    original = post_by_id(lines[5:6], "1562609631402176512")
    assert original.author.id == "156666863"
    assert "datascience" in original.hashtags

    reply = lines[3].records[-1]  # line 4
    assert isinstance(reply, PostRecord)
    assert reply.kind == "reply"
    assert reply.reply_to == "1589816408636264448"
    assert reply.reply_to_author == AccountRef("twitter", "597868047", "robinson_es")
    assert [mention.screen_name for mention in reply.mentions] == [
        "robinson_es",
        "hadleywickham",
        "SaveToNotion",
    ]

    quote = lines[15].records[-1]  # line 16
    assert isinstance(quote, PostRecord)
    assert quote.kind == "quote"
    assert quote.quotes == "1590034649862246402"
    assert quote.quotes_author is not None and quote.quotes_author.id == "219932455"


@needs_shared
def test_v1_gzip_gives_the_same_as_plain(tmp_path: Path) -> None:
    packed = write(tmp_path / "statuses.jsonl.gz", gzip.compress(V1_SAMPLE.read_bytes()))
    assert sniff(packed) == "twitter-v1"
    assert parsed(packed) == parsed(V1_SAMPLE)


@needs_shared
def test_v1_json_array_pretty_printed(tmp_path: Path) -> None:
    raw = list(json_lines(V1_SAMPLE))[:20]
    text = json.dumps(raw, indent=2, ensure_ascii=False)
    path = write(tmp_path / "statuses.json", text.encode())
    lines = parsed(path)
    assert len(lines) == 20
    assert rejects(lines) == []
    # Each element's line is where its "{" stands in the pretty-printed file.
    opening_lines = [number for number, line in enumerate(text.splitlines(), 1) if line == "  {"]
    assert [line.line for line in lines] == opening_lines
    plain = parsed(write(tmp_path / "plain.jsonl", jsonl(*raw)))
    assert records(lines) == records(plain)


def test_json_array_on_one_line_and_concatenated(tmp_path: Path) -> None:
    items = [status(n, 100 + n, f"tweet {n}") for n in range(1, 6)]
    one_line = json.dumps(items[:3]) + json.dumps(items[3:])
    lines = parsed(write(tmp_path / "array.json", one_line.encode()))
    assert [post.id for post in posts(lines)] == ["1", "2", "3", "4", "5"]
    assert {line.line for line in lines} == {1}


def test_json_array_cut_off_is_a_reject(tmp_path: Path) -> None:
    items = [status(n, 100 + n, f"tweet {n}") for n in range(1, 4)]
    text = json.dumps(items, indent=1)
    cut = text[: text.index('"tweet 3"')]
    lines = parsed(write(tmp_path / "cut.json", cut.encode()))
    assert len(posts(lines)) == 2
    [(line, reason)] = rejects(lines)
    assert "ends inside an element" in reason
    element_start = cut.rfind("\n {") + 1
    assert line == cut.count("\n", 0, element_start) + 1


def test_json_array_with_a_bad_element_rejects_only_it(tmp_path: Path) -> None:
    good = json.dumps(status(1, 2, "ok"))
    text = f'[\n{good},\n{{"id": 2, "text": tru}},\n{json.dumps(status(3, 4, "ok"))}\n]\n'
    lines = parsed(write(tmp_path / "bad.json", text.encode()))
    assert [post.id for post in posts(lines)] == ["1", "3"]
    [(line, reason)] = rejects(lines)
    assert line == 3 and reason.startswith("array element 2: invalid JSON")


def test_v1_stream_messages_are_skipped_but_other_objects_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl",
        jsonl(status(1, 2, "a"), {"delete": {"status": {"id": 9}}}, {"hello": "world"}, [1, 2]),
    )
    lines = parsed(path, "twitter-v1")
    assert rejects(lines) == [
        (3, "not a v1.1 status (keys: hello)"),
        (4, "line: expected an object, got list"),
    ]
    assert len(posts(lines)) == 1


def test_v1_extended_tweet_and_entities(tmp_path: Path) -> None:
    item = status(
        5,
        6,
        "short…",
        truncated=True,
        extended_tweet={
            "full_text": "The whole long text #Full @someone https://t.co/z",
            "entities": {
                "hashtags": [{"text": "Full"}],
                "user_mentions": [{"id_str": "77", "screen_name": "someone"}],
                "urls": [{"url": "https://t.co/z", "expanded_url": "https://example.org/z"}],
            },
        },
    )
    [post] = posts(parsed(write(tmp_path / "e.jsonl", jsonl(item))))
    assert post.text == "The whole long text #Full @someone https://t.co/z"
    assert post.hashtags == ["full"]
    assert post.mentions == [AccountRef("twitter", "77", "someone")]
    assert post.urls == ["https://example.org/z"]


def test_v1_wrong_type_rejects_the_line_with_the_field(tmp_path: Path) -> None:
    bad = status(1, 2, "x")
    bad["user"]["followers_count"] = "abc"  # type: ignore[index]
    path = write(tmp_path / "t.jsonl", jsonl(status(3, 4, "ok"), bad))
    lines = parsed(path)
    assert rejects(lines) == [(2, "user.followers_count: not a number: 'abc'")]
    assert len(posts(lines)) == 1


def test_ids_above_2_53_stay_exact_and_float_ids_are_refused(tmp_path: Path) -> None:
    big = 1589632502309990401
    assert big > 2**53
    without_id_str = status(0, 2, "x")
    without_id_str.pop("id_str")
    without_id_str["id"] = big
    float_id = status(0, 2, "y")
    float_id.pop("id_str")
    float_id["id"] = 1.5896325023099904e18
    lines = parsed(write(tmp_path / "ids.jsonl", jsonl(without_id_str, float_id)))
    assert posts(lines)[0].id == "1589632502309990401"
    [(line, reason)] = rejects(lines)
    assert line == 2 and "float" in reason
    # A hand-written line whose number is only exact as an integer literal.
    literal = json.dumps(status(0, 2, "z")).replace('"id": 0, "id_str": "0"', f'"id": {big}')
    assert posts(parsed(write(tmp_path / "lit.jsonl", literal.encode())))[0].id == str(big)


# --------------------------------------------------------------------------- twarc2


def _v2_kind(tweet: dict[str, object]) -> str:
    types = {ref["type"] for ref in tweet.get("referenced_tweets", [])}  # type: ignore[union-attr]
    if "retweeted" in types:
        return "retweet"
    if "replied_to" in types or tweet.get("in_reply_to_user_id"):
        return "reply"
    if "quoted" in types:
        return "quote"
    return "post"


@needs_shared
@pytest.mark.parametrize("name", ["noflat.jsonl", "2sets.jsonl", "mentions_tweet.jsonl"])
def test_twarc2_pages_match_the_raw_json(name: str) -> None:
    pages = list(json_lines(TWARC2 / name))
    tweets = [t for page in pages for t in page["data"] + page["includes"].get("tweets", [])]  # type: ignore[operator,union-attr]
    users = [u for page in pages for u in page["includes"].get("users", [])]  # type: ignore[union-attr]
    lines = parsed(TWARC2 / name)
    assert len(lines) == len(pages)
    assert rejects(lines) == []
    assert len(posts(lines)) == len(tweets)
    assert len(accounts(lines)) == len(users)
    assert kinds(lines) == Counter(_v2_kind(tweet) for tweet in tweets)
    assert [line.metadata for line in lines] == [page["__twarc"] for page in pages]
    retrieved = [datetime.fromisoformat(page["__twarc"]["retrieved_at"]) for page in pages]  # type: ignore[index]
    assert {account.seen_at for account in accounts(lines)} <= set(retrieved)


@needs_shared
def test_twarc2_noflat_resolves_mentions_and_retweet_authors() -> None:
    lines = parsed(TWARC2 / "noflat.jsonl")
    retweet = post_by_id(lines, "1380242611781386245")
    assert retweet.kind == "retweet"
    assert retweet.retweet_of == "1380175475545362437"
    assert retweet.retweet_of_author == AccountRef("twitter", "2718660392", "williamserafino")
    assert retweet.like_count is None and retweet.mentions == []
    page = next(json_lines(TWARC2 / "noflat.jsonl"))
    by_name = {u["username"].lower(): u["id"] for u in page["includes"]["users"]}  # type: ignore[index,union-attr]
    for post in posts(lines):
        for mention in post.mentions:
            assert mention.screen_name
            assert mention.id == by_name.get(mention.screen_name.lower())


@needs_shared
def test_twarc2_mentions_tweet_keeps_the_expanded_mention_id() -> None:
    lines = parsed(TWARC2 / "mentions_tweet.jsonl")
    retweet = post_by_id(lines, "1589681856941002753")
    assert retweet.retweet_of_author == AccountRef("twitter", "1221317221714157569", "S3NT1N3L17")
    assert {post.id for post in posts(lines)} == {"1589681856941002753", "1589671906718134272"}


@needs_shared
def test_twarc2_flattened_tweets_match_the_raw_json() -> None:
    raw = list(json_lines(TWARC2 / "flat.jsonl"))
    expected_posts = 0
    expected_accounts = 0
    for tweet in raw:
        references = [r for r in tweet.get("referenced_tweets", []) if "text" in r]  # type: ignore[union-attr]
        expected_posts += 1 + len(references)
        user_ids = {tweet["author"]["id"]}  # type: ignore[index]
        user_ids |= {r["author"]["id"] for r in references if "author" in r}
        if "in_reply_to_user" in tweet:
            user_ids.add(tweet["in_reply_to_user"]["id"])  # type: ignore[index]
        mentions = tweet.get("entities", {}).get("mentions", [])  # type: ignore[union-attr]
        user_ids |= {m["id"] for m in mentions if "name" in m}
        expected_accounts += len(user_ids)
    lines = parsed(TWARC2 / "flat.jsonl")
    assert len(lines) == 100
    assert rejects(lines) == []
    assert len(posts(lines)) == expected_posts
    assert len(accounts(lines)) == expected_accounts
    assert [line.records[-1].id for line in lines] == [t["id"] for t in raw]  # type: ignore[union-attr]
    assert [line.metadata for line in lines] == [t["__twarc"] for t in raw]


@needs_shared
def test_twarc2_users_page() -> None:
    [page] = list(json_lines(TWARC2 / "users.jsonl"))
    lines = parsed(TWARC2 / "users.jsonl")
    assert len(accounts(lines)) == len(page["data"]) == 96  # type: ignore[arg-type]
    assert len(posts(lines)) == len(page["includes"]["tweets"]) == 52  # type: ignore[index,arg-type]
    first = accounts(lines)[0]
    assert (first.id, first.screen_name, first.followers, first.following) == (
        "119369819",
        "DoDirty78",
        580,
        518,
    )
    assert first.seen_at == datetime(2021, 10, 23, 19, 36, 18, tzinfo=UTC)
    assert first.created_at == datetime(2010, 3, 3, 12, 49, 24, tzinfo=UTC)


@needs_shared
def test_twarc2_stream_with_a_cut_off_line() -> None:
    raw = (TWARC2 / "streaming_output_with_error.jsonl").read_bytes().split(b"\n")
    complete = [json.loads(line) for line in raw[:-1]]
    assert raw[-1] and not raw[-1].endswith(b"}")  # the last line is cut off
    lines = parsed(TWARC2 / "streaming_output_with_error.jsonl")
    assert [line.records[-1].id for line in lines[:-1]] == [t["data"]["id"] for t in complete]  # type: ignore[union-attr,index]
    expected_posts = sum(1 + len(t["includes"].get("tweets", [])) for t in complete)  # type: ignore[union-attr]
    assert len(posts(lines)) == expected_posts
    [(line, reason)] = rejects(lines)
    assert line == 8
    assert "invalid JSON" in reason and "cut off" in reason


@needs_shared
def test_empty_file_gives_no_lines() -> None:
    empty = TWARC2 / "empty.json"
    assert parsed(empty) == []
    assert parsed(empty, "twarc2") == []
    assert is_empty(empty)
    with pytest.raises(FormatError, match="empty file"):
        sniff(empty)


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.csv", b"\xef\xbb\xbf \r\n\n\t\n")
    assert parsed(path) == []


def test_twarc2_liking_users_and_retweeted_by() -> None:
    liked = parsed(FIXTURES / "twarc2_liking_users.jsonl")
    assert [(like.account.id, like.post_id) for like in likes(liked)] == [
        ("1352661060663336960", "1380175475545362437"),
        ("95500726", "1380175475545362437"),
        ("119369819", "1380175475545362437"),
    ]
    assert len(accounts(liked)) == 3
    assert liked[1].metadata is not None and "pagination_token" in str(liked[1].metadata["url"])

    retweeted = parsed(FIXTURES / "twarc2_retweeted_by.jsonl")
    assert [post.id for post in posts(retweeted)] == [
        "rt:1352661060663336960:1380175475545362437",
        "rt:95500726:1380175475545362437",
    ]
    assert {post.kind for post in posts(retweeted)} == {"retweet"}
    assert {post.retweet_of for post in posts(retweeted)} == {"1380175475545362437"}
    assert rejects(retweeted) == [
        (2, "API error: Could not find tweet with id: [1380175475545362438].")
    ]
    # Loading twice gives the very same ids: idempotent.
    assert posts(parsed(FIXTURES / "twarc2_retweeted_by.jsonl")) == posts(retweeted)


def test_twarc2_error_lines(tmp_path: Path) -> None:
    tweet = {"id": "5", "author_id": "6", "text": "hello", "created_at": "2021-04-01T15:52:31.000Z"}
    path = write(
        tmp_path / "stream.jsonl",
        jsonl(
            {"data": tweet, "__twarc": {"url": "https://api.twitter.com/2/tweets/search/stream"}},
            {"error": {"message": "Forced Disconnect: Too many connections."}},
            {
                "title": "ConnectionException",
                "detail": "This stream is currently at the maximum allowed connection limit.",
                "type": "https://api.twitter.com/2/problems/streaming-connection",
            },
            {"data": [], "meta": {"result_count": 0}},
        ),
    )
    lines = parsed(path)
    assert rejects(lines) == [
        (2, "API error: Forced Disconnect: Too many connections."),
        (3, "API error: This stream is currently at the maximum allowed connection limit."),
    ]
    assert [post.id for post in posts(lines)] == ["5"]


def test_twarc2_users_liked_tweets(tmp_path: Path) -> None:
    page = {
        "data": [{"id": "10", "author_id": "11", "text": "liked one"}],
        "__twarc": {"url": "https://api.twitter.com/2/users/42/liked_tweets?max_results=100"},
    }
    lines = parsed(write(tmp_path / "liked.jsonl", jsonl(page)))
    assert likes(lines) == [
        LikeRecord("twitter", AccountRef("twitter", "42"), "10", AccountRef("twitter", "11"))
    ]


# --------------------------------------------------------------------------- IO CSV

HASHED = "kZ9HnbVEwSV+QA+oo3ZSP9KV3UwjQjyoknqKo+JeGIo="


def test_io_tweets_30_columns() -> None:
    lines = parsed(FIXTURES / "io_tweets_30.csv")
    assert [line.line for line in lines] == [2, 3, 4, 5]
    assert rejects(lines) == []
    first = post_by_id(lines, "1012675290386849792")
    assert first.author == AccountRef("twitter", HASHED, HASHED)
    assert first.created_at == datetime(2018, 6, 29, 12, 5, tzinfo=UTC)
    assert (first.like_count, first.retweet_count, first.reply_count, first.quote_count) == (
        5,
        3,
        1,
        0,
    )
    assert first.hashtags == ["brexit"]
    assert first.urls == ["http://example.com/vote"]
    assert [mention.id for mention in first.mentions] == ["612473", "14281853"]
    author = accounts(lines)[0]
    assert (author.id, author.followers, author.following) == (HASHED, 12, 34)
    assert author.created_at == datetime(2017, 3, 14, tzinfo=UTC)
    assert author.seen_at is None

    retweet = post_by_id(lines, "1012675999999999999")
    assert retweet.kind == "retweet"
    assert retweet.retweet_of == "1012670000000000001"
    assert retweet.retweet_of_author == AccountRef("twitter", "1127921", "RT_russian")
    assert retweet.hashtags == [] and retweet.like_count is None
    original = post_by_id(lines, "1012670000000000001")
    assert original.hashtags == ["новости"]
    assert original.mentions == [AccountRef("twitter", "2222")]

    reply = post_by_id(lines, "1012676000000000002")
    assert reply.kind == "reply"
    assert reply.reply_to == "1012600000000000003"
    assert reply.reply_to_author == AccountRef("twitter", "612473")

    quote = post_by_id(lines, "1012676000000000004")
    assert (quote.kind, quote.quotes, quote.hashtags, quote.urls) == (
        "quote",
        "1012500000000000005",
        [],
        [],
    )
    assert kinds(lines) == Counter({"post": 2, "retweet": 1, "reply": 1, "quote": 1})


def test_io_tweets_31_columns_multiline_text_and_bad_count() -> None:
    lines = parsed(FIXTURES / "io_tweets_31.csv")
    # The first row's text holds a line break: the next row starts on line 4.
    assert [line.line for line in lines] == [2, 4, 5]
    assert rejects(lines) == [(5, "follower_count: not a number: 'abc'")]
    first = post_by_id(lines, "1100000000000000001")
    assert first.text == "今天天气很好 #天气\nشكرا جزيلا 😀"
    assert first.hashtags == ["天气"]
    assert accounts(lines)[0].description == "你好，世界 🌏"


@pytest.mark.parametrize("name", ["io_users_prefixed.csv", "io_users_plain.csv"])
def test_io_users_with_and_without_prefix(name: str) -> None:
    lines = parsed(FIXTURES / name)
    assert records(lines) == [
        AccountRecord(
            "twitter",
            "893393436587479040",
            "novosti_dnya",
            "Новости Дня",
            datetime(2017, 8, 4, tzinfo=UTC),
            2048,
            150,
            None,
            "Главные новости",
            "Москва",
        ),
        AccountRecord("twitter", HASHED, HASHED, HASHED, datetime(2017, 3, 14, tzinfo=UTC), 12, 34),
    ]


# --------------------------------------------------------------------------- Twint


def test_twint_json() -> None:
    lines = parsed(FIXTURES / "twint.json")
    assert rejects(lines) == [(6, "likes_count: not a number: 'many'")]
    first = post_by_id(lines, "1256247925395656705")
    assert first.created_at == datetime(2020, 5, 1, 14, 3, 4, tzinfo=UTC)  # 16:03:04 CEST
    assert first.mentions == [AccountRef("twitter", "14499829", "who")]
    assert (first.like_count, first.retweet_count, first.reply_count) == (11, 5, 2)
    assert first.hashtags == ["covid19"] and first.urls == ["https://who.int/a"]

    reply = post_by_id(lines, "1256250000000000001")
    assert reply.kind == "reply"
    assert reply.reply_to == "1256247925395656705"
    assert reply.mentions == [AccountRef("twitter", "1004", "alice_k")]

    retweet = post_by_id(lines, "1256260000000000003")
    assert retweet.kind == "retweet"
    assert retweet.author == AccountRef("twitter", "1004", "alice_k")
    assert retweet.retweet_of == "1256000000000000002"
    assert retweet.retweet_of_author == AccountRef("twitter", "1006", "carol")
    assert retweet.created_at == datetime(2020, 5, 1, 15, 0, tzinfo=UTC)  # 17:00 at +0200
    assert post_by_id(lines, "1256000000000000002").kind == "post"

    quote = post_by_id(lines, "1256270000000000006")
    assert quote.kind == "quote"
    assert quote.quotes == "1255000000000000004"
    assert quote.quotes_author == AccountRef("twitter", None, "WHO")
    # "CST" is ambiguous: the numeric timezone column (+0800) decides.
    assert quote.created_at == datetime(2020, 5, 1, 8, 3, 4, tzinfo=UTC)

    old = post_by_id(lines, "1123000000000000005")
    assert old.created_at == datetime(2019, 5, 1, 12, 0, tzinfo=UTC)  # epoch milliseconds
    assert old.hashtags == ["brexit"]
    assert old.mentions == [AccountRef("twitter", None, "theresa_may")]
    assert old.kind == "post"


def test_twint_csv() -> None:
    lines = parsed(FIXTURES / "twint.csv")
    assert [line.line for line in lines] == [2, 4, 5]  # row 1's text spans two lines
    assert rejects(lines) == []
    first = post_by_id(lines, "1256247925395656705")
    assert first.text == "Stay home #COVID19 @WHO\nhttps://t.co/x1"
    assert first.mentions == [AccountRef("twitter", "14499829", "who")]
    retweet = post_by_id(lines, "rt:1004:1256000000000000002")  # no retweet_id in the row
    assert retweet.retweet_of_author == AccountRef("twitter", "1006", "carol")
    reply = post_by_id(lines, "1256250000000000001")
    assert reply.mentions == [AccountRef("twitter", "1004", "alice_k")]
    assert reply.text == "@alice_k согласен 👍"


def test_twint_csv_tab_separated(tmp_path: Path) -> None:
    text = "id\tconversation_id\tdate\ttime\ttimezone\tuser_id\tusername\ttweet\n"
    text += "7\t7\t2020-01-02\t03:04:05\tUTC\t8\tzed\thello, world\n"
    lines = parsed(write(tmp_path / "tabs.csv", text.encode()))
    [post] = posts(lines)
    assert post.text == "hello, world"
    assert post.created_at == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)


# --------------------------------------------------------------------------- IRA


def test_ira_csv() -> None:
    lines = parsed(FIXTURES / "ira.csv")
    assert rejects(lines) == [
        (8, "no exact account id (alt_external_id, article_url, external_author_id)")
    ]
    first = post_by_id(lines, "914580356430536707")
    assert first.author == AccountRef("twitter", "905874659358453760", "10_GOP")
    assert first.created_at == datetime(2017, 10, 1, 19, 58, tzinfo=UTC)
    assert first.mentions == [AccountRef("twitter", None, "nedryun")]
    assert first.urls == ["https://twitter.com/10_gop/status/914580356430536707/video/1"]
    assert first.lang == "en"

    digest = hashlib.sha1(b"Make America Great Again! #MAGA").hexdigest()[:16]
    original_id = f"ira-rt:realdonaldtrump:{digest}"
    retweets = [post for post in posts(lines) if post.retweet_of == original_id]
    assert {post.author.screen_name for post in retweets} == {"10_GOP", "TEN_GOP"}
    assert {post.kind for post in retweets} == {"retweet"}
    original = post_by_id(lines, original_id)
    assert original.author == AccountRef("twitter", None, "realDonaldTrump")
    assert original.hashtags == ["maga"]

    unprefixed = post_by_id(lines, "914623490375979008")
    assert unprefixed.kind == "retweet"
    assert unprefixed.retweet_of is not None and unprefixed.retweet_of.startswith("ira-rt::")
    assert unprefixed.retweet_of_author is None

    assert post_by_id(lines, "914800000000000003").kind == "quote"
    mangled = post_by_id(lines, "914621840496189440")  # ids recovered from article_url
    assert mangled.author.id == "905874659358453760"
    assert mangled.created_at == datetime(2017, 10, 1, 22, 43, tzinfo=UTC)
    russian = post_by_id(lines, "683000000000000000")
    assert (russian.lang, russian.hashtags) == ("ru", ["россия"])
    troll = accounts(lines)[0]
    assert (troll.followers, troll.following) == (9636, 1052)
    assert troll.seen_at == datetime(2017, 10, 1, 19, 58, tzinfo=UTC)


# --------------------------------------------------------------------------- generic CSV


def test_generic_accounts() -> None:
    lines = parsed(FIXTURES / "generic_accounts.csv")
    assert rejects(lines) == [(5, "followers: not a number: 'lots'"), (6, "platform is empty")]
    ana, channel, bare = accounts(lines)
    assert (ana.platform, ana.id, ana.screen_name, ana.verified) == (
        "facebook",
        "100001",
        "ana.page",
        True,
    )
    assert ana.description == 'Мы — команда; 我们, "quoted"'
    assert ana.created_at == datetime(2019, 1, 2, 10, 0, tzinfo=UTC)
    assert (channel.platform, channel.id, channel.followers, channel.verified) == (
        "telegram",
        "-1001234567890",
        50000,
        False,
    )
    assert bare == AccountRecord("facebook", "100002")


def test_generic_interactions() -> None:
    lines = parsed(FIXTURES / "generic_interactions.csv")
    assert rejects(lines) == [
        (
            10,
            "type: unknown interaction type 'follow' (known: retweet, like, reply, mention, "
            "quote, share)",
        ),
        (11, "target is empty: a mention needs one"),
    ]
    share = post_by_id(lines, "share:100002:p1")
    assert (share.kind, share.retweet_of, share.retweet_of_author) == (
        "retweet",
        "p1",
        AccountRef("facebook", "100001"),
    )
    assert share.hashtags == []
    assert post_by_id(lines, "s-77").author == AccountRef("facebook", "100003")
    assert likes(lines) == [
        LikeRecord(
            "facebook",
            AccountRef("facebook", "100002"),
            "p1",
            AccountRef("facebook", "100001"),
            datetime(2021, 1, 1, 10, 2, tzinfo=UTC),
        )
    ]
    reply = post_by_id(lines, "reply:100002:p1")
    assert (reply.kind, reply.reply_to, reply.text, reply.hashtags) == (
        "reply",
        "p1",
        "Agree! 👍",
        ["vote", "truth"],
    )
    quote = post_by_id(lines, "quote:@ana.page:p9")
    assert quote.author == AccountRef("facebook", None, "ana.page")
    assert quote.created_at == datetime(2021, 1, 1, 8, 4, tzinfo=UTC)
    mention_posts = [post for post in posts(lines) if post.id == "p2"]
    assert [post.mentions for post in mention_posts] == [
        [AccountRef("facebook", "100002")],
        [AccountRef("facebook", "100003")],
    ]
    assert post_by_id(lines, "retweet:-1001234567890:55").platform == "telegram"


def test_generic_accounts_with_an_id_column(tmp_path: Path) -> None:
    text = "id,screen_name,display_name,platform\n42,ivan,Иван,twitter\n,petr,Пётр,twitter\n"
    path = write(tmp_path / "users.csv", text.encode())
    assert sniff(path) == "generic-csv"
    lines = parsed(path)
    assert rejects(lines) == [(3, "account_id is empty")]
    assert accounts(lines) == [AccountRecord("twitter", "42", "ivan", "Иван")]


def test_generic_semicolon_separated(tmp_path: Path) -> None:
    text = "Platform;Account_ID;Screen_Name;Followers\nvk;42;@ivan;1 000\nvk;43;petr;7\n"
    lines = parsed(write(tmp_path / "accounts.csv", text.encode()))
    assert rejects(lines) == [(2, "followers: not a number: '1 000'")]
    assert accounts(lines) == [AccountRecord("vk", "43", "petr", followers=7)]


# --------------------------------------------------------------------------- damaged input


def test_malformed_json_line_is_rejected_alone(tmp_path: Path) -> None:
    data = jsonl(status(1, 2, "a")) + b'{"id": 2, "text": \n' + jsonl(status(3, 4, "c"))
    lines = parsed(write(tmp_path / "m.jsonl", data))
    assert [post.id for post in posts(lines)] == ["1", "3"]
    [(line, reason)] = rejects(lines)
    assert line == 2 and reason.startswith("invalid JSON")
    assert str(next(p.reject for p in lines if p.reject)).startswith(f"{tmp_path}/m.jsonl:2: ")


def test_invalid_utf8_json_line(tmp_path: Path) -> None:
    valid = json.dumps(status(2, 3, "caf\u00e9"), ensure_ascii=False).encode()
    bad = valid.replace("\u00e9".encode(), b"\xe9")  # Latin-1 é inside UTF-8
    data = jsonl(status(1, 2, "ok")) + bad + b"\n" + jsonl(status(3, 4, "ok"))
    lines = parsed(write(tmp_path / "u.jsonl", data))
    position = bad.index(b"\xe9") + 1
    assert rejects(lines) == [(2, f"invalid UTF-8 at byte {position} of the line")]
    assert [post.id for post in posts(lines)] == ["1", "3"]


def test_invalid_utf8_csv_row(tmp_path: Path) -> None:
    text = b"platform,account_id,display_name\nx,1,Ok\nx,2,Bad \xff name\nx,3,Fine\n"
    lines = parsed(write(tmp_path / "a.csv", text))
    assert rejects(lines) == [(3, "invalid UTF-8 at byte 9 of the line")]
    assert [account.id for account in accounts(lines)] == ["1", "3"]


def test_truncated_gzip_jsonl(tmp_path: Path) -> None:
    data = jsonl(*(status(n, 100 + n, "x" * 300) for n in range(1, 41)))
    packed = gzip.compress(data)
    cut = write(tmp_path / "cut.jsonl.gz", packed[: len(packed) * 2 // 3])
    lines = parsed(cut)
    good = posts(lines)
    assert 0 < len(good) < 40
    [(line, reason)] = rejects(lines)
    assert line == len(good) + 1
    assert "gzip stream truncated" in reason


def test_truncated_gzip_csv(tmp_path: Path) -> None:
    rows = "".join(f"x,{n},name {n}\n" for n in range(1, 2001))
    packed = gzip.compress(("platform,account_id,display_name\n" + rows).encode())
    lines = parsed(write(tmp_path / "cut.csv.gz", packed[: len(packed) // 2]))
    good = accounts(lines)
    assert 0 < len(good) < 2000
    [(line, reason)] = rejects(lines)
    assert line == len(good) + 2 and "gzip stream truncated" in reason


def test_gzip_cut_right_after_a_line_end(tmp_path: Path) -> None:
    data = jsonl(status(1, 2, "a"), status(3, 4, "b"))
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    packed = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
    lines = parsed(write(tmp_path / "noend.jsonl.gz", packed))  # all data, no gzip trailer
    assert len(posts(lines)) == 2
    assert rejects(lines) == [(3, "gzip stream truncated after line 2")]


def test_multi_member_gzip(tmp_path: Path) -> None:
    packed = gzip.compress(jsonl(status(1, 2, "a"))) + gzip.compress(jsonl(status(3, 4, "b")))
    lines = parsed(write(tmp_path / "two.jsonl.gz", packed))
    assert [(line.line, line.records[-1].id) for line in lines] == [(1, "1"), (2, "3")]  # type: ignore[union-attr]


def test_bom_crlf_mixed_and_lone_cr_line_ends(tmp_path: Path) -> None:
    one, two, three = (json.dumps(status(n, 9, f"t{n}")).encode() for n in (1, 2, 3))
    data = b"\xef\xbb\xbf" + one + b"\r\n" + two + b"\r" + three + b"\n"
    lines = parsed(write(tmp_path / "ends.jsonl", data))
    assert [(line.line, line.records[-1].id) for line in lines] == [(1, "1"), (2, "2"), (3, "3")]  # type: ignore[union-attr]
    csv_text = b"\xef\xbb\xbfplatform,account_id\r\nx,1\rx,2\nx,3\r\n"
    csv_lines = parsed(write(tmp_path / "ends.csv", csv_text))
    assert [(line.line, line.records[0].id) for line in csv_lines] == [(2, "1"), (3, "2"), (4, "3")]  # type: ignore[union-attr]


def test_bom_and_crlf_in_a_real_io_file(tmp_path: Path) -> None:
    source = (FIXTURES / "io_users_plain.csv").read_bytes()
    assert b"\r\n" in source  # written by the csv module: CRLF
    path = write(tmp_path / "users.csv", b"\xef\xbb\xbf" + source)
    assert sniff(path) == "io-csv"
    assert records(parsed(path)) == records(parsed(FIXTURES / "io_users_plain.csv"))


def test_csv_row_with_the_wrong_number_of_fields(tmp_path: Path) -> None:
    text = b"platform,account_id,screen_name\nx,1,a\nx,2\nx,3,c,extra\nx,4,d\n"
    lines = parsed(write(tmp_path / "w.csv", text))
    assert rejects(lines) == [
        (3, "row has 2 fields, the header has 3"),
        (4, "row has 4 fields, the header has 3"),
    ]
    assert [account.id for account in accounts(lines)] == ["1", "4"]


def test_unicode_is_kept_byte_exact(tmp_path: Path) -> None:
    text = "中文 日本語 한국어 — Русский — 🇺🇦👩‍👩‍👧 — עברית مرحبا — e\u0301 — \u200f!"
    lines = parsed(write(tmp_path / "u.jsonl", jsonl(status(1, 2, text))))
    assert posts(lines)[0].text == text
    csv_text = f'platform,account_id,display_name,description\nx,1,"{text}","{text}"\n'
    [account] = accounts(parsed(write(tmp_path / "u.csv", csv_text.encode())))
    assert account.display_name == text and account.description == text
    assert account.display_name.encode() == text.encode()


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Wed Oct 10 20:19:24 +0000 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
        ("Wed Oct 10 22:19:24 +0200 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
        ("2021-04-08T19:34:16.000Z", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
        ("2021-09-22T16:39:00+00:00", datetime(2021, 9, 22, 16, 39, tzinfo=UTC)),
        ("2021-09-22T18:39:00+02:00", datetime(2021, 9, 22, 16, 39, tzinfo=UTC)),
        ("2018-06-29 12:05", datetime(2018, 6, 29, 12, 5, tzinfo=UTC)),
        ("2018-06-29 12:05:07", datetime(2018, 6, 29, 12, 5, 7, tzinfo=UTC)),
        ("2017-03-14", datetime(2017, 3, 14, tzinfo=UTC)),
        ("2020-05-01 12:00:00 UTC", datetime(2020, 5, 1, 12, tzinfo=UTC)),
        ("2020-05-01 14:00:00 CEST", datetime(2020, 5, 1, 12, tzinfo=UTC)),
        ("2020-05-01 14:00:00 +0200", datetime(2020, 5, 1, 12, tzinfo=UTC)),
        ("10/1/2017 19:58", datetime(2017, 10, 1, 19, 58, tzinfo=UTC)),
        ("10/1/17 19:58", datetime(2017, 10, 1, 19, 58, tzinfo=UTC)),
        (1556712000, datetime(2019, 5, 1, 12, tzinfo=UTC)),
        (1556712000000, datetime(2019, 5, 1, 12, tzinfo=UTC)),
        ("1556712000000", datetime(2019, 5, 1, 12, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_parse_time(value: object, expected: datetime | None) -> None:
    assert parse_time(value, "t") == expected


@pytest.mark.parametrize("value", ["yesterday", "2020-13-01", "2020-05-01 12:00 CST", True])
def test_parse_time_refuses(value: object) -> None:
    with pytest.raises(FieldError, match=r"^t: "):
        parse_time(value, "t")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("12.0", 12), (12.0, 12), (7, 7), ("", None), (None, None), (" 3 ", 3)],
)
def test_parse_int(value: object, expected: int | None) -> None:
    assert parse_int(value, "n") == expected


@pytest.mark.parametrize("value", ["abc", "1.5", True, "1_000", [1]])
def test_parse_int_refuses(value: object) -> None:
    with pytest.raises(FieldError, match=r"^n: "):
        parse_int(value, "n")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1589632502309990401, "1589632502309990401"),
        ("1589632502309990401", "1589632502309990401"),
        ("906000000000000000.0", "906000000000000000"),
        (HASHED, HASHED),
        ("", None),
    ],
)
def test_parse_id(value: object, expected: str | None) -> None:
    assert parse_id(value, "id") == expected


@pytest.mark.parametrize("value", [1.5e18, "9.06E+17", False])
def test_parse_id_refuses_lossy_ids(value: object) -> None:
    with pytest.raises(FieldError):
        parse_id(value, "id")


# --------------------------------------------------------------------------- streaming


def test_parsing_streams_with_bounded_memory(tmp_path: Path) -> None:
    """A file many times larger than what parsing holds at once: JSON lines, and a JSON array
    written on one single line."""
    padding = "lorem ipsum " * 300
    items = [status(n, 10_000 + n, padding) for n in range(1, 5001)]
    lines_path = write(tmp_path / "big.jsonl", jsonl(*items))
    array_path = write(tmp_path / "big.json", json.dumps(items).encode())
    del items
    assert lines_path.stat().st_size > 15_000_000
    for path in (lines_path, array_path):
        tracemalloc.start()
        try:
            count = sum(len(line.records) for line in parse(path))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert count == 10_000
        assert peak < 12_000_000, f"{path.name}: peak {peak} bytes"
