"""Synthetic worlds for tests: generate a collection with ground truth and load it into Neo4j.

Generating is cheap (about a second) but loading is not, so both are cached:

- files: a world is generated once into ``directory/<collection>/`` and reused while its
  ``truth.json`` is there;
- database: a load is skipped when the database already holds exactly the requested
  collections, each with a completed load. Anything else empties the database first, so a
  module-scoped fixture gets the same state whether or not another module ran before it.

Collection names are derived from the whole generator config, so two configs never share one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from infoops.connection import Graph
from infoops.loader.load import load
from infoops.queries import investigation
from infoops.sample.generator import GeneratorConfig, generate
from tests.conftest import empty_database

# The files of a generated world that the loader reads; cnt.csv is for the toolkit only.
LOADED_FILES = ("tweets.jsonl", "accounts.csv", "interactions.csv")
CNT_FILE = "cnt.csv"
TEST_FORMATS = ("v1", "generic", "cnt")


@dataclass
class World:
    """A loaded world: its truth, the other worlds sharing the database, and its pack runs."""

    graph: Graph
    truth: dict[str, Any]
    neighbours: list[dict[str, Any]] = field(default_factory=list)

    @property
    def collection(self) -> str:
        return self.truth["collection"]

    @property
    def folder(self) -> Path:
        return self.truth["folder"]

    @property
    def scope(self) -> dict[str, Any]:
        return {"collections": [self.collection]}

    @property
    def everything(self) -> list[str]:
        return sorted([self.collection] + [n["collection"] for n in self.neighbours])

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """Run a pack scoped to this world (when it takes collections); ``parameters`` win."""
        pack = investigation(name)
        scope = self.scope if "collections" in pack.parameters else {}
        return self.graph.run_pack(pack, pack.bind({**scope, **parameters}))


def collection_name(config: GeneratorConfig) -> str:
    """``world-<seed>-<digest of the config>``: stable across runs, unique per config."""
    digest = hashlib.sha256(orjson.dumps(config.to_dict(), option=orjson.OPT_SORT_KEYS))
    return f"world-{config.seed}-{digest.hexdigest()[:8]}"


def generate_world(config: GeneratorConfig, directory: Path) -> tuple[Path, dict[str, Any]]:
    """The world's folder (generated unless already there) and its truth as plain data."""
    config = config.with_formats(TEST_FORMATS)
    folder = directory / collection_name(config)
    truth_file = folder / "truth.json"
    if not truth_file.exists():
        generate(config, folder)
    return folder, orjson.loads(truth_file.read_bytes())


def loaded_collections(graph: Graph) -> set[str]:
    """Collections whose every load completed (an interrupted load does not count)."""
    rows = graph.query(
        """
        MATCH (c:Collection)
        RETURN c.name AS name,
               all(l IN [(c)-[:HAD_LOAD]->(l:Load) | l] WHERE l.status = 'completed')
               AND EXISTS { (c)-[:HAD_LOAD]->(:Load) } AS complete
        """
    )
    return {row["name"] for row in rows if row["complete"]}


def load_worlds(
    graph: Graph, configs: list[GeneratorConfig], directory: Path
) -> list[dict[str, Any]]:
    """Load several worlds, each into its own collection; their truths, in order.

    Each truth gets two extra keys: ``collection`` (where it was loaded) and ``folder``.
    """
    truths: list[dict[str, Any]] = []
    for config in configs:
        folder, truth = generate_world(config, directory)
        truth["collection"] = folder.name
        truth["folder"] = folder
        truths.append(truth)
    wanted = {truth["collection"] for truth in truths}
    if loaded_collections(graph) != wanted or _has_foreign_accounts(graph, wanted):
        empty_database(graph)
        for truth in truths:
            load(graph, [truth["folder"] / name for name in LOADED_FILES], truth["collection"])
    return truths


def load_world(graph: Graph, config: GeneratorConfig, directory: Path) -> dict[str, Any]:
    """Generate (or reuse) one world and make it the database's only content; its truth."""
    return load_worlds(graph, [config], directory)[0]


def _has_foreign_accounts(graph: Graph, wanted: set[str]) -> bool:
    """Accounts of none of the wanted collections (written by hand by some other test)."""
    rows = graph.query(
        """
        MATCH (a:Account)
        WHERE NOT any(c IN coalesce(a.collections, []) WHERE c IN $wanted)
        RETURN count(a) > 0 AS foreign
        """,
        {"wanted": sorted(wanted)},
    )
    return bool(rows[0]["foreign"])


def operation_accounts(truth: dict[str, Any]) -> set[str]:
    """Ids of every planted account: the Twitter operation and its Facebook twins."""
    twins = {pair["facebook_id"] for pair in truth["cross_platform"] if pair["operation"]}
    return set(truth["operation"]["accounts"]) | twins


def planted_posters(truth: dict[str, Any]) -> set[str]:
    """Ids of the planted posters: on Twitter, and their Facebook twins (also amplified)."""
    posters = {poster["id"] for poster in truth["operation"]["posters"]}
    twins = {
        pair["facebook_id"]
        for pair in truth["cross_platform"]
        if pair["operation"] and pair["twitter_id"] in posters
    }
    return posters | twins


def pool_amplified(truth: dict[str, Any]) -> set[str]:
    """Every account the pools amplify: the planted posters and the hijacked account."""
    hijacked = {truth["hijacked"]["id"]} if truth.get("hijacked") else set()
    return planted_posters(truth) | hijacked


def days_into_window(truth: dict[str, Any], parameters: dict[str, Any]) -> dict[str, Any]:
    """``parameters`` with ``since`` / ``until``, given as days into the world's collection
    window, made into ISO times."""
    start = datetime.fromisoformat(truth["window"]["start"])
    return parameters | {
        name: (start + timedelta(days=parameters[name])).isoformat()
        for name in ("since", "until")
        if name in parameters
    }


def browser(graph: Graph, name: str, **parameters: Any) -> list[dict[str, Any]]:
    """The rows of the pack's own Cypher, every statement, as Neo4j Browser runs it (not its
    engine)."""
    pack = investigation(name)
    bound = pack.bind(parameters)
    used = {key: bound[key] for key in pack.used_parameters()}
    for statement in pack.statements[:-1]:
        graph.query(statement, used)
    return graph.query(pack.statements[-1], used)
