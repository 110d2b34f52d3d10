"""The managed local Neo4j: configure, start, stop and inspect one server instance.

An instance is a folder (``conf/``, ``data/``, ``logs/``, ``run/``, ``import/``) that runs the
cached distribution. It listens on 127.0.0.1 only, with authentication on and a generated
password kept in a 0600 file that infoops never prints unless asked (``infoops db password``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from infoops.errors import InfoopsError
from infoops.paths import config_dir, data_dir
from infoops.server.distribution import Distribution, ensure_distribution, find_java

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
USERNAME = "neo4j"
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0

# What bin/neo4j adds for Neo4j 5 on Java 17+: Netty and the page cache reach into these
# JDK internals; without them the server logs warnings or runs slower.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


class ServerError(InfoopsError):
    """The managed server could not be started, stopped or reached."""


@dataclass
class RunState:
    """What a running instance needs to be found again (``run/infoops.json``)."""

    pid: int
    bolt_port: int
    http_port: int
    heap: str | None = None
    pagecache: str | None = None


@dataclass
class MemorySettings:
    heap: str
    pagecache: str


def machine_memory_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def default_memory() -> MemorySettings:
    """A quarter of the machine for heap (1–8 GiB), a quarter for the page cache (0.5–16 GiB).

    The other half stays with the loader, pandas and the OS file cache.
    """
    gib = 1024**3
    total = machine_memory_bytes()
    heap = min(max(total // 4, 1 * gib), 8 * gib)
    pagecache = min(max(total // 4, gib // 2), 16 * gib)
    return MemorySettings(heap=f"{heap // (1024**2)}m", pagecache=f"{pagecache // (1024**2)}m")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bolt_answers(port: int) -> bool:
    """True once the Bolt port accepts the Bolt handshake (not only a TCP connection)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
            # Bolt magic preamble, then four version proposals (5.x, 4.4, none, none).
            conn.sendall(
                bytes.fromhex("6060B017")
                + bytes.fromhex("00000405")
                + bytes.fromhex("00000404")
                + bytes(8)
            )
            return len(conn.recv(4)) == 4
    except OSError:
        return False



def new_password() -> str:
    """A random password that does not start with '-' (neo4j-admin would read it as an option)."""
    while (password := secrets.token_urlsafe(24)).startswith("-"):
        pass
    return password

class ManagedServer:
    """One local Neo4j instance under ``home`` (by default the user's data dir)."""

    def __init__(self, home: Path | None = None, password_file: Path | None = None) -> None:
        self.home = (home or data_dir()).resolve()
        self.password_file = password_file or (
            config_dir() / "password" if home is None else self.home / "password"
        )
        # Set only on the throw-away instance that builds the class-data archive.
        self.dump_classes_to: Path | None = None

    # -- paths ----------------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def data_path(self) -> Path:
        return self.home / "data"

    @property
    def state_file(self) -> Path:
        return self.home / "run" / "infoops.json"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def server_log(self) -> Path:
        return self.logs_dir / "neo4j.log"

    # -- credentials ----------------------------------------------------------------------
    def password(self) -> str:
        """The instance's password, generated (and stored 0600) on first use."""
        if self.password_file.is_file():
            return self.password_file.read_text().strip()
        self.password_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        password = new_password()
        descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(password + "\n")
        return password

    # -- state ----------------------------------------------------------------------------
    def run_state(self) -> RunState | None:
        """The state of a live instance, or None (a stale state file is removed)."""
        try:
            state = RunState(**json.loads(self.state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None
        if not process_alive(state.pid) or not self._is_our_server(state.pid):
            self.state_file.unlink(missing_ok=True)
            return None
        return state

    def _is_our_server(self, pid: int) -> bool:
        """Guards against a recycled pid after a reboot or a crash."""
        try:
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return True  # no /proc (macOS): trust the pid
        return "CommunityEntryPoint" in command_line and str(self.home) in command_line

    def uri(self) -> str | None:
        state = self.run_state()
        return f"neo4j://127.0.0.1:{state.bolt_port}" if state else None

    def data_size_bytes(self) -> int:
        if not self.data_path.exists():
            return 0
        return sum(p.stat().st_size for p in self.data_path.rglob("*") if p.is_file())

    # -- lifecycle ------------------------------------------------------------------------
    def start(
        self,
        bolt_port: int | None = None,
        http_port: int | None = None,
        heap: str | None = None,
        pagecache: str | None = None,
        notes: list[str] | None = None,
    ) -> RunState:
        """Start the instance, or return the running one (idempotent).

        Busy default ports are replaced by free ones; what was chosen is appended to ``notes``.
        """
        if (state := self.run_state()) is not None and bolt_answers(state.bolt_port):
            return state
        if (holder := self.offline_holder()) is not None:
            raise ServerError(
                f"the managed server is stopped for {holder['reason']} (pid {holder['pid']}), "
                "which starts it again when it ends: wait for it"
            )
        dist = ensure_distribution(progress=False)
        java = find_java()
        notes = notes if notes is not None else []
        bolt = self._pick_port(bolt_port, DEFAULT_BOLT_PORT, "Bolt", notes)
        http = self._pick_port(http_port, DEFAULT_HTTP_PORT, "HTTP", notes, avoid={bolt})
        memory = default_memory()
        memory = MemorySettings(heap=heap or memory.heap, pagecache=pagecache or memory.pagecache)
        for folder in ("conf", "data", "logs", "run", "import"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        # The instance holds evidence and the password; nobody else may read it.
        os.chmod(self.home, 0o700)
        self._write_config(dist, bolt, http, memory)
        self._set_initial_password(java, dist)
        command = [
            str(java),
            f"-Xms{memory.heap}",
            f"-Xmx{memory.heap}",
            *JVM_OPTIONS,
            *self._class_sharing(dist, java, notes),
            "-cp",
            dist.classpath,
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
        ]
        with open(self.console_log, "ab") as console:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=True,
            )
        state = RunState(
            pid=process.pid, bolt_port=bolt, http_port=http, heap=memory.heap,
            pagecache=memory.pagecache,
        )
        self.state_file.write_text(json.dumps(asdict(state)))
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise ServerError(
                    f"Neo4j failed to start (exit code {process.returncode}); from "
                    f"{self.server_log}:\n{self.failure_lines()}"
                )
            if bolt_answers(bolt):
                return state
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"Neo4j did not answer on 127.0.0.1:{bolt} within {START_TIMEOUT_S:.0f}s; "
            f"from {self.server_log}:\n{self.failure_lines()}"
        )

    @property
    def offline_file(self) -> Path:
        return self.home / "run" / "offline.json"

    def offline_holder(self) -> dict[str, Any] | None:
        """Who keeps the server stopped (another live process), or None."""
        try:
            holder = json.loads(self.offline_file.read_text())
        except (OSError, ValueError):
            return None
        if holder.get("pid") == os.getpid() or not process_alive(holder.get("pid", -1)):
            return None
        return holder

    @contextlib.contextmanager
    def offline(self, reason: str) -> Iterator[None]:
        """Keep other processes from starting the server meanwhile (a command that needs it
        starts it if it is down): neo4j-admin must have the store to itself. Only this process
        may start it again."""
        if (holder := self.offline_holder()) is not None:
            raise ServerError(
                f"the managed server is already stopped for {holder['reason']} "
                f"(pid {holder['pid']}): wait for it"
            )
        self.offline_file.parent.mkdir(parents=True, exist_ok=True)
        self.offline_file.write_text(json.dumps({"pid": os.getpid(), "reason": reason}))
        try:
            yield
        finally:
            self.offline_file.unlink(missing_ok=True)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Shut down cleanly (SIGTERM), then kill after ``timeout``. False if not running."""
        state = self.run_state()
        if state is None:
            return False
        os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process_alive(state.pid):
            time.sleep(0.2)
        if process_alive(state.pid):
            os.kill(state.pid, signal.SIGKILL)
            while process_alive(state.pid):
                time.sleep(0.1)
        self.state_file.unlink(missing_ok=True)
        return True

    def _class_sharing(self, dist: Distribution, java: Path, notes: list[str]) -> list[str]:
        """The JVM options that map the class-data archive (built on the first start)."""
        if self.dump_classes_to is not None:
            return [f"-XX:ArchiveClassesAtExit={self.dump_classes_to}"]
        archive = class_archive(dist, java)
        refused = archive.with_suffix(".refused")
        if refused.is_file():
            return []  # this Java could not use the archive it built: starts go without
        # A JVM given a damaged archive can crash instead of ignoring it: checked each start.
        if archive.is_file() and not class_archive_usable(archive, dist, java):
            archive.unlink(missing_ok=True)
        if not archive.is_file():
            try:
                build_class_archive(archive, dist, java)
            except (ServerError, OSError):
                return []  # a slower start, nothing worse; the next start tries again
            if not archive.is_file():
                refused.write_text("the archive built was not usable by this Java\n")
                return []
            notes.append(f"built a class-data archive for faster starts: {archive}")
        return [f"-XX:SharedArchiveFile={archive}"]

    def failure_lines(self, limit: int = 15) -> str:
        """The lines of the logs that say why a start failed."""
        lines: list[str] = []
        for log in (self.server_log, self.console_log):
            if log.is_file():
                lines += log.read_text(errors="replace").splitlines()[-400:]
        keep = [
            line
            for line in lines
            if any(word in line for word in ("ERROR", "Exception", "Caused by", "Error:"))
        ]
        return "\n".join((keep or lines)[-limit:]) or "(the log is empty)"

    def log_tail(self, lines: int = 50) -> str:
        if not self.server_log.is_file():
            raise ServerError(f"no server log yet at {self.server_log}")
        return "\n".join(self.server_log.read_text(errors="replace").splitlines()[-lines:])

    # -- helpers --------------------------------------------------------------------------
    def _pick_port(
        self,
        wanted: int | None,
        default: int,
        what: str,
        notes: list[str],
        avoid: set[int] | None = None,
    ) -> int:
        avoid = avoid or set()
        if wanted is not None:
            if not port_is_free(wanted) or wanted in avoid:
                raise ServerError(f"{what} port {wanted} on 127.0.0.1 is in use")
            return wanted
        if port_is_free(default) and default not in avoid:
            return default
        chosen = free_port()
        while chosen in avoid:
            chosen = free_port()
        notes.append(f"{what} port {default} is in use; using {chosen} instead")
        return chosen

    def _write_config(
        self, dist: Distribution, bolt: int, http: int, memory: MemorySettings
    ) -> None:
        settings = {
            "server.directories.data": self.data_path,
            "server.directories.logs": self.logs_dir,
            "server.directories.run": self.home / "run",
            "server.directories.import": self.home / "import",
            "server.directories.plugins": dist.plugins,
            "server.directories.lib": dist.lib,
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{bolt}",
            "server.bolt.advertised_address": f"127.0.0.1:{bolt}",
            "server.http.listen_address": f"127.0.0.1:{http}",
            "server.http.advertised_address": f"127.0.0.1:{http}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.security.procedures.unrestricted": "gds.*,apoc.*",
            "dbms.usage_report.enabled": "false",
            # Preallocated 250 MB transaction logs would dominate small case databases.
            "db.tx_log.preallocate": "false",
            # Netty waits for 5 s of quiet on each Bolt event-loop group before it stops,
            # after the databases have been shut down and checkpointed: 10 s of every stop.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
            "server.memory.heap.initial_size": memory.heap,
            "server.memory.heap.max_size": memory.heap,
            "server.memory.pagecache.size": memory.pagecache,
        }
        text = "# Written by infoops on every start; edit the infoops flags instead.\n"
        text += "".join(f"{key}={value}\n" for key, value in settings.items())
        (self.conf_dir / "neo4j.conf").write_text(text)

    def _set_initial_password(self, java: Path, dist: Distribution) -> None:
        if (self.data_path / "dbms" / "auth.ini").is_file():
            return
        if self.password().startswith("-"):
            # neo4j-admin reads a leading '-' as an option; earlier infoops versions could
            # store such a password (1 in 64), and no server has used it yet: replace it.
            self.password_file.write_text(new_password() + "\n")
        self._admin(java, dist, "dbms", "set-initial-password", self.password())

    def _admin(
        self, java: Path, dist: Distribution, *arguments: str, jvm_options: tuple[str, ...] = ()
    ) -> str:
        """Run neo4j-admin (its Java entry point) against this instance."""
        result = subprocess.run(
            [str(java), *jvm_options, "-cp", f"{dist.lib}/*", "org.neo4j.cli.AdminTool",
             *arguments],
            env={**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            # Only the command's name: set-initial-password carries the password.
            detail = (result.stderr or result.stdout).strip()[-400:]
            raise ServerError(f"neo4j-admin {' '.join(arguments[:2])} failed: {detail}")
        return result.stdout

    # -- archives -------------------------------------------------------------------------
    def backup(self, target: Path, database: str = "neo4j") -> Path:
        """Dump the database to ``target`` (a .dump file). Community can only dump a stopped
        database, so a running server is stopped for the dump and started again."""
        target = target.resolve()
        if target.exists():
            raise ServerError(f"{target} exists already; choose a new file name")
        with self._stopped(), tempfile.TemporaryDirectory(dir=target.parent) as folder:
            self._admin(find_java(), ensure_distribution(progress=False), "database", "dump",
                        database, f"--to-path={folder}")
            (Path(folder) / f"{database}.dump").rename(target)
        return target

    def restore(self, dump: Path, database: str = "neo4j") -> None:
        """Replace the database with a dump made by ``backup`` (or neo4j-admin dump)."""
        dump = dump.resolve()
        if not dump.is_file():
            raise ServerError(f"{dump}: no such dump file")
        with self._stopped(), tempfile.TemporaryDirectory(dir=self.home) as folder:
            (Path(folder) / f"{database}.dump").symlink_to(dump)
            self._admin(find_java(), ensure_distribution(progress=False), "database", "load",
                        database, f"--from-path={folder}", "--overwrite-destination=true")

    def import_full(
        self, arguments: list[str], database: str = "neo4j", heap: str | None = None
    ) -> str:
        """Replace ``database`` with what ``neo4j-admin database import full`` makes of CSV files
        (``arguments``: --nodes, --relationships and options). The server must be stopped:
        neo4j-admin writes the store files itself. ``heap``: the import's JVM heap."""
        if self.run_state() is not None:
            raise ServerError("stop the server before an import: neo4j-admin writes its store")
        return self._admin(
            find_java(), ensure_distribution(progress=False), "database", "import", "full",
            *arguments, "--overwrite-destination=true", database,
            jvm_options=(f"-Xmx{heap or default_memory().heap}",),
        )

    @contextlib.contextmanager
    def _stopped(self) -> Iterator[None]:
        with self.offline("neo4j-admin"):
            state = self.run_state()
            if state is not None:
                self.stop()
            if not (self.conf_dir / "neo4j.conf").is_file():
                raise ServerError("the managed server has never been started: nothing to archive")
            try:
                yield
            finally:
                if state is not None:
                    self.start(state.bolt_port, state.http_port, state.heap, state.pagecache)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of this process still answers kill(0); reap it if it is ours.
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return _not_zombie(pid)
    return finished == 0


def _not_zombie(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return status != "Z"


def class_archive(dist: Distribution, java: Path) -> Path:
    """Where the class-data archive of this distribution for this Java lives. An archive
    holds the classes a start loads, already parsed and verified (JDK class-data sharing), for
    one JVM build and class path only: another Java gets its own. (A JVM ignores an archive of
    another build, but crashes on a torn one: see ``class_archive_usable``.)"""
    binary = java.resolve()
    # The launcher and the VM library: an update in place changes one or both.
    files = [binary, *binary.parent.parent.glob("lib/server/libjvm.*")]
    facts = [f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in files]
    key = hashlib.sha256("\n".join(facts).encode()).hexdigest()
    return dist.root / "class-data" / f"neo4j-{key[:16]}.jsa"


def build_class_archive(archive: Path, dist: Distribution, java: Path) -> None:
    """Start and stop a throw-away instance that writes the classes it loaded to ``archive``.
    Starting Neo4j with GDS and APOC loads tens of thousands of classes (the procedure
    scan); mapped from the archive, a start takes about 7 s less (19 s against 12 s here).
    Built once, in about a minute."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    # Each builder writes its own file; the last rename wins, and every one is whole.
    partial = archive.with_name(f".{archive.stem}-{os.getpid()}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix="infoops-class-data-") as folder:
            trainer = ManagedServer(home=Path(folder) / "server", password_file=Path(folder) / "pw")
            trainer.dump_classes_to = partial
            try:
                trainer.start(free_port(), free_port(), heap="1g", pagecache="64m")
            finally:
                # The JVM writes the classes loaded so far as it exits. start returns once
                # Bolt answers, before the web server is up, so the web server's classes may
                # be missing from the archive: they load as usual.
                trainer.stop()
        if class_archive_usable(partial, dist, java):
            os.replace(partial, archive)
    finally:
        partial.unlink(missing_ok=True)


def class_archive_usable(archive: Path, dist: Distribution, java: Path) -> bool:
    """Whether this Java maps ``archive`` with the server's class path (``-Xshare:on`` makes
    a JVM that cannot use it fail instead of ignoring it): a killed build or a damaged copy
    leaves a torn one, which a server would crash on."""
    with tempfile.TemporaryDirectory(prefix="infoops-class-data-check-") as folder:
        # A torn archive crashes the JVM (SIGBUS): its crash report goes to the scratch folder.
        result = subprocess.run(
            [str(java), "-Xshare:on", f"-XX:SharedArchiveFile={archive}", "-cp", dist.classpath,
             "-version"],
            capture_output=True, text=True, timeout=60, check=False, cwd=folder,
        )  # fmt: skip
    return result.returncode == 0
