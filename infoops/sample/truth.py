"""The ground truth of a synthetic collection, as written to ``truth.json``.

Every id is a string (platform ids exceed 2**53). Times are ISO 8601 in UTC with ``Z``.
Layout (``Truth.to_dict``)::

    schema_version, generator, seed
    parameters        the GeneratorConfig, with the values the seed chose filled in
    window            {start, end, days}
    counts            accounts, organic/operation accounts, tweets, originals, retweets,
                      likes, replies, quotes, mentions, twitter_interactions,
                      facebook_accounts, facebook_interactions, interactions
    files             {file name: {format, rows}}
    topics            [{name, hashtags, keywords, operation, operation_hashtags}]
    operation
      accounts        ids of every account the operation created (posters + amplifiers)
      posters         [{id, screen_name, display_name, created_at, role, pools, topics, posts}]
      amplifiers      [{id, screen_name, display_name, created_at, role, pools}]
      pools           [{index, members, posters}]
      posts           ids of the amplified posters' tweets
      amplification   {per_post: [low, high], participation, min_retweets, delay_seconds}
      creation_bursts [{date, count}]: consecutive days, rising counts
      template        {format, language, slots}
      active_hours    {timezone, hours, weekdays_only}
    hijacked          {id, old/new screen_name and display_name, renamed_at, created_at,
                      followers, verified, pools, scam_posts} or null
    cross_platform    [{twitter_id, twitter_screen_name, twitter_display_name, facebook_id,
                      facebook_screen_name, facebook_display_name, operation, match}]
    organic_stars     [{id, screen_name, display_name, followers, verified, topic, community}]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

SCHEMA_VERSION = 1


@dataclass(slots=True)
class OperationAccount:
    id: str
    screen_name: str
    display_name: str
    created_at: str
    role: str  # "poster" | "amplifier"
    pools: list[int] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)  # posters: ids of their amplified tweets


@dataclass(slots=True)
class PoolTruth:
    index: int
    members: list[str]
    posters: list[str]


@dataclass(slots=True)
class BurstDay:
    date: str
    count: int  # operation accounts created that UTC day


@dataclass(slots=True)
class HijackTruth:
    id: str
    old_screen_name: str
    old_display_name: str
    new_screen_name: str
    new_display_name: str
    renamed_at: str
    created_at: str
    followers: int
    verified: bool
    pools: list[int]
    scam_posts: list[str]


@dataclass(slots=True)
class CrossPlatformPair:
    twitter_id: str
    twitter_screen_name: str
    twitter_display_name: str
    facebook_id: str
    facebook_screen_name: str
    facebook_display_name: str
    operation: bool
    match: str  # "same" | "near"


@dataclass(slots=True)
class StarTruth:
    id: str
    screen_name: str
    display_name: str
    followers: int
    verified: bool
    topic: str
    community: int


@dataclass(slots=True)
class TopicTruth:
    name: str
    hashtags: list[str]
    keywords: list[str]
    operation: bool
    operation_hashtags: list[str]


@dataclass(slots=True)
class Truth:
    """What was planted, and the parameters that planted it."""

    seed: int
    parameters: dict[str, Any]
    window: dict[str, Any]
    counts: dict[str, int]
    files: dict[str, dict[str, Any]]
    topics: list[TopicTruth]
    posters: list[OperationAccount]
    amplifiers: list[OperationAccount]
    pools: list[PoolTruth]
    operation_posts: list[str]
    amplification: dict[str, Any]
    creation_bursts: list[BurstDay]
    template: dict[str, Any]
    active_hours: dict[str, Any]
    hijacked: HijackTruth | None
    cross_platform: list[CrossPlatformPair]
    organic_stars: list[StarTruth]
    schema_version: int = SCHEMA_VERSION

    @property
    def operation_ids(self) -> set[str]:
        """Twitter ids of every account the operation created (posters and amplifiers)."""
        return {a.id for a in self.posters} | {a.id for a in self.amplifiers}

    def to_dict(self) -> dict[str, Any]:
        """The ``truth.json`` layout: operation facts grouped under ``operation``."""
        data = asdict(self)
        operation = {
            "accounts": sorted(self.operation_ids, key=lambda i: (len(i), i)),
            "posters": data.pop("posters"),
            "amplifiers": data.pop("amplifiers"),
            "pools": data.pop("pools"),
            "posts": data.pop("operation_posts"),
            "amplification": data.pop("amplification"),
            "creation_bursts": data.pop("creation_bursts"),
            "template": data.pop("template"),
            "active_hours": data.pop("active_hours"),
        }
        ordered = {
            "schema_version": data.pop("schema_version"),
            "generator": "infoops.sample.generator",
            "seed": data.pop("seed"),
        }
        ordered.update(data)
        ordered["operation"] = operation
        return ordered

    def save(self, path: Path) -> None:
        path.write_bytes(orjson.dumps(self.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Truth:
        operation = data["operation"]
        hijacked = data.get("hijacked")
        return cls(
            seed=data["seed"],
            parameters=data["parameters"],
            window=data["window"],
            counts=data["counts"],
            files=data["files"],
            topics=[TopicTruth(**t) for t in data["topics"]],
            posters=[OperationAccount(**a) for a in operation["posters"]],
            amplifiers=[OperationAccount(**a) for a in operation["amplifiers"]],
            pools=[PoolTruth(**p) for p in operation["pools"]],
            operation_posts=operation["posts"],
            amplification=operation["amplification"],
            creation_bursts=[BurstDay(**b) for b in operation["creation_bursts"]],
            template=operation["template"],
            active_hours=operation["active_hours"],
            hijacked=HijackTruth(**hijacked) if hijacked else None,
            cross_platform=[CrossPlatformPair(**c) for c in data["cross_platform"]],
            organic_stars=[StarTruth(**s) for s in data["organic_stars"]],
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )

    @classmethod
    def load(cls, path: Path) -> Truth:
        return cls.from_dict(orjson.loads(path.read_bytes()))
