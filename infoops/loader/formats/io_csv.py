"""Twitter's Information Operations transparency CSVs: tweets files and users files.

Tweets files have 30 columns, or 31 with ``poll_choices`` (ignored). Users files name their
profile columns with or without the ``user_`` prefix (``user_screen_name`` or
``screen_name``). Quirks handled: hashed (non-numeric) ids are kept as they are; counts come as
floats ("12.0"); ``hashtags`` / ``urls`` / ``user_mentions`` are bracketed list strings
(``['a', 'b']``, ``[123, 456]``, ``[]`` or blank); ``tweet_time`` is ``YYYY-MM-DD HH:MM`` in
UTC and ``account_creation_date`` ``YYYY-MM-DD``; latitude/longitude (often ``absent``) and the
language of the account are not part of the model.

Each tweet row gives its author's ``AccountRecord`` and the post. The profile columns hold the
account as it was when Twitter released the data, not at the tweet's time, so ``seen_at`` is
left empty rather than dated wrongly. A retweet row (``is_retweet``) also gives a stub of the
original post (``retweet_tweetid`` by ``retweet_userid``, with the handle from ``RT @handle:``)
that carries the row's hashtags, urls and mentions (less the retweeted author, whom the
``RT @`` prefix mentions); the retweet itself has none of its own and no counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from infoops.loader.formats.reading import (
    TWITTER,
    CsvLayout,
    CsvRow,
    FieldError,
    account_ref,
    hashtags_of,
    parse_bool,
    parse_csv_file,
    parse_id,
    parse_int,
    parse_list_literal,
    parse_time,
    post_kind,
    retweeted_handle,
)
from infoops.loader.records import AccountRecord, AccountRef, ParsedLine, PostRecord, Record

NAME = "io-csv"


def account_record(row: CsvRow) -> AccountRecord:
    account_id = parse_id(row.get("userid"), "userid")
    if not account_id:
        raise FieldError("userid is empty")
    screen_name = row.get("user_screen_name", "screen_name")
    display_name = row.text("user_display_name", "display_name")
    created_at = parse_time(row.get("account_creation_date"), "account_creation_date")
    followers = parse_int(row.get("follower_count"), "follower_count")
    following = parse_int(row.get("following_count"), "following_count")
    description = row.text("user_profile_description", "profile_description")
    location = row.text("user_reported_location", "reported_location")
    verified = None  # not in the data
    # Positional: keyword arguments to a class cost a dict per call, and this runs per row.
    return AccountRecord(
        TWITTER, account_id, screen_name, display_name, created_at, followers, following,
        verified, description, location,
    )  # fmt: skip


def _users_row(row: CsvRow) -> list[Record]:
    return [account_record(row)]


def _ids(row: CsvRow, column: str) -> list[str]:
    ids = (parse_id(item, column) for item in parse_list_literal(row.get(column), column))
    return [each for each in ids if each]


def _tweet_row(row: CsvRow) -> list[Record]:
    account = account_record(row)
    tweet_id = parse_id(row.get("tweetid"), "tweetid")
    if not tweet_id:
        raise FieldError("tweetid is empty")
    author = AccountRef(TWITTER, account.id, account.screen_name)
    text = row.text("tweet_text")
    created_at = parse_time(row.get("tweet_time"), "tweet_time")
    post = PostRecord(TWITTER, tweet_id, author, text, created_at, row.get("tweet_language"))
    post.source = row.get("tweet_client_name")
    hashtags = hashtags_of(str(tag) for tag in parse_list_literal(row.get("hashtags"), "hashtags"))
    urls = [str(url) for url in parse_list_literal(row.get("urls"), "urls") if url]
    mentions = [AccountRef(TWITTER, each) for each in _ids(row, "user_mentions")]
    records: list[Record] = []
    if parse_bool(row.get("is_retweet"), "is_retweet"):
        post.retweet_of = parse_id(row.get("retweet_tweetid"), "retweet_tweetid")
        original_author_id = parse_id(row.get("retweet_userid"), "retweet_userid")
        post.retweet_of_author = account_ref(TWITTER, original_author_id, retweeted_handle(text))
        post.kind = "retweet"
        if post.retweet_of and post.retweet_of_author:
            stub = PostRecord(
                platform=TWITTER,
                id=post.retweet_of,
                author=post.retweet_of_author,
                hashtags=hashtags,
                urls=urls,
                mentions=[ref for ref in mentions if ref.id != original_author_id],
            )
            records.append(stub)
    else:
        post.like_count = parse_int(row.get("like_count"), "like_count")
        post.retweet_count = parse_int(row.get("retweet_count"), "retweet_count")
        post.reply_count = parse_int(row.get("reply_count"), "reply_count")
        post.quote_count = parse_int(row.get("quote_count"), "quote_count")
        post.reply_to = parse_id(row.get("in_reply_to_tweetid"), "in_reply_to_tweetid")
        replied_user = parse_id(row.get("in_reply_to_userid"), "in_reply_to_userid")
        post.reply_to_author = account_ref(TWITTER, replied_user, None)
        post.quotes = parse_id(row.get("quoted_tweet_tweetid"), "quoted_tweet_tweetid")
        post.hashtags, post.urls, post.mentions = hashtags, urls, mentions
        post.kind = post_kind(None, post.reply_to, post.reply_to_author, post.quotes)
    records += [account, post]
    return records


LAYOUTS = (
    CsvLayout("tweets file", ("tweetid", "userid", "tweet_text"), _tweet_row),
    CsvLayout("users file", ("userid", "user_screen_name|screen_name"), _users_row),
)


def parse(path: Path) -> Iterator[ParsedLine]:
    return parse_csv_file(path, NAME, LAYOUTS)
