"""Fixed keywords skip NLU after their first parse: "yes", "more", "thanks", a county's name.

Why: on SMS and Telegram a large share of messages are the words Harbor itself asks for
(MORE, YES/NO, SKIP, a county or city, thanks, bye). NLU (spaCy, two count-vector
featurisers, DIET, the keyword crisis layer) costs ~8 ms of CPU each time and gives the same
answer for the same text, so the first parse of such a text is remembered and reused.

Safety and privacy: only texts on the fixed list below are remembered, never anything else
a person writes; the remembered answer is the full pipeline's own output (crisis layer
included), so a cached text is classified exactly as it would be again; none of the listed
texts is a crisis (tests/test_fast_path.py checks every one with the keyword layer).
``HARBOR_NLU_FAST_PATH=0`` turns it off.
"""
from __future__ import annotations

import copy
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

# What Harbor's own prompts ask people to send, and the usual short answers to them.
KEYWORDS = (
    "hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening", "hola",
    "buenos dias", "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "k", "no", "n", "nope",
    "nah", "no thanks", "more", "more please", "skip", "menu", "back", "start over", "not sure",
    "idk", "i don't know", "i dont know", "thanks", "thank you", "thx", "ty", "thank u", "thanks!",
    "gracias", "bye", "goodbye", "bye bye", "see you", "ok thanks", "ok thank you", "cool",
    "got it", "shelter", "food", "health", "legal help", "hotlines", "talk", "someone to talk to",
    "a person", "talk to a person", "back to bot", "what can you do", "are you a bot",
    "are you a real person", "resume screening", "staff",
)
MAX_REMEMBERED = 4096

_original_parse = MessageProcessor._parse_message_with_graph
_lock = threading.Lock()
_memo: "OrderedDict[tuple[str, str, bool], Dict[Text, Any]]" = OrderedDict()
stats = {"hits": 0, "misses": 0}


def normalise(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .!?")


@lru_cache(maxsize=1)
def fixed_texts() -> frozenset[str]:
    """The keywords, every county ("dane", "dane county") and every city the gazetteer knows."""
    from bot.geo import get_gazetteer

    gazetteer = get_gazetteer()
    alone, with_word = gazetteer.county_terms()
    places = set(gazetteer.city_terms()) | set(alone) | {f"{name} county" for name in with_word}
    return frozenset({normalise(k) for k in KEYWORDS} | {normalise(p) for p in places})


def enabled() -> bool:
    return os.environ.get("HARBOR_NLU_FAST_PATH", "1").strip().lower() not in {"0", "false", "no", "off"}


def is_fixed(text: Optional[str]) -> bool:
    return bool(text) and len(text) <= 60 and normalise(text) in fixed_texts()  # type: ignore[arg-type]


def _parse_message_with_graph(self: MessageProcessor, message: UserMessage,
                              tracker: DialogueStateTracker,
                              only_output_properties: bool = True) -> Dict[Text, Any]:
    """MessageProcessor._parse_message_with_graph, answered from memory for fixed keywords."""
    text = message.text
    if not enabled() or not is_fixed(text):
        return _original_parse(self, message, tracker, only_output_properties)
    key = (str(getattr(self.model_metadata, "model_id", "")), text or "", only_output_properties)
    with _lock:
        found = _memo.get(key)
        if found is not None:
            _memo.move_to_end(key)
            stats["hits"] += 1
    if found is not None:
        return copy.deepcopy(found)
    parsed = _original_parse(self, message, tracker, only_output_properties)
    with _lock:
        stats["misses"] += 1
        _memo[key] = copy.deepcopy(parsed)
        while len(_memo) > MAX_REMEMBERED:
            _memo.popitem(last=False)
    return parsed


def forget() -> None:
    with _lock:
        _memo.clear()
        stats.update(hits=0, misses=0)


def install() -> None:
    if MessageProcessor._parse_message_with_graph is not _parse_message_with_graph:
        MessageProcessor._parse_message_with_graph = _parse_message_with_graph  # type: ignore[method-assign]
