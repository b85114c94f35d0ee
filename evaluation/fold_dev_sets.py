"""Fold used-up crisis development sets into the crisis confirmer's training examples.

Why: once a development set has been read to tune the detector it can no longer measure it, but
it is still labelled, realistic text written blind by someone else, which is exactly what the
confirmer (bot/crisis_confirmer.py) lacks. Sets written blind by different helpers share their
most obvious messages ("kms", "i want to die", "this homework is killing me"), so every message
that also appears in a set still used for measuring (the held-out sets and the given check sets)
is left out; otherwise those sets would score the confirmer on text it learnt.

    .venv/bin/python -m evaluation.fold_dev_sets --sets evaluation/dev/crisis_check3.yml ... \
        --keep-out evaluation/dev/crisis_check10.yml ... --out data/confirmer/dev_sets.yml

The output is ordinary confirmer data (``crisis``: text, category; ``not_crisis``: text, kind).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from bot.crisis_confirmer import CATEGORIES

# Always kept out: the held-out sets of the README's evaluation.
HELD_OUT = (Path("tests/safety/crisis_eval.yml"), Path("tests/nlu/holdout.yml"))


def same_text_key(text: str) -> str:
    """Case and punctuation aside, two messages are the same."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def texts_of(path: Path) -> Iterator[str]:
    """Every message of an evaluation file: crisis sets (lists or v1's nesting) or Rasa NLU files."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "nlu" in spec:
        for block in spec["nlu"]:
            for line in str(block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    yield line.strip()[2:]
        return

    def walk(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            if "text" in node:
                yield str(node["text"])
            else:
                for value in node.values():
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
        elif isinstance(node, str):
            yield node

    for key in ("crisis", "not_crisis"):
        yield from walk(spec.get(key))


def fold(sets: Iterable[Path], keep_out: Iterable[Path]) -> tuple[list[dict], list[dict], int]:
    """Crises and look-alikes of ``sets`` (list-shaped, v2 onwards), minus any message of ``keep_out``
    and repeats. Returns (crises, look-alikes, number left out)."""
    banned = {same_text_key(t) for path in keep_out for t in texts_of(path)}
    seen: set[str] = set()
    crises: list[dict] = []
    lookalikes: list[dict] = []
    left_out = 0
    for path in sets:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for label, items in (("crisis", spec.get("crisis") or []), ("not_crisis", spec.get("not_crisis") or [])):
            if not isinstance(items, list):
                raise ValueError(f"{path}: '{label}' must be a list of {{text, ...}} records (v2 onwards)")
            for item in items:
                key = same_text_key(str(item["text"]))
                if key in banned or key in seen:
                    left_out += 1
                    continue
                seen.add(key)
                if label == "crisis":
                    if item.get("category") not in CATEGORIES:
                        raise ValueError(f"{path}: crisis without a known category: {item!r}")
                    crises.append({"text": str(item["text"]), "category": item["category"]})
                else:
                    lookalikes.append({"text": str(item["text"]), "kind": str(item.get("kind") or "other")})
    return crises, lookalikes, left_out


def _line(record: dict) -> str:
    return "  - {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in record.items()) + "}\n"


def write(out: Path, sets: list[Path], keep_out: list[Path], crises: list[dict], lookalikes: list[dict],
          left_out: int) -> None:
    header = (
        "# Crisis confirmer training examples folded from used-up development sets by evaluation/fold_dev_sets.py.\n"
        f"# From: {', '.join(p.name for p in sets)}.\n"
        f"# Left out: {left_out} messages repeated or also found in {', '.join(p.name for p in keep_out)}.\n"
        "# Used only by the crisis confirmer (bot/crisis_confirmer.py), not by DIET.\n"
    )
    def block(name: str, records: list[dict]) -> str:
        return f"{name}:\n" + "".join(map(_line, records)) if records else f"{name}: []\n"

    body = block("crisis", crises) + block("not_crisis", lookalikes)
    out.write_text(header + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", type=Path, required=True, help="used-up development sets to fold in")
    parser.add_argument("--keep-out", nargs="*", type=Path, default=[],
                        help="sets still used for measuring; the held-out sets are always kept out")
    parser.add_argument("--out", type=Path, required=True, help="the confirmer example file to write")
    args = parser.parse_args(argv)
    keep_out = [*HELD_OUT, *args.keep_out]
    missing = [p for p in [*args.sets, *keep_out] if not p.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    try:
        crises, lookalikes, left_out = fold(args.sets, keep_out)
    except (ValueError, KeyError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    write(args.out, args.sets, keep_out, crises, lookalikes, left_out)
    print(f"{args.out}: {len(crises)} crises, {len(lookalikes)} look-alikes; {left_out} left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
