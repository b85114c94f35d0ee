"""Is this message Spanish? Enough to answer a crisis in the youth's own language."""
from __future__ import annotations

import re
import unicodedata

_SPANISH_WORDS = frozenset(
    "ayuda ayudame ayudenme auxilio quiero morir matarme me mi mis no estoy esta tengo miedo por favor "
    "dejan deja salir obligan obliga hombres hacer dano pega pegan golpea violaron violo encerrada encerrado "
    "donde que como para con sin una uno soy eres novio novia amiga amigo hermana mama papa casa calle "
    "necesito dormir comida noche hoy ahora tambien pero porque cuando ella el ellos van voy vida "
    "suicidarme suicidio cortarme lastimarme sobredosis respira sangre sangrando hola gracias".split()
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def is_spanish(text: str) -> bool:
    """True when most words are common Spanish words (or the text has Spanish-only marks)."""
    if any(ch in text for ch in "ñ¿¡"):
        return True
    words = re.findall(r"[a-z]+", _fold(text))
    if not words:
        return False
    hits = sum(word in _SPANISH_WORDS for word in words)
    english_overlap = sum(word in {"no", "me", "el", "a"} for word in words)
    return hits - english_overlap >= 1 and hits / len(words) >= 0.5


def in_their_language(response: str, text: str) -> str:
    """The Spanish variant of a response (``<name>_es``) when the message was Spanish."""
    return f"{response}_es" if is_spanish(text) else response
