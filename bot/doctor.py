"""`harbor doctor`: find settings that would put youth at risk, and say why in plain words.

Each check returns findings; ``unsafe`` ones make the command exit 1, ``warning`` ones are
printed only. Checks read the environment and the project files at the moment they run,
so tests change variables and call :func:`diagnose` again.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from bot.settings import Settings, load_settings

UNSAFE, WARNING = "unsafe", "warning"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PRODUCTION_WORDS = {"production", "prod"}
SECRET_ENV_NAMES = ("TWILIO_AUTH_TOKEN", "TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "HARBOR_PSEUDONYM_KEY",
                    "HARBOR_FERNET_KEY", "HARBOR_API_TOKEN", "HARBOR_SESSION_KEY", "HARBOR_JWT_SECRET")
_PLACEHOLDER = re.compile(r"^(|\$.*|<.*|\.\.\.|x+|changeme|change-me|your[-_].*|example.*|none|null|unset)$",
                          re.IGNORECASE)
_NAMES = "|".join(SECRET_ENV_NAMES)
# NAME=value in an env/shell/YAML file, or NAME = "literal" / "NAME": "literal" in code.
_ASSIGNED = re.compile(rf"(?:^|[\s\"'{{,])(?:export\s+)?({_NAMES})[\"']?[ \t]*[:=][ \t]*([\"']?)([^\s\"',}}#\\]*)",
                       re.MULTILINE)
_PATTERNS = {
    "a private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    "a Telegram bot token": re.compile(r"\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b"),
    "an AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "a Twilio API key": re.compile(r"\bSK[0-9a-f]{32}\b"),
}
# Unquoted and made of letters, '_' and '.', maybe called or indexed: a variable, not a value.
_CODE_NAME = re.compile(r"^[A-Za-z_][A-Za-z_.]*([(\[].*)?$")


@dataclass(frozen=True)
class Finding:
    severity: str  # "unsafe" | "warning"
    check: str
    message: str


def _production(env: Mapping[str, str]) -> bool:
    return env.get("HARBOR_ENV", "").strip().lower() in PRODUCTION_WORDS


def check_api_auth(server_command: list[str]) -> list[Finding]:
    """Rasa's HTTP API can read and rewrite every conversation: it needs a token or a JWT secret."""
    if "--enable-api" not in server_command:
        return []
    for flag in ("--auth-token", "--jwt-secret"):
        if flag in server_command:
            index = server_command.index(flag)
            if index + 1 < len(server_command) and server_command[index + 1].strip():
                return []
    return [Finding(UNSAFE, "api_auth", "Rasa's HTTP API is enabled without --auth-token or --jwt-secret: "
                    "anyone who can reach the port can read and change every conversation.")]


def check_listen_address(settings: Settings, env: Mapping[str, str]) -> list[Finding]:
    """The action server has no authentication, so it must only be reachable from this machine."""
    host = env.get("SANIC_HOST", "").strip() or settings.host
    if host in LOOPBACK:
        return []
    return [Finding(UNSAFE, "action_server_host", f"The action server would listen on {host}, beyond this "
                    "machine; it has no authentication. Keep HARBOR_HOST at 127.0.0.1 and put a reverse "
                    "proxy in front of the Rasa server only.")]


def check_production_secrets(settings: Settings, env: Mapping[str, str]) -> list[Finding]:
    """In production every key must come from the deployment, not from the generated dev file."""
    if not _production(env):
        return []
    from bot.secrets import SECRET_NAMES, _parse

    generated = _parse(settings.secrets_file.read_text()) if settings.secrets_file.exists() else {}
    findings = []
    for name in SECRET_NAMES:
        value = env.get(name, "").strip()
        if not value:
            findings.append(Finding(UNSAFE, "dev_secret", f"{name} is not set, so production would use the "
                                    f"development value generated in {settings.secrets_file}. Set it from your "
                                    "secret store."))
        elif generated.get(name) == value:
            findings.append(Finding(UNSAFE, "dev_secret", f"{name} equals the development value in "
                                    f"{settings.secrets_file}; generate a fresh one for production."))
        elif _PLACEHOLDER.match(value) or len(value) < 16:
            findings.append(Finding(UNSAFE, "weak_secret", f"{name} looks like a placeholder or is too short "
                                    "(fewer than 16 characters)."))
    return findings


def tracked_files(home: Path) -> list[Path]:
    """Files git tracks under ``home`` (none when it is not a git checkout)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=home, capture_output=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    return [home / name for name in out.stdout.decode(errors="replace").split("\0") if name]


def scan_text(text: str) -> list[str]:
    """What kind of secret a text seems to hold (empty when none)."""
    found = []
    for match in _ASSIGNED.finditer(text):
        quoted, value = bool(match.group(2)), match.group(3).strip()
        if _PLACEHOLDER.match(value) or len(value) < 8 or (not quoted and _CODE_NAME.match(value)):
            continue
        found.append(f"a value for {match.group(1)}")
    found += [label for label, pattern in _PATTERNS.items() if pattern.search(text)]
    return found


def check_committed_secrets(home: Path) -> list[Finding]:
    """Secrets in git stay in its history for ever: report any tracked file that holds one."""
    findings = []
    for path in tracked_files(home):
        try:
            if not path.is_file() or path.stat().st_size > 2_000_000:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if b"\0" in data[:4096]:
            continue  # binary
        for what in sorted(set(scan_text(data.decode(errors="replace")))):
            findings.append(Finding(UNSAFE, "committed_secret", f"{path.relative_to(home)} contains {what}. "
                                    "Remove it, rotate the secret, and keep secrets in the environment."))
    return findings


def check_log_level(settings: Settings, env: Mapping[str, str]) -> list[Finding]:
    """Rasa logs the text of every message at DEBUG."""
    levels = {settings.log_level.upper(), env.get("LOG_LEVEL", "").strip().upper()}
    if _production(env) and "DEBUG" in levels:
        return [Finding(UNSAFE, "debug_logging", "Logging is at DEBUG in production: Rasa then writes what "
                        "youth type into the logs. Set HARBOR_LOG_LEVEL=INFO.")]
    return []


def check_public_url(env: Mapping[str, str]) -> list[Finding]:
    url = env.get("HARBOR_PUBLIC_URL", "").strip()
    if _production(env) and url and not url.lower().startswith("https://"):
        return [Finding(UNSAFE, "public_url", f"HARBOR_PUBLIC_URL ({url}) is not https: messages and "
                        "webhook signatures would cross the internet unencrypted.")]
    return []


def check_database(settings: Settings, env: Mapping[str, str]) -> list[Finding]:
    if _production(env) and settings.database_url.startswith("sqlite"):
        return [Finding(WARNING, "sqlite", "SQLite in production: fine for one small machine, but use "
                        "PostgreSQL for several workers or replicas, and encrypt the disk.")]
    return []


def check_retention() -> list[Finding]:
    from bot.retention import retention_days

    try:
        days = retention_days()
    except ValueError as error:
        return [Finding(UNSAFE, "retention", f"Retention setting is invalid: {error}.")]
    if days is None:
        return [Finding(UNSAFE, "retention", "Retention is switched off (HARBOR_RETENTION_DAYS): conversations "
                        "would be kept for ever. Harbor promises youth a limit; 30 days is the default.")]
    if days > 90:
        return [Finding(WARNING, "retention", f"Conversations are kept {days} days; the default is 30.")]
    return []


def diagnose(env: Mapping[str, str] | None = None, home: Path | None = None,
             scan_git: bool = True) -> list[Finding]:
    """Every finding for the current configuration (environment read now)."""
    from bot.runner import server_commands

    env = dict(os.environ) if env is None else env
    settings = load_settings()
    home = home or settings.home
    settings.var_dir.mkdir(parents=True, exist_ok=True)  # the runner writes its endpoints file there
    checks: list[Callable[[], Iterable[Finding]]] = [
        lambda: check_api_auth(server_commands(settings)[1]),
        lambda: check_listen_address(settings, env),
        lambda: check_production_secrets(settings, env),
        lambda: check_log_level(settings, env),
        lambda: check_public_url(env),
        lambda: check_database(settings, env),
        check_retention,
    ]
    if scan_git:
        checks.append(lambda: check_committed_secrets(home))
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check())
    return findings


def report_lines(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["No unsafe settings found."]
    lines = [f"{f.severity.upper():8} {f.message}" for f in findings]
    unsafe = sum(f.severity == UNSAFE for f in findings)
    lines.append(f"{unsafe} unsafe, {len(findings) - unsafe} warning(s).")
    return lines
