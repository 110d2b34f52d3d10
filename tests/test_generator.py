"""The synthetic-collection generator: determinism, variety, truth matching the files, valid
formats, linear scaling. Pure Python: no database."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from infoops.sample import SAMPLE_DIR, SAMPLE_SEED, sample_files, sample_truth
from infoops.sample.generator import GeneratorConfig, Truth, generate, main
from infoops.sample.writers import (
    ACCOUNT_COLUMNS,
    CNT_COLUMNS,
    INTERACTION_COLUMNS,
    IO_TWEET_COLUMNS,
    IO_USER_COLUMNS,
)

ALL_FORMATS = ("v1", "generic", "cnt", "io", "twarc2")
V1_TIME = "%a %b %d %H:%M:%S +0000 %Y"
PASSWORD_HANDLE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{8,15}$")
DEFAULT_HANDLE = re.compile(r"^[A-Za-z]{1,7}\d{8}$")


# --- helpers -------------------------------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for line in handle:
            yield orjson.loads(line)


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def v1_time(text: str) -> datetime:
    return datetime.strptime(text, V1_TIME).replace(tzinfo=UTC)


def iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    folder = tmp_path_factory.mktemp("small")
    config = GeneratorConfig.small(seed=3).with_formats(ALL_FORMATS)
    return folder, generate(config, folder)


@pytest.fixture(scope="module")
def reference_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    folder = tmp_path_factory.mktemp("reference")
    return folder, generate(GeneratorConfig.reference(seed=5), folder)


@pytest.fixture(scope="module")
def tweets(reference_world: tuple[Path, Truth]) -> list[dict[str, Any]]:
    return list(read_jsonl(reference_world[0] / "tweets.jsonl"))


# --- determinism and variety ---------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    config = GeneratorConfig.small(seed=21).with_formats(ALL_FORMATS)
    generate(config, tmp_path / "a")
    generate(config, tmp_path / "b")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_a_helper_process_changes_no_byte(tmp_path: Path) -> None:
    config = GeneratorConfig.small(seed=22).with_formats(ALL_FORMATS)
    generate(config, tmp_path / "one", workers=1)
    generate(config, tmp_path / "two", workers=2)
    assert digest(tmp_path / "one") == digest(tmp_path / "two")
    assert not list((tmp_path / "two").glob("*.part"))
    assert not list((tmp_path / "two").glob(".spool*"))


def test_different_seeds_give_different_worlds(tmp_path: Path) -> None:
    truths = [generate(GeneratorConfig.small(seed=s), tmp_path / str(s)) for s in (1, 2, 3, 4)]
    assert len({t.window["start"] for t in truths}) > 1
    assert len({frozenset(t.operation_ids) for t in truths}) == 4
    assert len({tuple(b.count for b in t.creation_bursts) for t in truths}) == 4
    assert len({t.hijacked.new_screen_name for t in truths if t.hijacked}) > 1
    # The seed picks the number of pools and of burst days when the config does not.
    worlds = [
        generate(GeneratorConfig.reference(seed=s), tmp_path / f"r{s}") for s in range(5, 10)
    ]
    assert len({len(t.pools) for t in worlds}) > 1
    assert len({len(t.creation_bursts) for t in worlds}) > 1


# --- the truth matches the files -----------------------------------------------------------


def test_every_poster_post_has_the_promised_retweets(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    retweets = Counter(t["retweeted_status"]["id_str"] for t in tweets if "retweeted_status" in t)
    minimum = truth.amplification["min_retweets"]
    assert minimum >= 1
    for poster in truth.posters:
        assert poster.posts, poster
        for post in poster.posts:
            assert retweets[post] >= minimum
    low, high = truth.amplification["per_post"]
    likes = Counter(row["post_id"] for row in read_csv(reference_world[0] / "interactions.csv")[1])
    totals = [retweets[p] + likes[p] for p in truth.operation_posts]
    assert sum(low * 0.8 <= total <= high * 1.2 for total in totals) >= 0.9 * len(totals)


def test_pools_serve_many_posters_with_partial_participation(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    amplifiers = {a.id for a in truth.amplifiers}
    retweeters: dict[str, set[str]] = defaultdict(set)
    for t in tweets:
        if "retweeted_status" in t:
            retweeters[t["retweeted_status"]["id_str"]].add(t["user"]["id_str"])
    assert len(truth.pools) >= 3
    for pool in truth.pools:
        assert set(pool.members) <= amplifiers
        assert len(pool.posters) >= 2
    memberships = Counter(m for pool in truth.pools for m in pool.members)
    assert any(count > 1 for count in memberships.values()), "pools overlap"
    for poster in truth.posters:
        members = {m for pool in truth.pools if poster.id in pool.posters for m in pool.members}
        for post in poster.posts:
            share = len(retweeters[post] & members) / len(members)
            assert 0.25 <= share <= 0.95
            assert len(retweeters[post] & amplifiers) / len(retweeters[post]) > 0.9


def test_amplifiers_push_several_topics(reference_world: tuple[Path, Truth]) -> None:
    _, truth = reference_world
    topics_by_pool = [
        {t for p in truth.posters if p.id in pool.posters for t in p.topics} for pool in truth.pools
    ]
    assert len(set().union(*topics_by_pool)) >= 2
    operation_topics = {t.name for t in truth.topics if t.operation}
    assert operation_topics == {"guo", "hong-kong", "crypto", "covid"}


def test_creation_bursts_match_the_accounts_file(reference_world: tuple[Path, Truth]) -> None:
    folder, truth = reference_world
    header, rows = read_csv(folder / "accounts.csv")
    assert tuple(header) == ACCOUNT_COLUMNS
    operation = truth.operation_ids
    created = Counter(
        row["created_at"][:10]
        for row in rows
        if row["platform"] == "twitter" and row["account_id"] in operation
    )
    bursts = truth.creation_bursts
    assert 3 <= len(bursts) <= 5
    days = [datetime.fromisoformat(b.date).replace(tzinfo=UTC) for b in bursts]
    assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
    counts = [b.count for b in bursts]
    assert counts == sorted(counts) and len(set(counts)) == len(counts), "rising counts"
    for burst in bursts:
        assert created[burst.date] == burst.count
    assert sum(counts) >= 0.6 * len(operation)
    window_start = iso(truth.window["start"])
    assert all(day < window_start for day in days)


def test_organic_creation_dates_are_smooth(reference_world: tuple[Path, Truth]) -> None:
    folder, truth = reference_world
    _, rows = read_csv(folder / "accounts.csv")
    operation = truth.operation_ids
    organic = [
        iso(row["created_at"])
        for row in rows
        if row["platform"] == "twitter" and row["account_id"] not in operation
    ]
    years = Counter(day.year for day in organic)
    assert len(years) >= 10
    per_day = Counter(day.date() for day in organic)
    assert max(per_day.values()) <= 6, "no spike of organic sign-ups"


def test_hijacked_account_shows_both_names(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    hijacked = truth.hijacked
    assert hijacked is not None
    assert hijacked.new_display_name == "Elon Musk"
    assert "elon" in hijacked.new_screen_name.lower()
    assert hijacked.verified and hijacked.followers >= 50_000
    assert iso(hijacked.created_at).year <= 2014
    renamed = iso(hijacked.renamed_at)
    seen: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for t in tweets:
        if t["user"]["id_str"] == hijacked.id:
            seen[(t["user"]["screen_name"], t["user"]["name"])].append(v1_time(t["created_at"]))
    old = (hijacked.old_screen_name, hijacked.old_display_name)
    new = (hijacked.new_screen_name, hijacked.new_display_name)
    assert set(seen) == {old, new}
    assert all(when < renamed for when in seen[old])
    assert all(when >= renamed for when in seen[new])
    scam = {t["id_str"]: t for t in tweets if t["id_str"] in set(hijacked.scam_posts)}
    assert len(scam) == len(hijacked.scam_posts) >= 2
    assert all(t["entities"]["urls"] and t["lang"] == "en" for t in scam.values())


def test_ids_are_exact_strings(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    folder, truth = reference_world
    data = orjson.loads((folder / "truth.json").read_bytes())
    operation = data["operation"]
    ids = (
        operation["accounts"]
        + operation["posts"]
        + [p["id"] for p in operation["posters"]]
        + [m for pool in operation["pools"] for m in pool["members"]]
        + [data["hijacked"]["id"]]
        + data["hijacked"]["scam_posts"]
        + [s["id"] for s in data["organic_stars"]]
        + [c["twitter_id"] for c in data["cross_platform"]]
        + [c["facebook_id"] for c in data["cross_platform"]]
    )
    assert all(isinstance(i, str) and i.isdigit() for i in ids)
    for t in tweets[:500]:
        assert str(t["id"]) == t["id_str"] and str(t["user"]["id"]) == t["user"]["id_str"]
    account_ids = {row["account_id"] for row in read_csv(folder / "accounts.csv")[1]}
    assert truth.operation_ids <= account_ids
    assert {c.facebook_id for c in truth.cross_platform} <= account_ids
    big = [t for t in tweets if t["id"] > 2**53]
    assert big, "snowflake ids above 2**53 must survive as strings"


def test_retweets_and_replies_look_like_the_api(tweets: list[dict[str, Any]]) -> None:
    by_id = {t["id_str"]: t for t in tweets}
    retweets = [t for t in tweets if "retweeted_status" in t]
    replies = [t for t in tweets if t["in_reply_to_status_id_str"]]
    assert retweets and replies
    for t in retweets[:2_000]:
        original = t["retweeted_status"]
        author = original["user"]["screen_name"]
        assert t["full_text"].startswith(f"RT @{author}: ")
        assert len(t["full_text"]) <= 140
        mention = t["entities"]["user_mentions"][0]
        assert mention["id_str"] == original["user"]["id_str"]
        assert mention["indices"] == [3, 4 + len(author)]
        assert v1_time(t["created_at"]) > v1_time(original["created_at"])
        assert t["retweet_count"] == original["retweet_count"]
    for t in replies[:500]:
        mention = t["entities"]["user_mentions"][0]
        assert mention["id_str"] == t["in_reply_to_user_id_str"]
        assert t["full_text"][mention["indices"][0] : mention["indices"][1]] == "@" + mention[
            "screen_name"
        ]
        if t["in_reply_to_status_id_str"] in by_id:
            parent = by_id[t["in_reply_to_status_id_str"]]
            assert v1_time(parent["created_at"]) < v1_time(t["created_at"])
    for t in tweets[:2_000]:
        text = t["full_text"]
        for tag in t["entities"]["hashtags"]:
            start, end = tag["indices"]
            assert text[start:end] == "#" + tag["text"]
        for url in t["entities"]["urls"]:
            start, end = url["indices"]
            assert text[start:end] == url["url"]


def test_times_are_in_the_window_and_ordered(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    start, end = iso(truth.window["start"]), iso(truth.window["end"])
    times = [v1_time(t["created_at"]) for t in tweets]
    assert times == sorted(times)
    assert start <= times[0] and times[-1] < end
    for t in tweets[:3_000]:
        assert v1_time(t["user"]["created_at"]) <= v1_time(t["created_at"])


def test_operation_posts_in_shanghai_office_hours(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    operation = truth.operation_ids
    local_hours = Counter(
        (v1_time(t["created_at"]).hour + 8) % 24
        for t in tweets
        if t["user"]["id_str"] in operation and "retweeted_status" not in t
        and not t["in_reply_to_status_id_str"]
    )
    office = sum(n for hour, n in local_hours.items() if 9 <= hour < 18)
    assert office >= 0.85 * sum(local_hours.values())
    organic_hours = Counter(
        v1_time(t["created_at"]).hour for t in tweets if t["user"]["id_str"] not in operation
    )
    assert len(organic_hours) == 24 and min(organic_hours.values()) > 0


def test_operation_names_and_language(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    accounts = truth.posters + truth.amplifiers
    handles = [a.screen_name for a in accounts]
    patterned = [h for h in handles if PASSWORD_HANDLE.match(h) or DEFAULT_HANDLE.match(h)]
    assert len(patterned) == len(handles)
    assert sum(bool(DEFAULT_HANDLE.match(h)) for h in handles) >= 0.15 * len(handles)
    cyrillic = [bool(re.search("[\u0400-\u04ff]", a.display_name)) for a in accounts]
    han = [bool(re.search("[\u4e00-\u9fff]", a.display_name)) for a in accounts]
    assert all(c or h for c, h in zip(cyrillic, han, strict=True))
    # The share of Cyrillic names grows with the creation date.
    order = sorted(range(len(accounts)), key=lambda i: accounts[i].created_at)
    half = len(order) // 2
    early = sum(cyrillic[i] for i in order[:half]) / half
    late = sum(cyrillic[i] for i in order[half:]) / (len(order) - half)
    assert late > early
    operation = truth.operation_ids
    texts = [
        t["full_text"]
        for t in tweets
        if t["user"]["id_str"] in operation and "retweeted_status" not in t
    ]
    assert all(re.search("[\u4e00-\u9fff]", text) for text in texts)
    shaped = [text for text in texts if "【" in text and "】" in text]
    assert len(shaped) >= 0.8 * len(texts)
    # Near-identical texts: the same headline and claim from different accounts.
    cores = Counter(text.split("】", 1)[0] for text in shaped)
    assert cores.most_common(1)[0][1] >= 5


def test_organic_world_is_varied(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    _, truth = reference_world
    operation = truth.operation_ids
    organic = [t for t in tweets if t["user"]["id_str"] not in operation]
    langs = Counter(t["lang"] for t in organic)
    assert {"en", "ru", "ja"} <= set(langs)
    names = {t["user"]["name"] for t in organic}
    assert any(re.search("[\u0600-\u06ff]", n) for n in names), "Arabic names"
    assert any(re.search("[\u0400-\u04ff]", n) for n in names), "Cyrillic names"
    handles = {t["user"]["screen_name"] for t in organic}
    assert any(DEFAULT_HANDLE.match(h) for h in handles), "organic default handles too"
    tags = Counter(
        h["text"] for t in organic if "retweeted_status" not in t for h in t["entities"]["hashtags"]
    )
    for tag in ("MilesGuo", "HongKong", "Bitcoin", "COVID19"):
        assert any(tag.lower() == k.lower() for k in tags), tag
    by_account = {t["user"]["id_str"]: t["user"]["followers_count"] for t in organic}
    followers = sorted(by_account.values())
    assert followers[-1] > 100 * followers[len(followers) // 2], "heavy-tailed followers"
    stars = truth.organic_stars
    assert len(stars) >= 3
    audiences: dict[str, set[str]] = defaultdict(set)
    star_ids = {s.id for s in stars}
    for t in tweets:
        original = t.get("retweeted_status")
        if original and original["user"]["id_str"] in star_ids:
            audiences[original["user"]["id_str"]].add(t["user"]["id_str"])
    busiest = sorted(audiences.values(), key=len)[-2:]
    assert len(busiest[-1]) >= 20
    overlap = len(busiest[0] & busiest[1]) / min(len(busiest[0]), len(busiest[1]))
    assert overlap < 0.3, "stars' audiences barely overlap"


def test_likes_and_facebook_in_the_generic_csv(
    reference_world: tuple[Path, Truth], tweets: list[dict[str, Any]]
) -> None:
    folder, truth = reference_world
    header, rows = read_csv(folder / "interactions.csv")
    assert tuple(header) == INTERACTION_COLUMNS
    authors = {t["id_str"]: t["user"]["id_str"] for t in tweets if "retweeted_status" not in t}
    twitter = [r for r in rows if r["platform"] == "twitter"]
    facebook = [r for r in rows if r["platform"] == "facebook"]
    assert {r["type"] for r in twitter} == {"like"}
    assert len(twitter) == truth.counts["likes"]
    for row in twitter:
        assert authors[row["post_id"]] == row["target"]
        iso(row["time"])
    assert {r["type"] for r in facebook} <= {"share", "like", "reply"}
    assert len(facebook) == truth.counts["facebook_interactions"] > 0
    pairs = [c for c in truth.cross_platform if c.operation]
    assert pairs
    for pair in pairs:
        assert pair.match in ("same", "near")
        if pair.match == "same":
            assert pair.facebook_screen_name == pair.twitter_screen_name
    _, accounts = read_csv(folder / "accounts.csv")
    facebook_ids = {a["account_id"] for a in accounts if a["platform"] == "facebook"}
    assert {c.facebook_id for c in truth.cross_platform} <= facebook_ids


# --- formats ------------------------------------------------------------------------------


def test_every_file_is_valid_in_its_format(small_world: tuple[Path, Truth]) -> None:
    folder, truth = small_world
    for name in ("tweets.jsonl", "twarc2.jsonl"):
        lines = (folder / name).read_bytes().splitlines()
        assert all(orjson.loads(line) for line in lines)
        assert len(lines) == truth.counts["tweets"] == truth.files[name]["rows"]
    expected = {
        "accounts.csv": ACCOUNT_COLUMNS,
        "interactions.csv": INTERACTION_COLUMNS,
        "cnt.csv": CNT_COLUMNS,
        "io_tweets.csv": IO_TWEET_COLUMNS,
        "io_users.csv": IO_USER_COLUMNS,
    }
    for name, columns in expected.items():
        with open(folder / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == columns, name
        assert all(len(row) == len(columns) for row in rows), name
        assert len(rows) - 1 == truth.files[name]["rows"], name
    assert len(IO_TWEET_COLUMNS) == 31
    assert not list(folder.glob(".spool*"))


def test_twarc2_lines_are_flattened_tweets(small_world: tuple[Path, Truth]) -> None:
    folder, _ = small_world
    for tweet in read_jsonl(folder / "twarc2.jsonl"):
        assert {"id", "text", "author_id", "author", "created_at", "__twarc"} <= set(tweet)
        assert tweet["author"]["id"] == tweet["author_id"]
        for reference in tweet.get("referenced_tweets", []):
            assert reference["type"] in ("retweeted", "replied_to", "quoted")
            if reference["type"] == "retweeted":
                assert reference["author"]["id"] == reference["author_id"]
                assert tweet["text"].startswith("RT @" + reference["author"]["username"])


def test_io_and_cnt_rows(small_world: tuple[Path, Truth]) -> None:
    folder, truth = small_world
    _, rows = read_csv(folder / "io_tweets.csv")
    retweets = [r for r in rows if r["is_retweet"] == "True"]
    assert len(retweets) == truth.counts["retweets"]
    assert all(r["retweet_tweetid"] and r["retweet_userid"] for r in retweets)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", r["tweet_time"]) for r in rows)
    assert all(r["hashtags"].startswith("[") for r in rows)
    _, cnt = read_csv(folder / "cnt.csv")
    assert len(cnt) == truth.counts["tweets"]
    assert sum(bool(r["repost_id"]) for r in cnt) == truth.counts["retweets"]
    assert all(float(r["timestamp"]) > 1e9 for r in cnt)


# --- size ---------------------------------------------------------------------------------


def test_size_scales_linearly_with_interactions(tmp_path: Path) -> None:
    sizes = {}
    for n in (5_000, 20_000):
        truth = generate(GeneratorConfig.for_interactions(n, seed=2), tmp_path / str(n))
        interactions = truth.counts["interactions"]
        assert 0.8 * n <= interactions <= 1.25 * n
        sizes[n] = sum(p.stat().st_size for p in (tmp_path / str(n)).iterdir())
    assert 2.8 <= sizes[20_000] / sizes[5_000] <= 5.5


def test_amplification_grows_with_size() -> None:
    small = GeneratorConfig.for_interactions(10_000)
    big = GeneratorConfig.for_interactions(2_000_000)
    assert small.amplification == (200, 300)
    assert big.amplification == (200, 1_000)
    assert big.base_pool_size() > small.base_pool_size()


def test_reference_is_about_the_bellingcat_size(reference_world: tuple[Path, Truth]) -> None:
    _, truth = reference_world
    assert 2_000 <= truth.counts["accounts"] <= 3_200
    assert 8_000 <= truth.counts["interactions"] <= 13_000


# --- config, truth file, command line ------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"formats": ("v1", "xml")},
        {"days": 0},
        {"amplification": (300, 200)},
        {"participation": (0.0, 0.5)},
        {"organic_accounts": 10},
    ],
)
def test_bad_configs_are_refused(change: dict[str, Any], tmp_path: Path) -> None:
    config = GeneratorConfig(**change)
    with pytest.raises(ValueError):
        generate(config, tmp_path)


def test_truth_round_trips(small_world: tuple[Path, Truth]) -> None:
    folder, truth = small_world
    loaded = Truth.load(folder / "truth.json")
    assert loaded.to_dict() == truth.to_dict()
    data = orjson.loads((folder / "truth.json").read_bytes())
    assert data["seed"] == 3 and data["parameters"]["seed"] == 3
    assert set(data["operation"]) >= {
        "accounts", "posters", "amplifiers", "pools", "posts", "amplification",
        "creation_bursts", "template", "active_hours",
    }


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "cli"), "--seed", "4", "--interactions", "3000"]) == 0
    assert "interactions" in capsys.readouterr().out
    assert (tmp_path / "cli" / "truth.json").exists()
    assert main([str(tmp_path / "bad"), "--interactions", "3000", "--formats", "v1,xml"]) == 2
    assert "unknown formats" in capsys.readouterr().err


# --- the bundled sample --------------------------------------------------------------------


def test_bundled_sample_is_small_and_consistent() -> None:
    files = sample_files()
    assert all(path.exists() for path in files)
    assert sum(p.stat().st_size for p in SAMPLE_DIR.iterdir()) < 2_000_000
    truth = sample_truth()
    assert truth["seed"] == SAMPLE_SEED
    assert 300 <= truth["counts"]["accounts"] <= 1_000
    assert 1_500 <= truth["counts"]["interactions"] <= 5_000
    tweets = list(read_jsonl(SAMPLE_DIR / "tweets.jsonl.gz"))
    assert len(tweets) == truth["counts"]["tweets"]
    retweets = Counter(t["retweeted_status"]["id_str"] for t in tweets if "retweeted_status" in t)
    minimum = truth["operation"]["amplification"]["min_retweets"]
    for poster in truth["operation"]["posters"]:
        assert all(retweets[post] >= minimum for post in poster["posts"])
    with open(SAMPLE_DIR / "interactions.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(io.StringIO(handle.readline())))
    assert tuple(header) == INTERACTION_COLUMNS
