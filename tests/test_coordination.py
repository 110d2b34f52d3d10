"""The co-retweet engine's pairing against a plain reading of coordination-network-toolkit's
definition, on random retweets with and without an account retweeting a post twice (the
engine counts the first case one unordered pair at a time, the second per retweet)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from infoops.analysis.coordination import _heaviest_first, co_retweet_edges


def definition(
    accounts: list[list[str]], times: list[list[int]], time_window: int, min_edge_weight: int
) -> dict[tuple[str, str], int]:
    """a -> b weighs a's retweets with a retweet of b's of the same post within the window."""
    weight: defaultdict[tuple[str, str], int] = defaultdict(int)
    for post_accounts, post_times in zip(accounts, times, strict=True):
        retweets = list(zip(post_accounts, post_times, strict=True))
        for a, t in retweets:
            partners = {b for b, u in retweets if b != a and abs(t - u) <= time_window}
            for b in partners:
                weight[a, b] += 1
    return {pair: w for pair, w in weight.items() if w >= min_edge_weight}


def random_retweets(seed: int, twice: bool) -> tuple[list[list[str]], list[list[int]]]:
    rng = np.random.default_rng(seed)
    accounts: list[list[str]] = []
    times: list[list[int]] = []
    for _ in range(60):
        size = int(rng.integers(0, 12))
        retweeters = rng.choice(25, size=size, replace=twice).tolist()
        accounts.append([f"account-{a}" for a in retweeters])
        times.append(rng.integers(0, 300, size=size).tolist())
    return accounts, times


@pytest.mark.parametrize("twice", [False, True])
@pytest.mark.parametrize(("time_window", "min_edge_weight"), [(0, 1), (30, 1), (60, 2), (400, 3)])
def test_pairs_are_the_definitions(twice: bool, time_window: int, min_edge_weight: int) -> None:
    for seed in range(5):
        accounts, times = random_retweets(seed, twice)
        first, second, weight, keys = co_retweet_edges(
            accounts, times, time_window, min_edge_weight
        )
        ours = dict(
            zip(
                zip(keys[first].tolist(), keys[second].tolist(), strict=True),
                weight.tolist(),
                strict=True,
            )
        )
        assert len(ours) == weight.size
        expected = definition(accounts, times, time_window, min_edge_weight)
        assert ours == expected
        assert expected


@pytest.mark.parametrize("ranks", [1_000, 2**31])  # the second overflows one 63-bit key
def test_rows_come_heaviest_first_then_by_both_ranks(ranks: int) -> None:
    rng = np.random.default_rng(7)
    pairs = rng.choice(ranks * ranks if ranks < 2**31 else 2**62, size=5_000, replace=False)
    first, second = pairs // ranks, pairs % ranks
    weight = rng.integers(1, 9, size=pairs.size)
    expected = np.lexsort((second, first, -weight))
    assert np.array_equal(_heaviest_first(weight, first, second, ranks), expected)
