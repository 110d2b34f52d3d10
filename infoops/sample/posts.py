"""Posts: organic originals, replies and quotes; the operation's templated posts and replies;
the hijacked account's posts before and after its rename."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from infoops.sample.names import (
    Script,
)
from infoops.sample.timing import (
    HOUR_MS,
    MINUTE_MS,
    OfficeHours,
    accept_diurnal,
    diurnal_times,
    snowflakes,
)
from infoops.sample.world import (
    CRYPTO,
    OPERATION_TOPIC_IDS,
    ORGANIC_REPLY_DELAY,
    TOPIC_NAMES,
    ZONE_OFFSETS,
    Hijack,
    Kind,
    Posts,
    Role,
    Style,
    World,
    mixture_delays,
)


@dataclass(slots=True)
class _Batch:
    author: np.ndarray
    time_ms: np.ndarray
    kind: int
    style: np.ndarray
    topic: np.ndarray
    parent: np.ndarray | None = None
    mention: np.ndarray | None = None
    has_url: np.ndarray | None = None


@dataclass(slots=True)
class _Parents:
    """Posts that can be answered (replied to, quoted), weighted by the attention they draw;
    ``author``, ``time_ms`` and ``topic`` cover every post so far, by index."""

    index: np.ndarray
    weight: np.ndarray
    author: np.ndarray
    time_ms: np.ndarray
    topic: np.ndarray

    def draw(
        self, rng: np.random.Generator, n: int, among: np.ndarray | None = None
    ) -> np.ndarray:
        index, weight = self.index, self.weight
        if among is not None:
            index, weight = index[among], weight[among]
        return index[rng.choice(len(index), size=n, p=weight / weight.sum())]


class PostBuilder:
    """Originals, replies and quotes for organic accounts and the operation."""

    def __init__(self, world: World, rng: np.random.Generator) -> None:
        self.world = world
        self.rng = rng
        self.batches: list[_Batch] = []
        self.size = 0

    def _add(self, batch: _Batch) -> np.ndarray:
        n = len(batch.author)
        if batch.mention is None:
            batch.mention = np.full((n, 2), -1, dtype=np.int64)
        if batch.has_url is None:
            batch.has_url = np.zeros(n, dtype=bool)
        if batch.parent is None:
            batch.parent = np.full(n, -1, dtype=np.int64)
        self.batches.append(batch)
        indices = np.arange(self.size, self.size + n)
        self.size += n
        return indices

    def build(self) -> None:
        organic = self._organic_originals()
        hijack_before = self._hijack_before()
        poster_posts = self._poster_posts()
        scam_posts = self._scam_posts()
        self._amplifier_posts()
        authors = np.concatenate([b.author for b in self.batches])
        answerable = np.concatenate([organic, hijack_before])
        parents = _Parents(
            index=answerable,
            weight=self._engagement_weight(authors[answerable]),
            author=authors,
            time_ms=np.concatenate([b.time_ms for b in self.batches]),
            topic=np.concatenate([b.topic for b in self.batches]),
        )
        self._replies(parents)
        self._operation_replies(parents)
        self._finish(poster_posts, scam_posts)

    def _engagement_weight(self, authors: np.ndarray) -> np.ndarray:
        followers = self.world.accounts.followers[authors].astype(np.float64)
        return (followers + 5.0) ** 0.65 * self.rng.lognormal(0.0, 0.9, len(authors))

    def _organic_originals(self) -> np.ndarray:
        rng = self.rng
        accounts = self.world.accounts
        cfg = self.world.config
        organic = np.flatnonzero(accounts.role <= Role.STAR)
        activity = accounts.activity[organic]
        counts = rng.poisson(activity / activity.mean() * cfg.organic_posts_per_account)
        author = np.repeat(organic, counts)
        times = diurnal_times(
            rng,
            ZONE_OFFSETS[accounts.zone[author]],
            accounts.chronotype[author].astype(np.int64),
            self.world.window.start_ms,
            cfg.days,
        )
        times = self._after_creation(author, times)
        choice = rng.random(len(author))
        topic = np.where(
            choice < 0.6,
            accounts.topic[author],
            np.where(
                choice < 0.9,
                accounts.second_topic[author],
                rng.integers(0, len(TOPIC_NAMES), len(author)),
            ),
        ).astype(np.int8)
        local = (accounts.script[author] != Script.LATIN) & (rng.random(len(author)) < 0.7)
        style = np.where(local, Style.LOCAL, Style.ENGLISH).astype(np.int8)
        mention = self._organic_mentions(author, rate=0.18)
        return self._add(
            _Batch(
                author=author,
                time_ms=times,
                kind=Kind.POST,
                style=style,
                topic=topic,
                mention=mention,
                has_url=rng.random(len(author)) < 0.2,
            )
        )

    def _after_creation(self, author: np.ndarray, times: np.ndarray) -> np.ndarray:
        """Moves the posts of accounts created inside the window to after their creation."""
        created_ms = self.world.accounts.created_s[author] * 1000 + 10 * MINUTE_MS
        early = times < created_ms
        if early.any():
            end = self.world.window.end_ms
            span = np.maximum(1, end - created_ms[early])
            times[early] = created_ms[early] + (self.rng.random(int(early.sum())) * span).astype(
                np.int64
            )
        return times

    def _organic_mentions(self, author: np.ndarray, rate: float) -> np.ndarray:
        rng = self.rng
        accounts = self.world.accounts
        communities = self.world.communities
        n = len(author)
        mention = np.full((n, 2), -1, dtype=np.int64)
        has = rng.random(n) < rate
        community = accounts.community[author]
        hub = communities.hub[np.maximum(community, 0)]
        member = communities.sample(rng, community)
        first = np.where(rng.random(n) < 0.4, hub, member)
        mention[:, 0] = np.where(has & (first != author), first, -1)
        second = communities.sample(rng, community)
        two = has & (rng.random(n) < 0.3) & (second != author) & (second != mention[:, 0])
        mention[:, 1] = np.where(two, second, -1)
        return mention

    def _hijack_before(self) -> np.ndarray:
        hijack = self.world.hijack
        if hijack is None:
            return np.empty(0, dtype=np.int64)
        rng = self.rng
        n = int(rng.integers(2, 6))
        start = self.world.window.start_ms
        times = np.sort(rng.integers(start, hijack.renamed_ms - 30 * MINUTE_MS, n))
        topic = int(self.world.accounts.topic[hijack.account])
        return self._hijacked_batch(hijack, times, Style.ENGLISH, topic, rng.random(n) < 0.3)

    def _hijacked_batch(
        self, hijack: Hijack, times: np.ndarray, style: Style, topic: int, has_url: np.ndarray
    ) -> np.ndarray:
        n = len(times)
        return self._add(
            _Batch(
                author=np.full(n, hijack.account),
                time_ms=times,
                kind=Kind.POST,
                style=np.full(n, style, dtype=np.int8),
                topic=np.full(n, topic, dtype=np.int8),
                has_url=has_url,
            )
        )

    def _topic_hubs(self, topic: int) -> np.ndarray:
        communities = self.world.communities
        return communities.hub[communities.topic == topic]

    def _poster_posts(self) -> np.ndarray:
        """The amplified posts: office hours, late enough for every delay to fit the window."""
        world = self.world
        rng = self.rng
        cfg = world.config
        office = OfficeHours(world.window.start_ms, cfg.days)
        latest = world.window.end_ms - int(cfg.max_delay_hours * HOUR_MS) - 5 * MINUTE_MS
        authors: list[int] = []
        times: list[int] = []
        topics: list[int] = []
        for poster, poster_topics in world.poster_topics.items():
            n = 1 + int(rng.poisson(max(0.0, cfg.posts_per_poster - 1)))
            earliest = int(world.accounts.created_s[poster]) * 1000 + 2 * HOUR_MS
            earliest = max(earliest, world.window.start_ms)
            for t in office.sample(rng, n, earliest, max(earliest + HOUR_MS, latest)):
                authors.append(poster)
                times.append(int(min(t, latest)))
                topics.append(int(rng.choice(poster_topics)))
        return self._operation_batch(authors, times, topics, Style.OPERATION, url_rate=0.3)

    def _operation_batch(
        self, authors: list[int], times: list[int], topics: list[int], style: Style, url_rate: float
    ) -> np.ndarray:
        rng = self.rng
        n = len(authors)
        mention = np.full((n, 2), -1, dtype=np.int64)
        for row, topic in enumerate(topics):
            hubs = self._topic_hubs(topic)
            if len(hubs) and rng.random() < 0.25:
                mention[row, 0] = int(rng.choice(hubs))
        return self._add(
            _Batch(
                author=np.array(authors, dtype=np.int64),
                time_ms=np.array(times, dtype=np.int64),
                kind=Kind.POST,
                style=np.full(n, style, dtype=np.int8),
                topic=np.array(topics, dtype=np.int8),
                mention=mention,
                has_url=rng.random(n) < url_rate,
            )
        )

    def _scam_posts(self) -> np.ndarray:
        hijack = self.world.hijack
        if hijack is None:
            return np.empty(0, dtype=np.int64)
        rng = self.rng
        cfg = self.world.config
        n = int(rng.integers(2, 5))
        low = hijack.renamed_ms + 10 * MINUTE_MS
        latest = self.world.window.end_ms - int(cfg.max_delay_hours * HOUR_MS) - 5 * MINUTE_MS
        times = np.sort(rng.integers(low, max(low + HOUR_MS, latest), n))
        return self._hijacked_batch(hijack, times, Style.SCAM, CRYPTO, np.ones(n, dtype=bool))

    def _amplifier_posts(self) -> None:
        """Amplifiers post the operation's template too: near-identical texts, many authors."""
        world = self.world
        rng = self.rng
        amplifiers = np.flatnonzero(world.accounts.role == Role.AMPLIFIER)
        posting = amplifiers[rng.random(len(amplifiers)) < world.config.amplifier_post_rate]
        counts = 1 + rng.poisson(0.5, len(posting))
        author = np.repeat(posting, counts)
        office = OfficeHours(world.window.start_ms, world.config.days)
        times = office.sample(rng, len(author), world.window.start_ms, world.window.end_ms)
        topics = rng.choice(OPERATION_TOPIC_IDS, len(author)).tolist()
        self._operation_batch(
            author.tolist(), times.tolist(), topics, Style.OPERATION, url_rate=0.1
        )

    def _replies(self, parents: _Parents) -> None:
        """Organic replies and quotes of organic posts, popular posts drawing more of them."""
        world = self.world
        rng = self.rng
        budget = world.config.organic_interactions
        accounts = world.accounts
        shares = ((Kind.REPLY, 0.10, Style.REPLY), (Kind.QUOTE, 0.035, Style.QUOTE))
        for kind, share, style in shares:
            n = round(budget * share)
            if n == 0 or len(parents.index) == 0:
                continue
            parent = parents.draw(rng, n)
            parent_author = parents.author[parent]
            community = np.where(
                rng.random(n) < 0.8, accounts.community[parent_author], -1
            ).astype(np.int64)
            author = world.communities.sample(rng, community)
            when = accept_diurnal(
                rng, parents.time_ms[parent], ZONE_OFFSETS[accounts.zone[author]],
                ORGANIC_REPLY_DELAY,
            )
            keep = (
                (author != parent_author)
                & (when < world.window.end_ms)
                & (accounts.created_s[author] * 1000 + MINUTE_MS <= when)
            )
            self._add_answers(parents, author, when, parent, keep, kind, style)

    def _operation_replies(self, parents: _Parents) -> None:
        """A few amplifiers reply to organic posts on the operation's topics with the template."""
        world = self.world
        rng = self.rng
        targets = np.isin(parents.topic[parents.index], OPERATION_TOPIC_IDS[:2])
        if not targets.any():
            return
        amplifiers = np.flatnonzero(world.accounts.role == Role.AMPLIFIER)
        n = max(1, round(len(amplifiers) * 0.06))
        parent = parents.draw(rng, n, among=targets)
        author = rng.choice(amplifiers, n)
        max_delay = int(world.config.max_delay_hours * HOUR_MS)
        when = parents.time_ms[parent] + mixture_delays(rng, n, max_delay)
        keep = when < world.window.end_ms
        self._add_answers(parents, author, when, parent, keep, Kind.REPLY, Style.OPERATION_REPLY)

    def _add_answers(
        self,
        parents: _Parents,
        author: np.ndarray,
        when: np.ndarray,
        parent: np.ndarray,
        keep: np.ndarray,
        kind: Kind,
        style: Style,
    ) -> None:
        self._add(
            _Batch(
                author=author[keep],
                time_ms=when[keep],
                kind=kind,
                style=np.full(int(keep.sum()), style, dtype=np.int8),
                topic=parents.topic[parent[keep]].astype(np.int8),
                parent=parent[keep],
            )
        )

    def _finish(self, poster_posts: np.ndarray, scam_posts: np.ndarray) -> None:
        """Concatenates the batches, sorts by time and gives every post its snowflake id."""
        world = self.world
        batches = self.batches
        time_ms = np.concatenate([b.time_ms for b in batches]).astype(np.int64)
        order = np.argsort(time_ms, kind="stable")
        new_index = np.empty_like(order)
        new_index[order] = np.arange(len(order))
        parent = np.concatenate([b.parent for b in batches if b.parent is not None])[order]
        parent = np.where(parent >= 0, new_index[np.maximum(parent, 0)], -1)
        n = len(order)
        world.posts = Posts(
            author=np.concatenate([b.author for b in batches]).astype(np.int32)[order],
            time_ms=time_ms[order],
            kind=np.concatenate(
                [np.full(len(b.author), b.kind, dtype=np.int8) for b in batches]
            )[order],
            style=np.concatenate([b.style for b in batches]).astype(np.int8)[order],
            topic=np.concatenate([b.topic for b in batches]).astype(np.int8)[order],
            parent=parent.astype(np.int32),
            mention=np.concatenate(
                [b.mention for b in batches if b.mention is not None]
            ).astype(np.int32)[order],
            has_url=np.concatenate([b.has_url for b in batches if b.has_url is not None])[order],
            words=self.rng.integers(0, 1 << 16, (n, 6), dtype=np.int64).astype(np.uint16),
            tid=np.zeros(n, dtype=np.int64),
            retweets=np.zeros(n, dtype=np.int32),
            likes=np.zeros(n, dtype=np.int32),
            replies=np.zeros(n, dtype=np.int32),
            quotes=np.zeros(n, dtype=np.int32),
        )
        posts = world.posts
        posts.tid = snowflakes(posts.time_ms, np.arange(n))
        has_parent = posts.parent >= 0
        posts.replies = np.bincount(
            posts.parent[has_parent & (posts.kind == Kind.REPLY)], minlength=n
        )
        posts.quotes = np.bincount(
            posts.parent[has_parent & (posts.kind == Kind.QUOTE)], minlength=n
        )
        world.operation_posts = sorted(int(new_index[i]) for i in poster_posts)
        if world.hijack is not None:
            world.hijack.scam_posts = sorted(int(new_index[i]) for i in scam_posts)
