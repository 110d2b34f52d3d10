"""Loading real files into the real Neo4j: exact counts, idempotency, rejects, strict mode."""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from infoops.connection import Graph
from infoops.errors import InputError
from infoops.loader import writer
from infoops.loader.load import drop_collection, load
from infoops.loader.writer import forget_measures, statement
from infoops.queries import investigation
from infoops.sample.generator import GeneratorConfig, generate
from tests.conftest import REPO, SHARED_DATA, empty_database

V1_SAMPLE = SHARED_DATA / "v1" / "rtweet_statuses.jsonl"
TWARC2_FLAT = SHARED_DATA / "twarc2" / "flat.jsonl"


def count(graph: Graph, pattern: str) -> int:
    return graph.query(f"MATCH {pattern} RETURN count(*) AS n")[0]["n"]


def all_counts(graph: Graph) -> dict[str, Any]:
    labels = ("Account", "Post", "Hashtag", "Url", "Domain", "Name")
    types = (
        "POSTED",
        "RETWEET_OF",
        "REPLY_TO",
        "QUOTES",
        "MENTIONS",
        "TAGGED",
        "LINKS",
        "LIKED",
        "USED_NAME",
        "RETWEETED",
        "LIKED_POST_OF",
        "REPLIED_TO",
        "MENTIONED",
        "QUOTED",
    )
    result: dict[str, Any] = {label: count(graph, f"(:{label})") for label in labels}
    result |= {kind: count(graph, f"()-[:{kind}]->()") for kind in types}
    result["derived_total"] = graph.query(
        """
        MATCH ()-[r:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->()
        RETURN sum(r.count) AS n
        """
    )[0]["n"]
    result["amplification"] = stored_amplification(graph)
    return result


AMPLIFICATION = (
    "amplifiers",
    "amplifiers_reused",
    "retweets_received",
    "likes_received",
    "amplified_posts",
    "first_amplified_at",
)


def stored_amplification(graph: Graph) -> dict[str, tuple[Any, ...]]:
    """The amplification statistics the loader derived, by account key (amplified ones only)."""
    rows = graph.query(
        "MATCH (a:Account) WHERE a.amplifiers IS NOT NULL OR a.amplified_posts IS NOT NULL "
        "RETURN a.key AS key, [p IN $names | a[p]] AS values",
        {"names": list(AMPLIFICATION)},
    )
    return {row["key"]: tuple(row["values"]) for row in rows}


def amplification_from_scratch(graph: Graph) -> dict[str, tuple[Any, ...]]:
    """The same statistics computed from the post level alone, ignoring the derived edges."""
    rows = graph.query(
        """
        MATCH (t:Account)
        CALL (t) {
          MATCH (amplifier:Account)-[:POSTED]->(rt:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(t)
          WHERE amplifier <> t
          RETURN amplifier, rt AS evidence, 1 AS retweet
          UNION
          MATCH (amplifier:Account)-[:LIKED]->(post:Post)<-[:POSTED]-(t)
          WHERE amplifier <> t
          RETURN amplifier, post AS evidence, 0 AS retweet
        }
        WITH t, amplifier, sum(retweet) AS retweets, count(*) - sum(retweet) AS likes
        WITH t, count(*) AS amplifiers, sum(retweets) AS retweets, sum(likes) AS likes,
             sum(CASE WHEN EXISTS {
                   MATCH (amplifier)-[:POSTED]->()-[:RETWEET_OF]->()<-[:POSTED]-(o:Account)
                   WHERE o <> t AND o <> amplifier }
                 OR EXISTS {
                   MATCH (amplifier)-[:LIKED]->(:Post)<-[:POSTED]-(o:Account)
                   WHERE o <> t AND o <> amplifier } THEN 1 ELSE 0 END) AS reused
        MATCH (t)-[:POSTED]->(post:Post)
        WHERE EXISTS { (post)<-[:RETWEET_OF]-(:Post)<-[:POSTED]-(a:Account) WHERE a <> t }
           OR EXISTS { (post)<-[:LIKED]-(a:Account) WHERE a <> t }
        WITH t, amplifiers, reused, retweets, likes, post,
             CASE WHEN post.created_at IS NOT NULL THEN post.created_at
                  ELSE apoc.coll.min(
                    COLLECT { MATCH (post)<-[:RETWEET_OF]-(r:Post) RETURN r.created_at }
                    + COLLECT { MATCH (post)<-[l:LIKED]-() RETURN l.at }) END AS at
        WITH t, amplifiers, reused, retweets, likes, count(post) AS posts, min(at) AS first
        RETURN t.key AS key, [amplifiers, reused, retweets, likes, posts, first] AS values
        """
    )
    return {row["key"]: tuple(row["values"]) for row in rows}


def v1_statuses(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)


def embedded_items(status: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A status and every status nested in it (retweeted, quoted, quoted-in-retweeted)."""
    yield status
    for key in ("retweeted_status", "quoted_status"):
        if status.get(key):
            yield from embedded_items(status[key])


def expected_v1_graph(path: Path) -> dict[str, int]:
    """What the v1.1 sample must give, computed straight from the JSON (not by the parser)."""
    posts: set[str] = set()
    accounts: set[str] = set()
    retweets = replies = 0
    for status in v1_statuses(path):
        for item in embedded_items(status):
            posts.add(item["id_str"])
            accounts.add(item["user"]["id_str"])
            # A quote or reply of a tweet that is not in the file still points at it (stub).
            for referenced in ("in_reply_to_status_id_str", "quoted_status_id_str"):
                if item.get(referenced):
                    posts.add(item[referenced])
            if item.get("in_reply_to_user_id_str"):
                accounts.add(item["in_reply_to_user_id_str"])
            if "retweeted_status" not in item:
                entities = (item.get("extended_tweet") or {}).get("entities") or item["entities"]
                accounts.update(m["id_str"] for m in entities.get("user_mentions", []))
        retweets += "retweeted_status" in status
    # A quote of a tweet missing from the file names its author only in the permalink.
    known_names = {
        item["user"]["screen_name"].lower()
        for status in v1_statuses(path)
        for item in embedded_items(status)
    }
    for status in v1_statuses(path):
        for item in embedded_items(status):
            if item.get("quoted_status_id_str") and not item.get("quoted_status"):
                link = (item.get("quoted_status_permalink") or {}).get("expanded", "")
                name = link.split("/")[3].lower() if link.count("/") >= 5 else None
                if name and name not in known_names:
                    known_names.add(name)
                    accounts.add("@" + name)
    seen_ids: set[str] = set()
    for status in v1_statuses(path):
        for item in embedded_items(status):
            if item["id_str"] in seen_ids:
                continue
            seen_ids.add(item["id_str"])
            replies += bool(item.get("in_reply_to_status_id_str"))
    return {
        "posts": len(posts),
        "accounts": len(accounts),
        "retweets": retweets,
        "replies": replies,
    }


def test_v1_sample_gives_exact_counts(graph: Graph) -> None:
    report = load(graph, [V1_SAMPLE], "rstats")
    expected = expected_v1_graph(V1_SAMPLE)
    assert report.rejects == []
    assert count(graph, "(:Post)") == expected["posts"]
    assert count(graph, "(:Account)") == expected["accounts"]
    assert count(graph, "(:Post {kind: 'retweet'})") == expected["retweets"]
    assert count(graph, "()-[:REPLY_TO]->()") == expected["replies"]
    # Every retweet in the file is behind exactly one unit of RETWEETED count
    # (minus self-retweets, which carry no account-level edge).
    self_retweets = sum(
        1
        for s in v1_statuses(V1_SAMPLE)
        if "retweeted_status" in s
        and s["retweeted_status"]["user"]["id_str"] == s["user"]["id_str"]
    )
    total = graph.query("MATCH ()-[r:RETWEETED]->() RETURN sum(r.count) AS n")[0]["n"]
    assert total == expected["retweets"] - self_retweets


def test_loading_twice_changes_nothing(graph: Graph) -> None:
    load(graph, [V1_SAMPLE, TWARC2_FLAT], "mixed")
    first = all_counts(graph)
    second_report = load(graph, [V1_SAMPLE, TWARC2_FLAT], "mixed", reload=True)
    assert all_counts(graph) == first
    assert sum(second_report.nodes_added.values()) == 0
    assert sum(second_report.relationships_added.values()) == 0
    assert second_report.accounts_seen_again > 0
    skipped = load(graph, [V1_SAMPLE], "mixed")
    assert skipped.files[0].skipped and skipped.records == 0


def test_a_file_refused_as_a_whole_is_read_again(graph: Graph, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("handle,platform\nbob,twitter\n", encoding="utf-8")
    first = load(graph, [people, V1_SAMPLE], "refused", rejects_dir=tmp_path)
    assert first.files[0].refused and "no known format" in first.files[0].refused
    assert first.files[1].records > 0
    # Not loaded, so read again (and refused again); the sample was loaded, so skipped.
    again = load(graph, [people, V1_SAMPLE], "refused", rejects_dir=tmp_path)
    assert not again.files[0].skipped and again.files[0].refused
    assert [str(r) for r in again.rejects] == [str(r) for r in first.rejects]
    assert again.files[1].skipped and again.records == 0
    loads = graph.query(statement("collections"), {"name": "refused"})[0]["loads"]
    assert [[f["refused"] for f in attempt["files"]] for attempt in loads] == [[True, False]] * 2
    # Fixed in place: the new content loads.
    people.write_text("platform,account_id,screen_name\ntwitter,7,bob\n", encoding="utf-8")
    fixed = load(graph, [people], "refused", rejects_dir=tmp_path)
    assert fixed.records == 1 and not fixed.rejects


def test_overlapping_collections_share_nodes(graph: Graph, tmp_path: Path) -> None:
    lines = V1_SAMPLE.read_bytes().splitlines(keepends=True)
    first, second = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    first.write_bytes(b"".join(lines[:300]))
    second.write_bytes(b"".join(lines[200:]))
    load(graph, [first], "day1")
    load(graph, [second], "day2")
    overlapping = all_counts(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    load(graph, [V1_SAMPLE], "whole")
    assert all_counts(graph) == overlapping


def test_gzip_input_gives_the_same_graph(graph: Graph, tmp_path: Path) -> None:
    load(graph, [V1_SAMPLE], "plain")
    plain = all_counts(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    compressed = tmp_path / "statuses.jsonl.gz"
    with open(V1_SAMPLE, "rb") as source, gzip.open(compressed, "wb") as target:
        shutil.copyfileobj(source, target)
    load(graph, [compressed], "gz")
    assert all_counts(graph) == plain


def test_bad_lines_are_rejected_with_file_and_line(graph: Graph, tmp_path: Path) -> None:
    lines = V1_SAMPLE.read_bytes().splitlines(keepends=True)[:50]
    broken = tmp_path / "broken.jsonl"
    body = lines[:10] + [b'{"id_str": "1", "text": \n'] + lines[10:20] + [b"\xff\xfe garbage\n"]
    broken.write_bytes(b"".join(body + lines[20:]))
    report = load(graph, [broken], "broken", rejects_dir=tmp_path)
    assert [(Path(r.path).name, r.line) for r in report.rejects] == [
        ("broken.jsonl", 11),
        ("broken.jsonl", 22),
    ]
    assert report.rejects_path is not None
    written = [orjson.loads(line) for line in report.rejects_path.read_bytes().splitlines()]
    assert [w["line"] for w in written] == [11, 22]
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(b"".join(lines))
    counts_with_rejects = all_counts(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    load(graph, [clean], "clean")
    assert all_counts(graph) == counts_with_rejects, "a bad line must lose nothing else"


def test_strict_mode_stops_before_the_failing_batch(graph: Graph, tmp_path: Path) -> None:
    lines = V1_SAMPLE.read_bytes().splitlines(keepends=True)
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"".join(lines[:100] + [b"not json\n"] + lines[100:200]))
    with pytest.raises(InputError, match=r"broken\.jsonl:101"):
        load(graph, [broken], "strict", strict=True, batch_records=40, rejects_dir=tmp_path)
    # Batches before the bad line are committed; nothing after it.
    committed = {r["id"] for r in graph.query("MATCH (p:Post {seen: true}) RETURN p.id AS id")}
    before_bad_line = {
        item["id_str"]
        for status in map(orjson.loads, lines[:100])
        for item in embedded_items(status)
    }
    assert committed and committed <= before_bad_line
    status = graph.query("MATCH (l:Load {collection: 'strict'}) RETURN l.status AS s")[0]["s"]
    assert status == "failed"
    # Re-running without the bad line completes the load.
    fixed = tmp_path / "broken.jsonl"
    fixed.write_bytes(b"".join(lines[:200]))
    load(graph, [fixed], "strict")
    graph_after_fix = all_counts(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    load(graph, [fixed], "strict")
    assert all_counts(graph) == graph_after_fix


def test_empty_and_wrong_format_files_are_reported(graph: Graph, tmp_path: Path) -> None:
    empty = SHARED_DATA / "twarc2" / "empty.json"
    wrong = tmp_path / "notes.txt"
    wrong.write_text("just some words\nnot a collection\n")
    report = load(graph, [empty, wrong, V1_SAMPLE], "mixed", rejects_dir=tmp_path)
    reasons = {Path(r.path).name: r.reason for r in report.rejects}
    assert "empty" in reasons["empty.json"]
    assert "notes.txt" in reasons
    assert count(graph, "(:Post)") == expected_v1_graph(V1_SAMPLE)["posts"]
    with pytest.raises(InputError, match=r"notes\.txt"):
        load(graph, [wrong], "strict", strict=True)


def overlapping_pieces(folder: Path, seed: int) -> dict[str, Path]:
    """A generated world cut into overlapping files: two of its tweets, two of its likes and
    other interactions, and its accounts."""
    world = folder / "world"
    generate(GeneratorConfig.small(seed=seed), world)
    tweets = (world / "tweets.jsonl").read_bytes().splitlines(keepends=True)
    interactions = (world / "interactions.csv").read_bytes().splitlines(keepends=True)
    header, rows = interactions[0], interactions[1:]
    pieces = {
        "tweets-early": tweets[: len(tweets) * 2 // 3],
        "tweets-late": tweets[len(tweets) // 3 :],
        "interactions-a": [header, *rows[: len(rows) * 2 // 3]],
        "interactions-b": [header, *rows[len(rows) // 2 :]],
    }
    files = {"accounts": world / "accounts.csv"}
    for name, lines in pieces.items():
        files[name] = folder / f"{name}{'.jsonl' if name.startswith('tweets') else '.csv'}"
        files[name].write_bytes(b"".join(lines))
    return files


PIECE_ORDERS = (
    ["interactions-b", "tweets-late", "accounts", "interactions-a", "tweets-early"],
    ["accounts", "tweets-early", "interactions-a", "tweets-late", "interactions-b"],
)


def stored_activity(graph: Graph) -> dict[str, tuple[Any, ...]]:
    """What derive-activity stored, by account key: slots with their posts, written, given."""
    rows = graph.query(
        """
        MATCH (a:Account)
        RETURN a.key AS key,
               [i IN range(0, size(coalesce(a.activity_slots, [])) - 1)
                | [a.activity_slots[i], a.activity_counts[i]]] AS slots,
               a.posts_written AS written, a.acts_given AS given
        """
    )
    # An account that never posted nor amplified was never derived: nothing stored is zero.
    return {
        row["key"]: (sorted(map(tuple, row["slots"])), row["written"] or 0, row["given"] or 0)
        for row in rows
    }


def activity_from_scratch(graph: Graph) -> dict[str, tuple[Any, ...]]:
    """The same from the post level and the likes, ignoring what the loader derived."""
    rows = graph.query(
        """
        MATCH (a:Account)
        RETURN a.key AS key,
               COLLECT { MATCH (a)-[:POSTED]->(p:Post) WHERE p.created_at IS NOT NULL
                         RETURN p.created_at.epochSeconds / 900 } AS slots,
               COUNT { (a)-[:POSTED]->(p:Post) WHERE p.kind IN ['post', 'quote', 'reply'] }
                 AS written,
               COUNT { MATCH (a)-[:POSTED]->(r:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(b)
                       WHERE b <> a RETURN DISTINCT r } AS retweeted_posts,
               COUNT { MATCH (a)-[:LIKED]->(q:Post)<-[:POSTED]-(b) WHERE b <> a
                       RETURN DISTINCT q } AS liked_posts
        """
    )
    return {
        row["key"]: (
            sorted(Counter(row["slots"]).items()),
            row["written"],
            row["retweeted_posts"] + row["liked_posts"],
        )
        for row in rows
    }


def stored_content_scripts(graph: Graph) -> dict[str, str | None]:
    """Account.content_script, as derive-activity stored it, by account key."""
    rows = graph.query("MATCH (a:Account) RETURN a.key AS key, a.content_script AS script")
    return {row["key"]: row["script"] for row in rows}


def content_scripts_from_scratch(graph: Graph) -> dict[str, str | None]:
    """The same in Python from every post's script: the 10 newest posts with a script (one
    without a time first, ties by key), each voting once, a tie to the newer post's script."""
    rows = graph.query(
        """
        MATCH (a:Account)
        RETURN a.key AS key,
               COLLECT { MATCH (a)-[:POSTED]->(p:Post) WHERE p.script IS NOT NULL
                         RETURN [p.created_at, p.key, p.script] } AS posts
        """
    )
    scripts: dict[str, str | None] = {}
    for row in rows:
        dated = sorted(
            (p for p in row["posts"] if p[0] is not None), key=lambda p: p[1]
        )
        dated.sort(key=lambda p: p[0].to_native(), reverse=True)
        undated = sorted((p for p in row["posts"] if p[0] is None), key=lambda p: p[1])
        votes = [p[2] for p in (undated + dated)[:10] if p[2] != "none"]
        best, most = None, 0
        for script in votes:
            if votes.count(script) > most:
                best, most = script, votes.count(script)
        scripts[row["key"]] = best
    return scripts


def stored_display_scripts(graph: Graph) -> dict[str, str | None]:
    """Account.display_script, as the writer stored it with the display name."""
    rows = graph.query("MATCH (a:Account) RETURN a.key AS key, a.display_script AS script")
    return {row["key"]: row["script"] for row in rows}


def display_scripts_from_scratch(graph: Graph) -> dict[str, str | None]:
    """The same from each display name, with community-summary's own tests of the name."""
    text = (REPO / "infoops" / "queries" / "community-summary.cypher").read_text()
    tests = text[text.index("WHEN account.display_name =~") : text.index("ELSE null END AS script")]
    rows = graph.query(
        f"""
        MATCH (account:Account)
        RETURN account.key AS key,
               CASE WHEN account.display_name IS NULL THEN null {tests} ELSE 'none' END AS script
        """
    )
    return {row["key"]: row["script"] for row in rows}


def derived(graph: Graph) -> tuple[dict[str, Any], ...]:
    return (
        stored_amplification(graph),
        stored_activity(graph),
        stored_content_scripts(graph),
        stored_display_scripts(graph),
    )


def from_scratch(graph: Graph) -> tuple[dict[str, Any], ...]:
    return (
        amplification_from_scratch(graph),
        activity_from_scratch(graph),
        content_scripts_from_scratch(graph),
        display_scripts_from_scratch(graph),
    )


def test_derived_statistics_stay_exact_across_loads_in_any_order(
    graph: Graph, tmp_path: Path
) -> None:
    """Overlapping pieces of a generated world loaded in two orders, a reload and dropped
    collections: what the packs read unscoped (amplification, activity) always equals a
    computation from the post level."""
    files = overlapping_pieces(tmp_path, seed=29)
    finals = []
    # Packs whose answer could follow the order the store lists accounts in: cross-topic pairs
    # each amplifier with a sample of a post's; Leiden's pools depend on the order it meets
    # the posters in; cross-platform lists a group's accounts. The same in either order,
    # though the accounts were created in another.
    cross_topic = investigation("cross-topic")
    sampled = cross_topic.bind({"max_pair_amplifiers": 2, "min_topics": 1})
    pool_members = investigation("amplifier-pool-members")
    cross_platform = investigation("cross-platform")
    cross_topic_rows, pool_rows, platform_rows = [], [], []
    for order in PIECE_ORDERS:
        empty_database(graph)
        for name in order:
            load(graph, [files[name]], name)
            assert derived(graph) == from_scratch(graph), name
        finals.append(derived(graph))
        cross_topic_rows.append(graph.run_pack(cross_topic, sampled))
        pool_rows.append(graph.run_pack(pool_members, pool_members.bind({"min_amplifiers": 5})))
        platform_rows.append(graph.run_pack(cross_platform, cross_platform.bind({"loose": True})))
        amplification, activity, content, display = finals[-1]
        assert any(values[0] >= 5 for values in amplification.values()), "amplification"
        assert sum(len(slots) for slots, _, _ in activity.values()) > 100, "activity"
        assert len({script for script in content.values() if script}) > 1, "content scripts"
        assert len({script for script in display.values() if script}) > 1, "display scripts"
    assert finals[0] == finals[1]
    assert len(cross_topic_rows[0]) > 20 and cross_topic_rows[0] == cross_topic_rows[1]
    assert len({row["pool"] for row in pool_rows[0]}) > 1 and pool_rows[0] == pool_rows[1]
    assert platform_rows[0] and platform_rows[0] == platform_rows[1]
    load(graph, [files["tweets-late"]], "tweets-late", reload=True)
    assert derived(graph) == finals[1]
    for name in ("interactions-b", "tweets-early"):
        drop_collection(graph, name)
        assert derived(graph) == from_scratch(graph), name


def compare(graph: Graph, a: str, b: str, **parameters: Any) -> list[dict[str, Any]]:
    """compare's rows, unrounded."""
    pack = investigation("compare")
    given = {"collection_a": a, "collection_b": b, "decimals": None, **parameters}
    return graph.run_pack(pack, pack.bind(given))


def compare_live(graph: Graph, a: str, b: str) -> list[dict[str, Any]]:
    """compare's rows computed from the posts: the stored measures set aside for the run."""
    saved = graph.query("MATCH (c:Collection) RETURN c.name AS name, properties(c) AS props")
    forget_measures(graph)
    try:
        return compare(graph, a, b)
    finally:
        graph.query(
            "UNWIND $saved AS row MATCH (c:Collection {name: row.name}) SET c = row.props",
            {"saved": saved},
        )


def measured(graph: Graph) -> set[str]:
    rows = graph.query(
        "MATCH (c:Collection) WHERE c.measures_low_followers IS NOT NULL RETURN c.name AS name"
    )
    return {row["name"] for row in rows}


@pytest.fixture
def measure_every_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """These worlds are smaller than the loader measures: lower its threshold for the test."""
    monkeypatch.setattr(writer, "MEASURE_MIN_POSTS", 0)


def test_a_collection_under_the_threshold_is_not_measured_and_compare_computes_it(
    graph: Graph, tmp_path: Path
) -> None:
    files = overlapping_pieces(tmp_path, seed=29)
    empty_database(graph)
    report = load(graph, [files["tweets-early"]], "small")
    posts = graph.query("MATCH (c:Collection {name: 'small'}) RETURN c.posts AS posts")
    assert 0 < posts[0]["posts"] < writer.MEASURE_MIN_POSTS, report
    assert measured(graph) == set()
    rows = {row["metric"]: row["a"] for row in compare(graph, "small", "small")}
    assert rows["posts"] > 0 and rows["accounts"] > 0


@pytest.mark.usefixtures("measure_every_collection")
def test_compare_reads_measures_stored_at_load_time_that_equal_the_live_ones(
    graph: Graph, tmp_path: Path
) -> None:
    """Overlapping collections loaded one after another, reloaded and dropped: the last
    loaded collection's measures are stored, every other collection's are forgotten, and
    compare's answer from them is its answer from the posts, to the last bit."""
    files = overlapping_pieces(tmp_path, seed=31)
    empty_database(graph)
    loaded: list[str] = []

    def check(latest: str | None) -> None:
        assert measured(graph) == ({latest} if latest else set())
        # Each pair puts the stored side (latest) beside a live one (other) and compares the
        # whole answer with the live one: a pair of two unmeasured collections would only set
        # a live answer beside itself.
        for other in loaded:
            pair = (latest or other, other)
            assert compare(graph, *pair) == compare_live(graph, *pair), pair
        gds = graph.query("CALL gds.graph.list() YIELD graphName RETURN graphName")
        assert gds == []

    for name in PIECE_ORDERS[1]:
        load(graph, [files[name]], name)
        loaded.append(name)
        check(name)
    rows = {row["metric"]: row["a"] for row in compare(graph, "tweets-late", "tweets-late")}
    assert rows["posts"] > 100 and 0 < rows["modularity"] < 1 and rows["amplification_gini"] > 0
    load(graph, [files["tweets-late"]], "tweets-late", reload=True)
    check("tweets-late")
    drop_collection(graph, "interactions-a")
    loaded.remove("interactions-a")
    check(None)
    load(graph, [files["interactions-a"]], "interactions-a")
    loaded.append("interactions-a")
    check("interactions-a")


@pytest.mark.usefixtures("measure_every_collection")
def test_compare_uses_stored_measures_only_at_their_parameters(
    graph: Graph, tmp_path: Path
) -> None:
    """A stored measure (tampered with here, to tell it apart) is what compare reports with
    the defaults, and not once since, until or another parameter is given."""
    files = overlapping_pieces(tmp_path, seed=37)
    empty_database(graph)
    load(graph, [files["tweets-early"]], "tweets")
    graph.query("MATCH (c:Collection {name: 'tweets'}) SET c.measure_posts = -1")

    def posts(**parameters: Any) -> Any:
        rows = compare(graph, "tweets", "tweets", **parameters)
        return next(row["a"] for row in rows if row["metric"] == "posts")

    assert posts() == -1
    assert posts(decimals=4) == -1
    live = posts(since="1970-01-01T00:00:00Z")
    assert live > 0
    assert posts(until="2100-01-01T00:00:00Z") == live
    assert posts(low_followers=11) == live
    assert posts(creation_margin_days=31) == live
    forget_measures(graph)
    assert posts() == live
