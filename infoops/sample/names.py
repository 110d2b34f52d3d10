"""Screen names and display names.

Organic names are assembled on demand from the small integers stored per account (so a
world of a million accounts keeps no strings); operation names are drawn once, as their
randomness is the point.
"""

from __future__ import annotations

import random
from enum import IntEnum

from infoops.sample import vocab

MAX_HANDLE = 15


class Script(IntEnum):
    """How an account's names are written."""

    LATIN = 0
    RUSSIAN = 1
    ARABIC = 2
    JAPANESE = 3
    CHINESE = 4
    OPERATION_CYRILLIC_NAME = 5
    OPERATION_CYRILLIC_RANDOM = 6
    OPERATION_HAN_NAME = 7
    OPERATION_HAN_RANDOM = 8


class HandleStyle(IntEnum):
    """How a screen name is formed from a name."""

    FIRST_LAST = 0
    FIRST_SEP_LAST = 1
    INITIAL_LAST = 2
    NAME_DIGITS = 3
    NAME_WORD = 4
    DEFAULT = 5  # the platform's suggestion: name + 8 digits
    LAST_INITIAL_DIGITS = 6
    PASSWORD = 7  # random letters and digits, as a password generator makes them


_FIRST_LAST, _FIRST_SEP_LAST, _INITIAL_LAST, _NAME_DIGITS, _NAME_WORD, _DEFAULT = (
    int(style) for style in list(HandleStyle)[:6]
)
ORGANIC_HANDLE_WEIGHTS = (0.24, 0.14, 0.1, 0.22, 0.08, 0.12, 0.1)
DISPLAY_STYLES = 7

_RUSSIAN_FIRST = vocab.RUSSIAN_FIRST_MALE + vocab.RUSSIAN_FIRST_FEMALE

# (given-name list, family-name list) for each organic script, as (native, latin) pairs.
_Names = tuple[tuple[str, str], ...]
_ORGANIC_NAME_LISTS: dict[Script, tuple[_Names, _Names]] = {
    Script.LATIN: (
        tuple((name, name) for name in vocab.LATIN_FIRST),
        tuple((name, name) for name in vocab.LATIN_LAST),
    ),
    Script.RUSSIAN: (_RUSSIAN_FIRST, vocab.RUSSIAN_LAST),
    Script.ARABIC: (vocab.ARABIC_FIRST, vocab.ARABIC_LAST),
    Script.JAPANESE: (vocab.JAPANESE_GIVEN, vocab.JAPANESE_FAMILY),
    Script.CHINESE: (vocab.CHINESE_TRAD_GIVEN, vocab.CHINESE_TRAD_SURNAME),
}


def name_list_sizes(script: Script) -> tuple[int, int]:
    first, last = _ORGANIC_NAME_LISTS[script]
    return len(first), len(last)


def _russian_female(first: int) -> bool:
    return first >= len(vocab.RUSSIAN_FIRST_MALE)


def _name_parts(script: int, first: int, last: int) -> tuple[str, str, str, str]:
    """(given native, family native, given latin, family latin)."""
    firsts, lasts = _ORGANIC_NAME_LISTS[script]  # type: ignore[index]  # IntEnum keys hash as ints
    given, given_latin = firsts[first % len(firsts)]
    family, family_latin = lasts[last % len(lasts)]
    if script == Script.RUSSIAN and _russian_female(first % len(firsts)):
        family, family_latin = family + "а", family_latin + "a"
    return given, family, given_latin, family_latin


def organic_screen_name(script: int, first: int, last: int, style: int, number: int) -> str:
    """A human-looking handle derived from the account's name."""
    # Plain int comparisons, not enum lookups: this runs for every account of a big world.
    _, _, given, family = _name_parts(script, first, last)
    if number % 2 == 0:  # half of people write their handle in lower case
        given, family = given.lower(), family.lower()
    digits = str(number % 10 ** (1 + number % 4))
    if style == _FIRST_LAST:
        handle = given + family
    elif style == _FIRST_SEP_LAST:
        handle = given + "_" + family
    elif style == _INITIAL_LAST:
        handle = given[0] + family
    elif style == _NAME_DIGITS:
        return (given + family)[: MAX_HANDLE - len(digits)] + digits
    elif style == _NAME_WORD:
        word = vocab.HANDLE_WORDS[number % len(vocab.HANDLE_WORDS)]
        handle = given + "_" + word if number % 3 else word + given
    elif style == _DEFAULT:
        return default_handle(given + family, number)
    else:
        handle = family + given[0] + digits[:2]
    return handle[:MAX_HANDLE]


def default_handle(name: str, number: int) -> str:
    """The platform's default: the name cut to seven characters and eight digits."""
    return name[:7] + f"{number % 100_000_000:08d}"


def organic_display_name(script: int, first: int, last: int, style: int) -> str:
    """A display name as people write theirs: mostly "Given Family", some variations."""
    given, family, given_latin, family_latin = _name_parts(script, first, last)
    variant = style % DISPLAY_STYLES
    if script == Script.LATIN:
        return (
            f"{given} {family}",
            f"{given} {family}",
            f"{given} {family}",
            given,
            f"{given} {family}".lower(),
            f"{given} {family} {vocab.EMOJI[4 + first % 10]}",
            f"{given} {family[0]}.",
        )[variant]
    if script in (Script.JAPANESE, Script.CHINESE):
        return (
            family + given,
            family + given,
            f"{family} {given}",
            given,
            f"{given_latin.title()} {family_latin.title()}",
            family + given,
            f"{given_latin.title()} {family_latin.title()} {family}{given}",
        )[variant]
    return (
        f"{given} {family}",
        f"{given} {family}",
        f"{given} {family}",
        given,
        f"{given_latin.title()} {family_latin.title()}",
        f"{given} {family}",
        f"{given} {family[0]}.",
    )[variant]


# --- the operation -------------------------------------------------------------------------


def password_handle(rnd: random.Random) -> str:
    """Random letters and digits with at least one of each, like ``xK9qTz2mWb``."""
    length = rnd.randint(8, 15)
    while True:
        handle = "".join(rnd.choice(vocab.BASE62) for _ in range(length))
        if any(c.isdigit() for c in handle) and any(c.isalpha() for c in handle):
            return handle


def _cyrillic_word(rnd: random.Random) -> str:
    # Alternate consonant-ish and vowel-ish letters loosely: pronounceable-looking gibberish.
    consonants = [c for c in vocab.CYRILLIC_LETTERS if c not in vocab.CYRILLIC_VOWELS]
    length = rnd.randint(4, 9)
    letters = [
        rnd.choice(vocab.CYRILLIC_VOWELS if (i % 2 == 1) ^ (rnd.random() < 0.2) else consonants)
        for i in range(length)
    ]
    return "".join(letters).capitalize()


def operation_names(rnd: random.Random, script: Script, password: bool) -> tuple[str, str]:
    """(screen name, display name) for an account the operation made."""
    latin_given = rnd.choice(vocab.LATIN_FIRST)
    if script is Script.OPERATION_CYRILLIC_NAME:
        given, given_latin = rnd.choice(_RUSSIAN_FIRST)
        family, _ = rnd.choice(vocab.RUSSIAN_LAST)
        if given in dict(vocab.RUSSIAN_FIRST_FEMALE):
            family += "а"
        display = f"{given} {family}"
        latin_given = given_latin.title()
    elif script is Script.OPERATION_CYRILLIC_RANDOM:
        display = _cyrillic_word(rnd) + (f" {_cyrillic_word(rnd)}" if rnd.random() < 0.7 else "")
    elif script is Script.OPERATION_HAN_NAME:
        given_length = 1 if rnd.random() < 0.35 else 2
        display = rnd.choice(vocab.HAN_SURNAME) + "".join(
            rnd.choice(vocab.HAN_GIVEN_CHARS) for _ in range(given_length)
        )
    else:
        display = "".join(rnd.choice(vocab.HAN_RANDOM_CHARS) for _ in range(rnd.randint(2, 4)))
    if password:
        return password_handle(rnd), display
    return default_handle(latin_given, rnd.randrange(100_000_000)), display
