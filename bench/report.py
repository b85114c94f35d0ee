"""The benchmark's output: a plain table, Harbor ÷ stock ratios, the issue's targets next to the
figures (printed, never asserted), and the whole result as JSON."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

MB = 1_000_000
TARGET_RATIO = 2.0
TARGET_P95_MS, TARGET_P95_AT = 100.0, 10
TARGET_SMS_P99_MS = 300.0
TARGET_START_S = 20.0
TARGET_RSS_BYTES = 1.2e9  # 1.2 GB

COLUMNS = [("system", 7), ("channel", 7), ("conc", 4), ("ok", 6), ("errors", 6), ("empty", 5),
           ("msg/s", 7), ("p50 ms", 7), ("p95 ms", 7), ("p99 ms", 7), ("hook p99", 8), ("acks", 5),
           ("rasa MB", 7), ("actions MB", 10)]


def _num(value: float | int | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _mb(value: int | None) -> str:
    return "-" if not value else f"{value / MB:.0f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else round(a / b, 2)


def levels(results: dict[str, Any], system: str, channel: str) -> list[dict[str, Any]]:
    return results.get("systems", {}).get(system, {}).get("channels", {}).get(channel, [])


def _at(rows: list[dict[str, Any]], concurrency: int) -> dict[str, Any] | None:
    return next((row for row in rows if row["concurrency"] == concurrency), None)


def peak_rss(results: dict[str, Any], system: str, server: str) -> int | None:
    """The highest reading for ``server`` over start-up and every level of every channel."""
    data = results.get("systems", {}).get(system, {})
    readings = [data.get("rss_idle", {}).get(server, 0)]
    for rows in data.get("channels", {}).values():
        readings += [row.get("rss_peak", {}).get(server, 0) for row in rows]
    return max(readings) or None


def ratios(results: dict[str, Any]) -> dict[str, Any]:
    """Harbor ÷ stock over REST at each concurrency both ran: throughput, p95; and peak RSS."""
    harbor, stock = levels(results, "harbor", "rest"), levels(results, "stock", "rest")
    per_level = []
    for row in harbor:
        other = _at(stock, row["concurrency"])
        if other is not None:
            per_level.append({"concurrency": row["concurrency"],
                              "throughput": _ratio(row["messages_per_s"], other["messages_per_s"]),
                              "p95": _ratio(row["p95_ms"], other["p95_ms"])})
    return {"per_level": per_level,
            "rasa_rss": _ratio(peak_rss(results, "harbor", "rasa"), peak_rss(results, "stock", "rasa")),
            "actions_rss": _ratio(peak_rss(results, "harbor", "actions"), peak_rss(results, "stock", "actions"))}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 10 with the figure it is judged on; ``met`` None when not measured."""
    rows: list[dict[str, Any]] = []
    per_level = results.get("ratios", {}).get("per_level", [])
    figures = [r["throughput"] for r in per_level if r["throughput"] is not None]
    rows.append({"target": f"throughput >= {TARGET_RATIO:g}x stock (REST, every level)",
                 "figure": ", ".join(f"{r['concurrency']}: {_num(r['throughput'], 2)}x" for r in per_level) or "-",
                 "met": all(f >= TARGET_RATIO for f in figures) if figures else None})
    for channel in ("rest", "sms"):
        row = _at(levels(results, "harbor", channel), TARGET_P95_AT)
        p95 = row["p95_ms"] if row else None
        rows.append({"target": f"p95 <= {TARGET_P95_MS:g} ms at {TARGET_P95_AT} concurrent ({channel.upper()})",
                     "figure": f"{_num(p95)} ms", "met": None if p95 is None else p95 <= TARGET_P95_MS})
    sms = levels(results, "harbor", "sms")
    top = max(sms, key=lambda r: r["concurrency"]) if sms else None
    p99 = (top.get("webhook_p99_ms") or top["p99_ms"]) if top else None
    rows.append({"target": f"SMS webhook p99 <= {TARGET_SMS_P99_MS:g} ms at saturation",
                 "figure": f"{_num(p99)} ms at {top['concurrency'] if top else '-'} concurrent",
                 "met": None if p99 is None else p99 <= TARGET_SMS_P99_MS})
    start = results.get("systems", {}).get("harbor", {}).get("first_answer_s")
    rows.append({"target": f"process start to first answer <= {TARGET_START_S:g} s",
                 "figure": f"{_num(start)} s", "met": None if start is None else start <= TARGET_START_S})
    rss = peak_rss(results, "harbor", "rasa")
    rows.append({"target": f"Rasa server RSS <= {TARGET_RSS_BYTES / 1e9:g} GB (peak)",
                 "figure": f"{_mb(rss)} MB", "met": None if rss is None else rss <= TARGET_RSS_BYTES})
    return rows


def table(results: dict[str, Any]) -> str:
    """Everything a reader needs, in plain text (fixed-width columns)."""
    lines = ["  ".join(name.rjust(width) for name, width in COLUMNS)]
    for system, data in results.get("systems", {}).items():
        for channel, rows in data.get("channels", {}).items():
            for row in rows:
                rss = row.get("rss_peak", {})
                cells = [system, channel, row["concurrency"], row["messages_ok"], row["errors"],
                         row["empty_replies"], _num(row["messages_per_s"]), _num(row["p50_ms"]),
                         _num(row["p95_ms"]), _num(row["p99_ms"]), _num(row.get("webhook_p99_ms")),
                         _num(row.get("acknowledged")), _mb(rss.get("rasa")), _mb(rss.get("actions"))]
                lines.append("  ".join(str(c).rjust(w) for c, (_, w) in zip(cells, COLUMNS)))
    lines.append("")
    for system, data in results.get("systems", {}).items():
        idle = data.get("rss_idle", {})
        extra = []
        if data.get("setup_s") is not None:
            extra.append(f"setup {data['setup_s']:.1f} s")
        if data.get("init_s") is not None:
            extra.append(f"`rasa init` incl. training {data['init_s']:.1f} s")
        if data.get("twilio_rest_sends") is not None:
            extra.append(f"late SMS replies sent by REST {data['twilio_rest_sends']}")
        if data.get("sanic_workers"):
            extra.append(f"Sanic workers {data['sanic_workers']}")
        memory = data.get("memory_after_load")
        if memory:
            extra.append(f"rasa after the load: {memory['processes']} processes, largest {_mb(memory['largest_rss'])} MB "
                         f"RSS, {_mb(memory['pss'])} MB PSS in all")
        lines.append(f"{system}: start to first answer {_num(data.get('first_answer_s'))} s; idle RSS rasa "
                     f"{_mb(idle.get('rasa'))} MB, actions {_mb(idle.get('actions'))} MB"
                     + (f"; {'; '.join(extra)}" if extra else ""))
        for channel, rows in data.get("channels", {}).items():
            for row in rows:
                if row["error_kinds"]:
                    lines.append(f"  {channel} at {row['concurrency']}: errors {row['error_kinds']}")
    found = results.get("ratios", {})
    if found.get("per_level"):
        lines += ["", "Harbor / stock (REST):  conc  throughput  p95"]
        for row in found["per_level"]:
            lines.append(f"{'':24}{row['concurrency']:>4}  {_num(row['throughput'], 2) + 'x':>10}  "
                         f"{_num(row['p95'], 2) + 'x':>5}")
        lines.append(f"{'':24}peak RSS: rasa {_num(found.get('rasa_rss'), 2)}x, "
                     f"actions {_num(found.get('actions_rss'), 2)}x")
    lines += ["", "Latencies run until the whole reply arrived; on SMS that is the TwiML or, after an "
              "acknowledgement (acks), the last part sent by REST. hook p99: the SMS webhook's own answer."]
    lines += ["", "Targets (issue 10; printed, not asserted):"]
    for row in results.get("targets", []):
        verdict = {True: "met", False: "NOT met", None: "not measured"}[row["met"]]
        lines.append(f"  {row['target']:<52} {row['figure']:<34} {verdict}")
    return "\n".join(lines)


def write_json(results: dict[str, Any], folder: Path, stamp: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stamp}.json"
    path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    return path
