"""Score the keyword crisis layer alone (``bot.safety.detect``) on the development set.

Why a separate script: the held-out set (tests/safety/) must stay unseen while rules are tuned,
and the trained model is slow to load. This scores only the rules, in a second or two, on
``evaluation/dev/crisis_dev.yml`` (written for development, never used for training), or on any
other dev file given with ``--data``. Two shapes are read: v1 (crisis -> category -> kind -> texts,
not_crisis -> kind -> texts) and v2 (``version: 2``; crisis and not_crisis are lists of
``{text, category, kind}`` records).

    .venv/bin/python -m evaluation.crisis_dev [--data PATH] [--show]

Prints recall per category (any crisis counts as caught; the category match is shown too),
recall per kind, false alarms per look-alike kind, and with ``--show`` the misses and false alarms.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import yaml

from bot.safety import CATEGORIES, CrisisSignal, detect

DEFAULT_DATA = Path(__file__).parent / "dev" / "crisis_dev.yml"


@dataclass(frozen=True)
class Item:
    text: str
    category: Optional[str]  # None for a look-alike
    kind: str


def _items_v1(path: Path, spec: dict) -> tuple[list[Item], list[Item]]:
    """v1: crisis -> category -> kind -> texts; not_crisis -> kind -> texts."""
    if not isinstance(spec["crisis"], dict) or not isinstance(spec["not_crisis"], dict):
        raise ValueError(f"{path}: v1 expects 'crisis' and 'not_crisis' to be mappings")
    crises = [Item(str(t), cat, kind)
              for cat, kinds in spec["crisis"].items() for kind, texts in kinds.items() for t in texts]
    lookalikes = [Item(str(t), None, kind) for kind, texts in spec["not_crisis"].items() for t in texts]
    return crises, lookalikes


def _entry(path: Path, entry: object, crisis: bool, n: int) -> Item:
    """One v2 record: {text, category, kind} (look-alikes need no category)."""
    where = f"{path}: {'crisis' if crisis else 'not_crisis'} entry {n}"
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
        raise ValueError(f"{where}: expected a mapping with a non-empty 'text'")
    category = entry.get("category")
    if crisis and not isinstance(category, str):
        raise ValueError(f"{where}: a crisis needs a 'category'")
    return Item(entry["text"], str(category) if crisis else None, str(entry.get("kind") or "unknown"))


def _items_v2(path: Path, spec: dict) -> tuple[list[Item], list[Item]]:
    """v2: crisis and not_crisis are lists of {text, category, kind}."""
    if not isinstance(spec["crisis"], list) or not isinstance(spec["not_crisis"], list):
        raise ValueError(f"{path}: v2 expects 'crisis' and 'not_crisis' to be lists")
    crises = [_entry(path, e, True, n) for n, e in enumerate(spec["crisis"], 1)]
    lookalikes = [_entry(path, e, False, n) for n, e in enumerate(spec["not_crisis"], 1)]
    return crises, lookalikes


def load(path: Path) -> tuple[list[Item], list[Item]]:
    """Read a dev set in either shape (v1 nested by category and kind, v2 a list of records)."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or "crisis" not in spec or "not_crisis" not in spec:
        raise ValueError(f"{path}: expected top-level keys 'crisis' and 'not_crisis'")
    v2 = spec.get("version") == 2 or isinstance(spec["crisis"], list)
    crises, lookalikes = (_items_v2 if v2 else _items_v1)(path, spec)
    unknown = {i.category for i in crises} - set(CATEGORIES)
    if unknown:
        raise ValueError(f"{path}: unknown categories {sorted(unknown)}")
    return crises, lookalikes


@dataclass
class Report:
    recall: float
    false_rate: float
    by_category: dict[str, tuple[int, int, int]]  # n, caught, caught with the right category
    by_kind: dict[str, tuple[int, int]]  # crisis kind -> n, caught
    false_by_kind: dict[str, tuple[int, int]]  # look-alike kind -> n, fired
    misses: list[Item]
    false_alarms: list[tuple[Item, CrisisSignal]]


def score(crises: list[Item], lookalikes: list[Item],
          detector: Callable[[str], Optional[CrisisSignal]] = detect) -> Report:
    """Run the detector over both lists and count."""
    cat, kind, fkind = Counter(), Counter(), Counter()
    misses: list[Item] = []
    false_alarms: list[tuple[Item, CrisisSignal]] = []
    for item in crises:
        signal = detector(item.text)
        cat[(item.category, "n")] += 1
        kind[(item.kind, "n")] += 1
        if signal is None:
            misses.append(item)
            continue
        cat[(item.category, "hit")] += 1
        cat[(item.category, "right")] += signal.category == item.category
        kind[(item.kind, "hit")] += 1
    for item in lookalikes:
        signal = detector(item.text)
        fkind[(item.kind, "n")] += 1
        if signal is not None:
            fkind[(item.kind, "hit")] += 1
            false_alarms.append((item, signal))
    kinds = sorted({i.kind for i in crises})
    fkinds = sorted({i.kind for i in lookalikes})
    return Report(
        recall=(len(crises) - len(misses)) / max(1, len(crises)),
        false_rate=len(false_alarms) / max(1, len(lookalikes)),
        by_category={c: (cat[(c, "n")], cat[(c, "hit")], cat[(c, "right")]) for c in CATEGORIES},
        by_kind={k: (kind[(k, "n")], kind[(k, "hit")]) for k in kinds},
        false_by_kind={k: (fkind[(k, "n")], fkind[(k, "hit")]) for k in fkinds},
        misses=misses,
        false_alarms=false_alarms,
    )


def render(report: Report, n_crises: int, n_lookalikes: int, show: bool, name: str = "the dev set") -> str:
    lines = [f"Keyword layer on {name}: {n_crises} crises, {n_lookalikes} look-alikes",
             f"{'category':14} {'n':>4} {'recall':>7} {'right cat':>9}"]
    for c, (n, hit, right) in report.by_category.items():
        lines.append(f"{c:14} {n:4d} {hit / max(1, n):7.3f} {right / max(1, n):9.3f}")
    lines.append(f"{'any crisis':14} {n_crises:4d} {report.recall:7.3f}")
    lines.append("recall by kind: " + "; ".join(
        f"{k} {hit}/{n}" for k, (n, hit) in report.by_kind.items()))
    lines.append(f"false alarms: {len(report.false_alarms)}/{n_lookalikes} = {report.false_rate:.1%}")
    lines.append("false alarms by kind: " + "; ".join(
        f"{k} {hit}/{n}" for k, (n, hit) in report.false_by_kind.items()))
    if show:
        lines.append("\nmisses:")
        lines += [f"  [{i.category}/{i.kind}] {i.text}" for i in report.misses]
        lines.append("false alarms:")
        lines += [f"  [{i.kind}] {i.text}  -> {s.rule} ({s.severity})" for i, s in report.false_alarms]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Score the keyword crisis layer on the development set.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="dev set YAML, v1 (nested) or v2 (list of records) (default: %(default)s)")
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    try:
        crises, lookalikes = load(args.data)
    except (OSError, ValueError, yaml.YAMLError, AttributeError) as exc:
        print(f"error: cannot read the dev set: {exc}", file=sys.stderr)
        return 2
    report = score(crises, lookalikes)
    print(render(report, len(crises), len(lookalikes), args.show, name=str(args.data)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
