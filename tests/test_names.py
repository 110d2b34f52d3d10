"""infoops.analysis.names: the scores the loader stores for the name packs.

The expected values are what the packs computed in Cypher before the scores moved to load
time (checked against that Cypher on a real server when they moved), including its quirks:
letters outside the Basic Multilingual Plane never count, and a handle's length is counted in
UTF-16 code units.
"""

from __future__ import annotations

import pytest

from infoops.analysis.names import (
    account_names,
    handle_kind,
    handle_score,
    name_key,
    name_script,
    post_format,
    post_script,
)

HANDLES = [
    # handle, score (3 decimals), kind
    ("Na5Ivwycl", 0.687, "name"),
    ("xKq9Lm2Pz", 0.99, "name"),
    ("h0tgrl99", 0.617, "name_digits"),  # leetspeak scores high
    ("A1B2C3D4", 0.886, "name_digits"),
    ("abcDEF123ghi", 0.818, "name"),
    ("bcdfghjklm", 1.0, "name"),  # unpronounceable
    ("KatyPerry", 0.162, "name"),  # one hump a word
    ("sandra_yilmaz3", 0.0, "name_digits"),
    ("mike_1990", 0.0, "name_digits"),  # a trailing year is left out
    ("Oscar_Wilde_1854", 0.137, "name_digits"),
    ("john12345678", 0.0, "default"),  # the platform's suggestion
    ("ab_cdefg12345678", 0.0, "name_digits"),  # eight letters: not the default
    ("abcdefgh12345678", 0.0, "name_digits"),
    ("aB1", 0.0, "name_digits"),  # damped: short
    ("123456", 0.0, "name_digits"),
    ("", 0.0, "name"),
    ("a😀Bc1d2", 0.959, "name_digits"),  # the emoji counted two (UTF-16)
    ("yyyyy", 0.0, "name"),
    ("QWRTYP", 0.125, "name"),
]


@pytest.mark.parametrize(("handle", "score", "kind"), HANDLES)
def test_handle_score_and_kind(handle: str, score: float, kind: str) -> None:
    assert round(handle_score(handle) or 0.0, 3) == score
    assert handle_kind(handle) == kind


DISPLAY_NAMES = [
    # display name, script, key
    ("Elon Musk 🚀", "Latin", "elonmusk"),
    ("山田太郎", "Han", "山田太郎"),
    ("やまだ 山田", "Kana", "やまだ山田"),  # Han next to Kana is Japanese
    ("山田 やまだ abc", "mixed", "山田やまだabc"),
    ("Иван Petrov", "mixed", "иванpetrov"),
    ("Иван", "Cyrillic", "иван"),
    ("𝐉𝐨𝐡𝐧 Smith", "Latin", "smith"),  # astral letters never counted
    ("🔥🔥", "none", ""),
    ("", "none", ""),
    ("Zoë", "Latin", "zoë"),
    ("ΣΑΣ", "Greek", "σασ"),  # a final sigma is a sigma
    ("العربية", "Arabic", "العربية"),
    ("한국어", "Hangul", "한국어"),
    ("ไทย", "Thai", "ไทย"),
    ("हिन्दी", "Devanagari", "हनद"),  # vowel signs are marks, not letters
    ("עברית", "Hebrew", "עברית"),
    ("ᏣᎳᎩ", "other", "ꮳꮃꭹ"),
    ("ｆｕｌｌｗｉｄｔｈ", "Latin", "ｆｕｌｌｗｉｄｔｈ"),
    ("Ⅻ 123", "none", "ⅻ123"),  # a Roman numeral is a number, not a letter
]


@pytest.mark.parametrize(("name", "script", "key"), DISPLAY_NAMES)
def test_display_name_script_and_key(name: str, script: str, key: str) -> None:
    assert name_script(name) == script
    assert name_key(name) == key


POSTS = [
    # text, script
    ("RT @user: Привет мир http://t.co/x", "Cyrillic"),  # marker, mention, link left out
    ("RT", "none"),
    ("RT\nхорошо", "Cyrillic"),
    ("RT: мир", "Cyrillic"),  # not the marker: R and T count, but мир has more
    ("xRT мир", "Latin"),  # a tie goes to the script seen first
    ("@foo @bar", "none"),
    ("http://a.b/c 中文 ab", "Han"),
    ("中文 abc", "Latin"),
    ("ab 中文", "Latin"),
    ("日本語とにほんご", "Kana"),
    ("Hello мир", "Latin"),
    ("мир Hello", "Latin"),
    ("ab мир", "Cyrillic"),
    ("abc мир", "Latin"),
    ("мир abc", "Cyrillic"),
    ("😀🚀 123", "none"),
    ("𝐀𝐁𝐂 мир", "Cyrillic"),
    ("test@mail.com мир", "Latin"),  # only words that start with @ are mentions
]


@pytest.mark.parametrize(("text", "script"), POSTS)
def test_post_script(text: str, script: str) -> None:
    assert post_script(text) == script


FORMATS = [
    # text, format
    ("【头条】郭文贵说，真相来了！🔥 #MilesGuo https://t.co/1", "bracket Han emoji hashtag link"),
    ("【突发】又一个消息 #MilesGuo #GTV", "bracket Han hashtag"),
    ("Hello world, 3 times!", "Latin"),
    ("@bob @alice this is great 😂😂 #covid cc @al", "mention Latin emoji hashtag Latin mention"),
    ("Line one\n\nLine two #x\n", "Latin newline Latin hashtag"),
    ("\nПривет мир и 郭文贵 hi", "Cyrillic Han Latin"),
    ("[BREAKING] Big news www.example.com", "bracket Latin link"),
    ("a (b) c: d", "Latin"),  # parentheses are ordinary punctuation
    ("＃香港 ＠someone 你好", "hashtag mention Han"),
    ("", "empty"),
    ("!!! 123", "empty"),
    ("a #t " * 10, None),
]


@pytest.mark.parametrize(("text", "expected"), FORMATS)
def test_post_format(text: str, expected: str | None) -> None:
    if expected is None:  # longer than shown: the first parts, then an ellipsis
        expected = "Latin hashtag " * 6 + "…"
    assert post_format(text) == expected


def test_missing_values() -> None:
    assert post_script(None) is None and post_format(None) is None
    assert handle_score(None) is None and handle_kind(None) is None
    assert name_key(None) is None
    assert name_script(None) == "none"
    assert account_names(None, None) == {
        "handle_score": None, "handle_kind": None, "handle_key": None,
        "name_script": None, "display_key": None,
    }  # fmt: skip
    fields = account_names("Na5Ivwycl", "Иван")
    assert fields["handle_key"] == "na5ivwycl" and fields["name_script"] == "Cyrillic"
