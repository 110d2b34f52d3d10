"""The core investigation packs, scored against the planted truth of synthetic worlds.

Every threshold here is fixed and every pack runs with its default parameters, on worlds of
two sizes and three seeds. The three worlds share the database, each in its own collection,
and each test scopes to the world it examines; the unscoped fast paths (over the derived
account edges) are checked against a scope of every collection. The module-scoped fixture
loads the database once; the tests only read (communities writes its own properties).
"""

from __future__ import annotations

import csv
import itertools
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from coordination_network_toolkit.compute_networks import compute_co_retweet_parallel
from coordination_network_toolkit.graph import get_edge_rows
from coordination_network_toolkit.preprocess import preprocess_csv_files
from typer.testing import CliRunner

from infoops.cli import app
from infoops.connection import Graph
from infoops.queries import investigation
from infoops.sample.generator import GeneratorConfig
from tests.worlds import (
    CNT_FILE,
    World,
    browser,
    days_into_window,
    load_worlds,
    operation_accounts,
    planted_posters,
    pool_amplified,
)

# Loaded together; each test case examines one of them.
WORLDS = [GeneratorConfig.small(3), GeneratorConfig.small(17), GeneratorConfig.reference(5)]
CASES = {"small-3": 0, "small-17": 1, "reference-5": 2}


def loaded_worlds(graph: Graph, factory: pytest.TempPathFactory) -> list[World]:
    """Every world, loaded once for the module (later calls find them in the database)."""
    truths = load_worlds(graph, WORLDS, factory.getbasetemp() / "worlds")
    return [
        World(graph, truth, [other for other in truths if other is not truth]) for truth in truths
    ]


@pytest.fixture(scope="module", params=list(CASES))
def world(
    request: pytest.FixtureRequest,
    session_graph: Graph,
    tmp_path_factory: pytest.TempPathFactory,
) -> World:
    return loaded_worlds(session_graph, tmp_path_factory)[CASES[request.param]]


@pytest.fixture(scope="module")
def database(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The database as a whole, seen from its first world."""
    return loaded_worlds(session_graph, tmp_path_factory)[0]


def declared_columns(name: str) -> set[str]:
    return set(investigation(name).columns)


# --- great-retweet ---------------------------------------------------------------------------


def test_great_retweet_ranks_the_planted_posters_first(world: World) -> None:
    rows = world.run("great-retweet")
    assert rows and set(rows[0]) == declared_columns("great-retweet")
    k = len(world.truth["operation"]["posters"])
    top = [row["account_id"] for row in rows[:k]]
    precision = len(set(top) & planted_posters(world.truth)) / k
    assert precision >= 0.9, rows[: k + 3]


def test_popular_organic_accounts_rank_below_every_planted_poster(world: World) -> None:
    rows = world.run("great-retweet")
    score = {row["account_id"]: row["score"] for row in rows}
    stars = {star["id"] for star in world.truth["organic_stars"]} & set(score)
    posters = {poster["id"] for poster in world.truth["operation"]["posters"]}
    weakest_poster = min(score[poster] for poster in posters)
    assert all(score[star] < weakest_poster for star in stars)


# --- amplifier pools -------------------------------------------------------------------------


def shared_pool_pairs(truth: dict[str, Any]) -> set[frozenset[str]]:
    return {
        frozenset(pair)
        for pool in truth["operation"]["pools"]
        for pair in itertools.combinations(pool["posters"], 2)
    }


def test_posters_of_one_pool_pair_above_organic_pairs(world: World) -> None:
    rows = world.run("amplifier-pools")
    assert rows and set(rows[0]) == declared_columns("amplifier-pools")
    amplified = pool_amplified(world.truth)
    pairs = [frozenset((row["poster_a_id"], row["poster_b_id"])) for row in rows]
    jaccard = dict(zip(pairs, (row["jaccard"] for row in rows), strict=True))
    same_pool = shared_pool_pairs(world.truth)
    assert same_pool <= set(jaccard), "every two posters of one pool are paired"
    # The top pairs, as many as there are posters sharing a pool, join pool-amplified accounts.
    top = pairs[: len(same_pool)]
    assert sum(pair <= amplified for pair in top) >= 0.9 * len(top)
    organic = [value for pair, value in jaccard.items() if not pair <= amplified]
    if same_pool and organic:
        assert min(jaccard[pair] for pair in same_pool) > max(organic)


def test_pool_members_group_the_posters_of_each_pool(world: World) -> None:
    rows = world.run("amplifier-pool-members")
    assert rows and set(rows[0]) == declared_columns("amplifier-pool-members")
    pool_of = {row["account_id"]: row["pool"] for row in rows if row["role"] == "poster"}
    # A poster served by two pools is listed with one of them: judge the posters of one pool only.
    pools = {poster["id"]: poster["pools"] for poster in world.truth["operation"]["posters"]}
    together = [
        pool_of.get(first) is not None and pool_of.get(first) == pool_of.get(second)
        for first, second in map(sorted, shared_pool_pairs(world.truth))
        if pools[first] == pools[second]
    ]
    assert sum(together) >= 0.95 * len(together)
    planted = operation_accounts(world.truth)
    members = [row for row in rows if row["role"] == "amplifier"]
    assert sum(row["account_id"] in planted for row in members) / len(members) >= 0.9
    assert not set(pool_of) - planted - pool_amplified(world.truth)


# --- communities -----------------------------------------------------------------------------


ALL_ROLES = ["poster", "amplifier", "other"]


def test_planted_amplifiers_fall_in_operation_communities(world: World) -> None:
    rows = world.run("communities", roles=ALL_ROLES)
    assert rows and set(rows[0]) == declared_columns("communities")
    community = {row["account_id"]: row["community"] for row in rows}
    planted = operation_accounts(world.truth)
    size = Counter(community.values())
    planted_count = Counter(community[a] for a in planted if a in community)
    operation_communities = {c for c in size if 2 * planted_count[c] > size[c]}
    # Pool members that never acted in scope are in no community: nothing to find.
    amplifiers = [a["id"] for a in world.truth["operation"]["amplifiers"] if a["id"] in community]
    inside = sum(community[a] in operation_communities for a in amplifiers)
    assert inside / len(amplifiers) >= 0.9
    assert 0.3 < rows[0]["modularity"] < 1
    role = {row["account_id"]: row["role"] for row in rows}
    posters = [poster["id"] for poster in world.truth["operation"]["posters"]]
    assert sum(role.get(p) == "poster" for p in posters) / len(posters) >= 0.9

    summary = world.run("community-summary", min_size=1)
    assert set(summary[0]) == declared_columns("community-summary")
    assert sum(row["size"] for row in summary) == len(rows)
    assert summary[0]["modularity"] == rows[0]["modularity"]
    operation_rows = [row for row in summary if row["community"] in operation_communities]
    # The operation's display names are Han or Cyrillic; organic ones mostly Latin.
    assert all(row["dominant_script"] in ("Han", "Cyrillic") for row in operation_rows)
    operation_size = sum(row["size"] for row in operation_rows)
    assert sum(row["amplifiers"] for row in operation_rows) >= operation_size / 2


# --- creation bursts -------------------------------------------------------------------------


def test_every_burst_day_is_flagged_and_no_other_day(world: World) -> None:
    rows = world.run("creation-bursts")
    assert rows and set(rows[0]) == declared_columns("creation-bursts")
    flagged = {row["day"].iso_format() for row in rows if row["flagged"]}
    planted = {burst["date"] for burst in world.truth["operation"]["creation_bursts"]}
    assert flagged == planted


# --- co-retweet ------------------------------------------------------------------------------


def toolkit_co_retweet(
    cnt_csv: Path, sqlite_file: Path, time_window: int, min_edge_weight: int
) -> dict[tuple[str, str], int]:
    """coordination-network-toolkit's co-retweet edges, without self-loops (as it exports)."""
    if not sqlite_file.exists():
        preprocess_csv_files(str(sqlite_file), [str(cnt_csv)])
    compute_co_retweet_parallel(
        str(sqlite_file), time_window, n_threads=2, min_edge_weight=min_edge_weight
    )
    return {(a, b): weight for a, b, weight, _ in get_edge_rows(str(sqlite_file), "co_retweet")}


@pytest.mark.parametrize(("time_window", "min_edge_weight"), [(60, 2), (5, 1)])
def test_co_retweet_edges_are_the_toolkits(
    world: World, tmp_path: Path, time_window: int, min_edge_weight: int
) -> None:
    cnt_csv = world.folder / CNT_FILE
    expected = toolkit_co_retweet(cnt_csv, tmp_path / "cnt.db", time_window, min_edge_weight)
    rows = world.run("co-retweet", time_window=time_window, min_edge_weight=min_edge_weight)
    assert rows and set(rows[0]) == declared_columns("co-retweet")
    # The toolkit's CSV holds the Twitter part only; Facebook shares pair Facebook accounts.
    with open(cnt_csv, encoding="utf-8", newline="") as handle:
        twitter_users = {row["user_id"] for row in csv.DictReader(handle)}
    ours = {
        (row["account_a_id"], row["account_b_id"]): row["weight"]
        for row in rows
        if row["account_a_id"] in twitter_users
    }
    assert ours == expected
    assert len(expected) > 0


@pytest.mark.parametrize(
    "parameters",
    [
        {},
        {"time_window": 0, "min_edge_weight": 1},
        {"time_window": 10, "min_edge_weight": 1, "max_retweets_per_post": 5},
        {"time_window": 3600, "min_edge_weight": 3},
        {"time_window": -1, "min_edge_weight": 1},
        {"min_edge_weight": 1, "since": 2, "until": 5},
    ],
)
def test_co_retweet_engine_returns_the_browser_cyphers_rows(
    world: World, parameters: dict[str, Any]
) -> None:
    """`infoops run` pairs retweets in Python; Neo4j Browser runs the pack's Cypher: same rows,
    in the same order up to ties (equal weight and equal first account)."""
    pack = investigation("co-retweet")
    parameters = days_into_window(world.truth, parameters)
    bound = pack.bind({**world.scope, **parameters})
    engine_rows = world.graph.run_pack(pack, bound)
    used = {name: bound[name] for name in pack.used_parameters()}
    cypher_rows = world.graph.query(pack.statements[-1], used)
    assert engine_rows == sorted(
        cypher_rows, key=lambda row: (-row["weight"], row["account_a_id"], row["account_b_id"])
    )
    if not parameters.get("time_window", 0) < 0:
        assert engine_rows


def test_co_retweet_engine_makes_the_first_rows_only_when_limited(world: World) -> None:
    pack = investigation("co-retweet")
    bound = pack.bind({**world.scope, "min_edge_weight": 1})
    every = world.graph.run_pack(pack, bound)
    assert len(every) > 30
    assert world.graph.run_pack(pack, bound, limit=30) == every[:30]
    assert world.graph.run_pack(pack, bound, limit=0) == []


def test_co_retweet_caps_viral_posts(world: World) -> None:
    full = world.run("co-retweet", min_edge_weight=1, time_window=10)
    capped = world.run("co-retweet", min_edge_weight=1, time_window=10, max_retweets_per_post=5)
    assert 0 < sum(row["weight"] for row in capped) < sum(row["weight"] for row in full)


# --- co-tweet --------------------------------------------------------------------------------

URL_OR_MENTION = re.compile(r"(https?://|www\.)\S+|@\w+", re.ASCII)


def normalise(text: str) -> str:
    """What co-tweet does in Cypher: lower case, no URLs, mentions, punctuation, symbols..."""
    lowered = URL_OR_MENTION.sub("", text.lower())
    return "".join(
        ch for ch in lowered if unicodedata.category(ch)[0] not in "PSZCM" and not ch.isspace()
    )


def original_tweets(tweets_jsonl: Path) -> Iterator[dict[str, Any]]:
    with open(tweets_jsonl, "rb") as handle:
        for line in handle:
            status = orjson.loads(line)
            if not (
                "retweeted_status" in status
                or status.get("in_reply_to_status_id_str")
                or status.get("quoted_status_id_str")
            ):
                yield status


def template_groups(world: World) -> dict[str, set[str]]:
    """Normalised operation-template texts of original tweets, with the accounts behind them."""
    slots = world.truth["operation"]["template"]["slots"]
    headlines = [f"【{h}】" for topic in slots.values() for h in topic["headline"]]
    authors: defaultdict[str, set[str]] = defaultdict(set)
    for status in original_tweets(world.folder / "tweets.jsonl"):
        text = status.get("full_text") or status.get("text") or ""
        normalised = normalise(text)
        if any(h in text for h in headlines) and len(normalised) >= 12:
            authors[normalised].add(status["user"]["id_str"])
    return {text: accounts for text, accounts in authors.items() if len(accounts) >= 2}


def test_co_tweet_finds_every_repeated_template_text(world: World) -> None:
    expected = template_groups(world)
    assert expected, "the world should repeat some template texts"
    rows = world.run("co-tweet")
    assert set(rows[0]) == declared_columns("co-tweet")
    found = {row["normalized_text"]: row["accounts"] for row in rows}
    assert {text: found.get(text) for text in expected} == {
        text: len(accounts) for text, accounts in expected.items()
    }
    # Near-identical variants (another lead, tag or emoji) merge into larger groups.
    merged = world.run("co-tweet", similarity=0.7)
    largest_template = max(len(accounts) for accounts in expected.values())
    assert merged[0]["accounts"] >= largest_template


# --- scoping ---------------------------------------------------------------------------------


def by_account(rows: list[dict[str, Any]], column: str) -> dict[str, Any]:
    return {row["account_id"]: row[column] for row in rows}


def test_collections_scope_keeps_each_world_apart(world: World) -> None:
    mine = {row["account_id"] for row in world.run("great-retweet")}
    theirs = set().union(*(planted_posters(n) for n in world.neighbours))
    assert mine and not mine & theirs
    everything = world.run("great-retweet", collections=world.everything)
    assert mine < {row["account_id"] for row in everything}


def test_scoped_to_everything_equals_unscoped(database: World) -> None:
    world = database
    unscoped = dict.fromkeys(("collections", "since", "until"))
    for name in ("great-retweet", "amplifier-pools", "amplifier-pool-members", "creation-bursts"):
        assert world.run(name, collections=world.everything) == world.run(name, **unscoped), name
    scoped_rows = world.run("communities", collections=world.everything, roles=ALL_ROLES)
    unscoped_rows = world.run("communities", **unscoped, roles=ALL_ROLES)
    # The same directed graph, projected natively or from the posts: the same HITS scores.
    for score in ("hub", "authority"):
        scoped, unscoped_scores = by_account(scoped_rows, score), by_account(unscoped_rows, score)
        assert scoped.keys() == unscoped_scores.keys()
        assert all(
            scoped[a] == pytest.approx(unscoped_scores[a], rel=1e-6, abs=1e-6) for a in scoped
        ), score
    # The same weighted graph: Louvain or Leiden may settle in another optimum (the order the
    # projection is fed in differs), of about the same modularity.
    assert abs(scoped_rows[0]["modularity"] - unscoped_rows[0]["modularity"]) < 0.02
    # Roles are relative to the community's top scores: the same wherever the two runs
    # found the same community (a third of the accounts of a reference world, one run).
    same = community_members(scoped_rows).items() & community_members(unscoped_rows).items()
    agreed = {account for account, _ in same}
    assert agreed
    roles = by_account(scoped_rows, "role"), by_account(unscoped_rows, "role")
    assert {a: roles[0][a] for a in agreed} == {a: roles[1][a] for a in agreed}


def community_members(rows: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Each account and the accounts of its community."""
    members: defaultdict[Any, set[str]] = defaultdict(set)
    for row in rows:
        members[row["community"]].add(row["account_id"])
    return {row["account_id"]: frozenset(members[row["community"]]) for row in rows}


def test_hits_on_threads_gives_one_threads_scores_to_nine_digits(database: World) -> None:
    # GDS's HITS, as the pack's Cypher runs it (infoops run computes HITS in Python).
    one, four = (
        browser(database.graph, "communities", **database.scope, roles=ALL_ROLES,
                hits_concurrency=threads)
        for threads in (1, 4)
    )  # fmt: skip
    assert by_account(one, "role") == by_account(four, "role")
    for score in ("hub", "authority"):
        alone, threaded = by_account(one, score), by_account(four, score)
        assert all(alone[a] == pytest.approx(threaded[a], rel=2e-9) for a in alone), score
        # Rounded to significant digits, not to decimal places: small scores keep theirs.
        scores = [value for value in threaded.values() if value > 0]
        assert min(scores) < 1e-4 < max(scores), score
        assert all(float(f"{value:.9g}") == value for value in scores), score
        assert any(float(f"{value:.8g}") != value for value in scores), score


# What communities writes on the accounts.
WRITTEN = """
MATCH (a:Account)
WHERE a.community IS NOT NULL OR a.hub IS NOT NULL OR a.authority IS NOT NULL
   OR a.role IS NOT NULL
RETURN a.key AS key, a.community AS community, a.hub AS hub, a.authority AS authority,
       a.role AS role
ORDER BY key
"""


@pytest.mark.parametrize(
    "scope",
    [
        {"collections": None},
        {},
        {"since": 2, "until": 6},
        {"relative_score": 0.3, "hits_iterations": 7, "min_amplifiers": 5},
    ],
)
def test_communities_engine_writes_what_the_browser_cypher_writes(
    database: World, scope: dict[str, Any]
) -> None:
    """infoops run communities computes HITS in Python; the pack's Cypher, in GDS. From the
    same start (no earlier run), both write the same communities and roles to every account,
    and the same scores to 9 significant digits, and list the same accounts."""
    parameters = {**database.scope, "roles": ALL_ROLES} | days_into_window(database.truth, scope)
    forget = "MATCH (run:Analysis {name: 'communities'}) DETACH DELETE run"
    database.graph.query(forget)
    engine_rows = database.run("communities", **parameters)
    engine_written = database.graph.query(WRITTEN)
    database.graph.query(forget)
    assert_same_but_scores(browser(database.graph, "communities", **parameters), engine_rows)
    assert_same_but_scores(database.graph.query(WRITTEN), engine_written)
    roles = Counter(row["role"] for row in engine_written)
    assert roles["poster"] and roles["amplifier"] and roles[None]
    pack = investigation("communities")
    assert database.graph.run_pack(pack, pack.bind(parameters), limit=3) == engine_rows[:3]


def assert_same_but_scores(gds: list[dict[str, Any]], engine: list[dict[str, Any]]) -> None:
    """The same rows (in any order: the listing is the pack's own), but hub and authority
    only to 9 significant digits. GDS and numpy add up in different orders, and at ten
    million interactions 3 of 247,774 rounded scores differed in their last digit; the
    rounding boundaries hide the rest."""
    scores = ("hub", "authority")

    def sorted_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda row: str(row.get("key", row.get("account_id"))))

    gds, engine = sorted_rows(gds), sorted_rows(engine)
    assert len(gds) == len(engine)
    for expected, actual in zip(gds, engine, strict=True):
        assert {k: v for k, v in actual.items() if k not in scores} == {
            k: v for k, v in expected.items() if k not in scores
        }
        assert all(
            actual[k] == expected[k]
            or (expected[k] is not None and actual[k] == pytest.approx(expected[k], rel=2e-9))
            for k in scores
        ), actual


def test_since_and_until_split_the_interactions(world: World) -> None:
    start = datetime.fromisoformat(world.truth["window"]["start"].replace("Z", "+00:00"))
    middle = (start + timedelta(days=world.truth["window"]["days"] / 2)).isoformat()

    def retweets(**window: str) -> dict[str, int]:
        rows = world.run("great-retweet", min_amplifiers=1, **window)
        return by_account(rows, "retweets_received")

    whole, before, after = retweets(), retweets(until=middle), retweets(since=middle)
    assert before and after
    assert {a: before.get(a, 0) + after.get(a, 0) for a in whole} == whole
    assert world.run("great-retweet", until=start.isoformat()) == []
    first = min(row["first_at"] for row in world.run("co-tweet", since=middle))
    assert first.to_native() >= datetime.fromisoformat(middle)


# --- command line ----------------------------------------------------------------------------


def test_run_prints_json_keyed_by_the_declared_columns(
    database: World, cli_env: dict[str, str]
) -> None:
    world = database
    scope = f"collections={world.collection}"
    result = CliRunner().invoke(app, ["run", "great-retweet", "--format", "json", "-p", scope])
    assert result.exit_code == 0, result.output
    rows = orjson.loads(result.stdout)
    assert len(rows) == len(world.run("great-retweet"))
    assert all(list(row) == list(investigation("great-retweet").columns) for row in rows)
    k = len(world.truth["operation"]["posters"])
    planted = planted_posters(world.truth)
    assert statistics.mean(row["account_id"] in planted for row in rows[:k]) >= 0.9


def test_run_refuses_an_ill_typed_parameter(database: World, cli_env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["run", "creation-bursts", "-p", "min_z=high"])
    assert result.exit_code == 1
    assert "min_z" in result.stderr and "Traceback" not in result.output
