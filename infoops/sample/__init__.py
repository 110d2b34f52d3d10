"""Synthetic collections with known ground truth, and the small one bundled for ``infoops demo``.

The generator lives in :mod:`infoops.sample.generator`; the bundled sample in ``data/`` is its
output for :data:`SAMPLE_SEED` with :meth:`GeneratorConfig.small` (regenerate it with
:func:`write_sample` after changing the generator).
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson

SAMPLE_DIR = Path(__file__).resolve().parent / "data"
SAMPLE_SEED = 7
# The files the loader reads. The tweets are gzipped (the loader reads gzip by its magic
# bytes): as plain v1.1 JSON they would be several megabytes.
SAMPLE_FILES: tuple[str, ...] = ("tweets.jsonl.gz", "accounts.csv", "interactions.csv")


def sample_files() -> list[Path]:
    """Paths of the bundled sample's collection files."""
    return [SAMPLE_DIR / name for name in SAMPLE_FILES]


def sample_truth() -> dict[str, Any]:
    """The bundled sample's ``truth.json`` as plain data."""
    loaded: dict[str, Any] = orjson.loads((SAMPLE_DIR / "truth.json").read_bytes())
    return loaded


def write_sample(directory: Path = SAMPLE_DIR) -> None:
    """(Re)generates the bundled sample into ``directory``, byte for byte the same each time."""
    from infoops.sample.generator import GeneratorConfig, Truth, generate

    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        work = Path(scratch)
        generate(GeneratorConfig.small(SAMPLE_SEED), work)
        for name in ("accounts.csv", "interactions.csv"):
            shutil.copyfile(work / name, directory / name)
        truth = Truth.load(work / "truth.json")
        truth.files["tweets.jsonl.gz"] = truth.files.pop("tweets.jsonl")
        truth.save(directory / "truth.json")
        # No name and no time in the gzip header, so the archive depends on the data only.
        with (
            open(work / "tweets.jsonl", "rb") as plain,
            open(directory / "tweets.jsonl.gz", "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out,
        ):
            shutil.copyfileobj(plain, out)
