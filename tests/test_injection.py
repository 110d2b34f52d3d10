"""Injection: hostile strings are data, never Cypher — in loaded files, in investigation
parameters, in collection names and in ``infoops cypher -p`` values (real Neo4j).

What proves it:
- structure: every Cypher text infoops sends is the constant text of a ``.cypher`` file (or a
  constant in the code); reading a pack takes nothing but its path, binding never touches its
  statements, and no Python source builds Cypher by f-string, ``%``, ``.format`` or ``+``;
- behaviour: files full of quotes, backticks, braces, comments, ``$params``, Cypher keywords,
  control characters, emoji and direction marks load byte for byte, give exactly the nodes and
  relationships that plain values give, delete nothing, and every investigation run with such
  values (from Python and from the CLI) leaves the graph as it was; the texts sent to the
  server while doing so are all known constants and contain none of the values;
- types: investigations take only their declared parameters, each of its declared type.
"""

from __future__ import annotations

import ast
import csv
import inspect
import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import fields
from pathlib import Path
from typing import Any

import neo4j
import orjson
import pytest
from neo4j.exceptions import Neo4jError
from typer.testing import CliRunner

from infoops.cli import app
from infoops.connection import Graph
from infoops.errors import ParameterError
from infoops.loader.formats.reading import normalize_hashtag
from infoops.loader.load import load
from infoops.loader.writer import graph_counts
from infoops.queries import Pack, investigations, read_pack
from tests.conftest import empty_database

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "infoops"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"

HOSTILE_VALUES = (
    "x' }) MATCH (n) DETACH DELETE n //",
    'y" }) MATCH (n) DETACH DELETE n //',
    "`) MATCH (n) DETACH DELETE n //`",
    "'}) RETURN 1 //",
    "RETURN 1 // the rest is a comment",
    "MATCH (n) DETACH DELETE n",
    "}{ unbalanced }} {{",
    "/* an open comment",
    "a closing */ comment",
    "// a line comment",
    "$collection and $param and ${name}",
    "\\'; DROP DATABASE neo4j; --",
    "CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) YIELD value RETURN 1",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "tab\there, new\nline, carriage\rreturn, \x0bvt \x0cff \x1besc \x7fdel",
    "emoji 🧨👩‍👩‍👧 flag 🇺🇦",
    "\u202eRTL override\u202c \u200f\u200e marks \u200b zero width",
    "  ' OR 1=1 --  ",
    'back\\slash \\" \\\\ and a "quote"',
)
# Named in the evidence investigation: the two accounts one retweets and mentions the other.
EVIDENCE_PAIR = (HOSTILE_VALUES[0], HOSTILE_VALUES[1])
QUERY_PARSE_ERROR = re.compile(r"Invalid input .*\(line \d+, column \d+", re.DOTALL)
CYPHER_CLAUSE = re.compile(
    r"\b(MATCH|MERGE|CREATE|WHERE|SET|DELETE|DETACH|REMOVE|RETURN|UNWIND|CALL|WITH|FOREACH|"
    r"YIELD|LOAD CSV)\b"
)


def test_hostile_values_are_distinct_in_every_role() -> None:
    """The graph comparisons below need each value to make its own names and hashtags."""
    assert len({value.lower() for value in HOSTILE_VALUES}) == len(HOSTILE_VALUES)
    tags = [normalize_hashtag(value) for value in HOSTILE_VALUES]
    assert all(tags) and len(set(tags)) == len(tags)
    assert not any(value.strip().startswith("@") for value in HOSTILE_VALUES)
    assert all("@" not in value for value in EVIDENCE_PAIR)


# --------------------------------------------------------------------------- input files


def mirrored_plain(value: str, index: int) -> str:
    """A harmless value with the same surrounding whitespace (which parsers may strip)."""
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    return f"{lead}plain value {index}{trail}"


def twitter_user_id(index: int) -> str:
    return str(7_000_000_000_000_000_000 + index)  # above 2**53


def twitter_post_id(index: int) -> str:
    return str(9_100_000_000_000_000_000 + index)


def v1_status(values: tuple[str, ...], index: int) -> dict[str, Any]:
    """User ``index`` posts ``values[index]`` as text, hashtag and names, mentioning the next."""
    value = values[index]
    following = (index + 1) % len(values)
    return {
        "id_str": twitter_post_id(index),
        "created_at": f"Wed Oct 10 20:{index:02d}:24 +0000 2018",
        "text": value,
        "user": {
            "id_str": twitter_user_id(index),
            "screen_name": value,
            "name": value,
            "description": value,
            "location": value,
            "followers_count": index,
            "friends_count": index,
        },
        "entities": {
            "hashtags": [{"text": value, "indices": [0, 1]}],
            "urls": [],
            "user_mentions": [
                {"id_str": twitter_user_id(following), "screen_name": values[following]}
            ],
        },
        "lang": "en",
    }


def write_v1(folder: Path, values: tuple[str, ...]) -> Path:
    statuses = [v1_status(values, index) for index in range(len(values))]
    # Account 0 retweets account 1's post: evidence has a RETWEETED row to show.
    retweet = v1_status(values, 0)
    retweet |= {"id_str": twitter_post_id(len(values)), "retweeted_status": statuses[1]}
    path = folder / "statuses.jsonl"
    path.write_bytes(b"".join(orjson.dumps(status) + b"\n" for status in [*statuses, retweet]))
    return path


def write_generic(folder: Path, values: tuple[str, ...]) -> list[Path]:
    """accounts.csv (one account on a platform named by the first value) + interactions.csv
    (each account mentions the next in a post whose text is its value)."""
    platforms = [values[0], *["facebook"] * (len(values) - 1)]
    accounts = folder / "accounts.csv"
    with open(accounts, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["platform", "account_id", "screen_name", "display_name", "description"])
        for index, value in enumerate(values):
            writer.writerow([platforms[index], f"fb-{index}", value, value, value])
    interactions = folder / "interactions.csv"
    with open(interactions, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["platform", "source", "target", "type", "post_id", "time", "text"])
        for index, value in enumerate(values[1:], 1):
            following = index % (len(values) - 1) + 1
            writer.writerow(
                ["facebook", f"fb-{index}", f"fb-{following}", "mention", f"fbp-{index}",
                 "2021-01-01T10:00:00Z", value]
            )  # fmt: skip
    return [accounts, interactions]


def write_collection(folder: Path, values: tuple[str, ...]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_v1(folder, values), *write_generic(folder, values)]


PLAIN_VALUES = tuple(mirrored_plain(value, index) for index, value in enumerate(HOSTILE_VALUES))
HOSTILE_COLLECTION = "x' }) MATCH (n) DETACH DELETE n // `collection` {$name}"


# --------------------------------------------------------------------------- graph snapshots


def canonical(value: object) -> str:
    return orjson.dumps(value, default=str, option=orjson.OPT_SORT_KEYS).decode()


# What investigations write by design: `communities` keeps its results on the accounts and
# its modularity on an (:Analysis) node; and every load forgets the other collections'
# stored compare measures (Collection.measure_*, measures_*), as any load may change them.
# Everything else must stay as it is.
ANALYSIS_PROPERTIES = ("community", "hub", "authority", "role")


def graph_snapshot(graph: Graph) -> tuple[Counter[str], Counter[str]]:
    """Every node (labels, properties) and relationship (type, ends, properties) but analysis
    results, as multisets: equal snapshots mean nothing was added, changed or deleted."""
    nodes = graph.query(
        "MATCH (n) WHERE NOT n:Analysis RETURN labels(n) AS labels, properties(n) AS properties",
    )
    for row in nodes:
        for name in ANALYSIS_PROPERTIES:
            row["properties"].pop(name, None)
        if "Collection" in row["labels"]:
            for name in [name for name in row["properties"] if name.startswith("measure")]:
                del row["properties"][name]
    relationships = graph.query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS properties, "
        "coalesce(a.key, a.name, a.url, a.id) AS source, "
        "coalesce(b.key, b.name, b.url, b.id) AS target"
    )
    return (
        Counter(canonical([sorted(row["labels"]), row["properties"]]) for row in nodes),
        Counter(canonical(row) for row in relationships),
    )


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {name: count for name, count in counts.items() if count}


def load_collection(graph: Graph, files: list[Path], name: str, rejects: Path) -> None:
    report = load(graph, files, name, rejects_dir=rejects)
    assert not report.rejects, report.rejects


@pytest.fixture
def hostile_graph(graph: Graph, tmp_path: Path) -> Graph:
    """The fixture files in a bystander collection, then the hostile files."""
    load_collection(graph, bystander_files(), "bystander", tmp_path)
    files = write_collection(tmp_path / "hostile", HOSTILE_VALUES)
    load_collection(graph, files, HOSTILE_COLLECTION, tmp_path)
    return graph


def bystander_files() -> list[Path]:
    names = ("twint.csv", "io_tweets_30.csv", "twarc2_liking_users.jsonl")
    return [FIXTURES / name for name in names]


# --------------------------------------------------------------------------- spying on Bolt


class SentQueries:
    """Every Cypher text handed to the driver (sessions and managed transactions)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def wrap(self, run: Any) -> Any:
        def recording_run(this: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            self.texts.append(query.text if isinstance(query, neo4j.Query) else str(query))
            return run(this, query, *args, **kwargs)

        return recording_run


@pytest.fixture
def sent_queries(monkeypatch: pytest.MonkeyPatch) -> SentQueries:
    sent = SentQueries()
    monkeypatch.setattr(neo4j.Session, "run", sent.wrap(neo4j.Session.run))
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", sent.wrap(neo4j.ManagedTransaction.run))
    return sent


def cypher_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.cypher"))


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def known_cypher_texts() -> set[str]:
    """The statements of every .cypher file (and each pack's last statement as run_pack sends
    it, wrapped in collected-rows.cypher), and every string constant in infoops' code."""
    packs = [read_pack(path) for path in cypher_files()]
    known = {text for pack in packs for text in pack.statements}
    known |= {pack.collected for pack in packs if pack.columns}
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        known |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    return known


def assert_only_constant_cypher(sent: SentQueries, values: tuple[str, ...]) -> None:
    assert sent.texts, "nothing was sent"
    known = known_cypher_texts()
    unknown = sorted({text for text in sent.texts if text not in known})
    assert not unknown, f"Cypher sent that is no constant text: {unknown[:3]}"
    for text in sent.texts:
        for value in values:
            assert value not in text


# --------------------------------------------------------------------------- structure


def is_cypher_text(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(CYPHER_CLAUSE.search(node.value))
    )


def cypher_built_from_values(tree: ast.AST) -> list[int]:
    """Lines where an f-string, ``%``, ``.format``, ``+`` or ``join`` makes Cypher text."""
    lines = []
    for node in ast.walk(tree):
        built = False
        if isinstance(node, ast.JoinedStr):
            built = any(is_cypher_text(part) for part in node.values)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            built = is_cypher_text(node.left) or is_cypher_text(node.right)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "format":
                built = is_cypher_text(node.func.value)
            elif node.func.attr == "join":
                built = any(is_cypher_text(each) for arg in node.args for each in ast.walk(arg))
        if built:
            lines.append(getattr(node, "lineno", 0))
    return lines


def test_no_cypher_is_built_by_string_formatting() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in source_files()
        for line in cypher_built_from_values(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, f"Cypher built from values at: {found}"


@pytest.mark.parametrize(
    "built",
    [
        "f\"MATCH (a {{name: '{name}'}}) RETURN a\"",
        "\"MATCH (a) WHERE a.name = '%s' RETURN a\" % name",
        '"MERGE (a {{key: {}}})".format(key)',
        '"MATCH (a) SET a.x = " + value',
        '" ".join(["MATCH (a) WHERE a.name =", value])',
    ],
)
def test_the_formatting_check_sees_each_way_of_building_cypher(built: str) -> None:
    assert cypher_built_from_values(ast.parse(built)) == [1]
    assert cypher_built_from_values(ast.parse('query("MATCH (a) RETURN a", {"x": value})')) == []


def test_pack_statements_are_constant_text_whatever_the_parameters() -> None:
    """A pack is read from its file alone; binding hostile values returns them untouched and
    never changes (or could change: frozen) the statements."""
    assert list(inspect.signature(read_pack).parameters) == ["path"]
    assert Pack.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "statements" in {field.name for field in fields(Pack)}
    for path in cypher_files():
        pack = read_pack(path)
        statements = pack.statements
        assert read_pack(path).statements == statements
        hostile = hostile_parameters(pack)
        bound = pack.bind(hostile)
        assert pack.statements == statements
        for name, value in hostile.items():
            assert bound[name] == value
        for statement in statements:
            for value in HOSTILE_VALUES:
                assert value not in statement


def hostile_parameters(pack: Pack, offset: int = 0) -> dict[str, Any]:
    """A hostile value for every text-like parameter of ``pack`` (the others keep defaults)."""
    values: dict[str, Any] = {}
    for index, parameter in enumerate(pack.parameters.values(), offset):
        value = HOSTILE_VALUES[index % len(HOSTILE_VALUES)]
        if parameter.type == "string":
            values[parameter.name] = value
        elif parameter.name == "collections":  # the hostile collection exists: data flows
            values[parameter.name] = [HOSTILE_COLLECTION, value]
        elif parameter.type == "list[string]":
            values[parameter.name] = [value, *HOSTILE_VALUES[:3]]
        elif parameter.type == "map":
            values[parameter.name] = {value: list(HOSTILE_VALUES[:4]), "{}": [value]}
        elif parameter.type == "any":
            values[parameter.name] = value
    return values


# --------------------------------------------------------------------------- behaviour


def test_hostile_strings_load_as_data_byte_for_byte(
    graph: Graph, tmp_path: Path, sent_queries: SentQueries
) -> None:
    plain_files = write_collection(tmp_path / "plain", PLAIN_VALUES)
    load_collection(graph, plain_files, "plain", tmp_path)
    plain_counts = graph_counts(graph)

    empty_database(graph)
    load_collection(graph, bystander_files(), "bystander", tmp_path)
    before = graph_snapshot(graph)
    bystander_counts = graph_counts(graph)
    hostile_files = write_collection(tmp_path / "hostile", HOSTILE_VALUES)
    sent_queries.texts.clear()
    load_collection(graph, hostile_files, HOSTILE_COLLECTION, tmp_path)
    assert_only_constant_cypher(sent_queries, HOSTILE_VALUES)

    # Nothing deleted or changed: every node and relationship there before is there as it was.
    after = graph_snapshot(graph)
    assert not before[0] - after[0] and not before[1] - after[1]
    # Nothing extra: the hostile values made exactly what plain values make.
    for kind in (0, 1):
        added = Counter(graph_counts(graph)[kind])
        added.subtract(bystander_counts[kind])
        assert nonzero(added) == nonzero(plain_counts[kind])
    check_round_trip(graph)


def check_round_trip(graph: Graph) -> None:
    for index, value in enumerate(HOSTILE_VALUES):
        [account] = graph.query(
            "MATCH (a:Account {key: $key}) RETURN a.screen_name AS screen_name, "
            "a.display_name AS display_name, a.description AS description, "
            "a.location AS location, a.collections AS collections",
            {"key": f"twitter:{twitter_user_id(index)}"},
        )
        assert account == {
            "screen_name": value,
            "display_name": value,
            "description": value,
            "location": value,
            "collections": [HOSTILE_COLLECTION],
        }
        [post] = graph.query(
            "MATCH (p:Post {key: $key})-[:TAGGED]->(h:Hashtag) RETURN p.text AS text, "
            "h.name AS hashtag",
            {"key": f"twitter:{twitter_post_id(index)}"},
        )
        assert post == {"text": value, "hashtag": normalize_hashtag(value)}
        platform = value.strip().lower() if index == 0 else "facebook"
        [profile] = graph.query(
            "MATCH (a:Account {key: $key}) RETURN a.screen_name AS screen_name, "
            "a.display_name AS display_name, a.description AS description",
            {"key": f"{platform}:fb-{index}"},
        )
        assert profile == {
            "screen_name": value.strip(),
            "display_name": value,
            "description": value,
        }
    texts = {
        row["text"]
        for row in graph.query("MATCH (p:Post) WHERE p.key STARTS WITH 'facebook:fbp-' "
                               "RETURN p.text AS text")
    }  # fmt: skip
    assert texts == set(HOSTILE_VALUES[1:])
    names = {
        row["value"]
        for row in graph.query("MATCH (n:Name {kind: 'display_name'}) RETURN n.value AS value")
    }
    assert set(HOSTILE_VALUES) <= names
    [collection] = graph.query(
        "MATCH (c:Collection {name: $name}) RETURN c.name AS name", {"name": HOSTILE_COLLECTION}
    )
    assert collection["name"] == HOSTILE_COLLECTION


def run_every_investigation(graph: Graph, offset: int) -> dict[str, str]:
    """Each pack with hostile values for its text-like parameters; what each gave."""
    outcomes: dict[str, str] = {}
    for name, pack in sorted(investigations().items()):
        given = hostile_parameters(pack, offset)
        if offset:  # a second round keeps the time zone: the activity packs then run through
            given.pop("timezone", None)
        if name == "evidence":
            given |= {"account_a": EVIDENCE_PAIR[0], "account_b": EVIDENCE_PAIR[1]}
            given.pop("platform", None)
        try:
            rows = graph.run_pack(pack, pack.bind(given))
        except Neo4jError as error:
            # A value may be refused as a value (a time zone, a graph name), never parsed as
            # part of the query (which the server reports with a line and a column).
            assert not QUERY_PARSE_ERROR.search(error.message or ""), (name, error)
            outcomes[name] = f"refused: {error.code}"
            continue
        outcomes[name] = f"{len(rows)} rows"
    return outcomes


def test_investigations_with_hostile_parameters_change_nothing(
    hostile_graph: Graph, sent_queries: SentQueries
) -> None:
    graph = hostile_graph
    before = graph_snapshot(graph)
    sent_queries.texts.clear()
    outcomes = run_every_investigation(graph, 0) | {
        f"{name} (more values)": outcome
        for name, outcome in run_every_investigation(graph, 7).items()
    }
    assert_only_constant_cypher(sent_queries, HOSTILE_VALUES)
    print(outcomes)
    assert graph_snapshot(graph) == before
    assert outcomes["evidence"] != "0 rows"  # the hostile names and collection were found

    pack = investigations()["evidence"]
    bound = pack.bind({"account_a": EVIDENCE_PAIR[0], "account_b": EVIDENCE_PAIR[1]})
    rows = graph.run_pack(pack, bound)
    relations = {(row["relation"], row["from_screen_name"], row["to_screen_name"]) for row in rows}
    assert ("RETWEETED", EVIDENCE_PAIR[0], EVIDENCE_PAIR[1]) in relations
    assert ("MENTIONED", EVIDENCE_PAIR[0], EVIDENCE_PAIR[1]) in relations
    post_texts = {row["post_text"] for row in rows}
    assert EVIDENCE_PAIR[0] in post_texts

    scoped = investigations()["great-retweet"]
    bound = scoped.bind({"collections": ["x' }) MATCH (n) DETACH DELETE n //"]})
    assert graph.run_pack(scoped, bound) == []
    renamed = investigations()["renamed-accounts"]
    graph.run_pack(renamed, renamed.bind({"famous_names": list(HOSTILE_VALUES)}))
    for name in ("topic-overlap", "cross-topic"):
        topics = {value: [value, normalize_hashtag(value)] for value in HOSTILE_VALUES}
        graph.run_pack(investigations()[name], investigations()[name].bind({"topics": topics}))
    assert graph_snapshot(graph) == before


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infoops", *args],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **env},
    )  # fmt: skip


def test_cli_run_and_cypher_take_hostile_values_as_data(
    hostile_graph: Graph, cli_env: dict[str, str]
) -> None:
    graph = hostile_graph
    before = graph_snapshot(graph)
    wanted = EVIDENCE_PAIR[1]
    found = run_cli(
        "--quiet", "cypher",
        "MATCH (a:Account) WHERE a.screen_name = $name AND a.platform = $platform "
        "RETURN a.screen_name AS screen_name, a.id AS account_id",
        "-p", f"name={wanted}", "-p", "platform=twitter", "--format", "json",
        env=cli_env,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == [{"screen_name": wanted, "account_id": twitter_user_id(1)}]

    by_collection = run_cli(
        "--quiet", "cypher",
        "MATCH (a:Account) WHERE $name IN a.collections RETURN count(a) AS accounts",
        "-p", f"name={HOSTILE_COLLECTION}", "--format", "json",
        env=cli_env,
    )  # fmt: skip
    assert by_collection.returncode == 0, by_collection.stderr
    [row] = json.loads(by_collection.stdout)
    assert row["accounts"] >= len(HOSTILE_VALUES)

    evidence = run_cli(
        "--quiet", "run", "evidence",
        "-p", f"account_a={EVIDENCE_PAIR[0]}", "-p", f"account_b={EVIDENCE_PAIR[1]}",
        "-p", "collections=x' }) MATCH (n) DETACH DELETE n //", "--format", "json",
        env=cli_env,
    )  # fmt: skip
    assert evidence.returncode == 0, evidence.stderr
    assert json.loads(evidence.stdout) == []  # no act was seen in a collection of that name
    scoped = run_cli(
        "--quiet", "run", "evidence",
        "-p", f"account_a={EVIDENCE_PAIR[0]}", "-p", f"account_b={EVIDENCE_PAIR[1]}",
        "--format", "json",
        env=cli_env,
    )  # fmt: skip
    assert scoped.returncode == 0, scoped.stderr
    pairs = {(row["from_screen_name"], row["to_screen_name"]) for row in json.loads(scoped.stdout)}
    assert pairs == {EVIDENCE_PAIR}
    assert graph_snapshot(graph) == before


# --------------------------------------------------------------------------- parameter types


def assert_parameter_error(pack: Pack, given: dict[str, Any], *mentions: str) -> None:
    with pytest.raises(ParameterError) as refused:
        pack.bind(given)
    message = str(refused.value)
    assert "\n" not in message
    for mention in mentions:
        assert mention in message


@pytest.mark.parametrize(
    ("name", "given", "mentions"),
    [
        ("great-retweet", {"min_amplifier": 5}, ("unknown parameter", "min_amplifier")),
        ("great-retweet", {"min_amplifiers": "abc"}, ("min_amplifiers", "int", "'abc'")),
        ("great-retweet", {"min_amplifiers": 1.5}, ("min_amplifiers", "int")),
        ("great-retweet", {"min_amplifiers": True}, ("min_amplifiers", "int")),
        ("great-retweet", {"min_amplifiers": [20]}, ("min_amplifiers", "int")),
        ("great-retweet", {"age_scale_days": "soon"}, ("age_scale_days", "float")),
        ("great-retweet", {"collections": {"a": 1}}, ("collections", "list[string]")),
        ("great-retweet", {"collections": 5}, ("collections", "list[string]")),
        ("great-retweet", {"collections": ["a", {"b": 1}]}, ("collections", "list[string]")),
        ("great-retweet", {"since": ["2020-01-01"]}, ("since", "datetime")),
        ("renamed-accounts", {"famous_names": {"Elon Musk": 1}}, ("famous_names",)),
        ("activity-summary", {"working_days": ["monday"]}, ("working_days", "list[int]")),
        ("creation-bursts", {"flagged_only": "maybe"}, ("flagged_only", "bool")),
        ("topic-overlap", {"topics": ["guo", "crypto"]}, ("topics", "map")),
        ("topic-overlap", {"topics": "not json"}, ("topics", "map")),
        ("evidence", {"account_a": {"id": 1}, "account_b": "b"}, ("account_a", "string")),
        ("evidence", {"account_b": "b"}, ("account_a", "required")),
    ],
)
def test_bind_accepts_only_declared_parameters_of_declared_types(
    name: str, given: dict[str, Any], mentions: tuple[str, ...]
) -> None:
    assert_parameter_error(investigations()[name], given, *mentions)


def test_bind_coerces_cli_text_to_the_declared_types() -> None:
    pack = investigations()["activity-summary"]
    assert pack.bind({"min_group_posts": "5"})["min_group_posts"] == 5
    assert pack.bind({"working_days": "[1, 2]"})["working_days"] == [1, 2]
    assert pack.bind({"collections": "a,b"})["collections"] == ["a", "b"]
    assert pack.bind({"round_the_clock": "0.5"})["round_the_clock"] == 0.5


def cli_refusal(*args: str) -> str:
    """Run ``infoops`` in-process; it must refuse with exit code 1 and one line on stderr."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("-p", "min_amplifier=5"), ("unknown parameter", "min_amplifier")),
        (("-p", "min_amplifiers=abc"), ("min_amplifiers", "int", "abc")),
        (("-p", "min_amplifiers=1.5"), ("min_amplifiers", "int")),
        (("-p", "age_scale_days=soon"), ("age_scale_days", "float")),
        (("-p", "no_equals_sign"), ("key=value",)),
    ],
)
def test_cli_run_refuses_undeclared_or_mistyped_parameters(
    args: tuple[str, ...], mentions: tuple[str, ...]
) -> None:
    line = cli_refusal("run", "great-retweet", *args)
    for mention in mentions:
        assert mention in line


def test_cli_run_refuses_a_list_for_a_map_and_a_word_for_a_bool() -> None:
    assert "topics" in cli_refusal("run", "topic-overlap", "-p", 'topics=["guo", "crypto"]')
    assert "flagged_only" in cli_refusal("run", "creation-bursts", "-p", "flagged_only=maybe")


def test_cli_run_refuses_a_map_given_for_a_list() -> None:
    line = cli_refusal("run", "great-retweet", "-p", 'collections={"a": 1}')
    assert "collections" in line


def test_cli_refuses_a_bad_time_with_exit_code_1_and_no_traceback(
    cli_env: dict[str, str],
) -> None:
    """``bind`` refuses it before the server sees it."""
    del cli_env
    result = CliRunner().invoke(app, ["run", "great-retweet", "-p", "since=not a time"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output


def test_bind_refuses_text_that_is_no_time() -> None:
    assert_parameter_error(investigations()["great-retweet"], {"since": "not a time"}, "since")
