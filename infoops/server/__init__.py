"""The managed local Neo4j server (assembled from Maven Central, run on 127.0.0.1)."""

from infoops.server.distribution import (
    APOC_VERSION,
    BROWSER_VERSION,
    GDS_VERSION,
    NEO4J_VERSION,
    ensure_distribution,
)
from infoops.server.managed import USERNAME, ManagedServer, ServerError

__all__ = [
    "APOC_VERSION",
    "BROWSER_VERSION",
    "GDS_VERSION",
    "NEO4J_VERSION",
    "USERNAME",
    "ManagedServer",
    "ServerError",
    "ensure_distribution",
]
