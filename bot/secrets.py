"""Development secrets, generated once per installation and never committed.

Environment variables win. Otherwise the values come from a git-ignored file with
0600 permissions, created atomically on first use so that the Rasa server and the
action server, started together, always agree on the same keys.
"""
from __future__ import annotations

import base64
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path

from bot.settings import get_settings

# name -> how to make a fresh value
SECRET_NAMES: dict[str, str] = {
    "HARBOR_PSEUDONYM_KEY": "hex",  # HMAC key that turns channel identities into pseudonyms
    "HARBOR_FERNET_KEY": "fernet",  # encrypts the reply address of a youth (channels)
    "HARBOR_API_TOKEN": "token",  # token for Rasa's HTTP API
    "HARBOR_SESSION_KEY": "hex",  # signs console session cookies
}


def _fresh(kind: str) -> str:
    if kind == "fernet":
        return base64.urlsafe_b64encode(os.urandom(32)).decode()
    if kind == "hex":
        return secrets.token_hex(32)
    return secrets.token_urlsafe(32)


def _parse(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def ensure_secrets_file(path: Path) -> Path:
    """Create the secrets file if missing (atomic, 0600); add any missing names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        values = {name: _fresh(kind) for name, kind in SECRET_NAMES.items()}
        body = "# Harbor development secrets. Generated; never commit.\n" + "".join(
            f"{k}={v}\n" for k, v in values.items()
        )
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secrets-")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, body.encode())
            os.close(fd)
            try:
                os.link(tmp, path)  # fails if another process won the race: keep theirs
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    existing = _parse(path.read_text())
    missing = {n: _fresh(k) for n, k in SECRET_NAMES.items() if n not in existing}
    if missing:
        with path.open("a") as handle:
            handle.writelines(f"{k}={v}\n" for k, v in missing.items())
    os.chmod(path, 0o600)
    return path


@lru_cache(maxsize=None)
def get_secret(name: str) -> str:
    """The value of a secret: environment first, then the generated file."""
    if name not in SECRET_NAMES:
        raise KeyError(f"unknown secret {name!r}")
    from_env = os.environ.get(name, "").strip()
    if from_env:
        return from_env
    path = ensure_secrets_file(get_settings().secrets_file)
    return _parse(path.read_text())[name]
