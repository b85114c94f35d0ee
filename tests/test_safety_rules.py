"""Unit tests for the keyword crisis layer (bot.safety).

Cases are written for these tests (not taken from the held-out evaluation
sets): positives per category in plain English, coded slang, misspellings,
third-party framing and Spanish; negatives for idioms, staff questions and
ordinary resource requests. No timing assertions (benchmarks print figures).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot import safety
from bot.safety import CATEGORIES, CrisisSignal, detect

E, U = "emergency", "urgent"

# (message, category, severity, language)
POSITIVES: list[tuple[str, str, str, str]] = [
    # --- danger, English
    ("he won't let me leave", "danger", E, "en"),
    ("he won't let me leave lol", "danger", E, "en"),  # nervous laughter is not a joke here
    ("my friend doesn't know where she is", "danger", U, "en"),
    ("im locked in a room and cant get out", "danger", E, "en"),
    ("my bf is hitting me right now", "danger", E, "en"),
    ("he's gonna hurt me", "danger", E, "en"),
    ("he said he'll kill me if i leave", "danger", E, "en"),
    ("someone is following me", "danger", E, "en"),
    ("i'm hiding in the bathroom from him", "danger", E, "en"),
    ("idk where i am", "danger", E, "en"),
    ("they took my phone and wont let me go home", "danger", E, "en"),
    ("he pulled a knife on me", "danger", E, "en"),
    ("i'm scared for my life", "danger", E, "en"),
    ("i am being held against my will", "danger", E, "en"),
    ("i'm in danger", "danger", E, "en"),
    ("my dad hits me", "danger", U, "en"),
    ("my stepdad beat me up last week", "danger", U, "en"),
    ("help he has a gun", "danger", E, "en"),
    ("he came at me with a knife", "danger", E, "en"),
    ("im scared", "danger", U, "en"),
    # --- danger: urgent SMS help
    ("plz hlp", "danger", E, "en"),
    ("help me please", "danger", E, "en"),
    ("HELLLLP MEEE", "danger", E, "en"),
    ("someone help!!!", "danger", E, "en"),
    ("pleeeease help me", "danger", E, "en"),
    ("i need help right now", "danger", E, "en"),
    # --- danger, third party
    ("my friend's boyfriend won't let her leave", "danger", U, "en"),
    ("my sister is locked in his apartment right now", "danger", E, "en"),
    ("asking for a friend, her bf keeps hitting her", "danger", U, "en"),
    # --- exploitation, English
    ("he makes me have sex with men for money", "exploitation", E, "en"),
    ("i have to sleep with him so i have a place to stay", "exploitation", E, "en"),
    ("my boyfriend is selling me", "exploitation", E, "en"),
    ("he posted ads of me online", "exploitation", E, "en"),
    ("i owe him money so he makes me sleep with his friends", "exploitation", E, "en"),
    ("i'm being trafficked", "exploitation", E, "en"),
    ("sex for a place to stay", "exploitation", E, "en"),
    ("trading sex for food", "exploitation", E, "en"),
    ("hes sellin me to his homies", "exploitation", E, "en"),
    ("he's threatening to post my nudes", "exploitation", E, "en"),
    ("i have to work off my debt by sleeping with guys", "exploitation", E, "en"),
    ("my pimp took my id", "exploitation", E, "en"),
    ("she gets paid to have sex with older men", "exploitation", U, "en"),
    ("i got arrested for prostitution", "exploitation", U, "en"),
    # --- exploitation, coded
    ("daddy says i have to make my quota tonight", "exploitation", E, "en"),
    ("he has me walking the blade", "exploitation", E, "en"),
    ("my daddy makes me go out with guys for cash", "exploitation", E, "en"),
    ("i turn tricks to eat", "exploitation", E, "en"),
    ("i want to get out of the life", "exploitation", E, "en"),
    ("he makes me do 5 dates a night", "exploitation", E, "en"),
    ("i was on the track last night", "exploitation", U, "en"),
    ("a trick paid him 200", "exploitation", E, "en"),
    ("he takes all the money i make from dates", "exploitation", E, "en"),
    # --- exploitation, third party
    ("my friend is being sold", "exploitation", U, "en"),
    ("my sister's bf makes her do dates", "exploitation", U, "en"),
    ("my cousin's boyfriend posts ads of her on skipthegames", "exploitation", U, "en"),
    ("i think this girl at my school is being trafficked", "exploitation", U, "en"),
    ("my friend is being sold right now at a motel", "exploitation", E, "en"),
    # --- assault
    ("i was raped", "assault", U, "en"),
    ("he raped me last night", "assault", U, "en"),
    ("my uncle touches me", "assault", U, "en"),
    ("he forced me", "assault", U, "en"),
    ("he is raping me right now", "assault", E, "en"),
    ("someone touched me without my consent", "assault", U, "en"),
    ("i got graped at a party", "assault", U, "en"),
    ("my friend got sexually assaulted at a party", "assault", U, "en"),
    ("i said no but he kept going", "assault", U, "en"),
    ("he raped me lol", "assault", U, "en"),
    ("my foster dad comes into my room at night and touches me", "assault", U, "en"),
    # --- self-harm, English and coded
    ("i want to kill myself", "self_harm", E, "en"),
    ("kms", "self_harm", E, "en"),
    ("been thinking about unaliving myself", "self_harm", E, "en"),
    ("sewerslide", "self_harm", E, "en"),
    ("thinking about sewer slide tbh", "self_harm", E, "en"),
    ("i want to die", "self_harm", E, "en"),
    ("i just want to end it all", "self_harm", E, "en"),
    ("i've been cutting again", "self_harm", E, "en"),
    ("no reason to live anymore", "self_harm", E, "en"),
    ("everyone would be better off without me", "self_harm", E, "en"),
    ("im gonna overdose on purpose", "self_harm", E, "en"),
    ("i wanna dieeee", "self_harm", E, "en"),
    ("i dont want to live anymore", "self_harm", E, "en"),
    ("i feel suicidal rn", "self_harm", E, "en"),
    ("I Want To Kíll Myself", "self_harm", E, "en"),
    ("i wish i was dead", "self_harm", E, "en"),
    ("nobody would miss me if i was gone", "self_harm", E, "en"),
    # --- self-harm, past or third party
    ("my friend said she wants to kill herself", "self_harm", U, "en"),
    ("i tried to kill myself last year", "self_harm", U, "en"),
    ("i used to cut myself", "self_harm", U, "en"),
    ("i cut myself last night", "self_harm", U, "en"),
    ("my friend is going to kill herself tonight", "self_harm", E, "en"),
    # --- medical
    ("i took too many pills", "medical", E, "en"),
    ("my friend isn't breathing", "medical", E, "en"),
    ("she passed out and won't wake up", "medical", E, "en"),
    ("he's having a seizure", "medical", E, "en"),
    ("i'm bleeding a lot", "medical", E, "en"),
    ("i think i overdosed", "medical", E, "en"),
    ("my friend is overdosing", "medical", E, "en"),
    ("my friend overdosed last month", "medical", U, "en"),
    ("i think someone drugged me", "medical", E, "en"),
    ("i got stabbed", "medical", E, "en"),
    ("i swallowed a bunch of xanax", "medical", E, "en"),
    ("she's turning blue", "medical", E, "en"),
    ("my friend took a whole bottle of tylenol", "medical", E, "en"),
    # --- Spanish
    ("ayúdame por favor", "danger", E, "es"),
    ("AYUDAAAA", "danger", E, "es"),
    ("auxilio", "danger", E, "es"),
    ("no me deja salir", "danger", E, "es"),
    ("me tiene encerrada", "danger", E, "es"),
    ("me va a hacer daño", "danger", E, "es"),
    ("me van a matar", "danger", E, "es"),
    ("mi novio me pega", "danger", U, "es"),
    ("tengo miedo", "danger", U, "es"),
    ("no sé dónde estoy", "danger", E, "es"),
    ("no me dejan ir a mi casa", "danger", E, "es"),
    ("me están pegando ahora mismo", "danger", E, "es"),
    ("quiero morir", "self_harm", E, "es"),
    ("me quiero matar", "self_harm", E, "es"),
    ("voy a suicidarme", "self_harm", E, "es"),
    ("mi hermana se quiere matar", "self_harm", U, "es"),
    ("me obligan a estar con hombres", "exploitation", E, "es"),
    ("me venden", "exploitation", E, "es"),
    ("a mi amiga la venden", "exploitation", U, "es"),
    ("tengo sexo por dinero", "exploitation", E, "es"),
    ("me van a vender", "exploitation", E, "es"),
    ("publican fotos mías en anuncios", "exploitation", E, "es"),
    ("mi padrastro me toca", "assault", U, "es"),
    ("me violaron", "assault", U, "es"),
    ("me violó", "assault", U, "es"),
    ("creo que es una sobredosis", "medical", E, "es"),
    ("mi amiga no respira", "medical", E, "es"),
]

NEGATIVES: list[str] = [
    # idioms
    "i'm dying to see that movie",
    "this song is killing me",
    "this class is killing me lol",
    "my feet are killing me",
    "my phone is dying",
    "my phone is dead",
    "i could kill for a burger rn",
    "dead lol",
    "im dead 😂",
    "bro i'm dead 💀💀",
    "i'm going to murder this homework",
    "that test murdered me",
    "shoot me a text later",
    "he said he'd shoot me a text",
    "hit me up when you're free",
    "he hit me up last night",
    "i could just die of embarrassment",
    "i want to die my hair blue",
    "my mom is gonna kill me if i fail this test",
    "my mom won't let me go to the party",
    "i'm tied up at work rn",
    "i ran 5 kms today",
    "he sold me his old bike",
    "my sister sold her car",
    "she sold me out to the teacher",
    "i killed it at practice today",
    "trick or treat with my little brother",
    "can you show me a card trick",
    "i'm in the life skills class",
    "i'm not suicidal, just tired",
    "i don't want to die",
    "she follows me on insta",
    "i have a knife in my bag",
    "my dad has a gun for hunting",
    "i'm scared of the dark",
    "i'm scared to get tested",
    "took 2 advil for my headache",
    "the trick is to stay calm",
    "i can't leave my dog alone",
    "my parents won't let me go out on school nights",
    "he beat me at chess",
    "my mom kicked me out",
    "tickets are sold out",
    "i'm sold on that idea",
    "he hurt my feelings",
    "it touched me deeply",
    "my coach touched me on the shoulder",
    "i passed out flyers",
    "my phone won't wake up",
    "i can't breathe lol this is so funny",
    "my nose is bleeding",
    "the character got unalived in episode 5",
    "i killed myself laughing",
    "my daddy makes me do chores",
    "i had to sleep with my little sister last night",
    "my ex posted me on his story",
    "i owe him money for the concert tickets",
    "he kidnapped my heart",
    # the track / dates outside the coded sense
    "i have track practice after school",
    "our track meet is saturday",
    "i ran on the track today",
    "he's on the track team",
    "i'm on the right track",
    "what dates are you open",
    "what are the dates for the free clinic",
    # staff and education questions
    "what are the warning signs",
    "what are the warning signs of trafficking",
    "what does 'the track' mean",
    "what does the blade mean",
    "what does kms mean",
    "how do i report",
    "how do i report suspected trafficking in wisconsin",
    "signs of trafficking",
    "what are the signs a student is being trafficked",
    "how do i know if a kid is being sold",
    "what do i do if someone is overdosing",
    "is sex work legal in wisconsin",
    "what does it mean when someone says they're in the life",
    "i am a social worker with a client who might be trafficked",
    "how do i help someone who is overdosing",
    # ordinary requests
    "need a place to sleep tonight",
    "where can i get an sti test",
    "hi",
    "what can you do",
    "help",
    "HELP",
    "STOP",
    "can you help me find a shelter",
    "please help me find food near 53703",
    "i need help with my homework",
    "",
    "   ",
    # Spanish
    "me muero de risa",
    "me muero de hambre",
    "tengo miedo de ir al doctor",
    "no me deja salir con mis amigos",
    "mi mamá me va a matar si repruebo",
    "me corto el pelo mañana",
    "necesito ayuda para encontrar un albergue",
    "¿qué significa la pista?",
    "estoy atrapada en el tráfico",
    "alguien me sigue en instagram",
    "me tocó la lotería",
    "no responde mis mensajes",
    "mi novio me va a matar si llego tarde jaja",
    "tengo miedo de las arañas",
]


@pytest.mark.parametrize(("text", "category", "severity", "language"), POSITIVES)
def test_positive(text: str, category: str, severity: str, language: str) -> None:
    signal = detect(text)
    assert signal is not None, text
    assert (signal.category, signal.severity, signal.language) == (category, severity, language), (text, signal)
    assert signal.rule.startswith(category + ".")


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # self-harm outranks danger at the same severity
        ("he won't let me leave and i want to die", "self_harm", E),
        # danger outranks medical at the same severity
        ("he is choking me i can't breathe", "danger", E),
        # self-harm outranks medical
        ("i took too many pills because i want to die", "self_harm", E),
        # an emergency about the texter outranks an urgent third-party self-harm
        ("my friend wants to kill herself and he is hitting me right now", "danger", E),
        # first person outranks third party within exploitation
        ("my friend is being sold and now he is selling me too", "exploitation", E),
    ],
)
def test_precedence(text: str, category: str, severity: str) -> None:
    signal = detect(text)
    assert signal is not None
    assert (signal.category, signal.severity) == (category, severity)


@pytest.mark.parametrize(("text", "category", "severity", "language"), POSITIVES)
def test_rule_never_contains_text(text: str, category: str, severity: str, language: str) -> None:
    signal = detect(text)
    assert signal is not None
    assert re.fullmatch(r"[a-z_]+\.[a-z_]+", signal.rule)
    assert signal.rule in safety.rule_ids()
    assert text.strip().lower() not in signal.rule
    assert signal.rule in {rule for rule in safety.rule_ids()}  # a fixed id, never built from the text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Plzzzz HLP", "please help"),
        ("im scared bc he wont let me go", "i am scared because he will not let me go"),
        ("Ayúdame, me hará daño", "ayudame, me hara dano"),
        ("I\u2019m gonna kms", "i am going to kms"),
        ("she od'd", "she overdosed"),
        ("u r my bestie", "you are my best friend"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert safety.normalise(raw, safety._engine().known) == expected


def test_public_api_shape() -> None:
    assert CATEGORIES == ("danger", "exploitation", "assault", "self_harm", "medical")
    assert {rule.split(".")[0] for rule in safety.rule_ids()} == set(CATEGORIES)
    signal = CrisisSignal("danger", E, "en", "danger.held")
    with pytest.raises(dataclasses.FrozenInstanceError):
        signal.rule = "x"  # type: ignore[misc]


def test_non_string_input_is_ignored() -> None:
    assert detect(None) is None  # type: ignore[arg-type]
