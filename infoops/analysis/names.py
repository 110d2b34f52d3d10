"""Name and script scoring, done once per name or post at load time (the loader stores the
results as properties; the name packs read them).

Each function reproduces what the packs used to compute in Cypher with Java regular
expressions, so that the stored values are what those packs returned:

- letters are Unicode letters (general category L) of the Basic Multilingual Plane: Cypher
  always left the others out;
- scripts are the Unicode Script property (Java's ``\\p{IsLatin}``), through the ``regex``
  package; a character that a newer Unicode version added may be classed differently from the
  server's Java, which is rare enough in names to ignore;
- Han next to Kana (Hiragana or Katakana) is Japanese, reported as 'Kana'.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import regex

# The scripts reported, in the order the packs list them; 'other' is a letter of any other.
SCRIPTS = (
    "Latin", "Cyrillic", "Han", "Kana", "Hangul", "Arabic", "Thai", "Devanagari", "Hebrew",
    "Greek", "other",
)  # fmt: skip
_UNICODE_SCRIPTS = {
    "Latin": ("Latin",),
    "Cyrillic": ("Cyrillic",),
    "Han": ("Han",),
    "Kana": ("Hiragana", "Katakana"),
    "Hangul": ("Hangul",),
    "Arabic": ("Arabic",),
    "Thai": ("Thai",),
    "Devanagari": ("Devanagari",),
    "Hebrew": ("Hebrew",),
    "Greek": ("Greek",),
}
# One ASCII code a script: letters become their code, so a text's scripts are counted with
# str.count and found with str.find.
_CODE = {script: chr(ord("A") + index) for index, script in enumerate(SCRIPTS)}
_SCRIPT = {code: script for script, code in _CODE.items()}
_LATIN, _HAN, _KANA = _CODE["Latin"], _CODE["Han"], _CODE["Kana"]


def _tables() -> tuple[dict[int, str | None], dict[int, str | None]]:
    """BMP code point -> script code (letters) or None (deleted); and for keys, letters and
    numbers kept, everything else of the BMP deleted."""
    bmp = "".join(chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF)
    letters = {ord(c) for c in regex.findall(r"\p{L}", bmp)}
    numbers = {ord(c) for c in regex.findall(r"\p{N}", bmp)}
    script_of: dict[int, str] = {}
    for script, names in _UNICODE_SCRIPTS.items():
        for name in names:
            for c in regex.findall(rf"\p{{Script={name}}}", bmp):
                script_of[ord(c)] = _CODE[script]
    other = _CODE["other"]
    scripts: dict[int, str | None] = {
        cp: (script_of.get(cp, other) if cp in letters else None) for cp in range(0x10000)
    }
    keys: dict[int, str | None] = {
        cp: None for cp in range(0x10000) if cp not in letters and cp not in numbers
    }
    return scripts, keys


_SCRIPT_DICT, _KEY_TABLE = _tables()
# A list is the faster table for str.translate (no hashing); astral characters fall off its
# end and stay as they are.
_SCRIPT_TABLE = [_SCRIPT_DICT[cp] for cp in range(0x10000)]


def _char_class(code_points: list[int]) -> re.Pattern[str]:
    """One regular expression character class of ``code_points`` (as ranges)."""
    ranges: list[str] = []
    start = previous = -2
    for cp in [*sorted(code_points), -1]:
        if cp == previous + 1:
            previous = cp
            continue
        if start >= 0:
            ranges.append(
                re.escape(chr(start)) if start == previous
                else f"{re.escape(chr(start))}-{re.escape(chr(previous))}"
            )  # fmt: skip
        start = previous = cp
    return re.compile(f"[{''.join(ranges)}]")


# Most texts are written in one script: a search for a letter of any other settles them
# without looking at every character from Python.
_ANY_LETTER = _char_class([cp for cp, code in _SCRIPT_DICT.items() if code is not None])
_OTHER_THAN = {
    mine: _char_class([cp for cp, code in _SCRIPT_DICT.items() if code not in (None, mine)])
    for mine in _SCRIPT
}
# Characters outside the Basic Multilingual Plane (what is left after the tables, which cover
# the BMP, map every kept character to ASCII or to itself).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_DEFAULT_HANDLE = re.compile(r"[A-Za-z][A-Za-z_]{0,6}[0-9]{8}")
_CONSONANTS = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]+")
_VOWEL = re.compile("[aeiouyAEIOUY]")
_CLASSES = {
    cp: "l" if 97 <= cp <= 122 else "U" if 65 <= cp <= 90 else "d" if 48 <= cp <= 57 else "s"
    for cp in range(128)
}
_LOG3 = math.log(3.0)


def _codes(text: str) -> str:
    """The script codes of the BMP letters of ``text``, in order."""
    codes = text.translate(_SCRIPT_TABLE)
    return codes if codes.isascii() else _ASTRAL.sub("", codes)


def _single_script(text: str) -> str | None:
    """The script of a text whose letters are all of one script ('none' without letters);
    None when two scripts appear (most names and posts settle here, without counting)."""
    if text.isascii():
        return "Latin" if any(c.isalpha() for c in text) else "none"
    letter = _ANY_LETTER.search(text)
    if letter is None:
        return "none"
    first = _SCRIPT_TABLE[ord(letter.group())]
    assert first is not None
    if _OTHER_THAN[first].search(text, letter.end()) is None:
        return _SCRIPT[first]
    return None


def name_script(display_name: str | None) -> str:
    """The script a display name's letters are written in: one of SCRIPTS ('Kana' for
    Japanese, Han with Kana), 'mixed' when letters of two scripts appear, 'none' without
    letters."""
    if not display_name:
        return "none"
    if single := _single_script(display_name):
        return single
    present = set(_codes(display_name))
    if _KANA in present:
        present.discard(_HAN)
    if len(present) > 1:
        return "mixed"
    return _SCRIPT[present.pop()] if present else "none"


def post_script(text: str | None) -> str | None:
    """The script a post is mostly written in, 'none' when it has no letters (None without
    text). Words that start with http or @ and the RT marker are left out; the script with
    the most letters wins (Han next to Kana counts as Kana: Japanese), a tie goes to the
    script that appears first."""
    if text is None:
        return None
    if "http" in text or "@" in text or "RT" in text:
        # Only letters count, so the words can be joined by any non-letter.
        text = " ".join(
            word for word in text.replace("\n", " ").split(" ")
            if not (word.startswith(("http", "@")) or word == "RT")
        )  # fmt: skip
    if single := _single_script(text):
        return single
    codes = _codes(text)
    counts = {code: codes.count(code) for code in set(codes)}
    kana = counts.get(_KANA, 0)
    if kana:
        counts[_KANA] = kana + counts.pop(_HAN, 0)
    top = max(counts.values())
    leaders = [code for code, n in counts.items() if n == top]
    if len(leaders) == 1:
        return _SCRIPT[leaders[0]]

    def first_seen(code: str) -> int:
        at = codes.find(code)
        if code == _KANA and _HAN in codes:
            han = codes.find(_HAN)
            at = han if at < 0 or han < at else at
        return at

    return _SCRIPT[min(leaders, key=first_seen)]


# What breaks a post's text into the parts of its format; what lies between them is running
# text, split where the script of its letters changes. Emoji: pictographs, dingbats, arrows
# and the joiners and selectors that build them. Bracket: an opening square or CJK bracket,
# which sets off a headline or a label (【突发】, [BREAKING]); parentheses are too common.
_FORMAT_PART = re.compile(
    r"(?P<link>(?:https?://|www\.)\S+)|(?P<mention>[@＠]\w+)|(?P<hashtag>[#＃]\w+)"
    r"|(?P<newline>\n)|(?P<bracket>[\[【〖「『《〈〔［])"
    "|(?P<emoji>[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2b00-\u2bff"
    "\u3030\u303d\u3297\u3299\ufe0f\u200d\U0001f000-\U0001faff]+)"
)
_SCRIPT_RUN = re.compile(r"(.)\1*")
FORMAT_PARTS_SHOWN = 12


# Cached: the retweets of one post repeat its text.
@lru_cache(maxsize=1 << 16)
def post_format(text: str | None) -> str | None:
    """The format of a post: the sequence of the kinds of part its text is made of, repeats
    merged. A part is running text (named by its script: 'Han', 'Latin', ...; digits,
    punctuation and spaces belong to the text around them), 'hashtag', 'mention', 'link',
    'emoji', 'newline' or 'bracket' (an opening square or CJK bracket).
    '【标题】正文 🔥 #tag https://t.co/x' is 'bracket Han emoji hashtag link'.
    Posts made from one template share it whatever fills the slots; at most
    FORMAT_PARTS_SHOWN parts, then '…'. 'empty' for a text of no part; None without text."""
    if text is None:
        return None
    parts: list[str] = []

    def running_text(start: int, end: int) -> None:
        if start < end:
            for run in _SCRIPT_RUN.finditer(_codes(text[start:end])):
                parts.append(_SCRIPT[run.group(1)])

    at = 0
    for part in _FORMAT_PART.finditer(text):
        running_text(at, part.start())
        parts.append(part.lastgroup or "")
        at = part.end()
    running_text(at, len(text))
    merged = [kind for i, kind in enumerate(parts) if i == 0 or kind != parts[i - 1]]
    # A line break at either end is layout, not part of the format.
    while merged and merged[-1] == "newline":
        merged.pop()
    while merged and merged[0] == "newline":
        merged.pop(0)
    if len(merged) > FORMAT_PARTS_SHOWN:
        merged = [*merged[:FORMAT_PARTS_SHOWN], "…"]
    return " ".join(merged) or "empty"


def name_key(name: str | None) -> str | None:
    """A name compared across accounts: lower-cased, letters and digits (of the BMP) only:
    'Elon Musk 🚀' is 'elonmusk'; a final sigma is a sigma."""
    if name is None:
        return None
    key = name.lower().translate(_KEY_TABLE)
    if key.isascii():
        return key
    # Final sigma: Python's lower() and Java's toLowerCase() decide differently where a word
    # ends, so ς is folded into σ (renamed-accounts folds the famous names' keys alike).
    return _ASTRAL.sub("", key).replace("ς", "σ")


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def handle_score(screen_name: str | None) -> float | None:
    """How much a screen name looks like password-generator output, 0-1 (see name-patterns):
    case humps and letter/digit switches and an even mix of lower case, upper case and
    digits, or else long consonant runs and few vowels; damped below seven characters. A
    trailing number is left out."""
    if screen_name is None:
        return None
    core = screen_name.rstrip("0123456789")
    # The characters as classes: l(ower), U(pper), d(igit), s (any other ASCII); other
    # characters stay themselves, which is no class either.
    classes = core.translate(_CLASSES)
    lower, upper, digits = classes.count("l"), classes.count("U"), classes.count("d")
    # lower→upper humps and letter↔digit switches (two different classes: no overlaps)
    switches = sum(classes.count(pair) for pair in ("lU", "dl", "dU", "ld", "Ud"))
    vowels = len(_VOWEL.findall(core))
    consonant_run = max((len(run) for run in _CONSONANTS.findall(core)), default=0)
    letters = lower + upper
    counted = float(lower + upper + digits)
    if counted == 0:
        class_mix = 0.0
    else:
        h = 0.0
        for k in (lower, upper, digits):
            h = h + (0.0 if k == 0 else (k / counted) * math.log(k / counted))
        class_mix = -h / _LOG3
    # Cypher split the handle into UTF-16 code units: a character outside the BMP was two.
    size = len(core) if core.isascii() else len(core.encode("utf-16-le")) // 2
    switching = _clamp((switches / (size - 1 if size > 1 else 1) - 0.12) / 0.2)
    runs = _clamp((consonant_run - 4) / 2.0)
    few_vowels = _clamp((0.25 - vowels / letters) / 0.15) if letters >= 5 else 0.0
    length_factor = _clamp((size - 3) / 4.0)
    mixing = 0.7 * switching + 0.3 * class_mix
    unpronounceable = 0.7 * runs + 0.3 * few_vowels
    return length_factor * (mixing if mixing > unpronounceable else unpronounceable)


def handle_kind(screen_name: str | None) -> str | None:
    """A handle's pattern short of 'password' (which depends on the pack's threshold):
    'default' (the platform's suggestion: up to seven letters and eight digits),
    'name_digits' (a trailing number), 'name'."""
    if screen_name is None:
        return None
    if _DEFAULT_HANDLE.fullmatch(screen_name):
        return "default"
    return "name_digits" if screen_name and screen_name[-1] in "0123456789" else "name"


@lru_cache(maxsize=1 << 16)
def handle_fields(screen_name: str | None) -> dict[str, Any]:
    """The properties the loader stores beside an account's screen name (cached: a batch
    names the same accounts again and again). Do not change the dict returned."""
    return {
        "handle_score": handle_score(screen_name),
        "handle_kind": handle_kind(screen_name),
        "handle_key": name_key(screen_name),
    }


def display_fields(display_name: str | None) -> dict[str, Any]:
    """The properties the loader stores beside an account's display name."""
    return {
        "name_script": name_script(display_name) if display_name is not None else None,
        "display_key": name_key(display_name),
    }


def post_fields(text: str | None) -> dict[str, str | None]:
    """The properties the loader stores beside a post's text."""
    return {"script": post_script(text), "format": post_format(text)}


def account_names(screen_name: str | None, display_name: str | None) -> dict[str, Any]:
    """The properties the loader stores beside an account's current names."""
    return {**handle_fields(screen_name), **display_fields(display_name)}
