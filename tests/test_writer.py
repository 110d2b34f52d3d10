"""The writer against the real Neo4j: idempotency, exact derived counts, names, placeholders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from infoops.analysis.names import account_names
from infoops.connection import Graph
from infoops.loader.load import drop_collection, load
from infoops.loader.records import AccountRecord, AccountRef, LikeRecord, PostRecord, Record
from infoops.loader.writer import Batch, Writer

T0 = datetime(2020, 5, 1, 12, 0, tzinfo=UTC)


def tw(account_id: str) -> AccountRef:
    return AccountRef("twitter", id=account_id)


def write(
    graph: Graph,
    collection: str,
    records: list[Record],
    batch_size: int = 3,
    profile_buffer: int = 0,
) -> None:
    writer = Writer(graph, collection, profile_buffer=profile_buffer)
    writer.ensure_schema()
    for start in range(0, len(records), batch_size):
        batch = Batch()
        batch.add(records[start : start + batch_size])
        writer.write(batch)
    writer.finish()


def snapshot(graph: Graph) -> dict[str, object]:
    """Every node and relationship with every property, as comparable data."""
    nodes = graph.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = graph.query(
        """
        MATCH (a)-[r]->(b)
        RETURN coalesce(a.key, a.name, a.url, a.id) AS a, type(r) AS type, properties(r) AS props,
               coalesce(b.key, b.name, b.url, b.id) AS b
        """
    )
    return {
        "nodes": sorted(canonical(n) for n in nodes),
        "rels": sorted(canonical(r) for r in rels),
    }


def canonical(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return repr(value)


def campaign() -> list[Record]:
    """Poster p1 posts twice; a1 and a2 retweet and like; a1 mentions p1 in a reply."""
    records: list[Record] = [
        AccountRecord("twitter", "p1", "poster", "Постер", followers=3, seen_at=T0),
        AccountRecord("twitter", "a1", "xK9qTz2m", "Амп", seen_at=T0),
        AccountRecord("twitter", "a2", "qq81bb0z", "放大", seen_at=T0),
    ]
    for n in (1, 2):
        records.append(
            PostRecord(
                "twitter",
                f"post{n}",
                tw("p1"),
                text=f"内容 {n}",
                created_at=T0,
                hashtags=["MilesGuo"],
                urls=["https://www.example.org/a"],
            )
        )
        for amp in ("a1", "a2"):
            records.append(
                PostRecord(
                    "twitter",
                    f"rt-{amp}-{n}",
                    tw(amp),
                    kind="retweet",
                    created_at=T0 + timedelta(minutes=n),
                    retweet_of=f"post{n}",
                    retweet_of_author=tw("p1"),
                )
            )
            records.append(LikeRecord("twitter", tw(amp), f"post{n}", tw("p1"), at=T0))
    records.append(
        PostRecord(
            "twitter",
            "reply1",
            tw("a1"),
            kind="reply",
            text="@poster 好",
            created_at=T0 + timedelta(hours=1),
            reply_to="post1",
            reply_to_author=tw("p1"),
            mentions=[tw("p1")],
        )
    )
    return records


def edge_counts(graph: Graph) -> dict[tuple[str, str, str], int]:
    rows = graph.query(
        """
        MATCH (a:Account)-[r:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->(b:Account)
        RETURN a.id AS a, type(r) AS type, b.id AS b, r.count AS count
        """
    )
    return {(row["a"], row["type"], row["b"]): row["count"] for row in rows}


def test_derived_edges_are_exact(graph: Graph) -> None:
    write(graph, "c1", campaign())
    assert edge_counts(graph) == {
        ("a1", "RETWEETED", "p1"): 2,
        ("a2", "RETWEETED", "p1"): 2,
        ("a1", "LIKED_POST_OF", "p1"): 2,
        ("a2", "LIKED_POST_OF", "p1"): 2,
        ("a1", "REPLIED_TO", "p1"): 1,
        ("a1", "MENTIONED", "p1"): 1,
    }
    assert graph.query("MATCH (a:StaleEdges) RETURN count(a) AS n")[0]["n"] == 0


def test_writing_twice_changes_nothing(graph: Graph) -> None:
    write(graph, "c1", campaign())
    first = snapshot(graph)
    write(graph, "c1", campaign(), batch_size=5)
    assert snapshot(graph) == first


def test_load_order_does_not_matter(graph: Graph) -> None:
    records = campaign()
    write(graph, "c1", list(reversed(records)), batch_size=2)
    reversed_snapshot = snapshot(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    write(graph, "c1", records, batch_size=4)
    assert snapshot(graph) == reversed_snapshot


def minute_and_second_sightings() -> tuple[list[Record], list[Record]]:
    """One post and a retweet of it as a v1.1 capture gives them (to the second, the whole
    text) and as the IO and IRA CSVs give them (to the minute, the text cut short), and a like
    without a time (liking-users)."""
    original, retweet = T0 + timedelta(seconds=35), T0 + timedelta(seconds=95)

    def sighting(original_at: datetime, retweet_at: datetime, text: str) -> list[Record]:
        return [
            PostRecord("twitter", "o1", tw("a1"), text=text, created_at=original_at),
            PostRecord(
                "twitter",
                "r1",
                tw("a2"),
                kind="retweet",
                created_at=retweet_at,
                retweet_of="o1",
                retweet_of_author=tw("a1"),
            ),
        ]

    cut = sighting(original.replace(second=0), retweet.replace(second=0), "Привет, 世界 😀 th…")
    like = LikeRecord("twitter", tw("a3"), "o1", tw("a1"))
    return [*sighting(original, retweet, "Привет, 世界 😀 the whole text"), like], [*cut, like]


def test_the_precise_time_and_the_whole_text_win_in_any_load_order(graph: Graph) -> None:
    seconds, minutes = minute_and_second_sightings()
    snapshots = []
    for first, then in ((seconds, minutes), (minutes, seconds), (seconds + minutes, [])):
        graph.query("MATCH (n) DETACH DELETE n")
        write(graph, "c1", first)
        if then:
            write(graph, "c1", then)
        texts = graph.query("MATCH (p:Post {id: 'o1'}) RETURN p.text AS text, p.script AS script")
        # (The cut text has more Cyrillic letters than Latin ones: its script would differ.)
        assert texts == [{"text": "Привет, 世界 😀 the whole text", "script": "Latin"}]
        times = graph.query(
            """
            MATCH (p:Post) RETURN p.id AS id, p.created_at AS at ORDER BY id
            UNION ALL
            MATCH (:Account {id: 'a3'})-[l:LIKED_POST_OF]->() RETURN 'like' AS id, l.first_at AS at
            """
        )
        assert [(row["id"], row["at"].to_native()) for row in times] == [
            ("o1", T0 + timedelta(seconds=35)),
            ("r1", T0 + timedelta(seconds=95)),
            ("like", T0 + timedelta(seconds=35)),
        ]
        snapshots.append(snapshot(graph))
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_overlapping_collection_adds_provenance_only(graph: Graph) -> None:
    records = campaign()
    write(graph, "day1", records[:8])
    write(graph, "day2", records[4:])
    rows = graph.query("MATCH (a:Account {id: 'a1'}) RETURN a.collections AS c")
    assert sorted(rows[0]["c"]) == ["day1", "day2"]
    assert edge_counts(graph)[("a1", "RETWEETED", "p1")] == 2
    assert graph.query("MATCH (a:Account) RETURN count(a) AS n")[0]["n"] == 3


def test_rename_becomes_name_history(graph: Graph) -> None:
    old = AccountRecord(
        "twitter", "v1", "crypto_fan", "Crypto Fan", verified=True, followers=90000, seen_at=T0
    )
    new = AccountRecord(
        "twitter",
        "v1",
        "elonmusk_giveaway",
        "Elon Musk",
        verified=True,
        followers=91000,
        seen_at=T0 + timedelta(days=3),
    )
    write(graph, "c1", [new])
    write(graph, "c2", [old])  # older sighting loaded later must not win the profile
    account = graph.query("MATCH (a:Account {id: 'v1'}) RETURN a")[0]["a"]
    assert account["screen_name"] == "elonmusk_giveaway"
    assert account["display_name"] == "Elon Musk"
    assert account["followers"] == 91000
    names = graph.query(
        """
        MATCH (:Account {id: 'v1'})-[u:USED_NAME]->(n:Name)
        RETURN n.kind AS kind, n.value AS value, u.first_seen AS first, u.last_seen AS last
        ORDER BY kind, first
        """
    )
    assert [(n["kind"], n["value"]) for n in names] == [
        ("display_name", "Crypto Fan"),
        ("display_name", "Elon Musk"),
        ("screen_name", "crypto_fan"),
        ("screen_name", "elonmusk_giveaway"),
    ]
    assert graph.query("MATCH (a:Account) RETURN count(a) AS n")[0]["n"] == 1


def test_screen_name_placeholder_is_merged_when_the_id_appears(graph: Graph) -> None:
    retweet = PostRecord(
        "twitter",
        "ira-1",
        tw("troll1"),
        kind="retweet",
        created_at=T0,
        retweet_of="ira-rt:original",
        retweet_of_author=AccountRef("twitter", screen_name="Orig"),
    )
    write(graph, "ira", [AccountRecord("twitter", "troll1", "troll1", seen_at=T0), retweet])
    assert graph.query("MATCH (a:Account {key: 'twitter:@orig'}) RETURN count(a) AS n")[0]["n"] == 1
    write(graph, "ira", [AccountRecord("twitter", "42", "orig", "Original", seen_at=T0)])
    keys = sorted(row["key"] for row in graph.query("MATCH (a:Account) RETURN a.key AS key"))
    assert keys == ["twitter:42", "twitter:troll1"]
    assert edge_counts(graph) == {("troll1", "RETWEETED", "42"): 1}
    # And a later reference by the same name resolves straight to the real account.
    again = PostRecord(
        "twitter",
        "ira-2",
        tw("troll1"),
        kind="retweet",
        created_at=T0,
        retweet_of="ira-rt:other",
        retweet_of_author=AccountRef("twitter", screen_name="ORIG"),
    )
    write(graph, "ira", [again])
    assert edge_counts(graph) == {("troll1", "RETWEETED", "42"): 2}


def test_late_author_updates_edges_of_earlier_retweeters(graph: Graph) -> None:
    anonymous = PostRecord(
        "twitter", "rt1", tw("amp"), kind="retweet", created_at=T0, retweet_of="orig1"
    )
    write(graph, "c1", [AccountRecord("twitter", "amp", "amp", seen_at=T0), anonymous])
    assert edge_counts(graph) == {}
    original = PostRecord("twitter", "orig1", tw("star"), text="hi", created_at=T0)
    write(graph, "c2", [AccountRecord("twitter", "star", "star", seen_at=T0), original])
    assert edge_counts(graph) == {("amp", "RETWEETED", "star"): 1}


def test_unicode_round_trips_byte_exact(graph: Graph) -> None:
    texts = [
        "郭文贵 新中国联邦 🇨🇳",
        "Александр Пушкин",
        "مرحبا بالعالم",
        "emoji 👩‍👩‍👧 mix",
        "a\u200db",
    ]
    records: list[Record] = [AccountRecord("twitter", "u", "u", texts[1], seen_at=T0)]
    records += [
        PostRecord("twitter", f"t{i}", tw("u"), text=text, created_at=T0)
        for i, text in enumerate(texts)
    ]
    write(graph, "c1", records)
    stored = graph.query("MATCH (p:Post) RETURN p.id AS id, p.text AS text ORDER BY id")
    assert [row["text"] for row in stored] == texts
    assert all(row["text"].encode() == texts[i].encode() for i, row in enumerate(stored))


def test_profiles_buffered_across_batches_give_the_same_graph(graph: Graph) -> None:
    """The loader folds profiles across batches; a rename mid-stream must still be history."""
    records = [
        *campaign(),
        AccountRecord("twitter", "a1", "renamed_a1", "Амп 2", seen_at=T0 + timedelta(days=1)),
        PostRecord("twitter", "late", AccountRef("twitter", screen_name="renamed_a1"),
                   created_at=T0 + timedelta(days=1)),
        AccountRecord("twitter", "a2", "qq81bb0z", "放大", seen_at=T0 - timedelta(days=1)),
    ]
    write(graph, "c", records)
    unbuffered = snapshot(graph)
    graph.query("MATCH (n) DETACH DELETE n")
    write(graph, "c", records, profile_buffer=1000)
    assert snapshot(graph) == unbuffered
    renamed = graph.query(
        "MATCH (a:Account {key: 'twitter:a1'}) RETURN a.screen_name AS now, "
        "COUNT { (a)-[:USED_NAME]->(:Name {kind: 'screen_name'}) } AS names, "
        "COUNT { (a)-[:POSTED]->(:Post {id: 'late'}) } AS late_posts"
    )[0]
    assert renamed == {"now": "renamed_a1", "names": 2, "late_posts": 1}
    assert graph.query("MATCH (a:Account) WHERE a.key STARTS WITH 'twitter:@' RETURN a") == []


def test_dropping_a_collection_drops_the_likes_only_it_saw(
    graph: Graph, tmp_path: Path
) -> None:
    def interactions(name: str, *rows: str) -> Path:
        path = tmp_path / f"{name}.csv"
        path.write_text("platform,source,target,type,post_id,time\n" + "".join(
            f"telegram,{row},2020-05-01T12:00:00Z\n" for row in rows
        ))
        return path

    retweets = ("a1,p1,retweet,post1", "a2,p1,retweet,post2")
    load(graph, [interactions("with", *retweets, "a1,p1,like,post1", "a2,p1,like,post2")], "with")
    load(graph, [interactions("without", *retweets)], "without")
    load(graph, [interactions("both", "a1,p1,like,post1")], "both")
    drop_collection(graph, "with")
    likes = graph.query(
        "MATCH (a:Account)-[l:LIKED]->(p:Post) RETURN a.id AS who, p.id AS post, "
        "l.collections AS collections"
    )
    assert likes == [{"who": "a1", "post": "post1", "collections": ["both"]}]
    assert {key: n for key, n in edge_counts(graph).items() if key[1] == "LIKED_POST_OF"} == {
        ("a1", "LIKED_POST_OF", "p1"): 1
    }
    assert graph.query("MATCH (a:Account {id: 'a2'}) RETURN a.collections AS c") == [
        {"c": ["without"]}
    ]


def test_name_scores_follow_the_newest_profile(graph: Graph) -> None:
    old = AccountRecord("twitter", "v1", "crypto_fan", "Crypto Fan", seen_at=T0)
    new = AccountRecord("twitter", "v1", "xK9qTz2mW", "Иван", seen_at=T0 + timedelta(days=3))
    write(graph, "c1", [new])
    write(graph, "c2", [old])  # the older profile, loaded later, does not win
    write(graph, "c3", [PostRecord("twitter", "p1", tw("v1"), text="RT @x: Привет http://t.co")])
    account = graph.query("MATCH (a:Account {id: 'v1'}) RETURN a")[0]["a"]
    expected = account_names("xK9qTz2mW", "Иван")
    assert {key: account[key] for key in expected} == expected
    assert account["several_names"] is True
    assert graph.query("MATCH (p:Post {id: 'p1'}) RETURN p.script AS s")[0]["s"] == "Cyrillic"
    names = graph.query("MATCH (n:Name) RETURN n.value AS value, n.value_key AS key")
    assert {(n["value"], n["key"]) for n in names} == {
        ("crypto_fan", "cryptofan"), ("Crypto Fan", "cryptofan"),
        ("xK9qTz2mW", "xk9qtz2mw"), ("Иван", "иван"),
    }  # fmt: skip
    write(graph, "c4", [AccountRecord("twitter", "o1", "once", "Once", seen_at=T0)])
    assert graph.query("MATCH (a:Account {id: 'o1'}) RETURN a.several_names AS s")[0]["s"] is None


def test_posts_acted_on_are_marked_and_an_older_graph_gets_the_marks_at_the_next_load(
    graph: Graph,
) -> None:
    """The writer marks every post someone retweeted, liked, replied to or quoted, and only
    those; a graph an older infoops wrote (no marks, a collection without acts_marked) gets
    the same marks when the writer finishes its next load."""
    write(graph, "c1", campaign())
    acted_on = """
        MATCH (p:Post)
        RETURN p.key AS key, p.acted_on AS marked,
               EXISTS { (p)<-[:RETWEET_OF|REPLY_TO|QUOTES|LIKED]-() } AS acted
        ORDER BY key
    """
    marks = graph.query(acted_on)
    assert any(row["acted"] for row in marks) and not all(row["acted"] for row in marks)
    assert all(row["marked"] is (True if row["acted"] else None) for row in marks)
    graph.query("CREATE (:Collection {name: 'c1'})")
    graph.query("MATCH (p:Post) REMOVE p.acted_on")
    write(graph, "c2", [AccountRecord("twitter", "new", "newcomer", "New", seen_at=T0)])
    assert graph.query(acted_on) == marks
    assert graph.query("MATCH (c:Collection) RETURN c.acts_marked AS marked") == [
        {"marked": True}
    ]


def test_a_collection_without_scores_gets_them_at_the_next_load(graph: Graph) -> None:
    """What an older infoops loaded (no scores, a collection without names_scored) is scored
    when the writer finishes its next load."""
    write(graph, "c1", campaign())
    graph.query("CREATE (:Collection {name: 'c1'})")
    scored = snapshot(graph)
    graph.query(
        """
        MATCH (n) WHERE n:Account OR n:Name OR n:Post OR n:Collection
        REMOVE n.handle_score, n.handle_kind, n.handle_key, n.name_script, n.display_key,
               n.several_names, n.value_key, n.script, n.format, n.names_scored,
               n.formats_scored
        """
    )
    assert snapshot(graph) != scored
    write(graph, "c2", [AccountRecord("twitter", "new", "newcomer", "New", seen_at=T0)])
    graph.query("MATCH (a:Account {id: 'new'}) DETACH DELETE a")
    graph.query("MATCH (n:Name) WHERE NOT EXISTS { (n)--() } DELETE n")
    after = snapshot(graph)
    marked = graph.query(
        "MATCH (c:Collection) RETURN c.names_scored AND c.formats_scored AS marked"
    )
    assert [row["marked"] for row in marked] == [True]
    graph.query("MATCH (c:Collection) REMOVE c.names_scored, c.formats_scored")
    assert [n for n in after["nodes"] if "Collection" not in n] == [
        n for n in scored["nodes"] if "Collection" not in n
    ]
    assert after["rels"] == scored["rels"]
