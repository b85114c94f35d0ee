"""Redaction on the held-out redaction set: per-kind recall, precision and F2, over-redaction of
harmless messages, whether coarse places survive, and latency.

Recall asks "is it hidden?", so a gold span counts as recalled when every non-space character of
it lies inside predicted spans of any kind (a phone number caught as "address" is still hidden;
half a phone number is not). Whitespace is ignored because a redactor that masks "608", "555" and
"0199" separately reveals nothing. A predicted span is correct when it overlaps any gold span.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

KINDS = ("phone", "email", "address", "handle", "url", "name", "dob")
TARGETS = {"phone": 0.98, "email": 0.98, "address": 0.90, "name": 0.90}
ENTRY_KEYS = {"text", "spans", "keep", "note"}
SPAN_KEYS = {"kind", "text", "occurrence"}

Redactor = Callable[[str], Any]


class EvalDataError(ValueError):
    """The evaluation file is malformed; the message names the file, the entry and the reason."""

    def __init__(self, path: str | Path, index: int | None, reason: str) -> None:
        where = f"{path}" if index is None else f"{path}, entry {index} (counting from 0)"
        super().__init__(f"{where}: {reason}")
        self.path, self.index, self.reason = str(path), index, reason


@dataclass(frozen=True)
class GoldSpan:
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entry:
    index: int
    text: str
    spans: tuple[GoldSpan, ...]
    keep: tuple[str, ...]

    @property
    def negative(self) -> bool:
        return not self.spans


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _parse_span(path: str | Path, index: int, message: str, raw: Any) -> GoldSpan:
    if not isinstance(raw, dict):
        raise EvalDataError(path, index, f"a span must be a mapping with kind and text, got {raw!r}")
    unknown = set(raw) - SPAN_KEYS
    if unknown:
        raise EvalDataError(path, index, f"unknown span key(s) {sorted(unknown)}; allowed: {sorted(SPAN_KEYS)}")
    kind, text = raw.get("kind"), raw.get("text")
    if kind not in KINDS:
        raise EvalDataError(path, index, f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    if not isinstance(text, str) or not text.strip():
        raise EvalDataError(path, index, f"the {kind} span needs a non-empty text")
    starts = _occurrences(message, text)
    if not starts:
        raise EvalDataError(path, index, f"span text {text!r} does not occur in the message")
    occurrence = raw.get("occurrence")
    if occurrence is None:
        if len(starts) > 1:
            raise EvalDataError(path, index, f"span text {text!r} occurs {len(starts)} times; "
                                             "add occurrence: (0-based) to say which")
        occurrence = 0
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or not 0 <= occurrence < len(starts):
        raise EvalDataError(path, index, f"occurrence {occurrence!r} of {text!r} is not between 0 and {len(starts) - 1}")
    start = starts[occurrence]
    return GoldSpan(kind, start, start + len(text), text)


def _parse_entry(path: str | Path, index: int, raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise EvalDataError(path, index, "an entry must be a mapping with text and spans")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise EvalDataError(path, index, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvalDataError(path, index, "text is missing or empty")
    spans_raw = raw.get("spans") if raw.get("spans") is not None else []
    if not isinstance(spans_raw, list):
        raise EvalDataError(path, index, "spans must be a list (use [] for a message with nothing to hide)")
    spans = tuple(_parse_span(path, index, text, span) for span in spans_raw)
    if len({(s.start, s.end) for s in spans}) != len(spans):
        raise EvalDataError(path, index, "the same span is listed twice")
    keep_raw = raw.get("keep") or []
    if not isinstance(keep_raw, list) or not all(isinstance(k, str) and k for k in keep_raw):
        raise EvalDataError(path, index, "keep must be a list of non-empty strings")
    for place in keep_raw:
        starts = _occurrences(text, place)
        if not starts:
            raise EvalDataError(path, index, f"keep string {place!r} does not occur in the message")
        if all(any(s.start < at + len(place) and at < s.end for s in spans) for at in starts):
            raise EvalDataError(path, index, f"keep string {place!r} lies inside a span that must be hidden")
    return Entry(index, text, spans, tuple(keep_raw))


def load_set(path: str | Path) -> tuple[dict[str, Any], list[Entry]]:
    """Read and validate the set; raises EvalDataError naming the file, entry index and reason."""
    try:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalDataError(path, None, "file not found") from None
    except yaml.YAMLError as error:
        raise EvalDataError(path, None, f"not valid YAML: {error}") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("messages"), list):
        raise EvalDataError(path, None, "expected a mapping with source, version and a messages list")
    for key in ("source", "version"):
        if not spec.get(key):
            raise EvalDataError(path, None, f"the header needs {key}:")
    entries = [_parse_entry(path, i, raw) for i, raw in enumerate(spec["messages"])]
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.text in seen:
            raise EvalDataError(path, entry.index, f"duplicate of entry {seen[entry.text]}")
        seen[entry.text] = entry.index
    header = {k: v for k, v in spec.items() if k != "messages"}
    return header, entries


def _predicted(result: Any, length: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each predicted span, clipped to the message; accepts Span objects or triples."""
    spans = []
    for span in getattr(result, "spans", ()) or ():
        if isinstance(span, tuple) and not hasattr(span, "start"):
            start, end, kind = span
        else:
            start, end, kind = span.start, span.end, span.kind
        start, end = max(0, int(start)), min(length, int(end))
        if end > start:
            spans.append((start, end, str(kind)))
    return spans


def _hidden(span: GoldSpan, text: str, covered: set[int]) -> bool:
    return all(i in covered for i in range(span.start, span.end) if not text[i].isspace())


def _f2(precision: float, recall: float) -> float:
    return 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0


def _default_redactor() -> Redactor:
    from bot.privacy import redact  # imported lazily: the evaluation must not need it to load

    return redact


def score(entries: Iterable[Entry], redactor: Redactor) -> dict[str, Any]:
    """Run the redactor on every message and compute the figures (no printing, no files)."""
    entries = list(entries)
    redactor("warm-up message, not timed")  # first call may build the pipeline
    gold_n = {k: 0 for k in KINDS}
    gold_hit = {k: 0 for k in KINDS}
    pred_n: dict[str, int] = {}
    pred_ok: dict[str, int] = {}
    latencies: list[float] = []
    misses, false_positives, over_redactions, places_dropped = [], [], [], []
    keep_total = keep_kept = negatives_touched = negative_spans = 0

    for entry in entries:
        began = time.perf_counter()
        result = redactor(entry.text)
        latencies.append((time.perf_counter() - began) * 1000)
        predicted = _predicted(result, len(entry.text))
        covered = {i for start, end, _ in predicted for i in range(start, end)}
        for span in entry.spans:
            gold_n[span.kind] += 1
            if _hidden(span, entry.text, covered):
                gold_hit[span.kind] += 1
            else:
                misses.append({"entry": entry.index, "kind": span.kind, "text": span.text, "message": entry.text})
        for start, end, kind in predicted:
            pred_n[kind] = pred_n.get(kind, 0) + 1
            if any(start < g.end and g.start < end for g in entry.spans):
                pred_ok[kind] = pred_ok.get(kind, 0) + 1
            else:
                false_positives.append({"entry": entry.index, "kind": kind, "text": entry.text[start:end],
                                        "message": entry.text})
        if entry.negative:
            negative_spans += len(predicted)
            if predicted:
                negatives_touched += 1
                over_redactions.append({"entry": entry.index, "message": entry.text,
                                        "redacted": getattr(result, "text", None)})
        redacted_text = getattr(result, "text", "") or ""
        for place in entry.keep:
            keep_total += 1
            if place in redacted_text:
                keep_kept += 1
            else:
                places_dropped.append({"entry": entry.index, "place": place, "redacted": redacted_text})

    rows: dict[str, dict[str, float]] = {}
    for kind in list(KINDS) + sorted(set(pred_n) - set(KINDS)):
        recall = gold_hit.get(kind, 0) / gold_n[kind] if gold_n.get(kind) else 0.0
        precision = pred_ok.get(kind, 0) / pred_n[kind] if pred_n.get(kind) else 0.0
        rows[kind] = {"gold": gold_n.get(kind, 0), "recalled": gold_hit.get(kind, 0), "recall": recall,
                      "predicted": pred_n.get(kind, 0), "precision": precision, "f2": _f2(precision, recall)}
    all_gold, all_pred = sum(gold_n.values()), sum(pred_n.values())
    overall_recall = sum(gold_hit.values()) / all_gold if all_gold else 0.0
    overall_precision = sum(pred_ok.values()) / all_pred if all_pred else 0.0
    negatives = sum(e.negative for e in entries)
    ordered = sorted(latencies)
    return {
        "messages": len(entries),
        "negatives": negatives,
        "kinds": rows,
        "overall": {"gold": all_gold, "recall": overall_recall, "predicted": all_pred,
                    "precision": overall_precision, "f2": _f2(overall_precision, overall_recall)},
        "over_redaction": {"spans": negative_spans, "messages": negatives_touched,
                           "rate": negatives_touched / negatives if negatives else 0.0},
        "places_kept": {"kept": keep_kept, "total": keep_total,
                        "rate": keep_kept / keep_total if keep_total else 1.0},
        "latency_ms": {"mean": statistics.fmean(latencies) if latencies else 0.0,
                       "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0},
        "misses": misses,
        "false_positives": false_positives,
        "over_redactions": over_redactions,
        "places_dropped": places_dropped,
    }


def missed_targets(report: dict[str, Any]) -> list[str]:
    """Plain sentences for every recall target the report falls short of."""
    missed = []
    for kind, target in TARGETS.items():
        row = report["kinds"][kind]
        if row["gold"] == 0 or row["recall"] < target:
            missed.append(f"{kind} recall {row['recall']:.3f} is below the target {target:.2f} "
                          f"({row['recalled']}/{row['gold']} hidden)")
    return missed


def _print_report(report: dict[str, Any], data: str, out: str) -> None:
    print(f"\nRedaction evaluation: {report['messages']} messages, {report['negatives']} with nothing to hide "
          f"({data}, never used to write rules)")
    print(f"{'kind':9} | {'gold':>4} | {'recall':>6} | {'precision':>9} | {'F2':>5}")
    for kind, row in report["kinds"].items():
        print(f"{kind:9} | {row['gold']:4d} | {row['recall']:6.3f} | {row['precision']:9.3f} | {row['f2']:5.3f}")
    overall = report["overall"]
    print(f"{'all':9} | {overall['gold']:4d} | {overall['recall']:6.3f} | {overall['precision']:9.3f} | {overall['f2']:5.3f}")
    over, kept, latency = report["over_redaction"], report["places_kept"], report["latency_ms"]
    print(f"over-redaction: {over['messages']}/{report['negatives']} harmless messages touched "
          f"({over['rate']:.1%}), {over['spans']} span(s)")
    print(f"keep strings still readable (places, hotlines, times, money): "
          f"{kept['kept']}/{kept['total']} ({kept['rate']:.1%})")
    print(f"latency per message: mean {latency['mean']:.2f} ms, p95 {latency['p95']:.2f} ms")
    print(f"misses, false positives and dropped places are listed in {out}")


def main(data: str = "tests/privacy/redaction_eval.yml", out: str = "results/redaction_eval.json",
         enforce: bool = False, redactor: Redactor | None = None) -> int:
    """Score the redactor; 0 when done (or targets met under enforce), 1 when enforce and a target is missed,
    2 when the set or the redactor cannot be loaded."""
    try:
        _, entries = load_set(data)
    except EvalDataError as error:
        print(f"The redaction evaluation set is malformed: {error}", file=sys.stderr)
        return 2
    if redactor is None:
        try:
            redactor = _default_redactor()
        except ImportError as error:
            print(f"The redactor could not be loaded (bot.privacy.redact): {error}", file=sys.stderr)
            return 2
    report = score(entries, redactor)
    missed = missed_targets(report)
    report["targets"] = {kind: target for kind, target in TARGETS.items()}
    report["targets_missed"] = missed
    _print_report(report, data, out)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if missed:
        print("targets missed: " + "; ".join(missed))
    else:
        print("all recall targets met: " + ", ".join(f"{k} >= {v:.2f}" for k, v in TARGETS.items()))
    return 1 if enforce and missed else 0
