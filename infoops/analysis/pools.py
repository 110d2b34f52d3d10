"""Amplifier pools paired in Python from what Neo4j returns.

amplifier-pools and amplifier-pool-members count, for every two posters, the amplifiers they
share. Their Cypher does it one (amplifier, two posters) row at a time: at ten million
interactions that is 260 million rows and over a minute. Here the posters and their
amplifiers are fetched (``internal/pool-posters.cypher``) and the shared amplifiers are one
sparse matrix product. amplifier-pool-members still runs its Leiden in GDS
(``internal/pool-leiden.cypher``), on the same edges in the same order, so the pools are the
pack's. A test holds each engine to its pack's rows.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from scipy import sparse

from infoops.analysis.coordination import (
    _numbered,
    accounts_by_id,
    collector_paused,
    cypher_rounded,
    fetch_in_parts,
    nulls_last,
    on_parts,
)
from infoops.queries import internal

if TYPE_CHECKING:
    from infoops.connection import Graph


class Posters(NamedTuple):
    """The posters in key order, each [internal id, key, screen name, platform id], and the
    internal ids of each one's distinct amplifiers."""

    accounts: list[list[Any]]
    amplifiers: list[list[int]]


class PosterPairs(NamedTuple):
    """Every two posters (numbered in key order, ``first`` < ``second``) that share
    ``shared`` amplifiers, with a Jaccard index of ``jaccard``, ordered by first then second."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray
    jaccard: np.ndarray
    sizes: np.ndarray


def pool_posters(graph: Graph, parameters: dict[str, Any]) -> Posters:
    """pool-posters, in ``FETCH_PARTS`` parts side by side, the posters sorted by key."""
    fetched = fetch_in_parts(graph, "pool-posters", parameters, whole_when_scoped=True)
    found = sorted(
        zip(chain.from_iterable(part[0] for part in fetched),
            chain.from_iterable(part[1] for part in fetched), strict=True),
        key=lambda poster: poster[0][1],
    )  # fmt: skip
    return Posters([account for account, _ in found], [amplifiers for _, amplifiers in found])


def poster_pairs(
    amplifiers: list[list[int]], min_shared: int, min_jaccard: float, rows_at_once: int = 1_000
) -> PosterPairs:
    """The pairs of posters with at least ``min_shared`` shared amplifiers (and at least one)
    and a Jaccard index of at least ``min_jaccard``: (posters x amplifiers) times its
    transpose, ``rows_at_once`` posters at a time to bound the memory."""
    sizes = np.fromiter(map(len, amplifiers), dtype=np.int64, count=len(amplifiers))
    if not sizes.size:
        empty = np.empty(0, dtype=np.int64)
        return PosterPairs(empty, empty, empty, np.empty(0), sizes)
    amplifier_ids = np.fromiter(chain.from_iterable(amplifiers), dtype=np.int64)
    _, column = _numbered(amplifier_ids)
    incidence = sparse.csr_matrix(
        (np.ones(amplifier_ids.size, dtype=np.int32), column,
         np.concatenate([[0], np.cumsum(sizes)])),
        shape=(sizes.size, int(column.max()) + 1),
    )  # fmt: skip
    # Amplifiers x posters, by column: a chunk of posters is only paired with those after it.
    by_poster = incidence.T.tocsc()
    firsts, seconds, counts = [], [], []
    for low in range(0, sizes.size, rows_at_once):
        product = (incidence[low : low + rows_at_once] @ by_poster[:, low:]).tocoo()
        first = product.row.astype(np.int64) + low
        second = product.col.astype(np.int64) + low
        keep = (second > first) & (product.data >= max(min_shared, 1))
        firsts.append(first[keep])
        seconds.append(second[keep])
        counts.append(product.data[keep].astype(np.int64))
    first, second, shared = (np.concatenate(parts) for parts in (firsts, seconds, counts))
    jaccard = shared / (sizes[first] + sizes[second] - shared)
    keep = jaccard >= min_jaccard
    order = np.lexsort((second[keep], first[keep]))
    return PosterPairs(
        first[keep][order], second[keep][order], shared[keep][order], jaccard[keep][order],
        sizes,
    )  # fmt: skip


def strong_pairs(graph: Graph, parameters: dict[str, Any]) -> tuple[Posters, PosterPairs]:
    """The posters in scope and their pairs above the packs' thresholds."""
    with collector_paused():
        posters = pool_posters(graph, parameters)
        return posters, poster_pairs(
            posters.amplifiers, parameters["min_shared"], parameters["min_jaccard"]
        )


def amplifier_pools(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The amplifier-pools pack's rows, in its order (jaccard, shared, both posters' ids); the
    first ``limit`` of them."""
    posters, pairs = strong_pairs(graph, parameters)
    accounts = posters.accounts
    rows = [
        {"poster_a": accounts[first][2], "poster_b": accounts[second][2],
         "poster_a_id": accounts[first][3], "poster_b_id": accounts[second][3],
         "amplifiers_a": int(pairs.sizes[first]), "amplifiers_b": int(pairs.sizes[second]),
         "shared_amplifiers": shared, "jaccard": jaccard}
        for first, second, shared, jaccard in zip(
            pairs.first.tolist(), pairs.second.tolist(), pairs.shared.tolist(),
            cypher_rounded(pairs.jaccard, 4), strict=True,
        )
    ]  # fmt: skip
    rows.sort(key=lambda row: (-row["jaccard"], -row["shared_amplifiers"],
                               *nulls_last(row["poster_a_id"]),
                               *nulls_last(row["poster_b_id"])))  # fmt: skip
    return rows[:limit]


def amplifier_pool_members(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The amplifier-pool-members pack's rows, in its order (pool, then its posters and its
    amplifiers, each by count and id); the first ``limit`` of them."""
    posters, pairs = strong_pairs(graph, parameters)
    if not pairs.first.size:
        return []
    node_ids = np.array([account[0] for account in posters.accounts], dtype=np.int64)
    poster_number = {node_id: number for number, node_id in enumerate(node_ids.tolist())}
    edges = {"firsts": node_ids[pairs.first].tolist(), "seconds": node_ids[pairs.second].tolist(),
             "weights": pairs.jaccard.tolist()}  # fmt: skip
    ((components,),) = on_parts(graph, internal("pool-leiden").statements[0], [edges])
    communities: defaultdict[int, list[int]] = defaultdict(list)
    for node_id, community in components:
        communities[community].append(poster_number[node_id])
    share = parameters["min_poster_share"]
    pools = []
    for members in communities.values():
        if len(members) < parameters["min_posters"]:
            continue
        counts = Counter(chain.from_iterable(posters.amplifiers[p] for p in members))
        needed = 2 if share is None else max(math.ceil(share * len(members)), 2)
        amplifiers = {amplifier: n for amplifier, n in counts.items() if n >= needed}
        if amplifiers:
            pools.append((members, amplifiers))
    pools.sort(key=lambda pool: (-len(pool[0]), -len(pool[1]),
                                 min(posters.accounts[p][1] for p in pool[0])))  # fmt: skip
    names = {
        account[0]: account
        for account in accounts_by_id(
            graph,
            np.array(sorted({a for _, amplifiers in pools for a in amplifiers}), dtype=np.int64),
        )
    }
    rows: list[dict[str, Any]] = []
    for pool, (members, amplifiers) in enumerate(pools, start=1):
        poster_rows = [
            {"role": "poster", "account": posters.accounts[p], "posters_amplified": None,
             "amplifiers": sum(a in amplifiers for a in posters.amplifiers[p])}
            for p in members
        ]  # fmt: skip
        amplifier_rows = [
            {"role": "amplifier", "account": names[a], "posters_amplified": n,
             "amplifiers": None}
            for a, n in amplifiers.items()
        ]  # fmt: skip
        poster_rows.sort(key=lambda row: (-row["amplifiers"], *nulls_last(row["account"][3])))
        amplifier_rows.sort(
            key=lambda row: (-row["posters_amplified"], *nulls_last(row["account"][3]))
        )
        rows.extend(
            {"pool": pool, "role": row["role"], "screen_name": row["account"][2],
             "account_id": row["account"][3], "pool_posters": len(members),
             "pool_amplifiers": len(amplifiers),
             "posters_amplified": row["posters_amplified"], "amplifiers": row["amplifiers"]}
            for row in poster_rows + amplifier_rows
        )  # fmt: skip
        if limit is not None and len(rows) >= limit:
            break
    return rows[:limit]
