"""Free-text redaction (bot/privacy.py): what is caught, what must stay, and the API contract."""
from __future__ import annotations

import time

import pytest

from bot.privacy import KINDS, Redacted, Span, redact, redact_text, redact_value

# (message, kind, the exact identifying value that must become "[kind]")
POSITIVES: list[tuple[str, str, str]] = [
    # phone numbers, every common US shape
    ("call me at 608-555-0199", "phone", "608-555-0199"),
    ("my number is (608) 555 0199 ok", "phone", "(608) 555 0199"),
    ("608.555.0199 text me", "phone", "608.555.0199"),
    ("its 6085550199", "phone", "6085550199"),
    ("+1 608 555 0199 is my cell", "phone", "+1 608 555 0199"),
    ("1-608-555-0199", "phone", "1-608-555-0199"),
    ("text (414)555-1234 pls", "phone", "(414)555-1234"),
    ("my # 414 555 1234", "phone", "414 555 1234"),
    ("cell 262.555.7788.", "phone", "262.555.7788"),
    ("call me 555-0199", "phone", "555-0199"),
    ("my number is 5550199", "phone", "5550199"),
    ("mi numero es 414-555-0123", "phone", "414-555-0123"),
    ("whatsapp +52 55 1234 5678", "phone", "+52 55 1234 5678"),
    ("six oh eight five five five oh one nine nine", "phone", "six oh eight five five five oh one nine nine"),
    ("1 (920) 555-3344", "phone", "1 (920) 555-3344"),
    ("number is 608 555 01 99", "phone", "608 555 01 99"),
    ("my mom's number is 920-555-0147", "phone", "920-555-0147"),
    ("u can reach me at 262 555 0177 after 3", "phone", "262 555 0177"),
    # emails, plain and spelled out
    ("email me jess.smith@gmail.com", "email", "jess.smith@gmail.com"),
    ("its jessxo22@yahoo.com", "email", "jessxo22@yahoo.com"),
    ("Jess_M+work@Outlook.COM is mine", "email", "Jess_M+work@Outlook.COM"),
    ("jess at gmail dot com", "email", "jess at gmail dot com"),
    ("my email is jessxo at gmail", "email", "jessxo at gmail"),
    ("jess dot smith at hotmail dot com", "email", "jess dot smith at hotmail dot com"),
    ("write jess(at)icloud(dot)com", "email", "jess(at)icloud(dot)com"),
    ("correo: maria arroba hotmail punto com", "email", "maria arroba hotmail punto com"),
    ("jess @ gmail.com", "email", "jess @ gmail.com"),
    ("my email is jessxo22", "email", "jessxo22"),
    # URLs
    ("look at bit.ly/x3f", "url", "bit.ly/x3f"),
    ("go to www.example.com now", "url", "www.example.com"),
    ("https://example.com/p?id=7 is the page", "url", "https://example.com/p?id=7"),
    ("onlyfans.com/jess.", "url", "onlyfans.com/jess"),
    ("my page is linktr.ee/jess", "url", "linktr.ee/jess"),
    ("http://t.me/jessxo", "url", "http://t.me/jessxo"),
    ("check myspace-page.net", "url", "myspace-page.net"),
    ("discord.gg/abc123 join", "url", "discord.gg/abc123"),
    # social-media handles
    ("add me @jess.m", "handle", "@jess.m"),
    ("my snap is jess_22", "handle", "jess_22"),
    ("ig: lil.jess", "handle", "lil.jess"),
    ("insta jessxo", "handle", "jessxo"),
    ("tiktok @jessy", "handle", "@jessy"),
    ("sc jessxo22", "handle", "jessxo22"),
    ("kik me jessxo", "handle", "jessxo"),
    ("my snapchat is sunshine", "handle", "sunshine"),
    ("add me on snap jessxo", "handle", "jessxo"),
    ("add jess_22 on snap", "handle", "jess_22"),
    ("his ig is tony.k", "handle", "tony.k"),
    ("my discord is jess#1234", "handle", "jess#1234"),
    ("cashapp $jess22", "handle", "$jess22"),
    ("snap: xojess", "handle", "xojess"),
    ("my tik tok is jessdances", "handle", "jessdances"),
    ("his snap is big_t_414", "handle", "big_t_414"),
    ("follow me on tiktok jessdancez", "handle", "jessdancez"),
    ("ig is @lil_jess09", "handle", "@lil_jess09"),
    # street addresses
    ("i live at 1234 w national ave apt 2", "address", "1234 w national ave apt 2"),
    ("123 N 5th St.", "address", "123 N 5th St."),
    ("po box 12", "address", "po box 12"),
    ("send it to P.O. Box 4411", "address", "P.O. Box 4411"),
    ("2020 Oak Street milwaukee", "address", "2020 Oak Street"),
    ("45 Elm Rd", "address", "45 Elm Rd"),
    ("310 Lakeview Blvd", "address", "310 Lakeview Blvd"),
    ("789 Pine Dr, Unit 3", "address", "789 Pine Dr, Unit 3"),
    ("55 Maple Ln", "address", "55 Maple Ln"),
    ("16 Birch Ct", "address", "16 Birch Ct"),
    ("900 Park Way", "address", "900 Park Way"),
    ("12 Willow Pl", "address", "12 Willow Pl"),
    ("5000 Greenway Pkwy", "address", "5000 Greenway Pkwy"),
    ("1234 Hwy 41", "address", "1234 Hwy 41"),
    ("N4567 County Rd K", "address", "N4567 County Rd K"),
    ("4567 Martin Luther King Jr Dr", "address", "4567 Martin Luther King Jr Dr"),
    ("i live at 2345 n 35th", "address", "2345 n 35th"),
    ("1234 W. National Ave., Apt. 2", "address", "1234 W. National Ave., Apt. 2"),
    ("im at 2400 s 27th st #4", "address", "2400 s 27th st #4"),
    ("i live on oak st", "address", "oak st"),
    ("we're in apt 12", "address", "apt 12"),
    ("my address is 1234 oak", "address", "1234 oak"),
    ("vivo en 1420 w mitchell st", "address", "1420 w mitchell st"),
    ("1234 s 13th street, milwaukee, wi 53204", "address", "1234 s 13th street"),
    ("4419 N Green Bay Ave", "address", "4419 N Green Bay Ave"),
    ("address 742 evergreen terrace", "address", "742 evergreen terrace"),
    # names after cue phrases
    ("my name is Jessica", "name", "Jessica"),
    ("my name is jessica", "name", "jessica"),
    ("my names maria lopez", "name", "maria lopez"),
    ("name's Jo", "name", "Jo"),
    ("this is Maria", "name", "Maria"),
    ("hi this is Kayla from racine", "name", "Kayla"),
    ("call me jess", "name", "jess"),
    ("u can call me Dee", "name", "Dee"),
    ("I'm Jessica and im 15", "name", "Jessica"),
    ("im Brianna", "name", "Brianna"),
    ("I am Nevaeh", "name", "Nevaeh"),
    ("me llamo ana", "name", "ana"),
    ("mi nombre es Guadalupe", "name", "Guadalupe"),
    ("soy Carla", "name", "Carla"),
    ("my name is Mary-Jane", "name", "Mary-Jane"),
    ("my name is Jessica Smith.", "name", "Jessica Smith"),
    ("my friend Kayla is with me", "name", "Kayla"),
    ("my bf Marcus takes my money", "name", "Marcus"),
    ("his name is Tony", "name", "Tony"),
    ("hey its Jess", "name", "Jess"),
    ("name: Destiny", "name", "Destiny"),
    ("I go by Jay", "name", "Jay"),
    ("IM JESSICA AND IM 14", "name", "JESSICA"),
    ("Hi Im Jessica", "name", "Jessica"),
    ("my name is April", "name", "April"),
    ("my name is Will", "name", "Will"),
    ("its me jess", "name", "jess"),
    ("my pimp is called Big T", "name", "Big T"),
    ("he calls himself Smoke", "name", "Smoke"),
    ("a guy named Tony picked me up", "name", "Tony"),
    ("me llamo Juan Carlos y tengo 14", "name", "Juan Carlos"),
    ("my boyfriend Deshawn wont let me leave", "name", "Deshawn"),
    ("Mr. Smith is my teacher", "name", "Smith"),
    # dates of birth (a date with a birth cue)
    ("dob 3/4/2009", "dob", "3/4/2009"),
    ("born 03-04-2009", "dob", "03-04-2009"),
    ("my birthday is march 4 2009", "dob", "march 4 2009"),
    ("bday 3/4/09", "dob", "3/4/09"),
    ("D.O.B: 12/25/2008", "dob", "12/25/2008"),
    ("date of birth 2009-03-04", "dob", "2009-03-04"),
    ("i was born on March 4th, 2009", "dob", "March 4th, 2009"),
    ("born 4th of july 2010", "dob", "4th of july 2010"),
    ("my bday is 3/4 lol", "dob", "3/4"),
    ("3/4/2009 is my birthday", "dob", "3/4/2009"),
    ("nací el 4 de marzo de 2009", "dob", "4 de marzo de 2009"),
    ("mi cumpleaños es 4 de marzo", "dob", "4 de marzo"),
    ("born in march 2009", "dob", "march 2009"),
    ("dob is jan 5 2010", "dob", "jan 5 2010"),
    ("birthday: 4/3/09", "dob", "4/3/09"),
]

# Messages that must come back unchanged.
NEGATIVES: list[str] = [
    # service numbers youth are told to use
    "call 911",
    "text 988 or call 988",
    "call 211 for help",
    "text HOME to 741741",
    "text 233733",
    "text 898211",
    "text 66008",
    "call 1-888-373-7888",  # toll-free hotlines are not a person's number
    "the hotline is 1-800-656-4673",
    # coarse place, times, prices, ages
    "im in milwaukee 53204",
    "zip 53204-1234",
    "i live in kenosha county",
    "im 15",
    "im 16 and 5'4",
    "it costs $1200",
    "rent is $850 a month",
    "at 10:30pm",
    "open 9-5",
    "between 2009 and 2010",
    "in 2 weeks",
    # crisis wording stays readable
    "he wont let me leave",
    "kms",
    "i want to kill myself",
    "he said he will hurt me if i tell",
    "call 911 hes here",
    # feelings and states after "i'm" / "this is"
    "im scared",
    "i'm in racine",
    "this is hard",
    "I'm Scared Please Help Me",
    "IM SCARED HE WONT LET ME LEAVE",
    "I'm Hispanic",
    "I'm Mexican and 15",
    "im homeless",
    "i am pregnant",
    "This is Harbor?",
    "its Friday",
    "soy de milwaukee",
    "soy Mexicana",
    "my name is not important",
    "call me back later",
    "call me crazy",
    "call me tomorrow",
    "i miss my mom",
    "my friend said i should text",
    # platforms talked about, not named
    "my snap is private",
    "my ig got hacked",
    "he found me on insta",
    "tiktok is where he messages me",
    "snap me later",
    "ig stories",
    "is snapchat safe",
    # no house number, or not a street
    "i live on the south side",
    "it was a 20 minute drive",
    "he took me 2 blocks down the road",
    "i have 3 kids court date",
    "no way",
    "room 5 at school",
    "meet me at the park",
    "im at walmart",
    "im at school",
    # plain dates without a birth cue, birthdays without a date
    "the meeting is 3/4/2009",
    "court is on march 4",
    "born in 2009",
    "i was born in milwaukee",
    "my birthday is tomorrow",
    # everyday youth messages with nothing identifying
    "i need a place to sleep tonight",
    "where can i get food in madison",
    "im at the bus station on wisconsin ave",
    "i work at mcdonalds on 35th st",
    "he says i owe him $2000",
    "he is 25 and im 14",
    "i been outside for 2 days",
    "they open at 9am and close at 5pm",
    "i have a court date on the 5th",
    "my name is on the lease",
    "my name is ruined",
    "im latina",
    "I am Christian",
    "i'm done",
    "this is my first time texting",
    "My Friend Told Me About This",
    "Me siento sola",
    "mi novio me obliga a trabajar",
    "soy de guatemala",
    "i blocked him on insta",
    "he made me an onlyfans",
    "DELETE",
    # ordinary punctuation and abbreviations
    "ok. thanks!",
    "u.s. citizen",
    "i.e. no",
    "",
    "   ",
]


@pytest.mark.parametrize(("message", "kind", "value"), POSITIVES)
def test_positive_is_redacted_with_exact_span(message: str, kind: str, value: str) -> None:
    result = redact(message)
    start = message.index(value)
    assert Span(start, start + len(value), kind) in result.spans, result
    assert f"[{kind}]" in result.text
    assert value not in result.text


@pytest.mark.parametrize("message", NEGATIVES)
def test_negative_is_left_alone(message: str) -> None:
    result = redact(message)
    assert result.text == message, result
    assert result.spans == ()


def test_every_kind_is_covered_by_the_positives() -> None:
    assert {kind for _, kind, _ in POSITIVES} == set(KINDS)


@pytest.mark.parametrize("message", [m for m, _, _ in POSITIVES] + NEGATIVES)
def test_redaction_is_idempotent(message: str) -> None:
    once = redact_text(message)
    twice = redact(once)
    assert twice.text == once
    assert twice.spans == ()


def test_offsets_point_into_the_original_text_and_rebuild_the_output() -> None:
    message = (
        "hi its Jess, my number is 608-555-0199 and email jess@gmail.com, "
        "i live at 1234 w national ave apt 2 milwaukee 53204, dob 3/4/2009, snap jessxo, www.site.com"
    )
    result = redact(message)
    assert isinstance(result, Redacted)
    kinds = [s.kind for s in result.spans]
    assert kinds == ["name", "phone", "email", "address", "dob", "handle", "url"]
    pieces, last = [], 0
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(message)
        assert last <= span.start  # sorted, no overlap
        pieces += [message[last:span.start], f"[{span.kind}]"]
        last = span.end
    assert "".join(pieces) + message[last:] == result.text
    assert [message[s.start:s.end] for s in result.spans] == [
        "Jess", "608-555-0199", "jess@gmail.com", "1234 w national ave apt 2", "3/4/2009", "jessxo", "www.site.com",
    ]
    assert "milwaukee 53204" in result.text  # coarse place stays for the directory


def test_issue_acceptance_sentence() -> None:
    text = redact_text("call me at 608-555-0199, my name is Jessica")
    assert text == "call me at [phone], my name is [name]"
    for canary in ("608-555-0199", "6085550199", "Jessica"):
        assert canary not in text


def test_existing_placeholders_are_never_rewritten() -> None:
    text = "my name is [name] and my snap is [handle] at [address]"
    assert redact_text(text) == text


def test_non_string_input_is_refused_plainly() -> None:
    with pytest.raises(TypeError, match="needs a str"):
        redact(None)  # type: ignore[arg-type]


def test_spans_are_frozen_dataclasses() -> None:
    span = redact("my name is Jessica").spans[0]
    with pytest.raises(Exception):
        span.kind = "phone"  # type: ignore[misc]


def test_redact_value_on_a_rasa_event() -> None:
    event = {
        "event": "user",
        "timestamp": 1764000000.5,
        "text": "my name is Jessica call me 608-555-0199",
        "parse_data": {
            "text": "my name is Jessica call me 608-555-0199",
            "intent": {"name": "inform", "confidence": 0.93},
            "entities": [{"entity": "city", "value": "milwaukee", "start": 0, "end": 9}],
            "intent_ranking": [{"name": "inform", "confidence": 0.93}],
        },
        "input_channel": "telegram",
        "message_id": "a1b2c3d4",
        "metadata": {"raw": ["snap jessxo", {"note": "email jess@gmail.com"}], "flags": (True, None, 3)},
    }
    out = redact_value(event)
    assert out["text"] == "my name is [name] call me [phone]"
    assert out["parse_data"]["text"] == out["text"]
    assert out["parse_data"]["intent"] == {"name": "inform", "confidence": 0.93}
    assert out["parse_data"]["entities"][0]["value"] == "milwaukee"
    assert out["timestamp"] == 1764000000.5
    assert out["event"] == "user" and out["input_channel"] == "telegram" and out["message_id"] == "a1b2c3d4"
    assert out["metadata"]["raw"] == ["snap [handle]", {"note": "email [email]"}]
    assert out["metadata"]["flags"] == (True, None, 3)
    assert event["text"].endswith("608-555-0199")  # the input is not mutated
    assert redact_value(None) is None and redact_value(42) == 42


def test_redact_text_matches_redact() -> None:
    message = "add me on snap jessxo or text 414 555 1234"
    assert redact_text(message) == redact(message).text == "add me on snap [handle] or text [phone]"


def test_timing_per_message_is_reported() -> None:
    messages = [m for m, _, _ in POSITIVES] + NEGATIVES + [
        "i need somewhere to sleep tonight im in milwaukee",
        "my bf makes me do stuff with his friends for money and i cant leave what do i do",
    ]
    redact_text("warm up")
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for message in messages:
            redact_text(message)
    per_message_ms = (time.perf_counter() - started) * 1000 / (rounds * len(messages))
    print(f"\nredaction: {per_message_ms:.3f} ms per message over {rounds * len(messages)} messages")
    assert per_message_ms > 0


@pytest.mark.parametrize("text, name", [
    ("can i talk to Marcus", "Marcus"), ("thanks Tasha", "Tasha"), ("im staying with Keisha rn", "Keisha"),
    ("officer Diaz said i have to go", "Diaz"), ("im kayla", "kayla"), ("i went to Madison with Dre", "Dre"),
])
def test_names_after_context_words_and_lowercase_names_after_im(text: str, name: str) -> None:
    result = redact(text)
    assert name not in result.text and "[name]" in result.text


@pytest.mark.parametrize("text", [
    "im finna leave", "im tryna get out", "this is racine", "im from Milwaukee", "help me with Food",
    "talk to Someone", "im hungry and stuck", "i am deadass scared", "hi Harbor",
])
def test_slang_places_and_ordinary_words_after_those_cues_stay(text: str) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize("text, name", [
    ("Tasha here", "Tasha"), ("jessica here, need help", "jessica"), ("this tasha", "tasha"),
    ("my sister's name is luz", "luz"),
])
def test_names_introducing_a_message_and_relatives_names(text: str, name: str) -> None:
    assert name not in redact_text(text)


@pytest.mark.parametrize("text", ["Help here", "this is hard", "this place sucks", "im here", "this Friday"])
def test_ordinary_openings_stay(text: str) -> None:
    assert redact_text(text) == text
