"""Post texts and their entities, assembled from the random choices stored per post."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infoops.sample import vocab
from infoops.sample.names import Script
from infoops.sample.profiles import Profiles
from infoops.sample.world import TOPIC_NAMES, Kind, Style, World

RETWEET_LIMIT = 140
_HASHTAG = re.compile(r"#(\w+)")
_LOCAL_LANG = {
    Script.RUSSIAN: "ru", Script.ARABIC: "ar", Script.JAPANESE: "ja", Script.CHINESE: "zh"
}
_TOPIC_HASHTAGS = [vocab.TOPICS[name][0] for name in TOPIC_NAMES]
_TOPIC_SUBJECTS = [vocab.TOPIC_SUBJECTS[name] for name in TOPIC_NAMES]


@dataclass(slots=True)
class Url:
    short: str
    expanded: str
    display: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    account: int
    screen_name: str
    display_name: str
    start: int
    end: int


@dataclass(slots=True)
class Content:
    """A tweet's text with its entities; indices count code points as the API does."""

    text: str
    lang: str
    mentions: list[Mention] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)
    display_start: int = 0
    # Entities must end by here; a retweet cut to 140 characters loses the hashtag it cuts.
    limit: int | None = None
    _hashtags: list[tuple[str, int, int]] | None = None

    def hashtags(self) -> list[tuple[str, int, int]]:
        """(tag, start, end) of each hashtag, found in the text as the platform does."""
        if self._hashtags is None:
            self._hashtags = [
                (m.group(1), m.start(), m.end())
                for m in _HASHTAG.finditer(self.text)
                if self.limit is None or m.end() < self.limit
            ]
        return self._hashtags


def base62(number: int, length: int) -> str:
    digits = vocab.BASE62
    out = []
    for _ in range(length):
        number, rest = divmod(number, 62)
        out.append(digits[rest])
    return "".join(out)


def short_code(seed: int) -> str:
    """A t.co-like code; a multiplicative hash spreads consecutive seeds apart."""
    return base62((seed * 0x5851F42D4C957F2D) % (62**10), 10)


class _Builder:
    def __init__(self, lang: str) -> None:
        self.content = Content(text="", lang=lang)
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def mention(self, account: int, screen_name: str, display_name: str) -> None:
        start = self.length
        self.add("@" + screen_name)
        self.content.mentions.append(
            Mention(account, screen_name, display_name, start, self.length)
        )

    def url(self, seed: int, expanded: str) -> None:
        short = "https://t.co/" + short_code(seed)
        start = self.length
        self.add(short)
        display = expanded.split("://", 1)[-1]
        display = display if len(display) <= 26 else display[:25] + "…"
        self.content.urls.append(Url(short, expanded, display, start, self.length))

    def done(self) -> Content:
        self.content.text = "".join(self.parts)
        return self.content


class ContentMaker:
    """Turns a post row into text and entities. Deterministic: same post, same content."""

    def __init__(self, world: World, profiles: Profiles) -> None:
        self.world = world
        self.posts = world.posts
        self.accounts = world.accounts
        self.profiles = profiles

    def content(self, post: int) -> Content:
        posts = self.posts
        words: list[int] = posts.words[post].tolist()
        style = int(posts.style[post])
        at_ms = int(posts.time_ms[post])
        if style == Style.ENGLISH:
            return self._english(post, words, at_ms)
        if style == Style.LOCAL:
            return self._local(post, words, at_ms)
        if style == Style.OPERATION:
            return self._operation(post, words, at_ms)
        if style == Style.SCAM:
            return self._scam(post, words)
        return self._reply_or_quote(post, Style(style), words, at_ms)

    def _mention(self, builder: _Builder, account: int, at_ms: int) -> None:
        profile = self.profiles.at(account, at_ms)
        builder.mention(account, profile.screen_name, profile.display_name)

    def _mentions(self, post: int, at_ms: int) -> list[int]:
        return [int(a) for a in self.posts.mention[post] if a >= 0]

    def _link(self, template: str, words: list[int]) -> str:
        return template.format(n=words[2] * 65_536 + words[3], code=short_code(words[4])[:11])

    def _english(self, post: int, words: list[int], at_ms: int) -> Content:
        topic = int(self.posts.topic[post])
        builder = _Builder("en")
        mentions = self._mentions(post, at_ms)
        lead_mentions = bool(mentions) and words[0] % 2 == 0
        if lead_mentions:
            for account in mentions:
                self._mention(builder, account, at_ms)
                builder.add(" ")
        opener = vocab.OPENERS[words[0] % len(vocab.OPENERS)]
        subject = _TOPIC_SUBJECTS[topic][words[1] % len(_TOPIC_SUBJECTS[topic])]
        if not opener or opener.endswith((". ", ": ")):
            subject = subject[0].upper() + subject[1:]
        predicate = vocab.PREDICATES[words[2] % len(vocab.PREDICATES)]
        closer = vocab.CLOSERS[words[3] % len(vocab.CLOSERS)]
        emoji = vocab.EMOJI[words[4] % len(vocab.EMOJI)]
        builder.add(f"{opener}{subject} {predicate}{closer}")
        if emoji:
            builder.add(" " + emoji)
        self._hashtags(builder, topic, words[5])
        if mentions and not lead_mentions:
            builder.add(" cc")
            for account in mentions:
                builder.add(" ")
                self._mention(builder, account, at_ms)
        if self.posts.has_url[post]:
            builder.add(" ")
            builder.url(words[0] * 65_536 + words[5] + post, self._link(
                vocab.NEWS_LINKS[words[1] % len(vocab.NEWS_LINKS)], words
            ))
        return builder.done()

    def _hashtags(self, builder: _Builder, topic: int, choice: int) -> None:
        tags = _TOPIC_HASHTAGS[topic]
        count = choice % 3
        chosen: list[str] = []
        for k in range(count):
            tag = tags[(choice // (3 + 4 * k)) % len(tags)]
            if tag not in chosen:
                chosen.append(tag)
        for tag in chosen:
            builder.add(" #" + tag)

    def _local(self, post: int, words: list[int], at_ms: int) -> Content:
        topic_name = TOPIC_NAMES[int(self.posts.topic[post])]
        lang = _LOCAL_LANG[Script(int(self.accounts.script[int(self.posts.author[post])]))]
        builder = _Builder(lang)
        for account in self._mentions(post, at_ms):
            self._mention(builder, account, at_ms)
            builder.add(" ")
        sentences = vocab.LOCAL_SENTENCES[lang]
        keyword = vocab.LOCAL_KEYWORDS[lang][topic_name]
        builder.add(sentences[words[1] % len(sentences)].format(kw=keyword))
        emoji = vocab.EMOJI[words[4] % len(vocab.EMOJI)]
        if emoji:
            builder.add(" " + emoji)
        if words[5] % 2:
            self._hashtags(builder, int(self.posts.topic[post]), 1 + 3 * (words[5] // 2))
        return builder.done()

    def _operation(self, post: int, words: list[int], at_ms: int) -> Content:
        """The operation's one format: 【headline】lead claim punctuation emoji #tags."""
        slots = vocab.OPERATION_SLOTS[TOPIC_NAMES[int(self.posts.topic[post])]]
        builder = _Builder("zh")
        for account in self._mentions(post, at_ms):
            self._mention(builder, account, at_ms)
            builder.add(" ")
        headline = slots["headline"][words[0] % 4]
        lead = slots["lead"][words[1] % 4]
        claim = slots["claim"][words[2] % 4]
        punct = vocab.OPERATION_PUNCT[words[3] % len(vocab.OPERATION_PUNCT)]
        emoji = vocab.OPERATION_EMOJI[words[4] % len(vocab.OPERATION_EMOJI)]
        tags = slots["tags"]
        chosen = [tags[words[5] % 4]]
        if words[5] % 3 == 0 and tags[(words[5] // 4) % 4] not in chosen:
            chosen.append(tags[(words[5] // 4) % 4])
        builder.add(f"【{headline}】{lead}{claim}{punct}{emoji} {' '.join(chosen)}")
        if self.posts.has_url[post]:
            builder.add(" ")
            links = vocab.OPERATION_LINKS
            builder.url(words[1] * 65_536 + words[4] + post, self._link(
                links[words[3] % len(links)], words
            ))
        return builder.done()

    def _scam(self, post: int, words: list[int]) -> Content:
        builder = _Builder("en")
        template = vocab.SCAM_TEXTS[words[0] % len(vocab.SCAM_TEXTS)]
        domain = vocab.SCAM_DOMAINS[words[1] % len(vocab.SCAM_DOMAINS)]
        before, after = template.split("{url}")
        values = {
            "n": 1_000 * (1 + words[2] % 10), "m": 5 * (1 + words[3] % 4), "k": 1 + words[4] % 3
        }
        builder.add(before.format(**values))
        builder.url(words[5] + post, f"https://{domain}/{short_code(words[5])[:6].lower()}")
        builder.add(after.format(**values))
        return builder.done()

    def _reply_or_quote(self, post: int, style: Style, words: list[int], at_ms: int) -> Content:
        posts = self.posts
        parent = int(posts.parent[post])
        parent_author = int(posts.author[parent])
        if int(posts.kind[post]) == Kind.QUOTE:
            builder = _Builder("en")
            builder.add(vocab.QUOTE_PHRASES[words[0] % len(vocab.QUOTE_PHRASES)] + " ")
            screen = self.profiles.at(parent_author, at_ms).screen_name
            builder.url(
                words[1] + post,
                f"https://twitter.com/{screen}/status/{int(posts.tid[parent])}",
            )
            return builder.done()
        builder = _Builder("zh" if style is Style.OPERATION_REPLY else "en")
        self._mention(builder, parent_author, at_ms)
        builder.add(" ")
        builder.content.display_start = builder.length
        if style is Style.OPERATION_REPLY:
            slots = vocab.OPERATION_SLOTS[TOPIC_NAMES[int(posts.topic[post])]]
            phrase = vocab.OPERATION_REPLY[words[0] % len(vocab.OPERATION_REPLY)]
            builder.add(f"{phrase} {slots['tags'][words[1] % 4]}")
        else:
            phrase = vocab.REPLY_PHRASES[words[0] % len(vocab.REPLY_PHRASES)]
            emoji = vocab.EMOJI[words[4] % len(vocab.EMOJI)]
            builder.add(phrase + (" " + emoji if emoji else ""))
        return builder.done()


def retweet_content(original: Content, author_screen_name: str, author_display_name: str,
                    author: int) -> Content:
    """``RT @author: text`` cut to 140 characters, entities kept where they still fit."""
    prefix = f"RT @{author_screen_name}: "
    full = prefix + original.text
    text = full if len(full) <= RETWEET_LIMIT else full[: RETWEET_LIMIT - 1] + "…"
    shift = len(prefix)
    limit = len(text) - (0 if text is full else 1)
    content = Content(text=text, lang=original.lang, limit=None if text is full else limit)
    content.mentions.append(
        Mention(author, author_screen_name, author_display_name, 3, 4 + len(author_screen_name))
    )
    for m in original.mentions:
        if m.end + shift <= limit:
            content.mentions.append(
                Mention(m.account, m.screen_name, m.display_name, m.start + shift, m.end + shift)
            )
    for u in original.urls:
        if u.end + shift <= limit:
            content.urls.append(Url(u.short, u.expanded, u.display, u.start + shift, u.end + shift))
    return content
