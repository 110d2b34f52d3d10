"""Twitter API v1.1 statuses: JSON lines, a JSON array, or gzip of either (streaming capture,
twarc1, rtweet, Gephi's Twitter importer).

Per status:
- the author's ``AccountRecord``, ``seen_at`` = the status's ``created_at``; the author of an
  embedded status (retweeted or quoted) is seen at the outer status's time, as the profile
  embedded is the one of when the outer status was made (a rename between the original and
  its retweet shows in the retweet), not the one of when the original was posted;
- a retweet (``retweeted_status``) also gives the original post and its author, and is itself
  ``kind="retweet"`` with ``retweet_of``/``retweet_of_author`` and no mentions, hashtags or
  urls of its own (they belong to the original). Its counts are left empty: v1.1 copies the
  original's counts onto a retweet;
- a quote (``quoted_status``) also gives the quoted post and its author; without the embedded
  object, ``quoted_status_id_str`` and ``quoted_status_permalink`` still give the link;
- a reply has ``reply_to``/``reply_to_author`` (a reply that also quotes is ``kind="reply"``);
- text is ``extended_tweet.full_text``, else ``full_text``, else ``text``; entities come from
  ``extended_tweet.entities`` when present. Hashtags are lower case without ``#``; urls are
  the ``expanded_url``.

Also accepted: a search page (``{"statuses": [...], "search_metadata": ...}``) and bare user
objects (users/lookup output). Stream control messages (``delete``, ``limit``, ...) are
skipped silently; any other JSON that is not a status is rejected, so a wrong file cannot
load as nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from infoops.loader.formats.reading import (
    TWITTER,
    V1_USER,
    FieldError,
    account_ref,
    as_dict,
    dict_items,
    expanded_urls,
    get_dict,
    get_str,
    hashtags_of,
    json_id,
    parse_bool,
    parse_int,
    parse_json_file,
    parse_time,
    plain_source,
    post_kind,
    status_url_parts,
    twitter_account,
)
from infoops.loader.records import AccountRecord, AccountRef, ParsedLine, PostRecord, Record

NAME = "twitter-v1"
_STREAM_MESSAGES = frozenset(
    {
        "delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect",
        "warning", "friends", "friends_str", "event", "control", "for_user", "direct_message",
    }
)  # fmt: skip
# A retweet embeds its original, a quote its quoted status: deeper nesting is not real data.
_MAX_NESTING = 3


def recognizes(value: object) -> bool:
    """A status (it carries a ``user`` object), a search page, or a v1.1 user object."""
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("user"), dict) and ("id_str" in value or "id" in value):
        return any(key in value for key in ("text", "full_text", "extended_tweet"))
    if isinstance(value.get("statuses"), list) and "search_metadata" in value:
        return True
    return _is_user(value)


def _is_user(value: dict[str, object]) -> bool:
    return "screen_name" in value and "id_str" in value and "followers_count" in value


def parse(path: Path) -> Iterator[ParsedLine]:
    return parse_json_file(path, convert_value)


def convert_value(value: object) -> list[Record] | None:
    """The records of one JSON value; None for stream control messages."""
    obj = as_dict(value, "line")
    if "statuses" in obj and "search_metadata" in obj:
        records: list[Record] = []
        for status in dict_items(obj["statuses"], "statuses"):
            records += status_records(status)
        return records
    if isinstance(obj.get("user"), dict):
        return status_records(obj)
    if _is_user(obj):
        return [account_record(obj, seen_at=None)]
    if obj.keys() & _STREAM_MESSAGES:
        return None
    keys = ", ".join(sorted(obj)[:8]) or "none"
    raise FieldError(f"not a v1.1 status (keys: {keys})")


def account_record(user: dict[str, object], seen_at: datetime | None) -> AccountRecord:
    return twitter_account(user, V1_USER, seen_at)


def _text(status: dict[str, object]) -> str | None:
    extended = get_dict(status, "extended_tweet")
    return get_str(extended, "full_text") or get_str(status, "full_text") or get_str(status, "text")


def _entities(status: dict[str, object]) -> dict[str, object]:
    extended = get_dict(status, "extended_tweet")
    if "entities" in extended:
        return get_dict(extended, "entities")
    return get_dict(status, "entities")


def _mentions(entities: dict[str, object]) -> list[AccountRef]:
    mentions = []
    for mention in dict_items(entities.get("user_mentions"), "user_mentions"):
        ref = account_ref(TWITTER, json_id(mention), get_str(mention, "screen_name"))
        if ref:
            mentions.append(ref)
    return mentions


def _quoted_link(status: dict[str, object]) -> tuple[str | None, AccountRef | None]:
    """The quoted status id and author when the quoted object itself is missing."""
    quoted_id = json_id(status, "quoted_status_id")
    permalink = get_str(get_dict(status, "quoted_status_permalink"), "expanded")
    parts = status_url_parts(permalink)
    if parts:
        return quoted_id or parts[1], account_ref(TWITTER, None, parts[0])
    return quoted_id, None


def status_records(
    status: dict[str, object], depth: int = 0, profiles_at: datetime | None = None
) -> list[Record]:
    """The records of one status and of the statuses it embeds, embedded ones first.
    ``profiles_at``: when the outermost status was made, for an embedded one."""
    if depth > _MAX_NESTING:
        raise FieldError("statuses nested too deep")
    status_id = json_id(status)
    if not status_id:
        raise FieldError("status without an id")
    created_at = parse_time(status.get("created_at"), "created_at")
    profiles_at = profiles_at or created_at
    user = get_dict(status, "user")
    author_record = account_record(user, seen_at=profiles_at)
    author = AccountRef(TWITTER, author_record.id, author_record.screen_name)
    records: list[Record] = []
    text, lang = _text(status), get_str(status, "lang")
    post = PostRecord(TWITTER, status_id, author, text, created_at, lang)  # positional: cheaper
    post.source = plain_source(get_str(status, "source"))
    retweeted = get_dict(status, "retweeted_status")
    if retweeted:
        original = status_records(retweeted, depth + 1, profiles_at)
        records += original
        original_post = _own_post(original)
        post.retweet_of = original_post.id
        post.retweet_of_author = original_post.author
    else:
        _fill_own_content(post, status)
        quoted = get_dict(status, "quoted_status")
        if quoted:
            embedded = status_records(quoted, depth + 1, profiles_at)
            records += embedded
            quoted_post = _own_post(embedded)
            post.quotes, post.quotes_author = quoted_post.id, quoted_post.author
        elif parse_bool(status.get("is_quote_status"), "is_quote_status") is not False:
            post.quotes, post.quotes_author = _quoted_link(status)
    post.kind = post_kind(post.retweet_of, post.reply_to, post.reply_to_author, post.quotes)
    records += [author_record, post]
    return records


def _fill_own_content(post: PostRecord, status: dict[str, object]) -> None:
    """Counts, reply links and entities: what a status has that a retweet only copies."""
    post.like_count = parse_int(status.get("favorite_count"), "favorite_count")
    post.retweet_count = parse_int(status.get("retweet_count"), "retweet_count")
    post.reply_count = parse_int(status.get("reply_count"), "reply_count")
    post.quote_count = parse_int(status.get("quote_count"), "quote_count")
    post.reply_to = json_id(status, "in_reply_to_status_id")
    post.reply_to_author = account_ref(
        TWITTER, json_id(status, "in_reply_to_user_id"), get_str(status, "in_reply_to_screen_name")
    )
    entities = _entities(status)
    tags = dict_items(entities.get("hashtags"), "hashtags")
    if tags:
        post.hashtags = hashtags_of(get_str(tag, "text") or "" for tag in tags)
    post.urls = expanded_urls(entities.get("urls"), "urls")
    post.mentions = _mentions(entities)


def _own_post(records: list[Record]) -> PostRecord:
    """The status's own post: ``status_records`` puts it last."""
    post = records[-1]
    assert isinstance(post, PostRecord)
    return post
