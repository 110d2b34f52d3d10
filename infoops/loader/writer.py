"""The one writer: normalized records in, batched idempotent UNWIND ... MERGE out.

Each batch is one transaction (retried on transient errors such as deadlocks), so a batch is
either wholly in the graph or not at all. Everything the writer does is idempotent: writing
the same records again changes no node, relationship, property or count. Account-level edges
are not counted up as records arrive; the accounts whose edges may have changed get the
``StaleEdges`` label, and ``derive_account_edges`` recomputes their edges from the post level.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import ClientError, TransientError

from infoops.analysis.names import account_names, handle_fields, name_key, post_fields
from infoops.connection import GdsMissing, Graph
from infoops.loader.records import (
    AccountRecord,
    AccountRef,
    LikeRecord,
    PostRecord,
    Record,
)
from infoops.queries import Pack, investigation, read_pack

CYPHER_DIR = Path(__file__).parent / "cypher"
SCHEMA_FILE = Path(__file__).parent / "schema.cypher"


@cache
def statements(name: str) -> tuple[str, ...]:
    pack: Pack = read_pack(CYPHER_DIR / f"{name}.cypher")
    return pack.statements


def statement(name: str) -> str:
    return statements(name)[0]


def account_key(platform: str, account_id: str) -> str:
    return f"{platform}:{account_id}"


def placeholder_key(platform: str, screen_name: str) -> str:
    return f"{platform}:@{screen_name.lower()}"


def post_key(platform: str, post_id: str) -> str:
    return f"{platform}:{post_id}"


def url_domain(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


class Rows(list):  # type: ignore[type-arg]
    """A statement's rows. The driver writes the text of every RUN message for its debug log
    even while that log is off (neo4j 5.28, ``Bolt5x5.run``): with the list's own repr that
    text cost more than packing the rows."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def run(tx: neo4j.ManagedTransaction, name: str, **parameters: Any) -> neo4j.Result:
    """Run the loader statement ``name`` in ``tx``; list parameters go as ``Rows``."""
    return tx.run(
        statement(name),
        {key: Rows(value) if isinstance(value, list) else value
         for key, value in parameters.items()},
    )  # fmt: skip


# Texts of recent times. A load formats the same times many times over (an account's
# creation time with each of its profiles, posts made in the same second), and isoformat()
# costs twenty times a lookup.
_ISO_TEXTS: dict[datetime, str] = {}
_ISO_TEXTS_KEPT = 1 << 16


def iso(moment: datetime | None) -> str | None:
    """Times go to Neo4j as ISO-8601 text, parsed there by datetime(): the driver's packing
    of Python datetimes costs about ten times more than the whole rest of a batch."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC:
        # equal times in other zones would share one text
        return moment.isoformat()
    text = _ISO_TEXTS.get(moment)
    if text is None:
        if len(_ISO_TEXTS) >= _ISO_TEXTS_KEPT:
            _ISO_TEXTS.clear()
        text = _ISO_TEXTS[moment] = moment.isoformat()
    return text


def earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    return a if b is None or a <= b else b


def later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    return a if b is None or a >= b else b


def fuller_text(a: str | None, b: str | None) -> str | None:
    """The text write-posts keeps of two: the longer (a copy cut short is shorter), of two as
    long the first in code point order."""
    if a is None or b is None:
        return a if b is None else b
    return min(a, b, key=lambda text: (-len(text), text))


def newer(seen: datetime | None, than: datetime | None) -> bool:
    """Whether a profile seen at ``seen`` replaces one seen at ``than`` (ties: the later wins)."""
    return seen is not None and (than is None or seen >= than)


@dataclass
class BatchTally:
    """What one batch wrote, as the database reported it."""

    accounts_created: int = 0
    accounts_written: int = 0
    posts_created: int = 0
    posts_written: int = 0
    likes_written: int = 0

    def add(self, other: BatchTally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class AccountRow:
    """The batch's observations of one account, folded together."""

    key: str
    platform: str
    id: str
    profile: AccountRecord | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    names: dict[tuple[str, str], list[datetime | None]] = field(default_factory=dict)

    def observe(self, record: AccountRecord) -> None:
        seen = record.seen_at
        self.first_seen = earlier(self.first_seen, seen)
        self.last_seen = later(self.last_seen, seen)
        if self.profile is None or newer(seen, self.profile.seen_at):
            self.profile = record
        for kind, value in (
            ("screen_name", record.screen_name),
            ("display_name", record.display_name),
        ):
            if not value:
                continue
            span = self.names.setdefault((kind, value), [None, None])
            span[0], span[1] = earlier(span[0], seen), later(span[1], seen)

    def absorb(self, other: AccountRow) -> None:
        """Fold another batch's observations of the same account into this one."""
        self.first_seen = earlier(self.first_seen, other.first_seen)
        self.last_seen = later(self.last_seen, other.last_seen)
        if other.profile is not None and (
            self.profile is None or newer(other.profile.seen_at, self.profile.seen_at)
        ):
            self.profile = other.profile
        for name, (first, last) in other.names.items():
            span = self.names.setdefault(name, [None, None])
            span[0], span[1] = earlier(span[0], first), later(span[1], last)

    def several_names(self) -> bool:
        """Seen with two screen names or two display names (case counts): the accounts
        renamed-accounts looks at."""
        kinds = [kind for kind, _ in self.names]
        return kinds.count("screen_name") > 1 or kinds.count("display_name") > 1

    def as_parameter(self) -> dict[str, Any]:
        profile = self.profile
        assert profile is not None
        return {
            **account_names(profile.screen_name, profile.display_name),
            "several_names": self.several_names(),
            "key": self.key,
            "platform": self.platform,
            "id": self.id,
            "screen_name": profile.screen_name,
            "display_name": profile.display_name,
            "created_at": iso(profile.created_at),
            "followers": profile.followers,
            "following": profile.following,
            "verified": profile.verified,
            "description": profile.description,
            "location": profile.location,
            "seen_at": iso(profile.seen_at),
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "names": [
                {
                    "kind": kind,
                    "value": value,
                    "first_seen": iso(span[0]),
                    "last_seen": iso(span[1]),
                    "value_key": name_key(value),
                }
                for (kind, value), span in self.names.items()
            ],
        }


class Batch:
    """Records of one transaction, grouped into the parameter lists the statements take."""

    def __init__(self) -> None:
        self.accounts: dict[str, AccountRow] = {}
        self.posts: dict[str, PostRecord] = {}
        self.likes: list[LikeRecord] = []
        self.size = 0

    def add(self, records: Iterable[Record]) -> None:
        for record in records:
            self.size += 1
            if isinstance(record, AccountRecord):
                key = account_key(record.platform, record.id)
                row = self.accounts.get(key)
                if row is None:
                    row = self.accounts[key] = AccountRow(key, record.platform, record.id)
                row.observe(record)
            elif isinstance(record, PostRecord):
                key = post_key(record.platform, record.id)
                known = self.posts.get(key)
                self.posts[key] = record if known is None else merge_posts(known, record)
            elif isinstance(record, LikeRecord):
                self.likes.append(record)

    def references(self) -> list[AccountRef]:
        refs: list[AccountRef] = []
        for post in self.posts.values():
            refs.append(post.author)
            refs += [
                ref
                for ref in (post.retweet_of_author, post.reply_to_author, post.quotes_author)
                if ref is not None
            ]
            refs += post.mentions
        for like in self.likes:
            refs.append(like.account)
            if like.post_author is not None:
                refs.append(like.post_author)
        return refs


Names = dict[tuple[str, str], str]


def resolve_known(batch: Batch, buffered: Names) -> tuple[dict[AccountRef, str], Names]:
    """The references that resolve without the graph: ids, and screen names of the profiles in
    this batch or in ``buffered`` (earlier batches). Also returns the names known so far."""
    by_name: Names = {}
    for row in batch.accounts.values():
        if row.profile and row.profile.screen_name:
            by_name[(row.platform, row.profile.screen_name.lower())] = row.key
    resolved: dict[AccountRef, str] = {}
    for ref in batch.references():
        if ref in resolved:
            continue
        if ref.id:
            resolved[ref] = account_key(ref.platform, ref.id)
            continue
        assert ref.screen_name is not None
        name = (ref.platform, ref.screen_name.lower())
        if name in by_name:
            resolved[ref] = by_name[name]
        elif name in buffered:
            resolved[ref] = by_name[name] = buffered[name]
    return resolved, by_name


def fold_profiles(batch: Batch, profiles: dict[str, AccountRow], names: Names) -> None:
    """Fold the batch's account observations into ``profiles``, and their screen names into
    ``names``."""
    for key, row in batch.accounts.items():
        known = profiles.get(key)
        if known is None:
            profiles[key] = row
        else:
            known.absorb(row)
        if row.profile is not None and row.profile.screen_name:
            names[(row.platform, row.profile.screen_name.lower())] = key


def finish_resolving(
    batch: Batch, resolved: dict[AccountRef, str], by_name: Names
) -> dict[AccountRef, str]:
    """The rest by ``by_name``, else the placeholder ``platform:@name``."""
    for ref in batch.references():
        if ref not in resolved:
            assert ref.screen_name is not None
            name = (ref.platform, ref.screen_name.lower())
            resolved[ref] = by_name.get(name) or placeholder_key(*name)
    return resolved


def merge_posts(known: PostRecord, other: PostRecord) -> PostRecord:
    """Two sightings of one post in a batch: keep every field either of them has."""
    for name in PostRecord.__dataclass_fields__:
        mine, theirs = getattr(known, name), getattr(other, name)
        if name.endswith("_count"):
            if theirs is not None and (mine is None or theirs > mine):
                setattr(known, name, theirs)
        elif name in ("hashtags", "urls") or name == "mentions":
            setattr(known, name, list(dict.fromkeys([*mine, *theirs])))
        elif name == "kind":
            if mine == "post" and theirs != "post":
                known.kind = theirs
        elif name == "created_at":
            # The latest: a time given to the minute is the precise one cut short.
            known.created_at = later(mine, theirs)
        elif name == "text":
            known.text = fuller_text(mine, theirs)
        elif mine is None and theirs is not None:
            setattr(known, name, theirs)
    return known


class Writer:
    """Writes batches of records for one collection.

    Account profiles are the one part of a batch that repeats across batches (every tweet
    carries its author's profile): with ``profile_buffer`` > 0 they are folded in memory across
    batches, for up to that many accounts, and written by ``flush_profiles``. Until then an
    account exists as a stub from its reference, which is all the posts of a batch need.
    Call ``finish`` after the last batch.
    """

    def __init__(self, graph: Graph, collection: str, profile_buffer: int = 0) -> None:
        self.graph = graph
        self.collection = collection
        self.profile_buffer = profile_buffer
        self.profiles: dict[str, AccountRow] = {}
        # (platform, lower-case screen name) -> account key, for the buffered profiles.
        self.names: Names = {}

    def ensure_schema(self) -> None:
        for cypher in read_pack(SCHEMA_FILE).statements:
            self.graph.query(cypher)

    def write(self, batch: Batch) -> BatchTally:
        with self.graph.session() as session:
            tally = session.execute_write(self._write_batch, batch)
        # Only a committed batch's profiles may be written later.
        fold_profiles(batch, self.profiles, self.names)
        if len(self.profiles) > self.profile_buffer:
            self.flush_profiles()
        return tally

    def finish(self) -> None:
        """Write the buffered profiles, then score and mark what an older infoops left
        unscored and unmarked, bring the planner's statistics up to date and recompute the
        account-level edges."""
        self.flush_profiles()
        score_names(self.graph)
        for cypher in statements("mark-acted-on"):
            self.graph.query(cypher)
        replan(self.graph)
        derive_account_edges(self.graph)

    def flush_profiles(self, rows_per_transaction: int = 20_000) -> None:
        rows = [row.as_parameter() for row in self.profiles.values() if row.profile is not None]
        for start in range(0, len(rows), rows_per_transaction):
            chunk = rows[start : start + rows_per_transaction]
            with self.graph.session() as session:
                session.execute_write(self._write_profiles, chunk)
        self.profiles.clear()
        self.names.clear()

    def _write_profiles(self, tx: neo4j.ManagedTransaction, rows: list[dict[str, Any]]) -> None:
        run(tx, "write-accounts", rows=rows, collection=self.collection).consume()
        merged = run(
            tx,
            "merge-placeholders",
            rows=[
                {"key": row["key"], "placeholder": placeholder_key(row["platform"], name)}
                for row in rows
                if (name := row["screen_name"])
            ],
        )
        merged_keys = [record["key"] for record in merged]
        if merged_keys:
            run(tx, "mark-interactors-of-accounts", keys=merged_keys).consume()

    # One transaction per batch: the unit of atomicity for --strict and for crashes.
    def _write_batch(self, tx: neo4j.ManagedTransaction, batch: Batch) -> BatchTally:
        tally = BatchTally()
        collection = self.collection
        resolved = self._resolve(tx, batch)
        ref_rows = self._reference_rows(batch, resolved)
        if ref_rows:
            result = run(tx, "write-account-refs", rows=ref_rows, collection=collection)
            tally.accounts_created += result.single(strict=True)["created"]
            tally.accounts_written += len(ref_rows)
        newly_authored: list[str] = []
        post_rows, link_rows, entity_rows = self._post_rows(batch, resolved)
        # Each of these statements returns how many posts it created and which earlier stubs
        # it gave an author.
        for name, rows in (("write-posts", post_rows), ("write-post-links", link_rows)):
            if rows:
                record = run(tx, name, rows=rows, collection=collection).single(strict=True)
                tally.posts_created += record["created"]
                newly_authored += record["newly_authored"]
        tally.posts_written += len(post_rows)
        if entity_rows:
            run(tx, "write-post-entities", rows=entity_rows, collection=collection)
        like_rows = [
            {
                "account": resolved[like.account],
                "post": post_key(like.platform, like.post_id),
                "platform": like.platform,
                "post_id": like.post_id,
                "post_author": resolved[like.post_author] if like.post_author else None,
                "at": iso(like.at),
            }
            for like in batch.likes
        ]
        if like_rows:
            record = run(tx, "write-likes", rows=like_rows, collection=collection).single(
                strict=True
            )
            tally.posts_created += record["created"]
            newly_authored += record["newly_authored"]
        tally.likes_written += len(like_rows)
        if newly_authored:
            run(tx, "mark-interactors-of-posts", keys=newly_authored).consume()
        return tally

    def _resolve(self, tx: neo4j.ManagedTransaction, batch: Batch) -> dict[AccountRef, str]:
        """Account reference → account key (ids directly; screen names via the graph)."""
        resolved, by_name = resolve_known(batch, self.names)
        unresolved = sorted(
            {(ref.platform, ref.screen_name.lower()) for ref in batch.references()
             if ref not in resolved and ref.screen_name}
        )  # fmt: skip
        if unresolved:
            found = run(
                tx,
                "resolve-screen-names",
                names=[{"platform": p, "screen_name_lower": n} for p, n in unresolved],
            )
            for record in found:
                by_name[(record["platform"], record["screen_name_lower"])] = record["key"]
        return finish_resolving(batch, resolved, by_name)

    def _reference_rows(
        self, batch: Batch, resolved: dict[AccountRef, str]
    ) -> list[dict[str, Any]]:
        """Every account the batch touches, as a stub at least: posts need their accounts.

        Accounts with a profile in the batch get no screen name here; their profile brings it
        (a reference's name may be older than the profile's).
        """
        rows: dict[str, dict[str, Any]] = {
            key: {"key": key, "platform": row.platform, "id": row.id, "screen_name": None}
            for key, row in batch.accounts.items()
        }
        for ref, key in resolved.items():
            if key in rows:
                continue
            rows[key] = {
                "key": key,
                "platform": ref.platform,
                "id": ref.id,
                "screen_name": ref.screen_name,
            }
            if ref.screen_name is not None:
                rows[key].update(handle_fields(ref.screen_name))
        return list(rows.values())

    def _post_rows(
        self, batch: Batch, resolved: dict[AccountRef, str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        posts: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        entities: list[dict[str, Any]] = []
        for key, post in batch.posts.items():
            targets = (
                ("RETWEET_OF", post.retweet_of, post.retweet_of_author),
                ("REPLY_TO", post.reply_to, post.reply_to_author),
                ("QUOTES", post.quotes, post.quotes_author),
            )
            post_links = [
                {
                    "source": key,
                    "type": kind,
                    "target": post_key(post.platform, target),
                    "platform": post.platform,
                    "target_id": target,
                    "target_author": resolved[author] if author else None,
                }
                for kind, target, author in targets
                if target
            ]
            mentions = list(dict.fromkeys(resolved[ref] for ref in post.mentions))
            posts.append(
                {
                    "key": key,
                    "platform": post.platform,
                    "id": post.id,
                    "author": resolved[post.author],
                    "text": post.text,
                    **post_fields(post.text),
                    "created_at": iso(post.created_at),
                    "lang": post.lang,
                    "kind": post.kind,
                    "like_count": post.like_count,
                    "retweet_count": post.retweet_count,
                    "reply_count": post.reply_count,
                    "quote_count": post.quote_count,
                    "source": post.source,
                    "interacts": bool(post_links or mentions),
                }
            )
            links += post_links
            if post.hashtags or post.urls or mentions:
                entities.append(
                    {
                        "post": key,
                        "hashtags": list(dict.fromkeys(tag.lower() for tag in post.hashtags)),
                        "urls": [{"url": url, "domain": url_domain(url)} for url in post.urls],
                        "mentions": mentions,
                    }
                )
        return posts, links, entities


def score_names(graph: Graph, limit: int = 20_000) -> None:
    """Store the name scores and post scripts and formats (infoops.analysis.names) that
    accounts, names and posts written by an older infoops lack, if a collection may be one of
    those. The writer stores them with what it writes, so on a graph it wrote this does
    nothing."""
    score: list[Callable[[dict[str, Any]], dict[str, Any]]] = [
        lambda r: {"key": r["key"], "screen_name": r["screen_name"],
                   "display_name": r["display_name"],
                   **account_names(r["screen_name"], r["display_name"])},
        lambda r: {"key": r["key"], "value_key": name_key(r["value"])},
        lambda r: {"key": r["key"], **post_fields(r["text"])},
    ]  # fmt: skip
    unscored, *finds = statements("name-scores-missing")
    *writes, mark = statements("write-name-scores")
    if not graph.query(unscored)[0]["unscored"]:
        return
    for find, write, make in zip(finds, writes, score, strict=True):
        while True:
            rows = [make(record) for record in graph.query(find, {"limit": limit})]
            if not rows:
                break
            graph.query(write, {"rows": Rows(rows)})
    graph.query(mark)


def replan(graph: Graph) -> None:
    """Resample the indexes and clear the query caches (``replan.cypher``): a user without the
    rights to (a managed cloud database, say) keeps the plans it has."""
    with contextlib.suppress(ClientError):
        graph.query(statement("replan"), {"timeout_seconds": 300})


def derive_account_edges(graph: Graph, batch_size: int = 500, attempts: int = 5) -> None:
    """Recompute the account-level edges of every account marked StaleEdges, then the
    amplification statistics of the accounts whose incoming amplification they changed, and
    the activity of the accounts marked StaleActivity (by the writer and by the first step).

    Concurrent loads can deadlock on the same accounts; a transaction that failed left its
    accounts marked, so running again picks up exactly what is left.
    """
    for name in ("derive-account-edges", "derive-amplification", "derive-activity"):
        for attempt in range(1, attempts + 1):
            try:
                graph.query(statement(name), {"batch_size": batch_size})
                break
            except TransientError:
                if attempt == attempts:
                    raise
                time.sleep(0.2 * 2**attempt)


def forget_measures(graph: Graph) -> None:
    """Remove the compare measures stored on every collection: a load or drop may change any
    collection's measures."""
    graph.query(statement("measures-stale"))


# Under this many posts compare computes a collection from its posts in about a second, the
# fixed cost of measuring it (mostly GDS's): measuring at the end of every load would only make
# small loads slower.
MEASURE_MIN_POSTS = 10_000


def measure_collection(
    graph: Graph, collection: str, load_id: str, load_started_at: datetime, posts: int
) -> bool:
    """Compute the collection's compare measures (the compare pack itself, with since and
    until unset and its defaults) and store them on its Collection node, where compare reads
    them; forget every other collection's. False when they were not stored: the collection
    has fewer than MEASURE_MIN_POSTS posts, or another load ran meanwhile (compare then
    computes it from the posts).

    The pack computes from the posts a collection without stored measures, so every
    collection's go first. Its GDS projection is dropped even when the computation fails.
    """
    forget_measures(graph)
    if posts < MEASURE_MIN_POSTS:
        return False
    pack = investigation("compare")
    try:
        graph.require_gds()
    except GdsMissing:
        # compare needs GDS whichever way it computes; without it there is nothing to store
        return False
    parameters = pack.bind({
        "collection_a": collection, "collection_b": collection,
        "decimals": None, "graph_name": f"infoops-measures-{load_id}",
    })  # fmt: skip
    measuring_since = datetime.now(UTC)
    try:
        rows = graph.run_pack(pack, parameters)
    finally:
        graph.query(pack.statements[0], {"graph_name": parameters["graph_name"]})
    stored = graph.query(statement("store-measures"), {
        "collection": collection, "load_id": load_id, "load_started_at": load_started_at,
        "measuring_since": measuring_since,
        "measures": {f"measure_{row['metric']}": row["a"] for row in rows},
        "creation_margin_days": parameters["creation_margin_days"],
        "low_followers": parameters["low_followers"],
        "random_threshold": parameters["random_threshold"],
    })  # fmt: skip
    return bool(stored and stored[0]["stored"])


# Bookkeeping, not evidence: every load attempt adds a Load node by design.
BOOKKEEPING = {
    "StaleEdges", "StaleAmplification", "StaleActivity", "Load", "Collection", "HAD_LOAD"
}  # fmt: skip


def graph_counts(graph: Graph) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type of the evidence graph."""
    row = graph.query(statement("graph-counts"))[0]
    labels = {k: int(v) for k, v in row["labels"].items() if k not in BOOKKEEPING}
    types = {
        k: int(v)
        for k, v in row["relationship_types"].items()
        if not k.startswith("(") and k not in BOOKKEEPING
    }
    return labels, types
