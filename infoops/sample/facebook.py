"""The Facebook side: some operation accounts (and some real people) exist on both platforms.

Written through the generic CSV (``platform=facebook``): accounts, and shares, likes and
comments (``reply``) of Facebook posts. The operation's Facebook posters are shared by its
other Facebook accounts in office hours, as on Twitter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from infoops.sample import vocab
from infoops.sample.profiles import Profiles
from infoops.sample.timing import DAY_MS, SECOND_MS, OfficeHours
from infoops.sample.world import OPERATION_TOPIC_IDS, TOPIC_NAMES, Role, World


@dataclass(slots=True)
class FacebookAccount:
    id: str
    screen_name: str
    display_name: str
    created_ms: int | None
    followers: int
    following: int
    verified: bool
    description: str
    location: str
    twitter_account: int | None = None
    operation: bool = False
    match: str = ""  # how the names compare with the Twitter account: "same" or "near"


@dataclass(slots=True)
class FacebookInteraction:
    source: str
    target: str
    type: str
    post_id: str
    time_ms: int
    interaction_id: str = ""
    text: str = ""
    hashtags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FacebookPart:
    accounts: list[FacebookAccount] = field(default_factory=list)
    interactions: list[FacebookInteraction] = field(default_factory=list)


def _near(name: str, rnd: random.Random, handle: bool) -> str:
    """A name one small edit away: a dot or digit added, a letter doubled, case changed."""
    choice = rnd.randrange(4)
    if choice == 0 and handle:
        cut = rnd.randrange(1, max(2, len(name)))
        return name[:cut] + "." + name[cut:]
    if choice == 1:
        return name + str(rnd.randrange(1, 10))
    if choice == 2 and len(name) > 2:
        cut = rnd.randrange(1, len(name))
        return name[:cut] + name[cut - 1] + name[cut:]
    return name.lower() if name != name.lower() else name.title()


class FacebookBuilder:
    def __init__(self, world: World, profiles: Profiles, seed: int) -> None:
        self.world = world
        self.profiles = profiles
        self.rnd = random.Random(seed)
        self.rng = np.random.default_rng(seed)
        self.part = FacebookPart()
        self._ids: set[str] = set()

    def _new_id(self) -> str:
        while True:
            fb_id = "1000" + f"{self.rnd.randrange(10**11):011d}"
            if fb_id not in self._ids:
                self._ids.add(fb_id)
                return fb_id

    def build(self) -> FacebookPart:
        world = self.world
        role = world.accounts.role
        posters = np.flatnonzero(role == Role.POSTER)
        amplifiers = np.flatnonzero(role == Role.AMPLIFIER)
        organic = np.flatnonzero(role == Role.ORGANIC)
        rng = self.rng
        share = world.config.facebook_share
        chosen_posters = posters[rng.random(len(posters)) < 0.6]
        if len(chosen_posters) == 0:
            chosen_posters = posters[:1]
        n_amplifiers = max(3, round(len(amplifiers) * share))
        chosen_amplifiers = rng.choice(
            amplifiers, min(n_amplifiers, len(amplifiers)), replace=False
        )
        op_posters = [self._mirror(int(a), operation=True) for a in chosen_posters]
        op_sharers = [self._mirror(int(a), operation=True) for a in np.sort(chosen_amplifiers)]
        n_people = max(3, round(len(organic) * 0.01))
        people = [
            self._mirror(int(a), operation=False)
            for a in np.sort(rng.choice(organic, min(n_people, len(organic)), replace=False))
        ]
        strangers = [self._stranger() for _ in range(max(5, 2 * len(op_posters + op_sharers)))]
        self._operation_activity(op_posters, op_sharers)
        self._organic_activity(people + strangers)
        self.part.interactions.sort(key=lambda item: (item.time_ms, item.source))
        return self.part

    def _mirror(self, account: int, operation: bool) -> FacebookAccount:
        """The Facebook twin of a Twitter account: same or nearly the same names."""
        rnd = self.rnd
        a = self.world.accounts
        profile = self.profiles.final(account)
        same = rnd.random() < 0.6
        screen = profile.screen_name if same else _near(profile.screen_name, rnd, handle=True)
        display = profile.display_name
        if not same and rnd.random() < 0.3:
            display = _near(display, rnd, handle=False)
        created = int(a.created_s[account]) * 1000 + rnd.randrange(-3, 4) * DAY_MS
        fb = FacebookAccount(
            id=self._new_id(),
            screen_name=screen,
            display_name=display,
            created_ms=created if operation or rnd.random() < 0.3 else None,
            followers=rnd.randrange(0, 40) if operation else rnd.randrange(20, 1_500),
            following=rnd.randrange(0, 200) if operation else rnd.randrange(20, 900),
            verified=False,
            description=profile.description,
            location=profile.location,
            twitter_account=account,
            operation=operation,
            match="same" if (screen, display) == (profile.screen_name, profile.display_name)
            else "near",
        )
        self.part.accounts.append(fb)
        return fb

    def _stranger(self) -> FacebookAccount:
        rnd = self.rnd
        given, family = rnd.choice(vocab.LATIN_FIRST), rnd.choice(vocab.LATIN_LAST)
        fb = FacebookAccount(
            id=self._new_id(),
            screen_name=f"{given.lower()}.{family.lower()}.{rnd.randrange(1, 999)}",
            display_name=f"{given} {family}",
            created_ms=None,
            followers=rnd.randrange(20, 3_000),
            following=rnd.randrange(20, 1_500),
            verified=False,
            description=rnd.choice(vocab.BIO_PARTS) if rnd.random() < 0.5 else "",
            location="",
        )
        self.part.accounts.append(fb)
        return fb

    def _post_id(self, author: FacebookAccount) -> str:
        return f"{author.id}_{self.rnd.randrange(10**14, 10**15)}"

    def _operation_activity(
        self, posters: list[FacebookAccount], sharers: list[FacebookAccount]
    ) -> None:
        world = self.world
        rnd = self.rnd
        office = OfficeHours(world.window.start_ms, world.config.days)
        crowd = posters + sharers
        end = world.window.end_ms - DAY_MS // 8
        for poster in posters:
            times = office.sample(self.rng, rnd.randint(1, 2), world.window.start_ms, end)
            for t in sorted(int(x) for x in times):
                post_id = self._post_id(poster)
                topic = TOPIC_NAMES[rnd.choice(OPERATION_TOPIC_IDS)]
                tags = [tag.lstrip("#") for tag in vocab.OPERATION_SLOTS[topic]["tags"][:2]]
                others = [fb for fb in crowd if fb is not poster]
                # A Facebook post is pushed by a few dozen of the operation's accounts at most.
                acting = rnd.sample(others, min(len(others), rnd.randint(12, 60)))
                for fb in acting:
                    when = t + int(rnd.lognormvariate(6.0, 1.2) * SECOND_MS)
                    self._add(fb, poster, "share", post_id, when, hashtags=tags)
                    if rnd.random() < 0.75:
                        self._add(fb, poster, "like", post_id, when + 20 * SECOND_MS)
                    if rnd.random() < 0.12:
                        text = rnd.choice(vocab.OPERATION_REPLY)
                        self._add(fb, poster, "reply", post_id, when + 60 * SECOND_MS, text=text)

    def _organic_activity(self, people: list[FacebookAccount]) -> None:
        world = self.world
        rnd = self.rnd
        start, end = world.window.start_ms, world.window.end_ms
        for author in people:
            for _ in range(rnd.randint(0, 2)):
                t = rnd.randrange(start, end - DAY_MS // 4)
                post_id = self._post_id(author)
                others = [fb for fb in people if fb is not author]
                for fb in rnd.sample(others, min(len(others), rnd.randint(0, 6))):
                    when = t + int(rnd.lognormvariate(8.5, 1.3) * SECOND_MS)
                    kind = rnd.choices(("like", "reply", "share"), (0.7, 0.2, 0.1))[0]
                    text = rnd.choice(vocab.REPLY_PHRASES) if kind == "reply" else ""
                    self._add(fb, author, kind, post_id, when, text=text)

    def _add(
        self,
        source: FacebookAccount,
        target: FacebookAccount,
        kind: str,
        post_id: str,
        when: int,
        text: str = "",
        hashtags: list[str] | None = None,
    ) -> None:
        if when >= self.world.window.end_ms:  # after the collection closed: not collected
            return
        interaction_id = "" if kind == "like" else f"{post_id}_{self.rnd.randrange(10**9)}"
        self.part.interactions.append(
            FacebookInteraction(
                source=source.id,
                target=target.id,
                type=kind,
                post_id=post_id,
                time_ms=when,
                interaction_id=interaction_id,
                text=text,
                hashtags=hashtags or [],
            )
        )


def build_facebook(world: World, profiles: Profiles, seed: int) -> FacebookPart:
    return FacebookBuilder(world, profiles, seed).build()
