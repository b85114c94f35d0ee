"""Free-text redaction: strip identifying details before anything is stored or logged.

Why this shape: youth write lowercase SMS text full of typos, so a pretrained NER
model (none can be downloaded here anyway) would miss most of it. Instead:

* character-level shapes (phone numbers, emails, URLs, ``@handles``, dates of birth,
  PO boxes) are regular expressions over the raw text;
* cue-driven details (names after "my name is", handles after "my snap is", "i live
  on ...") are found with a spaCy ``PhraseMatcher`` over a ``spacy.blank("en")``
  tokenizer, whose callbacks decide whether a value follows and how far it runs;
  street addresses are read token by token from each house number (number, street
  words, a suffix such as st/ave/rd, then an optional "apt 4").

Names need evidence: after "my name is" any word that is not a non-answer; after
"call me" a capitalised or non-dictionary word; after "i'm" / "this is" / "soy" only a
capitalised word that is not a feeling or identity ("im scared", "I'm Hispanic" stay).
An English word list from spacy-lookups-data answers "is this an ordinary word?".

Coarse place (city, county, ZIP) is deliberately kept: the service directory needs it.
Crisis service numbers (911, 988, 211, short codes, toll-free hotlines) are kept so
the stored text stays readable. Every span is an offset into the ORIGINAL text; the
spaCy objects are built once per process (lazy, thread-safe singleton).
"""
from __future__ import annotations

import re
from functools import lru_cache
import threading
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["KINDS", "Span", "Redacted", "redact", "redact_text", "redact_value"]

KINDS = ("phone", "email", "address", "handle", "url", "name", "dob")
_PRIORITY = {kind: rank for rank, kind in enumerate(("email", "url", "phone", "address", "dob", "handle", "name"))}


@dataclass(frozen=True)
class Span:
    """One redacted region: ``text[start:end]`` of the original text was a ``kind``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Redacted:
    """The redacted text and the spans (into the original text) that were replaced."""

    text: str
    spans: tuple[Span, ...]


# ----------------------------------------------------------------------------------------
# Word lists (lowercase).  Kept short and explicit so a reviewer can see every choice.
# ----------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[(?:%s)\]" % "|".join(KINDS))

# Words that follow "i'm" / "this is" / "soy" but are not names: feelings, states,
# identities, replies, days and months, platforms, the bot itself.
_NOT_NAMES = frozenset(
    """
    ok okay k kk fine good great alright allright aight bored sad mad angry scared afraid
    terrified nervous worried anxious tired sleepy sick hurt hurting hungry thirsty cold
    hot lost stuck done over alone lonely homeless pregnant broke safe unsafe ready sorry
    sure confused lonely depressed stressed upset crying shaking freaking dying dead high
    drunk sober clean late early new here there home back out away free busy happy glad
    excited cool chill bad worse better best good okey fr ngl tbh lol lmao omg idk bruh
    bro sis girl boy dude man woman kid child teen minor adult student gay lesbian bi
    trans queer straight nonbinary latina latino latinx hispanic mexican black white asian
    native hmong somali puerto rican american christian catholic muslim jewish
    monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight
    yesterday january february march april may june july august september october
    november december christmas easter thanksgiving halloween
    snapchat snap instagram insta ig tiktok facebook fb kik discord telegram twitter
    whatsapp youtube google harbor bot ai robot god jesus lord hell heaven
    not just so very really still only also gonna wanna trying about going being
    hard crazy weird wrong right real serious stupid dumb annoying messed scary
    wisconsin milwaukee mke racine kenosha waukesha appleton oshkosh janesville sheboygan
    wausau beloit usa america english spanish
    hola hello hi hey yo gracias thanks thank thx ty please pls plz help ayuda btw idc
    ikr imo smh wyd hbu wbu lmk nvm jk ig
    mexicana mexicano latina latino hispana hispano sola solo triste cansada cansado
    perdida perdido asustada asustado embarazada nueva nuevo menor estudiante
    """.split()
)

# Values after "my snap is" / "ig:" that describe the account rather than name it.
_NOT_HANDLES = frozenset(
    """
    private public blocked hacked deleted gone down dead banned locked new old fake real
    account acc page profile bio story stories streak streaks live dm dms message messages
    msg msgs chat chats pic pics picture pictures photo photos vid vids video videos
    post posts followers follower following link links name username user handle id
    lol lmao omg idk tbh ngl fr bruh bro sis pls plz please rn asap ok okay yes no yeah
    yea ya nah nope k kk me u you ur him her them it that this what where who
    snapchat snap instagram insta ig tiktok facebook fb kik discord telegram twitter
    whatsapp youtube sc tt yt app apps
    """.split()
)

# Little words between a cue and its value: "my name is: X", "snap - x", "ig name is x".
# Texting words that are not in the English word list but are never names ("im finna go").
_SLANG = frozenset({
    "finna", "tryna", "boutta", "bout", "gonna", "gotta", "wanna", "deadass", "lowkey", "highkey", "ngl",
    "tbh", "idk", "idc", "omw", "otw", "rn", "cuz", "bruh", "fr", "frfr", "sus", "smh", "lol", "lmao", "ight",
    "aight", "prolly", "abt", "ok", "okay", "kk", "nvm", "pls", "plz", "hlp", "srsly", "ur", "u", "ya", "yea",
    "yeah", "nah", "naw", "yall", "ima", "imma", "dont", "cant", "wont", "aint", "tho", "thru", "asf", "af",
    "stuck", "homeless", "pregnant", "preggo", "trans", "gay", "bi", "lgbtq", "queer", "nonbinary", "enby",
    "kms", "unalive", "sewerslide", "ctb", "oding", "od", "hungy", "scard", "scarred", "tired", "alone",
})
_TITLES = ("mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sr.", "sra.", "srta.", "officer", "detective",
           "deputy", "sgt", "sgt.", "sergeant", "coach", "pastor", "miss", "judge", "agent")
_NAME_LINKERS = frozenset({"is", "'s", "’s", "s", ":", "=", "-", "was", "es", "like"})
_HANDLE_LINKERS = frozenset(
    "is es name username user handle id tag : = - me at its it's on en".split()
)

# What can follow "my name is" without being a name.
_NOT_A_NAME_ANSWER = frozenset(
    """
    not none nothing private secret unknown anonymous confidential important a an the on in
    out everywhere being getting still also so too like kinda literally spelled pronounced
    """.split()
)

_PLATFORMS = (
    "snap snapchat sc ig insta instagram tiktok tik-tok kik discord telegram twitter fb facebook "
    "threads twitch yt youtube roblox venmo cashapp psn xbox gamertag reddit bereal wechat"
).split()
_TWO_WORD_PLATFORMS = (("tik", "tok"), ("snap", "chat"), ("cash", "app"), ("face", "book"))
# Bare "<platform> <value>" needs a handle-looking value; only for platforms people say that way.
_BARE_PLATFORMS = frozenset("snap snapchat sc ig insta instagram tiktok kik discord telegram twitter roblox".split())

_RELATIONS = (
    "friend friends bff bestie bestfriend sister sis brother bro cousin mom mother mama dad father "
    "papa stepdad stepmom aunt auntie uncle grandma grandpa grandmother grandfather niece nephew "
    "daughter son bf gf boyfriend girlfriend roommate neighbor neighbour boss manager pimp "
    "amiga amigo hermana hermano prima primo novio novia tia tio mama papa"
).split()

_STREET_SUFFIXES = frozenset(
    """
    st st. str street ave ave. av av. avenue rd rd. road blvd blvd. boulevard dr dr. drive
    ln ln. lane ct ct. court way pl pl. place pkwy pkwy. parkway hwy hwy. highway cir cir.
    circle ter ter. terrace trl trl. trail sq square loop aly alley plz plaza row run
    crossing xing pass path point pt pike tpke turnpike expy expressway fwy freeway
    """.split()
)
# Suffixes that are also everyday words ("20 min drive", "court date"): need more evidence.
_AMBIGUOUS_SUFFIXES = frozenset(
    "drive court way place circle terrace trail square loop row run crossing pass path point".split()
)
_DIRECTIONS = frozenset(
    "n n. s s. e e. w w. ne nw se sw ne. nw. se. sw. "
    "north south east west northeast northwest southeast southwest".split()
)
_UNITS = frozenset(
    """
    min mins minute minutes hr hrs hour hours sec secs second seconds day days week weeks
    month months yr yrs year years mile miles mi block blocks dollar dollars buck bucks
    time times kid kids people guys ppl percent pct foot feet ft inch inches lb lbs
    """.split()
)
_UNIT_WORDS = frozenset(
    "apt apt. apartment unit ste ste. suite lot rm rm. room fl fl. floor bldg bldg. building trlr # no. num".split()
)
_ROAD_WORDS = frozenset("hwy hwy. highway rd rd. road route rte rte. trunk cth sth".split())

# ----------------------------------------------------------------------------------------
# Character-level patterns
# ----------------------------------------------------------------------------------------

_SEP = r"\s{0,2}[.\-]?\s{0,2}"
_PHONE = re.compile(
    r"(?<![\w$+/])(?:(?:\+|00)?1" + _SEP + r")?(?:\(\s*\d{3}\s*\)|\d{3})" + _SEP + r"\d{3}" + _SEP + r"\d{4}(?![\w/])"
)
_PHONE_INTL = re.compile(r"(?<![\w$+])\+(?!1\b)\d{1,3}(?:[\s.\-]?\d){7,13}(?![\w/])")
_PHONE_GROUPS = re.compile(r"(?<![\w$+/.\-])\d{3}(?:[\s.\-]\d{1,4}){2,4}(?![\w/]|[.\-]\d)")
_PHONE_LOCAL = re.compile(r"(?<![\w$+.\-/:])[2-9]\d{2}[\-.]\d{4}(?![\w/]|[.\-]\d)")
_PHONE_CUED_LOCAL = re.compile(
    r"\b(?:number|num|cell|phone|tel|text\s+me(?:\s+at)?|call\s+me(?:\s+at)?|n[uú]mero|cel(?:ular)?)"
    r"\s*(?:is|es|:|=|#)?\s*(?P<n>[2-9]\d{6})(?!\d)",
    re.I,
)
_TOLL_FREE = frozenset({"800", "888", "877", "866", "855", "844", "833"})
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "cero": "0", "uno": "1", "dos": "2",
    "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
}
_SPOKEN_PHONE = re.compile(
    r"(?<![\w])(?:(?:%s|\d{1,4})[\s,\-]+){6,13}(?:%s|\d{1,4})(?![\w])" % (("|".join(_DIGIT_WORDS),) * 2),
    re.I,
)

_EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][\w.%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*")
_PROVIDERS = frozenset(
    "gmail yahoo hotmail outlook icloud aol live msn proton protonmail ymail mac comcast att sbcglobal "
    "charter gmx".split()
)
_EMAIL_TLDS = frozenset("com net org edu gov us io co me mx info biz".split())
_DOT_WORD = r"(?:\s*\.\s*|\s+dot\s+|\s*[(\[{]dot[)\]}]\s*|\s+punto\s+)"
_LOCAL_DOT = r"(?:\.|\s+dot\s+|\s*[(\[{]dot[)\]}]\s*|\s+punto\s+)"  # no spaces round a bare "."
_SPELLED_EMAIL = re.compile(
    r"(?<![\w.])(?P<local>[a-z0-9][\w+\-]*(?:" + _LOCAL_DOT + r"[a-z0-9][\w+\-]*){0,3})"
    r"(?:\s*@\s*|\s+at\s+|\s*[(\[{]at[)\]}]\s*|\s+arroba\s+)"
    r"(?P<domain>[a-z0-9][a-z0-9\-]*(?:" + _DOT_WORD + r"[a-z0-9][a-z0-9\-]*){0,3})(?![\w])",
    re.I,
)
_LOCAL_STOP = frozenset("i im me we he she they you u it is was be am are at meet here there us him her them".split())

_STRONG_TLDS = "com|net|org|edu|gov|io|co|xyz|app|info|biz|tv|mx|online|site|store|shop|dev"
_WEAK_TLDS = "[a-z]{2,6}"  # any other top-level domain counts once a path follows: "linktr.ee/x", "t.me/x"
_URL_SCHEME = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"']+", re.I)
_URL_BARE = re.compile(
    r"(?<![@\w.\-])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:(?:%s)(?:/[^\s<>\"']*)?|(?:%s)/[^\s<>\"']+)(?![\w@])"
    % (_STRONG_TLDS, _WEAK_TLDS),
    re.I,
)
_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z_][\w.]{0,29}[\w]|(?<![\w@.])@[A-Za-z_]\b")
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][\w]{1,19}\b")
_HANDLE_VALUE = re.compile(r"@?[A-Za-z0-9_](?:[\w.]*[\w])?(?:#\d{4})?")
_HOUSE_NUMBER = re.compile(r"^(?:\d{1,6}[A-Za-z]?|[NSEWnsew]\d{2,6})$")
_STREET_WORD = re.compile(r"^(?:[A-Za-z][A-Za-z'’.\-]*|\d{1,3}(?:st|nd|rd|th))$")
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_ANY_DIGIT = re.compile(r"\d")
_ROAD_DESIGNATOR = re.compile(r"^(?:[A-Z]{1,3}|\d{1,3}[A-Za-z]?)$")
_PO_BOX = re.compile(r"\b(?:p\.?\s?o\.?|post\s+office)\s*box\s*#?\s*\d+\b", re.I)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre|diciembre)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE = "(?:" + "|".join(
    (
        r"\d{1,2}\s?/\s?\d{1,2}(?:\s?/\s?(?:\d{4}|\d{2}))?",  # 3/4, 3/4/09, 3/4/2009
        r"\d{1,2}\s?[.\-]\s?\d{1,2}\s?[.\-]\s?(?:\d{4}|\d{2})",  # 03-04-2009, 3.4.09
        _YEAR + r"\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{1,2}",  # 2009-03-04
        _MONTH + r"\s+" + _DAY + r"(?:\s*,?\s*(?:" + _YEAR + r"|'\d{2}))?",  # march 4th, 2009
        _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s*,?\s*" + _YEAR + r")?",  # 4th of march 2009
        _MONTH + r"\s*,?\s*" + _YEAR,  # march 2009
        _DAY + r"\s+de\s+" + _MES + r"(?:\s+(?:de|del)\s+" + _YEAR + r")?",  # 4 de marzo de 2009
        _MES + r"\s+" + _DAY + r"(?:\s*,?\s*" + _YEAR + r")?",  # marzo 4
    )
) + ")"
_BIRTH_CUE = (
    r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s?date|birth\s?day|b-?day|born|"
    r"cumplea(?:ñ|n)os|cumple|fecha\s+de\s+nacimiento|nac[ií])"
)
_DOB_AFTER_CUE = re.compile(
    r"\b" + _BIRTH_CUE
    + r"(?:\s*[:=,\-]|\s+(?:is|was|on|in|el|es|fue|its|it'?s|the|de|of|date))*\s*"
    + r"(?P<date>" + _DATE + r")(?![\w/])",
    re.I,
)
_DOB_BEFORE_CUE = re.compile(
    r"(?<![\w/])(?P<date>" + _DATE + r")\s*(?:is|was|=|-|:|es)?\s*(?:my|his|her|mi|su)?\s*"
    r"(?:birthday|bday|b-day|dob|birth\s?date|cumplea(?:ñ|n)os|cumple)\b",
    re.I,
)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_toll_free(digits: str) -> bool:
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return len(digits) == 10 and digits[:3] in _TOLL_FREE


def _trim_url(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,!?;:)]}'\"":
        end -= 1
    return start, end


# ----------------------------------------------------------------------------------------
# The engine: spaCy objects and vocabularies, built once
# ----------------------------------------------------------------------------------------


class _Engine:
    """Tokenizer, cue-phrase matcher and word lists; ``find`` returns raw candidate spans.

    Cue phrases go through a ``PhraseMatcher`` on lower-case text (a hash look-up per
    token: the token-pattern ``Matcher`` with ``IN`` sets was ~10x slower here). The
    callbacks then decide, token by token, whether and how far a value follows.
    """

    def __init__(self) -> None:
        import spacy
        from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
        from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("en")
        self.stop = frozenset(EN_STOP) | frozenset(ES_STOP) | {"m", "'m", "’m", "s", "'s", "nt"}
        self.vocab, self.describing = _load_english_words()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._handlers: dict[str, Callable[[Any, int, int], list[Span]]] = {}
        self._add_name_cues()
        self._add_handle_cues()
        self._add_address_cues()

    # -- registration ---------------------------------------------------------------------
    def _add(self, key: str, phrases: list[str], handler: Callable[[Any, int, int], list[Span]]) -> None:
        """Register cue phrases both as the tokenizer splits them and as single tokens.

        "im", "Mr." or "IM" may come out of the tokenizer as one token or two, depending
        on case and punctuation, so each phrase is added in both shapes.
        """
        from spacy.tokens import Doc

        docs = {}
        for phrase in sorted(set(phrases)):
            tokenized = self.nlp.make_doc(phrase)
            docs[tuple(t.text for t in tokenized)] = tokenized
            words = phrase.split()
            docs.setdefault(tuple(words), Doc(self.nlp.vocab, words=words))
        self.matcher.add(key, list(docs.values()))
        self._handlers[key] = handler

    # -- names ----------------------------------------------------------------------------
    def _add_name_cues(self) -> None:
        poss = ["my", "his", "her", "their", "ur", "your", "our"]
        strong = [f"{p} {n}" for p in poss for n in ("name", "names", "nickname", "nick", "real name", "full name")]
        strong += ["name's", "name’s", "name:", "name =", "me llamo", "mi nombre", "su nombre"]
        strong += [f"{r}{s} name" for r in _RELATIONS for s in ("'s", "’s", "s")]  # "my sister's name is luz"
        medium = [f"{c} {o}" for c in ("call", "calls", "called") for o in ("me", "him", "her")]
        medium += ["go by", "goes by", "named", "is called", "was called", "calls himself", "calls herself",
                   "its me", "it's me", "it’s me", "me dicen", "llamame", "llámame", "se llama"]
        weak = ["i'm", "i’m", "im", "i m", "i am", "iam", "this is", "this's", "soy"]
        weak += [f"{p} {r}" for p in ("my", "his", "her", "mi", "su", "our") for r in _RELATIONS]
        weak += ["best friend", "girl friend", "boy friend"]
        titles = list(_TITLES)
        self._add("NAME_STRONG", strong, lambda doc, s, e: self._name_after(doc, e, "strong"))
        self._add("NAME_MEDIUM", medium, lambda doc, s, e: self._name_after(doc, e, "medium"))
        self._add("NAME_WEAK", weak, lambda doc, s, e: self._name_after(doc, e, "weak"))
        self._add("NAME_TITLE", titles, self._name_after_title)
        # A capitalised word after these is a person far more often than anything else in
        # youth texts ("talk to Marcus", "thanks Tasha", "ask for Ms Lee"): capitalised only.
        context = ["talk to", "talked to", "talking to", "ask for", "asked for", "thanks", "thank you", "thx",
                   "ty", "love", "with", "from", "told", "tell", "texted", "text", "met", "meet", "stay with",
                   "staying with", "living with", "live with", "lives with", "i'm with", "im with", "hola", "hi",
                   "hey", "hello", "bye", "- ", "--", "con", "de parte de"]
        self._add("NAME_CONTEXT", context, lambda doc, s, e: self._name_after(doc, e, "context"))
        self._add("NAME_GREETING", ["its", "it's", "it’s", "this", "name"], self._name_after_greeting)

    def _name_after_greeting(self, doc: Any, start: int, end: int) -> list[Span]:
        """"hey its Jess": only when nothing but a greeting comes before."""
        before = [t.lower_ for t in doc[:start] if not t.is_punct]
        if all(w in {"hi", "hii", "hey", "heyy", "hello", "yo", "hola", "sup"} for w in before):
            return self._name_after(doc, end, "weak")
        return []

    def _name_after_title(self, doc: Any, start: int, end: int) -> list[Span]:
        """"Mr Smith", "officer Diaz": a capital on the title or on the name after it."""
        if not doc[start].text[:1].isupper() and not (end < len(doc) and self._capitalised(doc[end].text)):
            return []
        return self._name_after(doc, end, "weak")

    @staticmethod
    def _capitalised(text: str) -> bool:
        return text[:1].isupper() and not (len(text) > 1 and text.isupper())

    @staticmethod
    def _name_word(tok: Any) -> bool:
        text = tok.text
        return len(text) >= 2 and text[0].isalpha() and all(c.isalpha() or c in "'’" for c in text)

    def _not_name(self, low: str) -> bool:
        return low in self.stop or low in _NOT_NAMES or low in _STREET_SUFFIXES or low in _SLANG

    @staticmethod
    @lru_cache(maxsize=4096)
    def _is_place(low: str) -> bool:
        """City and county names stay: the directory needs them ("this is racine")."""
        from bot.geo import get_gazetteer

        return get_gazetteer().resolve(low, fuzzy=False) is not None

    def _name_after(self, doc: Any, i: int, mode: str) -> list[Span]:
        """Take the name starting at token ``i`` (after linkers like "is", ":") if it looks like one.

        strong ("my name is"): any case, unless a stop word or listed non-name;
        medium ("call me"): capitalised, or lower-case but not an English word;
        weak ("i'm", "this is", "soy", "my friend"): capitalised only.
        """
        while i < len(doc) and (doc[i].is_space or doc[i].lower_ in _NAME_LINKERS):
            i += 1
        if i >= len(doc) or not self._name_word(doc[i]):
            return []
        first = doc[i]
        low = first.lower_
        shouty = _shouty(doc)
        cap = self._capitalised(first.text) or (shouty and first.text[:1].isupper())
        if mode == "strong":
            # After "my name is" even April, May or Will is a name; only non-answers are not.
            if low in _NOT_A_NAME_ANSWER or (not cap and low in self.stop):
                return []
            if not cap and low in self.describing and low.endswith(("ing", "ed")):
                return []  # "my name is ruined"
        elif self._not_name(low):
            return []
        if mode == "weak" and cap and low in self.describing and low.endswith(("ing", "ed", "ly")):
            return []  # "I'm Leaving", "I'm Terrified" typed with a capital
        if mode == "weak" and not cap and (low in self.vocab or len(low) < 3 or self._is_place(low)):
            return []  # lower case after "im" / "this is": a name only if not an English word or place
        if mode == "medium" and not cap and self._is_place(low):
            return []
        if mode == "context" and (not cap or low in self.vocab or self._is_place(low) or first.i == 0):
            return []
        if mode == "medium" and not cap and low in self.vocab:
            return []
        if shouty and mode != "strong" and low in self.vocab:
            return []
        end = i + 1
        while end < len(doc) and end - i < 3:
            tok = doc[end]
            if (tok.text in {"-", "'"} and not doc[end - 1].whitespace_ and not tok.whitespace_
                    and end + 1 < len(doc) and self._name_word(doc[end + 1])):
                end += 2  # Mary-Jane
                continue
            if cap and len(tok.text) == 1 and tok.text.isupper() and tok.text != "I":
                end += 1  # an initial: "Big T", "Jessica M"
                continue
            if not self._name_word(tok) or self._not_name(tok.lower_):
                break
            if cap and self._capitalised(tok.text) and (not shouty or tok.lower_ not in self.vocab):
                end += 1
            elif (mode == "strong" and tok.text.islower() and tok.lower_ not in self.describing
                    and tok.lower_ not in _NOT_HANDLES):
                end += 1  # "maria lopez", "jessica smith"
            else:
                break
        return [Span(first.idx, doc[end - 1].idx + len(doc[end - 1].text), "name")]

    # -- handles --------------------------------------------------------------------------
    def _add_handle_cues(self) -> None:
        platforms = _PLATFORMS + [f"{a} {b}" for a, b in _TWO_WORD_PLATFORMS]
        poss = ["my", "his", "her", "their", "ur", "your", "mi", "su"]
        strong = [f"{p} {pl}" for p in poss for pl in platforms]
        seps = (":", " :", " =", " -", " name", " username", " handle", " user", " id")
        strong += [f"{pl}{sep}" for pl in platforms for sep in seps]
        strong += ["username", "user name", "gamertag", "usuario"]
        strong += [f"{v} {o}on {pl}" for v in ("add", "follow", "hmu", "dm", "message", "msg", "text", "find", "hit")
                   for o in ("", "me ", "up ") for pl in platforms]
        bare = sorted(_BARE_PLATFORMS) + ["tik tok", "snap chat"]
        reverse = [f"{w} {pl}" for w in ("on", "at", "in") for pl in platforms]
        email = [f"{p} {e}" for p in poss for e in ("email", "e-mail", "gmail", "correo", "mail")]
        email += ["email:", "e-mail:", "correo:", "email is", "correo es"]
        self._add("HANDLE_STRONG", strong, lambda doc, s, e: self._handle_after(doc, e, strong=True))
        self._add("HANDLE_BARE", bare, lambda doc, s, e: self._handle_after(doc, e, strong=False))
        self._add("HANDLE_REVERSE", reverse, self._handle_reverse)
        self._add("EMAIL_CUE", email, lambda doc, s, e: self._handle_after(doc, e, strong=False, kind="email"))

    def _handle_value_ok(self, value: str, strong: bool) -> bool:
        if value.startswith("@"):
            return True
        low = value.lower()
        if len(low) < 2 or low in self.stop or low in _NOT_HANDLES or (not strong and low in _NOT_NAMES):
            return False
        if low.isdigit():
            return strong and len(low) >= 4
        if any(c.isdigit() or c in "_." for c in low):
            return True
        return low not in self.describing if strong else low not in self.vocab

    def _handle_after(self, doc: Any, i: int, strong: bool, kind: str = "handle") -> list[Span]:
        while i < len(doc) and (doc[i].is_space or doc[i].lower_ in _HANDLE_LINKERS):
            i += 1
        if i >= len(doc):
            return []
        m = _HANDLE_VALUE.match(doc.text, doc[i].idx)
        if not m or not self._handle_value_ok(m.group(), strong):
            return []
        return [Span(m.start(), m.end(), kind)]

    def _handle_reverse(self, doc: Any, start: int, end: int) -> list[Span]:
        """"add jessxo on snap", "im lil.jess on ig": a handle-looking word before "on <platform>"."""
        if start < 2:
            return []
        verbs = {"add", "follow", "find", "hmu", "dm", "message", "im", "i'm", "am", "msg"}
        value = doc[start - 1]
        before = doc[start - 2].lower_
        if before == "me" and start >= 3:
            before = doc[start - 3].lower_
        if before not in verbs and not (before in {"m", "'m"} and start >= 3 and doc[start - 3].lower_ == "i"):
            return []
        m = _HANDLE_VALUE.match(doc.text, value.idx)
        if m and m.end() <= value.idx + len(value.text) and self._handle_value_ok(m.group(), strong=False):
            return [Span(m.start(), m.end(), "handle")]
        return []

    # -- addresses ------------------------------------------------------------------------
    def _add_address_cues(self) -> None:
        live = [f"{v} {p}" for v in ("live", "lives", "living", "stay", "stays", "staying", "vivo", "vive")
                for p in ("on", "off", "at", "en")]
        units = ["apt", "apt.", "apartment", "unit", "ste", "ste.", "suite"]
        words = ("address", "addy", "addr", "direccion", "dirección", "domicilio")
        cue = [f"{p} {a}" for p in ("my", "his", "her", "the", "mi", "su") for a in words]
        cue += ["address:", "addy:", "direccion:", "dirección:"]
        self._add("ADDRESS_LIVE", live, self._address_live)
        self._add("ADDRESS_UNIT", units, self._unit_only)
        self._add("ADDRESS_CUE", cue, self._address_cue)

    def _street_end(self, doc: Any, i: int, house_number: bool) -> int | None:
        """Token index just past "[dir] <1-4 street words> <suffix> [dir]" starting at ``i``, if any."""
        j = i
        has_dir = j < len(doc) and doc[j].lower_ in _DIRECTIONS
        if has_dir:
            j += 1
        words: list[Any] = []
        best: int | None = None
        while j < len(doc) and len(words) <= 4:
            tok = doc[j]
            low = tok.lower_
            if words and low in _STREET_SUFFIXES:
                best = j + 1  # keep going: "Martin Luther King Dr" vs "Park Place Ct"
            if not (_STREET_WORD.match(tok.text) and low not in self.stop and low not in _UNITS):
                break
            words.append(tok)
            j += 1
        if best is None:
            if house_number and has_dir and words and _ORDINAL.match(words[0].text):
                return i + 2  # "2345 n 35th"
            return None
        suffix = doc[best - 1].lower_
        if suffix in _AMBIGUOUS_SUFFIXES and not self._ambiguous_ok(doc, i, best, has_dir):
            return None
        street = [t for t in doc[i:best - 1] if t.lower_ not in _DIRECTIONS]
        if (house_number and len(doc[i - 1].text) == 1 and not has_dir
                and all(t.text.islower() and t.lower_ in self.vocab for t in street)):
            return None  # "a 2 way street", not "2 Oak St"
        if best < len(doc) and doc[best].lower_ in _DIRECTIONS and doc[best].lower_ not in {"e", "s"}:
            best += 1
        elif suffix in _ROAD_WORDS and best < len(doc) and _ROAD_DESIGNATOR.match(doc[best].text):
            best += 1  # "County Rd K", "State Rd 59"
        return best

    def _ambiguous_ok(self, doc: Any, i: int, end: int, has_dir: bool) -> bool:
        """"20 min drive" / "kids court" are not streets; "1234 Oak Ct"-style evidence needed."""
        number = doc[i - 1].text if i > 0 else ""
        words = [t for t in doc[i:end - 1] if t.lower_ not in _DIRECTIONS]
        proper = any(t.text[:1].isupper() or t.text[:1].isdigit() for t in words)
        unknown = all(t.lower_ not in self.vocab for t in words)
        return (len(number) >= 3 or has_dir) and (proper or unknown or len(number) >= 3)

    def _streets(self, doc: Any) -> list[Span]:
        """House number + street, "N4567 County Rd K", "1234 Hwy 41", with a following unit."""
        spans: list[Span] = []
        for tok in doc:
            if not _HOUSE_NUMBER.match(tok.text):
                continue
            i = tok.i + 1
            end = self._street_end(doc, i, house_number=True)
            if end is None:
                end = self._road_end(doc, i)
            if end is not None:
                end = self._with_unit(doc, end)
                spans.append(Span(tok.idx, doc[end - 1].idx + len(doc[end - 1].text), "address"))
        return spans

    def _road_end(self, doc: Any, i: int) -> int | None:
        j = i
        if j < len(doc) and doc[j].lower_ in _DIRECTIONS:
            j += 1
        if j < len(doc) and doc[j].lower_ in {"county", "state", "us", "cty", "co"}:
            j += 1
        if j + 1 < len(doc) and doc[j].lower_ in _ROAD_WORDS and re.fullmatch(r"[A-Za-z0-9]{1,4}", doc[j + 1].text):
            if doc[j + 1].lower_ not in self.stop:
                return j + 2
        return None

    def _with_unit(self, doc: Any, end: int) -> int:
        """Extend past ", apt 4" / "#4" / "unit 2b" following a street."""
        j = end
        while j < len(doc) and j - end < 2 and doc[j].text in {",", "."}:
            j += 1
        if j < len(doc) and doc[j].lower_ in _UNIT_WORDS:
            k = j + 1
            while k < len(doc) and k - j < 3 and doc[k].text in {"#", "."}:
                k += 1
            if k < len(doc) and re.fullmatch(r"#?\d{1,5}[A-Za-z]?|[A-Za-z]", doc[k].text):
                return k + 1
        if j < len(doc) and re.fullmatch(r"(?:apt|#)\d{1,5}[A-Za-z]?", doc[j].lower_):
            return j + 1
        return end

    def _address_live(self, doc: Any, start: int, end: int) -> list[Span]:
        """"i live on Oak St": a street without a house number, after a living cue."""
        stop = self._street_end(doc, end, house_number=False)
        if stop is None or stop - end < 2:
            return []
        stop = self._with_unit(doc, stop)
        return [Span(doc[end].idx, doc[stop - 1].idx + len(doc[stop - 1].text), "address")]

    def _unit_only(self, doc: Any, start: int, end: int) -> list[Span]:
        j = end
        while j < len(doc) and j - end < 2 and doc[j].text in {"#", "."}:
            j += 1
        if j < len(doc) and re.fullmatch(r"#?\d{1,5}[A-Za-z]?", doc[j].text):
            return [Span(doc[start].idx, doc[j].idx + len(doc[j].text), "address")]
        return []

    def _address_cue(self, doc: Any, start: int, end: int) -> list[Span]:
        """"my address is 1234 oak": everything up to punctuation, a stop word or a ZIP code."""
        i = end
        while i < len(doc) and doc[i].lower_ in {"is", "es", ":", "=", "-"}:
            i += 1
        if i >= len(doc) or not _HOUSE_NUMBER.match(doc[i].text):
            return []
        j = i + 1
        while j < len(doc) and j - i < 6:
            tok = doc[j]
            if (tok.is_punct and tok.text != "#") or (tok.lower_ in self.stop and tok.lower_ not in _DIRECTIONS):
                break
            if re.fullmatch(r"\d{5}", tok.text):  # a ZIP code stays
                break
            j += 1
        j = self._with_unit(doc, j)
        return [Span(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), "address")]

    # -- everything -----------------------------------------------------------------------
    def find(self, text: str) -> list[Span]:
        found = _regex_spans(text)
        doc = self.nlp.make_doc(text)
        for match_id, start, end in self.matcher(doc):
            found += self._handlers[self.nlp.vocab.strings[match_id]](doc, start, end)
        if _ANY_DIGIT.search(text):
            found += self._streets(doc)
        found += self._signed_at_start(doc)
        return found

    def _signed_at_start(self, doc: Any) -> list[Span]:
        """"Tasha here", "jessica here, need help": a name introducing the message."""
        if len(doc) < 2 or doc[1].lower_ != "here" or not self._name_word(doc[0]):
            return []
        low = doc[0].lower_
        if self._not_name(low) or self._is_place(low) or (not self._capitalised(doc[0].text) and low in self.vocab):
            return []
        return [Span(doc[0].idx, doc[0].idx + len(doc[0].text), "name")]


def _shouty(doc: Any) -> bool:
    """Title-Case Or ALL CAPS typing makes capitals meaningless as a name signal."""
    words = [t.text for t in doc if t.is_alpha]
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper / len(words) >= 0.6


def _load_english_words() -> tuple[frozenset[str], frozenset[str]]:
    """English word forms from spacy-lookups-data: (every form, adjective/adverb/verb forms).

    Used only to ask "is this an ordinary word?" (then it is not a handle or a name).
    """
    try:
        import gzip
        import json
        from pathlib import Path

        import spacy_lookups_data

        folder = Path(spacy_lookups_data.__file__).parent / "data"
        with gzip.open(folder / "en_lemma_lookup.json.gz", "rt", encoding="utf8") as fh:
            lookup: dict[str, str] = json.load(fh)
        with gzip.open(folder / "en_lemma_index.json.gz", "rt", encoding="utf8") as fh:
            index: dict[str, list[str]] = json.load(fh)
    except Exception:  # lookups data missing: the cue words and lists above still work
        return frozenset(), frozenset()
    describing = set(index.get("adj", [])) | set(index.get("adv", [])) | set(index.get("verb", []))
    describing |= {form for form, lemma in lookup.items() if lemma in describing}
    every = set(lookup) | set(lookup.values()) | describing | set(index.get("noun", []))
    return frozenset(w.lower() for w in every), frozenset(w.lower() for w in describing)


_SEVEN_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")
_SPOKEN_HINT = re.compile(r"\b(?:%s)\b" % "|".join(_DIGIT_WORDS), re.I)
_SPELLED_AT = re.compile(r"\bat\b|@|\barroba\b", re.I)
_SPELLED_DOMAIN = re.compile(r"\bdot\b|\bpunto\b|\w\.\w|%s" % "|".join(sorted(_PROVIDERS)), re.I)
_BIRTH_HINT = re.compile(r"d\.?\s?o\.?\s?b|birth|b-?\s?day|born|cumple|nac[ií]", re.I)


def _regex_spans(text: str) -> list[Span]:
    """Shape-based finds over the raw text; cheap hints skip patterns that cannot match."""
    spans: list[Span] = []
    if "@" in text:
        spans += [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
        spans += [Span(m.start(), m.end(), "handle") for m in _AT_HANDLE.finditer(text)]
    if _SPELLED_AT.search(text) and _SPELLED_DOMAIN.search(text):
        for m in _SPELLED_EMAIL.finditer(text):
            local = re.split(r"\s+|\.", m.group("local").lower())[-1]
            parts = [p for p in re.split(_DOT_WORD, m.group("domain").lower()) if p]
            if local in _LOCAL_STOP or not parts:
                continue
            if parts[0] in _PROVIDERS or (len(parts) > 1 and parts[-1] in _EMAIL_TLDS):
                spans.append(Span(m.start(), m.end(), "email"))
    if "." in text or "://" in text:
        for pattern in (_URL_SCHEME, _URL_BARE):
            for m in pattern.finditer(text):
                start, end = _trim_url(text, m.start(), m.end())
                if end > start:
                    spans.append(Span(start, end, "url"))
    if _SEVEN_DIGITS.search(text):
        for m in _PHONE_GROUPS.finditer(text):  # odd grouping: "608 555 01 99"
            digits = _digits(m.group())
            if (len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")) and not _is_toll_free(digits):
                spans.append(Span(m.start(), m.end(), "phone"))
        for pattern in (_PHONE, _PHONE_INTL, _PHONE_LOCAL):
            for m in pattern.finditer(text):
                if not _is_toll_free(_digits(m.group())):
                    spans.append(Span(m.start(), m.end(), "phone"))
        spans += [Span(m.start("n"), m.end("n"), "phone") for m in _PHONE_CUED_LOCAL.finditer(text)]
    if len(_SPOKEN_HINT.findall(text)) >= 2:
        for m in _SPOKEN_PHONE.finditer(text):
            parts = re.split(r"[\s,\-]+", m.group().lower())
            digits = "".join(_DIGIT_WORDS.get(p, p) for p in parts)
            spoken = sum(1 for p in parts if p in _DIGIT_WORDS)
            full = len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")
            if spoken >= 2 and full and not _is_toll_free(digits):
                spans.append(Span(m.start(), m.end(), "phone"))
    if "$" in text:
        spans += [Span(m.start(), m.end(), "handle") for m in _CASHTAG.finditer(text)]
    if "box" in text.lower():
        spans += [Span(m.start(), m.end(), "address") for m in _PO_BOX.finditer(text)]
    if _BIRTH_HINT.search(text):
        for pattern in (_DOB_AFTER_CUE, _DOB_BEFORE_CUE):
            spans += [Span(m.start("date"), m.end("date"), "dob") for m in pattern.finditer(text)]
    return spans


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _Engine()
    return _engine


# ----------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------


def _choose(candidates: list[Span], protected: list[tuple[int, int]]) -> list[Span]:
    """Longest span first (ties by kind priority), no overlaps, never inside a placeholder."""
    chosen: list[Span] = []
    taken = list(protected)
    for span in sorted(candidates, key=lambda s: (-(s.end - s.start), _PRIORITY[s.kind], s.start)):
        if span.end <= span.start or any(span.start < e and s < span.end for s, e in taken):
            continue
        chosen.append(span)
        taken.append((span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def redact(text: str) -> Redacted:
    """Replace identifying details with ``[kind]``; spans are offsets into ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str, not {type(text).__name__}")
    if not text.strip():
        return Redacted(text, ())
    protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    spans = _choose(_get_engine().find(text), protected)
    out: list[str] = []
    last = 0
    for span in spans:
        out.append(text[last:span.start])
        out.append(f"[{span.kind}]")
        last = span.end
    out.append(text[last:])
    return Redacted("".join(out), tuple(spans))


def redact_text(text: str) -> str:
    """The redacted text only (what gets stored or logged)."""
    return redact(text).text


def redact_value(value: Any) -> Any:
    """Redact every string inside nested dicts/lists/tuples (e.g. a Rasa event); keys and non-strings stay."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    if isinstance(value, tuple):
        return tuple(redact_value(item) for item in value)
    return value
