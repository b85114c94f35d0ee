"""`harbor doctor`: each unsafe setting is reported when present and silent when fixed."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot import doctor
from bot.secrets import SECRET_NAMES, _parse, ensure_secrets_file
from bot.settings import load_settings

PROD_ENV_NAMES = ("HARBOR_ENV", "HARBOR_LOG_LEVEL", "LOG_LEVEL", "HARBOR_PUBLIC_URL", "HARBOR_HOST", "SANIC_HOST",
                  "HARBOR_RETENTION_DAYS")


@pytest.fixture
def env(harbor_env: Path, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROD_ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def checks(scan_git: bool = False) -> set[str]:
    return {f.check for f in doctor.diagnose(scan_git=scan_git)}


def test_api_without_token_is_unsafe() -> None:
    base = ["rasa", "run", "--enable-api", "--port", "5005"]
    assert [f.check for f in doctor.check_api_auth(base)] == ["api_auth"]
    assert doctor.check_api_auth(base + ["--auth-token", ""]) != []
    assert doctor.check_api_auth(base + ["--auth-token", "t0ken"]) == []
    assert doctor.check_api_auth(base + ["--jwt-secret", "s3cret"]) == []
    assert doctor.check_api_auth(["rasa", "run"]) == []  # no HTTP API at all


def test_default_development_configuration_is_clean(env: pytest.MonkeyPatch) -> None:
    assert checks() == set()  # the runner passes --auth-token; everything on localhost


def test_action_server_beyond_localhost(env: pytest.MonkeyPatch) -> None:
    env.setenv("HARBOR_HOST", "0.0.0.0")
    assert "action_server_host" in checks()
    env.setenv("HARBOR_HOST", "127.0.0.1")
    assert "action_server_host" not in checks()


def production(env: pytest.MonkeyPatch, strong: bool = True) -> None:
    env.setenv("HARBOR_ENV", "production")
    env.setenv("HARBOR_PUBLIC_URL", "https://harbor.example.org")
    env.setenv("HARBOR_DATABASE_URL", "postgresql+psycopg2://harbor@localhost/harbor")
    if strong:
        for index, name in enumerate(SECRET_NAMES):
            env.setenv(name, f"{index}-a-long-production-secret-from-the-vault")


def test_production_with_development_secrets(env: pytest.MonkeyPatch) -> None:
    production(env, strong=False)
    findings = doctor.check_production_secrets(load_settings(), __import__("os").environ)
    assert {f.check for f in findings} == {"dev_secret"} and len(findings) == len(SECRET_NAMES)
    generated = _parse(ensure_secrets_file(load_settings().secrets_file).read_text())
    for name in SECRET_NAMES:
        env.setenv(name, generated[name])  # copied from the dev file: still unsafe
    assert "dev_secret" in checks()
    production(env)
    assert checks() == set()
    env.setenv("HARBOR_API_TOKEN", "changeme")
    assert "weak_secret" in checks()


def test_debug_logging_in_production(env: pytest.MonkeyPatch) -> None:
    env.setenv("HARBOR_LOG_LEVEL", "DEBUG")
    assert "debug_logging" not in checks()  # development may debug
    production(env)
    assert "debug_logging" in checks()
    env.setenv("HARBOR_LOG_LEVEL", "INFO")
    assert "debug_logging" not in checks()


def test_public_url_must_be_https_in_production(env: pytest.MonkeyPatch) -> None:
    production(env)
    env.setenv("HARBOR_PUBLIC_URL", "http://harbor.example.org")
    assert "public_url" in checks()
    env.setenv("HARBOR_PUBLIC_URL", "https://harbor.example.org")
    assert "public_url" not in checks()


def test_sqlite_in_production_is_a_warning(env: pytest.MonkeyPatch, harbor_env: Path) -> None:
    production(env)
    env.setenv("HARBOR_DATABASE_URL", f"sqlite:///{harbor_env / 'harbor.db'}")
    findings = [f for f in doctor.diagnose(scan_git=False) if f.check == "sqlite"]
    assert [f.severity for f in findings] == [doctor.WARNING]
    production(env)
    assert "sqlite" not in checks()


def test_retention_switched_off(env: pytest.MonkeyPatch) -> None:
    env.setenv("HARBOR_RETENTION_DAYS", "off")
    assert "retention" in checks()
    env.setenv("HARBOR_RETENTION_DAYS", "400")
    assert [f.severity for f in doctor.diagnose(scan_git=False) if f.check == "retention"] == [doctor.WARNING]
    env.setenv("HARBOR_RETENTION_DAYS", "30")
    assert "retention" not in checks()


def git_repo(root: Path, files: dict[str, str], untracked: dict[str, str] | None = None) -> Path:
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name, text in files.items():
        (root / name).write_text(text)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    for name, text in (untracked or {}).items():
        (root / name).write_text(text)
    return root


def test_secrets_in_committed_files(tmp_path: Path) -> None:
    # Built at run time so that this test file itself holds nothing that looks like a secret.
    private_key = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow\n"
    bot_token = "1234567890:" + "AA" + "b" * 33
    leaky = git_repo(tmp_path / "leaky", {
        "deploy.env": "TWILIO_AUTH_TOKEN=" + "9f" * 16 + "\n",
        "key.pem": private_key,
        "settings.py": 'TELEGRAM_TOKEN = "' + bot_token + '"\n',
        "prod.yml": "HARBOR_API_TOKEN: " + "Zx81kdk2" * 2 + "\n",  # starts with letters: still a value
    })
    found = {f.message.split(" contains ")[0] for f in doctor.check_committed_secrets(leaky)}
    assert found == {"deploy.env", "key.pem", "settings.py", "prod.yml"}
    clean = git_repo(tmp_path / "clean", {
        "example.env": "TWILIO_AUTH_TOKEN=\nTELEGRAM_TOKEN=<your token>\nHARBOR_FERNET_KEY=${HARBOR_FERNET_KEY}\n",
        "code.py": 'env = {"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "HARBOR_API_TOKEN": get_secret("x")}\n'
                   'TELEGRAM_TOKEN = os.environ["TELEGRAM_TOKEN"]\n',
        "README.md": "Set `TELEGRAM_TOKEN` and `TWILIO_AUTH_TOKEN` in the environment.\n",
    }, untracked={"secrets.env": "HARBOR_API_TOKEN=" + "z" * 40 + "\n"})
    assert doctor.check_committed_secrets(clean) == []


def test_cli_exit_codes(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["doctor", "--no-git-scan"]) == 0
    assert "No unsafe settings" in capsys.readouterr().out
    env.setenv("HARBOR_RETENTION_DAYS", "never")
    assert main(["doctor", "--no-git-scan"]) == 1
    out = capsys.readouterr().out
    assert "UNSAFE" in out and "Retention is switched off" in out
