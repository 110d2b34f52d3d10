"""infoops: investigate coordinated inauthentic behaviour on social media with Neo4j."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__"]

if TYPE_CHECKING:
    from infoops.workspace import Workspace


def __getattr__(name: str) -> Any:
    # Imported lazily so `infoops --help` does not pay for pandas.
    if name == "Workspace":
        from infoops.workspace import Workspace

        return Workspace
    raise AttributeError(name)
