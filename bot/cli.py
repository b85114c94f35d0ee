"""`harbor`: set-up, training, running and data commands. `harbor COMMAND --help` for each."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def _setup(_: argparse.Namespace) -> int:
    from bot.setup import run_setup

    run_setup()
    return 0


def _train(args: argparse.Namespace) -> int:
    from bot.training import train_if_changed

    train_if_changed(force=args.force)
    return 0


def _run(_: argparse.Namespace) -> int:
    from bot.runner import run_servers

    return run_servers()


def _db_upgrade(_: argparse.Namespace) -> int:
    from bot.migrate import upgrade

    upgrade()
    print("Database schema is up to date.")
    return 0


def _directory_import(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.directory.hsds_csv import ImportFailed, import_directory

    try:
        with session_scope() as session:
            counts = import_directory(session, Path(args.path), progress=True)
    except ImportFailed as failure:
        print(f"Nothing was imported: {failure}.", file=sys.stderr)
        for problem in failure.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print("Imported: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    return 0


def _directory_export(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.directory.hsds_csv import export_directory

    with session_scope() as session:
        counts = export_directory(session, Path(args.path))
    print(f"Exported to {args.path}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    return 0


def _directory_check(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.directory.hsds_csv import stale_services

    with session_scope() as session:
        stale = stale_services(session, months=args.months)
        for service in stale:
            print(f"{service.assured_date}  {service.id}  {service.name}  (source: {service.x_source_url})")
    print(f"{len(stale)} record(s) last checked more than {args.months} months ago.")
    return 0


def _eval_nlu(args: argparse.Namespace) -> int:
    from evaluation.nlu import main as evaluate

    return evaluate(args.data, args.out)


def _eval_crisis(args: argparse.Namespace) -> int:
    from evaluation.crisis import main as evaluate

    return evaluate(args.data, args.out)


def _eval_redaction(args: argparse.Namespace) -> int:
    from evaluation.redaction import main as evaluate

    return evaluate(args.data, args.out, enforce=args.enforce)


def _telegram_set_webhook(_: argparse.Namespace) -> int:
    import asyncio

    from telegram.error import TelegramError

    from channels.telegram_outbound import TelegramNotConfigured, set_webhook

    try:
        url = asyncio.run(set_webhook())
    except TelegramNotConfigured as error:
        print(f"Nothing was registered: {error}. Set TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET "
              "and HARBOR_PUBLIC_URL.", file=sys.stderr)
        return 2
    except TelegramError as error:  # InvalidToken's message quotes the token: never print it
        reason = str(error).replace(os.environ.get("TELEGRAM_TOKEN", "").strip() or "\0", "<token>")
        print(f"Telegram refused the webhook: {type(error).__name__}: {reason}", file=sys.stderr)
        return 1
    print(f"Telegram webhook registered: {url} (with the secret token)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="harbor", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("setup", help="secrets, database, directory data and spaCy pipeline (idempotent)").set_defaults(func=_setup)
    train = commands.add_parser("train", help="train the Rasa model if training data or config changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(func=_train)
    commands.add_parser("run", help="start the action server and the Rasa server on localhost").set_defaults(func=_run)

    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db.add_parser("upgrade", help="apply pending migrations (Alembic)").set_defaults(func=_db_upgrade)

    directory = commands.add_parser("directory", help="service directory (Open Referral HSDS CSV)")
    actions = directory.add_subparsers(dest="directory_command", required=True, metavar="ACTION")
    imp = actions.add_parser("import", help="replace the directory with HSDS CSV files from a folder")
    imp.add_argument("path", help="folder with organizations.csv, services.csv, ...")
    imp.set_defaults(func=_directory_import)
    exp = actions.add_parser("export", help="write the directory as HSDS CSV files into a folder")
    exp.add_argument("path", help="folder to write into (created if missing)")
    exp.set_defaults(func=_directory_export)
    check = actions.add_parser("check", help="list records last checked more than 12 months ago")
    check.add_argument("--months", type=int, default=12)
    check.set_defaults(func=_directory_check)

    evaluate = commands.add_parser("eval", help="evaluations on held-out data")
    kinds = evaluate.add_subparsers(dest="eval_command", required=True, metavar="KIND")
    nlu = kinds.add_parser("nlu", help="intent precision/recall/F1 on the held-out set")
    nlu.add_argument("--data", default="tests/nlu/holdout.yml")
    nlu.add_argument("--out", default="results/nlu_holdout.json")
    nlu.set_defaults(func=_eval_nlu)
    crisis = kinds.add_parser("crisis", help="crisis recall/precision/F2 and false escalations on the held-out set")
    crisis.add_argument("--data", default="tests/safety/crisis_eval.yml")
    crisis.add_argument("--out", default="results/crisis_eval.json")
    crisis.set_defaults(func=_eval_crisis)
    redaction = kinds.add_parser("redaction", help="redaction recall/precision/F2 per kind on the held-out set")
    redaction.add_argument("--data", default="tests/privacy/redaction_eval.yml")
    redaction.add_argument("--out", default="results/redaction_eval.json")
    redaction.add_argument("--enforce", action="store_true",
                           help="exit 1 when a recall target is missed (phone, email >= 0.98; address, name >= 0.90)")
    redaction.set_defaults(func=_eval_redaction)

    telegram = commands.add_parser("telegram", help="Telegram channel")
    tg_actions = telegram.add_subparsers(dest="telegram_command", required=True, metavar="ACTION")
    tg_actions.add_parser("set-webhook", help="register HARBOR_PUBLIC_URL/webhooks/telegram/webhook "
                          "with TELEGRAM_WEBHOOK_SECRET").set_defaults(func=_telegram_set_webhook)

    from bot.commands import register_all

    register_all(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
