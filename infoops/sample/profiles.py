"""Account profiles as they were at a given moment (only the hijacked account changes)."""

from __future__ import annotations

from dataclasses import dataclass

from infoops.sample import vocab
from infoops.sample.names import Script, organic_display_name, organic_screen_name
from infoops.sample.world import SCRIPT_NAMES, ZONE_NAMES, Accounts, World

OPERATION_LOCATIONS = ("中国", "北京", "Hong Kong")
# Profiles are cheap to rebuild; the cache only spares the hot ones (amplifiers, stars).
_CACHE_LIMIT = 60_000


@dataclass(frozen=True, slots=True)
class Profile:
    screen_name: str
    display_name: str
    description: str
    location: str


def organic_names(accounts: Accounts, index: int) -> tuple[str, str]:
    """(screen name, display name) of an organic account, rebuilt from its stored choices."""
    script = int(accounts.script[index])
    first, last = int(accounts.first[index]), int(accounts.last[index])
    screen = organic_screen_name(
        script, first, last, int(accounts.handle_style[index]), int(accounts.handle_number[index])
    )
    return screen, organic_display_name(script, first, last, int(accounts.display_style[index]))


def bio_text(accounts: Accounts, index: int) -> str:
    choice = int(accounts.bio[index])
    if choice < 0:
        return ""
    script = int(accounts.script[index])
    if script != Script.LATIN and script < len(SCRIPT_NAMES) and choice % 2:
        local = vocab.BIO_LOCAL[SCRIPT_NAMES[script]]
        return local[(choice // 2) % len(local)]
    parts = vocab.BIO_PARTS
    first = parts[choice % len(parts)]
    second = parts[(choice // len(parts)) % len(parts)]
    return f"{first} | {second}" if choice % 3 == 0 and second != first else first


def location_text(accounts: Accounts, index: int) -> str:
    choice = int(accounts.location[index])
    if choice < 0:
        return ""
    if int(accounts.script[index]) >= Script.OPERATION_CYRILLIC_NAME:
        return OPERATION_LOCATIONS[choice % len(OPERATION_LOCATIONS)]
    places = vocab.ZONES[ZONE_NAMES[int(accounts.zone[index])]][1]
    return places[choice % len(places)]


class Profiles:
    """Looks up the profile an account showed at a moment."""

    def __init__(self, world: World) -> None:
        self.accounts = world.accounts
        self.hijack = world.hijack
        self._cache: dict[int, Profile] = {}

    def renamed(self, index: int, at_ms: int) -> bool:
        hijack = self.hijack
        return hijack is not None and index == hijack.account and at_ms >= hijack.renamed_ms

    def version(self, index: int, at_ms: int) -> int:
        """A cache key for the account as it was at ``at_ms``: ``index``, or ``~index`` once
        renamed (ints hash faster than tuples, and only one account is ever renamed)."""
        return ~index if self.renamed(index, at_ms) else index

    def at(self, index: int, at_ms: int) -> Profile:
        key = self.version(index, at_ms)
        profile = self._cache.get(key)
        if profile is None:
            profile = self._build(index, key < 0)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = profile
        return profile

    def final(self, index: int) -> Profile:
        return self.at(index, 1 << 62)

    def _build(self, index: int, renamed: bool) -> Profile:
        accounts = self.accounts
        location = location_text(accounts, index)
        if self.hijack is not None and index == self.hijack.account:
            screen, display, bio = self.hijack.new_names if renamed else self.hijack.old_names
            return Profile(screen, display, bio, location)
        if index in accounts.operation_names:
            screen, display, bio = accounts.operation_names[index]
            return Profile(screen, display, bio, location)
        screen, display = organic_names(accounts, index)
        return Profile(screen, display, bio_text(accounts, index), location)
