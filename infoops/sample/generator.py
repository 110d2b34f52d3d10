"""Synthetic collections with ground truth: organic conversation plus a planted operation.

    generate(GeneratorConfig.reference(seed=7), Path("out"))  ->  Truth

writes the collection in the real input formats and ``truth.json`` (layout in ``truth``).
``GeneratorConfig.formats`` picks the files: ``v1`` tweets.jsonl, ``generic`` accounts.csv +
interactions.csv (Twitter likes, Facebook), ``cnt`` cnt.csv, ``io`` io_tweets.csv +
io_users.csv, ``twarc2`` twarc2.jsonl (see ``writers``). The world varies with the seed
(start date, pools, bursts, names, scripts, topics, stars...) and its size with the config.

How it is built: ``builder`` draws accounts and the operation's plan, ``posts`` the tweets
that are not retweets, ``engagement`` the retweets and likes, which are spooled to disk by
hour; the writers then render everything hour by hour in time order (the later half of the
window in a forked helper for big worlds), so memory stays flat whatever the size.

Command line: ``python -m infoops.sample.generator OUT_DIR --seed 1 --interactions 100000``.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import orjson

from infoops.sample import vocab
from infoops.sample.builder import WorldBuilder
from infoops.sample.config import DEFAULT_FORMATS, FORMAT_FILES, GeneratorConfig
from infoops.sample.facebook import FacebookPart, build_facebook
from infoops.sample.render import Renderer, date_only, iso_time
from infoops.sample.timing import HOUR_MS, snowflakes
from infoops.sample.truth import (
    BurstDay,
    CrossPlatformPair,
    HijackTruth,
    OperationAccount,
    PoolTruth,
    StarTruth,
    TopicTruth,
    Truth,
)
from infoops.sample.world import EVENT_RETWEET, TOPIC_NAMES, Kind, Role, World
from infoops.sample.writers import FormatWriter, make_writers

__all__ = ["DEFAULT_FORMATS", "FORMAT_FILES", "GeneratorConfig", "Truth", "generate", "main"]

FILE_FORMATS = {
    "tweets.jsonl": "twitter-v1.1-jsonl",
    "accounts.csv": "generic-accounts-csv",
    "interactions.csv": "generic-interactions-csv",
    "cnt.csv": "coordination-network-toolkit-csv",
    "io_tweets.csv": "twitter-io-tweets-csv",
    "io_users.csv": "twitter-io-users-csv",
    "twarc2.jsonl": "twarc2-flattened-jsonl",
}


# Below this many events a second process costs more than it saves.
PARALLEL_MIN_EVENTS = 150_000


def generate(config: GeneratorConfig, out_dir: Path, workers: int | None = None) -> Truth:
    """Writes one synthetic collection to ``out_dir`` and returns (and saves) its truth.

    ``workers``: processes writing the output (1 or 2; ``None`` picks 2 for big worlds where
    ``fork`` exists). The files are byte-identical whatever it is.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _collector_paused():
        return _generate(config, out_dir, workers)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Generating makes no reference cycles, and the cyclic collector's passes over the big
    caches would cost about a third of the time: it sleeps until the files are written."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(config: GeneratorConfig, out_dir: Path, workers: int | None) -> Truth:
    world = WorldBuilder(config, out_dir / f".spool-{os.getpid()}").build()
    try:
        renderer = Renderer(world)
        streamed, lines, writers = _write_streams(world, renderer, out_dir, workers)
        facebook_seed = int(np.random.SeedSequence(config.seed).spawn(6)[5].generate_state(1)[0])
        facebook = (
            build_facebook(world, renderer.profiles, facebook_seed)
            if "generic" in config.formats
            else FacebookPart()
        )
        for writer in writers:
            for name, rows in writer.epilogue(facebook).items():
                lines[name] = lines.get(name, 0) + rows
    finally:
        world.spool.close()
    truth = _truth(world, renderer, facebook, streamed, lines)
    truth.save(out_dir / "truth.json")
    return truth


def _split_bucket(world: World) -> int:
    """The hour that halves the writing work (a post costs about three events)."""
    edges = world.window.start_ms + np.arange(world.spool.buckets + 1) * HOUR_MS
    posts_per_bucket = np.diff(np.searchsorted(world.posts.time_ms, edges))
    work = np.cumsum(world.spool.per_bucket + 3 * posts_per_bucket)
    return int(np.searchsorted(work, work[-1] / 2)) + 1


def _write_streams(
    world: World, renderer: Renderer, out_dir: Path, workers: int | None
) -> tuple[dict[str, int], dict[str, int], list[FormatWriter]]:
    """Writes the stream files, the later hours in a forked helper when that pays."""
    formats = world.config.formats
    buckets = world.spool.buckets
    if workers is None:
        workers = 2 if world.spool.count >= PARALLEL_MIN_EVENTS and _idle_core() else 1
    split = min(buckets, _split_bucket(world)) if workers > 1 and hasattr(os, "fork") else buckets
    helper = _Helper(world, renderer, out_dir, split) if split < buckets else None
    writers = make_writers(formats, out_dir, renderer)
    streamed = _stream(world, writers, range(split), retweet_base=0)
    lines: dict[str, int] = {}
    for writer in writers:
        lines.update(writer.close())
    if helper is not None:
        parts = [out_dir / (name + _Helper.PART) for w in writers for name in w.stream_files]
        try:
            helper_streamed, helper_lines = helper.join()
        except RuntimeError:
            for part in parts:
                part.unlink(missing_ok=True)
            raise
        for part in parts:
            _append(part.with_suffix(""), part)
        for key, value in helper_streamed.items():
            streamed[key] += value
        for name, rows in helper_lines.items():
            lines[name] += rows
    return streamed, lines, writers


def _idle_core() -> bool:
    """Whether a second process would get a core of its own: on a busy machine it only adds
    a second warm-up of the caches and the copying of its part."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on this platform
        load = 0.0
    return cores > 1 and load <= cores - 1


class _Helper:
    """A forked process that writes the hours from ``split`` on into ``.part`` files."""

    PART = ".part"

    def __init__(self, world: World, renderer: Renderer, out_dir: Path, split: int) -> None:
        read_end, write_end = os.pipe()
        retweet_base = int(world.spool.retweets_per_bucket[:split].sum())
        self.pid = os.fork()
        if self.pid == 0:  # the helper: write, report, and leave without running cleanups
            os.close(read_end)
            status = 1
            try:
                writers = make_writers(world.config.formats, out_dir, renderer, self.PART)
                streamed = _stream(world, writers, range(split, world.spool.buckets), retweet_base)
                lines: dict[str, int] = {}
                for writer in writers:
                    lines.update(writer.close())
                with os.fdopen(write_end, "wb") as report:
                    report.write(orjson.dumps({"streamed": streamed, "lines": lines}))
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        os.close(write_end)
        self.read_end = read_end

    def join(self) -> tuple[dict[str, int], dict[str, int]]:
        with os.fdopen(self.read_end, "rb") as report:
            payload = report.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not payload:
            raise RuntimeError("the helper process writing the second half of the window failed")
        data = orjson.loads(payload)
        return data["streamed"], data["lines"]


def _append(target: Path, part: Path) -> None:
    """Appends ``part`` to ``target`` (in the kernel where it can) and removes it."""
    # Not "ab": the kernel refuses to copy into a file opened for appending.
    with open(target, "r+b") as out, open(part, "rb") as source:
        out.seek(0, os.SEEK_END)
        copy_range = getattr(os, "copy_file_range", None)
        remaining = os.fstat(source.fileno()).st_size
        try:
            while copy_range is not None and remaining > 0:
                copied = copy_range(source.fileno(), out.fileno(), remaining)
                if copied == 0:
                    break
                remaining -= copied
        except OSError:  # e.g. across file systems that do not support it
            pass
        if remaining > 0:
            source.seek(os.fstat(source.fileno()).st_size - remaining)
            shutil.copyfileobj(source, out, 1 << 22)
    part.unlink()


def _stream(
    world: World, writers: list[FormatWriter], buckets: range, retweet_base: int
) -> dict[str, int]:
    """Feeds the tweets and likes of some hours to the writers in time order.

    ``retweet_base``: retweets in the hours before, so retweet ids do not depend on how the
    hours are shared between processes.
    """
    posts = world.posts
    start = world.window.start_ms
    n_posts = len(posts)
    retweets = 0
    likes = 0
    post_methods = [w.post for w in writers if "post" in w.events]
    retweet_methods = [w.retweet for w in writers if "retweet" in w.events]
    like_methods = [w.like for w in writers if "like" in w.events]
    for bucket in buckets:
        hour_start = start + bucket * HOUR_MS
        first, last = np.searchsorted(posts.time_ms, [hour_start, hour_start + HOUR_MS])
        events = world.spool.hour(bucket)
        times = np.concatenate([posts.time_ms[first:last], events["t"]])
        order = np.argsort(times, kind="stable").tolist()
        n_here = int(last - first)
        is_retweet = events["kind"] == EVENT_RETWEET
        ordinal = n_posts + retweet_base + retweets + np.cumsum(is_retweet) - 1
        tids = snowflakes(events["t"], ordinal).tolist()
        ev_t = events["t"].tolist()
        ev_src = events["src"].tolist()
        ev_post = events["post"].tolist()
        ev_retweet = is_retweet.tolist()
        for item in order:
            if item < n_here:
                post = int(first) + item
                for write_post in post_methods:
                    write_post(post)
                continue
            e = item - n_here
            if ev_retweet[e]:
                for write_retweet in retweet_methods:
                    write_retweet(ev_post[e], ev_src[e], ev_t[e], tids[e])
            else:
                for write_like in like_methods:
                    write_like(ev_post[e], ev_src[e], ev_t[e])
        retweets += int(is_retweet.sum())
        likes += int(len(events) - is_retweet.sum())
    return {"retweets": retweets, "likes": likes}


# --- truth ---------------------------------------------------------------------------------


def _operation_accounts(world: World, renderer: Renderer) -> tuple[list[OperationAccount], ...]:
    accounts = world.accounts
    memberships: dict[int, list[int]] = {}
    for index, pool in enumerate(world.pools):
        for member in pool.members.tolist():
            memberships.setdefault(member, []).append(index)
    posts_by_poster: dict[int, list[str]] = {}
    for post in world.operation_posts:
        posts_by_poster.setdefault(int(world.posts.author[post]), []).append(
            str(renderer.tid[post])
        )
    posters: list[OperationAccount] = []
    amplifiers: list[OperationAccount] = []
    for account in world.operation_accounts().tolist():
        profile = renderer.profiles.final(account)
        is_poster = accounts.role[account] == Role.POSTER
        item = OperationAccount(
            id=str(renderer.uid[account]),
            screen_name=profile.screen_name,
            display_name=profile.display_name,
            created_at=iso_time(int(accounts.created_s[account]) * 1000),
            role="poster" if is_poster else "amplifier",
            pools=world.poster_pools[account] if is_poster else memberships.get(account, []),
            topics=[TOPIC_NAMES[t] for t in world.poster_topics.get(account, [])],
            posts=posts_by_poster.get(account, []),
        )
        (posters if is_poster else amplifiers).append(item)
    return posters, amplifiers


def _bursts(world: World) -> list[BurstDay]:
    created = world.accounts.created_s[world.operation_accounts()]
    return [
        BurstDay(
            date=date_only(day * 1000),
            count=int(np.count_nonzero((created >= day) & (created < day + 86_400))),
        )
        for day in world.burst_days_s
    ]


def _hijack(world: World, renderer: Renderer) -> HijackTruth | None:
    hijack = world.hijack
    if hijack is None:
        return None
    account = hijack.account
    return HijackTruth(
        id=str(renderer.uid[account]),
        old_screen_name=hijack.old_names[0],
        old_display_name=hijack.old_names[1],
        new_screen_name=hijack.new_names[0],
        new_display_name=hijack.new_names[1],
        renamed_at=iso_time(hijack.renamed_ms),
        created_at=iso_time(int(world.accounts.created_s[account]) * 1000),
        followers=int(world.accounts.followers[account]),
        verified=bool(world.accounts.verified[account]),
        pools=hijack.pools,
        scam_posts=[str(renderer.tid[p]) for p in hijack.scam_posts],
    )


def _topics() -> list[TopicTruth]:
    topics: list[TopicTruth] = []
    for name in TOPIC_NAMES:
        hashtags, keywords = vocab.TOPICS[name]
        slots = vocab.OPERATION_SLOTS.get(name)
        topics.append(
            TopicTruth(
                name=name,
                hashtags=list(hashtags),
                keywords=list(keywords),
                operation=name in vocab.OPERATION_TOPICS,
                operation_hashtags=[t.lstrip("#") for t in slots["tags"]] if slots else [],
            )
        )
    return topics


def _counts(world: World, facebook: FacebookPart, streamed: dict[str, int]) -> dict[str, int]:
    posts = world.posts
    replies = int(np.count_nonzero(posts.kind == Kind.REPLY))
    quotes = int(np.count_nonzero(posts.kind == Kind.QUOTE))
    # Entity mentions: those chosen per post, plus the leading @parent of every reply.
    mentions = int(np.count_nonzero(posts.mention >= 0)) + replies
    twitter = streamed["retweets"] + streamed["likes"] + replies + quotes + mentions
    role = world.accounts.role
    return {
        "accounts": len(world.accounts),
        "organic_accounts": int(np.count_nonzero(role <= Role.HIJACKED)),
        "operation_accounts": int(np.count_nonzero(role >= Role.POSTER)),
        "tweets": len(posts) + streamed["retweets"],
        "originals": int(np.count_nonzero(posts.kind == Kind.POST)),
        "retweets": streamed["retweets"],
        "likes": streamed["likes"],
        "replies": replies,
        "quotes": quotes,
        "mentions": mentions,
        "twitter_interactions": twitter,
        "facebook_accounts": len(facebook.accounts),
        "facebook_interactions": len(facebook.interactions),
        "interactions": twitter + len(facebook.interactions),
    }


def _truth(
    world: World,
    renderer: Renderer,
    facebook: FacebookPart,
    streamed: dict[str, int],
    lines: dict[str, int],
) -> Truth:
    cfg = world.config
    posters, amplifiers = _operation_accounts(world, renderer)
    parameters = cfg.to_dict()
    parameters |= {
        "start": iso_time(world.window.start_ms),
        "pools": len(world.pools),
        "pool_size": cfg.base_pool_size(),
        "min_retweets": cfg.minimum_retweets,
        "burst_days": len(world.burst_days_s),
    }
    accounts = world.accounts
    return Truth(
        seed=cfg.seed,
        parameters=parameters,
        window={
            "start": iso_time(world.window.start_ms),
            "end": iso_time(world.window.end_ms),
            "days": cfg.days,
        },
        counts=_counts(world, facebook, streamed),
        files={
            name: {"format": FILE_FORMATS[name], "rows": rows}
            for name, rows in sorted(lines.items())
        },
        topics=_topics(),
        posters=posters,
        amplifiers=amplifiers,
        pools=[
            PoolTruth(
                index=index,
                members=[str(renderer.uid[m]) for m in pool.members.tolist()],
                posters=[str(renderer.uid[p]) for p in pool.posters],
            )
            for index, pool in enumerate(world.pools)
        ],
        operation_posts=[str(renderer.tid[p]) for p in world.operation_posts],
        amplification={
            "per_post": list(cfg.amplification),
            "participation": list(cfg.participation),
            "min_retweets": cfg.minimum_retweets,
            "delay_seconds": [3, int(cfg.max_delay_hours * 3_600)],
        },
        creation_bursts=_bursts(world),
        template={
            "format": vocab.OPERATION_TEMPLATE,
            "language": "zh",
            "slots": {
                topic: {slot: list(values) for slot, values in slots.items()}
                for topic, slots in vocab.OPERATION_SLOTS.items()
            },
        },
        active_hours={"timezone": "Asia/Shanghai", "hours": [9, 18], "weekdays_only": True},
        hijacked=_hijack(world, renderer),
        cross_platform=[
            CrossPlatformPair(
                twitter_id=str(renderer.uid[fb.twitter_account]),
                twitter_screen_name=renderer.profiles.final(fb.twitter_account).screen_name,
                twitter_display_name=renderer.profiles.final(fb.twitter_account).display_name,
                facebook_id=fb.id,
                facebook_screen_name=fb.screen_name,
                facebook_display_name=fb.display_name,
                operation=fb.operation,
                match=fb.match,
            )
            for fb in facebook.accounts
            if fb.twitter_account is not None
        ],
        organic_stars=[
            StarTruth(
                id=str(renderer.uid[star]),
                screen_name=renderer.profiles.final(star).screen_name,
                display_name=renderer.profiles.final(star).display_name,
                followers=int(accounts.followers[star]),
                verified=bool(accounts.verified[star]),
                topic=TOPIC_NAMES[int(world.communities.topic[int(accounts.community[star])])],
                community=int(accounts.community[star]),
            )
            for star in world.stars
        ],
    )


# --- command line --------------------------------------------------------------------------


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m infoops.sample.generator",
        description="Write a synthetic collection with a planted operation and its truth.json.",
    )
    parser.add_argument("out_dir", type=Path, help="directory to write the collection to")
    parser.add_argument("--seed", type=int, default=1)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--interactions", type=int, help="about this many interactions")
    size.add_argument("--preset", choices=("small", "reference"), help="a named size")
    parser.add_argument("--operation-share", type=float, default=0.35)
    parser.add_argument("--days", type=int, default=None, help="collection window in days")
    parser.add_argument(
        "--workers", type=int, choices=(1, 2), default=None, help="processes (default: auto)"
    )
    parser.add_argument(
        "--formats",
        default=",".join(DEFAULT_FORMATS),
        help=f"comma-separated, from: {', '.join(FORMAT_FILES)}",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    try:
        if args.interactions is not None:
            config = GeneratorConfig.for_interactions(
                args.interactions, args.seed, args.operation_share, formats
            )
        elif args.preset == "small":
            config = GeneratorConfig.small(args.seed).with_formats(formats)
        else:
            config = GeneratorConfig.reference(args.seed).with_formats(formats)
        if args.days is not None:
            config = config.with_days(args.days)
        config.validate()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    truth = generate(config, args.out_dir, workers=args.workers)
    seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    helper_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    counts = truth.counts
    print(
        f"wrote {args.out_dir}: {counts['accounts']:,} accounts, {counts['tweets']:,} tweets, "
        f"{counts['interactions']:,} interactions in {seconds:.1f} s "
        f"({counts['interactions'] / max(seconds, 1e-9):,.0f}/s), peak RSS {peak_mb:,.0f} MB"
        + (f" (largest child process {helper_mb:,.0f} MB)" if helper_mb else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
