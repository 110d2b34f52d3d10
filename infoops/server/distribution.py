"""Assemble a Neo4j server (with GDS, APOC and Browser) from Maven Central artifacts.

Maven resolves one dependency tree from the shipped ``pom.xml``; the GDS and APOC jars go to
``plugins/`` (the only folder Neo4j scans for procedures), everything else to ``lib/``. The
result is cached in a versioned folder and never modified afterwards, so many server
instances (the user's, each test session's) share one copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from infoops.errors import InfoopsError
from infoops.paths import cache_dir

POM = Path(__file__).with_name("pom.xml")

# 5.26.19 is the newest 5.26 patch for which every artifact resolves: apoc-core and
# apoc-common are published up to 5.26.19 (the server goes further), and APOC must match the
# server's patch version. GDS 2.13.9 is the newest 2.13 release and supports Neo4j 5.26.
NEO4J_VERSION = os.environ.get("INFOOPS_NEO4J_VERSION", "5.26.19")
GDS_VERSION = os.environ.get("INFOOPS_GDS_VERSION", "2.13.9")
APOC_VERSION = os.environ.get("INFOOPS_APOC_VERSION", NEO4J_VERSION)
# The newest Browser on Maven Central; it speaks to any 5.x server.
BROWSER_VERSION = os.environ.get("INFOOPS_BROWSER_VERSION", "5.24.0")

PLUGIN_JAR = re.compile(r"^org\.neo4j\.(gds|procedure)\.")
MIN_JAVA = 17


class ToolMissing(InfoopsError):
    """Java or Maven is not there, or too old."""


class ResolveError(InfoopsError):
    """Maven could not produce the server (Maven Central unreachable, artifact missing)."""


@dataclass(frozen=True)
class Distribution:
    """A cached, immutable Neo4j + GDS + APOC installation."""

    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def plugins(self) -> Path:
        return self.root / "plugins"

    @property
    def classpath(self) -> str:
        return f"{self.plugins}/*{os.pathsep}{self.lib}/*"

    @property
    def complete(self) -> bool:
        return (self.root / "COMPLETE").is_file()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*.jar"))


def distribution_name() -> str:
    return f"neo4j-{NEO4J_VERSION}-gds-{GDS_VERSION}-apoc-{APOC_VERSION}"


def cached_distribution() -> Distribution:
    return Distribution(cache_dir() / "dist" / distribution_name())


def find_java() -> Path:
    """The java to run Neo4j with: $JAVA_HOME first, then PATH; Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.is_file():
        found = shutil.which("java")
        if found is None:
            raise ToolMissing(
                "Java not found: the managed Neo4j needs Java 17 or newer "
                "(install a JDK, e.g. `apt-get install openjdk-17-jre-headless`, or set "
                "NEO4J_URI to use a Neo4j you already run)"
            )
        candidate = Path(found)
    major = java_major_version(candidate)
    if major < MIN_JAVA:
        raise ToolMissing(
            f"Java {major} at {candidate} is too old: the managed Neo4j needs Java {MIN_JAVA} "
            "or newer (set JAVA_HOME to a newer JDK, or set NEO4J_URI)"
        )
    return candidate


def java_major_version(java: Path) -> int:
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as error:
        raise ToolMissing(f"cannot run {java}: {error}") from error
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise ToolMissing(f"cannot tell the version of {java}: {out.stderr.strip()[:200]}")
    major = int(match.group(1))
    # Java 8 and older report themselves as "1.8".
    return int(match.group(2) or 0) if major == 1 else major


def find_maven() -> Path:
    found = shutil.which("mvn")
    if found is None:
        raise ToolMissing(
            "Maven (mvn) not found: infoops assembles its Neo4j server from Maven Central "
            "the first time (install it, e.g. `apt-get install maven`, or set NEO4J_URI)"
        )
    return Path(found)


def ensure_distribution(progress: bool = True) -> Distribution:
    """Return the cached distribution, downloading and assembling it on first use."""
    dist = cached_distribution()
    if dist.complete:
        return dist
    java = find_java()
    mvn = find_maven()
    dist.root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dist.root.parent, prefix=".assembling-") as tmp:
        staging = Path(tmp) / "jars"
        command = [
            str(mvn),
            "-B",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}",
            "-Dmdep.prependGroupId=true",
            f"-Dneo4j.version={NEO4J_VERSION}",
            f"-Dgds.version={GDS_VERSION}",
            f"-Dapoc.version={APOC_VERSION}",
            f"-Dbrowser.version={BROWSER_VERSION}",
        ]
        if not progress:
            command.insert(2, "-q")
        env = {**os.environ, "JAVA_HOME": str(java.resolve().parent.parent)}
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if result.returncode != 0:
            raise ResolveError(explain_maven_failure(result.stdout + result.stderr))
        built = Path(tmp) / "dist"
        (built / "lib").mkdir(parents=True)
        (built / "plugins").mkdir()
        for jar in sorted(staging.glob("*.jar")):
            target = "plugins" if PLUGIN_JAR.match(jar.name) else "lib"
            jar.rename(built / target / jar.name)
        (built / "COMPLETE").write_text(
            f"neo4j={NEO4J_VERSION}\ngds={GDS_VERSION}\napoc={APOC_VERSION}\n"
            f"browser={BROWSER_VERSION}\n"
        )
        # Another process may have finished first; theirs is as good as ours.
        if not dist.complete:
            if dist.root.exists():
                shutil.rmtree(dist.root)
            built.rename(dist.root)
    return dist


def explain_maven_failure(output: str) -> str:
    network = re.search(
        r"(UnknownHost\w*|Connection refused|Connect to \S+ failed|timed out|"
        r"Network is unreachable|Could not transfer artifact[^\n]*)",
        output,
    )
    if network:
        return (
            "Maven Central unreachable while assembling the Neo4j server "
            f"({network.group(0).strip()[:200]}); check the network or a Maven mirror in "
            "~/.m2/settings.xml, or set NEO4J_URI"
        )
    missing = re.search(
        r"Could not (?:find|resolve) artifact[^\n]*|Could not resolve[^\n]*", output
    )
    if missing:
        return f"Maven could not resolve the Neo4j server: {missing.group(0).strip()[:300]}"
    errors = [line for line in output.splitlines() if "[ERROR]" in line][:3]
    return "Maven failed to assemble the Neo4j server: " + (
        " | ".join(errors) if errors else output.strip()[-300:]
    )
