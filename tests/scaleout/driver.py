"""Many concurrent conversations across two replicas, with retries; then the tracker store's verdict."""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

import httpx
import sqlalchemy as sa

SCRIPTS = [
    ["hi", "I need somewhere to sleep tonight", "Madison", "thanks"],
    ["I'm hungry", "skip", "more", "bye"],
    ["is this private?", "I need a doctor", "Green Bay", "thank you"],
    ["hello", "need food", "Milwaukee", "more"],
]
PATH = "/webhooks/rest_idempotent/webhook"


@dataclass
class Turn:
    message_id: str
    text: str
    replies: list[str] = field(default_factory=list)
    replayed: bool = False


@dataclass
class Conversation:
    sender: str
    turns: list[Turn]


@dataclass
class Stats:
    sent: int = 0
    retries: int = 0
    hedged: int = 0  # the same message sent to both replicas at once, on purpose
    hedge_replayed: int = 0  # answers to hedged messages that came from the tracker, not a new turn
    replayed: int = 0
    failed: int = 0
    answered_by: dict[str, int] = field(default_factory=dict)  # replica base URL → answers


def _texts(replies: list[dict]) -> list[str]:
    return [r.get("text", "") for r in replies]


class Driver:
    """Sends each conversation's turns in order; turn k of conversation i goes to replica (i+k) % 2."""

    def __init__(self, bases: list[str], conversations: int, on_progress: Callable[[int], None]) -> None:
        self.bases = bases
        self.stats = Stats()
        self.on_progress = on_progress
        run = uuid.uuid4().hex[:8]
        self.conversations = [
            Conversation(f"so-{run}-{i:04d}", [Turn(f"{run}-{i:04d}-{k}", text)
                                               for k, text in enumerate(SCRIPTS[i % len(SCRIPTS)])])
            for i in range(conversations)]
        self.done = 0

    async def _post(self, client: httpx.AsyncClient, base: str, sender: str, turn: Turn) -> Optional[httpx.Response]:
        try:
            resp = await client.post(base + PATH, json={"sender": sender, "message": turn.text,
                                                        "message_id": turn.message_id})
        except httpx.HTTPError:
            return None
        if resp.status_code != 200:
            return None
        self.stats.answered_by[base] = self.stats.answered_by.get(base, 0) + 1
        return resp

    async def _send(self, client: httpx.AsyncClient, first: int, sender: str, turn: Turn, hedge: bool) -> None:
        self.stats.sent += 1
        if hedge:  # a client that gave up waiting and asked the other replica too
            self.stats.hedged += 1
            both = await asyncio.gather(*(self._post(client, self.bases[(first + j) % 2], sender, turn)
                                          for j in (0, 1)))
            answered = [r for r in both if r is not None]
            self.stats.hedge_replayed += sum(r.headers.get("X-Harbor-Replayed") == "1" for r in answered)
            if answered:
                self._keep(turn, answered[0])
                return
        for attempt in range(12):
            if attempt:
                self.stats.retries += 1
                await asyncio.sleep(min(0.25 * attempt, 2))
            resp = await self._post(client, self.bases[(first + attempt) % 2], sender, turn)
            if resp is not None:
                self._keep(turn, resp)
                return
        self.stats.failed += 1

    def _keep(self, turn: Turn, resp: httpx.Response) -> None:
        turn.replies = _texts(resp.json())
        turn.replayed = resp.headers.get("X-Harbor-Replayed") == "1"
        self.stats.replayed += turn.replayed
        self.done += 1
        self.on_progress(self.done)

    async def _talk(self, client: httpx.AsyncClient, index: int, conversation: Conversation) -> None:
        await asyncio.sleep((index % 50) * 0.02)  # arrivals spread over a second, not one burst
        for k, turn in enumerate(conversation.turns):
            await self._send(client, (index + k) % 2, conversation.sender, turn, hedge=(index % 10 == 3 and k == 1))

    async def run(self) -> float:
        started = time.monotonic()
        limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
        # A new connection per message, as a load balancer would open: Sanic's graceful shutdown
        # keeps serving busy keep-alive connections, so a stopped replica would never look stopped.
        async with httpx.AsyncClient(timeout=httpx.Timeout(120, connect=5), limits=limits,
                                     headers={"Connection": "close"}) as client:
            await asyncio.gather(*(self._talk(client, i, c) for i, c in enumerate(self.conversations)))
        return time.monotonic() - started


@dataclass
class Verdict:
    conversations: int
    messages: int
    lost: int
    duplicated_user: int
    duplicated_bot: int
    out_of_order: int
    reply_mismatch: int


def check(engine: sa.engine.Engine, conversations: list[Conversation]) -> Verdict:
    """Read the events table: every message once, in order, and the bot replies the client saw, once."""
    senders = [c.sender for c in conversations]
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT sender_id, type_name, data FROM events WHERE sender_id IN :s ORDER BY id")
                            .bindparams(sa.bindparam("s", expanding=True)), {"s": senders}).all()
    events: dict[str, list[tuple[str, dict]]] = {s: [] for s in senders}
    for sender, type_name, data in rows:
        events[sender].append((type_name, json.loads(data)))
    lost = dup_user = dup_bot = disorder = mismatch = 0
    for conv in conversations:
        logged: list[str] = []
        bot_by_turn: dict[str, list[str]] = {}
        current: Optional[list[str]] = None
        repeat = False
        for type_name, data in events[conv.sender]:
            if type_name == "user":
                repeat = data.get("message_id") in logged
                logged.append(data.get("message_id"))
                current = bot_by_turn.setdefault(data.get("message_id"), [])
            elif type_name == "bot" and current is not None:
                dup_bot += repeat  # a reply from a second run of the same message
                if (data.get("text") or "").strip():
                    current.append(data["text"].strip())
        sent = [t.message_id for t in conv.turns]
        lost += sum(1 for m in sent if m not in logged)
        dup_user += len(logged) - len(set(logged))
        unique = list(dict.fromkeys(logged))
        disorder += int(unique != [m for m in sent if m in unique])
        for turn in conv.turns:
            stored = "\n\n".join(bot_by_turn.get(turn.message_id, []))
            mismatch += int(stored != "\n\n".join(t for t in turn.replies if t))
    return Verdict(len(conversations), sum(len(c.turns) for c in conversations), lost, dup_user, dup_bot,
                   disorder, mismatch)
