"""The synthetic world as numpy arrays: accounts, posts, the operation, engagement events.

Accounts and posts are held as compact columns (tens of bytes each, no strings for organic
accounts); engagement events (retweets and likes, the bulk of a world) are never held whole:
they are spooled to disk in hour buckets as they are drawn, and the writers read one hour at
a time in time order.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from pathlib import Path
from typing import BinaryIO

import numpy as np

from infoops.sample import vocab
from infoops.sample.config import GeneratorConfig
from infoops.sample.timing import (
    DAY_MS,
    HOUR_MS,
    SECOND_MS,
    DelayDraw,
)

TOPIC_NAMES: tuple[str, ...] = tuple(vocab.TOPICS)
OPERATION_TOPIC_IDS: tuple[int, ...] = tuple(TOPIC_NAMES.index(t) for t in vocab.OPERATION_TOPICS)
CRYPTO = TOPIC_NAMES.index("crypto")
ZONE_NAMES: tuple[str, ...] = tuple(vocab.ZONES)
ZONE_OFFSETS = np.array([vocab.ZONES[name][0] for name in ZONE_NAMES])
EVENT_RETWEET = 0
EVENT_LIKE = 1
EVENT_DTYPE = np.dtype([("t", "<i8"), ("src", "<i4"), ("post", "<i4"), ("kind", "i1")])
# Organic events are drawn in chunks of about this many, to keep memory flat in world size.
EVENT_CHUNK = 400_000


class Role(IntEnum):
    ORGANIC = 0
    STAR = 1
    HIJACKED = 2
    POSTER = 3
    AMPLIFIER = 4


class Kind(IntEnum):
    POST = 0
    REPLY = 1
    QUOTE = 2


class Style(IntEnum):
    """Which text a post gets."""

    ENGLISH = 0
    LOCAL = 1  # the author's own language (ru, ar, ja, zh)
    OPERATION = 2
    OPERATION_REPLY = 3
    SCAM = 4
    REPLY = 5
    QUOTE = 6


SCRIPT_NAMES = ("latin", "russian", "arabic", "japanese", "chinese")
@dataclass(slots=True)
class Window:
    start_ms: int
    days: int

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.days * DAY_MS

    @property
    def start(self) -> datetime:
        return datetime.fromtimestamp(self.start_ms / 1000, tz=UTC)


@dataclass(slots=True)
class Accounts:
    """One row per Twitter account, columns as arrays."""

    role: np.ndarray
    created_s: np.ndarray
    uid: np.ndarray
    followers: np.ndarray
    following: np.ndarray
    statuses: np.ndarray
    favourites: np.ndarray
    verified: np.ndarray
    default_image: np.ndarray
    script: np.ndarray
    first: np.ndarray
    last: np.ndarray
    handle_style: np.ndarray
    handle_number: np.ndarray
    display_style: np.ndarray
    zone: np.ndarray
    chronotype: np.ndarray
    location: np.ndarray
    bio: np.ndarray
    community: np.ndarray
    topic: np.ndarray
    second_topic: np.ndarray
    propensity: np.ndarray
    activity: np.ndarray
    client: np.ndarray
    # Names of the operation's accounts: index -> (screen name, display name, description).
    operation_names: dict[int, tuple[str, str, str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.role)


@dataclass(slots=True)
class Communities:
    """Organic accounts grouped by interest; engagement mostly stays inside a group."""

    topic: np.ndarray
    size: np.ndarray
    hub: np.ndarray
    members: np.ndarray  # organic account indices sorted by community
    cum_weight: np.ndarray
    low: np.ndarray
    high: np.ndarray

    def sample(self, rng: np.random.Generator, community: np.ndarray) -> np.ndarray:
        """A member of each given community (-1: anyone), weighted by engagement propensity."""
        anywhere = community < 0
        safe = np.where(anywhere, 0, community)
        low = np.where(anywhere, 0.0, self.low[safe])
        high = np.where(anywhere, self.cum_weight[-1], self.high[safe])
        u = low + rng.random(len(community)) * (high - low)
        position = np.searchsorted(self.cum_weight, u, side="right")
        return self.members[np.minimum(position, len(self.members) - 1)]


@dataclass(slots=True)
class Pool:
    """Amplifiers that act together; membership can start late or end early (churn)."""

    members: np.ndarray
    join_ms: np.ndarray
    leave_ms: np.ndarray
    posters: list[int] = field(default_factory=list)

    def active(self, at_ms: int) -> np.ndarray:
        return self.members[(self.join_ms <= at_ms) & (self.leave_ms > at_ms)]


@dataclass(slots=True)
class Hijack:
    account: int
    renamed_ms: int
    old_names: tuple[str, str, str]
    new_names: tuple[str, str, str]
    pools: list[int]
    scam_posts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Posts:
    """Every tweet that is not a retweet (originals, replies, quotes), sorted by time."""

    author: np.ndarray
    time_ms: np.ndarray
    kind: np.ndarray
    style: np.ndarray
    topic: np.ndarray
    parent: np.ndarray
    mention: np.ndarray  # (n, 2) account indices, -1 for none
    has_url: np.ndarray
    words: np.ndarray  # (n, 6) random choices the text is assembled from
    tid: np.ndarray
    retweets: np.ndarray
    likes: np.ndarray
    replies: np.ndarray
    quotes: np.ndarray

    def __len__(self) -> int:
        return len(self.author)


class EventSpool:
    """Retweet and like events bucketed by hour on disk, read back one hour at a time."""

    def __init__(self, directory: Path, window: Window) -> None:
        self.directory = directory
        self.window = window
        self.buckets = window.days * 24
        shutil.rmtree(directory, ignore_errors=True)  # leftovers of a killed run
        directory.mkdir(parents=True)
        self._files: dict[int, BinaryIO] = {}
        self.count = 0
        self.per_bucket = np.zeros(self.buckets, dtype=np.int64)
        self.retweets_per_bucket = np.zeros(self.buckets, dtype=np.int64)

    def add(self, t: np.ndarray, src: np.ndarray, post: np.ndarray, kind: np.ndarray) -> None:
        if len(t) == 0:
            return
        events = np.empty(len(t), dtype=EVENT_DTYPE)
        events["t"], events["src"], events["post"], events["kind"] = t, src, post, kind
        hour = (events["t"] - self.window.start_ms) // HOUR_MS
        order = np.argsort(hour, kind="stable")
        events, hour = events[order], hour[order]
        self.per_bucket += np.bincount(hour, minlength=self.buckets)
        is_retweet = events["kind"] == EVENT_RETWEET
        self.retweets_per_bucket += np.bincount(hour[is_retweet], minlength=self.buckets)
        bounds = np.searchsorted(hour, np.arange(self.buckets + 1))
        for bucket in np.flatnonzero(np.diff(bounds)):
            handle = self._files.get(int(bucket))
            if handle is None:
                handle = open(self.directory / f"{bucket:05d}.bin", "ab")  # noqa: SIM115
                self._files[int(bucket)] = handle
            events[bounds[bucket] : bounds[bucket + 1]].tofile(handle)
        self.count += len(events)

    def seal(self) -> None:
        """Flushes every bucket to disk: after this, buckets are only read."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()

    def hour(self, bucket: int) -> np.ndarray:
        """The events of one hour, in time order (retweets before likes at the same moment)."""
        handle = self._files.pop(bucket, None)
        if handle is not None:
            handle.close()
        path = self.directory / f"{bucket:05d}.bin"
        if not path.exists():
            return np.empty(0, dtype=EVENT_DTYPE)
        events = np.fromfile(path, dtype=EVENT_DTYPE)
        path.unlink()
        return events[np.lexsort((events["kind"], events["t"]))]

    def close(self) -> None:
        self.seal()
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass(slots=True)
class World:
    config: GeneratorConfig
    window: Window
    accounts: Accounts
    communities: Communities
    posts: Posts
    pools: list[Pool]
    poster_pools: dict[int, list[int]]
    poster_topics: dict[int, list[int]]
    hijack: Hijack | None
    stars: list[int]
    operation_posts: list[int]
    spool: EventSpool
    retweet_total: int = 0
    like_total: int = 0
    burst_days_s: list[int] = field(default_factory=list)

    @property
    def organic_count(self) -> int:
        return int(np.count_nonzero(self.accounts.role <= Role.STAR))

    def operation_accounts(self) -> np.ndarray:
        return np.flatnonzero(self.accounts.role >= Role.POSTER)


# --- helpers -------------------------------------------------------------------------------


def mixture_delays(rng: np.random.Generator, n: int, max_ms: int) -> np.ndarray:
    """Seconds-to-hours amplification delays: a fast scripted wave and a slower trickle."""
    fast = rng.random(n) < 0.55
    seconds = np.where(
        fast, rng.lognormal(math.log(90), 1.0, n), rng.lognormal(math.log(3_000), 0.9, n)
    )
    return np.clip((seconds * SECOND_MS).astype(np.int64), 3 * SECOND_MS, max_ms)


ORGANIC_RETWEET_DELAY = DelayDraw(median_s=5_400, sigma=1.6, low_s=20, high_s=6 * 86_400)
ORGANIC_REPLY_DELAY = DelayDraw(median_s=2_400, sigma=1.4, low_s=30, high_s=3 * 86_400)
