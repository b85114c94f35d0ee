"""Crisis detection on the held-out crisis set: recall, precision and F2 per category, and the
false-escalation rate on look-alikes. Both layers run, exactly as in the server (the trained
model with the keyword override component)."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from evaluation.model import parse_all

CATEGORIES = ("danger", "exploitation", "assault", "self_harm", "medical")


def _f(beta: float, precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def main(data: str, out: str) -> int:
    spec = yaml.safe_load(Path(data).read_text())
    crises, lookalikes = spec["crisis"], spec["not_crisis"]
    parsed = parse_all([item["text"] for item in crises + lookalikes])
    predicted = [((p.get("intent") or {}).get("name") or "").removeprefix("crisis_")
                 if ((p.get("intent") or {}).get("name") or "").startswith("crisis_") else None
                 for p in parsed]
    crisis_pred, lookalike_pred = predicted[: len(crises)], predicted[len(crises):]

    rows: dict[str, dict[str, float]] = {}
    for category in CATEGORIES:
        gold = [c["category"] == category for c in crises] + [False] * len(lookalikes)
        pred = [p == category for p in predicted]
        tp = sum(g and p for g, p in zip(gold, pred))
        precision = tp / max(1, sum(pred))
        recall = tp / max(1, sum(gold))
        rows[category] = {"n": sum(gold), "recall": recall, "precision": precision, "f2": _f(2, precision, recall)}
    detected = sum(p is not None for p in crisis_pred)
    escalated = sum(p is not None for p in lookalike_pred)
    any_recall = detected / len(crises)
    any_precision = detected / max(1, detected + escalated)
    false_rate = escalated / len(lookalikes)

    by_kind: dict[str, Counter] = defaultdict(Counter)
    for item, pred in zip(crises, crisis_pred):
        by_kind[f"crisis/{item['kind']}"]["n"] += 1
        by_kind[f"crisis/{item['kind']}"]["hit"] += pred is not None
    for item, pred in zip(lookalikes, lookalike_pred):
        by_kind[f"not_crisis/{item['kind']}"]["n"] += 1
        by_kind[f"not_crisis/{item['kind']}"]["hit"] += pred is not None

    print(f"\nCrisis evaluation: {len(crises)} crisis messages, {len(lookalikes)} look-alikes ({data}, never trained on)")
    print(f"{'category':14} {'n':>4} {'recall':>7} {'prec':>7} {'F2':>7}")
    for category, row in rows.items():
        print(f"{category:14} {row['n']:4.0f} {row['recall']:7.3f} {row['precision']:7.3f} {row['f2']:7.3f}")
    print(f"{'any crisis':14} {len(crises):4d} {any_recall:7.3f} {any_precision:7.3f} {_f(2, any_precision, any_recall):7.3f}")
    print(f"false escalations: {escalated}/{len(lookalikes)} = {false_rate:.1%}")
    print("detected / escalated by kind: " + "; ".join(
        f"{kind} {c['hit']}/{c['n']}" for kind, c in sorted(by_kind.items())))
    misses = [item["text"] for item, p in zip(crises, crisis_pred) if p is None]
    false_alarms = [item["text"] for item, p in zip(lookalikes, lookalike_pred) if p is not None]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps({"categories": rows, "any_recall": any_recall, "any_precision": any_precision,
                                     "false_escalation_rate": false_rate, "misses": misses,
                                     "false_alarms": false_alarms}, indent=2))
    print(f"misses and false alarms are listed in {out}")
    return 0
