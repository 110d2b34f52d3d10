"""A documented CSV pair for any platform (Facebook, Telegram, a hand-made list): an
``accounts.csv`` and an ``interactions.csv``. Each file is read on its own and known by its
header, whatever its name. Column names are case-insensitive; the delimiter may be ``,``,
``;`` or tab; values are UTF-8. ``platform`` is lower-cased (``facebook``, ``telegram``, ...).

accounts.csv
    ``platform``, ``account_id`` (required; a column ``id`` is taken for it when there is no
    ``account_id``), and any of ``screen_name``, ``display_name``,
    ``created_at``, ``followers``, ``following``, ``verified`` (true/false, yes/no, 1/0),
    ``description``, ``location``.

interactions.csv
    ``platform``, ``source``, ``target``, ``type``, ``post_id`` (required columns), ``time``,
    and optionally ``interaction_id``, ``text``, ``hashtags`` (separated by spaces, ``;`` or
    ``,``; a leading ``#`` is dropped).

    ``source`` and ``target`` are account ids; a value starting with ``@`` is a screen name.
    ``post_id`` is the id of the target's post that is acted on, except for ``mention``,
    where it is the source's post that mentions the target. By ``type``:

    - ``retweet`` / ``share``: a post ``kind="retweet"`` by source with ``retweet_of`` =
      post_id (written by target). Its id is ``interaction_id``, else ``<type>:<source>:
      <post_id>`` (e.g. ``share:123:987``), so reloading the file changes nothing.
    - ``like``: a like by source of post_id (written by target).
    - ``reply`` / ``quote``: a post by source, ``kind`` reply / quote, with ``reply_to`` /
      ``quotes`` = post_id (written by target); id as for a retweet
      (``reply:<source>:<post_id>``): give ``interaction_id`` to keep several replies of one
      account to one post apart.
    - ``mention``: the post post_id by source, mentioning target. Several mention rows with
      the same post_id describe one post with all its mentions.

    ``text`` and ``hashtags`` belong to the source's post: a like ignores both, and a
    retweet or share keeps its text but no hashtags (they are the original's, as everywhere
    in infoops).
    ``source``, ``type`` and ``post_id`` must not be blank; ``target`` may be blank except for
    a mention. An unknown type rejects the row, naming the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from infoops.loader.formats.reading import (
    CsvLayout,
    CsvRow,
    FieldError,
    account_ref,
    hashtags_of,
    parse_bool,
    parse_csv_file,
    parse_id,
    parse_int,
    parse_time,
)
from infoops.loader.records import (
    INTERACTION_TYPES,
    AccountRecord,
    AccountRef,
    LikeRecord,
    ParsedLine,
    PostKind,
    PostRecord,
    Record,
)

NAME = "generic-csv"
_TAG_SEPARATORS = re.compile(r"[\s;,]+")
_POST_KINDS: dict[str, PostKind] = {
    "retweet": "retweet",
    "share": "retweet",
    "reply": "reply",
    "quote": "quote",
}


def _platform(row: CsvRow) -> str:
    platform = row.get("platform")
    if not platform:
        raise FieldError("platform is empty")
    return platform.lower()


def _accounts_row(row: CsvRow) -> list[Record]:
    account_id = parse_id(row.get("account_id", "id"), "account_id")
    if not account_id:
        raise FieldError("account_id is empty")
    platform = _platform(row)
    screen_name = (row.get("screen_name") or "").removeprefix("@") or None
    display_name = row.text("display_name")
    created_at = parse_time(row.get("created_at"), "created_at")
    followers = parse_int(row.get("followers"), "followers")
    following = parse_int(row.get("following"), "following")
    verified = parse_bool(row.get("verified"), "verified")
    description, location = row.text("description"), row.text("location")
    # Positional: keyword arguments to a class cost a dict per call, and this runs per row.
    account = AccountRecord(
        platform, account_id, screen_name, display_name, created_at, followers, following,
        verified, description, location,
    )  # fmt: skip
    return [account]


def _account(platform: str, value: str | None) -> AccountRef | None:
    """An id, or a screen name when it starts with ``@``."""
    if not value:
        return None
    if value.startswith("@"):
        return account_ref(platform, None, value)
    return account_ref(platform, parse_id(value, "account"), None)


def _interactions_row(row: CsvRow) -> list[Record]:
    platform = _platform(row)
    kind = (row.get("type") or "").lower()
    if kind not in INTERACTION_TYPES:
        known = ", ".join(INTERACTION_TYPES)
        raise FieldError(f"type: unknown interaction type {row.get('type')!r} (known: {known})")
    source = _account(platform, row.get("source"))
    if source is None:
        raise FieldError("source is empty")
    target = _account(platform, row.get("target"))
    post_id = parse_id(row.get("post_id"), "post_id")
    if not post_id:
        raise FieldError("post_id is empty")
    at = parse_time(row.get("time"), "time")
    if kind == "like":
        return [LikeRecord(platform, source, post_id, target, at)]  # positional: cheaper
    post = PostRecord(platform, post_id, source, row.text("text"), at)
    post.hashtags = hashtags_of(_TAG_SEPARATORS.split(row.get("hashtags") or ""))
    if kind == "mention":
        if target is None:
            raise FieldError("target is empty: a mention needs one")
        post.mentions = [target]
        return [post]
    post.id = parse_id(row.get("interaction_id"), "interaction_id") or (
        f"{kind}:{row.get('source')}:{post_id}"
    )
    post.kind = _POST_KINDS[kind]
    if kind == "reply":
        post.reply_to, post.reply_to_author = post_id, target
    elif kind == "quote":
        post.quotes, post.quotes_author = post_id, target
    else:
        post.retweet_of, post.retweet_of_author = post_id, target
        post.hashtags = []
    return [post]


LAYOUTS = (
    CsvLayout("accounts.csv", ("platform", "account_id|id"), _accounts_row),
    CsvLayout(
        "interactions.csv", ("platform", "source", "target", "type", "post_id"), _interactions_row
    ),
)


def parse(path: Path) -> Iterator[ParsedLine]:
    return parse_csv_file(path, NAME, LAYOUTS)
