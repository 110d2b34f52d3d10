"""Coordination networks paired in Python from what Neo4j returns.

The co-retweet pack (``queries/co-retweet.cypher``) pairs retweets in Cypher, so that Neo4j
Browser can run it as it is; at a million retweets that takes minutes, as the slotted runtime
counts millions of pairs one row at a time. ``infoops run co-retweet`` (and every other caller
of ``Graph.run_pack``) instead fetches each retweeted post's retweets in one query and pairs
them here with numpy: the same edges (a test compares the two, another compares both with
coordination-network-toolkit), an order of magnitude sooner.
"""

from __future__ import annotations

import gc
import math
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain, combinations
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from infoops.queries import internal

if TYPE_CHECKING:
    from infoops.connection import Graph


def co_retweet(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The co-retweet pack's rows, in its order (weight, then both accounts' ids); the first
    ``limit`` of them (the others are paired and ordered, but never made into rows)."""
    # Millions of lists and dicts, none of them garbage: the collector's passes over them
    # would cost more than the pairing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _co_retweet(graph, parameters, limit)
    finally:
        if collecting:
            gc.enable()


def _co_retweet(
    graph: Graph, parameters: dict[str, Any], limit: int | None
) -> list[dict[str, Any]]:
    fetch = internal("co-retweet-retweets")
    accounts: list[list[str]] = []
    times: list[list[int]] = []
    with graph.session() as session:
        # Values as the driver decodes them (Record.data() would copy every list once more).
        for post_accounts, post_times in session.run(
            fetch.statements[0], {name: parameters[name] for name in fetch.parameters}
        ):
            accounts.append(post_accounts)
            times.append(post_times)
    first, second, weight, keys = co_retweet_edges(
        accounts, times, parameters["time_window"], parameters["min_edge_weight"]
    )
    if not weight.size:
        return []
    used = np.unique(np.concatenate([first, second]))
    found = graph.run_pack(internal("accounts-by-key"), {"keys": keys[used].tolist()})
    names = {row["key"]: (row["screen_name"], row["account_id"]) for row in found}
    screen_name = np.full(keys.size, None, dtype=object)
    account_id = np.full(keys.size, None, dtype=object)
    for index in used.tolist():
        screen_name[index], account_id[index] = names.get(keys[index], (None, None))
    # The pack's order: heaviest first, then by the two accounts' ids (compared as text).
    id_rank = np.zeros(keys.size, dtype=np.int64)
    id_rank[used[np.argsort([str(account_id[index] or "") for index in used.tolist()],
                            kind="stable")]] = np.arange(used.size)  # fmt: skip
    order = _heaviest_first(weight, id_rank[first], id_rank[second], used.size)[:limit]
    first, second, weight = first[order], second[order], weight[order]
    columns = zip(
        screen_name[first].tolist(),
        screen_name[second].tolist(),
        account_id[first].tolist(),
        account_id[second].tolist(),
        weight.tolist(),
        strict=True,
    )
    # A dict display is several times sooner than dict(zip(...)) over millions of rows.
    return [
        {"account_a": a, "account_b": b, "account_a_id": a_id, "account_b_id": b_id, "weight": w}
        for a, b, a_id, b_id, w in columns
    ]


def _heaviest_first(
    weight: np.ndarray, first_rank: np.ndarray, second_rank: np.ndarray, ranks: int
) -> np.ndarray:
    """The order by weight (heaviest first), then both ranks: one sort of one integer key
    when the three fit into 63 bits (several times sooner than np.lexsort's three passes)."""
    if not weight.size:
        return np.empty(0, dtype=np.int64)
    heaviest = int(weight.max())
    if (heaviest - int(weight.min()) + 1) * ranks * ranks >= 2**63:
        return np.lexsort((second_rank, first_rank, -weight))
    # The pairs are distinct, so the keys are too, and any sort gives the one order.
    return np.argsort(((heaviest - weight) * ranks + first_rank) * ranks + second_rank)


def co_retweet_edges(
    accounts: list[list[str]], times: list[list[int]], time_window: int, min_edge_weight: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Weighted, ordered account pairs of coordination-network-toolkit's ``co_retweet``.

    ``accounts[p]`` and ``times[p]`` are the retweeters of post p and their retweets' times
    (whole seconds). Two retweets of a post by different accounts co-occur when their times are
    at most ``time_window`` apart (inclusive); the edge a -> b weighs the distinct retweets of a
    that co-occur with one of b's. Returns the edges' two accounts (indexes into the returned
    array of account keys) and weights, edges lighter than ``min_edge_weight`` left out.
    """
    sizes = np.fromiter(map(len, accounts), dtype=np.int64, count=len(accounts))
    total = int(sizes.sum())
    codes, keys = pd.factorize(np.array(list(chain.from_iterable(accounts)), dtype=object))
    codes = codes.astype(np.int64)
    keys = np.asarray(keys, dtype=object)
    stamps = np.fromiter(chain.from_iterable(times), dtype=np.int64, count=total)
    post = np.repeat(np.arange(len(accounts), dtype=np.int64), sizes)
    # Time order within each post: a retweet's partners are then the ones right after it, and
    # the run of them ends at the first one out of the window.
    order = np.lexsort((stamps, post))
    codes, stamps, post = codes[order], stamps[order], post[order]

    if not total or time_window < 0:
        nothing = np.empty(0, dtype=np.int64)
        return nothing, nothing, nothing, keys

    # Where each retweet's window ends: the first later retweet of another post or out of the
    # window. Times are made relative to the earliest and spread per post, so that one sorted
    # key orders posts, then times, and one binary search finds every window's end.
    relative = stamps - stamps.min()
    position = post * (int(relative.max()) + time_window + 1) + relative
    ends = np.searchsorted(position, position + time_window, side="right")
    here = np.arange(total, dtype=np.int64)
    partners = ends - here - 1
    pairs = int(partners.sum())
    # Tens of millions of pairs: 32-bit positions and codes halve the memory written, which is
    # most of the time here.
    small = np.int32 if max(pairs, len(keys)) < 2**31 else np.int64
    # Retweet i's partners are i + 1 .. ends[i] - 1; pair k of its run (which starts at
    # starts[i]) has partner k + (i + 1 - starts[i]).
    starts = np.cumsum(partners) - partners
    second = np.arange(pairs, dtype=small) + np.repeat((here + 1 - starts).astype(small), partners)
    width = max(len(keys), 1)
    # No account retweeted a post twice: the two retweets of a pair are then by two accounts,
    # and an edge weighs the posts both retweeted within the window, the same either way, so
    # each unordered pair is counted once and both directions get its weight.
    symmetric = _distinct(post * width + codes)[0].size == total
    if symmetric:
        short_codes = codes.astype(small)
        a, b = np.repeat(short_codes, partners), short_codes[second]
        key = np.minimum(a, b).astype(np.int64)
        key *= width
        key += np.maximum(a, b)
    else:
        first = np.repeat(here, partners)
        other = codes[first] != codes[second]
        first, second = first[other], second[other]
        # Each co-occurrence gives both sides a (retweet, other account) item; an account
        # that retweeted a post more than once may have one of its retweets co-occur with
        # several of the other's, and it must count once.
        retweet = np.concatenate([first, second])
        partner_account = np.concatenate([codes[second], codes[first]])
        items = _distinct(retweet * width + partner_account)[0]
        key = codes[items // width] * width + items % width
    pair, weight = _distinct(key)
    heavy = weight >= min_edge_weight
    pair, weight = pair[heavy], weight[heavy]
    low, high = pair // width, pair % width
    if symmetric:
        return (np.concatenate([low, high]), np.concatenate([high, low]),
                np.concatenate([weight, weight]), keys)  # fmt: skip
    return low, high, weight, keys


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs (np.unique, several times
    sooner on tens of millions of integers: a plain sort and one pass)."""
    ordered = np.sort(values)
    if not ordered.size:
        return ordered, np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.diff(np.append(starts, ordered.size))


def cross_topic(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The cross-topic pack's rows, in its order (score, acts, screen name, id); the first
    ``limit`` of them.

    Neo4j finds the posts in a topic and who acted on them (``cross-topic-posts``); the
    pairing of each amplifier with the samples of its posts' amplifiers, some fifteen million
    pairs at a million interactions, is done here with sets, as cross-topic.cypher does it row
    by row in Cypher.
    """
    fetch = internal("cross-topic-posts")
    with graph.session() as session:
        post_topics, keys, hits, hit_acts = session.run(
            fetch.statements[0], {name: parameters[name] for name in fetch.parameters}
        ).single(strict=True)
    scores = cross_topic_scores(
        post_topics, keys, hits, hit_acts,
        parameters["max_pair_amplifiers"], parameters["min_topics"],
    )  # fmt: skip
    found = graph.run_pack(
        internal("accounts-by-key"), {"keys": [keys[score.account] for score in scores]}
    )
    names = {row["key"]: (row["screen_name"], row["account_id"]) for row in found}
    rows = []
    for score in scores:
        screen_name, account_id = names.get(keys[score.account], (None, None))
        reuse = score.shared / score.co_amplifiers if score.co_amplifiers else 0.0
        rows.append({
            "screen_name": screen_name,
            "account_id": account_id,
            "topics": list(score.counts),
            "topic_count": len(score.counts),
            "counts": score.counts,
            "acts": score.acts,
            "co_amplifiers": score.co_amplifiers,
            "shared": score.shared,
            "reuse": cypher_round(reuse, 4),
            "score": cypher_round(reuse * math.log(1 + score.acts) / math.log(2), 4),
        })  # fmt: skip
    # The pack's order; Neo4j sorts a missing name or id last.
    rows.sort(key=lambda row: (row["screen_name"] is None, row["screen_name"] or "",
                               row["account_id"] is None, row["account_id"] or ""))  # fmt: skip
    rows.sort(key=lambda row: (row["score"], row["acts"]), reverse=True)
    return rows[:limit]


class TopicScore(NamedTuple):
    account: int
    counts: dict[str, int]
    acts: int
    co_amplifiers: int
    shared: int


def cross_topic_scores(
    post_topics: list[list[str]],
    keys: list[str],
    hits: list[list[int]],
    hit_acts: list[list[int]],
    max_pair_amplifiers: int,
    min_topics: int,
) -> list[TopicScore]:
    """cross-topic's counts for every account with acts in at least ``min_topics`` topics.

    ``post_topics[p]`` are post p's topics (sorted); account a (key ``keys[a]``) acted
    ``hit_acts[a][i]`` times on post ``hits[a][i]``. A post's sample is its first
    ``max_pair_amplifiers`` amplifiers in key order; a's co-amplifiers are the other accounts
    in the samples of its posts, and those of them met on posts of two topics or more (one
    post of two topics, or posts of two topics) are shared.
    """
    samples: list[list[int]] = [[] for _ in post_topics]
    for account in sorted(range(len(keys)), key=keys.__getitem__):
        for post in hits[account]:
            sample = samples[post]
            if len(sample) < max_pair_amplifiers:
                sample.append(account)
    scores = []
    for account, (posts, acts) in enumerate(zip(hits, hit_acts, strict=True)):
        counts: dict[str, int] = {}
        for post, post_acts in zip(posts, acts, strict=True):
            for topic in post_topics[post]:
                counts[topic] = counts.get(topic, 0) + post_acts
        if len(counts) < min_topics:
            continue
        met: dict[str, set[int]] = {}
        for post in posts:
            for topic in post_topics[post]:
                met.setdefault(topic, set()).update(samples[post])
        groups = list(met.values())
        co_amplifiers = set().union(*groups)
        co_amplifiers.discard(account)
        shared = set().union(*(first & second for first, second in combinations(groups, 2)))
        shared.discard(account)
        scores.append(TopicScore(
            account, dict(sorted(counts.items())), sum(acts), len(co_amplifiers), len(shared)
        ))  # fmt: skip
    return scores


def cypher_round(value: float, digits: int) -> float:
    """Cypher's round(value, digits): half away from zero on the shortest decimal of value."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))
