"""The account interaction graph as GEXF or GraphML, for Gephi (and anything networkx reads).

    export_graph(graph, "gexf", Path("net.gexf"))                      # every interacting account
    export_graph(graph, "graphml", Path("c7.graphml"), community=7)    # one community
    export_graph(graph, "gexf", Path("gr.gexf"), investigation="great-retweet")

An investigation's accounts are the values of its account id columns (``account_id``, or both
ids of a pair: ``account_a_id``/``account_b_id``, ``poster_a_id``/``poster_b_id``…).

Nodes are accounts, keyed by ``platform:id``, labelled with the screen name and carrying
screen_name, account_id, platform, display_name, community, role, hub, authority,
created_at (ISO), followers, following, verified and name_script. Edges are directed amplifier →
poster, one per interaction type (a multigraph), with ``interaction`` (RETWEETED,
LIKED_POST_OF, REPLIED_TO, MENTIONED, QUOTED), ``weight`` = ``count`` (distinct posts),
``first_at`` and ``last_at``. The type is called ``interaction`` because GEXF reserves an
edge's ``type`` for directed/undirected.

A missing value (no community before `infoops run communities`) is left out of that node
rather than written as an empty string, so Gephi keeps the column's type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from infoops import queries
from infoops.connection import Graph
from infoops.errors import InfoopsError
from infoops.report.render import column_order, to_plain

ExportFormat = Literal["gexf", "graphml"]
FORMATS: tuple[str, ...] = ("gexf", "graphml")
NODE_ATTRIBUTES: dict[str, type] = {
    "screen_name": str,
    "account_id": str,
    "platform": str,
    "display_name": str,
    "community": int,
    "role": str,
    "hub": float,
    "authority": float,
    "created_at": str,
    "followers": int,
    "following": int,
    "verified": bool,
    "name_script": str,
}


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: str
    nodes: int
    edges: int
    selection: str


def export_graph(
    graph: Graph,
    fmt: ExportFormat | str,
    output: Path,
    investigation: str | None = None,
    community: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> ExportSummary:
    """Write the interaction graph (all, one community, or one investigation's accounts).

    ``parameters`` scope the export (collections, since, until) and, with ``investigation``,
    are also that investigation's parameters; each goes where it is declared, and one
    declared nowhere is an error.
    """
    if fmt not in FORMATS:
        raise InfoopsError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if investigation is not None and community is not None:
        raise InfoopsError("export one investigation's accounts or one community, not both")
    network = interaction_network(graph, investigation, community, parameters or {})
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        # GEXF numbers edges itself unless given ids; keep the same ids as GraphML.
        for *_, key, data in network.edges(keys=True, data=True):
            data["id"] = key
        nx.write_gexf(network, output)
    else:
        nx.write_graphml(network, output)
    return ExportSummary(
        path=output,
        format=fmt,
        nodes=network.number_of_nodes(),
        edges=network.number_of_edges(),
        selection=network.graph["selection"],
    )


def interaction_network(
    graph: Graph,
    investigation_name: str | None = None,
    community: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """The selected accounts and the typed, weighted interaction edges between them."""
    given = dict(parameters or {})
    accounts_pack = queries.internal("export-accounts")
    edges_pack = queries.internal("export-interactions")
    packs = [accounts_pack, edges_pack]
    selection = "all interacting accounts"
    account_ids: list[str] | None = None
    if investigation_name is not None:
        pack = queries.investigation(investigation_name)
        packs.append(pack)
        rows = graph.run_pack(pack, pack.bind(given, strict=False))
        id_columns = [c for c in column_order(rows, pack.columns) if is_account_id_column(c)]
        if not id_columns:
            raise InfoopsError(f"{investigation_name} has no account id column to export")
        account_ids = sorted({str(r[c]) for r in rows for c in id_columns if r.get(c)})
        selection = f"the {len(account_ids)} accounts of {investigation_name}"
    if community is not None:
        selection = f"community {community}"
    undeclared = sorted(set(given) - {name for p in packs for name in p.parameters})
    if undeclared:
        raise InfoopsError(f"export: unknown parameter(s) {', '.join(undeclared)}")

    if investigation_name is None and community is None:
        # The whole graph: its edges decide which accounts are in it.
        edges = graph.run_pack(edges_pack, edges_pack.bind(given, strict=False))
        keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        accounts = graph.run_pack(
            accounts_pack, accounts_pack.bind(given | {"account_keys": keys}, strict=False)
        )
    else:
        chosen = {
            "account_ids": account_ids,
            "communities": None if community is None else [community],
        }
        accounts = graph.run_pack(accounts_pack, accounts_pack.bind(given | chosen, strict=False))
        if community is not None and not accounts:
            raise InfoopsError(
                f"no account in community {community} (in scope); communities are numbered "
                "by the last `infoops run communities`"
            )
        keys = [a["key"] for a in accounts]
        edges = graph.run_pack(
            edges_pack, edges_pack.bind(given | {"account_keys": keys}, strict=False)
        )

    network = nx.MultiDiGraph(selection=selection)
    for account in accounts:
        network.add_node(account["key"], **node_attributes(account))
    for edge in edges:
        if edge["source"] in network and edge["target"] in network:
            network.add_edge(
                edge["source"],
                edge["target"],
                # Unique across the file: GraphML uses the key as the edge's id.
                key=f"{edge['source']}>{edge['target']}:{edge['type']}",
                interaction=edge["type"],
                label=edge["type"],
                weight=int(edge["count"] or 0),
                count=int(edge["count"] or 0),
                **{k: to_plain(edge[k]) for k in ("first_at", "last_at") if edge[k] is not None},
            )
    return network


def is_account_id_column(column: str) -> bool:
    """account_id, and the ids of pair rows: account_a_id, poster_b_id, from_account_id…"""
    return column == "account_id" or (column.endswith("_id") and "post_id" not in column)


def node_attributes(account: dict[str, Any]) -> dict[str, Any]:
    """GEXF/GraphML need one type per attribute: cast each, and leave missing values out."""
    attributes: dict[str, Any] = {"label": account.get("screen_name") or account["key"]}
    for name, kind in NODE_ATTRIBUTES.items():
        value = account.get(name)
        if value is None:
            continue
        attributes[name] = str(to_plain(value)) if kind is str else kind(value)
    return attributes
