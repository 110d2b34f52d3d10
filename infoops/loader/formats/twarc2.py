"""Twitter API v2 as twarc2 writes it, one JSON object per line (or a JSON array of them).

Shapes recognised per line:
- a response page: ``data`` (a list, or one tweet for the filtered stream) with
  ``includes.users`` / ``includes.tweets``; every user gives an ``AccountRecord``, every tweet
  (data and included) a ``PostRecord``; mentions without an ``id`` are resolved through
  ``includes.users`` by username;
- a flattened tweet (``twarc2 flatten``): the tweet with its ``author``, ``in_reply_to_user``,
  expanded ``entities.mentions`` and ``referenced_tweets`` carrying their own ``author``;
- users, as a page of users or one user per line (``twarc2 users``, ``followers``);
- engagement pages whose request URL (``__twarc.url``) names a tweet:
  ``/2/tweets/<id>/liking_users`` gives a ``LikeRecord`` per user, and
  ``/2/tweets/<id>/retweeted_by`` a retweet ``PostRecord`` per user with the synthetic id
  ``rt:<user_id>:<tweet_id>`` (so loading the file again changes nothing);
  ``/2/users/<id>/liked_tweets`` gives the tweets and a ``LikeRecord`` by that user for each;
- an error line (``{"errors": [...]}`` without data, ``{"error": ...}``, or a bare API problem
  with ``title``/``detail``) becomes a ``Reject`` with the API's message.

Users' ``seen_at`` is ``__twarc.retrieved_at`` (v2 returns profiles as they are at request
time); without it, a flattened tweet's time, else nothing. ``__twarc`` itself is kept as the
line's ``metadata``. A retweet has no counts, mentions, hashtags or urls of its own (v2 copies
the original's retweet count onto it). Partial errors inside a page with data (e.g. a mentioned
user who is suspended) are not rejects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from infoops.loader.formats.reading import (
    TWITTER,
    V2_USER,
    FieldError,
    account_ref,
    as_dict,
    dict_items,
    expanded_urls,
    get_dict,
    get_str,
    hashtags_of,
    parse_id,
    parse_int,
    parse_json_file,
    parse_time,
    post_kind,
    retweeted_handle,
    shown,
    synthetic_retweet_id,
    twitter_account,
)
from infoops.loader.records import (
    AccountRecord,
    AccountRef,
    LikeRecord,
    ParsedLine,
    PostRecord,
    Record,
)

NAME = "twarc2"
_TWEET_ENGAGEMENT = re.compile(r"/2/tweets/(\d+)/(liking_users|retweeted_by)\b")
_USER_LIKES = re.compile(r"/2/users/(\d+)/liked_tweets\b")
_MAX_MESSAGES = 3


def recognizes(value: object) -> bool:
    return recognizes_surely(value) or is_bare_user(value)


def recognizes_surely(value: object) -> bool:
    """A response page, a flattened tweet or an API problem: nothing else looks like these."""
    if not isinstance(value, dict):
        return False
    if "__twarc" in value or "data" in value or "includes" in value:
        return True
    if "author_id" in value and "text" in value:
        return True
    return _is_v2_problem(value)


def is_bare_user(value: object) -> bool:
    """A v2 user on its own line. A Twint row that lost its ``tweet`` looks the same, so a
    sniffer should take it as a hint only."""
    if not isinstance(value, dict):
        return False
    # Twint rows have a username too, but also their tweet.
    user_keys = "username" in value and "id" in value
    return user_keys and "screen_name" not in value and "tweet" not in value


def _is_v2_problem(value: dict[str, object]) -> bool:
    """v2 problems carry a ``title``; v1.1 errors only a ``code`` and ``message``."""
    errors = value.get("errors")
    problems = errors if isinstance(errors, list) else [value.get("error", value)]
    return any(isinstance(problem, dict) and "title" in problem for problem in problems)


def parse(path: Path) -> Iterator[ParsedLine]:
    return parse_json_file(path, convert_value, provenance)


def provenance(value: object) -> dict[str, object] | None:
    twarc = value.get("__twarc") if isinstance(value, dict) else None
    return dict(twarc) if isinstance(twarc, dict) else None


class _Lookup:
    """What one line tells about users and tweets, to complete references by id or name."""

    def __init__(self, users: list[dict[str, object]], tweets: list[dict[str, object]]) -> None:
        self.names: dict[str, str] = {}
        self.ids_by_name: dict[str, str] = {}
        self.authors: dict[str, str] = {}
        for user in users:
            self.add_user(user)
        for tweet in tweets:
            tweet_id = parse_id(tweet.get("id"), "id")
            author_id = _author_id(tweet)
            if tweet_id and author_id:
                self.authors[tweet_id] = author_id

    def add_user(self, user: dict[str, object]) -> None:
        user_id = parse_id(user.get("id"), "user.id")
        username = get_str(user, "username")
        if user_id and username:
            self.names[user_id] = username
            self.ids_by_name[username.lower()] = user_id

    def account(self, account_id: str | None, username: str | None = None) -> AccountRef | None:
        if not account_id and username:
            account_id = self.ids_by_name.get(username.lower())
        if account_id and not username:
            username = self.names.get(account_id)
        return account_ref(TWITTER, account_id, username)

    def author_of(self, tweet_id: str | None) -> AccountRef | None:
        return self.account(self.authors.get(tweet_id)) if tweet_id else None


def _author_id(tweet: dict[str, object]) -> str | None:
    return parse_id(tweet.get("author_id"), "author_id") or parse_id(
        get_dict(tweet, "author").get("id"), "author.id"
    )


def _is_user(item: dict[str, object]) -> bool:
    return "username" in item and "text" not in item


def convert_value(value: object) -> list[Record]:
    obj = as_dict(value, "line")
    twarc = get_dict(obj, "__twarc")
    retrieved_at = parse_time(twarc.get("retrieved_at"), "__twarc.retrieved_at")
    request = get_str(twarc, "url") or ""
    if obj.get("data") or get_dict(obj, "includes"):
        return _page_records(obj, retrieved_at, request)
    message = _problem_message(obj)
    if message:
        raise FieldError(f"API error: {message}")
    if "data" in obj or "meta" in obj:
        return []  # an empty page: the request matched nothing
    if "text" in obj and "id" in obj:
        return _flat_tweet_records(obj, retrieved_at)
    if "username" in obj and "id" in obj:
        return _user_item_records(obj, _Lookup([obj], []), retrieved_at, request)
    keys = ", ".join(sorted(obj)[:8]) or "none"
    raise FieldError(f"not a Twitter API v2 object (keys: {keys})")


def _problem_message(obj: dict[str, object]) -> str | None:
    problems: list[object]
    if "errors" in obj:
        problems = obj["errors"] if isinstance(obj["errors"], list) else [obj["errors"]]
    elif "error" in obj:
        problems = [obj["error"]]
    elif "title" in obj and ("detail" in obj or "type" in obj):
        problems = [obj]
    else:
        return None
    messages = []
    for problem in problems:
        if isinstance(problem, dict):
            text = problem.get("detail") or problem.get("message") or problem.get("title")
            messages.append(text if isinstance(text, str) else shown(text or problem))
        else:
            messages.append(problem if isinstance(problem, str) else shown(problem))
    more = len(messages) - _MAX_MESSAGES
    listed = "; ".join(messages[:_MAX_MESSAGES])
    return f"{listed} (+{more} more)" if more > 0 else listed


def _page_records(
    page: dict[str, object], retrieved_at: datetime | None, request: str
) -> list[Record]:
    includes = get_dict(page, "includes")
    users = dict_items(includes.get("users"), "includes.users")
    included_tweets = dict_items(includes.get("tweets"), "includes.tweets")
    data = page.get("data")
    items = [as_dict(data, "data")] if isinstance(data, dict) else dict_items(data, "data")
    lookup = _Lookup(
        users + [item for item in items if _is_user(item)],
        included_tweets + [item for item in items if not _is_user(item)],
    )
    records: list[Record] = [account_record(user, retrieved_at) for user in users]
    records += [tweet_record(tweet, lookup) for tweet in included_tweets]
    liker = _USER_LIKES.search(request)
    for item in items:
        if _is_user(item):
            records += _user_item_records(item, lookup, retrieved_at, request)
            continue
        post = tweet_record(item, lookup)
        records.append(post)
        if liker:
            liker_id = liker.group(1)
            liker_ref = AccountRef(TWITTER, liker_id, lookup.names.get(liker_id))
            records.append(LikeRecord(TWITTER, liker_ref, post.id, post.author))
    return records


def _user_item_records(
    user: dict[str, object], lookup: _Lookup, retrieved_at: datetime | None, request: str
) -> list[Record]:
    """A user, and what the request says they did when it is an engagement listing."""
    account = account_record(user, retrieved_at)
    records: list[Record] = [account]
    engagement = _TWEET_ENGAGEMENT.search(request)
    if engagement:
        tweet_id, relation = engagement.groups()
        ref = AccountRef(TWITTER, account.id, account.screen_name)
        if relation == "liking_users":
            author = lookup.author_of(tweet_id)
            records.append(LikeRecord(TWITTER, ref, tweet_id, author))
        else:
            records.append(
                PostRecord(
                    platform=TWITTER,
                    id=synthetic_retweet_id(account.id, tweet_id),
                    author=ref,
                    kind="retweet",
                    retweet_of=tweet_id,
                    retweet_of_author=lookup.author_of(tweet_id),
                )
            )
    return records


def _flat_tweet_records(tweet: dict[str, object], retrieved_at: datetime | None) -> list[Record]:
    created_at = parse_time(tweet.get("created_at"), "created_at")
    seen_at = retrieved_at or created_at
    references = [
        ref
        for ref in dict_items(tweet.get("referenced_tweets"), "referenced_tweets")
        if "text" in ref or "author_id" in ref
    ]
    mentions = dict_items(get_dict(tweet, "entities").get("mentions"), "entities.mentions")
    users = [get_dict(tweet, "author"), get_dict(tweet, "in_reply_to_user")]
    users += [get_dict(ref, "author") for ref in references]
    users += [mention for mention in mentions if "name" in mention]  # expanded user objects
    users = [user for user in users if user]
    lookup = _Lookup(users, [*references, tweet])
    records: list[Record] = []
    seen: set[str] = set()
    for user in users:
        account = account_record(user, seen_at)
        if account.id not in seen:
            seen.add(account.id)
            records.append(account)
    records += [tweet_record(ref, lookup) for ref in references]
    records.append(tweet_record(tweet, lookup))
    return records


def account_record(user: dict[str, object], seen_at: datetime | None) -> AccountRecord:
    return twitter_account(user, V2_USER, seen_at)


def tweet_record(tweet: dict[str, object], lookup: _Lookup) -> PostRecord:
    tweet_id = parse_id(tweet.get("id"), "id")
    if not tweet_id:
        raise FieldError("tweet without an id")
    author = lookup.account(_author_id(tweet))
    if author is None:
        raise FieldError(f"tweet {tweet_id} has no author_id")
    text = get_str(get_dict(tweet, "note_tweet"), "text") or get_str(tweet, "text")
    created_at = parse_time(tweet.get("created_at"), "created_at")
    lang = get_str(tweet, "lang")
    post = PostRecord(TWITTER, tweet_id, author, text, created_at, lang)  # positional: cheaper
    post.source = get_str(tweet, "source")
    for reference in dict_items(tweet.get("referenced_tweets"), "referenced_tweets"):
        referenced_id = parse_id(reference.get("id"), "referenced_tweets.id")
        relation = reference.get("type")
        if relation == "retweeted":
            post.retweet_of = referenced_id
            post.retweet_of_author = lookup.author_of(referenced_id)
        elif relation == "quoted":
            post.quotes, post.quotes_author = referenced_id, lookup.author_of(referenced_id)
        elif relation == "replied_to":
            post.reply_to = referenced_id
            post.reply_to_author = lookup.author_of(referenced_id)
    replied_user = parse_id(tweet.get("in_reply_to_user_id"), "in_reply_to_user_id")
    if replied_user:
        post.reply_to_author = lookup.account(replied_user)
    entities = get_dict(tweet, "entities")
    mentions = _mentions(entities, lookup)
    if post.retweet_of:
        if post.retweet_of_author is None:
            post.retweet_of_author = _retweeted_from_text(post.text, mentions)
    else:
        metrics = get_dict(tweet, "public_metrics")
        post.like_count = parse_int(metrics.get("like_count"), "public_metrics.like_count")
        post.retweet_count = parse_int(metrics.get("retweet_count"), "public_metrics.retweet_count")
        post.reply_count = parse_int(metrics.get("reply_count"), "public_metrics.reply_count")
        post.quote_count = parse_int(metrics.get("quote_count"), "public_metrics.quote_count")
        tags = dict_items(entities.get("hashtags"), "entities.hashtags")
        if tags:
            post.hashtags = hashtags_of(get_str(tag, "tag") or "" for tag in tags)
        post.urls = expanded_urls(entities.get("urls"), "entities.urls")
        post.mentions = mentions
    post.kind = post_kind(post.retweet_of, post.reply_to, post.reply_to_author, post.quotes)
    return post


def _mentions(entities: dict[str, object], lookup: _Lookup) -> list[AccountRef]:
    refs = []
    for mention in dict_items(entities.get("mentions"), "entities.mentions"):
        mention_id = parse_id(mention.get("id"), "mention.id")
        ref = lookup.account(mention_id, get_str(mention, "username"))
        if ref:
            refs.append(ref)
    return refs


def _retweeted_from_text(text: str | None, mentions: list[AccountRef]) -> AccountRef | None:
    """Without an included original, ``RT @name:`` still tells whose post it was."""
    handle = retweeted_handle(text)
    if not handle:
        return None
    for mention in mentions:
        if mention.screen_name and mention.screen_name.lower() == handle.lower():
            return mention
    return account_ref(TWITTER, None, handle)
