"""Scripted conversations: what a youth sends Harbor, and what a user sends stock `rasa init`.

Written for the benchmark (not taken from the training data), so the load resembles real
use: short lowercase texts, misspellings, menu choices as button payloads on the web and as
numbers on SMS, places from the 12 priority counties as city, county or ZIP.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

CRISIS_RATE = 0.05

# Harbor's utter_menu, in order: SMS numbers the buttons 1..n in this order (channels/sms.py).
MENU = ["/need_shelter", "/need_food", "/need_health", "/need_talk", "/need_legal"]

GREETINGS = ["hi", "hey", "hello", "hii", "hey is anyone there", "hi i need help"]
NEEDS = [
    "i need somewhere to sleep tonight", "need a safe place to stay", "got kicked out need a bed",
    "im hungry where can i get food", "need something to eat",
    "where can i get tested for std", "i need to see a doctor",
    "i just need someone to talk to", "need a lawyer",
]
# The 12 priority counties (issue 4): a city, the county and a ZIP for each; ZIPs checked
# against the offline `zipcodes` package on 2026-11-25 (e.g. 53703 -> Madison, Dane County).
PLACES = [
    ("milwaukee", "milwaukee county", "53202"), ("madison", "dane county", "53703"),
    ("green bay", "brown county", "54301"), ("kenosha", "kenosha county", "53140"),
    ("racine", "racine county", "53403"), ("appleton", "outagamie county", "54911"),
    ("waukesha", "waukesha county", "53186"), ("eau claire", "eau claire county", "54701"),
    ("la crosse", "la crosse county", "54601"), ("wausau", "marathon county", "54401"),
    ("oshkosh", "winnebago county", "54901"), ("janesville", "rock county", "53545"),
]
MISSPELT = ["milwakee", "madtown", "greenbay", "la crosse wi", "oshkosh wi"]
MORE = ["MORE", "more", "more please", "any others"]
GOODBYES = ["bye", "thanks bye", "ok bye", "thank you", "thats all"]
CRISIS = [
    "im scared hes gonna hurt me", "he wont let me leave", "i dont want to be alive anymore",
    "someone is making me do stuff for money",
]

STOCK_GREETINGS = ["hi", "hello", "hey there", "good morning"]
STOCK_SAD = ["i am sad", "not good", "very sad", "i'm unhappy"]
STOCK_ANSWERS = ["yes", "no", "of course", "not really"]
STOCK_HAPPY = ["great", "i am feeling very good", "amazing", "perfect"]
STOCK_CHALLENGE = ["are you a bot?", "am i talking to a human?", "are you a human?"]
STOCK_GOODBYES = ["bye", "goodbye", "see you later", "cu"]


@dataclass(frozen=True)
class Turn:
    """One user message and the step of the script it stands for (reported with errors)."""

    step: str
    text: str


def _place(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(MISSPELT)
    return rng.choice(rng.choice(PLACES))


def harbor_conversation(rng: random.Random, channel: str) -> list[Turn]:
    """greeting -> menu choice -> need -> location -> MORE -> goodbye; a crisis now and then.

    ``channel`` is "rest" (a menu choice is its button payload) or "sms" (its number).
    """
    if channel not in ("rest", "sms"):
        raise ValueError(f"unknown channel {channel!r}")
    choice = rng.randrange(len(MENU))
    turns = [
        Turn("greeting", rng.choice(GREETINGS)),
        Turn("menu", MENU[choice] if channel == "rest" else str(choice + 1)),
        Turn("need", rng.choice(NEEDS)),
        Turn("location", _place(rng)),
        Turn("more", rng.choice(MORE)),
        Turn("goodbye", rng.choice(GOODBYES)),
    ]
    if rng.random() < CRISIS_RATE:
        turns.insert(rng.randrange(1, len(turns)), Turn("crisis", rng.choice(CRISIS)))
    return turns


def stock_conversation(rng: random.Random) -> list[Turn]:
    """The `rasa init` bot's own domain: greet, moods, did-that-help, bot challenge, goodbye."""
    return [
        Turn("greeting", rng.choice(STOCK_GREETINGS)),
        Turn("mood", rng.choice(STOCK_SAD)),
        Turn("answer", rng.choice(STOCK_ANSWERS)),
        Turn("mood", rng.choice(STOCK_HAPPY)),
        Turn("challenge", rng.choice(STOCK_CHALLENGE)),
        Turn("goodbye", rng.choice(STOCK_GOODBYES)),
    ]
