"""The normalized record stream: every parser yields these, the one writer consumes them.

Conventions every parser follows:
- ``platform`` is lower case (``twitter``, ``facebook``, ``telegram``, ...).
- Ids are strings, never ints (ids above 2**53 must survive JSON and Neo4j untouched).
- Times are timezone-aware ``datetime`` in UTC.
- An account is referred to by ``AccountRef``: its id when the source gives one, else its
  screen name (the writer resolves a name to an already known account of the platform).
- A retweet's own text repeats the original, so a retweet carries no mentions, hashtags or
  urls of its own: they belong to the original post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NamedTuple, TypeAlias

PostKind: TypeAlias = Literal["post", "retweet", "reply", "quote"]
INTERACTION_TYPES: tuple[str, ...] = ("retweet", "like", "reply", "mention", "quote", "share")


class _AccountRefFields(NamedTuple):
    platform: str
    id: str | None = None
    screen_name: str | None = None


class AccountRef(_AccountRefFields):
    """Who an interaction points at: an id, or failing that a screen name.

    A tuple, not a frozen dataclass: a load hashes and compares references millions of times,
    and a tuple does both in C (a dataclass's generated __hash__ took 4 % of a bulk load's
    parsing)."""

    __slots__ = ()

    def __new__(
        cls, platform: str, id: str | None = None, screen_name: str | None = None
    ) -> AccountRef:
        if not id and not screen_name:
            raise ValueError("an account reference needs an id or a screen name")
        return tuple.__new__(cls, (platform, id, screen_name))


@dataclass(slots=True)
class AccountRecord:
    """One observation of an account's profile.

    ``seen_at`` is when this snapshot was true (the time of the post that carried it, or the
    collection time); it dates the name history.
    """

    platform: str
    id: str
    screen_name: str | None = None
    display_name: str | None = None
    created_at: datetime | None = None
    followers: int | None = None
    following: int | None = None
    verified: bool | None = None
    description: str | None = None
    location: str | None = None
    seen_at: datetime | None = None


@dataclass(slots=True)
class PostRecord:
    """A post and the links it makes to other posts and accounts.

    ``retweet_of`` / ``reply_to`` / ``quotes`` are post ids; the matching ``*_author`` says
    who wrote that post when the source tells (needed for stub posts we never saw).
    """

    platform: str
    id: str
    author: AccountRef
    text: str | None = None
    created_at: datetime | None = None
    lang: str | None = None
    kind: PostKind = "post"
    like_count: int | None = None
    retweet_count: int | None = None
    reply_count: int | None = None
    quote_count: int | None = None
    source: str | None = None
    retweet_of: str | None = None
    retweet_of_author: AccountRef | None = None
    reply_to: str | None = None
    reply_to_author: AccountRef | None = None
    quotes: str | None = None
    quotes_author: AccountRef | None = None
    hashtags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    mentions: list[AccountRef] = field(default_factory=list)


@dataclass(slots=True)
class LikeRecord:
    """An account liked a post (twarc2 liking-users, generic CSV ``like``)."""

    platform: str
    account: AccountRef
    post_id: str
    post_author: AccountRef | None = None
    at: datetime | None = None


@dataclass(slots=True)
class Reject:
    """A record that could not be read, with where it was and why."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


Record: TypeAlias = AccountRecord | PostRecord | LikeRecord


@dataclass(slots=True)
class ParsedLine:
    """What one physical line (or CSV row, or JSON array element) of an input gave.

    ``line`` is 1-based. A line gives either records (possibly none, e.g. a blank line) or a
    reject; never both, so a bad line loses nothing it did not have.
    """

    line: int
    records: list[Record] = field(default_factory=list)
    reject: Reject | None = None
    metadata: dict[str, object] | None = None
