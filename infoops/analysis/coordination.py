"""Coordination networks paired in Python from what Neo4j returns.

The co-retweet pack (``queries/co-retweet.cypher``) pairs retweets in Cypher, so that Neo4j
Browser can run it as it is; at a million retweets that takes minutes, as the slotted runtime
counts millions of pairs one row at a time. ``infoops run co-retweet`` (and every other caller
of ``Graph.run_pack``) instead fetches each retweeted post's retweets in one query and pairs
them here with numpy: the same edges (a test compares the two, another compares both with
coordination-network-toolkit), an order of magnitude sooner.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from infoops.queries import internal

if TYPE_CHECKING:
    from infoops.connection import Graph


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Millions of small lists arrive, none of them garbage: the collector's passes over them
    would cost more than the work."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def co_retweet(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The co-retweet pack's rows, in its order (weight, then both accounts' ids); the first
    ``limit`` of them (the others are paired and ordered, but never made into rows)."""
    with collector_paused():
        return _co_retweet(graph, parameters, limit)


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


def _numbered(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and each value's position among them (np.unique with
    return_inverse, without its slow hashing in numpy 2; a searchsorted of every value takes
    half as long again)."""
    order = np.argsort(values)
    ordered = values[order]
    if not ordered.size:
        return ordered, np.empty(0, dtype=np.int64)
    starts = np.concatenate([[True], ordered[1:] != ordered[:-1]])
    number = np.empty(values.size, dtype=np.int64)
    number[order] = np.cumsum(starts) - 1
    return ordered[starts], number


# cross-topic-posts runs in this many parts side by side: a Cypher query runs on one core.
FETCH_PARTS = max(2, min(4, os.cpu_count() or 1))


def cross_topic(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The cross-topic pack's rows, in its order (score, acts, screen name, id); the first
    ``limit`` of them.

    Neo4j finds the posts in a topic and who acted on them (``topic_acts``); the pairing of
    each amplifier with the samples of its posts' amplifiers, some fifteen million pairs at a
    million interactions, is done here with sparse matrices, as cross-topic.cypher does it
    row by row in Cypher.
    """
    with collector_paused():
        acts = topic_acts(graph, parameters, accounts=True)
        assert acts.accounts is not None
        # Accounts are numbered in key order, the order a post's sample follows.
        in_key_order = sorted(range(len(acts.accounts)), key=lambda a: acts.accounts[a][1])
        number = np.empty(len(in_key_order), dtype=np.int64)
        number[in_key_order] = np.arange(len(in_key_order))
        scores = cross_topic_scores(
            acts.post_topics, acts.post, number[acts.actor], len(in_key_order),
            parameters["max_pair_amplifiers"], parameters["min_topics"],
        )  # fmt: skip
        return cross_topic_rows(scores, [acts.accounts[a] for a in in_key_order], limit)


def topic_overlap(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The topic-overlap pack's rows, in its order (jaccard, shared, topic names); the first
    ``limit`` of them. The acts are cross-topic's (``topic_acts``); the sets are counted here."""
    with collector_paused():
        acts = topic_acts(graph, parameters, accounts=False)
    topic_names, in_topic = topic_membership(acts.post_topics)
    # Each topic's amplifiers: the accounts with min_acts acts or more on its posts.
    amplifiers = []
    for topic, posts_in_topic in zip(topic_names, in_topic.T, strict=True):
        counts = np.bincount(acts.actor[posts_in_topic[acts.post]], minlength=acts.account_count)
        amplifiers.append((topic, counts >= max(parameters["min_acts"], 1)))
    amplifiers = [(topic, members) for topic, members in amplifiers if members.any()]
    rows = []
    for index, (topic_a, members_a) in enumerate(amplifiers):
        for topic_b, members_b in amplifiers[index + 1 :]:
            size_a, size_b = int(members_a.sum()), int(members_b.sum())
            shared = int((members_a & members_b).sum())
            rows.append({
                "topic_a": topic_a, "topic_b": topic_b,
                "amplifiers_a": size_a, "amplifiers_b": size_b, "shared": shared,
                "jaccard": cypher_round(shared / (size_a + size_b - shared), 4),
            })  # fmt: skip
    rows.sort(key=lambda row: (-row["jaccard"], -row["shared"], row["topic_a"], row["topic_b"]))
    return rows[:limit]


class TopicActs(NamedTuple):
    """The acts on posts in a topic (cross-topic-posts): post p is in topics
    ``post_topics[p]``; act i was on post ``post[i]`` by account ``actor[i]`` (an account once
    per act), accounts numbered 0 to ``account_count`` - 1 in the order of their internal ids;
    ``accounts`` (when asked for) holds [internal id, key, screen name, platform id] of each,
    in that order."""

    post_topics: list[list[str]]
    post: np.ndarray
    actor: np.ndarray
    account_count: int
    accounts: list[list[Any]] | None


def topic_acts(graph: Graph, parameters: dict[str, Any], accounts: bool) -> TopicActs:
    """cross-topic-posts, in ``FETCH_PARTS`` parts side by side; then, when ``accounts``,
    accounts-by-id for the accounts that acted, in as many parts."""
    fetched = fetch_in_parts(graph, "cross-topic-posts", parameters)
    actors = [post for part in fetched for post in part[1]]
    node_ids, actor = _numbered(np.fromiter(chain.from_iterable(actors), dtype=np.int64))
    return TopicActs(
        [topics for part in fetched for topics in part[0]],
        np.repeat(np.arange(len(actors)), np.fromiter(map(len, actors), dtype=np.int64)),
        actor,
        node_ids.size,
        accounts_by_id(graph, node_ids) if accounts else None,
    )


def accounts_by_id(graph: Graph, node_ids: np.ndarray) -> list[list[Any]]:
    """[internal id, key, screen name, platform id] of the accounts of ``node_ids`` (sorted,
    distinct), in that order: accounts-by-id in ``FETCH_PARTS`` parts side by side."""
    found = sorted(
        (account
         for part in on_parts(graph, internal("accounts-by-id").statements[0],
                              [{"ids": ids.tolist()}
                               for ids in np.array_split(node_ids, FETCH_PARTS)])
         for account in part[0]),
        key=itemgetter(0),
    )  # fmt: skip
    if [account[0] for account in found] != node_ids.tolist():
        raise RuntimeError("accounts were deleted while they were read: run it again")
    return found


def nulls_last(value: Any) -> tuple[bool, Any]:
    """A sort key that puts None last, as Neo4j's ascending order does."""
    return value is None, "" if value is None else value


def topic_membership(post_topics: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """The topic names, sorted, and which post is in which: a posts x topics array."""
    topic_names = sorted({topic for topics in post_topics for topic in topics})
    topic_number = {topic: index for index, topic in enumerate(topic_names)}
    in_topic = np.zeros((len(post_topics), len(topic_names)), dtype=bool)
    for post, topics in enumerate(post_topics):
        in_topic[post, [topic_number[topic] for topic in topics]] = True
    return topic_names, in_topic


def fetch_in_parts(
    graph: Graph, name: str, parameters: dict[str, Any], whole_when_scoped: bool = False
) -> list[list[Any]]:
    """The values of the internal query ``name`` (which takes ``parts`` and ``part``) for each
    of ``FETCH_PARTS`` parts, run side by side, given the ``parameters`` it takes. With
    ``whole_when_scoped``, a run scoped to collections or times is one part: its query finds
    its rows by walking every act, which each part would do again."""
    fetch = internal(name)
    given = {key: parameters[key] for key in fetch.parameters if key in parameters}
    scoped = any(parameters.get(key) is not None for key in ("collections", "since", "until"))
    parts = 1 if whole_when_scoped and scoped else FETCH_PARTS
    return on_parts(
        graph, fetch.statements[0],
        [given | {"parts": parts, "part": part} for part in range(parts)],
    )  # fmt: skip


def on_parts(graph: Graph, cypher: str, parameters: list[dict[str, Any]]) -> list[list[Any]]:
    """The values of the one record ``cypher`` returns for each set of ``parameters``, run
    side by side in sessions of their own (a Cypher query runs on one core)."""

    def run(given: dict[str, Any]) -> list[Any]:
        with graph.session() as session:
            return session.run(cypher, given).single(strict=True).values()

    with ThreadPoolExecutor(len(parameters)) as pool:
        return list(pool.map(run, parameters))


def cross_topic_rows(
    scores: TopicScores, accounts: list[list[Any]], limit: int | None
) -> list[dict[str, Any]]:
    """The pack's rows of the scores of ``accounts`` (numbered as the scores number them), in
    its order; the first ``limit``."""
    co_amplifiers, shared, acts = scores.co_amplifiers, scores.shared, scores.acts
    reuse = np.divide(shared, co_amplifiers, out=np.zeros(shared.size), where=co_amplifiers > 0)
    # math.log, as each row once took it: numpy's log may differ from it in the last bit.
    logs = {n: math.log(1 + n) for n in set(acts.tolist())}
    score = reuse * np.fromiter((logs[n] for n in acts.tolist()), dtype=float, count=acts.size)
    score /= math.log(2)
    rows = []
    for index, (account, counts, row_reuse, row_score) in enumerate(
        zip(scores.account.tolist(), scores.counts, cypher_rounded(reuse, 4),
            cypher_rounded(score, 4), strict=True)
    ):  # fmt: skip
        _, _, screen_name, account_id = accounts[account]
        rows.append({
            "screen_name": screen_name,
            "account_id": account_id,
            "topics": list(counts),
            "topic_count": len(counts),
            "counts": counts,
            "acts": int(acts[index]),
            "co_amplifiers": int(co_amplifiers[index]),
            "shared": int(shared[index]),
            "reuse": row_reuse,
            "score": row_score,
        })  # fmt: skip
    # The pack's order; Neo4j sorts a missing name or id last.
    rows.sort(key=lambda row: (-row["score"], -row["acts"], *nulls_last(row["screen_name"]),
                               *nulls_last(row["account_id"])))  # fmt: skip
    return rows[:limit]


class TopicScores(NamedTuple):
    """cross-topic's counts of the accounts listed (by number), row by row."""

    account: np.ndarray
    counts: list[dict[str, int]]
    acts: np.ndarray
    co_amplifiers: np.ndarray
    shared: np.ndarray


def cross_topic_scores(
    post_topics: list[list[str]],
    post_of_act: np.ndarray,
    actor: np.ndarray,
    accounts: int,
    max_pair_amplifiers: int,
    min_topics: int,
    rows_at_once: int = 20_000,
) -> TopicScores:
    """cross-topic's counts for every account with acts in at least ``min_topics`` topics, in
    account order.

    Accounts are numbered 0 to ``accounts`` - 1 in key order. Post p is in topics
    ``post_topics[p]``; act i was on post ``post_of_act[i]`` by account ``actor[i]``. A
    post's sample is its first ``max_pair_amplifiers``
    amplifiers in key order; an account's co-amplifiers are the other accounts in the samples
    of its posts, and those of them met on posts of two topics or more (one post of two
    topics, or posts of two topics) are shared. Met in topic t: (the account's posts in t) x
    (the posts' samples), a sparse product, taken ``rows_at_once`` accounts at a time to
    bound the memory.
    """
    topic_names, in_topic = topic_membership(post_topics)
    posts = len(post_topics)
    # Acts per account and post (the matrix sums an account's acts on a post), then per topic.
    counts = (
        sparse.csr_matrix(
            (np.ones(actor.size, dtype=np.int64), (actor, post_of_act)), shape=(accounts, posts)
        )
        @ sparse.csr_matrix(in_topic, dtype=np.int64)
    ).tocsr()
    counts.sort_indices()
    listed = np.flatnonzero(np.diff(counts.indptr) >= max(min_topics, 1))
    total_acts = np.bincount(actor, minlength=accounts)
    # Each (post, account) once, by post and then account (key) order; a post's sample is its
    # first max_pair_amplifiers accounts.
    pairs, _ = _distinct(post_of_act * accounts + actor)
    post, account = np.divmod(pairs, accounts)
    sampled = np.arange(post.size) - np.searchsorted(post, post) < max_pair_amplifiers
    samples = sparse.csr_matrix(
        (np.ones(int(sampled.sum()), dtype=np.int32), (post[sampled], account[sampled])),
        shape=(posts, accounts),
    )
    row_of = np.full(accounts, -1, dtype=np.int64)
    row_of[listed] = np.arange(listed.size)
    rows = row_of[account]
    co_amplifiers = np.zeros(listed.size, dtype=np.int64)
    shared = np.zeros(listed.size, dtype=np.int64)
    for low in range(0, listed.size, rows_at_once):
        high = min(low + rows_at_once, listed.size)
        chunk = (rows >= low) & (rows < high)
        met = sparse.csr_matrix((high - low, accounts), dtype=np.int32)
        for posts_in_topic in in_topic.T:
            keep = chunk & posts_in_topic[post]
            posts_met_in_topic = sparse.csr_matrix(
                (np.ones(int(keep.sum()), dtype=np.int32), (rows[keep] - low, post[keep])),
                shape=(high - low, posts),
            )
            product = (posts_met_in_topic @ samples).tocsr()
            product.data[:] = 1
            met = met + product
        met = met.tocsr()
        own = np.asarray(met[np.arange(high - low), listed[low:high]]).ravel()
        row_sizes = np.diff(met.indptr)
        met_rows = np.repeat(np.arange(high - low), row_sizes)
        co_amplifiers[low:high] = row_sizes - (own > 0)
        shared[low:high] = np.bincount(met_rows[met.data >= 2], minlength=high - low) - (own >= 2)
    indptr, topics, acts = counts.indptr, counts.indices, counts.data
    return TopicScores(
        listed,
        [{topic_names[t]: int(n) for t, n in zip(topics[indptr[a]:indptr[a + 1]].tolist(),
                                                acts[indptr[a]:indptr[a + 1]].tolist(),
                                                strict=True)}
         for a in listed.tolist()],
        total_acts[listed], co_amplifiers, shared,
    )  # fmt: skip


def cypher_round(value: float, digits: int) -> float:
    """Cypher's round(value, digits): half away from zero on the shortest decimal of value."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))


def cypher_rounded(values: np.ndarray, digits: int) -> list[float]:
    """cypher_round of each value. Away from a tie the shortest decimal and the value round
    alike, and so does their product by 10**digits (off by an ulp at most): only values near a
    tie, or negative, go through Decimal. Beyond 22 digits 10**digits is not a float: every
    value goes through Decimal."""
    if digits > 22:
        return [cypher_round(value, digits) for value in values.tolist()]
    scaled = values * 10.0**digits
    fraction = scaled - np.floor(scaled)
    rounded = (np.floor(scaled + 0.5) / 10.0**digits).tolist()
    for index in np.flatnonzero((np.abs(fraction - 0.5) < 1e-6) | (values < 0)).tolist():
        rounded[index] = cypher_round(float(values[index]), digits)
    return rounded
