"""Intent precision, recall and F1 on the held-out set, plus recall of crises as one class."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import yaml

from evaluation.model import parse_all


def load_holdout(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text())
    pairs: list[tuple[str, str]] = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((text, block["intent"]))
    return pairs


def scores(gold: list[str], predicted: list[str]) -> dict[str, dict[str, float]]:
    labels = sorted(set(gold))
    table: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return table


def main(data: str, out: str) -> int:
    pairs = load_holdout(Path(data))
    parsed = parse_all([text for text, _ in pairs])
    gold = [intent for _, intent in pairs]
    predicted = [(p.get("intent") or {}).get("name") or "none" for p in parsed]
    table = scores(gold, predicted)
    macro_f1 = sum(row["f1"] for row in table.values()) / len(table)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    crisis_gold = [g.startswith("crisis_") for g in gold]
    crisis_pred = [p.startswith("crisis_") for p in predicted]
    crisis_recall = sum(g and p for g, p in zip(crisis_gold, crisis_pred)) / max(1, sum(crisis_gold))
    print(f"\nHeld-out NLU evaluation: {len(pairs)} messages from {data} (never trained on)")
    print(f"{'intent':22} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}")
    for label, row in table.items():
        print(f"{label:22} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:4.0f}")
    print(f"{'macro average':22} {'':6} {'':6} {macro_f1:6.3f} {len(gold):4d}")
    print(f"accuracy {accuracy:.3f}; crisis recall (any crisis intent) {crisis_recall:.3f}")
    confusions = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    if confusions:
        print("most frequent confusions: " + "; ".join(f"{g} -> {p} ({n})" for (g, p), n in confusions.most_common(6)))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps({"intents": table, "macro_f1": macro_f1, "accuracy": accuracy,
                                     "crisis_recall": crisis_recall}, indent=2))
    return 0
