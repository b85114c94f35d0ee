"""`harbor purge`, `harbor report`, `harbor doctor` and `harbor keys`: privacy operations."""
from __future__ import annotations

import argparse
import datetime as dt
import socket
import sys
from pathlib import Path


def _purge(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.retention import purge, retention_days

    try:
        days = args.days if args.days is not None else retention_days()
    except ValueError as error:
        print(f"Nothing was purged: {error}.", file=sys.stderr)
        return 2
    if days is None:
        print("Retention is switched off (HARBOR_RETENTION_DAYS); pass --days N to purge anyway.",
              file=sys.stderr)
        return 2
    if days < 1:
        print("Nothing was purged: --days must be at least 1.", file=sys.stderr)
        return 2
    with session_scope() as session:
        counts = purge(session, days=days)
        if args.dry_run:
            session.rollback()
    verb = "Would delete or unlink" if args.dry_run else "Deleted or unlinked"
    print(f"{verb} data older than {days} days:")
    for table, count in counts.items():
        print(f"  {table:22} {count}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from None


def _report(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.reports import county_report, summary, write_csv, write_png

    if args.end < args.start:
        print("No report: --to is before --from.", file=sys.stderr)
        return 2
    out = Path(args.out)
    with session_scope() as session:
        report = county_report(session, args.start, args.end)
    csv_path, png_path = write_csv(report, out / "report.csv"), write_png(report, out / "report.png")
    print("\n".join(summary(report)))
    print(f"Wrote {csv_path} and {png_path} (suppressed: <11 = 1 to 10, * = hidden to protect a small count).")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from bot.doctor import UNSAFE, diagnose, report_lines

    findings = diagnose(scan_git=not args.no_git_scan)
    print("\n".join(report_lines(findings)))
    return 1 if any(f.severity == UNSAFE for f in findings) else 0


def _harbor_running() -> bool:
    from bot.settings import get_settings

    settings = get_settings()
    for port in (settings.rasa_port, settings.actions_port):
        try:
            with socket.create_connection((settings.host, port), timeout=0.5):
                return True
        except OSError:
            continue
    return False


def _rotate(args: argparse.Namespace, which: str) -> int:
    from bot import key_rotation

    if not args.force and _harbor_running():
        print("Harbor seems to be running (its ports answer). Stop it first: the servers keep the old key "
              "until they restart. Use --force if the ports belong to something else.", file=sys.stderr)
        return 2
    rotate = key_rotation.rotate_pseudonym_key if which == "pseudonym" else key_rotation.rotate_encryption_key
    try:
        rotation = rotate()
    except ValueError as error:
        print(f"Nothing was changed: {error}.", file=sys.stderr)
        return 2
    for name, count in rotation.counts.items():
        print(f"  {name:34} {count}")
    if rotation.written_to:
        print(f"The new key is stored in {rotation.written_to}. Start Harbor again.")
    if rotation.set_in_environment:
        print("The key came from the environment, so Harbor cannot store the new one. Before starting "
              "Harbor again, set (in your secret store, not in a committed file):")
        print(f"  {rotation.set_in_environment}")
    return 0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    purge = commands.add_parser("purge", help="delete conversation data older than the retention period")
    purge.add_argument("--days", type=int, help="override HARBOR_RETENTION_DAYS (default 30)")
    purge.add_argument("--dry-run", action="store_true", help="count what would go; change nothing")
    purge.set_defaults(func=_purge)

    report = commands.add_parser("report", help="de-identified county report (CSV + PNG) with small-cell "
                                 "suppression")
    report.add_argument("--from", dest="start", type=_date, required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=_date, required=True, help="last day, YYYY-MM-DD")
    report.add_argument("--out", required=True, help="folder for report.csv and report.png")
    report.set_defaults(func=_report)

    doctor = commands.add_parser("doctor", help="report unsafe settings (exit 1 if any)")
    doctor.add_argument("--no-git-scan", action="store_true", help="skip scanning committed files for secrets")
    doctor.set_defaults(func=_doctor)

    keys = commands.add_parser("keys", help="rotate the pseudonym or encryption key (stop Harbor first)")
    actions = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    for which, text in (("pseudonym", "new pseudonym key; re-keys every conversation with a stored address"),
                        ("encryption", "new address-encryption key; re-encrypts every stored address")):
        sub = actions.add_parser(f"rotate-{which}", help=text)
        sub.add_argument("--force", action="store_true", help="rotate even if Harbor's ports answer")
        sub.set_defaults(func=lambda args, which=which: _rotate(args, which))
