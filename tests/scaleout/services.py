"""PostgreSQL and Redis on loopback for the scale-out tests, through scripts/services."""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PROJECT = Path(__file__).resolve().parents[2]
SERVICES = PROJECT / "scripts" / "services"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_services() -> Iterator[dict[str, str]]:
    """Start both services in a fresh folder; yields HARBOR_DATABASE_URL and HARBOR_REDIS_URL.

    The folder is made under /tmp with mode 0755 because, as root, PostgreSQL runs as the
    `postgres` user, which cannot enter pytest's private (0700) temporary folders.
    """
    folder = Path(tempfile.mkdtemp(prefix="harbor-services-"))
    os.chmod(folder, 0o755)
    out = subprocess.run([str(SERVICES), "start", str(folder), "--pg-port", str(free_port()),
                          "--redis-port", str(free_port())], capture_output=True, text=True, timeout=900)
    try:
        assert out.returncode == 0, f"scripts/services start failed:\n{out.stderr}"
        env = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
        yield env | {"folder": str(folder)}
    finally:
        subprocess.run([str(SERVICES), "stop", str(folder)], capture_output=True, timeout=120)
        subprocess.run(["rm", "-rf", str(folder)], timeout=120)
