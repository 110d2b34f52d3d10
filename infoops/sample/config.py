"""What the generator is asked to build: sizes, the operation's shape, the output formats."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

# Output format keys and the files each writes.
FORMAT_FILES: dict[str, tuple[str, ...]] = {
    "v1": ("tweets.jsonl",),
    "generic": ("accounts.csv", "interactions.csv"),
    "cnt": ("cnt.csv",),
    "io": ("io_tweets.csv", "io_users.csv"),
    "twarc2": ("twarc2.jsonl",),
}
DEFAULT_FORMATS: tuple[str, ...] = ("v1", "generic")

# Interactions an organic account contributes on average (replies, likes, retweets, ...) and
# originals it posts, in a size-by-interactions world: big collections are busier
# conversations, with more engagement per account and per post than the reference case.
ORGANIC_INTERACTIONS_PER_ACCOUNT = 3.2
ORGANIC_POSTS_PER_ACCOUNT = 0.4
# A participating amplifier retweets, and then likes with this mean probability; pools are
# sized so the top of the amplification range is reachable at the top of participation.
MEAN_LIKE_FOLLOW_UP = 0.75


@dataclass(frozen=True, slots=True)
class GeneratorConfig:
    """Parameters of one synthetic collection. ``None`` means "let the seed choose".

    ``amplification`` is the range of retweets + likes each operation post gets from the
    pools; ``participation`` the share of a pool's eligible members that act on one post.
    """

    seed: int = 1
    days: int = 9
    start: datetime | None = None
    organic_accounts: int = 1_750
    organic_interactions: int = 3_900
    organic_posts_per_account: float = 0.8
    posters: int = 8
    posts_per_poster: float = 2.2
    pools: int | None = None
    pool_size: int | None = None
    pool_overlap: float = 0.15
    amplification: tuple[int, int] = (200, 350)
    participation: tuple[float, float] = (0.4, 0.9)
    min_retweets: int | None = None
    max_delay_hours: float = 6.0
    burst_days: int | None = None
    amplifier_post_rate: float = 0.3
    facebook_share: float = 0.06
    hijack: bool = True
    formats: tuple[str, ...] = field(default=DEFAULT_FORMATS)

    # --- constructors --------------------------------------------------------------------

    @classmethod
    def small(cls, seed: int = 1) -> GeneratorConfig:
        """A few hundred accounts and about two thousand interactions: the bundled demo."""
        return cls(
            seed=seed,
            organic_accounts=320,
            organic_interactions=700,
            posters=3,
            posts_per_poster=2.0,
            pools=3,
            pool_overlap=0.3,
            amplification=(200, 240),
            facebook_share=0.1,
            formats=("v1", "generic"),
        )

    @classmethod
    def reference(cls, seed: int = 1) -> GeneratorConfig:
        """About the size of Bellingcat's #MilesGuo network: ~2,500 accounts, ~8,700+
        interactions."""
        return cls(seed=seed)

    @classmethod
    def for_interactions(
        cls,
        interactions: int,
        seed: int = 1,
        operation_share: float = 0.35,
        formats: tuple[str, ...] = DEFAULT_FORMATS,
    ) -> GeneratorConfig:
        """A world of about ``interactions`` interactions, ``operation_share`` of them planted.

        The amplification range widens with size (200-300 at ten thousand, 200-1,000 from a
        million) and so do the pools: big operations amplify harder.
        """
        if interactions < 1_000:
            raise ValueError("interactions must be at least 1,000")
        if not 0.05 <= operation_share <= 0.9:
            raise ValueError("operation_share must be between 0.05 and 0.9")
        growth = min(1.0, max(0.0, math.log10(interactions / 10_000) / 2))
        high = round(300 + 700 * growth)
        low = 200
        mean_amplification = (low + high) / 2
        operation_budget = interactions * operation_share
        posts_per_poster = 2.2
        posters = max(3, round(operation_budget / mean_amplification / posts_per_poster))
        organic_budget = interactions - operation_budget
        return cls(
            seed=seed,
            organic_accounts=max(200, round(organic_budget / ORGANIC_INTERACTIONS_PER_ACCOUNT)),
            organic_interactions=round(organic_budget),
            organic_posts_per_account=ORGANIC_POSTS_PER_ACCOUNT,
            posters=posters,
            posts_per_poster=posts_per_poster,
            # More posters want more pools; small worlds let the seed choose 3 or 4.
            pools=None
            if interactions < 200_000
            else min(12, 3 + round(math.log2(interactions / 50_000))),
            amplification=(low, high),
            formats=formats,
        )

    def with_formats(self, formats: tuple[str, ...]) -> GeneratorConfig:
        return replace(self, formats=formats)

    def with_days(self, days: int) -> GeneratorConfig:
        return replace(self, days=days)

    # --- derived values ------------------------------------------------------------------

    @property
    def minimum_retweets(self) -> int:
        """The fewest retweets any poster's post gets (a guarantee the truth file states)."""
        if self.min_retweets is not None:
            return self.min_retweets
        return max(1, self.amplification[0] // 2)

    def base_pool_size(self) -> int:
        """Members a pool needs so the top of the amplification range is reachable."""
        if self.pool_size is not None:
            return self.pool_size
        top_participation = self.participation[1]
        needed = self.amplification[1] / (top_participation * (1 + MEAN_LIKE_FOLLOW_UP))
        return max(math.ceil(needed), math.ceil(self.minimum_retweets / top_participation) + 5)

    def validate(self) -> None:
        unknown = [name for name in self.formats if name not in FORMAT_FILES]
        if unknown:
            raise ValueError(f"unknown formats {unknown}; choose from {sorted(FORMAT_FILES)}")
        if self.days < 1:
            raise ValueError("days must be at least 1")
        if self.organic_accounts < 50:
            raise ValueError("organic_accounts must be at least 50")
        if self.posters < 1:
            raise ValueError("posters must be at least 1")
        low, high = self.amplification
        if not 1 <= low <= high:
            raise ValueError("amplification must be (low, high) with 1 <= low <= high")
        p_low, p_high = self.participation
        if not 0 < p_low <= p_high <= 1:
            raise ValueError("participation must be (low, high) within (0, 1]")
        if self.pools is not None and self.pools < 1:
            raise ValueError("pools must be at least 1")
        if self.burst_days is not None and not 1 <= self.burst_days <= 10:
            raise ValueError("burst_days must be between 1 and 10")
        if not 0 <= self.pool_overlap < 1:
            raise ValueError("pool_overlap must be in [0, 1)")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat() if self.start else None
        data["amplification"] = list(self.amplification)
        data["participation"] = list(self.participation)
        data["formats"] = list(self.formats)
        return data
