"""Draws a world's accounts, communities, pools and operation plan from a config, then
hands over to the post and engagement builders."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from infoops.sample import vocab
from infoops.sample.config import GeneratorConfig
from infoops.sample.engagement import EngagementBuilder
from infoops.sample.names import (
    DISPLAY_STYLES,
    ORGANIC_HANDLE_WEIGHTS,
    HandleStyle,
    Script,
    name_list_sizes,
    operation_names,
    organic_screen_name,
)
from infoops.sample.posts import PostBuilder
from infoops.sample.profiles import bio_text, organic_names
from infoops.sample.timing import (
    DAY_MS,
    OfficeHours,
    user_ids,
)
from infoops.sample.world import (
    OPERATION_TOPIC_IDS,
    SCRIPT_NAMES,
    TOPIC_NAMES,
    ZONE_NAMES,
    Accounts,
    Communities,
    EventSpool,
    Hijack,
    Pool,
    Role,
    Window,
    World,
)

EARLIEST_ACCOUNT = datetime(2007, 1, 1, tzinfo=UTC)
ORGANIC_SCRIPT_WEIGHTS = np.array([0.78, 0.07, 0.05, 0.05, 0.05])
# How much people writing in each script gravitate to communities about each topic.
_AFFINITY = {
    "russian": {"crypto": 1.6, "sports": 1.3},
    "arabic": {"sports": 1.6, "covid": 1.3},
    "japanese": {"music": 1.6, "tech": 1.4, "food": 1.4},
    "chinese": {"hong-kong": 5.0, "guo": 4.0, "covid": 1.5},
}


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` summing to ``total``; the remainder goes last."""
    counts = np.floor(total * weights / weights.sum()).astype(np.int64)
    counts[-1] += total - counts.sum()
    return counts


class WorldBuilder:
    """Draws one world from a config; each stage has its own random stream."""

    def __init__(self, config: GeneratorConfig, spool_dir: Path) -> None:
        config.validate()
        self.config = config
        streams = np.random.SeedSequence(config.seed).spawn(6)
        self.rng_setup, self.rng_accounts, self.rng_posts, self.rng_events = (
            np.random.default_rng(s) for s in streams[:4]
        )
        self.names_random = random.Random(int(streams[4].generate_state(1)[0]))
        start = config.start or self._seeded_start()
        start = start.astimezone(UTC) if start.tzinfo else start.replace(tzinfo=UTC)
        self.window = Window(int(start.timestamp() * 1000), config.days)
        self.spool_dir = spool_dir
        self.burst_days_s: list[int] = []

    def _seeded_start(self) -> datetime:
        first = datetime(2019, 6, 3, tzinfo=UTC)
        return first + timedelta(days=int(self.rng_setup.integers(0, 3 * 365)))

    def build(self) -> World:
        cfg = self.config
        rng = self.rng_setup
        n_pools = cfg.pools if cfg.pools is not None else int(rng.integers(3, 5))
        pool_sizes = np.maximum(
            5, np.round(cfg.base_pool_size() * rng.uniform(1.0, 1.3, n_pools)).astype(int)
        )
        core_sizes = np.maximum(3, np.round(pool_sizes * (1 - cfg.pool_overlap)).astype(int))
        n_amplifiers = int(core_sizes.sum())
        n_organic = cfg.organic_accounts
        hijacked = 1 if cfg.hijack else 0
        first_poster = n_organic + hijacked
        first_amplifier = first_poster + cfg.posters
        total = first_amplifier + n_amplifiers
        role = np.full(total, Role.ORGANIC, dtype=np.int8)
        if hijacked:
            role[n_organic] = Role.HIJACKED
        role[first_poster:first_amplifier] = Role.POSTER
        role[first_amplifier:] = Role.AMPLIFIER
        accounts = self._organic_columns(role)
        communities = self._communities(accounts, n_organic)
        stars = self._stars(accounts, communities, n_organic)
        self._refresh_hubs(accounts, communities)
        operation = np.arange(first_poster, total)
        self._operation_accounts(accounts, operation, first_amplifier)
        hijack = self._hijack(accounts, communities, n_organic) if hijacked else None
        accounts.uid = user_ids(accounts.created_s, np.arange(total))
        self._unique_names(accounts, hijack)
        pools = self._pools(np.arange(first_amplifier, total), pool_sizes, core_sizes)
        poster_pools, poster_topics = self._assign_posters(
            np.arange(first_poster, first_amplifier), pools
        )
        if hijack is not None:
            hijack.pools = sorted(
                int(p) for p in rng.choice(len(pools), min(2, len(pools)), replace=False)
            )
        world = World(
            config=cfg,
            window=self.window,
            accounts=accounts,
            communities=communities,
            posts=None,  # type: ignore[arg-type]  # filled just below
            pools=pools,
            poster_pools=poster_pools,
            poster_topics=poster_topics,
            hijack=hijack,
            stars=stars,
            operation_posts=[],
            spool=EventSpool(self.spool_dir, self.window),
            burst_days_s=self.burst_days_s,
        )
        PostBuilder(world, self.rng_posts).build()
        EngagementBuilder(world, self.rng_events).build()
        world.spool.seal()
        return world

    # --- accounts ------------------------------------------------------------------------

    def _organic_columns(self, role: np.ndarray) -> Accounts:
        rng = self.rng_accounts
        n = len(role)
        script_weights = rng.dirichlet(ORGANIC_SCRIPT_WEIGHTS * 60)
        script = rng.choice(len(SCRIPT_NAMES), size=n, p=script_weights).astype(np.int8)
        first = np.zeros(n, dtype=np.int16)
        last = np.zeros(n, dtype=np.int16)
        zone = np.zeros(n, dtype=np.int8)
        for code, script_name in enumerate(SCRIPT_NAMES):
            rows = np.flatnonzero(script == code)
            n_first, n_last = name_list_sizes(Script(code))
            first[rows] = rng.integers(0, n_first, len(rows))
            last[rows] = rng.integers(0, n_last, len(rows))
            zones, weights = zip(*vocab.SCRIPT_ZONES[script_name], strict=True)
            zone_ids = np.array([ZONE_NAMES.index(z) for z in zones])
            p = np.array(weights, dtype=float) * rng.uniform(0.6, 1.4, len(weights))
            zone[rows] = zone_ids[rng.choice(len(zone_ids), len(rows), p=p / p.sum())]
        end_s = self.window.end_ms // 1000
        earliest_s = int(EARLIEST_ACCOUNT.timestamp())
        # A smooth spread over the years: many accounts from the early 2010s, fewer very new.
        created = earliest_s + (rng.beta(2.0, 1.5, n) * (end_s - earliest_s)).astype(np.int64)
        age_years = np.maximum(0.05, (end_s - created) / (365 * 86_400))
        location = np.where(rng.random(n) < 0.65, rng.integers(0, 1_000, n), -1)
        bio = np.where(rng.random(n) < 0.7, rng.integers(0, 1_000_000, n), -1)
        handle_style = rng.choice(
            len(ORGANIC_HANDLE_WEIGHTS), size=n, p=np.array(ORGANIC_HANDLE_WEIGHTS)
        ).astype(np.int8)
        client_p = np.array(vocab.ORGANIC_CLIENT_WEIGHTS)
        return Accounts(
            role=role,
            created_s=created,
            uid=np.zeros(n, dtype=np.int64),
            followers=np.minimum(
                60_000, rng.lognormal(math.log(180), 1.6, n).astype(np.int32)
            ),
            following=np.minimum(5_000, rng.lognormal(math.log(260), 1.0, n).astype(np.int32)),
            statuses=np.minimum(
                2_000_000, rng.lognormal(math.log(900), 1.3, n) * age_years
            ).astype(np.int32) + 1,
            favourites=np.minimum(
                2_000_000, rng.lognormal(math.log(1_500), 1.5, n) * age_years
            ).astype(np.int32),
            verified=rng.random(n) < 0.002,
            default_image=rng.random(n) < 0.03,
            script=script,
            first=first,
            last=last,
            handle_style=handle_style,
            handle_number=rng.integers(10_000_000, 100_000_000, n, dtype=np.int32),
            display_style=rng.integers(0, DISPLAY_STYLES, n).astype(np.int8),
            zone=zone,
            chronotype=rng.choice([-2, -1, 0, 0, 0, 1, 2], size=n).astype(np.int8),
            location=location.astype(np.int16),
            bio=bio.astype(np.int32),
            community=np.full(n, -1, dtype=np.int32),
            topic=np.zeros(n, dtype=np.int8),
            second_topic=rng.integers(0, len(TOPIC_NAMES), n).astype(np.int8),
            propensity=rng.lognormal(0.0, 1.0, n).astype(np.float32),
            activity=rng.lognormal(-0.4, 0.9, n).astype(np.float32),
            client=rng.choice(len(client_p), size=n, p=client_p).astype(np.int8),
        )

    def _communities(self, accounts: Accounts, n_organic: int) -> Communities:
        rng = self.rng_accounts
        n_comm = max(4, round(n_organic / 110))
        topic_weights = np.array([vocab.ORGANIC_TOPIC_WEIGHTS[t] for t in TOPIC_NAMES])
        topic = rng.choice(len(TOPIC_NAMES), size=n_comm, p=topic_weights / topic_weights.sum())
        # Every topic the operation pushes also has an organic conversation.
        slots = rng.choice(n_comm, size=min(n_comm, len(OPERATION_TOPIC_IDS)), replace=False)
        topic[slots] = OPERATION_TOPIC_IDS[: len(slots)]
        size_weight = 1.0 / (np.arange(n_comm) + 2.0) ** 0.9
        community = np.empty(n_organic, dtype=np.int32)
        scripts = accounts.script[:n_organic]
        for code, script_name in enumerate(SCRIPT_NAMES):
            rows = np.flatnonzero(scripts == code)
            affinity = np.array(
                [_AFFINITY.get(script_name, {}).get(TOPIC_NAMES[t], 1.0) for t in topic]
            )
            p = size_weight * affinity
            community[rows] = rng.choice(n_comm, size=len(rows), p=p / p.sum())
        accounts.community[:n_organic] = community
        own = rng.random(n_organic) < 0.75
        accounts.topic[:n_organic] = np.where(
            own, topic[community], rng.integers(0, len(TOPIC_NAMES), n_organic)
        )
        members = np.argsort(community, kind="stable")
        size = np.bincount(community, minlength=n_comm)
        cum_weight = np.cumsum(accounts.propensity[members], dtype=np.float64)
        ends = np.cumsum(size)
        starts = ends - size
        low = np.where(starts > 0, cum_weight[np.maximum(starts - 1, 0)], 0.0)
        high = np.where(size > 0, cum_weight[np.maximum(ends - 1, 0)], low)
        return Communities(
            topic=topic.astype(np.int8),
            size=size,
            hub=np.zeros(n_comm, dtype=np.int64),
            members=members,
            cum_weight=cum_weight,
            low=low,
            high=high,
        )

    def _stars(self, accounts: Accounts, communities: Communities, n_organic: int) -> list[int]:
        """A few accounts with huge followings, each at the centre of its own audience."""
        rng = self.rng_accounts
        n_comm = len(communities.size)
        n_stars = int(np.clip(round(n_comm * rng.uniform(0.2, 0.35)), 3, min(60, n_comm)))
        biggest = np.argsort(-communities.size, kind="stable")[:n_stars]
        stars: list[int] = []
        earliest = int(datetime(2008, 1, 1, tzinfo=UTC).timestamp())
        latest = int(datetime(2015, 12, 31, tzinfo=UTC).timestamp())
        for community in biggest:
            candidates = np.flatnonzero(accounts.community[:n_organic] == community)
            if len(candidates) == 0:
                continue
            star = int(rng.choice(candidates))
            stars.append(star)
            accounts.role[star] = Role.STAR
            accounts.followers[star] = min(5_000_000, int(20_000 * rng.pareto(1.1) + 20_000))
            accounts.verified[star] = rng.random() < 0.6
            accounts.created_s[star] = rng.integers(earliest, latest)
            accounts.activity[star] *= 6
            accounts.statuses[star] *= 5
            accounts.default_image[star] = False
        return stars

    def _refresh_hubs(self, accounts: Accounts, communities: Communities) -> None:
        members = communities.members
        followers = accounts.followers[members]
        ends = np.cumsum(communities.size)
        for c, end in enumerate(ends):
            begin = end - communities.size[c]
            if end > begin:
                communities.hub[c] = members[begin + int(np.argmax(followers[begin:end]))]

    def _operation_accounts(
        self, accounts: Accounts, operation: np.ndarray, first_amplifier: int
    ) -> None:
        """Brand-new accounts: created in bursts, few followers, Cyrillic or Han names."""
        rng = self.rng_accounts
        n = len(operation)
        created = self._operation_creation(n, n_posters=first_amplifier - operation[0])
        accounts.created_s[operation] = created
        rank = np.argsort(np.argsort(created, kind="stable"), kind="stable") / max(1, n - 1)
        cyrillic_low, cyrillic_high = sorted(rng.uniform(0.05, 0.9, 2))
        cyrillic = rng.random(n) < cyrillic_low + (cyrillic_high - cyrillic_low) * rank
        real_name = rng.random(n) < 0.5
        script = np.where(
            cyrillic,
            np.where(real_name, Script.OPERATION_CYRILLIC_NAME, Script.OPERATION_CYRILLIC_RANDOM),
            np.where(real_name, Script.OPERATION_HAN_NAME, Script.OPERATION_HAN_RANDOM),
        )
        accounts.script[operation] = script
        password_share = rng.uniform(0.45, 0.75)
        password = rng.random(n) < password_share
        accounts.handle_style[operation] = np.where(
            password, HandleStyle.PASSWORD, HandleStyle.DEFAULT
        )
        posters = operation < first_amplifier
        accounts.followers[operation] = np.where(
            posters, rng.integers(0, 13, n), rng.geometric(0.12, n) - 1
        )
        accounts.following[operation] = rng.integers(0, 80, n)
        accounts.statuses[operation] = rng.integers(1, 250, n)
        accounts.favourites[operation] = rng.integers(0, 600, n)
        accounts.verified[operation] = False
        accounts.default_image[operation] = rng.random(n) < 0.7
        accounts.location[operation] = np.where(rng.random(n) < 0.12, rng.integers(0, 3, n), -1)
        accounts.bio[operation] = np.where(
            rng.random(n) < 0.15, rng.integers(0, len(vocab.OPERATION_BIOS), n), -1
        )
        accounts.zone[operation] = ZONE_NAMES.index("hong_kong")  # UTC+8, as Shanghai
        accounts.chronotype[operation] = 0
        client_p = np.array(vocab.OPERATION_CLIENT_WEIGHTS)
        accounts.client[operation] = rng.choice(len(client_p), size=n, p=client_p)
        accounts.propensity[operation] = 0.0
        accounts.activity[operation] = 0.0
        accounts.topic[operation] = rng.choice(OPERATION_TOPIC_IDS, n)
        bios = vocab.OPERATION_BIOS
        for index, account in enumerate(operation):
            screen, display = operation_names(
                self.names_random, Script(int(script[index])), bool(password[index])
            )
            bio_index = int(accounts.bio[account])
            accounts.operation_names[int(account)] = (
                screen,
                display,
                bios[bio_index] if bio_index >= 0 else "",
            )

    def _operation_creation(self, n: int, n_posters: int) -> np.ndarray:
        """Creation times: a few consecutive days of rising counts, the rest spread thinly.

        Some posters are created inside the window itself (brand-new voices); everything
        else predates the window so the pools are complete before the first post.
        """
        rng = self.rng_accounts
        cfg = self.config
        start_s = self.window.start_ms // 1000
        created = np.empty(n, dtype=np.int64)
        in_window = rng.random(n_posters) < rng.uniform(0.0, 0.3)
        in_window_rows = np.flatnonzero(in_window)
        window_span = max(3_600, min(cfg.days * 86_400 // 2, 3 * 86_400))
        created[in_window_rows] = start_s + rng.integers(0, window_span, len(in_window_rows))
        rest = np.setdiff1d(np.arange(n), in_window_rows)
        rng.shuffle(rest)
        n_burst_days = cfg.burst_days or int(rng.integers(3, 6))
        n_burst = round(len(rest) * rng.uniform(0.7, 0.85))
        steps = rng.uniform(0.15, 0.6, n_burst_days)
        counts = _apportion(n_burst, 0.3 + np.cumsum(steps))
        start_day_s = start_s - start_s % 86_400
        last_day_s = start_day_s - int(rng.integers(1, 11)) * 86_400
        office = OfficeHours(self.window.start_ms, 1)
        cursor = 0
        for day_index, count in enumerate(counts):
            day_s = last_day_s - (n_burst_days - 1 - day_index) * 86_400
            self.burst_days_s.append(day_s)
            rows = rest[cursor : cursor + count]
            created[rows] = day_s + office.sample_seconds_of_day(rng, len(rows))
            cursor += count
        thin = rest[cursor:]
        thin_from = start_day_s - 180 * 86_400
        created[thin] = rng.integers(thin_from, start_day_s - 86_400, len(thin))
        return created

    def _hijack(self, accounts: Accounts, communities: Communities, index: int) -> Hijack:
        """An old verified account with a large following that is renamed to pose as Elon Musk."""
        rng = self.rng_accounts
        cfg = self.config
        harmless = [c for c, t in enumerate(communities.topic) if t not in OPERATION_TOPIC_IDS]
        community = int(rng.choice(harmless)) if harmless else 0
        accounts.community[index] = community
        accounts.topic[index] = communities.topic[community]
        accounts.script[index] = Script.LATIN
        accounts.handle_style[index] = HandleStyle.FIRST_LAST
        accounts.display_style[index] = 0
        accounts.followers[index] = int(rng.integers(60_000, 900_000))
        accounts.verified[index] = True
        accounts.default_image[index] = False
        accounts.created_s[index] = int(
            rng.integers(
                int(datetime(2009, 3, 1, tzinfo=UTC).timestamp()),
                int(datetime(2013, 12, 1, tzinfo=UTC).timestamp()),
            )
        )
        accounts.statuses[index] = int(rng.integers(8_000, 40_000))
        accounts.activity[index] = 0.0  # its posts are planned by hand
        accounts.bio[index] = int(rng.integers(0, 1_000_000))
        accounts.location[index] = int(rng.integers(0, 1_000))
        renamed_ms = self.window.start_ms + int(
            rng.uniform(0.35, 0.6) * cfg.days * DAY_MS
        )
        handle = vocab.IMPERSONATION_HANDLES[int(rng.integers(len(vocab.IMPERSONATION_HANDLES)))]
        if rng.random() < 0.4:
            handle = handle[: 15 - 2] + str(int(rng.integers(10, 100)))
        new_names = (handle, vocab.IMPERSONATED_NAME, vocab.IMPERSONATION_BIO)
        return Hijack(
            account=index,
            renamed_ms=renamed_ms,
            old_names=("", "", ""),  # filled by _unique_names once the handle is settled
            new_names=new_names,
            pools=[],
        )

    def _unique_names(self, accounts: Accounts, hijack: Hijack | None) -> None:
        """Screen names are unique regardless of case, as on the platform."""
        seen: set[str] = set()
        reserved = {name.lower() for name in vocab.IMPERSONATION_HANDLES}
        for index in range(len(accounts)):
            if index in accounts.operation_names:
                screen, display, bio = accounts.operation_names[index]
                while screen.lower() in seen or screen.lower() in reserved:
                    screen = screen[:-2] + f"{self.names_random.randrange(100):02d}"
                accounts.operation_names[index] = (screen, display, bio)
            else:
                screen = organic_screen_name(
                    int(accounts.script[index]),
                    int(accounts.first[index]),
                    int(accounts.last[index]),
                    int(accounts.handle_style[index]),
                    int(accounts.handle_number[index]),
                )
                while screen.lower() in seen or screen.lower() in reserved or len(screen) < 4:
                    accounts.handle_number[index] = self.rng_accounts.integers(
                        10_000_000, 100_000_000
                    )
                    accounts.handle_style[index] = HandleStyle.NAME_DIGITS
                    screen = organic_screen_name(
                        int(accounts.script[index]),
                        int(accounts.first[index]),
                        int(accounts.last[index]),
                        HandleStyle.NAME_DIGITS,
                        int(accounts.handle_number[index]),
                    )
            seen.add(screen.lower())
        if hijack is not None:
            screen, display = organic_names(accounts, hijack.account)
            hijack.old_names = (screen, display, bio_text(accounts, hijack.account))

    def _pools(
        self, amplifiers: np.ndarray, pool_sizes: np.ndarray, core_sizes: np.ndarray
    ) -> list[Pool]:
        """Disjoint cores plus members borrowed from other pools; some join late or leave."""
        rng = self.rng_setup
        shuffled = rng.permutation(amplifiers)
        cores = np.split(shuffled, np.cumsum(core_sizes)[:-1])
        pools: list[Pool] = []
        start, end = self.window.start_ms, self.window.end_ms
        for index, core in enumerate(cores):
            others = np.concatenate([c for j, c in enumerate(cores) if j != index] or [core[:0]])
            borrowed_n = min(len(others), int(pool_sizes[index]) - len(core))
            borrowed = (
                rng.choice(others, borrowed_n, replace=False)
                if borrowed_n > 0
                else np.empty(0, dtype=np.int64)
            )
            members = np.sort(np.concatenate([core, borrowed]))
            n = len(members)
            join = np.full(n, start - DAY_MS, dtype=np.int64)
            leave = np.full(n, end + DAY_MS, dtype=np.int64)
            churn = rng.random(n)
            late = churn < 0.08
            early = (churn >= 0.08) & (churn < 0.16)
            join[late] = rng.integers(start, end, int(late.sum()))
            leave[early] = rng.integers(start, end, int(early.sum()))
            pools.append(Pool(members=members, join_ms=join, leave_ms=leave))
        return pools

    def _assign_posters(
        self, posters: np.ndarray, pools: list[Pool]
    ) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """Each pool serves many posters; posters push one or two of the operation's topics."""
        rng = self.rng_setup
        order = rng.permutation(len(posters))
        topic_p = rng.dirichlet(np.full(len(OPERATION_TOPIC_IDS), 4.0))
        poster_pools: dict[int, list[int]] = {}
        poster_topics: dict[int, list[int]] = {}
        for rank, position in enumerate(order):
            poster = int(posters[position])
            chosen = [rank % len(pools)]
            if len(pools) > 1 and rng.random() < 0.25:
                chosen.append(int((chosen[0] + rng.integers(1, len(pools))) % len(pools)))
            poster_pools[poster] = sorted(chosen)
            for p in chosen:
                pools[p].posters.append(poster)
            topics = [int(rng.choice(OPERATION_TOPIC_IDS, p=topic_p))]
            if rng.random() < 0.3:
                topics.append(int(rng.choice(OPERATION_TOPIC_IDS)))
            poster_topics[poster] = sorted(set(topics))
        for pool in pools:
            pool.posters.sort()
        return poster_pools, poster_topics
