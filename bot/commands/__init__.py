"""Sub-commands of `harbor` contributed by feature modules.

Each module here defines ``register(commands)`` taking the argparse sub-parsers
object; `bot.cli` calls every one, so a feature adds its commands without
editing the central parser.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(commands)
