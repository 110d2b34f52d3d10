"""Where infoops keeps its files. ``INFOOPS_HOME`` moves all of them (tests use a temp dir)."""

from __future__ import annotations

import os
from pathlib import Path


def infoops_home() -> Path | None:
    value = os.environ.get("INFOOPS_HOME")
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    """Large, re-downloadable files: the assembled Neo4j distribution.

    ``INFOOPS_CACHE_DIR`` overrides it alone, so throw-away homes (tests) share one download.
    """
    if explicit := os.environ.get("INFOOPS_CACHE_DIR"):
        return Path(explicit).expanduser()
    if home := infoops_home():
        return home / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "infoops"


def config_dir() -> Path:
    """Small private files: the managed server's password (mode 0600)."""
    if home := infoops_home():
        return home / "config"
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "infoops"


def data_dir() -> Path:
    """The managed server's instance: configuration, database files, logs."""
    if home := infoops_home():
        return home / "server"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "infoops" / "server"
