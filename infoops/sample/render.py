"""What every writer needs: times as strings, cached contents and profiles, bounded caches."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Generic, TypeVar

import numpy as np

from infoops.sample import vocab
from infoops.sample.content import Content, ContentMaker, retweet_content
from infoops.sample.profiles import Profile, Profiles
from infoops.sample.timing import DAY_MS
from infoops.sample.world import World

K = TypeVar("K")
V = TypeVar("V")

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DEFAULT_IMAGE = "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"


class BoundedCache(Generic[K, V]):
    """A cache of at most ``2 * limit`` entries: memory stays flat however big the world.

    Two generations: when the young one fills up it becomes the old one and the previous old
    one is dropped; a hit in the old generation is promoted. Posts are rendered in time order
    and retweeted mostly soon after, so what is forgotten is rarely needed again (and is
    rebuilt identically if it is).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.young: dict[K, V] = {}
        self.old: dict[K, V] = {}

    def lookup(self, key: K) -> V | None:
        value = self.young.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: K, value: V) -> V:
        if len(self.young) >= self.limit:
            self.old = self.young
            self.young = {}
        self.young[key] = value
        return value

    def get(self, key: K, make: Callable[[], V]) -> V:
        value = self.lookup(key)
        return self.put(key, make()) if value is None else value


def column(values: np.ndarray, code: str) -> array[int]:
    """A compact copy of a numpy column whose items read as plain ints (numpy scalars are slow)."""
    out: array[int] = array(code)
    out.frombytes(values.astype(np.dtype(code).newbyteorder("=")).tobytes())
    return out


@lru_cache(maxsize=8_192)
def _day(day: int) -> tuple[str, str, str]:
    d = date(1970, 1, 1) + timedelta(days=day)
    head = f"{_WEEKDAYS[d.weekday()]} {_MONTHS[d.month - 1]} {d.day:02d}"
    return head, str(d.year), d.isoformat()


def _clock(ms: int) -> tuple[int, int, int, int]:
    day, rest = divmod(ms, DAY_MS)
    seconds = rest // 1000
    return day, seconds // 3600, seconds // 60 % 60, seconds % 60


@lru_cache(maxsize=4_096)
def _twitter_hour(hour: int) -> tuple[str, str]:
    day, within = divmod(hour, 24)
    head, year, _ = _day(day)
    return f"{head} {within:02d}:", f" +0000 {year}"


def twitter_time(ms: int) -> str:
    """``Wed Oct 10 20:19:24 +0000 2018``, the v1.1 ``created_at``."""
    head, tail = _twitter_hour(ms // 3_600_000)
    seconds = ms // 1000 % 3600
    return f"{head}{seconds // 60:02d}:{seconds % 60:02d}{tail}"


def iso_time(ms: int, millis: bool = False) -> str:
    """``2018-10-10T20:19:24Z`` (or with ``.000`` milliseconds, as API v2 writes)."""
    day, hour, minute, second = _clock(ms)
    tail = f".{ms % 1000:03d}Z" if millis else "Z"
    return f"{_day(day)[2]}T{hour:02d}:{minute:02d}:{second:02d}{tail}"


def minute_time(ms: int) -> str:
    """``2018-10-10 20:19``, the transparency archive's ``tweet_time``."""
    day, hour, minute, _ = _clock(ms)
    return f"{_day(day)[2]} {hour:02d}:{minute:02d}"


def date_only(ms: int) -> str:
    return _day(ms // DAY_MS)[2]


class Renderer:
    """Shared, cached views of the world for the writers."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.posts = world.posts
        self.accounts = world.accounts
        self.profiles = Profiles(world)
        self.maker = ContentMaker(world, self.profiles)
        # Contents of posts that get retweeted are reused for hours; the rest only by the
        # writers of the same moment, which a short memory serves.
        self._retweeted: BoundedCache[int, Content] = BoundedCache(10_000)
        self._recent: BoundedCache[int, Content] = BoundedCache(128)
        self._retweets: BoundedCache[int, Content] = BoundedCache(5_000)
        posts, accounts = world.posts, world.accounts
        self.uid = column(accounts.uid, "q")
        self.created_s = column(accounts.created_s, "q")
        self.followers = column(accounts.followers, "q")
        self.following = column(accounts.following, "q")
        self.statuses = column(accounts.statuses, "q")
        self.favourites = column(accounts.favourites, "q")
        self.verified = column(accounts.verified, "b")
        self.default_image = column(accounts.default_image, "b")
        self.client = column(accounts.client, "b")
        self.tid = column(posts.tid, "q")
        self.author = column(posts.author, "l")
        self.time_ms = column(posts.time_ms, "q")
        self.parent = column(posts.parent, "l")
        self.kind = column(posts.kind, "b")
        self.retweets = column(posts.retweets, "l")
        self.likes = column(posts.likes, "l")
        self.replies = column(posts.replies, "l")
        self.quotes = column(posts.quotes, "l")

    def hot(self, post: int) -> bool:
        """Whether the post will be rendered again later (retweeted or quoted)."""
        return self.retweets[post] > 0 or self.quotes[post] > 0

    def content(self, post: int) -> Content:
        content = self._retweeted.lookup(post) or self._recent.lookup(post)
        if content is None:
            content = self.maker.content(post)
            (self._retweeted if self.hot(post) else self._recent).put(post, content)
        return content

    def profile(self, account: int, at_ms: int) -> Profile:
        return self.profiles.at(account, at_ms)

    def retweet_content(self, post: int, at_ms: int) -> Content:
        """The text a retweet of ``post`` at ``at_ms`` shows (the author may have been renamed)."""
        author = self.author[post]
        key = ~post if self.profiles.renamed(author, at_ms) else post

        def make() -> Content:
            profile = self.profiles.at(author, at_ms)
            return retweet_content(
                self.content(post), profile.screen_name, profile.display_name, author
            )

        return self._retweets.get(key, make)

    def client_name(self, account: int) -> str:
        return vocab.CLIENTS[self.client[account]][0]

    def image_url(self, account: int) -> str:
        if self.default_image[account]:
            return DEFAULT_IMAGE
        uid = self.uid[account]
        image = uid % 10**12 + 10**17
        return f"https://pbs.twimg.com/profile_images/{image}/p{uid % 99991}_normal.jpg"

    def language(self, account: int) -> str:
        """The account's interface language, as the transparency archive reports it."""
        script = int(self.accounts.script[account])
        return ("en", "ru", "ar", "ja", "zh-tw", "zh-cn", "zh-cn", "zh-cn", "zh-cn")[script]
