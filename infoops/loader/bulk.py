"""Bulk load into an empty database: parse, fold, write neo4j-admin CSVs, import, derive.

``bulk_load`` makes the graph that ``load`` (the incremental path) makes of the same input,
but through ``neo4j-admin database import full`` instead of a transaction per batch.

1. The files are parsed and batched as ``load`` batches them, and each batch is applied to a
   model of what the incremental writer does with it: references by screen name resolve as
   the writer resolves them (the batch's profiles, then profiles seen in earlier batches, then
   accounts made from a reference with that name, else a ``platform:@name`` placeholder,
   merged at the end into the account whose newest profile has that name), account
   observations fold into one profile (newest wins) with name history.
2. Memory. Everything said about a post (its full sightings, links to it, hashtags, urls,
   mentions, likes), in stream order, goes to one of N spool files picked by a hash of the
   post's key; hashtags, urls, domains and names go to the spool file of their own name.
   Profiles are folded in memory up to PROFILE_BUFFER accounts at a time, as the writer's
   profile buffer does, and then spilled, in stream order, to N profile spool files picked by
   a hash of the account's key. Each spool file is then folded on its own (a dict of its
   accounts or posts only), which is exact because nothing about an account's profile or a
   post depends on another's, and written out as import CSVs. Python holds a small entry per
   account (its key, how a reference made it, when it first had a profile) and the screen
   names references resolve by, plus one spool file's profiles or posts, whatever the size of
   the input; N grows with the input (one spool file per 16 MB of input). The cyclic
   garbage collector is paused meanwhile: the model makes no cycles, and collecting would
   walk the growing account table again and again.
   Parsing stays in one process, because references resolve in stream order. The folding
   does not, so once the input is read, one forked process per core (up to 4) folds every
   Wth spool file into import files of its own, which neo4j-admin reads one after another.
   The server is stopped meanwhile, so the cores are free.
3. The account-level edges (RETWEETED, LIKED_POST_OF, REPLIED_TO, MENTIONED, QUOTED) are
   derived here too, with the definitions of the incremental path's ``derive-account-edges``
   (distinct posts behind each edge, first_at and last_at, no self-loops), and imported with
   the rest: creating them in Cypher after the import cost more than the import itself.
   Likes and mentions are known where their post is folded. A retweet, reply or quote is
   folded with the post it acts on (which knows the author acted on), so that author goes to
   a second spool, keyed by the acting post, which also gets every post's authors and time;
   the pairs of accounts go to a third, keyed by the acting account, and are counted there,
   one file at a time (each step on the worker processes, each worker writing its own
   spool files, which the next step reads together).
4. The server is stopped (in the background, while parsing), neo4j-admin imports the CSVs
   (every account labelled StaleAmplification and StaleActivity), the server starts again,
   the same Cypher as the incremental path makes the constraints and indexes and the
   Collection and Load nodes, and then runs the same amplification and activity steps.

A bulk load replaces the database, so it refuses one that holds anything; and it needs the
managed server, because neo4j-admin writes the store files directly.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, TextIO, TypeVar

from infoops.analysis.names import account_names, post_fields
from infoops.analysis.names import name_key as names_key
from infoops.connection import Graph, Settings
from infoops.errors import InputError
from infoops.loader.load import (
    DEFAULT_BATCH_RECORDS,
    PROFILE_BUFFER,
    FileReport,
    LoadReport,
    ProgressHook,
    _finish,
    _load_file,
    _write_rejects,
    expand_paths,
    file_sha256,
)
from infoops.loader.records import AccountRecord, AccountRef
from infoops.loader.writer import (
    AccountRow,
    Batch,
    Writer,
    derive_account_edges,
    finish_resolving,
    fold_profiles,
    fuller_text,
    graph_counts,
    iso,
    measure_collection,
    placeholder_key,
    post_key,
    resolve_known,
    statement,
    statements,
    url_domain,
)
from infoops.server import USERNAME, ManagedServer, ServerError

SPOOL_INPUT_BYTES = 16 * 1024**2
MAX_SPOOL_FILES = 256
FRAME_BYTES = 8
# Post-level link -> the account-level edge it makes (derive-account-edges).
DERIVED_TYPES = {"RETWEET_OF": "RETWEETED", "REPLY_TO": "REPLIED_TO", "QUOTES": "QUOTED"}
# The import leaves every account as derive-account-edges leaves the accounts it derived.
ACCOUNTS = "Account:StaleAmplification:StaleActivity"

# What the spool holds: tuples whose first item says what they are.
FULL_POST, LINK, ENTITIES, LIKE, HASHTAG, URL, DOMAIN, NAME = range(8)
# What the derivation's spool of acting posts holds.
ACTING_POST, ACTED_ON = range(2)


class BulkError(InputError):
    """A bulk load that cannot run here (a database with data, a server that is not ours)."""


# ---------------------------------------------------------------------------------- model


@dataclass(slots=True)
class AccountNode:
    platform: str
    id: str | None
    # The screen name of the reference that made the node, when a reference made it.
    stub_name: str | None = None
    # Its rank among the accounts by when each first had a profile (None: it never had one).
    profile_order: int | None = None


class Spool:
    """Observations (of posts, hashtags, urls, domains and names; or of profiles), as tuples,
    hash-partitioned into files."""

    def __init__(self, folder: Path, parts: int, name: str = "spool") -> None:
        self.paths = [spool_file(folder, name, part) for part in range(parts)]
        self.files = [open(path, "wb") for path in self.paths]  # noqa: SIM115
        self.buffers: list[list[tuple[Any, ...]]] = [[] for _ in range(parts)]

    def put(self, key: str, item: tuple[Any, ...]) -> None:
        self.buffers[hash(key) % len(self.buffers)].append(item)

    def flush(self) -> None:
        for buffer, handle in zip(self.buffers, self.files, strict=True):
            if buffer:
                chunk = marshal.dumps(buffer)
                handle.write(len(chunk).to_bytes(FRAME_BYTES, "little"))
                handle.write(chunk)
                buffer.clear()

    def close(self) -> None:
        self.flush()
        for handle in self.files:
            handle.close()

    def read(self, part: int) -> Iterator[tuple[Any, ...]]:
        return read_spool([self.paths[part]])


def spool_file(folder: Path, name: str, part: int) -> Path:
    return folder / f"{name}-{part}.bin"


def read_spool(paths: list[Path]) -> Iterator[tuple[Any, ...]]:
    """The items of spool files, one file after another; each file is deleted once read."""
    for path in paths:
        # Length-framed chunks, because marshal.load on a file reads it through one method
        # call per object, seven times slower than marshal.loads on the chunk's bytes.
        with open(path, "rb") as handle:
            while frame := handle.read(FRAME_BYTES):
                yield from marshal.loads(handle.read(int.from_bytes(frame, "little")))
        path.unlink()


class Model:
    """What the incremental writer would make of the batches seen so far: the accounts (in
    memory), their profiles and everything about posts (spooled)."""

    def __init__(self, spool: Spool, profile_spool: Spool, profile_buffer: int) -> None:
        self.spool = spool
        self.profile_spool = profile_spool
        self.profile_buffer = profile_buffer
        self.accounts: dict[str, AccountNode] = {}
        # Profiles folded since they were last spilled to the profile spool.
        self.profiles: dict[str, AccountRow] = {}
        self.spilled = False
        self.profiled = 0
        # (platform, lower-case screen name) -> account key: the newest batch profile with
        # that name, and the first account a reference made with that name.
        self.names: dict[tuple[str, str], str] = {}
        self.stub_names: dict[tuple[str, str], str] = {}
        self.posts_written = 0
        self.likes_written = 0

    def add(self, batch: Batch) -> None:
        resolved = self._resolve(batch)
        self._make_accounts(batch, resolved)
        self._spool_posts(batch, resolved)
        self.spool.flush()
        for key in batch.accounts:
            node = self.accounts[key]
            if node.profile_order is None:
                node.profile_order = self.profiled
                self.profiled += 1
        fold_profiles(batch, self.profiles, self.names)
        if len(self.profiles) >= self.profile_buffer:
            self.spill_profiles()
        self.posts_written += len(batch.posts)
        self.likes_written += len(batch.likes)

    def _resolve(self, batch: Batch) -> dict[AccountRef, str]:
        resolved, by_name = resolve_known(batch, self.names)
        # What the writer would find in the graph: accounts made from a named reference. Only
        # the names still unresolved are looked up (copying every such account's name into
        # by_name made each batch cost as much as all the accounts seen so far).
        for ref in batch.references():
            if ref not in resolved and ref.screen_name is not None:
                name = (ref.platform, ref.screen_name.lower())
                if name not in by_name and name in self.stub_names:
                    by_name[name] = self.stub_names[name]
        return finish_resolving(batch, resolved, by_name)

    def _make_accounts(self, batch: Batch, resolved: dict[AccountRef, str]) -> None:
        for key, row in batch.accounts.items():
            if key not in self.accounts:
                self.accounts[key] = AccountNode(row.platform, row.id)
        for ref, key in resolved.items():
            if key in self.accounts:
                continue
            self.accounts[key] = AccountNode(ref.platform, ref.id, ref.screen_name)
            if ref.screen_name and not key.startswith(f"{ref.platform}:@"):
                self.stub_names.setdefault((ref.platform, ref.screen_name.lower()), key)

    def _spool_posts(self, batch: Batch, resolved: dict[AccountRef, str]) -> None:
        # In the order of the writer's statements: posts, links, entities, likes.
        put = self.spool.put
        for key, post in batch.posts.items():
            put(key, (
                FULL_POST, key, post.platform, post.id, resolved[post.author], post.text,
                iso(post.created_at), post.lang, post.kind, post.source, post.like_count,
                post.retweet_count, post.reply_count, post.quote_count,
            ))  # fmt: skip
        for key, post in batch.posts.items():
            for kind, target, author in (
                ("RETWEET_OF", post.retweet_of, post.retweet_of_author),
                ("REPLY_TO", post.reply_to, post.reply_to_author),
                ("QUOTES", post.quotes, post.quotes_author),
            ):
                if target:
                    target_key = post_key(post.platform, target)
                    put(target_key, (
                        LINK, target_key, post.platform, target, key, kind,
                        resolved[author] if author else None,
                    ))  # fmt: skip
        entities: set[tuple[int, str]] = set()
        for key, post in batch.posts.items():
            mentions = tuple(dict.fromkeys(resolved[ref] for ref in post.mentions))
            if not (post.hashtags or post.urls or mentions):
                continue
            tags = tuple(dict.fromkeys(tag.lower() for tag in post.hashtags))
            put(key, (ENTITIES, key, tags, tuple(post.urls), mentions))
            entities.update((HASHTAG, tag) for tag in tags)
            entities.update((URL, url) for url in post.urls)
        for what, name in entities:
            if what == URL:
                domain = url_domain(name)
                put(name, (URL, name, domain))
                if domain is not None:
                    put(domain, (DOMAIN, domain))
            else:
                put(name, (HASHTAG, name))
        for like in batch.likes:
            key = post_key(like.platform, like.post_id)
            put(key, (
                LIKE, key, like.platform, like.post_id, resolved[like.account],
                resolved[like.post_author] if like.post_author else None, iso(like.at),
            ))  # fmt: skip

    def spill_profiles(self) -> None:
        put = self.profile_spool.put
        for key, row in self.profiles.items():
            put(key, account_row_tuple(row))
        self.profile_spool.flush()
        self.profiles.clear()
        self.spilled = True

    def close_profiles(self) -> None:
        """The input is read: what is left of the profiles goes to the spool, if it has any."""
        if self.spilled:
            self.spill_profiles()
        self.profile_spool.close()

    def folded_profiles(self, parts: range) -> Iterator[AccountRow]:
        """The profiles of the accounts of spool files ``parts``, each folded over the whole
        input (close_profiles first); all of them, from memory, when none was spilled."""
        if not self.spilled:
            yield from self.profiles.values()
            return
        for part in parts:
            rows: dict[str, AccountRow] = {}
            for item in self.profile_spool.read(part):
                row = account_row_from(item)
                known = rows.get(row.key)
                if known is None:
                    rows[row.key] = row
                else:
                    known.absorb(row)
            yield from rows.values()


def account_row_tuple(row: AccountRow) -> tuple[Any, ...]:
    """An AccountRow as marshal stores it (times as ISO-8601 text)."""
    record = row.profile
    profile = None if record is None else (
        record.platform, record.id, record.screen_name, record.display_name,
        iso(record.created_at), record.followers, record.following, record.verified,
        record.description, record.location, iso(record.seen_at),
    )  # fmt: skip
    names = tuple((kind, value, iso(first), iso(last))
                  for (kind, value), (first, last) in row.names.items())  # fmt: skip
    return (row.key, row.platform, row.id, profile, iso(row.first_seen), iso(row.last_seen),
            names)  # fmt: skip


def account_row_from(item: tuple[Any, ...]) -> AccountRow:
    key, platform, account_id, profile, first_seen, last_seen, names = item
    record = None
    if profile is not None:
        record = AccountRecord(
            *profile[:4], instant(profile[4]), *profile[5:10], instant(profile[10])
        )
    return AccountRow(
        key, platform, account_id, record, instant(first_seen), instant(last_seen),
        {(kind, value): [instant(first), instant(last)] for kind, value, first, last in names},
    )  # fmt: skip


def instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


# ------------------------------------------------------------------------------ CSV files


def text(value: str | None) -> str:
    return "" if value is None else '"' + value.replace('"', '""') + '"'


def number(value: int | None) -> str:
    return "" if value is None else str(int(value))


def boolean(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def moment(value: datetime | None) -> str:
    return "" if value is None else value.isoformat()


# Each group of neo4j-admin import input: --nodes or --relationships, and its header.
LAYOUT = {
    ACCOUNTS: (
        "nodes",
        "key:ID(Account),platform,id,collections:string[],screen_name,"
        "screen_name_lower,display_name,created_at:datetime,followers:long,"
        "following:long,verified:boolean,description,location,first_seen:datetime,"
        "last_seen:datetime,profile_seen_at:datetime,handle_score:double,handle_kind,"
        "handle_key,name_script,display_key,several_names:boolean",
    ),
    "Name": ("nodes", "key:ID(Name),kind,value,value_lower,value_key"),
    "Post": (
        "nodes",
        "key:ID(Post),platform,id,collections:string[],text,created_at:datetime,lang,"
        "kind,source,like_count:long,retweet_count:long,reply_count:long,"
        "quote_count:long,seen:boolean,script,format,acted_on:boolean",
    ),
    "Hashtag": ("nodes", "name:ID(Hashtag),collections:string[]"),
    "Url": ("nodes", "url:ID(Url),collections:string[]"),
    "Domain": ("nodes", "name:ID(Domain)"),
    "USED_NAME": (
        "relationships",
        ":START_ID(Account),:END_ID(Name),first_seen:datetime,last_seen:datetime",
    ),
    "POSTED": ("relationships", ":START_ID(Account),:END_ID(Post)"),
    "LINKED": ("relationships", ":START_ID(Post),:END_ID(Post),:TYPE"),
    "MENTIONS": ("relationships", ":START_ID(Post),:END_ID(Account)"),
    "TAGGED": ("relationships", ":START_ID(Post),:END_ID(Hashtag)"),
    "LINKS": ("relationships", ":START_ID(Post),:END_ID(Url)"),
    "ON_DOMAIN": ("relationships", ":START_ID(Url),:END_ID(Domain)"),
    "LIKED": (
        "relationships",
        ":START_ID(Account),:END_ID(Post),at:datetime,collections:string[]",
    ),
    "DERIVED": (
        "relationships",
        ":START_ID(Account),:END_ID(Account),:TYPE,count:long,first_at:datetime,last_at:datetime",
    ),
}

# Group name -> (data file, whether a field in it spans lines), for each file one producer
# (the main process, or a worker) wrote.
Written = dict[str, tuple[str, bool]]


def table_file(folder: Path, name: str, producer: str) -> Path:
    option = LAYOUT[name][0]
    return folder / f"{option}-{name.replace(':', '-')}-{producer}.csv"


class Table:
    """One data file of an import group."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: TextIO = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.multiline = False

    def write(self, line: str) -> None:
        if "\n" in line or "\r" in line:
            self.multiline = True
        self.handle.write(line + "\n")


@dataclass
class Tables:
    """The import data files one producer writes, each opened when first written."""

    folder: Path
    collection: str
    producer: str
    tables: dict[str, Table] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.collections = text(self.collection)

    def __getitem__(self, name: str) -> Table:
        table = self.tables.get(name)
        if table is None:
            table = self.tables[name] = Table(table_file(self.folder, name, self.producer))
        return table

    def close(self) -> Written:
        for table in self.tables.values():
            table.handle.close()
        return {name: (str(t.path), t.multiline) for name, t in self.tables.items()}


def import_arguments(folder: Path, collection: str, written: list[Written]) -> list[str]:
    """neo4j-admin's --nodes and --relationships for every group some producer wrote (one
    header file, then each producer's data file), and the options the data needs."""
    arguments: list[str] = []
    multiline: list[str] = []
    for name, (option, header) in LAYOUT.items():
        files = [entry[name] for entry in written if name in entry]
        if not files:
            continue
        header_path = table_file(folder, name, "header")
        header_path.write_text(header + "\n", encoding="utf-8")
        # Rows that name their own type (a :TYPE column) need no group name.
        group = "" if ":TYPE" in header else f"{name}="
        paths = ",".join(path for path, _ in files)
        arguments.append(f"--{option}={group}{header_path},{paths}")
        multiline += [path for path, spans_lines in files if spans_lines]
    if multiline:
        arguments += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
    # The array delimiter must not occur in the one collection name every node lists.
    delimiter = next(c for c in "\x1f\x1e\x1d\x1c;|" if c not in collection)
    return [*arguments, f"--array-delimiter=U+{ord(delimiter):04X}"]


def write_profiles(folder: Path, collection: str, model: Model, task: int,
                   tasks: int) -> tuple[dict[str, tuple[int, str]], Written]:  # fmt: skip
    """The accounts with a profile, of every ``tasks``-th profile spool file from the
    ``task``-th, and their USED_NAME, as write-account-refs then write-accounts leave them: a
    reference's screen name stays unless a dated profile brings another. Their Name nodes go
    to a names spool, partitioned as the post spool, which writes each once. Returns, for each
    placeholder some account's newest profile names, the first such account (in profile
    order) with its rank; and the files written."""
    tables = Tables(folder, collection, f"accounts{task}")
    names = Spool(folder, len(model.spool.paths), f"names-accounts{task}")
    firsts: dict[str, tuple[int, str]] = {}
    for row in model.folded_profiles(range(task, len(model.profile_spool.paths), tasks)):
        key, node, profile = row.key, model.accounts[row.key], row.profile
        assert profile is not None and node.profile_order is not None
        write_profiled_account(row, node, tables, names)
        if profile.screen_name:
            placeholder = placeholder_key(row.platform, profile.screen_name)
            if placeholder in model.accounts and (
                placeholder not in firsts or node.profile_order < firsts[placeholder][0]
            ):
                firsts[placeholder] = (node.profile_order, key)
    names.close()
    return firsts, tables.close()


def write_accounts(folder: Path, collection: str, model: Model,
                   tasks: int) -> tuple[dict[str, str], list[Written]]:  # fmt: skip
    """Every account node and USED_NAME (write_profiles as ``tasks`` tasks, then the accounts
    only references made). Returns the placeholder
    merges (placeholder key -> the account it merges into, the first in profile order whose
    newest profile has the placeholder's screen name) and the files written."""
    model.close_profiles()
    found = on_workers(write_profiles, tasks, folder, collection, model)
    firsts: dict[str, tuple[int, str]] = {}
    for found_firsts, _ in found:
        for placeholder, first in found_firsts.items():
            firsts[placeholder] = min(first, firsts.get(placeholder, first))
    merged = {placeholder: key for placeholder, (_, key) in firsts.items()}
    tables = Tables(folder, collection, "references")
    collections = tables.collections
    for key, node in model.accounts.items():
        if node.profile_order is None and key not in merged:
            screen_name = node.stub_name
            tables[ACCOUNTS].write(
                f"{text(key)},{text(node.platform)},{text(node.id)},{collections},"
                f"{text(screen_name)},{text(lower(screen_name))},,,,,,,,,,"
                f",{scores(screen_name, None)},"
            )
    return merged, [files for _, files in found] + [tables.close()]


def write_profiled_account(row: AccountRow, node: AccountNode, tables: Tables,
                           spool: Spool) -> None:  # fmt: skip
    profile = row.profile
    assert profile is not None
    key = row.key
    if profile.seen_at is not None:
        screen_name = profile.screen_name if profile.screen_name is not None else node.stub_name
    else:
        screen_name = node.stub_name if node.stub_name is not None else profile.screen_name
    tables[ACCOUNTS].write(
        f"{text(key)},{text(node.platform)},{text(node.id)},{tables.collections},"
        f"{text(screen_name)},{text(lower(screen_name))},{text(profile.display_name)},"
        f"{moment(profile.created_at)},{number(profile.followers)},"
        f"{number(profile.following)},{boolean(profile.verified)},"
        f"{text(profile.description)},{text(profile.location)},{moment(row.first_seen)},"
        f"{moment(row.last_seen)},{moment(profile.seen_at)},"
        f"{scores(screen_name, profile.display_name)},"
        f"{'true' if row.several_names() else ''}"
    )
    used = tables["USED_NAME"]
    for (kind, value), (first, last) in row.names.items():
        name_key = f"{kind}:{value}"
        spool.put(name_key, (NAME, name_key, kind, value))
        used.write(f"{text(key)},{text(name_key)},{moment(first)},{moment(last)}")


def scores(screen_name: str | None, display_name: str | None) -> str:
    """handle_score, handle_kind, handle_key, name_script, display_key, as write-accounts and
    write-account-refs store them."""
    fields = account_names(screen_name, display_name)
    score = fields["handle_score"]
    return (
        f"{'' if score is None else repr(score)},{text(fields['handle_kind'])},"
        f"{text(fields['handle_key'])},{text(fields['name_script'])},"
        f"{text(fields['display_key'])}"
    )


def lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


@dataclass(slots=True)
class PostNode:
    platform: str
    id: str
    # text, created_at, lang, kind, source, like, retweet, reply and quote counts; None: stub
    fields: list[Any] | None = None
    authors: list[str] = field(default_factory=list)
    links: dict[tuple[str, str], None] | None = None  # (source post, type) -> this post
    tags: dict[str, None] | None = None
    urls: dict[str, None] | None = None
    mentions: dict[str, None] | None = None
    likes: dict[str, str | None] | None = None  # account -> earliest time


def fold_part(items: Iterator[tuple[Any, ...]], merged: dict[str, str], tables: Tables,
              derivation: Derivation) -> int:  # fmt: skip
    """Fold one spool file into CSV rows, as the writer's statements would leave the graph,
    and give the derivation what it needs of its posts. Returns the number of posts."""
    posts: dict[str, PostNode] = {}
    hashtags: set[str] = set()
    urls: set[str] = set()
    domains: set[str] = set()
    names: set[str] = set()

    def node(key: str, platform: str, post_id: str) -> PostNode:
        post = posts.get(key)
        if post is None:
            post = posts[key] = PostNode(platform, post_id)
        return post

    for item in items:
        kind = item[0]
        if kind == FULL_POST:
            post = node(item[1], item[2], item[3])
            values = item[5:]
            if post.fields is None:
                post.fields = list(values)
            else:
                fold_fields(post.fields, values)
            if item[4] not in post.authors:
                post.authors.append(item[4])
        elif kind == LINK:
            post = node(item[1], item[2], item[3])
            if post.links is None:
                post.links = {}
            post.links[(item[4], item[5])] = None
            if item[6] is not None and not post.authors:
                post.authors.append(item[6])
        elif kind == ENTITIES:
            post = posts[item[1]]
            post.tags = add_keys(post.tags, item[2])
            post.urls = add_keys(post.urls, item[3])
            post.mentions = add_keys(post.mentions, item[4])
        elif kind == LIKE:
            post = node(item[1], item[2], item[3])
            if post.likes is None:
                post.likes = {}
            account, at = item[4], item[6]
            if account not in post.likes:
                post.likes[account] = at
            else:
                post.likes[account] = earliest(post.likes[account], at)
            if item[5] is not None and not post.authors:
                post.authors.append(item[5])
        elif kind == HASHTAG:
            hashtags.add(item[1])
        elif kind == URL:
            if item[1] not in urls:
                urls.add(item[1])
                tables["Url"].write(f"{text(item[1])},{tables.collections}")
                if item[2] is not None:
                    tables["ON_DOMAIN"].write(f"{text(item[1])},{text(item[2])}")
        elif kind == DOMAIN:
            domains.add(item[1])
        elif kind == NAME and item[1] not in names:
            names.add(item[1])
            tables["Name"].write(
                f"{text(item[1])},{text(item[2])},{text(item[3])},{text(item[3].lower())},"
                f"{text(names_key(item[3]))}"
            )
    for name in hashtags:
        tables["Hashtag"].write(f"{text(name)},{tables.collections}")
    for name in domains:
        tables["Domain"].write(text(name))
    for key, post in posts.items():
        write_post(key, post, merged, tables, derivation)
    derivation.acting.flush()
    derivation.edges.flush()
    return len(posts)


def fold_fields(known: list[Any], values: tuple[Any, ...]) -> None:
    """write-posts: the fuller text; the latest time; the first non-null language and source;
    the first kind other than 'post'; the largest engagement counts."""
    known[0] = fuller_text(known[0], values[0])
    known[1] = latest(known[1], values[1])
    for index in (2, 4):
        if known[index] is None:
            known[index] = values[index]
    if known[3] == "post":
        known[3] = values[3]
    for index in range(5, 9):
        value = values[index]
        if value is not None and (known[index] is None or value > known[index]):
            known[index] = value


def add_keys(known: dict[str, None] | None, keys: tuple[str, ...]) -> dict[str, None] | None:
    if not keys:
        return known
    if known is None:
        known = {}
    known.update(dict.fromkeys(keys))
    return known


def latest(a: str | None, b: str | None) -> str | None:
    return _chosen_time(max, a, b)


def earliest(a: str | None, b: str | None) -> str | None:
    return _chosen_time(min, a, b)


def _chosen_time(pick: Callable[..., str], a: str | None, b: str | None) -> str | None:
    """Of two ISO-8601 times, the one ``pick`` chooses by time (a on a tie), or the one given."""
    if a is None or b is None:
        return a if b is None else b
    return pick(a, b, key=datetime.fromisoformat)


def write_post(key: str, post: PostNode, merged: dict[str, str], tables: Tables,
               derivation: Derivation) -> None:  # fmt: skip
    quoted = text(key)
    head = f"{quoted},{text(post.platform)},{text(post.id)},{tables.collections}"
    values = post.fields
    # write-post-links and write-likes mark the posts acted on.
    acted_on = "true" if post.links or post.likes else ""
    if values is None:
        tables["Post"].write(f"{head},,,,,,,,,,false,,,{acted_on}")
    else:
        # write-posts keeps a count only once it exceeds -1.
        counts = [v if v is not None and v > -1 else None for v in values[5:9]]
        fields = post_fields(values[0])
        tables["Post"].write(
            f"{head},{text(values[0])},{values[1] or ''},{text(values[2])},{text(values[3])},"
            f"{text(values[4])},{number(counts[0])},{number(counts[1])},{number(counts[2])},"
            f"{number(counts[3])},true,{text(fields['script'])},{text(fields['format'])},"
            f"{acted_on}"
        )
    authors = tuple(dict.fromkeys(merged.get(a, a) for a in post.authors))
    for author in authors:
        tables["POSTED"].write(f"{text(author)},{quoted}")
    created_at = values[1] if values is not None else None
    if authors:
        derivation.acting.put(key, (ACTING_POST, key, authors, created_at))
    if post.links:
        for source, kind in post.links:
            tables["LINKED"].write(f"{text(source)},{quoted},{kind}")
            if authors:
                derivation.acting.put(source, (ACTED_ON, source, DERIVED_TYPES[kind], authors))
    if post.tags:
        for tag in post.tags:
            tables["TAGGED"].write(f"{quoted},{text(tag)}")
    if post.urls:
        for url in post.urls:
            tables["LINKS"].write(f"{quoted},{text(url)}")
    if post.mentions:
        for account in dict.fromkeys(merged.get(a, a) for a in post.mentions):
            tables["MENTIONS"].write(f"{quoted},{text(account)}")
            for author in authors:
                derivation.edge("MENTIONED", author, account, created_at)
    if post.likes:
        likes: dict[str, str | None] = {}
        for account, at in post.likes.items():
            account = merged.get(account, account)
            likes[account] = earliest(likes[account], at) if account in likes else at
        for account, at in likes.items():
            tables["LIKED"].write(f"{text(account)},{quoted},{at or ''},{tables.collections}")
            for author in authors:
                derivation.edge("LIKED_POST_OF", account, author, at or created_at)


class Derivation:
    """What one producer gives the derivation of the account-level edges (see the module's
    notes): two spools, partitioned as the post spool is."""

    def __init__(self, folder: Path, parts: int, producer: str) -> None:
        # By the acting post's key: its authors and time, and the authors it acted on.
        self.acting = Spool(folder, parts, f"acting-{producer}")
        # By the acting account: (type, account, account acted on, time of the act).
        self.edges = Spool(folder, parts, f"edges-{producer}")

    def edge(self, kind: str, source: str, target: str, at: str | None) -> None:
        put_edge(self.edges, kind, source, target, at)

    def close(self) -> None:
        self.acting.close()
        self.edges.close()


def put_edge(edges: Spool, kind: str, source: str, target: str, at: str | None) -> None:
    """One act behind an edge: each post (or liked post) gives an edge one act only."""
    if source != target:
        edges.put(source, (kind, source, target, at))


def spool_files(folder: Path, name: str, producers: list[str], part: int) -> list[Path]:
    return [spool_file(folder, f"{name}-{producer}", part) for producer in producers]


def fold_posts(folder: Path, collection: str, parts: int, merged: dict[str, str],
               producers: list[str], task: int, tasks: int) -> tuple[int, Written]:  # fmt: skip
    """Fold every ``tasks``-th post spool file, from the ``task``-th, with the names spool
    files of ``producers``, into import rows; return the number of posts and the files."""
    tables = Tables(folder, collection, f"fold{task}")
    derivation = Derivation(folder, parts, f"fold{task}")
    posts = 0
    for part in range(task, parts, tasks):
        paths = [spool_file(folder, "spool", part), *spool_files(folder, "names", producers, part)]
        posts += fold_part(read_spool(paths), merged, tables, derivation)
    derivation.close()
    return posts, tables.close()


def pair_acts(folder: Path, parts: int, producers: list[str], task: int, tasks: int) -> None:
    """Pair the acting posts with the authors they acted on, for every ``tasks``-th part: one
    act per post behind each edge, into an edge spool of the task's own."""
    edges = Spool(folder, parts, f"edges-pair{task}")
    for part in range(task, parts, tasks):
        acting: dict[str, tuple[tuple[str, ...], str | None]] = {}
        acted_on: list[tuple[Any, ...]] = []
        for item in read_spool(spool_files(folder, "acting", producers, part)):
            if item[0] == ACTING_POST:
                acting[item[1]] = (item[2], item[3])
            else:
                acted_on.append(item)
        # A post acts on one post of each type; should it have two (two captures that
        # disagree), its edge to their author still counts it once.
        counted: set[tuple[str, str, str, str]] = set()
        for _, source, kind, targets in acted_on:
            known = acting.get(source)
            if known is None:
                continue
            authors, at = known
            for author in authors:
                for target in targets:
                    if (kind, author, target, source) not in counted:
                        counted.add((kind, author, target, source))
                        put_edge(edges, kind, author, target, at)
        edges.flush()
    edges.close()


def count_edges(folder: Path, collection: str, parts: int, producers: list[str], task: int,
                tasks: int) -> Written:  # fmt: skip
    """Count the acts behind each account-level edge, for every ``tasks``-th part of the edge
    spools, into DERIVED rows."""
    tables = Tables(folder, collection, f"count{task}")
    for part in range(task, parts, tasks):
        # (type, source, target) -> [count, first_at, last_at]
        found: dict[tuple[str, str, str], list[Any]] = {}
        for kind, source, target, at in read_spool(spool_files(folder, "edges", producers, part)):
            entry = found.get((kind, source, target))
            if entry is None:
                found[(kind, source, target)] = [1, at, at]
            else:
                entry[0] += 1
                entry[1] = earliest(entry[1], at)
                entry[2] = latest(entry[2], at)
        for (kind, source, target), (count, first_at, last_at) in found.items():
            tables["DERIVED"].write(
                f"{text(source)},{text(target)},{kind},{count},{first_at or ''},{last_at or ''}"
            )
    return tables.close()


R = TypeVar("R")


def on_workers(task: Callable[..., R], workers: int, *arguments: Any) -> list[R]:
    """``task(*arguments, index, workers)`` for each index, on ``workers`` forked processes:
    forked, they share the parent's model without copying it, and its string hashing, which
    picks the spool files. Each sends back its result (or its exception)."""
    if workers == 1:
        return [task(*arguments, 0, 1)]
    context = multiprocessing.get_context("fork")
    receivers: list[Connection] = []
    processes: list[BaseProcess] = []
    try:
        for index in range(workers):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_work, args=(sender, task, arguments, index, workers), daemon=True
            )
            process.start()
            # Closed here, so a worker that dies without answering gives EOF, not a hang.
            sender.close()
            receivers.append(receiver)
            processes.append(process)
        outcomes = [
            _outcome(receiver, process)
            for receiver, process in zip(receivers, processes, strict=True)
        ]
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
    for _, error in outcomes:
        if error is not None:
            raise error
    return [result for result, _ in outcomes]


def _work(sender: Connection, task: Callable[..., Any], arguments: tuple[Any, ...], index: int,
          workers: int) -> None:  # fmt: skip
    try:
        outcome: tuple[Any, BaseException | None] = (task(*arguments, index, workers), None)
    except BaseException as error:  # every failure, an interrupt too, goes to the parent
        outcome = (None, error)
    try:
        sender.send(outcome)
    except Exception:  # an exception that cannot be pickled: its text, then
        sender.send((None, BulkError("".join(traceback.format_exception(outcome[1])))))


def _outcome(receiver: Connection, process: BaseProcess) -> tuple[Any, BaseException | None]:
    try:
        return receiver.recv()
    except EOFError:
        process.join()
        raise BulkError(
            f"a process writing the import files ended without an answer (exit code "
            f"{process.exitcode}); the load was not imported"
        ) from None


def fold_workers() -> int:
    """Processes for the folding: one per core (up to 4), where processes can be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


# ----------------------------------------------------------------------------- the load


def managed_server(settings: Settings) -> ManagedServer:
    """The managed server behind ``settings``: neo4j-admin can only write a local store."""
    if not settings.managed:
        raise BulkError(
            f"--bulk needs the managed local server (neo4j-admin writes its store), not "
            f"{settings.uri}: unset NEO4J_URI and --uri, or load without --bulk"
        )
    return ManagedServer()


def spool_parts(files: list[Path]) -> int:
    size = sum(path.stat().st_size for path in files)
    return max(4, min(MAX_SPOOL_FILES, size // SPOOL_INPUT_BYTES + 1))


def bulk_load(
    server: ManagedServer,
    paths: list[Path],
    collection: str,
    fmt: str = "auto",
    strict: bool = False,
    rejects_dir: Path | None = None,
    database: str | None = None,
    batch_records: int = DEFAULT_BATCH_RECORDS,
    on_file_start: Callable[[FileReport], None] | None = None,
    on_progress: ProgressHook | None = None,
    say: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load ``paths`` into the empty database of the running managed ``server``."""
    if not collection.strip():
        raise InputError("a collection needs a name")
    if database not in (None, "neo4j"):
        raise BulkError(f"--bulk imports into the database 'neo4j' only, not {database!r}")
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    announce = say or (lambda message: None)
    files = expand_paths(paths)
    state = server.run_state()
    if state is None:
        raise ServerError("the managed server is not running: start it with `infoops db start`")
    settings = Settings(
        uri=f"neo4j://127.0.0.1:{state.bolt_port}", username=USERNAME,
        password=server.password(), managed=True,
    )  # fmt: skip
    with Graph(settings) as graph:
        nodes = graph.query(statement("bulk-database-nodes"))[0]["nodes"]
    if nodes:
        raise BulkError(
            f"the database is not empty ({nodes} nodes): --bulk loads into an empty database "
            "only; load without --bulk to add to it, or empty it first "
            "(`infoops collections drop NAME`)"
        )
    report = LoadReport(collection=collection, load_id=uuid.uuid4().hex)
    report.files = [
        FileReport(path=str(p), format=fmt, size=p.stat().st_size, sha256=file_sha256(p))
        for p in files
    ]
    # As load records them: the format asked for, before sniffing.
    begun = [
        {"path": f.path, "size": f.size, "sha256": f.sha256, "format": f.format}
        for f in report.files
    ]
    with (
        server.offline(f"a bulk load of {collection!r}"),
        TemporaryDirectory(dir=server.home, prefix="bulk-") as folder,
    ):
        # Stopping takes seconds of waiting, not of work: it overlaps with parsing.
        stopper = threading.Thread(target=server.stop, name="infoops-stop", daemon=True)
        stopper.start()
        try:
            try:
                # A process forked while the stopping thread runs could inherit its locks.
                arguments = _prepare(
                    Path(folder), files, collection, fmt, strict, batch_records, report,
                    on_file_start, on_progress, announce, stopper.join,
                )  # fmt: skip
            finally:
                stopper.join()
            announce(f"{report.records:,} records read; importing them with neo4j-admin …")
            server.import_full(
                [*arguments, f"--report-file={folder}/import.report",
                 f"--max-off-heap-memory={state.pagecache or '2g'}", "--bad-tolerance=0"],
                heap=state.heap,
            )  # fmt: skip
        except BaseException:
            report.seconds = time.perf_counter() - started
            _write_rejects(report, rejects_dir)
            raise
        finally:
            announce("starting the server again …")
            server.start(state.bolt_port, state.http_port, state.heap, state.pagecache)
    announce("building constraints and indexes …")
    with Graph(settings) as graph:
        Writer(graph, collection).ensure_schema()
        for cypher in statements("bulk-finish"):
            graph.query(cypher)
        graph.query(statement("load-begin"), {
            "collection": collection, "load_id": report.load_id, "started_at": started_at,
            "files": begun, "host": socket.gethostname(), "pid": os.getpid(),
        })  # fmt: skip
        announce("deriving the amplification and activity of the accounts …")
        # The account-level edges came with the import: derive_account_edges finds no account
        # marked StaleEdges and goes on to the amplification and activity steps.
        derive_account_edges(graph)
        report.nodes_added, report.relationships_added = graph_counts(graph)
        report.seconds = time.perf_counter() - started
        _write_rejects(report, rejects_dir)
        posts = _finish(graph, report, "completed", None)
        announce("measuring the collection for compare …")
        measure_collection(graph, collection, report.load_id, started_at, posts)
    return report


def _prepare(
    folder: Path,
    files: list[Path],
    collection: str,
    fmt: str,
    strict: bool,
    batch_records: int,
    report: LoadReport,
    on_file_start: Callable[[FileReport], None] | None,
    on_progress: ProgressHook | None,
    announce: Callable[[str], None],
    settle: Callable[[], None] = lambda: None,
    workers: int | None = None,
) -> list[str]:
    """Parse every file into the model and write the import CSVs (the collector paused);
    return neo4j-admin's arguments for them. ``settle`` runs once the input is parsed, before
    ``workers`` processes (default: fold_workers()) are forked to fold it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        parts = spool_parts(files)
        spool = Spool(folder, parts)
        model = Model(spool, Spool(folder, parts, "profiles"), PROFILE_BUFFER)
        for path, file_report in zip(files, report.files, strict=True):
            if on_file_start:
                on_file_start(file_report)
            _load_file(model.add, path, file_report, fmt, strict, batch_records, report,
                       on_progress, prefetch=False)  # fmt: skip
        settle()
        announce("writing the import files …")
        workers = fold_workers() if workers is None else workers
        # Profiles that all fit in memory (never spilled) are folded here, in one task.
        account_tasks = workers if model.spilled else 1
        merged, written = write_accounts(folder, collection, model, account_tasks)
        spool.close()
        producers = [f"accounts{task}" for task in range(account_tasks)]
        folded = on_workers(fold_posts, workers, folder, collection, parts, merged, producers)
        written += [files for _, files in folded]
        announce("deriving the account-level edges …")
        folders = [f"fold{task}" for task in range(workers)]
        on_workers(pair_acts, workers, folder, parts, folders)
        producers = folders + [f"pair{task}" for task in range(workers)]
        written += on_workers(count_edges, workers, folder, collection, parts, producers)
        tally = report.tally
        tally.accounts_created = tally.accounts_written = len(model.accounts)
        tally.posts_created = sum(posts for posts, _ in folded)
        tally.posts_written = model.posts_written
        tally.likes_written = model.likes_written
        return import_arguments(folder, collection, written)
    finally:
        if collecting:
            gc.enable()
