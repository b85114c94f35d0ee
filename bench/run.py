"""Benchmark Harbor against stock Rasa on loopback and print the figures issue 10 asks for.

    .venv/bin/python -m bench.run                       # full run: Harbor (REST + SMS) and stock
    .venv/bin/python -m bench.run --concurrency 2 --messages 20 --no-stock   # a quick smoke run

Runs one system at a time (Harbor, then stock) so they never share the CPU; the load generator
itself runs in this process on the same machine. Prints a table and writes bench/results/<UTC
time>.json. The targets are printed next to the figures, never asserted (exit 0 either way).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.metadata
import itertools
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from bench import harbor, report, stock
from bench.conversations import harbor_conversation, stock_conversation
from bench.fake_twilio import fake_twilio
from bench.load import Script, run_level
from bench.servers import Pair, RssPeaks, ServerFailed, start_pair, start_redis, stop, tree_memory
from bench.targets import RestTarget, SmsTarget, Target

RESULTS = Path(__file__).resolve().parent / "results"
PY_SPY_HINT = ("--profile: py-spy is not on PATH, so the run goes on without a profile. Install it with "
               "`pipx install py-spy` (or `.venv/bin/pip install py-spy`); it may need root or the "
               "SYS_PTRACE capability to attach.")


def _positive_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("every concurrency level must be 1 or more")
    return values


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError("must be more than 0")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", type=_positive_list, default=[1, 10, 20], metavar="N,N,...",
                        help="conversations at once, one level after another (default: 1,10,20)")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--messages", type=_positive(int), default=None,
                        help="messages per level and channel (default: 300 unless --duration is given)")
    budget.add_argument("--duration", type=_positive(float), default=None,
                        help="seconds per level and channel instead of a message count")
    parser.add_argument("--warmup", type=int, default=12,
                        help="messages sent before each channel's levels and not counted (default: 12)")
    parser.add_argument("--channels", default="rest,sms",
                        help="Harbor channels to drive: rest, sms or both (default: rest,sms)")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock `rasa init` baseline")
    parser.add_argument("--no-harbor", action="store_true", help="run the stock baseline only")
    parser.add_argument("--stock-dir", type=Path, default=None,
                        help="keep the stock project here and reuse its model next time "
                             "(default: a temporary directory, trained afresh and removed)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (var/, server logs)")
    parser.add_argument("--timeout", type=_positive(float), default=60.0, help="seconds per request (default: 60)")
    parser.add_argument("--seed", type=int, default=20261125, help="seed of the conversation scripts")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"where the JSON goes (default: {RESULTS})")
    parser.add_argument("--workers", type=_positive(int), default=os.cpu_count() or 1,
                        help="Sanic workers (processes) in Harbor's Rasa server, sharing a Redis lock store "
                             "started on loopback (default: one per core, %(default)s here; 1 needs no Redis)")
    parser.add_argument("--profile", action="store_true",
                        help="run Harbor's Rasa server under `py-spy record` (flame graph next to the JSON)")
    for name, default in (("harbor-port", 5605), ("harbor-actions-port", 5655), ("stock-port", 5705),
                          ("stock-actions-port", 5755)):
        parser.add_argument(f"--{name}", type=int, default=default, help=f"(default: {default})")
    return parser


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=harbor.PROJECT).stdout.strip()
    return {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "rasa": importlib.metadata.version("rasa"),
            "platform": platform.platform(), "git_commit": commit or None}


def drive(pair: Pair, target: Target, script: Script, args: argparse.Namespace, label: str) -> list[dict]:
    """Warm-up, then every concurrency level against one running pair; summaries with RSS peaks."""
    ids: Iterator[int] = itertools.count()
    peaks = RssPeaks(pair.servers)
    if args.warmup > 0:
        asyncio.run(run_level(target, script, 1, messages=args.warmup, seed=args.seed - 1, ids=ids,
                              timeout=args.timeout))
    rows = []
    for concurrency in args.concurrency:
        peaks.reset()
        stats = asyncio.run(run_level(target, script, concurrency, messages=args.messages, duration=args.duration,
                                      seed=args.seed, ids=ids, timeout=args.timeout, sample=peaks.sample))
        row = stats.summary() | {"rss_peak": peaks.reset()}
        _say(f"  {label} {target.name} x{concurrency}: {row['messages_ok']} ok, {row['errors']} errors, "
             f"{row['messages_per_s']} msg/s, p95 {row['p95_ms']} ms")
        rows.append(row)
        for server in pair.servers:
            if server.proc.poll() is not None:
                raise ServerFailed(f"{server.name} exited during the load; see {server.log}")
    return rows


def bench_harbor(args: argparse.Namespace, work: Path, stamp: str) -> dict[str, Any]:
    profile_to = None
    if args.profile:
        if shutil.which("py-spy"):
            args.results.mkdir(parents=True, exist_ok=True)
            profile_to = args.results / f"{stamp}-harbor-rasa.svg"
        else:
            _say(PY_SPY_HINT)
    channels = [c.strip() for c in args.channels.split(",") if c.strip()]
    redis = None
    workers = args.workers
    if workers > 1:
        redis_port = _free_port()
        redis = start_redis(work / "redis", redis_port, work)
        if redis is None:
            _say(f"Harbor: redis-server is not installed, so 1 Sanic worker instead of {workers} "
                 "(scripts/system-deps installs it)")
            workers = 1
    with fake_twilio() as (twilio_url, twilio_count):
        _say(f"Harbor: fresh var/ (migrations, directory import); {workers} Sanic worker(s) ...")
        setup = harbor.prepare(work / "harbor", args.harbor_actions_port, twilio_url, workers=workers,
                               redis_url=f"redis://127.0.0.1:{redis_port}/0" if redis else None)
        _say(f"Harbor: starting on ports {args.harbor_port}/{args.harbor_actions_port} ...")
        pair = start_pair(harbor.PROJECT, setup.env, work / "harbor" / "logs", args.harbor_port,
                          args.harbor_actions_port, setup.rasa_args, profile_to=profile_to)
        try:
            data: dict[str, Any] = {"setup_s": round(setup.setup_s, 2), "first_answer_s": round(pair.first_answer_s, 2),
                                    "rss_idle": {s.name: s.rss() for s in pair.servers}, "channels": {}}
            _say(f"Harbor: first answer after {pair.first_answer_s:.1f} s")
            for channel in channels:
                target: Target = (RestTarget(pair.base_url, f"harbor-{stamp}") if channel == "rest" else
                                  SmsTarget(pair.base_url, harbor.PUBLIC_URL, harbor.ACCOUNT_SID, setup.auth_token,
                                            harbor.TWILIO_NUMBER, deliveries=twilio_count["deliveries"],
                                            reply_timeout=args.timeout))
                data["channels"][channel] = drive(pair, target, partial(harbor_conversation, channel=channel),
                                                  args, "harbor")
            data["memory_after_load"] = tree_memory(pair.rasa.proc.pid, include_root=pair.rasa.own_rss)
        finally:
            stop(pair.servers + ([redis] if redis else []))
        data["twilio_rest_sends"] = twilio_count["messages"]
        data["sanic_workers"] = workers
    if profile_to is not None:
        data["profile"] = str(profile_to)
    return data


def bench_stock(args: argparse.Namespace, work: Path, stamp: str) -> dict[str, Any]:
    project = args.stock_dir or work / "stock"
    _say(f"Stock: `rasa init --no-prompt` in {project} (trains its model, about a minute) ...")
    setup = stock.prepare(project, args.stock_actions_port, work / "stock-init.log")
    _say(f"Stock: starting on ports {args.stock_port}/{args.stock_actions_port} ...")
    pair = start_pair(setup.project, setup.env, work / "stock-logs", args.stock_port, args.stock_actions_port,
                      setup.rasa_args)
    try:
        data: dict[str, Any] = {"init_s": None if setup.init_s is None else round(setup.init_s, 2),
                                "first_answer_s": round(pair.first_answer_s, 2),
                                "rss_idle": {s.name: s.rss() for s in pair.servers}, "channels": {}}
        _say(f"Stock: first answer after {pair.first_answer_s:.1f} s")
        data["channels"]["rest"] = drive(pair, RestTarget(pair.base_url, f"stock-{stamp}"), stock_conversation,
                                         args, "stock")
    finally:
        stop(pair.servers)
    return data


def _problems(args: argparse.Namespace) -> list[str]:
    found = []
    channels = {c.strip() for c in args.channels.split(",") if c.strip()}
    if not channels or not channels <= {"rest", "sms"}:
        found.append(f"--channels takes rest, sms or both, got {args.channels!r}")
    if args.no_harbor and args.no_stock:
        found.append("--no-harbor and --no-stock together leave nothing to run")
    if args.warmup < 0:
        found.append("--warmup cannot be negative")
    ports = [] if args.no_harbor else [args.harbor_port, args.harbor_actions_port]
    ports += [] if args.no_stock else [args.stock_port, args.stock_actions_port]
    if len(set(ports)) != len(ports):
        found.append("two servers were given the same port")
    found += [f"port {p} on 127.0.0.1 is already in use: stop what uses it or pick another" for p in ports
              if not _port_free(p)]
    if not args.no_harbor and not harbor.MODEL.exists():
        found.append(f"no trained Harbor model at {harbor.MODEL}: run `make train` first")
    return found


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.messages is None and args.duration is None:
        args.messages = 300
    problems = _problems(args)
    if problems:
        for problem in problems:
            print(f"bench: {problem}", file=sys.stderr)
        return 2
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    work = Path(tempfile.mkdtemp(prefix="harbor-bench-"))
    results: dict[str, Any] = {
        "started_utc": stamp, "machine": _machine(), "systems": {},
        "config": {"concurrency": args.concurrency, "messages_per_level": args.messages,
                   "duration_per_level_s": args.duration, "warmup_messages": args.warmup,
                   "channels": args.channels, "seed": args.seed, "timeout_s": args.timeout},
    }
    try:
        if not args.no_harbor:
            results["systems"]["harbor"] = bench_harbor(args, work, stamp)
        if not args.no_stock:
            results["systems"]["stock"] = bench_stock(args, work, stamp)
    except (ServerFailed, RuntimeError, OSError, subprocess.CalledProcessError) as error:
        print(f"bench: {error} (work directory kept: {work})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"bench: interrupted (work directory kept: {work})", file=sys.stderr)
        return 130
    results["ratios"] = report.ratios(results)
    results["targets"] = report.targets(results)
    print(report.table(results))
    path = report.write_json(results, args.results, stamp)
    print(f"\nResults: {path}")
    if args.keep:
        print(f"Work directory (var/, server logs): {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
