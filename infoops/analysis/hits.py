"""HITS for the communities pack, computed in Python.

GDS computes HITS as a Pregel program of four supersteps per iteration. On this 2-core
machine at ten million interactions (1.6 million accounts, 5.9 million amplifier -> poster
pairs) its 20 iterations take about 40 s, and the Cypher projection of the pairs another
20 s. The same power iteration is 40 sparse matrix-vector products here, well under a
second; fetching the pairs takes a few seconds. So ``infoops run communities`` runs the
pack's own statements for everything else (clearing the last run, Leiden and its write, the
listing) and replaces only the HITS statement. It follows GDS's HitsComputation step by step
(authorities start as in-degrees; each iteration normalises the authorities, then computes
and normalises the hubs). It rounds to 9 significant digits as the pack does, so it writes
the pack's scores and roles. A test holds it to the pack.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from infoops.analysis.coordination import (
    _distinct,
    _numbered,
    collector_paused,
    cypher_rounded,
    fetch_in_parts,
    on_parts,
)
from infoops.queries import internal, investigation

if TYPE_CHECKING:
    from infoops.connection import Graph

# Scores below this share of the top are noise: the pack does not write them.
NOISE = 1e-6
WRITE_BATCH = 50_000


def communities(
    graph: Graph, parameters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """The communities pack's writes and rows, with its HITS statement done in Python."""
    pack = investigation("communities")
    used = {name: parameters[name] for name in pack.used_parameters()}
    clear, leiden, _, _ = pack.statements
    graph.query(clear, used)
    graph.query(leiden, used)
    with collector_paused():
        amplifier, poster = amplification_pairs(graph, parameters)
    if amplifier.size:
        write_scores(graph, parameters, amplifier, poster)
    return graph.last_rows(pack, used, limit)


def amplification_pairs(graph: Graph, parameters: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Each (amplifier, poster) pair of internal ids once, sorted."""
    fetched = fetch_in_parts(graph, "amplification-pairs", parameters, whole_when_scoped=True)
    amplifiers = np.fromiter(chain.from_iterable(part[0] for part in fetched), dtype=np.int64)
    posters = np.fromiter(chain.from_iterable(part[1] for part in fetched), dtype=np.int64)
    if not amplifiers.size:
        return amplifiers, posters
    span = int(max(amplifiers.max(), posters.max())) + 1
    pairs, _ = _distinct(amplifiers * span + posters)
    return np.divmod(pairs, span)


def hits(
    amplifier: np.ndarray, poster: np.ndarray, nodes: int, iterations: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hub and authority scores of nodes 0 to ``nodes`` - 1 joined by the edges amplifier[i]
    -> poster[i] (each once), as GDS's HitsComputation makes them: authorities start as the
    in-degrees; every iteration normalises the authorities (L2), sets each hub to the sum of
    the authorities it points to and normalises the hubs; every iteration after the first
    first sets each authority to the sum of the hubs pointing to it."""
    points_to = sparse.csr_matrix(
        (np.ones(amplifier.size), (amplifier, poster)), shape=(nodes, nodes)
    )
    pointed_from = points_to.T.tocsr()
    authority = np.bincount(poster, minlength=nodes).astype(float)
    hub = np.ones(nodes)
    for iteration in range(iterations):
        if iteration:
            authority = pointed_from @ hub
        authority /= np.sqrt(np.square(authority).sum())
        hub = points_to @ authority
        hub /= np.sqrt(np.square(hub).sum())
    return hub, authority


def significant(values: np.ndarray, digits: int) -> np.ndarray:
    """The pack's rounding of positive scores to ``digits`` significant digits
    (round(score, digits - ceil(log10(score))), as Cypher rounds); 0 stays 0."""
    rounded = np.zeros(values.size)
    positive = np.flatnonzero(values > 0)
    places = digits - np.ceil(np.log10(values[positive])).astype(np.int64)
    for place in set(places.tolist()):
        chosen = positive[places == place]
        rounded[chosen] = cypher_rounded(values[chosen], place)
    return rounded


def write_scores(
    graph: Graph, parameters: dict[str, Any], amplifier: np.ndarray, poster: np.ndarray
) -> None:
    """HITS on the pairs, the roles relative to each community, written to the accounts."""
    ends = np.concatenate([amplifier, poster])
    node_ids, number = _numbered(ends)
    source, target = number[: amplifier.size], number[amplifier.size :]
    hub, authority = (
        significant(scores, 9)
        for scores in hits(source, target, node_ids.size, parameters["hits_iterations"])
    )
    kept = np.flatnonzero(
        (hub >= NOISE * max(0.0, hub.max())) | (authority >= NOISE * max(0.0, authority.max()))
    )
    ((found,),) = on_parts(
        graph, internal("account-communities").statements[0], [{"ids": node_ids[kept].tolist()}]
    )
    community_of = dict(found)
    if len(community_of) != kept.size:
        raise RuntimeError("accounts were deleted while communities ran: run it again")
    # The top scores of each community, among the accounts kept.
    top_hub: defaultdict[Any, float] = defaultdict(float)
    top_authority: defaultdict[Any, float] = defaultdict(float)
    communities = [community_of[node_id] for node_id in node_ids[kept].tolist()]
    for community, hub_score, authority_score in zip(
        communities, hub[kept].tolist(), authority[kept].tolist(), strict=True
    ):
        top_hub[community] = max(top_hub[community], hub_score)
        top_authority[community] = max(top_authority[community], authority_score)
    amplifiers_of = np.bincount(target, minlength=node_ids.size)[kept].tolist()
    amplified = np.bincount(source, minlength=node_ids.size)[kept].tolist()
    share = parameters["relative_score"]
    roles = []
    for index, (community, hub_score, authority_score) in enumerate(
        zip(communities, hub[kept].tolist(), authority[kept].tolist(), strict=True)
    ):
        community_authority, community_hub = top_authority[community], top_hub[community]
        if (community_authority > 0 and authority_score >= share * community_authority
                and amplifiers_of[index] >= parameters["min_amplifiers"]):  # fmt: skip
            roles.append("poster")
        elif (community_hub > 0 and hub_score >= share * community_hub
              and amplified[index] >= parameters["min_amplified"]):  # fmt: skip
            roles.append("amplifier")
        else:
            roles.append(None)
    write = internal("write-hits").statements[0]
    ids, hubs, authorities = node_ids[kept].tolist(), hub[kept].tolist(), authority[kept].tolist()
    for low in range(0, len(ids), WRITE_BATCH):
        batch = slice(low, low + WRITE_BATCH)
        graph.query(write, {"ids": ids[batch], "hubs": hubs[batch],
                            "authorities": authorities[batch], "roles": roles[batch]})  # fmt: skip
