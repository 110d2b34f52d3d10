"""The name, time, topic, platform, comparison and evidence packs, against the real Neo4j.

Hand-made accounts pin the exact answers (handle scores, scripts, evidence rows); synthetic
worlds of two sizes and three seeds score the packs against their planted truth with fixed
thresholds. The worlds are the ones test_investigations_core loads, so a database state one
module leaves behind is reused by the other. The module fixture adds, for the time of the
module and undone afterwards, what the truth says about each account: a `truth_group`
property and two collections holding the operation's and the organic accounts and posts.
Hand-made tests write into their own collection and delete it again, so the world stays the
database's only content.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infoops.connection import Graph
from infoops.loader.records import AccountRecord, AccountRef, LikeRecord, PostRecord, Record
from infoops.loader.writer import Batch, Writer, derive_account_edges
from infoops.queries import investigation, investigations
from infoops.sample.generator import GeneratorConfig
from tests.worlds import browser, days_into_window, load_worlds, operation_accounts

SMALL_A = GeneratorConfig.small(3)
SMALL_B = GeneratorConfig.small(17)
REFERENCE = GeneratorConfig.reference(5)
# The worlds loaded together, and which one a case examines (as in test_investigations_core).
CASES: dict[str, tuple[list[GeneratorConfig], int]] = {
    "reference-5": ([REFERENCE], 0),
    "small-3": ([SMALL_A, SMALL_B], 0),
    "small-17": ([SMALL_A, SMALL_B], 1),
}
OPERATION = "test-operation"
ORGANIC = "test-organic"
# The platform's default handle: a name cut to seven letters and eight digits.
DEFAULT_HANDLE = re.compile(r"[A-Za-z][A-Za-z_]{0,6}[0-9]{8}")
T0 = datetime(2020, 5, 4, 12, 0, tzinfo=UTC)


@dataclass
class World:
    graph: Graph
    truth: dict[str, Any]

    @property
    def collection(self) -> str:
        return self.truth["collection"]

    @property
    def planted(self) -> set[str]:
        return operation_accounts(self.truth)

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        pack = investigation(name)
        scope = {"collections": [self.collection]} if "collections" in pack.parameters else {}
        return self.graph.run_pack(pack, pack.bind({**scope, **parameters}))


@pytest.fixture(scope="module", params=list(CASES))
def world(
    request: pytest.FixtureRequest,
    session_graph: Graph,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[World]:
    configs, examined = CASES[request.param]
    truths = load_worlds(session_graph, configs, tmp_path_factory.getbasetemp() / "worlds")
    world = World(session_graph, truths[examined])
    mark_truth(world)
    yield world
    unmark_truth(world)


def mark_truth(world: World) -> None:
    """truth_group on the accounts; the operation and organic parts as collections."""
    world.graph.query(
        """
        MATCH (a:Account) WHERE $collection IN a.collections
        WITH a, a.id IN $planted AS planted
        SET a.truth_group = CASE WHEN planted THEN 'operation' ELSE 'organic' END,
            a.collections = a.collections + CASE WHEN planted THEN $operation ELSE $organic END
        WITH a, planted
        MATCH (a)-[:POSTED]->(p:Post) WHERE $collection IN p.collections
        SET p.collections = p.collections + CASE WHEN planted THEN $operation ELSE $organic END
        """,
        {
            "collection": world.collection,
            "planted": sorted(world.planted),
            "operation": OPERATION,
            "organic": ORGANIC,
        },
    )


def unmark_truth(world: World) -> None:
    for label in ("Account", "Post"):
        world.graph.query(
            f"""
            MATCH (n:{label}) WHERE $operation IN n.collections OR $organic IN n.collections
            SET n.collections = [c IN n.collections WHERE NOT c IN [$operation, $organic]]
            REMOVE n.truth_group
            """,
            {"operation": OPERATION, "organic": ORGANIC},
        )


def declared_columns(name: str) -> set[str]:
    return set(investigation(name).columns)


def precision_at(rows: list[dict[str, Any]], relevant: set[str], k: int) -> float:
    return sum(row["account_id"] in relevant for row in rows[:k]) / k


# --- hand-made graphs --------------------------------------------------------------------------


@pytest.fixture
def handmade(session_graph: Graph) -> Iterator[tuple[Graph, str]]:
    """A collection of its own, written with the loader's writer and deleted afterwards."""
    collection = f"handmade-{uuid.uuid4().hex[:8]}"
    yield session_graph, collection
    session_graph.query(
        """
        MATCH (n) WHERE (n:Account OR n:Post) AND $collection IN n.collections
        DETACH DELETE n
        """,
        {"collection": collection},
    )


def write(graph: Graph, collection: str, records: list[Record]) -> None:
    writer = Writer(graph, collection)
    writer.ensure_schema()
    batch = Batch()
    batch.add(records)
    writer.write(batch)
    derive_account_edges(graph)


def run(graph: Graph, name: str, **parameters: Any) -> list[dict[str, Any]]:
    pack = investigation(name)
    return graph.run_pack(pack, pack.bind(parameters))


def tw(account_id: str) -> AccountRef:
    return AccountRef("twitter", id=account_id)


def account(handle: str, display: str | None = None, **fields: Any) -> AccountRecord:
    return AccountRecord("twitter", handle, handle, display or handle, seen_at=T0, **fields)


RANDOM_HANDLES = ("xK9qTz2mWb", "qq81bb0z", "Kq8zT3mp91", "ZtR4wq7LpX2")
HUMAN_HANDLES = (
    "john_smith", "maria1987", "KatyPerry", "elonmusk", "BBCBreaking", "TheRealDonaldTrump",
    "sophie_king", "Schmidt", "AOC",
)


def test_handle_score_separates_password_handles_from_names(
    handmade: tuple[Graph, str],
) -> None:
    graph, collection = handmade
    handles = (*RANDOM_HANDLES, *HUMAN_HANDLES, "JohnSmi12345678")
    write(graph, collection, [account(handle) for handle in handles])
    rows = {
        row["screen_name"]: row
        for row in run(graph, "name-patterns", collections=[collection], flagged_only=False)
    }
    assert set(next(iter(rows.values()))) == declared_columns("name-patterns")
    for handle in RANDOM_HANDLES:
        assert rows[handle]["handle_pattern"] == "password", rows[handle]
    for handle in HUMAN_HANDLES:
        assert rows[handle]["handle_score"] < 0.4, rows[handle]
    assert min(rows[h]["handle_score"] for h in RANDOM_HANDLES) > 0.8
    assert rows["maria1987"]["handle_pattern"] == "name_digits"
    assert rows["john_smith"]["handle_pattern"] == "name"
    # The platform default is its own pattern: its eight digits do not make it random.
    assert rows["JohnSmi12345678"]["handle_pattern"] == "default"
    assert rows["JohnSmi12345678"]["handle_score"] < 0.4


def test_display_name_scripts_and_content_mismatch(handmade: tuple[Graph, str]) -> None:
    graph, collection = handmade
    names = {
        "ru": ("Иван Петров", "Cyrillic"),
        "zh": ("郭文贵", "Han"),
        "ja": ("田中ひろし", "Kana"),
        "ko": ("김민준", "Hangul"),
        "ar": ("محمد علي", "Arabic"),
        "el": ("Γιώργος", "Greek"),
        "he": ("דוד כהן", "Hebrew"),
        "th": ("สมชาย", "Thai"),
        "hi": ("राहुल", "Devanagari"),
        "en": ("Katy Perry 🎤", "Latin"),
        "mixed": ("Ivan Иванов", "mixed"),
        "emoji": ("🚀🚀", "none"),
    }
    records: list[Record] = [account(handle, display) for handle, (display, _) in names.items()]
    texts = {
        # A Cyrillic name pushing Chinese; one English post does not outvote two Chinese ones.
        "ru": ["【揭穿郭文贵】郭文贵满嘴谎言 #MilesGuo https://t.co/x", "香港必须稳定 @someone",
               "What a lovely day in the park with everyone"],
        "en": ["New album out now", "See you all on tour", "RT @fan: 好听"],
    }
    for handle, posts in texts.items():
        for number, text in enumerate(posts):
            records.append(
                PostRecord(
                    "twitter", f"{handle}-{number}", tw(handle), text=text,
                    created_at=T0 + timedelta(minutes=number),
                )
            )
    write(graph, collection, records)
    rows = {
        row["screen_name"]: row
        for row in run(graph, "name-patterns", collections=[collection], flagged_only=False)
    }
    assert {handle: rows[handle]["name_script"] for handle in names} == {
        handle: script for handle, (_, script) in names.items()
    }
    assert rows["ru"]["content_script"] == "Han" and rows["ru"]["mismatch"] is True
    assert rows["en"]["content_script"] == "Latin" and rows["en"]["mismatch"] is False
    assert rows["zh"]["content_script"] is None and rows["zh"]["mismatch"] is False


def test_evidence_lists_exactly_the_acts_behind_the_edges(handmade: tuple[Graph, str]) -> None:
    graph, collection = handmade
    records: list[Record] = [account("hm_poster"), account("hm_fan"), account("hm_bystander")]
    for n in (1, 2):
        records.append(PostRecord("twitter", f"post{n}", tw("hm_poster"), text=f"post {n}",
                                  created_at=T0 + timedelta(hours=n)))
        records.append(PostRecord("twitter", f"rt{n}", tw("hm_fan"), kind="retweet",
                                  text=f"RT @poster: post {n}", retweet_of=f"post{n}",
                                  retweet_of_author=tw("hm_poster"),
                                  created_at=T0 + timedelta(hours=n, minutes=5)))
        records.append(LikeRecord("twitter", tw("hm_fan"), f"post{n}", tw("hm_poster"),
                                  at=T0 + timedelta(hours=n, minutes=1)))
    records += [
        PostRecord("twitter", "reply", tw("hm_fan"), kind="reply", text="@poster yes",
                   reply_to="post1", reply_to_author=tw("hm_poster"), mentions=[tw("hm_poster")],
                   created_at=T0 + timedelta(hours=3)),
        PostRecord("twitter", "back", tw("hm_poster"), text="thanks @fan", mentions=[tw("hm_fan")],
                   created_at=T0 + timedelta(hours=4)),
        # Not between the two: a third account retweets the poster.
        PostRecord("twitter", "rt-other", tw("hm_bystander"), kind="retweet", retweet_of="post1",
                   retweet_of_author=tw("hm_poster"), created_at=T0 + timedelta(hours=5)),
    ]
    write(graph, collection, records)
    rows = run(graph, "evidence", account_a="@HM_Fan", account_b="hm_poster")
    assert rows and set(rows[0]) == declared_columns("evidence")
    found = [
        (row["relation"], row["from_account_id"], row["post_id"], row["target_post_id"])
        for row in rows
    ]
    assert found == [
        ("LIKED_POST_OF", "hm_fan", "post1", "post1"),
        ("RETWEETED", "hm_fan", "rt1", "post1"),
        ("LIKED_POST_OF", "hm_fan", "post2", "post2"),
        ("RETWEETED", "hm_fan", "rt2", "post2"),
        ("MENTIONED", "hm_fan", "reply", None),
        ("REPLIED_TO", "hm_fan", "reply", "post1"),
        ("MENTIONED", "hm_poster", "back", None),
    ]
    assert rows[1]["post_text"] == "RT @poster: post 1"
    assert rows[0]["at"].to_native() == T0 + timedelta(hours=1, minutes=1)
    assert run(graph, "evidence", account_a="hm_fan", account_b="hm_poster",
               since=(T0 + timedelta(hours=2, minutes=30)).isoformat()) == rows[4:]


def test_impersonation_spares_the_real_account(handmade: tuple[Graph, str]) -> None:
    graph, collection = handmade
    old = datetime(2009, 6, 1, tzinfo=UTC)
    records: list[Record] = [
        account("elonmusk", "Elon Musk", verified=True, created_at=old),
        account("fan_account", "Elon Musk 🚀", created_at=datetime(2020, 1, 1, tzinfo=UTC)),
        account("plain", "Plain Person", created_at=old),
        # Verified, renamed from its own name to a famous one.
        AccountRecord("twitter", "hijacked", "crypto_dan", "Dan Crypto", verified=True,
                      created_at=old, seen_at=T0),
        AccountRecord("twitter", "hijacked", "elon_giveaway", "Elon Musk", verified=True,
                      created_at=old, seen_at=T0 + timedelta(days=2)),
    ]
    write(graph, collection, records)
    rows = run(graph, "renamed-accounts", collections=[collection])
    assert rows and set(rows[0]) == declared_columns("renamed-accounts")
    assert [row["account_id"] for row in rows] == ["hijacked", "fan_account"]
    assert rows[0]["impersonates"] == ["Elon Musk", "@elonmusk"]
    names = [name["value"] for name in rows[0]["names"]]
    assert set(names[:2]) == {"crypto_dan", "Dan Crypto"}
    assert set(names[2:]) == {"elon_giveaway", "Elon Musk"}
    assert rows[0]["first_seen"].to_native() == T0
    assert rows[0]["last_seen"].to_native() == T0 + timedelta(days=2)
    # The newcomer copies the famous name and both older verified holders of it.
    assert set(rows[1]["impersonates"]) == {"Elon Musk", "@elonmusk", "@elon_giveaway"}


def test_a_namesake_of_a_verified_account_needs_more_than_the_name(
    handmade: tuple[Graph, str],
) -> None:
    """People share names: copying a verified account's display name counts as impersonation
    when the handle mimics its handle too, or when the name was taken by renaming."""
    graph, collection = handmade
    old, new = datetime(2010, 3, 1, tzinfo=UTC), datetime(2020, 5, 1, tzinfo=UTC)
    records: list[Record] = [
        account("annawalsh_news", "Anna Walsh", verified=True, created_at=old),
        account("walsh_family_dublin", "Anna Walsh", created_at=new),  # a namesake
        account("annawalsh_newss", "Anna Walsh", created_at=new),  # one letter more
        account("annawa1sh_news", "Anna Walsh", created_at=new),  # l as 1
        account("annawalsh_news_tips", "Anna Walsh", created_at=new),  # the handle and more
        AccountRecord("twitter", "renamer", "aw_fan", "AW Fan", created_at=new, seen_at=T0),
        AccountRecord("twitter", "renamer", "aw_fan", "Anna Walsh", created_at=new,
                      seen_at=T0 + timedelta(days=1)),
    ]
    write(graph, collection, records)
    rows = run(graph, "renamed-accounts", collections=[collection])
    impersonators = {row["screen_name"]: row["impersonates"] for row in rows}
    assert impersonators == {
        "aw_fan": ["@annawalsh_news"],
        "annawalsh_newss": ["@annawalsh_news"],
        "annawa1sh_news": ["@annawalsh_news"],
        "annawalsh_news_tips": ["@annawalsh_news"],
    }
    assert rows[0]["screen_name"] == "aw_fan"  # took the name by renaming: ranked first
    # With no edits allowed, the 1-for-l swap (one substitution) no longer mimics the handle;
    # the handles that contain it still do.
    stricter = run(graph, "renamed-accounts", collections=[collection], lookalike_edits=0)
    assert {row["screen_name"] for row in stricter} == {
        "aw_fan", "annawalsh_newss", "annawalsh_news_tips"
    }


def test_roles_are_relative_to_the_community_not_to_a_celebrity(
    handmade: tuple[Graph, str],
) -> None:
    """A celebrity retweeted by a crowd of a thousand has an authority far above that of a
    small operation's posters (about 0.03 of it here): against the top of the whole graph
    they would get no role. The top of each community decides."""
    graph, collection = handmade
    posters = [f"poster{i}" for i in range(5)]

    def retweet(who: str, author: str, post: str) -> PostRecord:
        return PostRecord(
            "twitter", f"rt-{who}-{post}", tw(who), created_at=T0, kind="retweet",
            retweet_of=post, retweet_of_author=tw(author),
        )  # fmt: skip

    records: list[Record] = [
        retweet(f"fan{fan}", "celebrity", f"c{(fan + k) % 50}")
        for fan in range(1000)
        for k in range(3)
    ]
    for amplifier in range(30):
        records.append(retweet(f"amp{amplifier}", "celebrity", f"c{amplifier}"))  # camouflage
        records += [retweet(f"amp{amplifier}", poster, f"{poster}-post") for poster in posters]
    write(graph, collection, records)
    rows = run(graph, "communities", collections=[collection],
               roles=["poster", "amplifier", "other"])  # fmt: skip
    role = {row["account_id"]: row["role"] for row in rows}
    authority = {row["account_id"]: row["authority"] for row in rows}
    assert authority["poster0"] < 0.1 * authority["celebrity"]
    assert [role[poster] for poster in posters] == ["poster"] * 5
    assert role["celebrity"] == "poster"
    assert {role[f"amp{amplifier}"] for amplifier in range(30)} == {"amplifier"}
    # A fan amplified one account only: fewer than min_amplified.
    assert {role[f"fan{fan}"] for fan in range(1000)} == {"other"}


def test_a_pool_behind_posters_with_a_few_hundred_followers_is_found(
    handmade: tuple[Graph, str],
) -> None:
    """Posters a few hundred people follow, each lifted by a few dozen accounts of one pool
    (as in a harder independent world): at the default follower ratio they make a pool."""
    graph, collection = handmade
    posters = [f"poster{i}" for i in range(4)]
    records: list[Record] = [
        AccountRecord("twitter", poster, poster, followers=120 + 40 * i, seen_at=T0)
        for i, poster in enumerate(posters)
    ]
    for amplifier in range(30):
        for poster in posters:
            if (amplifier + posters.index(poster)) % 6:  # each post lifted by most of the pool
                records.append(PostRecord(
                    "twitter", f"rt-{amplifier}-{poster}", tw(f"amp{amplifier}"),
                    created_at=T0, kind="retweet", retweet_of=f"{poster}-post",
                    retweet_of_author=tw(poster),
                ))  # fmt: skip
    write(graph, collection, records)
    rows = run(graph, "amplifier-pool-members", collections=[collection])
    assert {row["account_id"] for row in rows if row["role"] == "poster"} == set(posters)
    assert len({row["pool"] for row in rows}) == 1
    assert sum(row["role"] == "amplifier" for row in rows) == 30
    # At most one follower per amplifier (the old default), none of them is a poster.
    assert run(graph, "amplifier-pool-members", collections=[collection],
               max_follower_ratio=1.0) == []  # fmt: skip


def test_post_formats_tell_a_template_from_conversation(handmade: tuple[Graph, str]) -> None:
    """Six accounts fill one template with other words; eight organic posts have seven
    formats. Grouped by collection, the template's group comes first with its one format."""
    graph, collection = handmade
    organic = f"{collection}-organic"
    words = ("真相来了", "他们害怕了", "大家看看", "消息传开了")
    template = [
        PostRecord("twitter", f"t{i}", tw(f"op{i % 6}"), created_at=T0,
                   text=f"【头条】{words[i % 4]}！🔥 #Tag{i} https://t.co/{i}")
        for i in range(12)
    ]  # fmt: skip
    texts = ("Hello world", "Hello again, friend", "@bob nice one", "Look https://x.co/1",
             "Great day #sun", "Привет всем", "Nice 😀", "Line one\nline two")  # fmt: skip
    conversation = [
        PostRecord("twitter", f"o{i}", tw(f"person{i}"), created_at=T0, text=text)
        for i, text in enumerate(texts)
    ]
    retweet = PostRecord("twitter", "rt1", tw("op0"), created_at=T0, kind="retweet",
                         text="RT @person9: Hello world", retweet_of="unseen",
                         retweet_of_author=tw("person9"))  # fmt: skip
    try:
        write(graph, collection, [*template, retweet])
        write(graph, organic, conversation)
        rows = run(graph, "post-formats", collections=[collection, organic],
                   group_by="collection", min_posts=1)  # fmt: skip
        assert set(rows[0]) == declared_columns("post-formats")
        first = rows[0]
        assert (first["group"], first["format"], first["posts"], first["accounts"]) == (
            collection, "bracket Han emoji hashtag link", 12, 6)
        assert (first["group_posts"], first["group_formats"], first["effective_formats"]) == (
            12, 1, 1.0)
        assert (first["share"], first["elsewhere_share"], first["lift"]) == (1.0, 0.0, None)
        conversation_rows = [row for row in rows if row["group"] == organic]
        assert len(conversation_rows) == 3  # formats_per_group
        top = conversation_rows[0]
        assert (top["format"], top["posts"], top["group_posts"], top["group_formats"]) == (
            "Latin", 2, 8, 7)
        # Spread as evenly as over 1 / (0.25² + 6 × 0.125²) formats.
        assert (top["share"], top["effective_formats"]) == (0.25, 6.4)
        # Retweets repeat others' texts: left out unless asked for.
        with_retweets = run(graph, "post-formats", collections=[collection, organic],
                            group_by="all", min_posts=1, formats_per_group=20,
                            kinds=["post", "retweet"])  # fmt: skip
        assert {row["group"] for row in with_retweets} == {"all"}
        assert with_retweets[0]["group_posts"] == 21
        assert {row["format"]: row["posts"] for row in with_retweets}["Latin mention Latin"] == 1
        assert run(graph, "post-formats", collections=[collection], group_by="all",
                   min_posts=13) == []  # fmt: skip
        with pytest.raises(Exception, match="group_by must be"):
            run(graph, "post-formats", group_by="account")
    finally:
        graph.query(
            "MATCH (n) WHERE (n:Account OR n:Post) AND $c IN n.collections DETACH DELETE n",
            {"c": organic},
        )


def test_topics_match_word_starts_and_unseen_posts_by_their_longest_copy(
    handmade: tuple[Graph, str],
) -> None:
    """A post seen only through its retweets is in the topics of its longest copy; keywords
    match as word starts ('ai' not in 'said', 'covid' in #COVID19), Han anywhere, hashtags
    without their spaces; own posts never count. Exact rows of both topic packs, and the same
    from cross-topic's Cypher as from its engine."""
    graph, collection = handmade
    boss = tw("boss")
    records: list[Record] = [
        PostRecord("twitter", "r1-s1", tw("r1"), created_at=T0, kind="retweet",
                   text="RT @boss: Bitcoin", retweet_of="s1", retweet_of_author=boss),
        PostRecord("twitter", "r2-s1", tw("r2"), created_at=T0, kind="retweet",
                   text="RT @boss: Bitcoin and #COVID19 cures", retweet_of="s1",
                   retweet_of_author=boss),
        PostRecord("twitter", "p1", boss, created_at=T0, text="香港加油"),
        LikeRecord("twitter", tw("r1"), "p1", boss),
        LikeRecord("twitter", tw("r3"), "p1", boss),
        LikeRecord("twitter", boss, "p1", boss),
        PostRecord("twitter", "p2", boss, created_at=T0, text="He said it"),
        PostRecord("twitter", "r3-p2", tw("r3"), created_at=T0, kind="retweet",
                   text="RT @boss: He said it", retweet_of="p2", retweet_of_author=boss),
        PostRecord("twitter", "p3", boss, created_at=T0, text="Look",
                   hashtags=["HongKong2020", "StandWithBitcoin"]),
        PostRecord("twitter", "r2-p3", tw("r2"), created_at=T0, kind="retweet",
                   text="RT @boss: Look", retweet_of="p3", retweet_of_author=boss),
        PostRecord("twitter", "p4", boss, created_at=T0, text="AI is here"),
        LikeRecord("twitter", tw("r2"), "p4", boss),
    ]  # fmt: skip
    write(graph, collection, records)
    topics = {"covid": ["covid"], "crypto": ["bitcoin"], "hong-kong": ["hong kong", "香港"],
              "ai": ["ai"]}  # fmt: skip
    overlap = run(graph, "topic-overlap", collections=[collection], topics=topics)
    assert overlap == browser(graph, "topic-overlap", collections=[collection], topics=topics)
    assert [(r["topic_a"], r["topic_b"], r["amplifiers_a"], r["amplifiers_b"], r["shared"],
             r["jaccard"]) for r in overlap] == [
        ("covid", "crypto", 2, 2, 2, 1.0),
        ("covid", "hong-kong", 2, 3, 2, 0.6667),
        ("crypto", "hong-kong", 2, 3, 2, 0.6667),
        ("ai", "covid", 1, 2, 1, 0.5),
        ("ai", "crypto", 1, 2, 1, 0.5),
        ("ai", "hong-kong", 1, 3, 1, 0.3333),
    ]  # fmt: skip
    # Topics whose amplifiers are disjoint are a pair too (shared 0); one without amplifiers
    # (no post, or too few acts) is not.
    disjoint = {"ai": ["ai"], "said": ["said"], "unheard": ["zebra"]}
    assert [tuple(r.values()) for r in run(graph, "topic-overlap", collections=[collection],
                                           topics=disjoint)] == [
        ("ai", "said", 1, 1, 0, 0.0)
    ]  # fmt: skip
    assert run(graph, "topic-overlap", collections=[collection], topics=disjoint,
               min_acts=2) == []  # fmt: skip
    assert browser(graph, "topic-overlap", collections=[collection], topics=disjoint,
                   min_acts=2) == []  # fmt: skip
    rows = run(graph, "cross-topic", collections=[collection], topics=topics, min_topics=1)
    assert rows == browser(graph, "cross-topic", collections=[collection], topics=topics,
                           min_topics=1)  # fmt: skip
    assert [(r["screen_name"], r["account_id"], r["topics"], r["counts"], r["acts"],
             r["co_amplifiers"], r["shared"], r["reuse"], r["score"]) for r in rows] == [
        (None, "r2", ["ai", "covid", "crypto", "hong-kong"],
         {"ai": 1, "covid": 1, "crypto": 1, "hong-kong": 1}, 3, 1, 1, 1.0, 2.0),
        (None, "r1", ["covid", "crypto", "hong-kong"], {"covid": 1, "crypto": 1, "hong-kong": 1},
         2, 2, 1, 0.5, 0.7925),
        (None, "r3", ["hong-kong"], {"hong-kong": 1}, 1, 1, 0, 0.0, 0.0),
    ]  # fmt: skip
    assert [row["account_id"] for row in run(graph, "cross-topic", collections=[collection],
                                             topics=topics)] == ["r2", "r1"]  # fmt: skip


# --- synthetic worlds --------------------------------------------------------------------------


def test_every_pack_gives_its_rows_collected_as_it_streams_them(world: World) -> None:
    """run_pack receives a pack's rows in one record (the driver's cost is per record): the
    same rows in the same order as the pack's statement streams them, as Browser shows them."""
    operation = sorted(world.planted)
    required = {"compare": {"collection_a": OPERATION, "collection_b": ORGANIC},
                "evidence": {"account_a": operation[0], "account_b": operation[1]}}  # fmt: skip
    compared = 0
    for name, pack in sorted(investigations().items()):
        if pack.engine:
            continue
        bound = pack.bind({**required.get(name, {})})
        collected = world.graph.run_pack(pack, bound)
        used = {key: bound[key] for key in pack.used_parameters()}
        assert collected == world.graph.query(pack.statements[-1], used), name
        compared += bool(collected)
    # The packs with an engine are held to their Cypher by test_engines_return_the_browser_*
    # and the communities engine test; of the 13 others, 2 may find nothing here.
    assert compared >= 11


def test_name_patterns_lists_the_flagged_accounts_by_default(world: World) -> None:
    """By default only accounts with a password-like handle or a mismatch, in the order of the
    full listing; the planted accounts with a password-like handle are among them."""
    every = world.run("name-patterns", flagged_only=False)
    flagged = world.run("name-patterns")
    assert flagged == [
        row for row in every if row["handle_pattern"] == "password" or row["mismatch"]
    ]
    assert 0 < len(flagged) < len(every)
    assert {row["account_id"] for row in flagged} & world.planted


def test_password_handles_score_above_organic_handles(world: World) -> None:
    rows = world.run("name-patterns", flagged_only=False)
    platform = {
        row["id"]: row["platform"]
        for row in world.graph.query(
            "MATCH (a:Account) WHERE $c IN a.collections RETURN a.id AS id, a.platform AS platform",
            {"c": world.collection},
        )
    }
    twitter = [
        row for row in rows
        if platform.get(row["account_id"]) == "twitter" and row["handle_score"] is not None
    ]
    planted = world.planted
    positives = [
        row["handle_score"] for row in twitter
        if row["account_id"] in planted and not DEFAULT_HANDLE.fullmatch(row["screen_name"])
    ]
    negatives = [row["handle_score"] for row in twitter if row["account_id"] not in planted]
    assert len(positives) > 50 and len(negatives) > 50
    auc = sum(
        1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives
    ) / (len(positives) * len(negatives))
    assert auc >= 0.9
    # The operation's names are Cyrillic or Han, and most of what it pushes is Chinese.
    operation = [row for row in twitter if row["account_id"] in planted]
    assert sum(row["name_script"] in ("Cyrillic", "Han") for row in operation) / len(
        operation
    ) >= 0.9


def test_cyrillic_names_grow_with_the_operation(world: World) -> None:
    rows = world.run("name-scripts-over-time", bucket="week")
    assert rows and set(rows[0]) == declared_columns("name-scripts-over-time")
    start = datetime.fromisoformat(world.truth["window"]["start"]).date()
    recent_from = start - timedelta(days=21)
    totals: dict[bool, list[int]] = {True: [0, 0], False: [0, 0]}
    for row in rows:
        recent = row["period"].to_native() >= recent_from
        totals[recent][1] += row["accounts"]
        if row["script"] == "Cyrillic":
            totals[recent][0] += row["accounts"]
    before = totals[False][0] / totals[False][1]
    during = totals[True][0] / totals[True][1]
    assert during >= 0.2 and during >= 3 * before, (before, during)


def test_operation_posts_in_shanghai_office_hours(world: World) -> None:
    hours = world.run("activity-hours", group_by="truth_group", timezone="Asia/Shanghai")
    assert hours and set(hours[0]) == declared_columns("activity-hours")
    cells: dict[str, int] = defaultdict(int)
    posts: dict[str, int] = defaultdict(int)
    for row in hours:
        cells[row["group"]] += 1
        posts[row["group"]] += row["posts"]
    assert dict(cells) == {"operation": 168, "organic": 168}
    summary = {
        row["group"]: row
        for row in world.run("activity-summary", group_by="truth_group", timezone="Asia/Shanghai")
    }
    assert set(next(iter(summary.values()))) == declared_columns("activity-summary")
    assert {group: row["posts"] for group, row in summary.items()} == dict(posts)
    operation, organic = summary["operation"], summary["organic"]
    assert operation["pattern"] == "working day" and operation["working_share"] >= 0.6
    assert organic["pattern"] != "working day" and organic["working_share"] < 0.5
    utc = {row["group"]: row for row in world.run("activity-summary", group_by="truth_group")}
    assert utc["operation"]["working_share"] < operation["working_share"] - 0.15


@pytest.mark.parametrize("pack_name", ["activity-hours", "activity-summary"])
@pytest.mark.parametrize(
    ("group_by", "timezone"),
    [("role", "UTC"), ("all", "Asia/Kolkata"), ("truth_group", "America/New_York")],
)
def test_activity_packs_read_the_same_unscoped_as_from_the_posts(
    world: World, pack_name: str, group_by: str, timezone: str
) -> None:
    """Unscoped, the activity packs read the quarter-hour counts the loader derived; scoped to
    every collection, the posts themselves: the same rows (half-hour and daylight-saving time
    zones included)."""
    collections = world.graph.query("MATCH (c:Collection) RETURN c.name AS name")
    everything = [row["name"] for row in collections]
    pack = investigation(pack_name)
    given = {"group_by": group_by, "timezone": timezone}
    derived = world.graph.run_pack(pack, pack.bind(given))
    from_posts = world.graph.run_pack(pack, pack.bind(given | {"collections": everything}))
    assert derived and derived == from_posts


def truth_topics(truth: dict[str, Any], organic_too: bool = False) -> dict[str, list[str]]:
    """The operation's topics (and with organic_too the others) as the generator words them."""
    return {
        topic["name"]: sorted(
            {word.lower() for word in
             topic["hashtags"] + topic["keywords"] + topic["operation_hashtags"]}
        )
        for topic in truth["topics"]
        if topic["operation"] or organic_too
    }


def cross_topic_amplifiers(world: World) -> set[str]:
    """Planted accounts that amplified the operation's posts on two topics or more.

    A planted post's topic comes from the truth's own wording of the topics; which accounts
    acted on which post comes from the loaded graph (the pools' participation is random).
    """
    topics = truth_topics(world.truth)
    patterns = {
        name: [re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z])") for word in words]
        for name, words in topics.items()
    }
    hijacked = world.truth["hijacked"]
    posts = set(world.truth["operation"]["posts"]) | set(hijacked["scam_posts"] if hijacked else [])
    acts = world.graph.query(
        """
        MATCH (a:Account)
        WHERE a.id IN $planted AND $collection IN a.collections
        CALL (a) {
          MATCH (a)-[:POSTED]->(:Post)-[:RETWEET_OF|REPLY_TO|QUOTES]->(post:Post)
          RETURN post
          UNION ALL
          MATCH (a)-[:LIKED]->(post:Post)
          RETURN post
        }
        WITH a, post WHERE post.id IN $posts AND NOT (a)-[:POSTED]->(post)
        RETURN a.id AS account, toLower(coalesce(post.text, '')) AS text,
               [(post)-[:TAGGED]->(h) | h.name] AS tags
        """,
        {"planted": sorted(world.planted), "posts": sorted(posts),
         "collection": world.collection},
    )
    seen: dict[str, set[str]] = defaultdict(set)
    for act in acts:
        words = " ".join([act["text"], *act["tags"]])
        for name, compiled in patterns.items():
            if any(pattern.search(words) for pattern in compiled):
                seen[act["account"]].add(name)
    return {account_id for account_id, names in seen.items() if len(names) >= 2}


def test_cross_topic_ranks_reused_amplifiers_first(world: World) -> None:
    relevant = cross_topic_amplifiers(world)
    k = len(relevant)
    assert k >= 50
    with_truth_topics = world.run("cross-topic", topics=truth_topics(world.truth))
    assert set(with_truth_topics[0]) == declared_columns("cross-topic")
    assert precision_at(with_truth_topics, world.planted, k) >= 0.9
    with_default_topics = world.run("cross-topic")
    assert precision_at(with_default_topics, world.planted, k) >= 0.9
    # Organic accounts spread over sports, music, food... must not climb above the pools.
    with_every_topic = world.run("cross-topic", topics=truth_topics(world.truth, True))
    assert precision_at(with_every_topic, world.planted, k) >= 0.9


# Four days of the small worlds hold a few small pools only.
SMALL_POOLS = {
    "min_shared": 3, "min_amplifiers": 3, "max_follower_ratio": None, "min_jaccard": 0.01,
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "parameters"),
    [
        ("cross-topic", {}),
        ("cross-topic", {"max_pair_amplifiers": 2, "min_topics": 1}),
        ("cross-topic", {"collections": [OPERATION, ORGANIC]}),
        ("cross-topic", {"collections": None}),
        ("cross-topic", {"since": 2, "until": 6}),
        ("topic-overlap", {}),
        ("topic-overlap", {"min_acts": 3}),
        ("topic-overlap", {"collections": None}),
        ("topic-overlap", {"since": 2, "until": 6}),
        ("amplifier-pools", {}),
        ("amplifier-pools", {"min_shared": 3, "min_jaccard": 0.01, "min_amplifiers": 5}),
        ("amplifier-pools", {"max_follower_ratio": None}),
        ("amplifier-pools", {"collections": None}),
        ("amplifier-pools", {"since": 2, "until": 6, **SMALL_POOLS}),
        ("amplifier-pool-members", {}),
        ("amplifier-pool-members", {"min_posters": 3, "min_poster_share": 0.8}),
        ("amplifier-pool-members", {"min_shared": 3, "min_jaccard": 0.05, "min_amplifiers": 5}),
        ("amplifier-pool-members", {"collections": None}),
        ("amplifier-pool-members", {"since": 2, "until": 6, **SMALL_POOLS}),
    ],
)
def test_engines_return_the_browser_cyphers_rows(
    world: World, name: str, parameters: dict[str, Any]
) -> None:
    """`infoops run` pairs the amplifiers (cross-topic) or the posters (the amplifier-pool
    packs) and counts the sets (topic-overlap) in Python; Neo4j Browser runs the pack's
    Cypher: the same rows in the same order, and a limit gives the first of them."""
    pack = investigation(name)
    parameters = days_into_window(world.truth, parameters)
    topics = {"topics": truth_topics(world.truth, True)} if "topics" in pack.parameters else {}
    bound = pack.bind({"collections": [world.collection]} | topics | parameters)
    engine_rows = world.graph.run_pack(pack, bound)
    used = {name: bound[name] for name in pack.used_parameters()}
    assert engine_rows == world.graph.query(pack.statements[-1], used)
    if name == "cross-topic":
        assert len(engine_rows) > 10
        assert all(row["topics"] == sorted(row["topics"]) for row in engine_rows)
    elif name == "amplifier-pool-members":
        assert {row["role"] for row in engine_rows} == {"poster", "amplifier"}
    else:
        assert engine_rows
    assert world.graph.run_pack(pack, bound, limit=5) == engine_rows[:5]


def test_topic_overlap_shows_the_shared_pool(world: World) -> None:
    rows = world.run("topic-overlap", topics=truth_topics(world.truth))
    assert rows and set(rows[0]) == declared_columns("topic-overlap")
    for row in rows:
        assert row["shared"] <= min(row["amplifiers_a"], row["amplifiers_b"])
        assert row["topic_a"] < row["topic_b"]
    assert len(rows) == len(truth_topics(world.truth)) * (len(truth_topics(world.truth)) - 1) // 2
    # Pools serve several topics, so the operation's topics share many amplifiers.
    assert rows[0]["jaccard"] >= 0.2


def test_renamed_accounts_find_the_hijacked_account_first(world: World) -> None:
    hijacked = world.truth["hijacked"]
    rows = world.run("renamed-accounts")
    assert rows and set(rows[0]) == declared_columns("renamed-accounts")
    top = rows[0]
    assert top["account_id"] == hijacked["id"]
    assert hijacked["new_display_name"] in top["impersonates"]
    assert {hijacked["old_screen_name"], hijacked["new_screen_name"]} <= {
        name["value"] for name in top["names"]
    }


def test_cross_platform_finds_the_planted_pairs(world: World) -> None:
    pairs = world.truth["cross_platform"]
    assert pairs

    def found(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
        groups = [{account["account_id"] for account in row["accounts"]} for row in rows]
        return {
            (pair["twitter_id"], pair["facebook_id"])
            for pair in pairs
            if any({pair["twitter_id"], pair["facebook_id"]} <= group for group in groups)
        }

    strict = world.run("cross-platform")
    assert strict and set(strict[0]) == declared_columns("cross-platform")
    assert all(row["platforms"] == ["facebook", "twitter"] for row in strict)
    same = {(p["twitter_id"], p["facebook_id"]) for p in pairs if p["match"] == "same"}
    assert same <= found(strict)
    loose = world.run("cross-platform", loose=True)
    assert found(loose) == {(p["twitter_id"], p["facebook_id"]) for p in pairs}
    # A shared handle is telling: nearly every handle group is a planted pair.
    handle_groups = [row for row in strict if row["match"] == "handle"]
    assert len(found(handle_groups)) >= 0.9 * len(handle_groups)


def test_cross_platform_looks_names_up_as_the_full_grouping_finds_them(world: World) -> None:
    """Compared as stored, groups are looked up from the accounts off the biggest platform;
    with min_length 0 every account is grouped by its names: the same groups, but for the
    empty name."""
    for scope in ({}, {"collections": None}):
        looked_up = world.run("cross-platform", min_length=1, **scope)
        grouped = world.run("cross-platform", min_length=0, **scope)
        assert looked_up
        assert looked_up == [row for row in grouped if row["name"] != ""]


def test_name_patterns_read_the_same_content_script_unscoped_as_from_the_posts(
    world: World,
) -> None:
    """Unscoped, name-patterns reads the content_script the loader derived; with a time scope
    wider than the world, it reads the posts (of the accounts that posted): the same rows."""
    rows = world.run("name-patterns", collections=None, flagged_only=False)
    derived = {(row["account_id"], row["screen_name"]): row for row in rows}
    from_posts = world.run(
        "name-patterns", collections=None, since="1970-01-01T00:00:00Z",
        until="2100-01-01T00:00:00Z", flagged_only=False,
    )
    assert len(from_posts) > 100
    assert len({row["content_script"] for row in from_posts} - {None}) > 1
    assert all(derived[row["account_id"], row["screen_name"]] == row for row in from_posts)


def test_compare_separates_the_operation_from_organic_activity(world: World) -> None:
    rows = world.run("compare", collection_a=OPERATION, collection_b=ORGANIC)
    assert rows and set(rows[0]) == declared_columns("compare")
    measure = {row["metric"]: row for row in rows}
    higher_in_operation = (
        "retweet_share", "new_account_share", "low_follower_share", "amplifiers_per_poster",
        "random_handle_share", "non_latin_name_share",
    )
    for metric in higher_in_operation:
        assert measure[metric]["a"] > measure[metric]["b"], measure[metric]
    assert 0 < measure["modularity"]["a"] < 1 and 0 < measure["modularity"]["b"] < 1
    assert measure["new_account_share"]["a"] >= 0.5 > 0.1 >= measure["new_account_share"]["b"]
    # Part of the operation keeps the platform's default handle, which does not count.
    assert measure["random_handle_share"]["a"] >= 0.25 > 0.05 >= measure["random_handle_share"]["b"]
    graphs = world.graph.query("CALL gds.graph.list() YIELD graphName RETURN graphName")
    assert not [g for g in graphs if g["graphName"].startswith("infoops-compare")]


def test_post_formats_show_the_operation_sharing_its_template(world: World) -> None:
    rows = world.run("post-formats", collections=[OPERATION, ORGANIC], group_by="collection",
                     formats_per_group=5)  # fmt: skip
    by_group: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_group[row["group"]].append(row)
    operation, organic = by_group[OPERATION], by_group[ORGANIC]
    assert rows[0]["group"] == OPERATION
    assert 1.5 * operation[0]["effective_formats"] < organic[0]["effective_formats"]
    # The template's formats (a bracketed headline) are the operation's and nobody else's.
    templated = [
        row for row in operation if row["format"].startswith(("bracket", "mention bracket"))
    ]
    assert sum(row["share"] for row in templated) >= 0.5
    assert all(row["elsewhere_share"] < 0.01 for row in templated)
    assert not [row for row in organic if "bracket" in row["format"]]


def test_evidence_matches_the_edge_counts(world: World) -> None:
    edges = world.graph.query(
        """
        MATCH (a:Account)-[r:RETWEETED|LIKED_POST_OF|MENTIONED|REPLIED_TO]->(b:Account)
        WHERE $collection IN a.collections AND $collection IN b.collections
        WITH a, b, sum(r.count) AS weight ORDER BY weight DESC, a.id, b.id LIMIT 3
        MATCH (a)-[r:RETWEETED|LIKED_POST_OF|MENTIONED|REPLIED_TO|QUOTED]-(b)
        RETURN a.id AS a, b.id AS b,
               collect([type(r), startNode(r).id, r.count]) AS counts
        """,
        {"collection": world.collection},
    )
    assert edges
    for edge in edges:
        rows = world.run("evidence", account_a=edge["a"], account_b=edge["b"])
        counted: dict[tuple[str, str], int] = defaultdict(int)
        for row in rows:
            counted[(row["relation"], row["from_account_id"])] += 1
        assert dict(counted) == {(kind, source): n for kind, source, n in edge["counts"]}
        authors = world.graph.query(
            """
            UNWIND $rows AS row
            MATCH (act:Post {id: row.post_id})
            OPTIONAL MATCH (target:Post {id: row.target_post_id})<-[:POSTED]-(author:Account)
            RETURN row.relation AS relation, row.to AS expected, author.id AS author,
                   EXISTS { (:Account {id: row.from})-[:POSTED|LIKED]->(act) } AS acted
            """,
            {"rows": [{"post_id": r["post_id"], "target_post_id": r["target_post_id"],
                       "relation": r["relation"], "from": r["from_account_id"],
                       "to": r["to_account_id"]} for r in rows]},
        )
        for found in authors:
            assert found["acted"]
            if found["relation"] != "MENTIONED":
                assert found["author"] == found["expected"]
