"""The FiveThirtyEight / Clemson IRA troll-tweets CSV (``IRAhandle_tweets_N.csv``).

Columns read: ``external_author_id``, ``author``, ``content``, ``language``,
``publish_date`` (``M/D/YYYY H:MM``, UTC), ``following``, ``followers``, ``post_type``
(``RETWEET``, ``QUOTE_TWEET`` or blank), ``retweet`` (1/0), ``alt_external_id``,
``tweet_id``, ``article_url``, ``tco1_step1``..``tco3_step1`` (expanded links). The Clemson
labels (``account_type``, ``account_category``, ``region``, ...) are not part of the model.

Ids: ``external_author_id`` is often rounded (``906000000000000000``, or ``9.06E+17`` after
a spreadsheet), so the account id is taken from ``alt_external_id``, else from the
``article_url`` (``twitter.com/<user id>/statuses/<tweet id>``), else ``external_author_id``;
the tweet id from ``tweet_id``, else the ``article_url``. An id in scientific notation has lost
digits and is never used; a row with no exact id is rejected.

The data has no entity columns: hashtags and @mentions are read from the text, urls from the
``tco*_step1`` columns. A retweet (``post_type`` RETWEET, ``retweet`` 1, or text starting with
``RT @handle:``) points at a synthetic original, ``ira-rt:<handle lower case>:<first 16 hex of
the SHA-1 of the retweeted text>`` (the text after ``RT @handle:``, whitespace collapsed), so
accounts retweeting the same text point at one post. When the handle is known the original is
emitted too, authored by that screen name, with the text's hashtags, mentions and urls; when
it is not (many rows carry no ``RT @`` prefix), the handle part is empty and only the link is
made. ``QUOTE_TWEET`` rows are ``kind="quote"`` without a quoted id (the data has none).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from infoops.loader.formats.reading import (
    TWITTER,
    CsvLayout,
    CsvRow,
    FieldError,
    account_ref,
    hashtags_of,
    parse_bool,
    parse_csv_file,
    parse_id,
    parse_int,
    parse_time,
    retweeted_handle,
)
from infoops.loader.records import AccountRecord, AccountRef, ParsedLine, PostRecord, Record

NAME = "ira-csv"
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})\b")
_ARTICLE_URL = re.compile(r"twitter\.com/(\d+)/status(?:es)?/(\d+)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_LINK_COLUMNS = ("tco1_step1", "tco2_step1", "tco3_step1")
# The language names the data uses, as the codes the other formats give.
_LANGUAGES = {
    "english": "en", "russian": "ru", "german": "de", "ukrainian": "uk", "italian": "it",
    "spanish": "es", "french": "fr", "arabic": "ar", "uzbek": "uz", "romanian": "ro",
    "serbian": "sr", "bulgarian": "bg", "macedonian": "mk", "farsi (persian)": "fa",
    "norwegian": "no", "dutch": "nl", "swedish": "sv", "polish": "pl", "portuguese": "pt",
    "japanese": "ja", "simplified chinese": "zh", "traditional chinese": "zh", "turkish": "tr",
    "vietnamese": "vi", "kazakh": "kk", "estonian": "et", "lithuanian": "lt", "latvian": "lv",
    "finnish": "fi", "czech": "cs", "croatian": "hr", "hungarian": "hu", "greek": "el",
    "hebrew": "he", "hindi": "hi", "korean": "ko", "albanian": "sq", "pushto": "ps",
    "urdu": "ur", "icelandic": "is", "slovak": "sk", "slovenian": "sl", "somali": "so",
    "tagalog (filipino)": "tl", "thai": "th", "malay": "ms", "indonesian": "id",
    "bengali": "bn", "belarusian": "be", "catalan": "ca", "danish": "da", "georgian": "ka",
    "language undefined": "und",
}  # fmt: skip


def _exact_id(*candidates: tuple[str, str | None]) -> str | None:
    """The first candidate that is an exact id; rounded ones are passed over."""
    for column, value in candidates:
        try:
            exact = parse_id(value, column)
        except FieldError:
            continue
        if exact:
            return exact
    return None


def synthetic_original_id(handle: str | None, retweeted_text: str) -> str:
    digest = hashlib.sha1(_WHITESPACE.sub(" ", retweeted_text).strip().encode()).hexdigest()
    return f"ira-rt:{(handle or '').lower()}:{digest[:16]}"


def _tweet_row(row: CsvRow) -> list[Record]:
    article = _ARTICLE_URL.search(row.get("article_url") or "")
    account_id = _exact_id(
        ("alt_external_id", row.get("alt_external_id")),
        ("article_url", article.group(1) if article else None),
        ("external_author_id", row.get("external_author_id")),
    )
    if not account_id:
        raise FieldError("no exact account id (alt_external_id, article_url, external_author_id)")
    tweet_id = _exact_id(
        ("tweet_id", row.get("tweet_id")),
        ("article_url", article.group(2) if article else None),
    )
    if not tweet_id:
        raise FieldError("no exact tweet id (tweet_id, article_url)")
    created_at = parse_time(row.get("publish_date"), "publish_date")
    # Positional arguments, then attributes: keyword arguments to a class cost a dict per call.
    account = AccountRecord(TWITTER, account_id, row.get("author"))
    account.followers = parse_int(row.get("followers"), "followers")
    account.following = parse_int(row.get("following"), "following")
    account.seen_at = created_at
    text = row.text("content") or ""
    language = row.get("language")
    author = AccountRef(TWITTER, account_id, account.screen_name)
    lang = _LANGUAGES.get(language.lower()) if language else None
    post = PostRecord(TWITTER, tweet_id, author, text or None, created_at, lang)
    urls = [url for column in _LINK_COLUMNS if (url := row.get(column))]
    post_type = (row.get("post_type") or "").upper()
    handle = retweeted_handle(text)
    records: list[Record] = []
    if post_type == "RETWEET" or parse_bool(row.get("retweet"), "retweet") or handle:
        retweeted_text = text.lstrip()[len(f"RT @{handle}:") :] if handle else text
        post.kind = "retweet"
        post.retweet_of = synthetic_original_id(handle, retweeted_text)
        post.retweet_of_author = account_ref(TWITTER, None, handle)
        if post.retweet_of_author:
            original = PostRecord(
                TWITTER, post.retweet_of, post.retweet_of_author, retweeted_text.strip() or None
            )
            original.lang = post.lang
            original.hashtags, original.mentions, original.urls = _entity_lists(
                retweeted_text, urls
            )
            records.append(original)
    else:
        post.hashtags, post.mentions, post.urls = _entity_lists(text, urls)
        post.kind = "quote" if post_type == "QUOTE_TWEET" else "post"
    records += [account, post]
    return records


def _entity_lists(text: str, urls: list[str]) -> tuple[list[str], list[AccountRef], list[str]]:
    mentions = [AccountRef(TWITTER, None, name) for name in _MENTION.findall(text)]
    return hashtags_of(_HASHTAG.findall(text)), mentions, urls


LAYOUTS = (
    CsvLayout(
        "tweets file",
        ("author", "content", "publish_date", "external_author_id|alt_external_id"),
        _tweet_row,
    ),
)


def parse(path: Path) -> Iterator[ParsedLine]:
    return parse_csv_file(path, NAME, LAYOUTS)
