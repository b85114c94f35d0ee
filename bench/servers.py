"""Start, time, measure and stop a Rasa server and an action server (Harbor's or stock)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import httpx

try:  # optional: the /proc reading below does the same on Linux
    import psutil  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the machine
    psutil = None


class ServerFailed(RuntimeError):
    """A server exited or never answered; the message names its log."""


@dataclass
class Server:
    """One spawned process; ``own_rss`` is False when the root is a wrapper (py-spy)."""

    name: str
    proc: subprocess.Popen
    log: Path
    own_rss: bool = True

    def rss(self) -> int:
        return tree_rss(self.proc.pid, include_root=self.own_rss)


def spawn(name: str, argv: Sequence[str], cwd: Path, env: dict[str, str], log_dir: Path,
          own_rss: bool = True) -> Server:
    log = log_dir / f"{name}.log"
    proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    return Server(name, proc, log, own_rss)


def _proc_rss(pid: int) -> int:
    """VmRSS of one process in bytes (0 when it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _proc_children(pid: int) -> list[int]:
    """All descendants of ``pid``, read from /proc/*/stat (parent is the 4th field)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                after_name = stat.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            continue
        parents.setdefault(int(after_name[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def tree_rss(pid: int, include_root: bool = True) -> int:
    """Resident memory of a process and all its children, in bytes."""
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = root.children(recursive=True) + ([root] if include_root else [])
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total
    pids = _proc_children(pid) + ([pid] if include_root else [])
    return sum(_proc_rss(p) for p in pids)


def _proc_kb(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def tree_memory(pid: int, include_root: bool = True) -> dict[str, int]:
    """Per-process detail for a server with several processes (Sanic workers): the largest
    single RSS, and the tree's PSS (shared pages divided among the processes sharing them, so
    a forked worker's share of its parent's imports is not counted twice as RSS does)."""
    pids = _proc_children(pid) + ([pid] if include_root else [])
    return {"processes": len(pids), "largest_rss": max((_proc_rss(p) for p in pids), default=0),
            "pss": sum(_proc_kb(p, "smaps_rollup", "Pss:") for p in pids)}


@dataclass
class RssPeaks:
    """The highest resident memory seen per server since the last ``reset``."""

    servers: list[Server]
    peaks: dict[str, int] = field(default_factory=dict)

    def sample(self) -> None:
        for server in self.servers:
            self.peaks[server.name] = max(self.peaks.get(server.name, 0), server.rss())

    def reset(self) -> dict[str, int]:
        """This period's peaks (after one last reading); starts a new period."""
        self.sample()
        peaks, self.peaks = self.peaks, {}
        return peaks


def _check_alive(servers: Sequence[Server]) -> None:
    for server in servers:
        if server.proc.poll() is not None:
            raise ServerFailed(f"{server.name} exited with code {server.proc.returncode}; see {server.log}")


def wait_first_answer(url: str, servers: Sequence[Server], started: float, timeout: float = 300,
                      message: str = "hi") -> float:
    """Seconds from ``started`` (time.monotonic at spawn) until ``message`` gets a non-empty reply."""
    deadline = started + timeout
    with httpx.Client(timeout=10, trust_env=False) as client:
        while time.monotonic() < deadline:
            _check_alive(servers)
            try:
                reply = client.post(url, json={"sender": f"bench-start-{os.getpid()}", "message": message})
                if reply.status_code == 200 and reply.json():
                    return time.monotonic() - started
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.2)
    raise ServerFailed(f"no answer from {url} within {timeout:.0f} s")


def wait_healthy(url: str, servers: Sequence[Server], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5, trust_env=False) as client:
        while time.monotonic() < deadline:
            _check_alive(servers)
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
    raise ServerFailed(f"{url} was not healthy within {timeout:.0f} s")


def stop(servers: Sequence[Server]) -> None:
    """Stop each server (py-spy gets SIGINT so it writes its profile), then its leftovers.

    Every server runs in its own session, so the process group holds only what we started.
    """
    for server in servers:
        if server.proc.poll() is None:
            server.proc.send_signal(signal.SIGTERM if server.own_rss else signal.SIGINT)
    for server in servers:
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)
        try:
            os.killpg(server.proc.pid, signal.SIGKILL)  # children left behind, if any
        except (ProcessLookupError, PermissionError):
            pass


@dataclass
class Pair:
    """A running Rasa server and action server, and how long the first answer took."""

    rasa: Server
    actions: Server
    base_url: str
    first_answer_s: float

    @property
    def servers(self) -> list[Server]:
        return [self.rasa, self.actions]


RASA = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "rasa"


def start_pair(cwd: Path, env: dict[str, str], log_dir: Path, port: int, actions_port: int,
               rasa_args: Sequence[str], profile_to: Path | None = None, timeout: float = 300) -> Pair:
    """Spawn both with the stock commands, at the same moment; time "hi" -> first reply.

    ``profile_to``: run the Rasa server under ``py-spy record`` writing that file.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    rasa_argv = [str(RASA), "run", "--enable-api", "--interface", "127.0.0.1", "--port", str(port), *rasa_args]
    if profile_to is not None:
        rasa_argv = ["py-spy", "record", "--subprocesses", "--output", str(profile_to), "--", *rasa_argv]
    started = time.monotonic()
    actions = spawn("actions", [str(RASA), "run", "actions", "--port", str(actions_port)], cwd, env, log_dir)
    rasa = spawn("rasa", rasa_argv, cwd, env, log_dir, own_rss=profile_to is None)
    try:
        first = wait_first_answer(f"http://127.0.0.1:{port}/webhooks/rest/webhook", [actions, rasa], started,
                                  timeout)
        wait_healthy(f"http://127.0.0.1:{actions_port}/health", [actions, rasa], timeout)
    except BaseException:
        stop([rasa, actions])
        raise
    return Pair(rasa, actions, f"http://127.0.0.1:{port}", first)


def start_redis(folder: Path, port: int, log_dir: Path) -> Server | None:
    """A throw-away redis-server on 127.0.0.1 (nothing kept on disk) for the lock store that
    several Sanic workers share; None when redis-server is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    server = spawn("redis", [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], folder, dict(os.environ), log_dir)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise ServerFailed(f"redis-server exited; see {server.log}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.1)
    stop([server])
    raise ServerFailed(f"redis-server did not listen on {port} within 20 s; see {server.log}")
