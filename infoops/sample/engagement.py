"""Engagement: organic retweets and likes by popularity, the pools' amplification, camouflage."""

from __future__ import annotations

import math

import numpy as np

from infoops.sample.timing import (
    HOUR_MS,
    MINUTE_MS,
    SECOND_MS,
    accept_diurnal,
)
from infoops.sample.world import (
    EVENT_CHUNK,
    EVENT_LIKE,
    EVENT_RETWEET,
    OPERATION_TOPIC_IDS,
    ORGANIC_RETWEET_DELAY,
    ZONE_OFFSETS,
    Kind,
    Role,
    World,
    mixture_delays,
)


class EngagementBuilder:
    """Retweets and likes: organic popularity, the pools' amplification, some camouflage."""

    def __init__(self, world: World, rng: np.random.Generator) -> None:
        self.world = world
        self.rng = rng

    def build(self) -> None:
        world = self.world
        posts = world.posts
        self.retweets = np.zeros(len(posts), dtype=np.int64)
        self.likes = np.zeros(len(posts), dtype=np.int64)
        self._organic()
        targets = [(p, world.poster_pools[int(posts.author[p])]) for p in world.operation_posts]
        if world.hijack is not None:
            targets += [(p, world.hijack.pools) for p in world.hijack.scam_posts]
        targets.sort()
        self._amplification(targets)
        self._camouflage()
        posts.retweets = self.retweets.astype(np.int32)
        posts.likes = self.likes.astype(np.int32)
        world.retweet_total = int(self.retweets.sum())
        world.like_total = int(self.likes.sum())

    def _emit(self, t: np.ndarray, src: np.ndarray, post: np.ndarray, kind: np.ndarray) -> None:
        """Drops duplicate (post, account, kind) events, then spools and counts the rest."""
        if len(t) == 0:
            return
        n_accounts = len(self.world.accounts)
        post, src = post.astype(np.int64), src.astype(np.int64)
        key = (post * n_accounts + src) * 2 + kind
        _, first = np.unique(key, return_index=True)
        first.sort()
        t, src, post, kind = t[first], src[first], post[first], kind[first]
        self.world.spool.add(t, src, post, kind)
        np.add.at(self.retweets, post[kind == EVENT_RETWEET], 1)
        np.add.at(self.likes, post[kind == EVENT_LIKE], 1)

    def _organic_expectation(self) -> tuple[np.ndarray, np.ndarray]:
        """Organic posts and their expected retweets + likes, scaled to the organic budget."""
        world = self.world
        posts = world.posts
        accounts = world.accounts
        rng = self.rng
        author_role = accounts.role[posts.author]
        organic = np.flatnonzero(author_role <= Role.HIJACKED)
        if world.hijack is not None:
            organic = organic[~np.isin(organic, world.hijack.scam_posts)]
        authors = posts.author[organic]
        followers = accounts.followers[authors].astype(np.float64)
        weight = (followers + 5.0) ** 0.65 * rng.lognormal(0.0, 0.9, len(organic))
        weight[posts.kind[organic] != Kind.POST] *= 0.15
        community = accounts.community[authors]
        cap = 1.2 * world.communities.size[np.maximum(community, 0)] + 5
        mentions = int(np.count_nonzero(posts.mention >= 0)) + int(
            np.count_nonzero(posts.kind != Kind.POST)
        )
        budget = max(
            len(organic) * 0.2,
            world.config.organic_interactions - int(np.count_nonzero(posts.kind != Kind.POST))
            - mentions,
        )
        low, high = 1e-9, 1e6
        for _ in range(60):  # bisection on the scale so capped expectations meet the budget
            scale = math.sqrt(low * high)
            if np.minimum(weight * scale, cap).sum() > budget:
                high = scale
            else:
                low = scale
        return organic, np.minimum(weight * low, cap)

    def _organic(self) -> None:
        world = self.world
        posts = world.posts
        accounts = world.accounts
        rng = self.rng
        organic, expected = self._organic_expectation()
        share = rng.uniform(0.35, 0.65, len(organic))
        n_retweets = rng.poisson(expected * share)
        n_likes = rng.poisson(expected * (1 - share))
        cumulative = np.cumsum(n_retweets + n_likes)
        begin = 0
        while begin < len(organic):
            done = int(cumulative[begin - 1]) if begin else 0
            end = int(np.searchsorted(cumulative, done + EVENT_CHUNK, side="right"))
            rows = slice(begin, max(end, begin + 1))
            begin = rows.stop
            post = np.concatenate(
                [
                    np.repeat(organic[rows], n_retweets[rows]),
                    np.repeat(organic[rows], n_likes[rows]),
                ]
            )
            kind = np.concatenate(
                [
                    np.zeros(int(n_retweets[rows].sum()), dtype=np.int8),
                    np.ones(int(n_likes[rows].sum()), dtype=np.int8),
                ]
            )
            author = posts.author[post]
            community = np.where(rng.random(len(post)) < 0.88, accounts.community[author], -1)
            source = world.communities.sample(rng, community.astype(np.int64))
            self._emit_organic(post, source, kind)

    def _emit_organic(self, post: np.ndarray, source: np.ndarray, kind: np.ndarray) -> None:
        world = self.world
        accounts = world.accounts
        posts = world.posts
        when = accept_diurnal(
            self.rng,
            posts.time_ms[post],
            ZONE_OFFSETS[accounts.zone[source]],
            ORGANIC_RETWEET_DELAY,
        )
        keep = (
            (source != posts.author[post])
            & (when < world.window.end_ms)
            & (accounts.created_s[source] * 1000 + MINUTE_MS <= when)
        )
        self._emit(when[keep], source[keep], post[keep], kind[keep])

    def _amplification(self, targets: list[tuple[int, list[int]]]) -> None:
        """Each operation post: a share of its pools retweets, most of them also like."""
        world = self.world
        cfg = world.config
        rng = self.rng
        posts = world.posts
        accounts = world.accounts
        low, high = cfg.amplification
        p_low, p_high = cfg.participation
        minimum = cfg.minimum_retweets
        max_delay = int(cfg.max_delay_hours * HOUR_MS)
        all_amplifiers = np.flatnonzero(accounts.role == Role.AMPLIFIER)
        guo_like = np.flatnonzero(np.isin(world.communities.topic, OPERATION_TOPIC_IDS))
        chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for post, pool_ids in targets:
            t = int(posts.time_ms[post])
            # Accounts act from an hour after they were created.
            ready_by = (t - HOUR_MS) // 1000
            active = np.unique(np.concatenate([world.pools[p].active(t) for p in pool_ids]))
            eligible = active[accounts.created_s[active] <= ready_by]
            ready_amplifiers = all_amplifiers[accounts.created_s[all_amplifiers] <= ready_by]
            if len(eligible) < minimum:  # a thin pool borrows from the others
                spare = np.setdiff1d(ready_amplifiers, eligible)
                extra = rng.choice(spare, min(len(spare), minimum - len(eligible)), replace=False)
                eligible = np.concatenate([eligible, extra])
            n_eligible = len(eligible)
            target = int(rng.integers(low, high + 1))
            follow_up = rng.uniform(0.5, 0.95)
            n_rt = round(target / (1 + follow_up))
            n_rt = max(n_rt, minimum, math.ceil(p_low * n_eligible))
            n_rt = min(n_rt, max(minimum, math.floor(p_high * n_eligible)), n_eligible)
            retweeters = rng.choice(eligible, n_rt, replace=False)
            outside = np.setdiff1d(ready_amplifiers, eligible)
            n_outside = min(len(outside), int(rng.binomial(n_rt, 0.03)))
            if n_outside:
                retweeters = np.concatenate(
                    [retweeters, rng.choice(outside, n_outside, replace=False)]
                )
            rt_delay = mixture_delays(rng, len(retweeters), max_delay)
            n_like = max(0, target - n_rt)
            from_retweeters = min(len(retweeters), round(n_like * rng.uniform(0.75, 0.95)))
            liked_rows = rng.choice(len(retweeters), from_retweeters, replace=False)
            like_delay = np.minimum(
                rt_delay[liked_rows] + rng.integers(2, 90, from_retweeters) * SECOND_MS, max_delay
            )
            likers = retweeters[liked_rows]
            idle = np.setdiff1d(eligible, retweeters)
            n_idle = min(len(idle), n_like - from_retweeters)
            if n_idle > 0:
                likers = np.concatenate([likers, rng.choice(idle, n_idle, replace=False)])
                like_delay = np.concatenate([like_delay, mixture_delays(rng, n_idle, max_delay)])
            source = np.concatenate([retweeters, likers])
            chunks.append(
                (
                    t + np.concatenate([rt_delay, like_delay]),
                    source,
                    np.full(len(source), post, dtype=np.int64),
                    np.concatenate(
                        [
                            np.zeros(len(retweeters), dtype=np.int8),
                            np.ones(len(likers), dtype=np.int8),
                        ]
                    ),
                )
            )
            # A handful of real users stumble on the post and retweet it too.
            n_spill = int(rng.binomial(n_rt, 0.015))
            if n_spill and len(guo_like):
                community = rng.choice(guo_like, n_spill)
                spill = world.communities.sample(rng, community)
                self._emit_organic(
                    np.full(n_spill, post, dtype=np.int64),
                    spill,
                    np.zeros(n_spill, dtype=np.int8),
                )
        if chunks:
            self._emit(*(np.concatenate(column) for column in zip(*chunks, strict=True)))

    def _camouflage(self) -> None:
        """Some amplifiers also retweet popular organic posts, as bots do to look human."""
        world = self.world
        rng = self.rng
        posts = world.posts
        popular = np.flatnonzero(
            (world.accounts.role[posts.author] == Role.STAR) & (posts.kind == Kind.POST)
        )
        if len(popular) == 0:
            return
        amplifiers = np.flatnonzero(world.accounts.role == Role.AMPLIFIER)
        active = amplifiers[rng.random(len(amplifiers)) < 0.05]
        source = np.repeat(active, rng.integers(1, 3, len(active)))
        post = rng.choice(popular, len(source))
        when = posts.time_ms[post] + mixture_delays(rng, len(source), 12 * HOUR_MS)
        keep = (when < world.window.end_ms) & (
            world.accounts.created_s[source] * 1000 + MINUTE_MS <= when
        )
        self._emit(
            when[keep], source[keep], post[keep], np.zeros(int(keep.sum()), dtype=np.int8)
        )
