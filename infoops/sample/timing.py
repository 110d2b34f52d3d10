"""When things happen: diurnal rhythms, working hours, delays, snowflake ids.

Times inside the generator are integer milliseconds since the Unix epoch (UTC) in numpy
arrays; only the writers turn them into strings.
"""

from __future__ import annotations

import numpy as np

SECOND_MS = 1_000
MINUTE_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 86_400_000
TWITTER_EPOCH_MS = 1_288_834_974_657
SHANGHAI_OFFSET_H = 8.0

# Relative activity of people by local hour: a night trough, a morning rise, an evening peak.
ORGANIC_PROFILE = np.array(
    [2.0, 1.3, 0.8, 0.5, 0.35, 0.4, 0.9, 1.8, 2.8, 3.3, 3.5, 3.7, 4.0, 3.8, 3.6, 3.6,
     3.8, 4.2, 4.6, 5.0, 5.2, 5.0, 4.2, 3.0]
)
ORGANIC_PROFILE_P = ORGANIC_PROFILE / ORGANIC_PROFILE.sum()
ORGANIC_ACCEPT = ORGANIC_PROFILE / ORGANIC_PROFILE.max()

# An office in Shanghai: 9 to 18 with a lunch break, a trickle of overtime.
OFFICE_PROFILE = np.full(24, 0.06)
OFFICE_PROFILE[9:18] = [3.0, 4.0, 4.0, 1.2, 2.4, 4.0, 4.0, 3.8, 3.2]
OFFICE_PROFILE[18:21] = [0.4, 0.2, 0.12]
WEEKEND_FACTOR = 0.08

# Twitter user ids were sequential before snowflakes: (creation time, id) anchors between which
# ids are interpolated, so old accounts get small ids as real ones have.
_SEQUENTIAL_ID_ANCHORS = (
    (1_167_609_600, 5.0e5),  # 2007-01-01
    (1_199_145_600, 1.2e7),  # 2008-01-01
    (1_230_768_000, 1.8e7),  # 2009-01-01
    (1_243_814_400, 4.4e7),  # 2009-06-01
    (1_262_304_000, 1.0e8),  # 2010-01-01
    (1_293_840_000, 2.3e8),  # 2011-01-01
    (1_325_376_000, 4.6e8),  # 2012-01-01
    (1_356_998_400, 1.1e9),  # 2013-01-01
    (1_388_534_400, 2.3e9),  # 2014-01-01
    (1_420_070_400, 2.95e9),  # 2015-01-01
    (1_451_606_400, 4.7e9),  # 2016-01-01
    (1_459_468_800, 4.9e9),  # 2016-04-01: snowflake user ids from here on
)
_SNOWFLAKE_USERS_FROM_S = _SEQUENTIAL_ID_ANCHORS[-1][0]
_LOW_BITS = (1 << 22) - 1
_MIX = 0x9E3779B1  # odd, so multiplying by it permutes the 22 low bits


def snowflakes(time_ms: np.ndarray, ordinals: np.ndarray) -> np.ndarray:
    """Twitter snowflake ids for ``time_ms``.

    The 22 low bits (worker + sequence in the real scheme) are a permutation of the ordinals,
    so ids of the same millisecond never collide while fewer than 4M share a generator run.
    """
    low = (np.asarray(ordinals, dtype=np.int64) * _MIX) & _LOW_BITS
    return ((np.asarray(time_ms, dtype=np.int64) - TWITTER_EPOCH_MS) << 22) | low


def user_ids(created_s: np.ndarray, ordinals: np.ndarray) -> np.ndarray:
    """Twitter user ids that look their age: sequential before 2016, snowflakes after."""
    created_s = np.asarray(created_s, dtype=np.int64)
    anchors_t = np.array([t for t, _ in _SEQUENTIAL_ID_ANCHORS], dtype=np.float64)
    anchors_id = np.array([i for _, i in _SEQUENTIAL_ID_ANCHORS], dtype=np.float64)
    ids = np.empty(len(created_s), dtype=np.int64)
    old = created_s < _SNOWFLAKE_USERS_FROM_S
    if old.any():
        approx = np.interp(created_s[old], anchors_t, anchors_id).astype(np.int64)
        order = np.argsort(created_s[old], kind="stable")
        ranked = approx[order] + np.arange(len(order))
        # Strictly increasing with creation time, hence unique.
        ranked = np.maximum.accumulate(ranked - np.arange(len(order))) + np.arange(len(order))
        old_ids = np.empty_like(ranked)
        old_ids[order] = ranked
        ids[old] = old_ids
    new = ~old
    if new.any():
        ids[new] = snowflakes(created_s[new] * SECOND_MS, ordinals[new])
    return ids


def diurnal_times(
    rng: np.random.Generator,
    offsets_h: np.ndarray,
    chronotype_h: np.ndarray,
    start_ms: int,
    days: int,
) -> np.ndarray:
    """One time per entry in the window, at a local hour people are awake in that zone."""
    n = len(offsets_h)
    day = rng.integers(0, days, n)
    hour = rng.choice(24, size=n, p=ORGANIC_PROFILE_P)
    local_ms = day * DAY_MS + (hour + chronotype_h) * HOUR_MS + rng.integers(0, HOUR_MS, n)
    utc_ms = local_ms - np.round(offsets_h * HOUR_MS).astype(np.int64)
    return start_ms + np.mod(utc_ms, days * DAY_MS)


def accept_diurnal(
    rng: np.random.Generator,
    base_ms: np.ndarray,
    offsets_h: np.ndarray,
    draw_delay: DelayDraw,
    tries: int = 3,
) -> np.ndarray:
    """``base + delay`` with delays redrawn when they land at a local hour people sleep."""
    times = base_ms + draw_delay(rng, len(base_ms))
    for _ in range(tries):
        local_hour = np.floor_divide(times + (offsets_h * HOUR_MS).astype(np.int64), HOUR_MS) % 24
        asleep = rng.random(len(times)) > ORGANIC_ACCEPT[local_hour]
        if not asleep.any():
            break
        times[asleep] = base_ms[asleep] + draw_delay(rng, int(asleep.sum()))
    return times


class DelayDraw:
    """Log-normal delays in ms: ``median_s`` seconds, spread ``sigma``, clipped to a range."""

    def __init__(self, median_s: float, sigma: float, low_s: float, high_s: float) -> None:
        self.mu = float(np.log(median_s))
        self.sigma = sigma
        self.low_ms = int(low_s * SECOND_MS)
        self.high_ms = int(high_s * SECOND_MS)

    def __call__(self, rng: np.random.Generator, n: int) -> np.ndarray:
        seconds = rng.lognormal(self.mu, self.sigma, n)
        return np.clip((seconds * SECOND_MS).astype(np.int64), self.low_ms, self.high_ms)


class OfficeHours:
    """Samples times in the operation's working hours (Asia/Shanghai, weekdays) of a window."""

    def __init__(self, start_ms: int, days: int) -> None:
        self.slot_start = start_ms + np.arange(days * 24, dtype=np.int64) * HOUR_MS
        local = self.slot_start + int(SHANGHAI_OFFSET_H * HOUR_MS)
        local_hour = (local // HOUR_MS) % 24
        # 1970-01-01 was a Thursday: weekday 0 = Monday.
        weekday = (local // DAY_MS + 3) % 7
        self.weight = OFFICE_PROFILE[local_hour] * np.where(weekday < 5, 1.0, WEEKEND_FACTOR)

    def sample(self, rng: np.random.Generator, n: int, low_ms: int, high_ms: int) -> np.ndarray:
        """``n`` times in [low_ms, high_ms), office hours preferred; uniform if none are open."""
        slot_end = self.slot_start + HOUR_MS
        usable = (self.slot_start >= low_ms) & (slot_end <= high_ms)
        weight = np.where(usable, self.weight, 0.0)
        if weight.sum() <= 0:
            if high_ms <= low_ms:
                return np.full(n, low_ms, dtype=np.int64)
            return rng.integers(low_ms, high_ms, n).astype(np.int64)
        slots = rng.choice(len(weight), size=n, p=weight / weight.sum())
        return self.slot_start[slots] + rng.integers(0, HOUR_MS, n)

    def sample_seconds_of_day(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Seconds after UTC midnight at which an office in Shanghai does something."""
        p = OFFICE_PROFILE / OFFICE_PROFILE.sum()
        local_hour = rng.choice(24, size=n, p=p)
        utc_hour = (local_hour - int(SHANGHAI_OFFSET_H)) % 24
        return utc_hour * 3_600 + rng.integers(0, 3_600, n)
