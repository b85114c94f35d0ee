"""`harbor advocate ...`: console accounts (add, list, disable, password)."""
from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import OperationalError, ProgrammingError

NO_TABLES = "The database has no advocate tables yet. Run `harbor setup` (or `harbor db upgrade`) first."


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password (at least 12 characters): ")
    if getpass.getpass("Repeat it: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _run(action) -> int:  # type: ignore[no-untyped-def]
    from bot.advocates.auth import AccountError
    from bot.db import session_scope

    try:
        with session_scope() as session:
            message = action(session)
    except (AccountError, ValueError) as error:
        print(f"Nothing was changed: {error}.", file=sys.stderr)
        return 2
    except (OperationalError, ProgrammingError):
        print(NO_TABLES, file=sys.stderr)
        return 2
    print(message)
    return 0


def _add(args: argparse.Namespace) -> int:
    from bot.advocates.auth import add_advocate

    try:
        password = _read_password(args)
    except ValueError as error:
        print(f"Nothing was changed: {error}.", file=sys.stderr)
        return 2
    return _run(lambda s: (add_advocate(s, args.name, password, args.role),
                           f"Added {args.name.strip()} ({args.role}). They can sign in at /webhooks/console/.")[1])


def _list(_: argparse.Namespace) -> int:
    from bot.advocates.auth import list_advocates
    from bot.clock import now

    def show(session) -> str:  # type: ignore[no-untyped-def]
        rows = list_advocates(session)
        lines = [f"{'NAME':<24} {'ROLE':<9} {'DUTY':<4} STATE"]
        for a in rows:
            state = ("disabled" if a.disabled else
                     "locked" if a.locked_until and a.locked_until > now() else "active")
            lines.append(f"{a.name:<24} {a.role:<9} {'on' if a.on_duty else 'off':<4} {state}")
        return "\n".join(lines) + f"\n{len(rows)} account(s)."
    return _run(show)


def _disable(args: argparse.Namespace) -> int:
    from bot.advocates.auth import disable_advocate

    return _run(lambda s: (disable_advocate(s, args.name), f"Disabled {args.name}; their sessions ended.")[1])


def _password(args: argparse.Namespace) -> int:
    from bot.advocates.auth import set_password

    try:
        password = _read_password(args)
    except ValueError as error:
        print(f"Nothing was changed: {error}.", file=sys.stderr)
        return 2
    return _run(lambda s: (set_password(s, args.name, password),
                           f"Password changed for {args.name}; their sessions ended and any lock-out is lifted.")[1])


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    advocate = commands.add_parser("advocate", help="advocate console accounts")
    actions = advocate.add_subparsers(dest="advocate_command", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="create an account (asks for the password)")
    add.add_argument("name", help="sign-in name, unique")
    add.add_argument("--role", choices=("advocate", "admin", "program"), default="advocate",
                     help="advocate: queue and chats; admin: also audit log, canned replies, accounts; "
                          "program: reports only (default: advocate)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin (scripts)")
    add.set_defaults(func=_add)

    actions.add_parser("list", help="list accounts with role, duty and state").set_defaults(func=_list)

    disable = actions.add_parser("disable", help="disable an account and end its sessions")
    disable.add_argument("name")
    disable.set_defaults(func=_disable)

    password = actions.add_parser("password", help="set a new password (ends sessions, lifts a lock-out)")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    password.set_defaults(func=_password)
