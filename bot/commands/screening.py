"""`harbor screening check [PATH]`: validate screening instrument files before use.

An agency that licenses an instrument (for example a longer validated screen) writes it
as YAML in data/screening/ and runs this first: every problem is printed with the file,
the item and the reason, and the command exits with status 2 if there are any.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _check(args: argparse.Namespace) -> int:
    from bot.screening import DEFAULT_FOLDER, InstrumentError, load_instrument, load_instruments

    path = Path(args.path) if args.path else DEFAULT_FOLDER
    if not path.exists():
        print(f"Nothing to check: {path} does not exist. Give a .yml file or a folder of them.",
              file=sys.stderr)
        return 2
    try:
        if path.is_dir():
            instruments = list(load_instruments(path).values())
        else:
            instruments = [load_instrument(path)]
    except InstrumentError as error:
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; fix them before using these instruments:",
              file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    for instrument in instruments:
        print(f"OK  {instrument.id}: {len(instrument.items)} items, positive at {instrument.threshold} "
              f"or more yes ({instrument.title})")
    print(f"{len(instruments)} instrument(s) valid.")
    return 0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    screening = commands.add_parser("screening", help="staff screening instruments (data/screening/*.yml)",
                                    description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = screening.add_subparsers(dest="screening_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate instrument files and list every problem (exit 2 on errors)")
    check.add_argument("path", nargs="?", default=None,
                       help="an instrument .yml file or a folder of them (default: data/screening)")
    check.set_defaults(func=_check)
