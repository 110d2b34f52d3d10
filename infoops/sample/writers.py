"""Writers of the real input formats, fed one tweet or like at a time in time order.

- ``v1``: Twitter API v1.1 statuses (extended mode, ``full_text``), one JSON object a line.
- ``twarc2``: API v2 tweets as ``twarc2 flatten`` writes them, expansions inlined.
- ``io``: Twitter's information-operations archive: the 31-column tweets file + users file.
- ``cnt``: the CSV that ``coordination_network_toolkit preprocess --format csv`` reads.
- ``generic``: the project's generic CSV pair; carries the likes (v1.1 has none) and Facebook.
"""

from __future__ import annotations

import csv
from array import array
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from infoops.sample import vocab
from infoops.sample.content import Content
from infoops.sample.facebook import FacebookPart
from infoops.sample.render import (
    BoundedCache,
    Renderer,
    date_only,
    iso_time,
    minute_time,
    twitter_time,
)
from infoops.sample.world import Kind

ACCOUNT_COLUMNS = (
    "platform", "account_id", "screen_name", "display_name", "created_at", "followers",
    "following", "verified", "description", "location",
)
INTERACTION_COLUMNS = (
    "platform", "source", "target", "type", "post_id", "time", "interaction_id", "text",
    "hashtags",
)
CNT_COLUMNS = (
    "message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls",
)
IO_TWEET_COLUMNS = (
    "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time",
    "tweet_client_name", "in_reply_to_userid", "in_reply_to_tweetid", "quoted_tweet_tweetid",
    "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count",
    "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions",
    "poll_choices",
)
IO_USER_COLUMNS = (
    "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language",
)
_JSON_BOOL = (b"false", b"true")
_V1_USER = (
    b'{"id":%d,"id_str":"%d","name":%s,"screen_name":"%s","location":%s,"description":%s,'
    b'"url":null,"protected":false,"followers_count":%d,"friends_count":%d,"listed_count":%d,'
    b'"created_at":"%s","favourites_count":%d,"verified":%s,"statuses_count":%d,'
    b'"profile_image_url_https":"%s","default_profile":%s,"default_profile_image":%s}'
)
_SOURCES = [f'<a href="{href}" rel="nofollow">{name}</a>' for name, href in vocab.CLIENTS]
_TWARC_URL = (
    "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id"
    "%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username"
    "&tweet.fields=author_id%2Cconversation_id%2Ccreated_at%2Centities%2Cid"
    "%2Cin_reply_to_user_id%2Clang%2Cpublic_metrics%2Creferenced_tweets%2Csource%2Ctext"
    "&user.fields=created_at%2Cdescription%2Cid%2Clocation%2Cname%2Cpublic_metrics"
    "%2Cusername%2Cverified&max_results=500&query=%28%23MilesGuo+OR+%23HongKong%29"
)


class FormatWriter(Protocol):
    """Receives the world's tweets and likes in time order.

    Its stream files can be written in parts (``part`` names a suffix; a part has no header)
    that are concatenated afterwards; ``epilogue`` then writes what needs the whole world.
    """

    stream_files: tuple[str, ...]
    events: tuple[str, ...]

    def post(self, post: int) -> None: ...
    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None: ...
    def like(self, post: int, liker: int, at_ms: int) -> None: ...
    def close(self) -> dict[str, int]: ...
    def epilogue(self, facebook: FacebookPart) -> dict[str, int]: ...


# Big buffers: a v1.1 retweet is a few kilobytes, and every flush is a system call.
_BUFFER = 1 << 20


def _open(path: Path) -> IO[str]:
    return open(path, "w", encoding="utf-8", newline="", buffering=_BUFFER)


def _bool(value: bool) -> str:
    return "true" if value else "false"


class _Lines:
    """A stream file (or one part of it) that counts its rows as they are written."""

    def __init__(self, out_dir: Path, name: str, part: str, binary: bool = False) -> None:
        self.name = name
        self.part = part
        path = out_dir / (name + part)
        self.lines = 0
        self.handle: IO[Any] = (
            open(path, "wb", buffering=_BUFFER) if binary else _open(path)  # noqa: SIM115
        )

    def header(self, columns: tuple[str, ...]) -> None:
        if not self.part:  # parts are appended to a file that has its header already
            self.handle.write(",".join(columns) + "\n")

    def close(self) -> dict[str, int]:
        self.handle.close()
        return {self.name: self.lines}


class _Writer:
    """What a writer does not override it ignores; ``events`` names what it overrides, so the
    stream skips the calls that would do nothing."""

    events: tuple[str, ...] = ()

    def post(self, post: int) -> None:
        return None

    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None:
        return None

    def like(self, post: int, liker: int, at_ms: int) -> None:
        return None

    def epilogue(self, facebook: FacebookPart) -> dict[str, int]:
        return {}


# --- v1.1 ----------------------------------------------------------------------------------


class V1Writer(_Writer):
    """API v1.1 statuses; each user object is the profile as it was at that tweet's time."""

    events: tuple[str, ...] = ("post", "retweet")
    stream_files: tuple[str, ...] = ("tweets.jsonl",)

    def __init__(self, out_dir: Path, renderer: Renderer, part: str = "") -> None:
        self.out = _Lines(out_dir, "tweets.jsonl", part, binary=True)
        self.r = renderer
        self._users: BoundedCache[int, bytes] = BoundedCache(60_000)
        # (status, retweet body, retweet tail) of posts that get retweeted, by author version.
        self._retweeted: BoundedCache[int, tuple[bytes, bytes, bytes]] = (
            BoundedCache(5_000)
        )
        self._sources = [orjson.dumps(s) for s in _SOURCES]

    def user(self, account: int, at_ms: int) -> bytes:
        key = self.r.profiles.version(account, at_ms)
        user = self._users.lookup(key)
        if user is None:
            user = self._users.put(key, self._user_object(account, at_ms))
        return user

    def _user_object(self, account: int, at_ms: int) -> bytes:
        r = self.r
        profile = r.profile(account, at_ms)
        uid = r.uid[account]
        followers = r.followers[account]
        default_image = _JSON_BOOL[r.default_image[account]]
        dumps = orjson.dumps
        # A fixed layout filled in: several times faster than building and dumping a dict.
        return _V1_USER % (
            uid, uid, dumps(profile.display_name), profile.screen_name.encode(),
            dumps(profile.location), dumps(profile.description), followers,
            r.following[account], followers // 180,
            twitter_time(r.created_s[account] * 1000).encode(), r.favourites[account],
            _JSON_BOOL[r.verified[account]], r.statuses[account], r.image_url(account).encode(),
            default_image, default_image,
        )

    @staticmethod
    def entities(content: Content, uids: array[int]) -> dict[str, Any]:
        return {
            "hashtags": [{"text": tag, "indices": [s, e]} for tag, s, e in content.hashtags()],
            "symbols": [],
            "user_mentions": [
                {
                    "screen_name": m.screen_name,
                    "name": m.display_name,
                    "id": uids[m.account],
                    "id_str": str(uids[m.account]),
                    "indices": [m.start, m.end],
                }
                for m in content.mentions
            ],
            "urls": [
                {
                    "url": u.short,
                    "expanded_url": u.expanded,
                    "display_url": u.display,
                    "indices": [u.start, u.end],
                }
                for u in content.urls
            ],
        }

    def status(self, post: int, at_ms: int, embed_quote: bool = True) -> bytes:
        """The status of ``post`` with its author's profile as of ``at_ms``."""
        r = self.r
        content = r.content(post)
        author = r.author[post]
        tid = r.tid[post]
        parent = r.parent[post]
        kind = r.kind[post]
        reply = kind == Kind.REPLY
        parent_author = r.author[parent] if reply else -1
        quote = kind == Kind.QUOTE
        head = {
            "created_at": twitter_time(r.time_ms[post]),
            "id": tid,
            "id_str": str(tid),
            "full_text": content.text,
            "truncated": False,
            "display_text_range": [content.display_start, len(content.text)],
            "entities": self.entities(content, r.uid),
            "source": _SOURCES[r.client[author]],
            "in_reply_to_status_id": r.tid[parent] if reply else None,
            "in_reply_to_status_id_str": str(r.tid[parent]) if reply else None,
            "in_reply_to_user_id": r.uid[parent_author] if reply else None,
            "in_reply_to_user_id_str": str(r.uid[parent_author]) if reply else None,
            "in_reply_to_screen_name": (
                r.profile(parent_author, r.time_ms[post]).screen_name if reply else None
            ),
        }
        tail: dict[str, Any] = {
            "geo": None,
            "coordinates": None,
            "place": None,
            "contributors": None,
            "is_quote_status": quote,
        }
        if quote:
            tail["quoted_status_id"] = r.tid[parent]
            tail["quoted_status_id_str"] = str(r.tid[parent])
        tail["retweet_count"] = r.retweets[post]
        tail["favorite_count"] = r.likes[post]
        tail["favorited"] = False
        tail["retweeted"] = False
        if content.urls:
            tail["possibly_sensitive"] = False
        tail["lang"] = content.lang
        parts = [
            orjson.dumps(head)[:-1],
            b',"user":',
            self.user(author, at_ms),
            b",",
            orjson.dumps(tail)[1:-1],
        ]
        if quote and embed_quote:
            parts += [b',"quoted_status":', self.status(parent, at_ms, embed_quote=False)]
        parts.append(b"}")
        return b"".join(parts)

    def post(self, post: int) -> None:
        r = self.r
        at_ms = r.time_ms[post]
        if r.retweets[post]:
            status = self._retweet_parts(post, at_ms)[0]
        else:
            status = self.status(post, at_ms)
        self.out.handle.write(status + b"\n")
        self.out.lines += 1

    def _retweet_parts(self, post: int, at_ms: int) -> tuple[bytes, bytes, bytes]:
        r = self.r
        key = ~post if r.profiles.renamed(r.author[post], at_ms) else post
        parts = self._retweeted.lookup(key)
        if parts is not None:
            return parts
        content = r.retweet_content(post, at_ms)
        body = orjson.dumps(
            {
                "full_text": content.text,
                "truncated": False,
                "display_text_range": [0, len(content.text)],
                "entities": self.entities(content, r.uid),
            }
        )[1:-1]
        quote = r.kind[post] == Kind.QUOTE
        tail: dict[str, Any] = {"is_quote_status": quote}
        if quote:
            tail["quoted_status_id"] = r.tid[r.parent[post]]
            tail["quoted_status_id_str"] = str(r.tid[r.parent[post]])
        tail["retweet_count"] = r.retweets[post]
        tail["favorite_count"] = 0
        tail["favorited"] = False
        tail["retweeted"] = False
        tail["lang"] = content.lang
        status = self.status(post, at_ms)
        return self._retweeted.put(key, (status, body, orjson.dumps(tail)[1:-1]))

    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None:
        r = self.r
        status, body, tail = self._retweet_parts(post, at_ms)
        tid_text = str(tid).encode()
        self.out.handle.write(
            b"".join(
                (
                    b'{"created_at":"',
                    twitter_time(at_ms).encode(),
                    b'","id":',
                    tid_text,
                    b',"id_str":"',
                    tid_text,
                    b'",',
                    body,
                    b',"source":',
                    self._sources[r.client[retweeter]],
                    b',"in_reply_to_status_id":null,"in_reply_to_status_id_str":null,'
                    b'"in_reply_to_user_id":null,"in_reply_to_user_id_str":null,'
                    b'"in_reply_to_screen_name":null,"user":',
                    self.user(retweeter, at_ms),
                    b',"geo":null,"coordinates":null,"place":null,"contributors":null,'
                    b'"retweeted_status":',
                    status,
                    b",",
                    tail,
                    b"}\n",
                )
            )
        )
        self.out.lines += 1

    def close(self) -> dict[str, int]:
        return self.out.close()


# --- generic CSV ---------------------------------------------------------------------------


class GenericWriter(_Writer):
    """The generic CSV pair: likes on Twitter, every account, and the Facebook part."""

    events: tuple[str, ...] = ("like",)
    stream_files: tuple[str, ...] = ("interactions.csv",)

    def __init__(self, out_dir: Path, renderer: Renderer, part: str = "") -> None:
        self.out_dir = out_dir
        self.r = renderer
        self.interactions = _Lines(out_dir, "interactions.csv", part)
        self.interactions.header(INTERACTION_COLUMNS)

    def like(self, post: int, liker: int, at_ms: int) -> None:
        r = self.r
        # Every field is a number or a timestamp: nothing to quote, so no csv module needed.
        self.interactions.handle.write(
            f"twitter,{r.uid[liker]},{r.uid[r.author[post]]},like,{r.tid[post]},"
            f"{iso_time(at_ms)},,,\n"
        )
        self.interactions.lines += 1

    def close(self) -> dict[str, int]:
        return self.interactions.close()

    def epilogue(self, facebook: FacebookPart) -> dict[str, int]:
        """Appends the Facebook interactions and writes every account."""
        with open(self.out_dir / "interactions.csv", "a", encoding="utf-8", newline="") as out:
            rows = csv.writer(out, lineterminator="\n")
            for item in facebook.interactions:
                rows.writerow(
                    (
                        "facebook", item.source, item.target, item.type, item.post_id,
                        iso_time(item.time_ms), item.interaction_id, item.text,
                        " ".join(item.hashtags),
                    )
                )
        counts = {"interactions.csv": len(facebook.interactions)}
        counts.update(self._accounts(facebook))
        return counts

    def _accounts(self, facebook: FacebookPart) -> dict[str, int]:
        r = self.r
        a = r.accounts
        lines = 0
        with _open(self.out_dir / "accounts.csv") as handle:
            rows = csv.writer(handle, lineterminator="\n")
            rows.writerow(ACCOUNT_COLUMNS)
            for account in range(len(a)):
                profile = r.profiles.final(account)
                rows.writerow(
                    (
                        "twitter", r.uid[account], profile.screen_name, profile.display_name,
                        iso_time(int(a.created_s[account]) * 1000), int(a.followers[account]),
                        int(a.following[account]), _bool(bool(a.verified[account])),
                        profile.description, profile.location,
                    )
                )
            for fb in facebook.accounts:
                rows.writerow(
                    (
                        "facebook", fb.id, fb.screen_name, fb.display_name,
                        iso_time(fb.created_ms) if fb.created_ms else "", fb.followers,
                        fb.following, _bool(fb.verified), fb.description, fb.location,
                    )
                )
            lines = len(a) + len(facebook.accounts)
        return {"accounts.csv": lines}


# --- coordination-network-toolkit CSV ------------------------------------------------------


class CntWriter(_Writer):
    """message_id, user_id, username, repost_id, reply_id, message, timestamp, urls."""

    events: tuple[str, ...] = ("post", "retweet")
    stream_files: tuple[str, ...] = ("cnt.csv",)

    def __init__(self, out_dir: Path, renderer: Renderer, part: str = "") -> None:
        self.out = _Lines(out_dir, "cnt.csv", part)
        self.out.header(CNT_COLUMNS)
        self.rows = csv.writer(self.out.handle, lineterminator="\n")
        self.r = renderer

    def post(self, post: int) -> None:
        r = self.r
        content = r.content(post)
        author = r.author[post]
        at_ms = r.time_ms[post]
        reply_to = r.tid[r.parent[post]] if r.kind[post] == Kind.REPLY else ""
        self.rows.writerow(
            (
                r.tid[post], r.uid[author], r.profile(author, at_ms).screen_name, "", reply_to,
                content.text, at_ms // 1000, " ".join(u.expanded for u in content.urls),
            )
        )
        self.out.lines += 1

    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None:
        r = self.r
        self.rows.writerow(
            (
                tid, r.uid[retweeter], r.profile(retweeter, at_ms).screen_name, r.tid[post], "",
                r.retweet_content(post, at_ms).text, at_ms // 1000, "",
            )
        )
        self.out.lines += 1

    def close(self) -> dict[str, int]:
        return self.out.close()


# --- information-operations archive --------------------------------------------------------


def _py_list(items: list[str] | list[int]) -> str:
    """The archive writes Python list literals (``['a', 'b']``), not JSON."""
    return repr(list(items))


class IoWriter(_Writer):
    """The transparency archive's layout; profile columns show each account's final profile."""

    events: tuple[str, ...] = ("post", "retweet")
    stream_files: tuple[str, ...] = ("io_tweets.csv",)

    def __init__(self, out_dir: Path, renderer: Renderer, part: str = "") -> None:
        self.out_dir = out_dir
        self.out = _Lines(out_dir, "io_tweets.csv", part)
        self.out.header(IO_TWEET_COLUMNS)
        self.rows = csv.writer(self.out.handle, lineterminator="\n")
        self.r = renderer
        self._profiles: BoundedCache[int, tuple[Any, ...]] = BoundedCache(100_000)

    def _profile_columns(self, account: int) -> tuple[Any, ...]:
        def make() -> tuple[Any, ...]:
            r = self.r
            a = r.accounts
            profile = r.profiles.final(account)
            return (
                r.uid[account], profile.display_name, profile.screen_name, profile.location,
                profile.description, "", int(a.followers[account]), int(a.following[account]),
                date_only(int(a.created_s[account]) * 1000), r.language(account),
            )

        return self._profiles.get(account, make)

    def _row(
        self, tid: int, account: int, content: Content, at_ms: int, tail: tuple[Any, ...]
    ) -> None:
        r = self.r
        self.rows.writerow(
            (
                tid, *self._profile_columns(account), content.lang, content.text,
                minute_time(at_ms), r.client_name(account), *tail,
                _py_list([tag for tag, _, _ in content.hashtags()]),
                _py_list([u.expanded for u in content.urls]),
                _py_list([r.uid[m.account] for m in content.mentions]), "",
            )
        )
        self.out.lines += 1

    def post(self, post: int) -> None:
        r = self.r
        parent = r.parent[post]
        kind = r.kind[post]
        reply = kind == Kind.REPLY
        posts = r.posts
        tail = (
            r.uid[r.author[parent]] if reply else "",
            r.tid[parent] if reply else "",
            r.tid[parent] if kind == Kind.QUOTE else "",
            "False", "", "", "absent", "absent",
            f"{int(posts.quotes[post])}.0", f"{int(posts.replies[post])}.0",
            f"{int(posts.likes[post])}.0", f"{int(posts.retweets[post])}.0",
        )
        self._row(r.tid[post], r.author[post], r.content(post), r.time_ms[post], tail)

    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None:
        r = self.r
        tail = (
            "", "", "", "True", r.uid[r.author[post]], r.tid[post], "absent", "absent",
            "0.0", "0.0", "0.0", "0.0",
        )
        self._row(tid, retweeter, r.retweet_content(post, at_ms), at_ms, tail)

    def close(self) -> dict[str, int]:
        return self.out.close()

    def epilogue(self, facebook: FacebookPart) -> dict[str, int]:
        with _open(self.out_dir / "io_users.csv") as handle:
            rows = csv.writer(handle, lineterminator="\n")
            rows.writerow(IO_USER_COLUMNS)
            for account in range(len(self.r.accounts)):
                rows.writerow(self._profile_columns(account))
        return {"io_users.csv": len(self.r.accounts)}


# --- twarc2 --------------------------------------------------------------------------------


class Twarc2Writer(_Writer):
    """API v2 tweets flattened by twarc2: author, mentions and referenced tweets inlined."""

    events: tuple[str, ...] = ("post", "retweet")
    stream_files: tuple[str, ...] = ("twarc2.jsonl",)

    def __init__(self, out_dir: Path, renderer: Renderer, part: str = "") -> None:
        retrieved_ms = renderer.world.window.end_ms
        self.out = _Lines(out_dir, "twarc2.jsonl", part, binary=True)
        self.r = renderer
        self.twarc = {
            "url": _TWARC_URL, "version": "2.14.0", "retrieved_at": iso_time(retrieved_ms)
        }
        self._users: BoundedCache[int, dict[str, Any]] = BoundedCache(100_000)

    def user(self, account: int, at_ms: int) -> dict[str, Any]:
        key = self.r.profiles.version(account, at_ms)
        return self._users.get(key, lambda: self._user_object(account, at_ms))

    def _user_object(self, account: int, at_ms: int) -> dict[str, Any]:
        r = self.r
        a = r.accounts
        profile = r.profile(account, at_ms)
        followers = int(a.followers[account])
        return {
            "id": str(r.uid[account]),
            "username": profile.screen_name,
            "name": profile.display_name,
            "created_at": iso_time(int(a.created_s[account]) * 1000, millis=True),
            "description": profile.description,
            "location": profile.location,
            "verified": bool(a.verified[account]),
            "protected": False,
            "url": "",
            "profile_image_url": r.image_url(account),
            "public_metrics": {
                "followers_count": followers,
                "following_count": int(a.following[account]),
                "tweet_count": int(a.statuses[account]),
                "listed_count": followers // 180,
            },
        }

    def _entities(self, content: Content, at_ms: int) -> dict[str, Any]:
        entities: dict[str, Any] = {}
        hashtags = content.hashtags()
        if hashtags:
            entities["hashtags"] = [{"start": s, "end": e, "tag": t} for t, s, e in hashtags]
        if content.mentions:
            entities["mentions"] = [
                {"start": m.start, "end": m.end, "username": m.screen_name}
                | self.user(m.account, at_ms)
                for m in content.mentions
            ]
        if content.urls:
            entities["urls"] = [
                {
                    "start": u.start,
                    "end": u.end,
                    "url": u.short,
                    "expanded_url": u.expanded,
                    "display_url": u.display,
                }
                for u in content.urls
            ]
        return entities

    def tweet(self, post: int, at_ms: int, nested: bool = False) -> dict[str, Any]:
        r = self.r
        posts = r.posts
        content = r.content(post)
        author = r.author[post]
        tid = str(r.tid[post])
        parent = r.parent[post]
        kind = r.kind[post]
        tweet: dict[str, Any] = {
            "id": tid,
            "text": content.text,
            "author_id": str(r.uid[author]),
            "created_at": iso_time(r.time_ms[post], millis=True),
            "conversation_id": str(r.tid[parent]) if kind == Kind.REPLY else tid,
            "lang": content.lang,
            "source": r.client_name(author),
            "possibly_sensitive": False,
            "reply_settings": "everyone",
            "public_metrics": {
                "retweet_count": int(posts.retweets[post]),
                "reply_count": int(posts.replies[post]),
                "like_count": int(posts.likes[post]),
                "quote_count": int(posts.quotes[post]),
            },
            "entities": self._entities(content, r.time_ms[post]),
        }
        if not tweet["entities"]:
            del tweet["entities"]
        if parent >= 0:
            kind_name = "replied_to" if kind == Kind.REPLY else "quoted"
            reference: dict[str, Any] = {"type": kind_name, "id": str(r.tid[parent])}
            if not nested:
                reference |= self.tweet(parent, at_ms, nested=True)
            tweet["referenced_tweets"] = [reference]
        if kind == Kind.REPLY:
            parent_author = r.author[parent]
            tweet["in_reply_to_user_id"] = str(r.uid[parent_author])
            tweet["in_reply_to_user"] = self.user(parent_author, at_ms)
        tweet["author"] = self.user(author, at_ms)
        return tweet

    def _write(self, tweet: dict[str, Any]) -> None:
        tweet["__twarc"] = self.twarc
        self.out.handle.write(orjson.dumps(tweet) + b"\n")
        self.out.lines += 1

    def post(self, post: int) -> None:
        self._write(self.tweet(post, self.r.time_ms[post]))

    def retweet(self, post: int, retweeter: int, at_ms: int, tid: int) -> None:
        r = self.r
        content = r.retweet_content(post, at_ms)
        original = self.tweet(post, at_ms)
        self._write(
            {
                "id": str(tid),
                "text": content.text,
                "author_id": str(r.uid[retweeter]),
                "created_at": iso_time(at_ms, millis=True),
                "conversation_id": str(tid),
                "lang": content.lang,
                "source": r.client_name(retweeter),
                "possibly_sensitive": False,
                "reply_settings": "everyone",
                "public_metrics": {
                    "retweet_count": int(r.posts.retweets[post]),
                    "reply_count": 0,
                    "like_count": 0,
                    "quote_count": 0,
                },
                "entities": self._entities(content, at_ms),
                "referenced_tweets": [{"type": "retweeted", "id": original["id"]} | original],
                "author": self.user(retweeter, at_ms),
            }
        )

    def close(self) -> dict[str, int]:
        return self.out.close()


WRITERS: dict[str, type[V1Writer | GenericWriter | CntWriter | IoWriter | Twarc2Writer]] = {
    "v1": V1Writer,
    "generic": GenericWriter,
    "cnt": CntWriter,
    "io": IoWriter,
    "twarc2": Twarc2Writer,
}


def make_writers(
    formats: tuple[str, ...], out_dir: Path, renderer: Renderer, part: str = ""
) -> list[FormatWriter]:
    return [WRITERS[name](out_dir, renderer, part) for name in formats]
