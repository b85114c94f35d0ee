"""Crisis detector, layer 1: fast, explainable keyword rules (no Rasa imports).

Every message is checked here, at any point of any flow, before the dialogue
model sees it, so that danger or self-harm wording gets the emergency answer
within the same turn. Rules are spaCy token patterns over a normalised copy of
the text (lower case, no accents, SMS spellings expanded), with guards for the
idioms and staff questions that would otherwise raise false alarms.

Severity:
    "emergency" -- first person and happening now (or a medical state such as
                   "not breathing", which is an emergency whoever it is about).
    "urgent"    -- someone else, the recent past, or unclear timing.

Precedence when several rules fire (``detect`` returns one signal):
    1. severity: emergency before urgent (first person / now beats third party);
    2. category, in ``PRECEDENCE`` order: self_harm, danger, medical,
       exploitation, assault -- self-harm first because it adds its own line
       (988) on top of 911; danger next because someone is a threat right now;
       medical next (911); then exploitation (hotline) and assault (RAINN);
    3. the order of the rule table below (more specific rules first).

Privacy: nothing here logs, stores or returns the user's text; ``rule`` is a
fixed identifier such as "danger.held".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from itertools import product
from typing import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

__all__ = ["CATEGORIES", "PRECEDENCE", "CrisisSignal", "detect", "normalise", "rule_ids"]

CATEGORIES = ("danger", "exploitation", "assault", "self_harm", "medical")
PRECEDENCE = ("self_harm", "danger", "medical", "exploitation", "assault")
_SEVERITY_RANK = {"emergency": 0, "urgent": 1}


@dataclass(frozen=True)
class CrisisSignal:
    """One crisis finding; carries rule ids only, never the user's words."""

    category: str  # one of CATEGORIES
    severity: str  # "emergency" or "urgent"
    language: str  # "en" or "es"
    rule: str  # id of the rule that fired, e.g. "danger.held"


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

_PUNCT_MAP = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00bf": " ", "\u00a1": " ", "\u200d": "", "\ufe0f": "",
    }
)
_EMOJI_RE = re.compile("([\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF])")
_PUNCT_RUN_RE = re.compile(r"([!?.])\1{2,}")
_OD_PAST_RE = re.compile(r"\bo\.?d\.?(?:'d|'ed|ed)\b")
_OD_ING_RE = re.compile(r"\bo\.?d\.?'?ing\b")
_OD_DOTS_RE = re.compile(r"\bo\.d\.?(?=\s|$|[,;!?])")
_CHUNK_RE = re.compile(r"[a-z0-9]+(?:[*@/][a-z0-9]*)*")
_RUN3_RE = re.compile(r"([a-z])\1{2,}")
_RUN2_RE = re.compile(r"([a-z])\1+")
_TWO_WORD_MAP = (
    (re.compile(r"\bx favor\b"), "por favor"),
    (re.compile(r"\bsewer[ -]slid(e|ed|ing)\b"), r"sewerslid\1"),
    (re.compile(r"\bself[ -]harm"), "selfharm"),
    (re.compile(r"\b(my|her|him|them) ?(self|selves|slef)\b"), r"\1self"),  # "kill my self"
    (re.compile(r"\bwere (i|we) (am|are)\b"), r"where \1 \2"),  # "dont know were i am"
    (re.compile(r"\b(too|to) many\b"), "too many"),
    (re.compile(r"\bout side\b"), "outside"),
    (re.compile(r"\b(took|take|taken|taking|drank|had|ate|swallowed|popped) to much\b"), r"\1 too much"),
    (re.compile(r"\b(got|was|were|been|being|get|gets|getting) s\.?a\b\.?"), r"\1 sexually assaulted"),
    (re.compile(r"\bbeet (me|her|him|us)\b"), r"beat \1"),
    (re.compile(r"\b(i|we|she|he) ow (him|her|them)\b"), r"\1 owe \2"),
    (re.compile(r"\b(work|working|pay|paying) it of\b"), r"\1 it off"),
    (re.compile(r"\bfor ever\b"), "forever"),
    (re.compile(r"\b(the|not|a) are word\b"), r"\1 rword"),  # "r word" (rape), after "r" -> "are"
    # "my friends boyfriend" -> "my friend 's boyfriend", so the owner is not read as the subject
    (re.compile(r"\b(friend|sister|brother|cousin|mom|mother|dad|father|aunt|roommate|niece|daughter|"
                r"classmate|girl|homegirl)s (boyfriend|girlfriend|dad|mom|stepdad|stepmom|husband|ex|pimp|"
                r"uncle|brother|man|cousin|friend|friends|roommate|daddy)\b"), r"\1 's \2"),
)
# Coded abbreviations with an apostrophe, rewritten before words are split:
# "he sa'd me" (sexually assaulted), "i sh'd" / "sh-ing" (self-harmed / self-harming).
_PRE_MAP = (
    (re.compile(r"\bs\.?a\.?(?:'d|'ed|-ed|-d|ed)(?=\W|$)"), "sexually assaulted"),
    (re.compile(r"\bsh(?:'d|'ed|-ed|-d)(?=\W|$)"), "selfharmed"),
    (re.compile(r"\bsh(?:'ing|-ing|-in|ing)(?=\W|$)"), "selfharming"),
)
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|he|she|we|they|it|that)'d\b"), r"\1 would"),
    # "he's been gone for years": has, not is (the present-danger check reads "he is")
    (re.compile(r"\b(he|she|it|that|there|who|someone|somebody|everyone|nobody)'s been\b"), r"\1 has been"),
    (
        re.compile(r"\b(he|she|it|that|there|what|who|where|someone|somebody|everyone|nobody|here)'s\b"),
        r"\1 is",
    ),
)
# SMS spellings -> the forms the patterns are written in.  Applied per word.
_WORD_MAP: dict[str, str] = {
    "u": "you", "yu": "you", "ur": "your", "r": "are",
    "im": "i am", "iam": "i am", "ive": "i have", "ima": "i am going to", "imma": "i am going to",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
    "couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not", "aint": "is not",
    "hes": "he is", "shes": "she is", "theyre": "they are", "youre": "you are", "thats": "that is",
    "whats": "what is", "theres": "there is",
    "idk": "i do not know", "dunno": "do not know", "idek": "i do not even know",
    "plz": "please", "pls": "please", "plez": "please", "pleez": "please", "pleaz": "please",
    "pleas": "please", "plis": "please", "pliz": "please", "plx": "please", "pleeze": "please",
    "plss": "please",
    "hlp": "help", "halp": "help", "hlep": "help", "hepl": "help",
    "rn": "right now",
    "bc": "because", "bcuz": "because", "bcz": "because", "cuz": "because", "cus": "because",
    "coz": "because", "becuz": "because", "b/c": "because",
    "ppl": "people", "bf": "boyfriend", "gf": "girlfriend", "bff": "best friend",
    "bestie": "best friend", "bestfriend": "best friend", "sis": "sister",
    "gonna": "going to", "gunna": "going to", "gona": "going to", "finna": "going to",
    "boutta": "about to", "bouta": "about to",
    "wanna": "want to", "wana": "want to", "gotta": "got to", "tryna": "trying to",
    "lemme": "let me", "gimme": "give me", "hafta": "have to",
    "tonite": "tonight", "2nite": "tonight", "2night": "tonight", "2day": "today", "b4": "before",
    "ded": "dead", "sum1": "someone", "some1": "someone", "any1": "anyone", "every1": "everyone",
    "w/": "with", "w/o": "without", "smth": "something", "thru": "through", "txt": "text",
    "seggs": "sex", "secks": "sex", "s3x": "sex", "s*x": "sex",
    "graped": "raped", "graping": "raping", "r*ped": "raped", "r@ped": "raped",
    "s/h": "selfharm", "oding": "overdosing",
    "hed": "he would", "theyll": "they will", "theyd": "they would", "youll": "you will",
    "wil": "will", "wit": "with", "tht": "that", "nd": "and",
    "rapd": "raped", "rapeed": "raped", "raepd": "raped", "raiped": "raped", "raipd": "raped",
    "rapped": "rapped",
    # common slips seen in crisis texting that the one-slip table cannot reach
    "trapt": "trapped", "kno": "know", "wen": "when", "wudnt": "would not", "knw": "know", "wer": "where", "whr": "where",
    "nife": "knife", "knif": "knife", "stuf": "stuff", "stoped": "stopped", "stopt": "stopped",
    "tok": "took", "pils": "pills", "pilz": "pills", "frend": "friend", "freind": "friend",
    "frends": "friends", "freinds": "friends", "boyfreind": "boyfriend", "girlfreind": "girlfriend",
    "tuches": "touches", "tuchs": "touches", "touchs": "touches", "tuched": "touched",
    "touchd": "touched", "forsed": "forced", "forcd": "forced", "forsd": "forced",
    "trafiked": "trafficked", "traficked": "trafficked", "trafficed": "trafficked",
    "traffiked": "trafficked", "trafikked": "trafficked", "trafickd": "trafficked",
    "wnt": "want", "lfe": "life", "lyfe": "life", "breething": "breathing", "brething": "breathing",
    "overdosd": "overdosed", "odd": "odd", "dor": "door", "hav": "have", "monie": "money",
    "mony": "money", "muney": "money", "sexualy": "sexually", "sexully": "sexually", "sexuly": "sexually",
    "breathin": "breathing", "leve": "leave", "hous": "house", "beeing": "being", "slep": "sleep",
    "sleap": "sleep", "overdossed": "overdosed", "r4ped": "raped", "r4pe": "rape", "rap3d": "raped",
    "dei": "die", "mollested": "molested", "breating": "breathing", "breathig": "breathing", "moelsted": "molested",
    "bleding": "bleeding", "bleedin": "bleeding", "bledding": "bleeding",
    "suicidial": "suicidal", "sucidal": "suicidal", "suicdal": "suicidal",
    "su1cide": "suicide", "s*icide": "suicide", "suicid3": "suicide",
    # Spanish SMS
    "q": "que", "xq": "porque", "pq": "porque", "porq": "porque", "xk": "porque",
    "xfa": "por favor", "xfavor": "por favor", "porfa": "por favor", "porfis": "por favor",
    "porfavor": "por favor", "tmb": "tambien", "tb": "tambien", "dnd": "donde",
}
# Phonetic spellings seen in crisis texting (issue #5, round 3).
_WORD_MAP.update({
    "fone": "phone", "cnt": "can not", "tuk": "took", "thay": "they", "howse": "house", "leeve": "leave",
    "nowear": "nowhere", "nowere": "nowhere", "waching": "watching", "breeth": "breathe",
    "brokin": "broken", "nudez": "nudes", "preshuring": "pressuring", "presuring": "pressuring",
    "pregnent": "pregnant", "evrywere": "everywhere", "everywere": "everywhere", "overdoseing": "overdosing",
    "hart": "heart", "sik": "sick", "rly": "really", "razer": "razor", "nobdy": "nobody",
    "b": "be", "wat": "what", "disapeer": "disappear", "dissapear": "disappear", "disapear": "disappear", "sayz": "says",
    "gota": "got to", "cuzins": "cousins", "cuzin": "cousin", "usin": "using", "nothin": "nothing",
    "ambulence": "ambulance", "anymor": "anymore", "bleedn": "bleeding",
})
# Words whose doubled letters are emphasis ("helpp", "pleasee") and can be undone.
_EMPHASIS = frozenset(
    "help please plz pls hlp now ayuda ayudame ayudenme auxilio socorro scared die me sos".split()
)
_STRETCHED_URGENT = frozenset({"help", "ayuda", "ayudame", "ayudenme", "auxilio", "socorro"})


def _strip_accents(text: str) -> str:
    """Drop combining marks so "daño" matches patterns written as "dano"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fix_repeats(word: str, known: frozenset[str]) -> str:
    """Undo stretched letters ("hellllp" -> "help", "plzzzz" -> "plz", "helpp" -> "help").

    A run of 3+ letters is emphasis: shrink each run to one or two letters and
    keep the first form the rules know (else two). A doubled letter is only
    undone when that yields one of a few emphasis words, so "kill" or "sell"
    are never touched.
    """
    if _RUN3_RE.search(word) is None:
        if word in known:
            return word
        collapsed = _RUN2_RE.sub(r"\1", word)
        return collapsed if collapsed in _EMPHASIS else word
    base = _RUN3_RE.sub(r"\1\1", word)
    if base in known:
        return base
    runs = list(_RUN2_RE.finditer(base))
    if not runs or len(runs) > 4:
        return base
    for sizes in product((1, 2), repeat=len(runs)):
        parts: list[str] = []
        last = 0
        for run, size in zip(runs, sizes):
            parts.append(base[last:run.start()])
            parts.append(run.group(1) * size)
            last = run.end()
        parts.append(base[last:])
        candidate = "".join(parts)
        if candidate in known:
            return candidate
    return base


_GLUED_SUFFIXES = ("myself", "herself", "himself", "themselves", "me", "her", "him", "us", "them")
# "he'll" / "she'd" typed without the apostrophe, only before a verb they plainly introduce.
_HELL_RE = re.compile(
    r"\b(he|she)(ll|d) (kill|hurt|find|beat|shoot|stab|come|get|make|sell|take|post|send|leak|do|"
    r"choke|murder|rape|break|burn|track|hunt|drag|show|tell|never|not|be|just|really|actually)\b"
)
_BARLEY_RE = re.compile(r"\bbarley (breathing|breathe|conscious|awake|moving|responding|alive)\b")


def _repair_word(word: str, known: frozenset[str], fuzzy: dict[str, str]) -> str:
    """General spelling repair for a word the rules do not know.

    * dropped g: "beatin" -> "beating", "pimpin" -> "pimping" (when the -ing
      form is a word the rules use);
    * one-slip typos of crisis words ("kil", "traffiked", "suicidel",
      "myslef"), from a table built once from the rules' own vocabulary and
      never applied to real English or Spanish words;
    * a pronoun glued to a verb: "hurtme" -> "hurt me", "killmyself".
    """
    if word in known or len(word) < 3:
        return word
    if word.endswith("in") and word + "g" in known:
        return word + "g"
    if word.endswith("in") and word + "g" in fuzzy:
        return fuzzy[word + "g"]  # "folowin" -> "following"
    if word in fuzzy:
        return fuzzy[word]
    for suffix in _GLUED_SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            head = word[: -len(suffix)]
            head = head if head in known else fuzzy.get(head, "")
            if head and head in _GLUE_HEADS:
                return f"{head} {suffix}"
    return word


_GLUE_HEADS = frozenset(
    "kill hurt cut harm help rape raped hit hitting beat beating killing hurting choke choked sell "
    "sold selling pimp pimping touch touched touching hate found follow following leave let stab "
    "shoot punch punched slap slapped kick drag dragged locked lock trap trapped".split()
)


def normalise(text: str, known: frozenset[str] = frozenset(), fuzzy: dict[str, str] | None = None) -> str:
    """Lower-case, de-accent and de-SMS a message so one rule covers many spellings."""
    fuzzy = fuzzy or {}
    text = text.translate(_PUNCT_MAP).lower()
    text = _strip_accents(text)
    text = text.replace("\U0001f198", " sos ")  # the SOS emoji
    text = _EMOJI_RE.sub(r" \1 ", text)
    text = _PUNCT_RUN_RE.sub(r"\1\1", text)
    text = _OD_PAST_RE.sub("overdosed", text)
    text = _OD_ING_RE.sub("overdosing", text)
    text = _OD_DOTS_RE.sub("od", text)
    for pattern, repl in _PRE_MAP:
        text = pattern.sub(repl, text)

    def one_word(match: re.Match[str]) -> str:
        word = match.group(0)
        if not word.isalpha():
            return _WORD_MAP.get(word, word)
        repaired = _fix_repeats(word, known)
        fixed = _WORD_MAP.get(repaired)
        if fixed is None:
            fixed = _repair_word(repaired, known, fuzzy) if fuzzy else repaired
        if fixed in _STRETCHED_URGENT and _RUN3_RE.search(word):
            return fixed + " ! !"  # "HELLLLP" is as urgent as "help!!"
        return fixed

    text = _CHUNK_RE.sub(one_word, text)
    for pattern, repl in _TWO_WORD_MAP:
        text = pattern.sub(repl, text)
    text = _HELL_RE.sub(lambda m: f"{m.group(1)} {'will' if m.group(2) == 'll' else 'would'} {m.group(3)}", text)
    text = _BARLEY_RE.sub(r"barely \1", text)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


# Crisis words whose one-slip misspellings are repaired (see _repair_word).
_FUZZY_TARGETS = (
    "kill killing killed myself herself himself themselves hurt hurting breathe breath breathing "
    "barely rape raped raping molested molesting molest trafficked trafficking traffic sold sells "
    "selling pimping pimped suicide suicidal stabbed shot choked choking strangled beating hitting "
    "punched slapped overdosed overdose overdosing unconscious bleeding kidnapped threatened "
    "threatening scared afraid terrified locked trapped please forced touched touching abused "
    "assaulted escape leave alive living die dying dead pills wants going gonna wanna will would "
    "anymore someone somebody following chasing outside hiding danger police because with life want "
    "knife touches stopped sexually following sleep leave house door molested overdosed"
).split()


def _one_slips(word: str) -> set[str]:
    """Misspellings one slip away: a dropped letter, two letters swapped, a wrong vowel."""
    out: set[str] = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        out.add(word[:i] + word[i] + word[i:])  # a doubled letter: "overdossed"
        if len(word) >= 6 and word[i] in "aeiouy":
            out.update(word[:i] + v + word[i + 1:] for v in "aeiouy")
    out.discard(word)
    return {w for w in out if len(w) >= 3}


def _real_words(candidates: set[str]) -> frozenset[str]:
    """Which candidates are English or Spanish word forms in spaCy's lookup tables
    (bot/lookup_words.py keeps the answer on disk: reading the tables cost seconds per start)."""
    from bot.lookup_words import real_words

    return real_words(candidates)


def _fuzzy_table(known: frozenset[str]) -> dict[str, str]:
    targets = [t for t in _FUZZY_TARGETS if len(t) >= 4]
    candidates: dict[str, set[str]] = {}
    for target in targets:
        for slip in _one_slips(target):
            candidates.setdefault(slip, set()).add(target)
    real = _real_words(set(candidates))
    protected = known | real | set(_WORD_MAP) | set(_FUZZY_TARGETS)
    return {
        slip: next(iter(ts))
        for slip, ts in candidates.items()
        if len(ts) == 1 and slip not in protected
    }


# --------------------------------------------------------------------------
# Pattern mini-language
#   tokens are separated by spaces; "a|b" = any of; "_" = any token;
#   a trailing ? * + is the spaCy OP; "re:..." = LOWER regex;
#   {NAME} expands a macro (every alternative); {NAME}? makes it optional.
# --------------------------------------------------------------------------

_PERSON = (
    "friend|friends|sister|sisters|brother|brothers|cousin|cousins|daughter|son|niece|nephew|"
    "girl|girls|boy|boys|kid|kids|child|children|student|students|roommate|girlfriend|boyfriend|"
    "classmate|client|teen|teenager|homegirl|homie|stepsister|stepbrother|sibling|youth|minor|"
    "patient|twin|resident|residents"
)
_ADULT = (
    "guy|man|men|dude|dudes|guys|dad|father|mom|mother|mum|stepdad|stepmom|stepfather|stepmother|"
    "uncle|aunt|pimp|daddy|parent|parents|grandpa|grandma|grandfather|grandmother|teacher|coach|ex|"
    "husband|partner|neighbor|neighbour|landlord|boss|john|johns|customer|customers|trick|foster|"
    "people|pastor|priest|cop|cops|officer|staff|lady|woman|women|stranger|strangers|family|"
    "relative|manager|owner"
)

_MACROS: dict[str, list[str]] = {
    "WHO": [_PERSON + "|" + _ADULT],
    "DET": ["my|his|her|their|our|a|an|the|this|that|some|'s|these|those|your|two|2|three|3|several"],
    "ADJ": ["best|older|little|big|younger|new|old|step|foster|ex|bio|real|grown|random|mom|moms"],
    # "and" stands for a dropped subject: "he's drunk and trying to fight me"
    # and a bare noun, as texts drop the article: "homie got shot", "bro is bleeding"
    "SUBJ3": ["he|she|they|someone|somebody|people|everyone|pimp|daddy|and|homie|bro|cuz|homegirl|friend|"
              "bestie|boyfriend|girlfriend", "{DET} {ADJ}? {WHO}"],
    "SUBJ": ["i|we", "{SUBJ3}"],
    "OBJ": ["me|us|her|him|them", "{DET} {ADJ}? {WHO}"],
    "OBJS": ["me|us|her|him", "{DET} {ADJ}? {WHO}"],
    "ANYP": ["me|us|her|him|them|men|guys|dudes", "{DET} {ADJ}? {WHO}"],
    "FPOBJ": ["me|us"],
    "SELF": ["myself|herself|himself|themselves|themself|ourselves"],
    "BE": [
        "am|is|are|was|were|be|been|being|keeps|keep|kept|always|just|currently|literally|really|"
        "actually|constantly|who|that|has|have|had|will|would|also|now|again|probably|def|definitely|"
        "even|gets|get|got|getting|still|like|lowkey|kinda|might|may|could|should|must"
    ],
    "MODAL": ["will|would|might|could|can|gonna|shall"],
    "FUT": [
        "going|about|trying|threatening|threatened|threatens|wants|want|wanted|planning|plans|"
        "promised|promises|swore|swears|fixing|ready|coming"
    ],
    "HARM": [
        "kill|hurt|beat|shoot|stab|murder|choke|strangle|harm|kidnap|rape|jump|attack|burn|smack|"
        "hit|slap|punch|kick|drown|end|fight|stomp|jump"
    ],
    "LETNEG": ["will|would|does|do|did|is|are|can|could|was|were|am"],
    "SEX": [
        "have|has|had|having sex",
        "sleep|sleeps|slept|sleeping with",
        "hook|hooks|hooked|hooking up with",
        "do|does|did|doing sexual stuff|things|favors|acts",
        "do|does|did|doing stuff|things with men|guys|dudes|strangers|older",
        "give|gives|gave|giving head|blowjobs|bjs|bj|blowjob",
        "mess|messing|messed|fool|fooling|fooled around with",
        "sex",
        "sexual favors|acts|stuff",
        "let|lets|letting men|guys|dudes|him|them|strangers|older do stuff|things|whatever|sexual",
    ],
    "SEXSTRICT": [
        "have|has|had|having sex",
        "hook|hooks|hooked|hooking up",
        "sleep|sleeps|slept|sleeping",
        "do|does|did|doing sexual stuff|things|acts|favors",
    ],
    "REWARD": [
        "money|cash|food|rent|drugs|weed|bucks|dollars|clothes|shelter|pills|molly|coke|meth|crack|"
        "percs|xans|lean|alcohol|booze|vapes|housing|rides|gifts|dope|fent|fentanyl",
        "a|an place|bed|room|ride|phone|meal|roof|couch|hotel|motel|iphone",
        "somewhere|someplace|place to stay|sleep|live|crash",
        "$ re:^\\d+$",
        "re:^\\d+$ dollars|bucks|$",
    ],
    # who makes someone do it: strong verbs only where the act alone is ambiguous
    "COERCE": [
        "make|makes|made|making|force|forces|forced|forcing|pressure|pressures|pressured|pressuring|"
        "send|sends|sent|sending|tell|tells|told|push|pushes|pushed|pushing|get|gets|got|has|had|"
        "want|wants|wanted|put|puts|putting"
    ],
    "COERCE_STRONG": [
        "make|makes|made|making|force|forces|forced|forcing|pressure|pressures|pressured|pressuring|"
        "send|sends|sent|sending|push|pushes|pushed|pushing|puts|put|putting"
    ],
    "CLIENTS": [
        "men|guys|dudes|strangers|johns|tricks|clients|customers|people|others|adults",
        "other|older|random|different|grown|old men|guys|dudes|people|man|guy|strangers",
        "his|her|their friends|boys|homies|cousins|friend|boy|homie|cousin|clients|customers|brother|uncle|dad",
        "a|an|this|that|some man|guy|dude|stranger|john",
        "the|these|those men|guys|johns|clients|customers|tricks|dudes",
    ],
    "PROST": [
        "turn|turning|turns tricks|trick",
        "work|walk|working|walking|works|walks the? track|street|streets|corner|corners|blade|stroll|block",
        "go|going on dates",
        "do|doing|see|seeing|take|taking dates",
        "see|seeing|meet|meeting|service|servicing johns|clients|customers|men|guys|tricks",
        "sell|selling myself|herself|himself|pussy",
        "sell|selling my|her|his body",
        "strip|stripping|escort|escorting|prostitute|hook|hooking",
        "dance|dancing for men|guys|money|strangers",
        "take|send|sell|post|make|film|taking|sending|selling|posting|making|filming "
        "nudes|porn|naked|sexual|sex|explicit|nude",
        "be|being in porn",
        "bring|give|hand|bringing|giving him|them|her all? the|my? money",
    ],
    "POST": [
        "post|posts|posted|posting|put|puts|putting|list|lists|listed|listing|advertise|advertises|"
        "advertised|advertising|upload|uploads|uploaded|uploading"
    ],
    "SITES": [
        "backpage|skipthegames|megapersonals|listcrawler|doublelist|craigslist|onlyfans|eros|tryst|"
        "seeking|adultsearch|bedpage",
        "skip the games",
        "mega personals",
        "list crawler",
        "double list",
    ],
    "NUDE": ["nudes|naked|private|explicit|sexual|sex|intimate|nude"],
    "LEAK": ["post|share|leak|send|expose|release|sell|show"],
    "QTY": [
        "too many|much",
        "a lot of",
        "a bunch of",
        "a handful of",
        "a whole bottle|box|pack|bunch|lot|handful of",
        "a bottle|box|pack of",
        "all my|the|of",
        "all of my|the",
        "like? re:^([1-9]\\d|\\d{3})$",
    ],
    "QTYSTRONG": ["like|about|around? re:^([4-9]|four|five|six|seven|eight|nine|ten)$"],
    "STRONGDRUG": [
        "percs|perc|percocets|xans|bars|oxys|oxy|fent|fentanyl|pressed|addys|molly|tabs|tramadol|opioids|"
        "heroin|dope|norcos|vicodin|klonopin|valium|benzos"
    ],
    "DRUG": [
        "pills|pill|tylenol|advil|xanax|xans|bars|percs|perc|percocet|percocets|oxy|oxys|meds|"
        "medication|medications|medicine|benadryl|ibuprofen|acetaminophen|aspirin|fent|fentanyl|"
        "molly|ecstasy|sleeping|tabs|tablets|addys|adderall|painkillers|antidepressants|"
        "insulin|nyquil|motrin|tramadol|opioids|heroin|edibles"
    ],
    "TRACKV": ["on|walk|walks|walked|walking|work|works|worked|working|hit|hits|hitting|off"],
    # Spanish
    "ES_OBJ": ["me|la|lo|nos|los|las|le|les"],
    "ES_WHO": [
        "amiga|amigo|amigas|amigos|hermana|hermano|prima|primo|hija|hijo|sobrina|sobrino|nina|nino|"
        "chica|chico|muchacha|muchacho|novia|companera|companero|vecina|vecino|estudiante|hermanita|"
        "hermanito"
    ],
    "ES_DET": ["mi|mis|su|sus|una|un|la|el|esta|este"],
    "ES_CLIENT": [
        "hombres|senores|tipos|clientes|desconocidos|viejos|muchos|otros|extranos|varios|adultos",
        "sus|otros|unos|varios amigos|hombres|clientes|companeros|conocidos|senores|tipos",
    ],
    "ES_SEXV": [
        "estar",
        "acostarme|acostarse|acostarnos|acostarte",
        "dormir",
        "tener sexo|relaciones",
        "coger|cogerme",
    ],
    "ES_SEXTOK": ["sexo|relaciones|acostarme|acostarse|acostarte|coger|cogen|cogerme"],
    "ES_REWARD": [
        "dinero|comida|drogas|plata|feria|renta|techo|lana|cuarto|ropa|pesos|dolares|alojamiento|"
        "hospedaje|cama|droga",
        "un lugar|techo|cuarto|cuartito|sitio",
        "donde quedarme|quedarse|dormir|vivir",
        "pagar|comer|vivir|quedarme",
    ],
}
_MACRO_RE = re.compile(r"\{([A-Z][A-Z_0-9]*)\}(\?)?")


def _expand(pattern: str) -> list[str]:
    """Expand {MACRO} references into every concrete pattern string."""
    match = _MACRO_RE.search(pattern)
    if match is None:
        return [" ".join(pattern.split())]
    alternatives = _MACROS[match.group(1)]
    optional = match.group(2) == "?"
    head, tail = pattern[: match.start()], pattern[match.end():]
    if len(alternatives) == 1 and " " not in alternatives[0] and "{" not in alternatives[0]:
        # single-token macro: a trailing ? * + stays a token OP
        return _expand(head + alternatives[0] + ("?" if optional else "") + tail)
    out: list[str] = []
    for alt in alternatives + ([""] if optional else []):
        out.extend(_expand(head + alt + tail))
    return out


def _token_spec(tok: str) -> dict[str, object]:
    """Translate one mini-language token into a spaCy Matcher token dict."""
    if tok.startswith("re:"):
        return {"LOWER": {"REGEX": tok[3:]}}
    op = None
    if len(tok) > 1 and tok[-1] in "?*+":
        tok, op = tok[:-1], tok[-1]
    spec: dict[str, object]
    if tok == "_":
        spec = {}
    elif "|" in tok:
        spec = {"LOWER": {"IN": tok.split("|")}}
    else:
        spec = {"LOWER": tok}
    if op:
        spec["OP"] = op
    return spec


def _literals(pattern: str) -> Iterable[str]:
    for tok in pattern.split():
        if tok.startswith("re:") or tok == "_":
            continue
        yield from tok.rstrip("?*+").split("|")


# --------------------------------------------------------------------------
# Match context and guards
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    """A candidate match: the message's tokens, the span and its clause."""

    words: tuple[str, ...]
    start: int
    end: int
    c_start: int
    c_end: int
    msg: frozenset[str]

    def nxt(self, k: int = 0) -> str:
        i = self.end + k
        return self.words[i] if i < len(self.words) else ""

    def prv(self, k: int = 1) -> str:
        i = self.start - k
        return self.words[i] if i >= 0 else ""

    @property
    def span(self) -> tuple[str, ...]:
        return self.words[self.start:self.end]

    @property
    def clause(self) -> tuple[str, ...]:
        return self.words[self.c_start:self.c_end]

    @property
    def clause_text(self) -> str:
        return " ".join(self.clause)

    @property
    def phrase_text(self) -> str:
        """The span's part of its clause between commas: "i used to think about it, i took them all"."""
        a = self.start
        while a > self.c_start and self.words[a - 1] != ",":
            a -= 1
        b = self.end
        while b < self.c_end and self.words[b] != ",":
            b += 1
        return " ".join(self.words[a:b])

    @property
    def sentence_text(self) -> str:
        """The span's sentence (between . ! ?), wider than its clause."""
        a = self.start
        while a > 0 and self.words[a - 1] not in _SENTENCE_END:
            a -= 1
        b = self.end
        while b < len(self.words) and self.words[b] not in _SENTENCE_END:
            b += 1
        return " ".join(self.words[a:b])


Guard = Callable[[_Ctx], bool]
_SAYS = frozenset("says dice sings canta goes".split())  # "the song says i want to die"
_SENTENCE_END = frozenset({".", "!", "?", "..."})


def _ws(words: str) -> frozenset[str]:
    """A word set from "a b c" or "a|b|c"."""
    return frozenset(words.replace("|", " ").split())


_LAUGH_RE = re.compile(
    r"^(?:l+o+l+[sz]?|lmf?a+o+|rofl|(?:a?h+a+){2,}h?|(?:h+e+){2,}|(?:j+a+){2,}j?|(?:j+e+){2,}"
    r"|xd+|jk|\U0001F602|\U0001F923|\U0001F480|\U0001F606|\U0001F639)$"
)


def _is_laugh(word: str) -> bool:
    return _LAUGH_RE.match(word) is not None


_NOT_JOKING_RE = re.compile(r"\b(not funny|not a joke|no joke|not joking|not kidding|i am serious|for real tho)\b")


def g_laugh(c: _Ctx) -> bool:
    """Joking register ("he's gonna kill me lol") is not a crisis for these rules; a nervous laugh
    taken back ("lol its not funny tho") is no joke."""
    if _NOT_JOKING_RE.search(" ".join(c.words)):
        return False
    return any(_is_laugh(w) for w in c.clause) or any(_is_laugh(c.nxt(k)) for k in range(3))


def g_next(words: str, n: int = 1) -> Guard:
    """Suppress when one of the next ``n`` tokens is in ``words``."""
    ws = _ws(words)
    return lambda c: any(c.nxt(k) in ws for k in range(n))


def g_next_seq(*sets: str) -> Guard:
    """Suppress when the tokens after the span read as the given sequence."""
    seq = [_ws(s) for s in sets]
    return lambda c: all(c.nxt(k) in s for k, s in enumerate(seq))


def g_prev(words: str, n: int = 1) -> Guard:
    ws = _ws(words)
    return lambda c: any(c.prv(k) in ws for k in range(1, n + 1))


def g_prev_seq(*sets: str) -> Guard:
    """The words just before the span are one of each set, in order ("had me …")."""
    parsed = [_ws(s.replace("|", " ")) for s in sets]
    return lambda c: c.start >= len(parsed) and all(
        c.words[c.start - len(parsed) + k] in parsed[k] for k in range(len(parsed)))


def g_clause(words: str) -> Guard:
    """Suppress when the clause has one of ``words`` (context such as sports)."""
    ws = _ws(words)
    return lambda c: any(w in ws for w in c.clause)


def g_msg(words: str) -> Guard:
    ws = _ws(words)
    return lambda c: not ws.isdisjoint(c.msg)


def g_object(allowed: str) -> Guard:
    """Suppress when a plain direct object follows ("sold me a phone", "sold her car")."""
    ok = _ws(allowed)
    return lambda c: c.nxt().isalpha() and c.nxt() not in ok


def g_span_clause(span_words: str, clause_words: str) -> Guard:
    sw, cw = _ws(span_words), _ws(clause_words)
    return lambda c: not sw.isdisjoint(c.span) and any(w in cw for w in c.clause)


def g_span_next(span_words: str, next_words: str) -> Guard:
    sw, nw = _ws(span_words), _ws(next_words)
    return lambda c: not sw.isdisjoint(c.span) and c.nxt() in nw


def g_clause_re(pattern: str) -> Guard:
    rx = re.compile(pattern)
    return lambda c: rx.search(c.clause_text) is not None


_CAL_PREV = _ws(
    "what which due court test exam play save available open release tour important key start end "
    "these those the your"
)
_FRUIT = _ws("eat ate eating fruit palm smoothie recipe calendar schedule appointment appointments")


def g_dates_calendar(c: _Ctx) -> bool:
    """'What dates are you open' / 'due dates' / eating dates: not the coded sense."""
    for i in range(c.start, c.end):
        if c.words[i] == "dates":
            before = c.words[i - 1] if i > 0 else ""
            after = c.words[i + 1] if i + 1 < len(c.words) else ""
            if before in _CAL_PREV or after in {"are", "and", "is"}:
                return True
    return any(w in _FRUIT for w in c.clause)


_HELP_FOLLOW = _ws(
    "find get with understand figure out to learn know look search locate apply make fill ask answer "
    "decide pick choose plan pay write read sign set sort think use access connect contact reach "
    "talk for on in open set up setup sign"
)


def g_help_task(c: _Ctx) -> bool:
    """'Please help me find a shelter' is a request for a service, not a cry for help."""
    k = 1 if c.nxt() in {"me", "us"} else 0
    return c.nxt(k) in _HELP_FOLLOW


def g_kilometres(c: _Ctx) -> bool:
    """'ran 5 kms' is distance, not 'kill myself' -- nor is 'kms' in a message that counts kms."""
    if "kms" not in c.span:
        return False
    return any(w == "kms" and i > 0 and c.words[i - 1][:1].isdigit() for i, w in enumerate(c.words))


def g_score(c: _Ctx) -> bool:
    """'we got beat 3-0' / 'beat them 42 to 7': a score, not violence."""
    return re.match(r"^\d", c.nxt()) is not None or re.match(r"^\d", c.nxt(1)) is not None


def g_es_fear_of_thing(c: _Ctx) -> bool:
    """'tengo miedo de ir al doctor' / 'del examen' is fear of a task or thing, not of a person."""
    if c.nxt() in {"del", "al"}:
        return c.nxt(1) not in _ES_PEOPLE
    if c.nxt() not in {"de", "a"}:
        return False
    following = c.nxt(1)
    return following in {"la", "las", "los", "una", "un", "perder"} or re.search(
        r"(ar|er|ir)(me|te|se|lo|la|le)?$", following
    ) is not None


# Places a texter is routinely picked up from, and everyday reasons papers change hands.
_PICKUP_TRIVIAL = (
    "practice school mall airport game movies work dentist doctor class concert gym library church store homework"
)
_PAPERS_TRIVIAL = "dmv license permit copy renew bank airport tsa bouncer club bar safe drawer fake"
_GAMES = _ws("2k madden fortnite chess uno smash game games match round cards checkers ping pong fifa mario")


_CHORES = _ws("room chores chore homework dishes laundry clean cleaned grades trash lawn vacuum vacuumed")


def g_chore_condition(c: _Ctx) -> bool:
    """'can't leave the house till my room is clean': a parent's rule, not captivity."""
    after = c.words[c.end:c.end + 10]
    for i, word in enumerate(after):
        if word in {"till", "until", "unless", "til"}:
            return not _CHORES.isdisjoint(after[i + 1:i + 7])
    return False


_FURNITURE = _ws("cabinet cabinets shelf desk table locker bunk doorframe door ceiling counter dresser bed sink "
                 "car trunk fridge cupboard cupboards")


def g_own_bump(c: _Ctx) -> bool:
    """'(i) hit my head on the cabinet': the texter bumped into furniture; nobody did it to them."""
    if c.prv() not in {"", "i", "just", "accidentally", "and", ",", "literally", "totally", "lol"}:
        return False
    return c.nxt() in {"on", "against", "into"} and not _FURNITURE.isdisjoint(c.words[c.end + 1:c.end + 4])


def g_escape_room(c: _Ctx) -> bool:
    """Locked in at an escape room (a game) is a night out."""
    return any(a == "escape" and b == "room" for a, b in zip(c.words, c.words[1:]))


def g_game_after(c: _Ctx) -> bool:
    """'he beat me so bad at 2k': a game, not violence."""
    return any(c.nxt(k) in _GAMES for k in range(5))


_ES_PEOPLE = _ws(
    "hombre hombres tipo tipos senor senores novio padrastro papa padre tio primo hermano jefe vecino "
    "padrote chulo ex esposo marido"
)
# "got sold on some crypto scam": persuaded, not sold
_SCAM = (
    "scam scams scammed scammer crypto bitcoin nft nfts pyramid mlm course courses timeshare product "
    "idea plan pitch deal subscription"
)

_ES_BODY = _ws("brazo brazos muneca munecas pierna piernas piel venas vena muslo muslos panza estomago cuello")


def g_es_cut_trivial(c: _Ctx) -> bool:
    """'me corto el pelo' is a haircut; 'me corto los brazos' is self-harm."""
    if c.nxt() in _ES_BODY or c.nxt(1) in _ES_BODY:
        return False
    if not _ws("papel hoja cocinando cebolla afeitando rasurando lata vidrio jaja").isdisjoint(c.clause):
        return True  # "me corté con una hoja de papel, jaja": a small accident
    return c.nxt() in _ws("el la las los un una mi mis pelo cabello unas fleco")


_FUN = _ws(
    "sugar caffeine candy chocolate netflix anime tiktok memes coffee cookies pizza cuteness love drama "
    "kdramas vitamins carbs cute youtube games gaming music kpop boba energy redbull monster sweets shows "
    "cartoons series junk fast food christmas holiday holidays halloween songs song playlist playlists podcast "
    "podcasts spotify movies hallmark shopping studying snacks"
)


def g_fun_overdose(c: _Ctx) -> bool:
    """'overdosed on netflix / sugar' is a joke."""
    return c.nxt() in _FUN or (c.nxt() == "on" and c.nxt(1) in _FUN) or any(w in _FUN for w in c.clause)


_OD_SUBSTANCE = _ws(
    "pills pill meds medication medicine drugs drug fent fentanyl heroin percs xans bars molly tylenol advil "
    "xanax oxy opioids insulin alcohol vodka edibles something dope coke cocaine meth"
)


def g_overdose_hyperbole(c: _Ctx) -> bool:
    """'overdosing on christmas music already' is hyperbole: what follows 'on' is a pastime, not a drug."""
    if c.nxt() != "on":
        return False
    after = [c.nxt(k) for k in range(1, 4)]
    return any(w in _FUN for w in after) and not any(w in _OD_SUBSTANCE for w in after)


_WEAPONS = _ws(
    "belt bat cord stick hanger shoe shoes fist fists gun knife bottle chair pan hammer extension wire "
    "bottles rock rocks brick pipe crowbar whip switch hose chain lamp plate glass iron"
)


def g_with_no_weapon(c: _Ctx) -> bool:
    """'hitting me with questions' is not violence; 'hitting me with a belt' is."""
    return c.nxt() == "with" and not any(c.nxt(k) in _WEAPONS for k in range(1, 4))


def g_forced_plain(c: _Ctx) -> bool:
    """Bare 'he forced me' counts; 'he forced me to go to school' does not."""
    return c.nxt().isalpha() and c.nxt() not in {"and", "but", "so", "into", "down", "on", "then", "again", "too"}


_TRIVIAL = (
    "fail failed failing grade grades homework test exam quiz late curfew forgot forget lose lost "
    "broke break spent crash crashed mess dishes chores report card detention bill essay assignment "
    "score grounded dent makeup outfit hair tattoo piercing chore room snack cookies hoodie hoodies "
    "sweater shirt jacket shoes clothes charger fries food leftovers "
    "eating ate spoiler spoilers spoiling backed mailbox scratched spilled stained shrunk ruined borrowing "
    "borrowed tank"
)
g_trivial_kill = g_span_clause("kill murder killed murdered end strangle choke", _TRIVIAL)
# "i'm gonna die if i don't get tickets": a want, not a threat to life
_WANT_TRIVIAL = _ws(
    "tickets ticket concert merch album coffee food pizza snack snacks nap boba starbucks fries tacos "
    "chocolate candy shoes phone game games show episode season hoodie text reply answer see hear meet "
    "selfie outfit concert tour date prom sees pic pics photo picture video"
)
_FOLLOW_OK_SOLD = (
    "to for online again every each at on in and but because so like now right tonight last "
    "yesterday when if while after before all too as off into since daily everyday"
)
_RESOURCE = (
    "shelter shelters bed beds sleep sleeping food eat hungry meal meals clinic test testing tested "
    "sti std doctor lawyer legal job jobs ride bus clothes shower laundry housing apply application "
    "form homework resume pantry zip county city address directions hours near nearby closest find "
    "resources resource hotline number albergue refugio comida comer dormir cama clinica prueba "
    "abogado trabajo ropa ducha encontrar buscar conseguir"
)
_SPORTS_MUSIC = (
    "practice meet team coach laps lap race races relay hurdles hurdle sprint sprints field season "
    "tryouts pe gym running run ran runs mile miles stadium cleats olympics jog jogging warmup song "
    "beat album mixtape verse studio producer remix lyrics rap spotify music train trains railroad "
    "rails racing horse horses cars nascar dirt bike bmx knife sword skate skates skating ice hockey "
    "rink razor shaving sports sport athletics"
)
_DEVICES = "phone laptop computer pc tablet ipad screen device tv xbox ps5 switch mac monitor battery charger"
_WAKE_TRIVIAL = "morning mornings school alarm class early work time snooze " + _DEVICES
_SOCIAL = (
    "instagram insta ig tiktok twitter snap snapchat facebook fb youtube twitch account followers "
    "follower page profile story stories online app back spotify"
)
_ACCIDENT = (
    "playing practice game fell fall falling tripped accident accidentally lifting gym workout "
    "skating skateboarding soccer football basketball sprained ankle knee shaving cooking stove oven "
    "iron kitchen chopping paper curling straightener pan sunburn volleyball baseball"
)
_PIMP_CTX = (
    "money cash men guys dudes johns clients customers sex trick tricks dates date quota track blade "
    "stroll hotel motel street streets corner ads pay paid trap bring"
)
_SEX_CTX = (
    "sex sleep slept sleeping men guys dudes dates tricks trick johns body quota track blade clients "
    "customers hook hooking nudes escort"
)
_SURVIVAL_CTX = (
    "stay staying place kick kicks kicked rent live living roof couch eat food money pay paid owe "
    "room house apartment"
)
_SITES_CTX = (
    "backpage skipthegames megapersonals listcrawler doublelist craigslist escort escorts adult "
    "onlyfans ads ad dates men guys money johns clients sites websites"
)


# --------------------------------------------------------------------------
# Rule table
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """A group of patterns sharing id, language, tense and guards.

    tense: "now" (present state or intent: first person -> emergency),
           "unclear" (habitual or past: urgent unless "right now"),
           "acute" (emergency whoever it is about, e.g. "not breathing").
    needs: at least one of these words must be somewhere in the message.
    coded: slang that staff may ask about ("the track"); guarded harder.
    agent: "he"/"she" in the span is the aggressor ("he has a gun"), not the
           person at risk, so it does not make the signal third-party.
    personal: the question itself is the disclosure ("how many tylenol would do it"), so a
           question's wording does not make it a staff or "what if" question.
    """

    id: str
    language: str
    tense: str
    patterns: tuple[str, ...]
    guards: tuple[Guard, ...] = ()
    needs: frozenset[str] = frozenset()
    coded: bool = False
    agent: bool = False
    personal: bool = False

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]


def _r(
    rule_id: str,
    language: str,
    tense: str,
    patterns: Iterable[str],
    *,
    guards: Iterable[Guard] = (),
    needs: str = "",
    coded: bool = False,
    agent: bool = False,
    personal: bool = False,
) -> _Rule:
    return _Rule(rule_id, language, tense, tuple(patterns), tuple(guards), _ws(needs), coded, agent, personal)


_RULES: tuple[_Rule, ...] = (
    # ================================================================ self_harm
    _r("self_harm.suicide", "en", "now", [
        "kill|killing {SELF}",
        "end|ending|take|taking my|her|his|their own? life",
        "end it all",
        "to|will|should|gonna|just|might off {SELF}",
        "commit|committing|committed|commits|attempt|attempted|attempting|considering|contemplating suicide",
        "suicidal",
        "suicide attempt|note|plan|plans",
        "think|thinking|thought|thoughts about|of suicide|dying",
        "think|thinking|thought|thoughts about|of ending it",
        "hang|hanging|shoot|shooting|drown|drowning|poison|poisoning {SELF}",
        "overdose|od|overdosing|overdosed on purpose",
        "want|going|about|plan|planning|ready to take|swallow all my|the|of pills|meds",
        "take|swallow|taking|swallowing|down every|all pill|pills|med|meds|bottle in|from",
    ], guards=[g_next("laughing")]),
    _r("self_harm.suicide", "en", "now", [
        "jump|jumping off|from a|the bridge|roof|building|overpass|balcony|cliff",
    ], guards=[g_laugh, g_clause("pool lake trampoline water river swimming")]),
    _r("self_harm.want_die", "en", "now", [
        "want|wants|wish|wishes|wishing|ready|wanting|going|gonna|about to die",
        "rather be dead|die",
        "rather not be alive|here|exist|live",
        "want|wish to disappear forever",
        "want to be dead",
        "wish i|she|he was|were dead",
        "wish i|she|he was|were never born",
        "wish i|she|he could|would just? die",
        "should just? die",
    ], guards=[
        g_next_seq("my|her|his|it|the", "hair|clothes|shirt|jeans|nails|eyebrows|eyebrow"),
        g_next_seq("of|from", "embarrassment|cringe|laughing|laughter|boredom|shame|laugh|cuteness"),
        g_next("for than laughing laughin crying"),
        g_clause(_DEVICES + " battery plants plant car flowers fish"),
        g_prev("you"),
        lambda c: c.nxt() == "if" and any(w in _WANT_TRIVIAL for w in c.words[c.end:c.c_end]),
        g_clause("bored boring boredom cringe cringey embarrassing embarrassed awkward homework math test exam "
                 "bangs haircut haircuts line queue "
                 "quiz essay class game packers bucks brewers badgers lose lost loss refs traffic tripped trip "
                 "hallway cafeteria song"),
        g_msg("bangs haircut"),
        g_prev_seq("had|has|have", "me|us"),  # "that game had me wanting to die": hyperbole
    ]),
    _r("self_harm.want_die", "en", "unclear", ["wanted to die"]),
    _r("self_harm.hopeless", "en", "now", [
        "no reason to live",
        "no reason to keep going|living",
        "no reason to go on",
        "nothing to live for",
        "better off dead",
        "better off without me|her|him",
        "do|does not want to live|exist",
        "do|does not want to be alive",
        "do|does not want to wake up",
        "do|does not want to be here anymore",
        "do|does not want to be here no more",
        "tired of living",
        "tired of being alive",
        "not worth living",
        "no point in living",
        "no point in being alive",
        "no point living",
        "nobody would|will even? miss|notice me",
        "no one would|will even? miss|notice me",
        "nobody would|will even? care if i",
        "nobody|noone cares|care|notices|would|will care? if i|she live|lived|die|died|disappeared|disappear",
        "no one cares|care|notices|would|will care? if i|she live|lived|die|died|disappeared|disappear",
        "no one would|will even? care if i",
        "better|happier|easier if i was|were gone|dead",
        "better|happier|easier if i was|were not here|around|alive",
        "happier|easier without me|her|him",
        "is the|a point of|in living|life|existing|trying|anything",
        "is the|a point of|in being alive",
        "is the|a point of|in going on",
        "is the|a point of|in waking up",
        "do|does not see the|a|any point of|in living|life|existing|anything",
        "do|does not see the|a|any point of|in being alive",
        "do|does not see the|a|any point of|in going on",
        "done with life|living",
        "done living|existing",
        "done being alive",
        "want|wanna|going|ready|gonna to stop living|existing|breathing",
        "never wake up again?",
        "sleep and not|never wake up",
        "want|wanna to? sleep forever",
        "my last night|day alive",
        "my last night|day on earth",
        "last day|night alive",
        "life is not worth living",
    ], guards=[g_next("in here there with at near on early for together alone"), g_clause("homework class game")]),
    _r("self_harm.end_it", "en", "now", [
        "going|gonna|about|want|wanna|ready|planning|plan|decided|deciding to end it",
        "pills|meds|pill|razors|blades saved|stashed|hidden|saving|stashing|hoarding up? to end it|die",
        "going|gonna|about|want|wants|planning to take|swallow all _? _? pills|meds|medication|medicine",
        "end|ending|ended it all",
        "end|ending it tonight|today|now",
        "like ending it",
        "{SUBJ} {BE}* ending it",
        "want|wish it|everything|this to stop|end forever|permanently",
        "want|wish the pain to stop|end forever|permanently",
        "want|wish to stop|end forever|permanently",
    ], guards=[
        g_next("with between for here early already off soon"),
        g_clause("relationship boyfriend girlfriend bf gf call convo conversation chat game season "
                 "stream match meeting class party text thread story date"),
    ]),
    _r("self_harm.cutting", "en", "now", [
        "cut|cutting|cuts|carve|carving|burn|burning|burned|hurt|hurting|harm|harming|scratch|"
        "scratching|punish {SELF}",
        "selfharm|selfharming|selfharmed",
        "cut|cutting|slit|slitting|carve|carving my|her|his wrist|wrists|arm|arms|thigh|thighs|leg|legs|"
        "skin|stomach",
    ], guards=[g_clause(_ACCIDENT)]),
    _r("self_harm.cutting", "en", "now", [
        "been|started|start|keep|still cutting",
        "back to cutting",
        "cutting again",
    ], guards=[
        g_clause(_ACCIDENT),
        g_object("again myself and but so since for because every each when lately recently now more a"),
    ]),
    _r("self_harm.coded", "en", "now", [
        "kms",
        "ctb",
        "re:^unaliv(e|es|ed|ing)$",
        "sewerslide|sewerslided|sewersliding|sewerslid",
    ], guards=[
        g_kilometres,
        g_span_clause(
            "unalive unalived unaliving unalives ctb",
            "character episode show movie anime game book season series villain manga",
        ),
    ], coded=True),
    _r("self_harm.plan", "en", "now", [
        "have|got|has the|my|all pills|meds|rope|noose|razor|razors|blade|gun ready|lined|counted|tied|out",
        "noose",
        "wrote|write|writing|written|left|leaving|posted|posting|post|sent|sending|recorded|recording a|my|his|"
        "her goodbye|farewell|suicide note|letter|letters|message|messages|post|video|text",
        "goodbye|bye cruel? world",
        "bought|buy|buying|got|tied|tying|made|making a rope|noose",
        "drive|driving|crash|crashing|steer my|the|his|her car off|into a|the bridge|cliff|wall|tree|lake|river|"
        "overpass|pole|truck",
        "sent|sending|texted|texting|gave|giving {OBJS} a|my|his|her goodbye|farewell|suicide note|letter|text|"
        "message|video",
        "swallow|take|eat|empty|swallowing|taking everything|all in|from the medicine cabinet",
        "yeet|yeeting|throw|throwing|fling|launch|toss {SELF} off|from|under",
        "yeet|yeeting|throw|throwing|fling|launch|toss {SELF} in front of",
        "goodbye|bye forever",
        "last time you will ever? hear from me",
        "este es mi ultimo mensaje",
        "be with my|her _ in heaven",
        "go to heaven tonight",
        "no despertar nunca|mas",
        "ya tengo un plan",
        "planning|planned|plan how i would|will do it",
        "planning|planned|plan how to do it",
        "a plan and a date",
        "last time you are going to ever? hear from me",
        "you will never hear from me again",
        "planning|plan|planned my exit",
        "researching|researched|research|googling|googled|searching|searched ways|methods to do it|die",
        "researching|researched|research|googling|googled|searching|searched ways|methods to end it",
        "looking|looked up ways|methods to do it|die",
        "looking|looked up ways|methods to end it",
        "took|take|taking|put|putting|held|holding a|the|my razor|blade|knife to my|her|his arm|arms|wrist|"
        "wrists|skin|thigh|thighs|leg|legs|throat|neck",
    ], guards=[
        g_laugh,
        g_clause("card graduation senior class retirement teacher coworker camp moving moved move town state "
                 "team job school "
                 "trip vitamins allergies shaving shave legs beard"),
        g_span_next("ready", "for"),
    ]),
    _r("self_harm.plan", "en", "now", [
        "this is my last message|text|post",
    ], guards=[g_next("for before until til till on from of in"),
               g_clause("bed sleep sleeping night tonight today class phone battery data minutes group chat gc")]),
    _r("self_harm.plan", "en", "unclear", [
        "i|she|he have|has|got a plan",
    ], needs="done tired enough die dying bye goodbye end over pills", guards=[g_next("for to")]),
    _r("self_harm.plan", "en", "unclear", [
        "goodbye|farewell note|letter",
    ], guards=[g_clause("card graduation senior retirement teacher coworker camp moving moved move town state "
                        "team job trip class")]),
    _r("self_harm.plan", "en", "now", [
        "{SUBJ} will|would not be here|around|alive tomorrow|anymore|by",
        "{SUBJ} will|would not be here|around|alive much|for longer|long",
        "{SUBJ} {BE}* not going to be here|around|alive tomorrow|anymore|by|next|much|for|long",
        "not going to be here|around|alive by|next|much|anymore",
        "not planning|plan on|to be|being here|around|alive",
    ], guards=[g_clause("school work appointment trip class shift vacation town dentist doctor camp visit "
                        "weekend practice game moving")]),
    _r("self_harm.coded", "en", "now", [
        "catch|catching the bus",
    ], needs="mean forever final last goodbye die end tonight permanently", coded=True),
    _r("self_harm.want_die", "en", "now", [
        "want|wanna|going|gonna|ready to dye",
    ], guards=[g_object("now tonight so i please already fr and because today rn")]),
    _r("self_harm.plan", "en", "now", [
        "goodbye|bye everyone|everybody|yall|all",
    ], needs="done sorry last forever miss tired over end die love anymore"),
    _r("self_harm.jump", "en", "now", [
        "{SUBJ} {BE}* standing|sitting on|at the edge|ledge|railing|bridge|overpass",
        "{SUBJ} {BE}* standing on the roof|tracks",
        "{SUBJ} {BE}* on the ledge|railing|edge",
    ], guards=[
        g_next_seq("of", "my|your|the|her|his", "seat|seats|chair|bed|couch"),
        g_clause("pic pics photo photos picture view sunset selfie fishing pool tour game class"),
    ]),
    _r("self_harm.jump", "en", "now", [
        "going|gonna|about|ready|want|wants|planning|plan to jump",
        "will|would|gonna|might jump",
    ], guards=[
        g_laugh,
        g_object("off tonight today now i right please so and if because from again soon"),
        g_clause("pool lake trampoline water river swimming rope queue line car battery scare ship"),
    ]),
    _r("self_harm.cutting", "en", "now", [
        "relapsed|relapse|relapsing",
    ], guards=[g_clause("drinking smoking vaping weed alcohol drugs diet")], needs="cut cutting cuts selfharm selfharmed selfharming harm hurt blade razor burn burning"),
    _r("self_harm.cutting", "en", "now", [
        "{SUBJ} cut|cuts again|deeper|deep",
        "selfharmed|selfharms",
    ], guards=[g_clause(_ACCIDENT + " hair bangs hours class pay budget grass lawn paper wood onion onions")]),
    # Spanish self-harm
    _r("self_harm.suicide", "es", "now", [
        "me quiero|voy a? matar|suicidar",
        "quiero|quisiera|pienso matarme|suicidarme",
        "voy a matarme|suicidarme",
        "pensando|pienso|penso|pensado en matarme|suicidarme|morirme|suicidio",
        "suicidarme|suicidarse|suicidio",
        "quitarme|quitarse la vida",
        "se quiere|quieren|va|van a? matar|suicidar",
        "quiere|quieren matarse|suicidarse",
        "intente|intento suicidarme|matarme",
    ], guards=[
        g_next("de la los el a"),  # "me voy a matar de risa" / "matar a alguien"
        lambda c: re.search(r"(ando|iendo)$", c.nxt()) is not None,  # "me voy a matar estudiando"
    ]),
    _r("self_harm.want_die", "es", "now", [
        "quiero|quisiera morir|morirme",
        "quiero desaparecer para siempre",
        "me quiero morir",
        "se quiere morir",
        "quiere|quieren morirse",
        "no quiero vivir",
        "no quiero seguir viviendo|aqui|asi",
        "no quiero estar aqui",
        "no quiero estar viva|vivo",
        "no vale la pena vivir",
        "mejor muerta|muerto",
        "quiero|quisiera desaparecer",
        "voy a desaparecer",
        "me|se voy|va|quiero|quiere|pienso|puedo a? quitar la vida",
        "no le? veo|tiene|encuentro|tengo sentido a|de? la? vivir|vida|seguir",
        "no tiene sentido vivir|seguir",
        "estarian|estaria mejor sin mi",
    ], guards=[
        g_msg("celular inodoro examen tarea verguenza oso cringe fila pelo serie novela capitulo temporada"),
        g_laugh,
        g_next_seq("de", "risa|hambre|sueno|calor|frio|verguenza|ganas|aburrimiento|amor"),
        g_next("de del un una por unos unas"),
    ]),
    _r("self_harm.cutting", "es", "now", [
        "me corto|corte",
        "me estoy cortando",
        "cortarme",
        "me quiero|voy|pienso a? cortar|lastimar|quemar",
        "me lastimo a mi misma|mismo",
        "quiero|pienso|necesito hacerme dano",
        "voy a hacerme dano",
        "me hago dano",
        "autolesion|autolesiones|autolesionarme|autolesionando",
    ], guards=[g_es_cut_trivial]),
    # ================================================================ danger
    _r("danger.held", "en", "now", [
        "{LETNEG} not let|letting {OBJ} leave|escape|out|outside",
        "{LETNEG} not let|letting {OBJ} get|run away|out",
        "locked|trapped|chained|lock|locks|locking {OBJ} in|inside|up",
        "locked|trapped|chained in|inside a|the|his|her|their|some|this house|room|apartment|basement|"
        "closet|car|trunk|motel|hotel|garage|shed|van|attic|place",
        "locks|locked the door|doors from the outside",
        "{SUBJ} {BE}* being held|kept in|at|inside|here|there|by",
        "keeps|keep|kept|keeping {OBJ} in a|the|his|her|their room|basement|closet|house|apartment|motel|hotel|"
        "garage|trailer|van",
        "tied {OBJ} up|down",
        "{SUBJ} {BE}* locked|trapped|chained in|inside",
        "keeps|keep|kept|keeping|holding|holds|held|hold {OBJ} locked|hostage|captive|prisoner|here|inside",
        "held|holding|keeping|kept {OBJ}? against my|her|his|their|our will",
        "held|holding|keeping|kept {OBJ}? captive|hostage|prisoner",
        "kidnapped|abducted {OBJ}",
    ], guards=[
        g_clause(
            "grounded curfew homework chores party mall sleepover movies concert prom jail juvie "
            "detention prison game level traffic elevator class lecture boring meeting church dinner "
            "family reunion holiday thanksgiving christmas wedding project assignment chat gc groupchat "
            "convo conversation zoom minecraft roblox fortnite snow snowstorm blizzard storm weather smh bell recess "
            "recital graduation essay ranked boss shift manager close"
        ),
        # "trapped in the group chat 😂" jokes; "he won't let me leave lol" is a nervous laugh
        lambda c: {"let", "letting"}.isdisjoint(c.span) and g_laugh(c),
        g_next("on"),  # "locked in on ranked": focused
        lambda c: not {"himself", "herself", "themselves"}.isdisjoint(c.span),  # "locked himself in his room"
        g_msg("smh"),
        g_clause_re(r"\b(felt|feel|feels|feeling) like\b"),
        g_prev("feel feeling felt"),
        g_chore_condition,
        g_next_seq("the|my|her|his", "couch|sofa|blanket|lap|bed|table|game|chat|call|stream"),
        g_escape_room,
        g_next_seq("for", "finals|final|exams|exam|midterms|tests|season|playoffs|practice|tryouts|semester"),
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ} {BE}* trapped|kidnapped|abducted",
    ], guards=[
        g_prev("feel feeling felt"),
        g_laugh,
        g_clause("class lecture boring meeting traffic elevator game level body loop cycle friendzone "
                 "project assignment group dinner family reunion thanksgiving christmas wedding chat gc "
                 "groupchat convo conversation zoom recital essay line"),
        g_object("by and from at in last when yesterday again please help right now so i he she they here inside"),
    ]),
    _r("danger.held", "en", "now", [
        "i|we can|could not leave|escape",
        "i|we can|could not get away|out",
    ], guards=[
        g_clause("grounded curfew homework chores party mall sleepover movies concert prom jail juvie "
                 "detention prison game level traffic elevator work job class school bed head contract "
                 "deal plans shower dog snow snowing rain raining storm weather sick flu covid fever "
                 "splinter splinters tick stain glitter talk talking packers bucks brewers badgers gossip drama"),
        g_object("and so because here this now the his her until without please or i he she they of"),
        g_chore_condition,
    ]),
    _r("danger.held", "en", "now", [
        "can|could not get away from {OBJ}",
        "not allowed to leave|go _? _? without him|her|them|his|their",
        "{LETNEG} not give|giving {OBJ} back my|her|our|his phone|id|papers|documents|passport|keys|shoes",
        "{LETNEG} not give|giving {OBJ} my|her|our|his phone|id|papers|documents|passport|keys|shoes back",
        "{LETNEG} not take|bring|drive {OBJ} home|back",
    ], guards=[
        g_laugh,
        g_clause("grades grounded punishment punished homework party mall movies concert prom class"),
    ]),
    _r("danger.held", "en", "unclear", [
        "{SUBJ3} {BE}* took|takes|taken|has|keeps|kept|holds|holding|stole my|her|our id|ids|papers|"
        "documents|passport|birth",
    ], guards=[
        g_laugh,
        g_clause("grades grounded punishment punished homework party mall movies concert prom class"),
        g_clause(_PAPERS_TRIVIAL),
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ3} {BE}* took|takes|taken|has|keeps|kept|stole|holding my|her|our phone|keys|shoes|boots|coat|car",
        "stuck|trapped at|in this|that|a|some guy|guys|man|dude 's? place|house|apartment|room|car|motel|hotel",
        "stuck|trapped at|in a|his|their motel|hotel|house|apartment|room|place",
    ], needs="leave call scared afraid terrified stuck trapped locked escape anywhere help older police "
             "id papers won't let cant",
       guards=[g_laugh, g_clause("grades grounded punishment punished homework school class teacher mom "
                                 "dad mother father parents mama papa airport traffic")]),
    _r("danger.held", "en", "now", [
        "{LETNEG} not let|letting {OBJ} go",
    ], guards=[
        g_laugh,
        g_next("to on with for over see outside out"),  # "won't let me go to the party"
        g_clause("grounded curfew homework chores party mall sleepover movies concert prom game"),
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ} {BE}* locked up",
        "{SUBJ} {BE}* tied up|down",
    ], guards=[
        g_laugh,
        g_next("at with in for until till right today rn this all"),
        g_clause("work meeting busy class school jail juvie detention prison moment"),
    ]),
    _r("danger.hurt", "en", "now", [
        "{SUBJ3} {BE}* hitting|beating|hurting|choking|punching|kicking|strangling|attacking|"
        "stabbing|slapping|abusing|burning|smacking|whooping {OBJ}",
        "{SUBJ} {BE}* being beaten|beat|hurt|attacked|abused|choked|hit|strangled|jumped",
    ], guards=[g_next("out"), g_span_next("hitting smacking hittin", "up"), g_with_no_weapon]),
    _r("danger.hurt", "en", "now", [
        "pinned|pins|pinning|held|holds|holding {OBJ} down",
        "jumped|jump|ran|escaped|got out of his|her|their|the|a car|van|truck|window|house|room",
    ], needs="running run hiding hide scared help following chasing away wont won't get off hurt crying",
       guards=[g_laugh, g_clause("wrestling wrestle tickle tickled tickling game practice")]),
    _r("danger.hurt", "en", "unclear", [
        "{SUBJ3} {BE}* hit|hits|beat|beats|punched|punches|choked|chokes|kicked|kicks|slapped|slaps|"
        "strangled|strangles|attacked|attacks|abuses|abused|burned|burns|smacked|smacks|threw|throws|"
        "whooped|whoops|hurt|hurts {OBJ}",
        "{SUBJ3} {BE}* beat|beats {OBJ} up",
        "{SUBJ} {BE}* got|get|gets|getting beat|beaten|jumped|attacked",
        "{SUBJ3} tried to kill|stab|choke|strangle|shoot|hurt|drown {OBJ}",
        "{SUBJ3} {BE}* beat|beats|beating|hits|hitting|whale|whaling on {OBJ}",
        "{SUBJ3} {BE}* pushed|pushes|shoved|shoves|dragged|drags|threw|throws|slammed|slams {OBJ} down|into|"
        "against|across|onto|off|to the",
    ], guards=[
        g_span_next("hit hits kicked kicks threw throws beat beats smacked slapped knocked", "up back out"),
        g_span_next("choked chokes", "up back"),
        g_span_clause("pushed pushes shoved shoves threw throws dragged drags",
                      "pool water lake snow bus class party lol haha"),
        g_clause_re(r"\b(got|get) beat\b.*\b(\d|points|game|match|score|team)"),
        g_score,
        g_next_seq("with", "the|your|that|those|some|this|a",
                   "link|info|details|deets|number|address|facts|truth|news|tea"),
        g_span_next("beat beats", "at to by"),  # "beat me at chess"
        g_game_after,  # "beat me so bad at 2k"
        g_next_seq("in", "a|the", "game|race|match|chess|cards|fortnite|basketball|argument|debate"),
        g_next_seq("a|an|some", "party|text|message|look|bone|ball|pass|curveball"),
        g_next_seq("into|in", "the|a|this|our|my", "group|chat|gc|convo|call|game|lobby|server|pool|lake"),
    ]),
    _r("danger.threat", "en", "now", [
        "{SUBJ3} {BE}* {FUT} to {HARM} {OBJ}",
        "{SUBJ3} {BE}* {MODAL} {HARM} {OBJ}",
        "{SUBJ3} {BE}* threatening|threatened|threatens {OBJ}",
        "{SUBJ} {BE}* going to get|be hurt|killed|beat|beaten|shot|stabbed|jumped|murdered",
        "pulled|pointed|pulls|points|held|holding|holds|put|puts a|his|her|the gun|knife|weapon|blade|"
        "pistol on|at|to me|us|her|him|them|my|her",
        "{MODAL}|to find|catch|track|hunt {OBJ} _? and|then {HARM}",
        "{SUBJ3} {BE}* coming to get|kill|hurt|find {FPOBJ}",
        "{SUBJ3} {BE}* coming for|after {FPOBJ}",
        "threatened|threatens|threatening {OBJ} with a|his|her|the gun|knife|weapon",
    ], guards=[
        g_laugh,
        g_trivial_kill,
        g_span_clause("fight jump", _TRIVIAL + " remote controller xbox tv smash bros fortnite switch "
                      "playstation ps5 game games 2k madden snowball pillow"),
        g_next_seq("a|an|your|the|some",
                   "text|message|dm|line|email|call|pic|picture|look|smile|link|number|msg|txt|snap|break"),
        g_next("up back out"),
        g_clause("practice conditioning drills laps workout scrimmage spoil spoiled spoiling spoiler spoilers "
                 "finale"),
        g_clause_re(r"\b(drives|driving|drove|looks|looking|acts|acting|plays|playing) like\b"),
    ]),
    _r("danger.weapon", "en", "now", [
        "{SUBJ3}? {BE}* has|have|got|holding|holds|carrying|carries|brought|bringing|pulled|pulling|"
        "waving|pointing a|his|her|their|the gun|knife|weapon|pistol|glock|rifle|strap|blade|burner|blick|"
        "glizzy|heater|chopper|toolie",
        "at|after {FPOBJ} with a|his|her|the gun|knife|weapon|pistol|glock|rifle|bat",
        "with a|his|her|the gun|knife|weapon|pistol|glock|rifle",
    ], guards=[
        g_prev("i we", 3),  # the texter's own knife is not this rule
        g_next("phone account number"),
        g_clause("hunting hunt hunter range toy nerf water kitchen cooking cook game movie license class "
                 "collection safe legally legal permit deer video cake butter store bought buy fortnite "
                 "minecraft roblox cod gta steak fruit apple bread pocketknife cabinet locked"),
    ], agent=True),
    _r("danger.followed", "en", "now", [
        "{SUBJ3} {BE}* following|stalking|chasing {OBJ}",
        "car|van|truck|suv {BE}* following|chasing {OBJ}",
        "{SUBJ} {BE}* being followed|stalked|chased|watched",
    ], guards=[g_clause(_SOCIAL)]),
    _r("danger.outside", "en", "now", [
        "{SUBJ3} {BE}* outside|at|by|banging|pounding|knocking|kicking on? my|our|the door|window|windows|"
        "doors|house|room|apartment|place",
        "{SUBJ3} {BE}* outside|at my|our|the door|window|house|room|apartment",

        "banging|pounding|kicking|breaking on? the|my|our door|doors|window|windows",
        "banging|pounding|kicking|breaking on? the|my|our _ door|doors|window|windows",
        "{SUBJ3} {BE}* coming back|home|over|here",
        "{SUBJ3} {BE}* looking|searching|hunting for {FPOBJ}",

        "{SUBJ3} {BE}* on his|her|their way here|over",
    ], needs="scared afraid terrified help hiding hide ran run escaped away left leave police cops mad angry "
             "drunk gun knife kill hurt screaming yelling threatening please won't ex outside locked lock "
             "bathroom closet",
       guards=[g_laugh, g_clause("pizza delivery package mail uber lyft amazon doordash mailman ride "
                                  "party game keys dog cat cookies friend girl scouts"), g_msg(_TRIVIAL)]),
    _r("danger.outside", "en", "now", [
        "{SUBJ3} {BE}* trying to break|get|kick in|into|down",
        "{SUBJ3} {BE}* broke|breaking|broken into|in",
        "{SUBJ3} {BE}* found|find|finds|knows where i|we am|are|live|stay|staying",
        "{SUBJ3} {BE}* found out where i|we am|are|live|stay|staying",
    ], guards=[g_laugh, g_clause("car game phone account snap instagram computer house party share sharing "
                                 "location locations life360 cute")]),
    # Found again after getting away, or someone's people turning up where the texter lives or works
    # (session 3: "he got out of jail last week and he found me" reached no rule).
    _r("danger.outside", "en", "now", [
        "{SUBJ3} {BE}* found|tracked me|us",
    ], needs="again jail prison juvie lockup scared afraid terrified hiding escaped ran shelter",
       guards=[g_laugh, g_clause("game games hide seek account snap instagram tiktok phone party mall class "
                                 "lol haha birthday surprise cute")]),
    _r("danger.outside", "en", "now", [
        "out of jail|prison|juvie|lockup",
    ], needs="found looking coming texting calling threatening knows scared afraid terrified hiding",
       guards=[g_laugh, g_clause("party happy glad welcome celebrate celebrating dinner")]),
    _r("danger.outside", "en", "now", [
        "keep|keeps|kept showing|coming|pulling|driving|waiting up? at|to|by|outside|around my|our door|house|"
        "job|work|school|apartment|place|room|window",
    ], needs="friends friend pimp daddy ex he she they him them guys men man dude people jail prison scared "
             "afraid terrified",
       guards=[g_laugh, g_clause("brother sister mom dad cat dog kids neighbor neighbors lol haha cute "
                                 "delivery package amazon mail uber")]),
    _r("danger.held", "en", "now", [
        "grabbed|grabs|dragged|drags|pulled|pulls|pushed|pushes|forced|forces|threw|throws|shoved|"
        "put|puts {OBJS} in|into his|her|their|a|the|some car|van|truck|suv|trunk",
        "grabbed|grabs|dragged|drags|pulled|pulls|pushed|pushes|forced|forces|threw|throws|shoved|"
        "put|puts {OBJS} in|into the back of a|his|her|their|the car|van|truck|suv",
        "{SUBJ} {BE}* locked|lock {SELF} in the|a|my|his|her bathroom|closet|room|car",
        "can|could not leave the|this|his|their spot|house|room|place|motel|hotel|apartment|car|trap",
    ], guards=[
        g_laugh,
        g_clause("grounded curfew homework chores party mall sleepover movies concert prom game study "
                 "studying shower nap privacy quiet keys work shift snow snowing rain raining storm "
                 "weather test exam sick flu covid fever switch xbox ps5 sulking"),
        g_chore_condition,
    ]),
    _r("danger.hurt", "en", "unclear", [
        "slammed|slams|smashed|smashes|banged|bangs|bashed|bashes|hit|hits|threw|throws|pushed|pushes|shoved|"
        "shoves|kicked|kicks|punched|punches|grabbed|grabs|pulled|pulls|choked|chokes|stomped|stomps my|her|his "
        "head|face|neck|throat|hair|stomach|ribs",
        "throwing|threw|throws|throw stuff|things|bottles|chairs|plates|knives|dishes|glass|shoes at "
        "{FPOBJ}|her|us|him",
        "throwing|threw|throws|throw a|the bottle|chair|knife|plate|glass|lamp|phone at {FPOBJ}|her|us|him",
    ], guards=[
        g_laugh, g_prev("i we", 2),
        g_clause("ball game practice cake pillow pillows snowball snowballs water balloon confetti"),
        g_own_bump,
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ3} {BE}* has|got|have {FPOBJ} in his|her|their car|truck|van|room|house|trunk|basement|apartment",
        "{SUBJ3} {BE}* locked|locks|lock {OBJ} out",
    ], needs="not stop leave scared afraid help cold snow night shoes freezing outside hurt drunk",
       guards=[g_laugh, g_clause("school practice game mall store work party account phone accident accidentally "
                                 "porch chips")]),
    _r("danger.threat", "en", "now", [
        "burn|burning the|my|our|this|his|her house|apartment|place|room|car down with {FPOBJ}|us|her",
        "set|setting the|my|our|this|his|her house|apartment|place|room|car on fire with {FPOBJ}|us|her",
        "set|setting|light|lighting {OBJ} on fire",
        "pulled|pulling|pull|pulls up with a|the|his|her|their gun|knife|weapon|pistol|glock|rifle|strap|burner|"
        "blick|glizzy|heater|chopper|toolie",
        "with a|his|her|the strap|blick|glizzy|heater|chopper|toolie",
    ], guards=[g_laugh, g_clause("bag backpack purse dress shoe bra watch guitar candle candles")], agent=True),
    _r("danger.outside", "en", "now", [
        "{SUBJ3} {BE}* outside her|his|their house|door|window|room|apartment|place|school|work",
    ], needs="scared afraid terrified help hiding police cops mad angry drunk gun knife kill hurt screaming "
             "yelling threatening please ex stalker stalking banging now"),
    _r("danger.outside", "en", "now", [
        "{SUBJ3}? {BE}* kicking|kicked|kicks|breaking|broke|bashing the|my|our _? door|doors|window|windows in|down",
    ], guards=[g_laugh, g_clause("game video movie show tiktok")], agent=True),
    _r("danger.isolated", "en", "now", [
        "{LETNEG} not let|letting {OBJ} call|text|talk|contact|see anyone|anybody|911|police|help",
        "{LETNEG} not let|letting {OBJ} call|text|talk|contact|see to? my|her|the mom|mum|dad|family|parents|"
        "grandma|caseworker|worker|police|cops",
        "broke|smashed|took|threw|destroyed|hid|hides|takes my|her|our phone so|and|because i|she|we can|could "
        "not call|text|leave|get",
    ], guards=[g_laugh, g_clause("grounded punishment punished grades curfew homework bedtime school tests")]),
    _r("danger.intruder", "en", "now", [
        "there is|are a|some? someone|somebody|man|guy|stranger|people|strangers|guys|men in|inside my|our|the "
        "house|home|room|apartment|basement|window",
        "a|some? someone|somebody|man|guy|stranger|strangers broke into my|our|the house|home|room|apartment|car",
    ], needs="know scared afraid help hiding hide police strange stranger strangers broke break quiet",
       guards=[g_laugh], agent=True),
    # Session 4: families the blind sets v7 and v8 found missing (found again, sex for a room told
    # to staff, ads found by a parent, live cases reported by police, nurses and shelter staff).
    _r("danger.followed", "es", "now", [
        "me|nos encontro|encontraron|encontraste",
        "esta|estan afuera de mi|la|su casa|escuela|trabajo|cuarto",
    ]),
    _r("exploitation.sex_for_pay", "es", "now", [
        "le|me|les|nos paga|pagan|pagaba por tener relaciones|sexo",
        "le|me|les|nos paga|pagan|pagaba por acostarse|acostarme",
    ]),
    _r("exploitation.ads", "en", "now", [
        "found|saw|see|seen an|a|the ad|ads|listing|listings online|with|of",
    ], needs="photos pics pictures nudes body year daughter son kid"),
    _r("assault.rape", "en", "unclear", [
        "disclosing|disclosed|discloses|reporting|reported sexual? assault|rape|abuse",
    ], needs="tonight today afternoon morning night hour requesting advocate just"),
    _r("medical.overdose", "en", "acute", [
        "showing signs of an? overdose|od|overdosing",
    ], needs="scene route ems ambulance requesting now unresponsive"),
    _r("danger.followed", "en", "now", [
        "fled|escaped|left is|was|are outside my|our|her|the building|house|door|school|apartment|window|shelter",
    ]),
    _r("danger.held", "en", "now", [
        "being taken somewhere|away",
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ3} {BE}* waiting outside the school|building|shelter|house|door to pick",
    ], needs="terrified scared afraid creepy strange stranger older"),
    _r("danger.followed", "en", "now", [
        "guy|man|he|she|they|ex|pimp|trafficker|abuser {BE}* outside my|our|her|the building|house|door|school|"
        "apartment|window|shelter|room",
    ], needs="fled escaped scared terrified hysterical afraid hiding ran restraining crying", agent=True),
    _r("assault.forced", "en", "unclear", [
        "i|she was crying the whole time",
        "drug _? facilitated assault|rape",
        "you|i|she did not want it",
    ], needs="tonight night morning today afternoon dating first happened said drug facilitated"),
    _r("self_harm.cutting", "en", "now", [
        "fresh cuts on my|her|his arm|arms|wrist|wrists|thigh|thighs|leg|legs|stomach",
        "wants|want to do more",
    ], needs="cuts cut cutting"),
    _r("self_harm.plan", "es", "now", [
        "adios a todos",
    ], needs="perdon gracias siempre nunca"),
    _r("medical.drugged", "es", "now", [
        "me|le pusieron|pusieron|echaron|metieron algo en la|el|mi|su bebida|trago|vaso",
    ]),
    _r("exploitation.survival", "es", "now", [
        "si me acuesto|acostaba|duermo con",
    ], needs="quedarme casa cuarto dejan deja techo comida dinero"),
    _r("danger.help", "en", "now", [
        "911 911",
        "911 ! !",
        "911 please|help|now|hurry",
        "help asap|now|immediately|urgently|quick|quickly|fast",
    ], guards=[g_msg("handbook poster flyer flyers posters binder"),
               g_msg("pregnancy test tests chat gc groupchat homework essay")]),  # "need help asap just to know"
    _r("danger.followed", "en", "unclear", [
        "{SUBJ3} {BE}* followed|follows|stalks|stalked|chased {OBJ}",
    ], guards=[g_clause(_SOCIAL), g_clause("duckling puppy shadow everywhere"), g_prev("little baby")]),
    _r("danger.hiding", "en", "now", [
        "{SUBJ} {BE}* hiding from|in|under|behind|inside",
    ], guards=[
        g_laugh,
        g_msg("seek"),
        g_clause("seek responsibilities homework chores reality world feelings problems class work boss netflix "
                 "binging binge "
                 "teacher bill bills emails project projects partners groupmates classmates assignment "
                 "assignments deadline deadlines"),
        g_clause_re(r"\b(did not|never|forgot to) (do|finish|turn in|hand in) (my|our|the) "
                    r"(part|share|homework|chores|assignment|project|work)\b"),
    ]),
    _r("danger.lost", "en", "now", [
        "do|does not know where i|we|she|he|they am|are|is",
        "do|does not know where {SUBJ3} took|brought|taken|drove|dropped {OBJ}",
        "no idea where i|we am|are",
    ], guards=[g_object("and he she they please help right now someone somebody it i my the or but so anymore at"),
               # "i moved and he doesn't know where i am": the texter hid well, they are not lost
               lambda c: c.prv() in {"he", "she", "they"} and not {"i", "we"}.isdisjoint(c.span[3:])]),
    _r("danger.fear", "en", "now", [
        "scared|afraid|terrified|fear|fearing|scarred for my|her|his|our life|lives|safety",
    ]),
    _r("danger.fear", "en", "unclear", [
        "scared|afraid|terrified|scarred of {OBJ}",
        "scared|afraid|terrified|scarred to go home|back|leave",
        "scared|afraid|terrified|scarred {SUBJ3} {BE}* going|will|might|would|is|are _? find|catch|come",
    ], guards=[g_next("spiders dark needles heights tests snakes clowns bugs dogs dentists")]),
    _r("danger.fear", "en", "unclear", [
        "i|we am|are|feel|feeling so|really|very? scared|afraid|terrified",
    ], guards=[g_laugh, g_object("and please help right now so he she they i rn someone somebody"),
               g_clause(_TRIVIAL + " final finals math class")]),
    _r("danger.unsafe", "en", "now", [
        "{SUBJ} {BE}* in danger",
    ], guards=[g_next("of")]),
    _r("danger.unsafe", "en", "unclear", [
        "{SUBJ} {BE}* not safe",
        "do|does not feel safe",
    ], guards=[g_next("to with for sex")]),
    _r("danger.help", "en", "now", [
        "please|someone|somebody|anyone|anybody help {FPOBJ}?",
        "help me|us please|now|asap|quick|quickly|fast|hurry|immediately|someone|somebody|anyone|anybody",
        "help me|us ! !",
        "help ! !",
        "help help",
        "sos",
        "need|needs help now|right|asap|immediately|fast|quick|quickly|please|urgently|urgent",
        "help me|us? i|we am|are|feel so|really? scared|afraid|terrified",
        "call 911|police|cops for me|us",
        "call the police|cops for me|us",
        "call|get the? police|cops|911 please|now|asap|quick|hurry",
        "please call|send|get the? police|cops|911|help|someone",
        "please call|send|get an? ambulance",
        "send|get help|police|cops|someone now|please|asap|quick|here",
        "please|someone|somebody|anyone come get|help|save|pick {FPOBJ}",
        "come get {FPOBJ} i|we am|are scared|afraid|terrified|stuck|trapped",
    ], guards=[
        g_help_task,
        g_clause(_PICKUP_TRIVIAL),
        g_msg(_RESOURCE),
        g_span_clause("sos", "muy re tan que"),
    ]),
    # Spanish danger
    _r("danger.held", "es", "now", [
        "no {ES_OBJ} deja|dejan|dejaba|dejaban|quiere|quieren dejar? salir|ir|irme|irnos|escapar|escaparme",
        "{ES_OBJ} tiene|tienen|tenia|tenian encerrada|encerrado|encerradas|encerrados|amarrada|"
        "amarrado|secuestrada|secuestrado|atrapada|atrapado",
        "estoy|esta|estamos|estan encerrada|encerrado|encerradas|encerrados|atrapada|atrapado|"
        "secuestrada|secuestrado|amarrada|amarrado",
        "{ES_OBJ} encerro|encerraron|encierra|encierran|secuestraron|secuestro",
        "{ES_OBJ} estan|esta secuestrando|encerrando",
        "no puedo|podemos|puede|pueden salir|escapar|irme|huir de la|esta|su|mi casa|cuarto|aqui|ahi|departamento",
        "me|nos quito|quitaron|tiene|tienen mis|nuestros|los papeles|documentos|pasaporte|identificacion",
        "hombre|alguien|tipo|tipos|hombres|senor _? _? afuera|fuera de mi|la|nuestra puerta|ventana|casa|cuarto",
    ], guards=[
        g_next("con al"),
        g_next_seq("a", "la|las|los|fiestas|fiesta|el|una|un|ver|jugar|bailar|comprar|pasear"),
        g_clause("fiesta fiestas amigos amigas tarea castigada castigado castigo permiso escuela cine "
                 "trafico embotellamiento examen domingos sabados fines noches grupo whatsapp chat fila dmv"),
        g_laugh,
    ]),
    _r("danger.held", "es", "now", [
        "no puedo|podemos|puede|pueden salir|escapar|irme|huir",
    ], guards=[
        g_clause("cuidar hermanitos hermanito tarea trabajo lluvia nieve castigada castigado"),
        g_next("con al a hoy manana este esta el los las de"),
        g_clause("fiesta fiestas amigos amigas tarea castigada castigado castigo permiso escuela cine "
                 "trafico examen lluvia nieve trabajo enferma enfermo"),
    ]),
    _r("danger.threat", "es", "now", [
        "{ES_OBJ} va|van|quiere|quieren|iba|iban|amenaza|amenazan|amenazo con? a? hacer dano",
        "{ES_OBJ} va|van|quiere|quieren|iba|iban|amenaza|amenazan|amenazo con? a? matar|pegar|"
        "lastimar|golpear|violar",
        "va|van|quiere|quieren|amenaza|amenazan|amenazo a? con? matarme|lastimarme|pegarme|golpearme|"
        "hacerme|matarnos|matarla|matarlo|violarme",
        "{ES_OBJ} amenaza|amenazan|amenazo|amenazaron",
        "{ES_OBJ} esta|estan amenazando",
        "{ES_OBJ} tiene|tienen|tenia amenazada|amenazado|amenazadas|amenazados",
        "miedo de|a que me|nos|la|lo mate|maten|lastime|lastimen|haga|hagan|pegue|peguen",
    ], guards=[
        g_laugh,
        g_clause("tarea examen calificaciones notas tarde reprobe repruebo reprobar celular "
                 "rompi perdi quebre manche taza vaso plato maquillaje gane fifa juego videojuego"),
        g_clause_re(r"\bsi no (llego|llegamos) (a las|temprano|antes)\b"),  # curfew: "…si no llego a las 10"
        g_next("de"),  # "me va a matar de risa"
    ]),
    _r("danger.threat", "es", "now", [
        "para|quiere|quieren|va|van|vienen|viene a? hacerme|hacernos|hacerle dano",
        "no {ES_OBJ} deja|dejan|dejaba|dejaban _? _? _? _? ni salir|irme|llamar|hablar|escapar",
    ], guards=[g_laugh]),
    _r("danger.hurt", "es", "unclear", [
        "{ES_OBJ} pega|pegan|pego|pegaron|golpea|golpean|golpeo|golpearon|maltrata|maltratan|lastima|"
        "lastiman|ahorca|ahorco|ahorcan",
    ], guards=[g_prev("se"), g_next("el un una")]),
    _r("danger.hurt", "es", "now", [
        "{ES_OBJ} esta|estan pegando|golpeando|lastimando|ahorcando|maltratando",
    ]),
    _r("danger.followed", "es", "now", [
        "{ES_OBJ} esta|estan|viene|vienen siguiendo|persiguiendo",
        "alguien|hombre|tipo|carro|camioneta|senor|senores|hombres|tipos|el|ellos|ella me|nos sigue|"
        "siguen|persigue|persiguen",
    ], guards=[g_clause("instagram insta ig tiktok twitter snap facebook face cuenta redes gustando queriendo")]),
    _r("danger.weapon", "es", "now", [
        "con|tiene|trae|saco una|un|su pistola|arma|cuchillo|navaja|cuchilla",
    ], guards=[g_clause("juguete agua cocina cocinar pastel comida pan juego")], agent=True),
    _r("danger.hiding", "es", "now", [
        "estoy|estamos|esta escondida|escondido|escondidas|escondidos",
        "me estoy escondiendo",
        "nos estamos escondiendo",
    ], guards=[g_laugh, g_clause("presentacion examen tarea clase maestra maestro profe")]),
    _r("danger.lost", "es", "now", [
        "no se|sabemos|sabe donde estoy|estamos|esta",
    ], guards=[g_next("mis mi las los el la tu su")]),
    _r("danger.fear", "es", "now", ["temo|miedo por mi|su vida"]),
    _r("danger.fear", "es", "unclear", ["tengo|tenemos mucho? miedo"], guards=[g_es_fear_of_thing]),
    _r("danger.help", "es", "now", [
        "ayuda|ayudame|ayudeme|ayudenme|ayudanos|auxilio|socorro por favor",
        "por favor ayuda|ayudame|ayudeme|ayudenme|ayudanos",
        "ayuda|ayudame|ayudenme ayuda|ayudame|ayudenme",
        "auxilio",
        "socorro",
        "necesito|necesitamos ayuda ya|ahora|urgente|rapido",
        "alguien ayudeme|ayudenme|ayudame|ayuda",
        "ayuda|ayudame|ayudenme ! !",
        "ayudame|ayudenme|ayuda ya|ahora|rapido|urgente",
        "ayuda|ayudame|ayudenme tengo miedo",
        "ayudame|ayudenme|ayudeme",
    ], guards=[
        g_next("a con encontrar buscar conseguir para"),
        g_msg(_RESOURCE),
        g_prev("tia tio dona senora mi"),
    ]),
    # ================================================================ medical
    _r("medical.breathing", "en", "acute", [
        "not breathing",
        "stopped breathing",
        "can|could not breathe|breath",
        "barely breathing",
        "trouble breathing",
        "turning|turned blue",
        "lips|face|skin are|is|turning|turned|look|looks blue",
        "lips|face blue|purple|gray|grey",
        "lips|face|skin are|is|turning|turned|look|looks purple|gray|grey",
    ], guards=[
        g_laugh,
        g_next("without through out"),
        g_next_seq("a|one", "word"),
        g_clause("laughing laugh cute cuteness funny mask movie scary hilarious show heat hot humid meme memes "
                 "asthma inhaler"),
    ]),
    _r("medical.unresponsive", "en", "acute", [
        "is|are|was|not|isnt moving|responding|waking",
        "not moving|responding|waking anymore",
        "not moving|responding|waking at all",
        "foaming at|from the mouth",
        "collapsed and|&",
    ], guards=[
        g_laugh,
        g_next("to in out away back into from on forward my her his their your"),
        g_clause("texts text messages message calls call dms dm snaps email emails phone wifi internet "
                 "app car truck line traffic house apartment texas town school " + _DEVICES),
        g_clause("clock queue"),  # "the clock isn't moving"
    ]),
    _r("medical.poison", "en", "acute", [
        "drank|drink|drinking|swallowed|swallow|ate|took|take bleach|poison|antifreeze|lye",
        "drank|drink|drinking|swallowed|swallow a|half|the bottle|cup|glass|jug|lot|bunch of bleach|poison|"
        "antifreeze|lye",
        "drank|drink|drinking|swallowed|swallow|ate|took rat|drain poison|cleaner",
    ], guards=[g_laugh]),
    _r("medical.unresponsive", "en", "acute", [
        "will|would|does|can|did not wake up",
        "can|could not wake {OBJ} up",
        "unconscious|unresponsive",
        "knocked out and",
    ], guards=[g_clause(_WAKE_TRIVIAL), g_prev("i")]),
    _r("medical.unresponsive", "en", "acute", [
        "{SUBJ3} {BE}* not waking up",
    ], guards=[g_clause(_WAKE_TRIVIAL)]),
    _r("medical.unresponsive", "en", "unclear", [
        "{SUBJ} {BE}* passed|passing|passes out",
        "{SUBJ} {BE}* fainted|fainting|blacked",
    ], guards=[
        g_laugh,
        g_object("and at in on after from drunk again cold twice a"),
        g_clause("couch bed sofa class tired exhausted nap"),
        g_prev("while when after since before until"),
        g_next_seq("a", "few|couple|lot|bunch|some"),
    ]),
    _r("medical.seizure", "en", "acute", [
        "having|had a seizure|seizures",
        "{SUBJ} {BE}* seizing|convulsing|seizuring",
    ], guards=[g_laugh, g_next("the")]),
    _r("medical.bleeding", "en", "acute", [
        "bleeding a lot",
        "bleeding alot|badly|heavily|everywhere|bad|out|nonstop",
        "bleeding so|really|too much|bad",
        "bleeding like crazy",
        "will|can|does not stop bleeding",
        "lost|losing a lot of blood",
        "lost|losing so much blood",
        "so much blood",
        "blood everywhere",
        "blood all over",
        "a lot|pool|puddle of blood",
        "lots of blood",
        "throwing|threw|throw|puking|puked|vomiting|vomited|coughing|coughed up? blood",
    ], guards=[g_laugh, g_clause("period periods cramps menstrual gums movie show game horror halloween costume "
                                 "beets ketchup paint kitchen cooking wallet money bank")]),
    _r("medical.injury", "en", "acute", [
        "can|could not feel my|her|his legs|arms|body|face|feet|hands|legs|neck|fingers|toes",
        "{SUBJ} {BE}* got|get|gets|getting|was|were hit by a|the car|truck|bus|train",
        "hit by a|the car|truck|bus|train and",
    ], guards=[
        g_laugh,
        g_clause("workout gym leg squats run running ran cold freezing asleep sleeping sat sitting lap "
                 "laps practice hike hiking snow hands cold"),
    ]),
    _r("medical.bleeding", "en", "now", [
        "{SUBJ} {BE}* bleeding",
    ], guards=[
        g_laugh,
        g_clause("period periods cramps menstrual gums nose lip finger papercut paper pimple scab knee "
                 "heart eyes ears"),
        g_object("and from everywhere please help right now so i he she it"),
    ]),
    _r("medical.injury", "en", "acute", [
        "{SUBJ} {BE}* got|been|was|were|is|are stabbed|shot",
        "{SUBJ3} stabbed|shot {OBJ}",
    ], guards=[
        g_laugh,
        g_next("down up"),
        g_next_seq("a|an", "text|message|look|dm|glance|email|smile|pic"),
        g_clause("paintball airsoft nerf flu vaccine photo camera basketball pool tequila"),
    ]),
    _r("medical.injury", "en", "acute", [
        "bone|bones sticking|poking out|through",
        "fell|falls|fallen|went through the|thin ice",
    ], guards=[g_clause("almost nearly video movie show")]),
    _r("medical.overdose", "en", "acute", [
        "{SUBJ} {BE}* overdosed",
        "{SUBJ} {BE}* had|took an overdose",
        "overdosed on",
    ], guards=[
        g_laugh,
        g_fun_overdose,
    ]),
    _r("medical.overdose", "en", "acute", [
        "{SUBJ} {BE}* od",
    ], guards=[g_laugh, g_object("on and again last at in")]),
    _r("medical.overdose", "en", "acute", [
        "{SUBJ} {BE}* overdosing",
        "{SUBJ} {BE}* having an overdose",
    ], guards=[g_laugh, g_overdose_hyperbole]),
    _r("medical.pills", "en", "acute", [
        "took|take|taken|swallowed|ate|popped|downed|taking|swallowing {QTY} {DRUG}",
        "took|take|taken|swallowed|ate|popped|downed|taking|swallowing {QTY} my|her|his|the|our mom|moms|dad|"
        "dads|mother|mothers|father|grandma|grandmas|sister|sisters|brother|brothers|parents|aunt|aunts "
        "'s? {DRUG}",
        "took|swallowed|downed|drank a|the whole bottle|box|pack|jar|strip",
        "took|take|taken|swallowed|popped|downed|taking|swallowing|snorted|did {QTYSTRONG} {STRONGDRUG}",
    ], guards=[
        g_next_seq("of", "water|juice|soda|wine|vodka|milk|coke|pop|gatorade|tea|lotion|shampoo|ketchup"),g_prev("to need needs forgot forget supposed remember should must can did")]),
    _r("medical.overdose", "en", "acute", [
        "nodding|nodded|nod out",
        "fell|falling out and",
        "{SUBJ3} {BE}* will|would|can not get up",
    ], needs="blue breathing breathe wake responding fent fentanyl narcan pills up help",
       guards=[g_laugh, g_clause(_WAKE_TRIVIAL + " bed couch lazy")]),
    _r("medical.allergy", "en", "acute", [
        "throat|tongue is|keeps? closing|swelling|swollen",
        "throat is closing up",
        "anaphylactic|anaphylaxis",
        "shaking|twitching|jerking|convulsing and will|can|does not stop",
    ], guards=[g_laugh, g_clause("cold laughing laugh")]),
    _r("medical.drugged", "en", "now", [
        "{SUBJ3} drugged|roofied {OBJ}",
        "{SUBJ} {BE}* drugged|roofied",
        "slipped|put something in my|her|his|our drink",
    ]),
    _r("medical.dying", "en", "now", [
        "think|thinks|feel|feels like {SUBJ} {BE}* dying",
        "think|thinks {SUBJ3} {BE}* dying",
        "{SUBJ} {BE}* collapsed|collapsing",
    ], guards=[g_laugh, g_next("to of laughing from inside over at"), g_clause(_DEVICES)]),
    # Spanish medical
    _r("medical.breathing", "es", "acute", [
        "no respira|respiraba",
        "no esta respirando",
        "dejo de respirar",
        "no puede|puedo|podia respirar",
        "se esta poniendo morada|morado|azul",
        "se puso morada|morado|azul",
        "no se mueve|mueven|movia",
    ], guards=[g_laugh, g_next("de")]),
    _r("medical.unresponsive", "es", "acute", [
        "no despierta|reacciona",
        "no se despierta",
        "no responde",
        "esta inconsciente",
        "inconsciente",
        "se desmayo y no",
    ], guards=[g_clause("mensajes mensaje telefono celular textos whatsapp llamadas cel correo")]),
    _r("medical.seizure", "es", "acute", [
        "convulsion|convulsiones|convulsionando|convulsiona|convulsiono",
        "ataque epileptico",
    ]),
    _r("medical.bleeding", "es", "acute", [
        "sangrando mucho",
        "mucha sangre",
        "no para|deja de sangrar",
    ], guards=[g_clause("regla periodo menstruacion colicos")]),
    _r("medical.overdose", "es", "acute", ["sobredosis"]),
    _r("medical.injury", "es", "acute", [
        "{ES_OBJ} dispararon|disparo|balearon|baleo|apunalaron|apunalo|acuchillaron|acuchillo|"
        "picaron|pico|hirieron",
        "{ES_OBJ} dieron|dio un balazo|disparo|tiro|navajazo",
        "fue|fui|esta|estoy balaceada|balaceado|baleada|baleado|apunalada|apunalado|herida|herido",
    ], guards=[g_laugh, g_clause("foto fotos camara video juego partido gol abeja avispa mosquito arana hormiga "
                                 "bicho insecto poquito")]),
    _r("medical.pills", "es", "acute", [
        "tome|tomo|trague|trago|tomaron|tomado|tomamos muchas|demasiadas|todas _? pastillas|pildoras",
        "tome|tomo|trague|trago|tomaron un|una frasco|bote|caja|tira de? pastillas|pildoras",
        "un monton|frasco|bote de pastillas|pildoras",
    ]),
    # ================================================================ session 5, round 9 (v14 and v15's missed families)
    _r("danger.moved", "en", "now", [
        "got|been|was|were moved to _? new|another|different spot|city|motel|hotel|track|house|town",
    ], guards=[g_clause("school job family mom dad parents lease college transfer class desk seat team")]),
    _r("danger.control", "en", "now", [
        "bottom|bottom girl watches|watching|watch me|us",
    ]),
    _r("exploitation.survival", "en", "now", [
        "do|doing|did stuff|things with|w older guys|men|dudes for|4 food|money|rent|somewhere|shelter",
        "do|doing|did stuff|things with|w older guys|men|dudes for|4 a place|room|bed",
    ]),
    _r("assault.forced", "es", "now", [
        "entro|entra a|en mi cuarto|cama otra vez",
        "entro|entra a|en mi cuarto|cama de nuevo",
        "entro|entra a|en mi cuarto|cama esta noche",
        "entro|entra a|en mi cuarto|cama anoche",
        "se mete|metio a|en mi cuarto|cama",
    ], needs="novio padrastro tio primo hermanastro senor hombre"),
    _r("self_harm.plan", "en", "now", [
        "checking|check|checked out for good|permanently|forever",
        "if you do not hear from me tomorrow|again",
    ], guards=[g_clause("hotel library book store cart")]),
    _r("exploitation.pimp", "en", "now", [
        "have|has to give him all of it",
        "have|has to give him all my|the money",
    ], needs="manager daddy work dates means mean"),
    _r("medical.drugged", "es", "now", [
        "solo tome|tomé una|un cerveza|trago|bebida|copa",
    ], needs="mareada mareado rara raro dormida dormido acueste cuarto"),
    # ================================================================ session 5, round 8 (v12 and v13's missed families)
    _r("danger.held", "en", "now", [
        "not allowed to leave|escape",
    ], guards=[g_clause("school class work grounded party curfew house till until parents mom dad practice game "
                        "room homework chores")]),
    _r("danger.missing", "en", "now", [
        "texted|sent|messaged me? help and stopped answering|responding",
        "texted|sent|messaged me? help then stopped answering|responding",
    ]),
    _r("danger.held", "en", "now", [
        "{SUBJ} {BE}* being held|kept somewhere",
    ]),
    _r("exploitation.survival", "en", "now", [
        "only get|eat food|money|shelter|somewhere if i|she do|does what|whatever",
        "only get a place|room|bed if i|she do|does what|whatever",
    ]),
    _r("exploitation.debt", "en", "now", [
        "i|she owe|owes him|them|her double|more|extra|triple",
    ], needs="said says makes make pocket work off", guards=[g_clause("chores mow lawn dishes babysit lunch pizza "
                                                                          "coffee game tickets concert sister brother")]),
    _r("exploitation.sex_for_pay", "es", "now", [
        "sale|salir|sales|salgo con hombres|senores|tipos por dinero|plata|lana",
        "hacer|tener|hago|tengo citas con sus|los|unos amigos|hombres|clientes|tipos",
    ]),
    _r("assault.forced", "en", "unclear", [
        "too drunk|high|wasted to say|consent|stop|move|fight",
    ], needs="he him they did still happened"),
    _r("danger.threat", "es", "now", [
        "si me voy|salgo|escapo me mata|matara",
        "si me voy|salgo|escapo me va a matar",
        "si lo dejo me mata|matara",
    ]),
    _r("assault.rape", "en", "now", [
        "disclosed|reported|reporting|disclosing a|an sexual assault|rape",
    ], needs="night tonight today morning advocate now just yesterday", guards=[g_clause("training statistics data")]),
    _r("self_harm.plan", "en", "now", [
        "be with my|her|his grandma|grandpa|mom|dad|mama|papa|brother|sister|mother|father soon",
    ], needs="plan heaven waiting ready goodbye gone pills"),
    _r("self_harm.plan", "es", "now", [
        "me voy a ir para|pa siempre",
        "me voy para|pa siempre",
    ], needs="adios perdon gracias"),
    _r("medical.injury", "en", "acute", [
        "got|been|just poked|shanked|stuck|sliced",
    ], needs="leaking leakin bleeding blood side holding holdin", guards=[g_laugh]),
    # ================================================================ session 5, round 7 (v11's missed families)
    _r("danger.held", "en", "now", [
        "watching|watches|guarding|guards|blocking the|our door|doors|exit|exits",
    ], needs="dip leave go out escape none nobody can"),
    _r("danger.moved", "en", "now", [
        "about|bout|going|gonna to? get|be moved|taken to _? another|new|different city|state|town|track|spot",
        "get|getting|being moved|taken to _? another|new|different city|state|town|track tonight|today|tomorrow",
    ], guards=[g_clause("school job family mom dad parents apartment house lease college transfer")]),
    _r("danger.followed", "en", "now", [
        "pulling|pulled|pulls up on me|us",
    ], needs="same again rn now right car scared shelter stop", guards=[g_laugh]),
    _r("exploitation.ads", "en", "now", [
        "ads|ad online? of|with a|the|our|one local? juvenile|minor|student|resident|client|girl|teen",
    ], guards=[g_clause("policy statute law template training cases case study")]),
    _r("danger.missing", "en", "now", [
        "missing from placement|care|her placement|his placement|the group home|foster care",
    ]),
    _r("medical.drugged", "en", "now", [
        "my|her|his drink got|was|is spiked|drugged|roofied",
        "spiked|roofied my|her|his drink",
    ], guards=[g_laugh, g_clause("party punch lol funny fruit")]),
    # ================================================================ session 5, round 6 (v10's missed families)
    _r("danger.followed", "en", "now", [
        "{SUBJ3}|man|guy|car|van|truck {BE}* been? sitting|parked|waiting outside|across _? _? _? watching",
        "watching|watches our|my|the|her building|house|apartment|shelter|window|door all night",
    ], needs="scared terrified afraid night scary nervous", guards=[g_laugh]),
    _r("danger.held", "en", "unclear", [
        "my|her|his phone and|& id|ids|papers|passport were|got taken",
        "my|her|his id|ids|papers|passport and|& phone were|got taken",
    ]),
    _r("exploitation.survival", "en", "now", [
        "place to stay|crash|sleep but? only if i|she do|does what|whatever he|they|his|their",
        "stay|live|sleep there|here|with him|with them but? only if i|she do|does what|whatever",
    ]),
    _r("self_harm.hopeless", "en", "now", [
        "nobody|noone would|will even? notice|care if|when i was|were|am gone|dead|missing",
        "no one would|will even? notice|care if|when i was|were|am gone|dead|missing",
    ]),  # no laugh guard: "…if i was gone lol" masks, it does not joke
    _r("self_harm.hopeless", "en", "now", [
        "do not know why i am still here|alive|around",
    ], guards=[g_clause("work school party class meeting store job line office shift practice city town state "
                        "house place apartment")]),
    _r("self_harm.plan", "en", "now", [
        "painless|easiest|quickest|fastest way to go|die",
        "painless|easiest|quickest|fastest way to end|do it",
        "most painless way",
    ], guards=[g_laugh], personal=True),
    # ================================================================ session 5 (v9's missed families)
    _r("exploitation.survival", "es", "now", [
        "me|nos deja|dejan|dejaba dormir|quedarme|quedar|vivir|comer ahi|aqui|alla|ahí? si hago|tengo|doy cosas|sexo|favores",
    ]),
    _r("assault.forced", "en", "unclear", [
        "should|can|do i shower|bathe|wash",
    ], needs="happened", guards=[g_laugh, g_clause("practice game gym mud workout run sweaty paint hair tan")]),
    _r("assault.forced", "en", "unclear", [
        "did not say yes",
    ], guards=[g_laugh, g_next("to"), g_prev("he they you we"),
               g_clause("asked ask out prom proposal offer invite job college")]),
    _r("self_harm.plan", "en", "now", [
        "amount|much|many of? {DRUG} that|to|would|will actually? does|do|kill|end it",
        "amount|much|many of? {DRUG} is|would be|are lethal|deadly|fatal|enough",
    ], guards=[g_laugh], personal=True),
    _r("self_harm.hopeless", "en", "now", [
        "how much|many longer i can do|take this|it",
        "how much|many longer i can keep going",
    ], guards=[g_laugh, g_clause(_TRIVIAL + " game team class job work shift practice")]),
    _r("self_harm.plan", "en", "now", [
        "nap|sleep with a|the whole bottle",
    ]),
    _r("self_harm.plan", "es", "now", [
        "escribi|deje|dejo|escribo cartas|carta a|para mis|mi|todos",
    ], needs="perdon adios despedirme despedida gracias quieran cuiden"),
    _r("medical.unresponsive", "en", "acute", [
        "barely responsive|responding|conscious",
    ], guards=[g_laugh, g_clause(_WAKE_TRIVIAL)]),
    _r("medical.pills", "es", "acute", [
        "se tomo|trago las|unas|sus|muchas pastillas|pildoras",
    ], guards=[g_next("para")]),  # "se tomó las pastillas para el dolor"
    # ================================================================ exploitation
    _r("exploitation.made_to", "en", "now", [
        "{COERCE_STRONG} {OBJ} to? have|having sex with {CLIENTS}",
        "tell|tells|told|wants|wanted {OBJ} to have sex with {CLIENTS}",
        "{COERCE_STRONG} {OBJ} to? sleep|sleeping|hook|hooking|be|mess|messing|fool|fooling up|around? with {CLIENTS}",
        "tell|tells|told|wants|wanted {OBJ} to sleep with {CLIENTS}",
        "tell|tells|told|wants|wanted {OBJ} to hook up with {CLIENTS}",
        "{COERCE_STRONG} {OBJ} to? do|doing sexual? stuff|things with {CLIENTS}",
        "{COERCE} {OBJ} to? {PROST}",
        "{COERCE_STRONG} {OBJ} to? work|pay it? off|back what|the|my|her {SUBJ}? owe|owes|debt",
        "send|sends|sent|sending|bring|brings|brought men|guys|dudes|johns|clients|customers _? _? _? _? for|to "
        "{FPOBJ}|her",
        "set|sets|setting|book|books|booked|booking|arrange|arranges|arranged|arranging up? _? dates|meetups|calls "
        "_? for {OBJ}",
        "let|lets {CLIENTS} have sex|sleep with {OBJ}",
    ], guards=[g_dates_calendar]),
    _r("exploitation.sold", "en", "now", [
        "sell|sells|selling|sold|sellin {OBJS}",
        "{SUBJ} {BE}* being|getting sold|pimped|prostituted",
        "{SUBJ} {BE}* was|were|got|been|get|gets sold|pimped|prostituted",
        "{SUBJ} _? _? _? is|are|was|were|gets|get|got|keeps being|getting? sold|pimped|prostituted",
    ], guards=[
        g_object(_FOLLOW_OK_SOLD + " by out"),
        g_clause(_SCAM),
        g_span_next("sold sell sells selling sellin", "out"),
        g_next_seq("on", "the|this|that|his|her|your", "idea|plan|deal|concept|product|dream|offer|pitch"),
    ]),
    _r("exploitation.trafficked", "en", "now", [
        "traffic|traffics|trafficking|trafficked {OBJ}",
        "{SUBJ} {BE}+ being? sex? trafficked",
        "is|are|am|was|were|been|get|gets|got|getting being? sex? trafficked",
        "{SUBJ} {BE}+ a victim of sex|human|child? trafficking",
    ], guards=[g_next("drugs weed guns")]),
    _r("exploitation.trafficked", "en", "unclear", [
        "{SUBJ} {BE}+ a survivor of sex|human|child? trafficking",
    ]),
    _r("exploitation.sex_for_pay", "en", "now", [
        "{SEX} _? _? _? for {REWARD}",
        "{SEX} _? _? _? in exchange for {REWARD}",
        "{SEX} _? _? _? so|to i|she|he? can|could? get|have|keep|pay {REWARD}",
        "{SEX} _? _? _? so|to|or|because i|she|he? can|could? stay|sleep|live|crash|eat",
        "{SEX} _? _? so|or|because he|she|they let|lets|will {OBJ} stay|sleep|live|crash|eat",
        "{REWARD} _? _? _? for sex|nudes|pics|head|blowjobs",
        "pay|pays|paid|paying rent|him|her|them|it|back|debt _? with sex|myself|herself",
        "pay|pays|paid|paying _? _? back? with my|her body",
        "pay|pays|paid|paying {OBJS} money|cash? for|to nudes|pics|pictures|videos|vids|sex|head|send|take|"
        "strip|show",
        "pay|pays|paid|paying him|them|her|daddy _? _? to be|sleep|hook|have with|up|sex {FPOBJ}|her|with",
        "pay|pays|paid|paying him|them|her|daddy to have sex with {OBJ}",
        "trade|trades|trading|traded|exchange|exchanging sex|myself|herself",
        "trade|trades|trading|traded|exchange|exchanging my|her body",
        "get|gets|got|getting paid to|for {SEX}",
        "pay|pays|paid|paying to {SEX}",
        "pay|pays|paid|paying for sex with {OBJ}",
        "sell|sells|selling|sold my|her|his body",
        "sell|sells|selling|sold {SELF} for|to|online",
        "do|doing|does sex work",
        "{SUBJ} {BE}+ a sex worker",
        "{SUBJ} {BE}+ a prostitute|hooker",
        "{SUBJ} {BE}+ an escort",
        "prostitute|prostitutes|prostituting|prostituted {SELF}|me|her",
        "work|working as an escort|prostitute",
    ], guards=[g_next_seq("for", "school|class|fun|free")]),
    _r("exploitation.sex_for_pay", "en", "unclear", [
        "arrested|charged|picked|busted|caught up? for prostitution|soliciting|solicitation|escorting",
    ]),
    _r("exploitation.survival", "en", "now", [
        "have|has|had|got to {SEXSTRICT} with {ANYP}",
    ], needs=_SURVIVAL_CTX),
    _r("exploitation.survival", "en", "now", [
        "{SEXSTRICT} with {ANYP}",
    ], needs="kick kicks kicked kicking rent roof couch owe owes"),
    _r("exploitation.survival", "en", "now", [
        "i|we am|are|was|were|been doing stuff|things|favors for rides|food|weed|drugs|money|cash|somewhere",
        "i|we do|did stuff|things|favors for rides|food|weed|drugs|money|cash|somewhere",
        "i|we am|are|was|were|been doing stuff|things|favors for a place",
        "few|couple|bunch|some|two|three|four|five guys|men|dudes a|per|every week|night|day for",
        "be|being his|their _? girlfriend|gf _? for his|their friends|boys|homies|guys",
    ], guards=[g_clause("chores homework lawn dishes neighbor neighbors grandma grandpa babysitting job shift")]),
    _r("exploitation.moved", "en", "now", [
        "{SUBJ3} {BE}* move|moves|moving|moved|take|takes|taking|drive|drives|driving us|me|her to a|another "
        "different|new hotel|motel|city|state every",
        "get|gets|got|getting|are|is|keep|keeps|been moved|taken|driven to a|another different|new hotel|motel "
        "every",
        "get|gets|got|getting|being|been shipped|trafficked to",
        "to _? work _? at a|the hotel|motel",
        "{SUBJ3} said|says i|we is|do|have|am not got|have|has? no|a choice",
    ]),
    _r("self_harm.plan", "en", "now", [
        "giving|gave|give away my stuff|things|stuff|belongings|clothes|shoes|games|room",
        "my little? sis|sister|brother|bro|mom|friend|cousin can have my",
    ], needs="giving gave give away", guards=[
        g_clause("move moving moved donate donating garage yard sale closet declutter decluttering goodwill "
                 "college dorm outgrew small smaller anymore"),
    ]),
    _r("assault.forced", "en", "unclear", [
        "i|she did not want it|to",
    ], needs="happened", guards=[g_clause("gift present sweater food job class trip game movie")]),
    _r("assault.touched", "en", "unclear", [
        "keeps|kept|keep doing the|that thing|stuff",
    ], needs="leave leaves leaving alone gone asleep"),
    _r("assault.touched", "en", "unclear", [
        "did|does|done|doing something to me|her this|last|today|tonight|yesterday|after|at",
    ], guards=[g_clause("surprise birthday gift present prank makeover hair nails")]),
    _r("exploitation.ads", "en", "now", [
        "ad|ads|advert|adverts|advertisement|advertisements|listing|listings of|for|with {OBJ}",
        "ad|ads|advert|adverts|advertisement|advertisements|listing|listings of|for|with my|her|his pics|"
        "pictures|photos|body",
        "sell|sells|selling|sold my|her|his|our nudes|pics|pictures|photos|videos|vids|content",
        "sell|sells|selling|sold nudes|pics|pictures|photos|videos|vids of {OBJ}",
    ]),
    _r("exploitation.ads", "en", "now", [
        "{POST} {OBJ} on|online|up",
        "{POST} my|her|his pics|pictures|photos|nudes|videos|body on|online|up",
        "{POST} ads",
        "{POST} pics|pictures|photos|videos|vids|nudes of {OBJ} on|online|up|for",
    ], needs=_SITES_CTX,
        guards=[g_clause("story stories insta instagram ig snap snapchat tiktok facebook fb twitter")]),
    _r("exploitation.sextortion", "en", "now", [
        "threaten|threatens|threatened|threatening to {LEAK} my|her|our|his {NUDE}",
        "going|gonna|about to {LEAK} my|her|our|his {NUDE}",
        "{MODAL} {LEAK} my|her|our|his {NUDE}",
        "{MODAL}|going|gonna|to leak|expose|release my|her|our|his pics|pictures|photos|videos|vids",
        "leak|post|send|share|expose my|her|our|his pics|pictures|photos|videos|vids|nudes if|unless",
        "leak|post|send|share|expose the|my|her|our|those|that pics|pictures|photos|video|videos|vids|nudes "
        "of us|me|her _? if|unless",
        "making|made|makes|forcing|forced {OBJS} send|sending him|them|her? nudes|naked|pics|pictures",
    ]),
    _r("exploitation.sextortion", "en", "now", [
        "sextortion|sextorting|sextorted",
        "blackmail|blackmails|blackmailed|blackmailing {OBJ}",
    ], needs="pics pictures photos videos vids nudes naked sextortion sextorted sextorting", coded=True),
    _r("exploitation.debt", "en", "now", [
        "work|working|pay|paying off my|the|her|a|this|his debt|debts",
        "work|working it off",
        "pay|paying him|them|her back",
        "i|she|he|we owe|owes him|them|her|my|his",
        "says|said i|she owe|owes",
        "in debt to",
    ], needs=_SEX_CTX),
    _r("exploitation.debt", "en", "now", [
        "work|working|pay|paying it|this|that off|back with {CLIENTS}",
        "work|working it off with his|her|their friends|boys|homies",
    ]),
    _r("exploitation.made_to", "en", "now", [
        "drive|drives|drove|driving|take|takes|took|taking|bring|brings|brought|drop|drops|dropped {OBJS} to "
        "meet|see|meeting|seeing {CLIENTS}",
        "{COERCE_STRONG} {OBJ} to? go|going with {CLIENTS}",
    ], needs=_PIMP_CTX + " rent"),
    _r("exploitation.sex_for_pay", "en", "now", [
        "let|lets|letting {OBJS} stay|sleep|live|crash _? _? _? if|when|because|since i|she|we {SEX}",
        "let|lets|letting {OBJS} stay|sleep|live|crash _? _? _? as long as i|she|we {SEX}",
    ]),
    _r("exploitation.ads", "en", "now", [
        "{COERCE} {OBJ} to? post|posting|advertise|advertising on|to|ads {SITES}?",
        "{POST} {OBJ} on {SITES}",
        "{SUBJ} {BE}* on {SITES}",
    ], needs=_SITES_CTX.replace(" ads ad ", " ") + " megapersonals skipthegames",
       guards=[g_clause("story stories insta instagram ig snap snapchat tiktok facebook fb twitter couch bike "
                        "furniture sell selling stuff")]),
    _r("exploitation.sex_for_pay", "en", "now", [
        "pay|pays|paid|paying {OBJS} to come|go over",
        "pay|pays|paid|paying {OBJS} to come|go to his|her|their place|house|room|hotel|motel|car",
    ], needs="stuff things sex body pics touch naked nudes sleep"),
    _r("exploitation.made_to", "en", "now", [
        "meet|see|visit {CLIENTS} for {REWARD}",
        "party|sleep with {CLIENTS} for {REWARD}",
        "{OBJS} on {SITES}",
    ]),
    _r("exploitation.ads", "en", "now", [
        "post|posting|posted|renew|renewing|make|making my|her|the|our ads|ad",
        "put|putting up my|her|the|our ads|ad",
    ], needs=_PIMP_CTX.replace(" ads ", " ").replace("money cash ", "") + " daddy pimp", coded=True),
    _r("exploitation.coded_dates", "en", "now", [
        "do|does|doing|did dates for",
        "go|going|went on dates for",
        "have|has|had|got|need|needs to do dates",
        "gotta do dates",
    ], guards=[g_dates_calendar], coded=True),
    _r("exploitation.sex_for_pay", "en", "now", [
        "{SEXSTRICT} with whoever|whomever|anyone|anybody|everyone|everybody he|she|they|daddy",
        "have|has|had|got to {SEXSTRICT} with whoever|whomever|anyone|anybody",
        "get|gets|got|getting|paid|pay|pays|paying {OBJS}? to|for send|sending|take|taking|make|making "
        "nudes|naked|nude|explicit|sexy|pics|videos",
        "give|gives|gave|giving {OBJS} {REWARD} _? _? _? _? if|when|for|so i|she {SEX}",
        "{COERCE_STRONG} {OBJ} to? go _? _? _? and be|sleep|mess with {CLIENTS}",
    ]),
    _r("exploitation.coded_track", "en", "now", [
        "truck stop|stops",
    ], needs="daddy pimp men guys johns dates money tricks made makes make", coded=True),
    _r("exploitation.ads", "en", "now", [
        "film|films|filmed|filming|record|records|recorded|recording {OBJS} and sell|sells|sold|selling|post|"
        "posts|posted|posting",
        "dates|johns|tricks|clients|customers off|on|from {SITES}",
    ]),
    _r("exploitation.made_to", "en", "now", [
        "drive|drives|drove|driving|take|takes|took|taking|bring|brings|brought|drop|drops|dropped {OBJS} "
        "to|at|off _? _? to meet|see|meeting|seeing|sleep|do {CLIENTS}",
    ], needs=_PIMP_CTX + " hotels motels"),
    _r("exploitation.coded_daddy", "en", "now", [
        "work|works|working|worked for my|a|the|his|her? same? daddy|pimp",
        "catch|catching|caught|get|getting dates",
    ], coded=True, guards=[g_dates_calendar]),
    _r("exploitation.coded_fee", "en", "now", [
        "choosing fee|fees",
        "{SUBJ3} {BE}* takes|took|take|keeps|kept|keep|taking|keeping all? of? my|her|the money",
    ], needs="choosing daddy pimp", coded=True),
    _r("exploitation.coded_daddy", "en", "now", [
        "has|have|got a daddy",
    ], needs=_PIMP_CTX, coded=True),
    _r("exploitation.survival", "en", "now", ["survival sex"], coded=True),
    _r("exploitation.money", "en", "now", [
        "give|gives|gave|giving|hand|hands him|them|daddy all|all of? the|my|her money i|she|we make|makes|made|earn",
        "take|takes|took|taking|keep|keeps|kept|keeping all? the|my|her money the? men|guys|johns|clients|"
        "customers|tricks|dates pay|paid|give|gave",
    ]),
    _r("exploitation.pimp", "en", "now", [
        "my|his|her|their|our pimp",
        "pimping|pimps|pimped {OBJ}",
    ]),
    _r("exploitation.coded_daddy", "en", "now", [
        "my|his|her|their|our daddy {BE}* make|makes|made|forces|forced|sends|sent|wants|tells|told|puts|put|has {OBJ}",
    ], needs=_PIMP_CTX, guards=[
        g_clause("chores homework dishes church bed dinner vegetables clean practice lawn yard grass"),
    ], coded=True),
    _r("exploitation.coded_track", "en", "now", [
        "{TRACKV} the track|blade|stroll",
        "{TRACKV} the ho|hoe stroll",
    ], guards=[g_clause(_SPORTS_MUSIC)], coded=True),
    _r("exploitation.coded_dates", "en", "now", [
        "{COERCE_STRONG} {OBJ} to? go|going on dates",
        "{COERCE_STRONG} {OBJ} to? do|doing|see|seeing|have|take|taking dates",
        "dates with men|guys|strangers|johns|clients|older|grown|old|random",
        "dates for money|cash|him|daddy",
        "re:^\\d+$|several|multiple|many|few dates a|per|each|every night|day",
        "my|her dates pay|paid|want|wanted|hurt|give|gave",
        "make|made|makes|making money|cash? from|on|doing dates",
    ], guards=[g_dates_calendar], coded=True),
    _r("exploitation.sent", "en", "now", [
        "sent|send|sends|sending|taken|take|takes|driven|dropped|drops to|at|into hotels|motels|hotel|motel "
        "rooms? to meet|see men|guys|clients|dudes|johns|strangers",
        "sent|send|sends|sending|taken|take|takes|driven|dropped|drops to|at|into hotels|motels|hotel|motel "
        "rooms? to be|sleep with men|guys|clients|dudes|johns|strangers",
        "forced|made|forcing|making to dance|strip at|in|for",
    ]),
    _r("exploitation.coded_quota", "en", "now", [
        "make|making|made|meet|meeting|hit|hitting|reach|reaching|get|finish|fill|makes my|her|the|a|his|their? quota",
        "make|making|made|hit|hitting|meet|reach my|her|the|our trap",
        "my|her|his|our quota",
        "quota for|by the|tonight|night|day",
        "quota to make|meet|hit|fill|reach",
        "bring|brings|bringing back|home|in? the? money|cash every|each|a night|day",
        "can|could not come|go back|home|in until|till|unless i|she|we make|makes|bring|get re:^\\d+$|money|"
        "enough|my|the",
        "see|seeing|do|meet|fuck|sleep re:^\\d+$|several|many|multiple guys|men|johns|clients|dudes a|per|each|"
        "every night|day",
        "see|seeing|do|meet|fuck|sleep with? re:^\\d+$|several|many|multiple guys|men|johns|clients|dudes "
        "tonight|today",
        "or i|she|we can|could not come|go back|home",
    ], guards=[
        g_clause("lunch school field trip class bus"),
        g_clause("sales job shift store calls reading steps words pages homework school class practice "
                 "gym pushups water fiber protein books essay credits hours volunteer boss"),
        g_clause_re(r"\bat work\b"),
    ], coded=True),
    _r("exploitation.coded_trick", "en", "now", [
        "turn|turns|turned|turning tricks|trick",
        "trick|tricks|tricking for money|cash|him|food|drugs|rent|daddy",
        "a|the|my|this|her|that trick|tricks|john|johns paid|pays|pay|picked|wanted|wants|took|hurt|raped|came",
        "with a trick|john",
        "my|her johns",
    ], guards=[
        g_clause("magic card skate skateboard bmx party hat treat question shot trade dog dogs deere"),
        g_next("question shot"),
        g_span_next("trick", "is to"),  # "the trick is to…"
    ], coded=True),
    _r("exploitation.coded_life", "en", "now", [
        "in|into|leave|left|leaving|quit|quitting|escape|escaped|escaping|exit|exited the life",
        "out of the life",
    ], guards=[
        g_next("of cycle span story i we you he she they that which expectancy insurance lessons lesson "
               "changing skills coach is hack hacks"),
        g_prev("day moment story time best"),
        g_span_clause("left leave leaving quit quitting escape escaped escaping exit exited out",
                      "group groups support program programs youth survivors"),
    ], coded=True),
    # Spanish exploitation
    _r("exploitation.made_to", "es", "now", [
        "{ES_OBJ} obliga|obligan|obligo|obligaron|fuerza|fuerzan|forzo|forzaron|hace|hacen|hizo|"
        "hicieron|manda|mandan|mando|pone|ponen a? {ES_SEXV} con {ES_CLIENT}",
        "obliga|obligan|obligo|obligaron|fuerza|fuerzan|forzo|forzaron a {ES_DET} {ES_WHO} a {ES_SEXV} con {ES_CLIENT}",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|fuerza|fuerzan|hace|hacen|manda|mandan|pone|ponen a? "
        "prostituirme|prostituirse",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|fuerza|fuerzan|hace|hacen|manda|mandan|pone|ponen a? "
        "vender mi|su cuerpo",
        "{ES_OBJ} manda|mandan|mando|mandaron|lleva|llevan|llevo|llevaron|pone|ponen con|a clientes|hombres|"
        "senores|tipos",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|hace|hacen a? trabajar _? _? _? para pagar",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|hace|hacen|pone|ponen|manda|mandan a trabajar|estar con "
        "{ES_CLIENT}",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|hace|hacen|pone|ponen|manda|mandan a? trabajar|pararme en la "
        "calle|calles|esquina",
        "{ES_OBJ} hace|hacen|hizo|obliga|obligan {ES_SEXV} con {ES_CLIENT}",
        "tengo|tiene|tienen|tenemos que {ES_SEXV} con _? _? _? por|para {ES_REWARD}",
        "tengo|tiene|tienen|tenemos que {ES_SEXV} con _? _? _? para tener {ES_REWARD}",
        "tengo|tiene|tienen|tenemos que {ES_SEXV} con _? _? _? para tener donde",
        "{ES_SEXV} con {ES_CLIENT} por|para {ES_REWARD}",
    ]),
    _r("exploitation.sold", "es", "now", [
        "{ES_OBJ} vende|venden|vendio|vendieron|vendia|vendian",
        "{ES_OBJ} esta|estan vendiendo",
        "{ES_OBJ} va|van|quiere|quieren|iba|iban a? vender",
        "esta|estan|fue|fui|estoy|es|soy siendo? vendida|vendido|vendidas|vendidos",
        "vender|vendiendo|vendo|vende mi|su cuerpo",
        "{ES_OBJ} prostituye|prostituyen|prostituyo|prostituyeron",
    ], guards=[g_object("a por con en cada otra otro y pero porque como ahora todas todos ya"), g_prev("se")]),
    _r("exploitation.pimp", "es", "now", ["mi|su padrote|proxeneta|chulo|padrotes"]),
    _r("exploitation.sex_for_pay", "es", "now", [
        "{ES_SEXTOK} _? _? _? por {ES_REWARD}",
        "{ES_SEXTOK} _? _? _? a cambio de {ES_REWARD}",
        "{ES_SEXTOK} _? _? _? para tener {ES_REWARD}",
    ]),
    _r("exploitation.ads", "es", "now", [
        "anuncio|anuncios de mi|ella|nosotras",
        "anuncio|anuncios con mis|sus fotos",
        "fotos|videos|desnudos mias|mios|suyas de? en|para anuncios|paginas|internet",
        "publica|publican|publico|sube|suben|subio|pone|ponen mis|sus fotos en paginas|anuncios|internet",
        "vende|venden|vendio|vendieron mis|sus fotos|videos|desnudos|nudes",
    ]),
    _r("exploitation.debt", "es", "now", [
        "le|les debo|debe",
        "pagar|pagarle la deuda",
    ], needs="sexo hombres clientes cuerpo acostarme relaciones estar"),
    _r("exploitation.trafficked", "es", "now", [
        "{ES_OBJ} trafican|trafica|traficaron|trafico",
        "soy|fui|es|fue|estoy siendo? victima de trata",
    ]),
    # ================================================================ assault
    _r("assault.rape", "en", "unclear", [
        "raped|molested|groped {OBJ}",
        "sexually assaulted|abused|assault {OBJ}",
        "assaulted {OBJ}",
        "{SUBJ} {BE}+ raped|molested|groped|assaulted",
        "{SUBJ} {BE}+ sexually assaulted|abused",
        "tried to rape|molest {OBJ}",
        "rapes|molests|gropes|fondles {OBJ}",
        "got|get|gets|getting|been raped|molested|groped",
        "got|get|gets|been sexually assaulted|abused",
        "rapped {FPOBJ}|her",
    ], guards=[g_clause("game match fortnite league valorant song verse beat lyrics bars")]),
    _r("assault.rape", "en", "now", [
        "raping|molesting|groping|assaulting {OBJ}",
        "{SUBJ} {BE}* being raped|molested|assaulted|groped",
        "{SUBJ} {BE}* being sexually abused|assaulted",
    ]),
    _r("assault.forced", "en", "unclear", [
        "forced|forces|made|makes|pressured|pressures|pushed|coerced {OBJ} to? have|having sex",
        "forced|forces|made|makes|pressured|pressures|pushed|coerced {OBJ} to? sleep with him|her|them",
        "forced|forces|made|makes|pressured|pressures|pushed|coerced {OBJ} to? do sexual stuff|things",
        "forced|forces|made|makes|pressured|pressures|coerced {OBJ} to? touch him|his|her|them",
        "forced|forces|made|makes|pressured|pressures|coerced {OBJ} to? suck|undress|strip",
        "forced|forces|made|makes|pressured|pressures|coerced {OBJ} to? give him|them head",
        "forced|forces|made|makes|pressured|pressures|coerced {OBJ} to? give him|them|her a? blowjob|bj|oral",
        "forced|forces|made|makes|pressured|pressures|coerced {OBJ} to? do|give|perform oral|anal",
        "forced himself|herself|themselves on|onto {OBJ}",
        "had|has sex with {OBJ} when|while i|she|he|we was|were|am|is asleep|sleeping|drunk|high|"
        "passed|unconscious|drugged|wasted",
        "did|do|does not consent",
        "said no but|and {SUBJ3} kept|still|did|forced|would|just",
        "not stop when|after|even|though|while i|she|we said|say|told|asked|begged|cried|screamed",
        "forced|forces|coerced {OBJ} to? do stuff|things|it|sexual",
        "forcing|making|pressuring {OBJ} to? have|having sex",
        "forcing|making|pressuring {OBJ} to? do sexual stuff|things",
        "made|makes|making|forced|forcing {OBJS} go down on",
        "made|makes|making|forced|forcing {OBJS} do stuff|things i|she|he did|do|does not want|like",
        "not stop even when|though|after|if|while i|she|we was|were said|cried|crying|begged|screamed|told|asked",
        "did|does|do it anyway after|when|though|even i|she said|told|asked|begged",
        "said no _? _? _? and|but he|she|they|him kept|still going|doing|touching|pushing",
        "told|tell|telling him|her|them no _? _? _? and|but he|she|they kept|still going|doing|touching|pushing",
        "froze|cried|crying|frozen and he|she|they just? kept going|touching|pushing|doing",
        "held|holds|pinned|pins|holding|pinning {OBJS} down",
        "passed|passing|pass {OBJS} around",
        "need|get|want|getting a rape kit",
        "drugged and? then? assaulted|raped|molested|touched|abused",
        "forcing|forces himself|herself|themselves on|onto {OBJ}",
        "got|gets|getting {OBJS} drunk|wasted|high|drugged and? then? had|has|did|does sex|stuff|things",
        "raped|molested at|last|this|yesterday|earlier",
        "sexually assaulted at|last|this|yesterday|earlier",
        "made|makes|making|forced|forcing {OBJS} take|taking my|her|his|our? clothes|pants|shirt|underwear off",
        "made|makes|making|forced|forcing {OBJS} strip|undress",
        "sent|posted|shared|leaked|spread|sends|posts|shares|leaks|spreads my|her nude|nudes|naked",
        "video|videos|vid|pics|pictures|photos|pic of {OBJS} naked|nude|undressed|changing|showering",
        "records|recorded|recording|films|filmed|filming {OBJS} when|while i|she am|is|was|were changing|"
        "showering|undressed|naked|sleeping|asleep",
        "grabbed|grabs|touched|touches|groped {OBJS} between my|her legs",
        "after|since being raped|molested|assaulted|groped",
        "after being sexually assaulted|abused",
    ]),
    _r("assault.images", "en", "unclear", [
        "pics|pictures|photos|video|videos|vids of {OBJS} without clothes|my|her|consent|asking",
        "recorded|filmed|videoed {OBJS} without",
        "spreading|sharing|posting|leaking|sending|showing naked|nude pics|pictures|photos|videos|vids",
        "spreading|sharing|posting|leaking|sending|showing my|her nudes",
        "my|her nudes|pics|pictures|video|videos {BE}* getting|being leaked|shared|posted|spread|sent",
        "airdropping|airdropped|airdrop|airdrops my|her nudes|pics|pictures|video|videos|body",
        "video|videos|vid|vids|pics|nudes of me|her going around",
        "video|videos|vid|vids|pics|nudes of me|her getting|being passed around",
        "did not know i|she|it? was|were being filmed|recorded",
    ], guards=[g_prev("stop prevent about against avoid")]),
    _r("assault.forced", "en", "unclear", [
        "woke|wake|wakes|waking up and {SUBJ3} {BE}* having sex with {FPOBJ}|her",
        "woke|wake|wakes|waking up and {SUBJ3} {BE}* touching|undressing|raping|inside {FPOBJ}|her",
        "woke|wake|wakes|waking up and {SUBJ3} {BE}* on top of {FPOBJ}|her",
        "woke|wake|wakes|waking up to {OBJ} touching|undressing|raping {FPOBJ}|her",
        "woke|wake|wakes|waking up to {OBJ} having sex with {FPOBJ}|her",
        "woke|wake|wakes|waking up to {OBJ} on top of {FPOBJ}|her",
        "woke|wake|wakes|waking up with {OBJ} on top of|inside {FPOBJ}|her",
        "did|does|do|doing|tried stuff|things|something to {OBJS} while|when i|she|he was|were|am|is "
        "asleep|sleeping|passed|drunk|high|unconscious|drugged|wasted|blacked|out",
        "did|does|do stuff|things to {OBJS} i|she|he did|do|does not want|like|consent",
        "did|does not take no for an answer",
        "did|does|doing stuff|things while|when i|she|he was|were|am|is asleep|sleeping|passed|drunk|high|"
        "unconscious|drugged|wasted|blacked",
    ], needs="sex touch touched touching undressing top inside stuff things asleep sleeping passed "
             "drunk unconscious drugged sick party body pants bed naked kissed date hookup ago"),
    _r("assault.forced", "en", "unclear", [
        "pulled|pulls|took|takes|ripped|rips|yanked|tore my|her pants|clothes|shirt|underwear|panties|skirt|"
        "shorts|bra|dress down|off",
    ], guards=[g_laugh, g_prev("i we")]),
    _r("assault.forced", "en", "unclear", [
        "{SUBJ3} {BE}* does|did|do|doing stuff|things to {OBJS}",
    ], needs="night bed bedroom room alone touch touches touched body private sex uncomfortable want weird "
             "secret scared wrong gross again"),
    _r("assault.forced", "en", "unclear", [
        "drunk|asleep|high|wasted|unconscious|sleeping|out and|when|while he|she|they|someone|somebody|him "
        "had|has|started|was having? sex",
        "drunk|asleep|high|wasted|unconscious|sleeping|out and|when|while he|she|they|someone|somebody|him "
        "touched|raped|undressed|molested",
        "took|takes|taking advantage of {OBJS}",
    ], needs="drunk asleep high sex touched party passed body wasted sleeping drugged unconscious"),
    _r("assault.forced", "en", "unclear", [
        "woke|wake|waking up naked|undressed",
        "woke|wake|waking up _? _? _? _? and|with my|her clothes|pants|underwear|shirt|panties were|was? "
        "off|gone|missing|removed|undone|down",
        "woke|wake|waking up _? _? _? _? with no|without pants|clothes|underwear|panties",
    ], needs="remember drink drunk party he him his guy guys drugged clothes pants underwear panties"),
    _r("assault.touched", "en", "unclear", [
        "put|puts|putting|stuck|sticks|shoved his|her|their hand|hands|fingers|finger|mouth|dick|penis|thing "
        "in|down|up|inside|under my|her|his pants|shirt|skirt|underwear|panties|bra|dress|shorts",
        "got|get|gets|getting|been|being touched|groped|fondled|molested by",
    ], guards=[g_clause("story song video movie speech words kindness letter gesture pocket pockets keys phone")]),
    _r("assault.rape", "en", "unclear", [
        "{SUBJ} {BE}* got|get|been|was|were rapped",
    ], guards=[g_clause("song verse beat lyrics bars battle cypher mic track album")]),
    _r("assault.forced", "en", "unclear", [
        "without my|her|his|their consent",
    ], needs="sex touched touch touching slept kissed raped stuff things pants clothes body undressed"),
    _r("assault.forced", "en", "unclear", ["{SUBJ3} forced {OBJ}"], guards=[g_forced_plain]),
    _r("assault.touched", "en", "unclear", [
        "touches|touched me|her|him",
        "keeps touching me|her|him",
    ], guards=[
        g_prev("it that this story song which what video movie book words speech"),
        g_next_seq("on|by", "the|my|her|his", "shoulder|arm|hand|hands|head|back|elbow|wrist|face|hair"),
        g_next_seq("on|by", "shoulder|arm|hand|hands|head|back|elbow|wrist|face|hair"),
        g_next("emotionally deeply so"),
    ]),
    _r("assault.touched", "en", "unclear", [
        "{SUBJ3} {BE}* touched|touches|touching|fondled|fondles|fondling {OBJ}",
        "touched|touches|touching|grabbed|grabs|grabbing|groped|gropes my|her|his private|privates|parts|"
        "butt|ass|breasts|boobs|chest|crotch|vagina|penis|dick|junk|body|genitals",
        "touched|touches|touching {OBJ} down there|inappropriately|without|where",
        "make|makes|made|forced|forces {OBJ} touch him|his|her|them",
    ], guards=[
        g_next_seq("on|by", "the|my|her|his", "shoulder|arm|hand|hands|head|back|elbow|wrist|face|hair"),
        g_next_seq("on|by", "shoulder|arm|hand|hands|head|back|elbow|wrist|face|hair"),
        g_next("emotionally deeply"),
    ]),
    # Spanish assault
    _r("assault.rape", "es", "unclear", [
        "{ES_OBJ} violaron|violo|viola|violan|violaba|violaban",
        "fui|fue violada|violado|abusada|abusado",
        "he|ha sido violada|violado|abusada|abusado",
        "{ES_OBJ} abuso|abusaron|abusa|abusan|abusaba sexualmente?",
        "abuso|abusaron|abusa|abusan|abusaba sexualmente? de mi|ella|el|nosotras",
    ], guards=[g_next("confianza paciencia bondad")]),
    _r("assault.rape", "es", "now", ["{ES_OBJ} esta|estan violando|abusando"]),
    _r("assault.touched", "es", "unclear", [
        "padrastro|papa|padre|tio|primo|hermano|novio|abuelo|vecino|maestro|profesor|entrenador|senor|"
        "hombre|jefe|madrastra|mama|tia|pastor|padrino me|la|lo toca|tocaba|toco|toquetea|manosea|manoseo",
    ]),
    _r("assault.touched", "es", "unclear", [
        "{ES_OBJ} toco|toca|tocan|tocaron|tocaba|toquetea|toqueteo|manosea|manoseo sin|mis|sus|donde|abajo|"
        "ahi|partes|pechos|cuerpo",
    ]),
    _r("assault.forced", "es", "unclear", [
        "{ES_OBJ} obligo|obligaron|obliga|obligan|forzo|forzaron a tener sexo|relaciones",
        "{ES_OBJ} obligo|obligaron|obliga|obligan|forzo|forzaron a hacer cosas",
        "sin mi|su consentimiento",
        "{ES_OBJ} toco|tocaron|toca|tocan sin permiso",
        "{ES_OBJ} toco|tocaron|toca|tocan sin mi|su permiso",
        "no paro|para|paraba cuando|aunque|despues le|les dije|dijo|dijimos que no|pare|basta",
        "{ES_OBJ} drogaron|drogo|drogan",
        "desperte|amaneci|desperto|amanecio sin ropa|desnuda|desnudo|sin pantalones",
        "{ES_OBJ} obligo|obligaron|obliga|obligan|forzo|forzaron a quitarme|quitarse|desnudarme|desnudarse|"
        "desvestirme|desvestirse",
    ]),
    _r("assault.forced", "es", "unclear", [
        "{ES_OBJ} forzo|forzaron|abuso|abusaron",
    ], guards=[g_next_seq("a", "ir|hacer|venir|comer|estudiar|limpiar|trabajar|salir")]),
)


# --------------------------------------------------------------------------
# Issue #5, round 3: concept families a second blind dev set showed missing.
# Each rule names a family (bare calls for help, not knowing where one is,
# control by papers/phone/cameras, threats against family, debts and rent paid
# with sex, sextortion, indirect suicide language, medical states after a
# substance) in general terms: lemmas, synonym sets, coded words, Spanish.
# --------------------------------------------------------------------------

_ALONE_OK = _ws("i am please help now right really so just think rn is it")


def g_alone(extra: str = "") -> Guard:
    """Suppress unless the span is (nearly) the whole message: bare 'pls hurry', 'overdose'.

    Such short texts are alarming on their own but ordinary inside a longer sentence
    ("overdose prevention", "please hurry with the address")."""
    ok = _ALONE_OK | _ws(extra)
    return lambda c: any(
        w.isalpha() and w not in ok for i, w in enumerate(c.words) if not c.start <= i < c.end
    )


_HOME_FAMILY = _ws("mom mother mum mama grandma grandmother aunt sister dog cat puppy kitten baby")
_MALE_CTX = _ws("boyfriend husband friend 's uncle stepdad stepbrother cousin guy man dude brother dad")


def g_family_visit(c: _Ctx) -> bool:
    """'my mom comes into my room at night' is care; 'my mom's boyfriend comes into…' is not."""
    return any(w in _HOME_FAMILY for w in c.clause) and not any(w in _MALE_CTX for w in c.clause)


_SUBSTANCE = (
    "took take taking taken gave given handed smoked smoking drank drink drinking laced spiked pill pills "
    "pipe bean beans blues percs perc xan xans bars molly drugs drug using used hitting snorted shot "
    "injected overdosing overdose od insulin edible edibles vape weed dope fent fentanyl"
)
_SYMPTOM = (
    "heart hart chest breathing breathe numb shaking sweating seeing hallucinating vision eyes stand "
    "throwing puking vomiting confused collapsed respond responding sense hot cold blue"
)
_DEBT_TRIVIAL = (
    "chores mow lawn dishes babysit babysitting phone mom dad parents sister brother lunch pizza coffee game "
    "tickets ticket concert " + _TRIVIAL
)
_ASK_TRIVIAL = (
    "parents mom dad coach teacher piano practice school college prom dance invite game job offer sale sales "
    "homework xbox borrow episode show movie"
)
_OUTGROWN = "toys outgrew outgrown fit donate donated goodwill charity moving move sale since"
_PICS = "pics pictures photos nudes videos vids content nude naked fotos video pic"

_RULES = _RULES + (
    # ================================================================ danger
    _r("danger.help", "en", "now", [
        "please|pls hurry|quick",
        "hurry please|up",
        "cant|can not get out",
        "not safe right now",
        "not safe here|tonight|anymore",
        "{SUBJ3} {BE}* outside|here",
        "come get {FPOBJ}",
    ], guards=[g_alone("hurry up quick get out safe he she they outside come me us here now somebody someone "
                       "anyone")]),
    _r("danger.help", "en", "now", [
        "need|needs|want|wants someone|somebody|anyone|you|help to come get|save|help {FPOBJ}",
        "someone|somebody|anyone|you|please come get {FPOBJ} out",
        "get {FPOBJ} out of here",
        "get {FPOBJ} out of this place|house|room",
        "i|we need to get out of here",
        "i|we need to get out of this place|house",
    ], guards=[g_laugh, g_clause(_PICKUP_TRIVIAL), g_next_seq("from|at|after", "the|my|school|practice|work")]),
    _r("danger.help", "en", "now", [
        "i|we {BE}* need|needs out",
    ], guards=[g_object("now please right rn asap so and")]),
    _r("danger.lost", "en", "now", [
        "do|does not know what|which town|city|state|place|house|motel|hotel|street this|it|i|we is|am|are",
        "do|does not recognize|recognise|know this|the room|place|house|area|street",
        "no idea what|which town|city|state|place|house|motel|hotel|street this|it|i|we is|am|are",
        "woke|wake|waking up in|at a|an|some|this|his|their strange|unknown|random? room|place|house|motel|hotel|"
        "car|van|basement",
        "nobody|noone will|would ever? find {FPOBJ}|her|us",
        "no one will|would ever? find {FPOBJ}|her|us",
        "{OBJS} across|over state lines",
        "in the back of a|his|their|some|this van|truck|car|trunk|suv",
    ], needs="recognize recognise know where strange nailed locked scared afraid help they he stopped minute "
             "ever address took drove driving gas",
       guards=[g_laugh, g_clause("trip ride uber lyft bus vacation seek game hiding spot road family")]),
    _r("danger.held", "en", "now", [
        "window|windows|door|doors {BE}* nailed|boarded|bolted|screwed shut",
        "nailed|boarded|screwed the|my window|windows|door|doors shut",
        "chain|lock|locks|deadbolt|padlock|bolt on|from the outside",
        "have|has|had to stay in the|a|this basement|closet|attic|shed|garage|trunk",
        "not been? allowed out|outside of? {DET}? {ADJ}? {WHO}? 's? apartment|house|room|place|motel|hotel|basement",
    ], guards=[g_laugh, g_clause("grounded curfew homework chores school night nights weekend weekends "
                                 "haunted movie game renovation storm hurricane tornado warning warnings weather "
                                 "siren drill flood museum")]),
    _r("danger.held", "en", "now", [
        "put|puts|putting|locked|locks the deadbolt|chain|padlock",
        "sat|sits|sitting|standing|stands|stood in front of the door",
        "have|has|had to stay _? _? _? until they|he|she come|comes|get|gets back",
    ], needs="leave go home scared bigger let relax trapped afraid want",
       guards=[g_laugh, g_clause("grounded homework chores safe storm")]),
    _r("danger.held", "en", "unclear", [
        "{SUBJ3} {BE}* took|takes|taken|has|have|had|got|gets|keeps|kept|stole|steals|holds|holding|keeping|taking "
        "my|her|our "
        "papers|passport|documents|id|ids|birth|social|ssn",
        "took|takes|taken|has|got|keeps|kept|stole|holds|holding|keeping my|her|our phone and|& my|her|our "
        "id|ids|papers|passport|documents",
        "took|takes|taken|has|got|keeps|kept|stole|holds|holding|keeping my|her|our id|ids|papers|passport|"
        "documents and|& my|her|our phone",
        "takes|took|taken|keeps|kept|stole|holds|holding|keeping my|her|our passport|papers|documents",
    ], guards=[g_laugh, g_prev("i we you"),
               g_clause("dmv license permit copy renew bank lost forgot airport tsa bouncer club bar mom dad "
                        "mother father parents grandma safe drawer fake")]),
    _r("danger.held", "en", "now", [
        "{SUBJ3} {BE}* has|got my|her phone",
    ], guards=[g_object("and so i using now right rn"), g_clause("mom dad mother father parents grounded")]),
    _r("danger.control", "en", "now", [
        "put|installed|hid|puts|installs something|tracker|spyware|trackers on my|her phone|car",
        "put|installed|hid|puts|installs a|an tracker|app|tracking|airtag _? on my|her phone|car",
        "always knows where i|she|we am|is|are|go|goes",
        "watch|watches|watching {FPOBJ}|her through|on|with the? camera|cameras",
        "watching|watches|watch {FPOBJ}|her all the time",
        "watching|watches|watch {FPOBJ}|her every second|minute",
        "watching|watches|watch {FPOBJ}|her 24/7",
        "check|checks|checking|checked my|her phone every",
        "goes|go|going|went through my|her phone every",
        "pretending to text|call|talk",
        "can not talk|say|text much|long|loud",
        "if i|we stop replying|responding|answering|texting",
    ], needs="track tracker scared phone put hit hurt beat slap punch watching thinks borrowed using hurry "
             "quiet came back found took yells yell",
       guards=[g_laugh, g_clause(_DEVICES.replace("phone ", "") + " battery asleep sleep class dead died "
                                 "wifi data life360 parents mom dad game meeting test exam teacher lol"),
               g_clause_re(r"\bat \d+ ?%|\d+ ?% (battery|left)|battery|charger")]),
    _r("danger.control", "en", "now", [
        "{SUBJ3} {BE}* watching|listening",
    ], needs="talk long phone hurry quiet borrowed cousin using",
       guards=[g_object("right now rn and so please i"), g_laugh]),
    _r("danger.hurt", "en", "unclear", [
        "i|she|we get|gets|got|getting hit|slapped|punched|smacked|whooped",
    ], guards=[g_object("and if when every again"), g_clause("ball dodgeball game practice car bus")]),
    _r("danger.threat", "en", "now", [
        "{SUBJ3} {BE}* will|would|going|gonna|might|could|to find|get|take|touch|hunt|visit|hurt|kill|go|come "
        "after? my|her|his|our {ADJ}? sister|brother|mom|mother|dad|family|grandma|kids|baby|son|daughter|"
        "siblings|cousin|sisters|brothers",
        "end up dead|missing",
        "end up in the|a river|ditch|lake|trunk|dumpster",
    ], needs="if unless tell talk police cops snitch say mouth anyone report leave",
       guards=[g_laugh, g_trivial_kill, g_clause("game surprise gift party birthday dinner visit")]),
    _r("danger.followed", "en", "now", [
        "sitting|parked|parking|parks|waiting|watching outside|near|by my|her|our school|house|home|job|work|building|"
        "apartment",
        "sitting|parked|waiting|watching|car|truck|van across from my|her|our school|house|home|job|work|building|"
        "apartment",
        "sitting|parked|waiting|watching in front of my|her|our school|house|home|job|work|building|apartment",
        "same car|truck|van|guy|man|person everywhere|again",
        "same car|truck|van|guy|man|person every day",
        "took|taking|takes pictures|photos|pics|videos of {FPOBJ}|her",
    ], needs="every again called knows name scared creepy watching stranger following everywhere car truck van "
              "restraining protective ex",
       guards=[g_laugh, g_prev("i we"), g_clause("prom graduation mom dad wedding party friends selfie photographer "
                                 "yearbook birthday uber ride pickup")]),
    _r("danger.followed", "en", "now", [
        "{SUBJ3} {BE}* looking|searching|hunting for her|him|them",
        "waiting to pick {OBJS} up",
        "do|does not want to go with him|them|her",
    ], needs="hiding scared afraid run ran away picked pick waiting man guy older stranger back",
       guards=[g_laugh, g_clause("school class game practice party mall store job")]),
    _r("danger.followed", "en", "now", [
        "can|could not go back",
    ], needs="hiding scared afraid run ran away looking searching",
       guards=[g_laugh, g_clause("school class game practice party mall store job")]),
    _r("danger.hiding", "en", "now", [
        "{SUBJ} {BE}* hiding at|in|behind _? _? _? because|from|since",
    ], guards=[g_laugh, g_clause("party concert seek prank surprise chores homework responsibilities")]),
    _r("danger.hiding", "en", "now", [
        "snuck|sneaked|escaped|ran out of the|his|her|their|this apartment|house|motel|hotel|place|room|car",
        "i|we am|are behind|under|in a dumpster",
    ], needs="dumpster scared afraid terrified chasing following looking",
       guards=[g_laugh, g_clause("party concert seek prank surprise chores homework responsibilities")]),
    # ================================================================ exploitation
    _r("exploitation.coded_quota", "en", "now", [
        "bring|brings|bringing|make|makes|making|earn back|home|in? $? re:^\\d+k?$ a|per|each|every night|day",
        "bring|brings|bringing back|home|in? money|cash|enough a|per|each|every night|day",
        "not make|making|bring enough",
        "go|going|went back out",
        "quota tonight|today",
        "short on|for my|the? quota",
        "got|have|has|had a quota",
        "or he|she|they|daddy will|would|does not let {OBJS} eat|sleep|come|in|inside|back",
    ], needs="daddy pimp quota unless money cash dollars enough short eat or", coded=True,
       guards=[g_prev("i we you"), g_clause("job shift store boss sales tips babysitting lemonade wash grades")]),
    _r("exploitation.made_to", "en", "now", [
        "favors|favours for {CLIENTS}",
        "do|doing|does|extra|did stuff|things for {CLIENTS}",
        "meet|see|visit {CLIENTS} _? _? for {REWARD}",
        "set|sets|setting|book|booked|booking|arranged|arranges up? re:^\\d+$|some|more dates|meets|meetups|"
        "calls for {OBJS}",
        "set|sets|setting up? meets|meetups|dates with {CLIENTS}",
        "meets|meetups with {CLIENTS} for {REWARD}",
        "bought|buys|buying a|an|the|one night|hour|date with {OBJS}",
        "paid|pay|paying for a|the|one night|hour|date with {OBJS}",
        "ad|ads|listing|listings|advert|adverts with|of|for my|her face|pics|picture|photo|photos|number|name",
        "rent|rents|rented|renting|loan|loans|loaned|lend|lends|lent {OBJS} out",
        "picked up by different|older|grown|random|other|several older|grown|random|other? men|guys|dudes",
        "go with {CLIENTS} he|she|they picks|pick|chooses|choose|sends|brings|says",
        "pictures|pics|photos|videos|vids of {OBJS} and sells|sold|selling|posts|posting them|it",
        "keep|keeps|kept moving {OBJS} to|between different|other|new hotels|motels|cities|places|houses",
        "that is|thats the deal|rent|price for living|staying here|there",
    ], guards=[g_laugh, g_dates_calendar, g_clause("homework chores family vacation trip")]),
    _r("exploitation.made_to", "en", "now", [
        "do|doing|does|did a? few|some|little? favors|favours",
        "as|so long as {SUBJ}? do|does|did what|whatever he|she|they want|wants|say|says|tell|tells",
        "if {SUBJ}? do|does|did what|whatever he|she|they want|wants|say|says|tell|tells",
        "every|each night with different|new|other|random men|guys|dudes",
        "every|each night there are|is men|guys|dudes|different|new",
        "will|would|does not feed {OBJS}",
        "has|have|had|got|gets guys|men|dudes come|coming over",
        "be nice to them|him",
        "be nice to his|the friends|guys|men",
        "takes|took|keeps|kept all? of? my|her money|tips|earnings",
    ], needs="clients place rent stay owe owed room money pay pays paying hotel hotels motel motels "
             "makes make forces otherwise daddy body street streets",
       guards=[g_laugh, g_clause("homework chores moving job shift boss babysitting lawn allowance tips")]),
    _r("exploitation.made_to", "en", "now", [
        "do|doing|does it|this|that|stuff for money|cash|food|$|rent|drugs|somewhere",
        "sends|sent|sending|takes|took|drives|drove {OBJS} to hotels|motels",
    ], needs="makes make forces forced otherwise feed owe daddy pimp men guys clients johns dates",
       guards=[g_laugh, g_clause("babysit babysitting job work shift chores lawn conference conferences tournament "
                                 "trip vacation")]),
    _r("exploitation.coded_daddy", "en", "now", [
        "{SUBJ3} {BE}* my|her|his bottom",
        "his|her|their bottom girl|bitch|now",
        "train|training|break|breaking in the new girl|girls",
        "choose|choosing up",
        "holding|held out on him|her|daddy|them",
        "wifey|wifeys",
        "wife in law",
        "has|have|got a daddy who|that",
    ], needs="daddy pimp bottom him choose train parties party buys hotel money wifey", coded=True,
       guards=[g_laugh, g_clause("game sports team card cards poker football")]),
    _r("exploitation.debt", "en", "now", [
        "work|working it off",
    ], needs="owe owes owed", guards=[g_clause(_DEBT_TRIVIAL)]),
    _r("exploitation.debt", "en", "now", [
        "say|says|said|saying i|she owe|owed|owes him|them|her for rent|food|the|travel|bringing|everything",
    ], guards=[g_clause(_DEBT_TRIVIAL)]),
    _r("exploitation.debt", "en", "now", [
        # "he says i still owe for the room": a motel room is not the chore "clean my room"
        "say|says|said|saying i|she still owe|owes for|4 the? rent|room|food|everything|it",
    ], guards=[g_clause("chores mow lawn dishes babysit babysitting lunch pizza coffee game tickets ticket concert "
                        "phone clean cleaning")]),
    _r("exploitation.debt", "en", "now", [
        "owe|owes|owed him|them|her for the trip|travel|ride|bus|ticket|plane|gas|rent|room",
        "owe|owes|owed him|them|her re:^\\$?\\d+k?$|money",
    ], needs="makes make says said work off", guards=[g_clause(_DEBT_TRIVIAL)]),
    _r("exploitation.sold", "en", "now", [
        "being|getting sold|pimped|trafficked",
    ], guards=[g_alone("sold right now tonight")]),
    # Spanish exploitation
    _r("exploitation.made_to", "es", "now", [
        "{ES_OBJ} hace|hacen|obliga|obligan|manda|mandan|ponen|pone a? salir|ir|irme|estar con los|sus|unos? "
        "clientes|hombres|senores|tipos",
        "traer|traerle|traerles|llevarle|darle|darles|entregarle dinero|plata|feria|lana _? cada|todas las? "
        "noche|noches|dia|dias",
        "o no {ES_OBJ} deja|dejan comer|dormir|entrar|volver|regresar",
    ], needs="dinero plata feria lana noche noches clientes hombres"),
    # ================================================================ sextortion (image threats)
    _r("exploitation.sextortion", "en", "now", [
        "or|unless he|she|they will|would|going|gonna? post|posts|send|sends|share|shares|show|shows|leak|leaks|"
        "expose|spread|release them|it|my|her|the|those",
        "post|send|share|leak|show|spread|release|expose them|it _? _? _? if i|she do|does|will not",
        "send|sending|show|showing|post|posting them|it to my|her dad|mom|parents|family|school|friends|"
        "followers|whole",
        "send|sending|show|showing|post|posting my|her|the pics|pictures|photos|nudes|videos to my|her "
        "dad|mom|parents|family|school|friends|followers|whole",
        "and|then show|post|send|share|leak the|those|my|her photos|pics|pictures|videos|nudes",
        "sending|sent|posting|posted|sharing|shared|spreading|passing|passed|leaking my|her private|nude|naked "
        "pics|pictures|photos|videos|content",
        "passing|pass|passed|sharing|shared|spreading|spread|posting|posted around? my|her '? content|nudes",
        "getting|being|been|was|were|am|is blackmailed|sextorted",
        "ruin|expose|destroy {OBJS} if i|she",
        "will|would|going|gonna|to show|post|send|share|leak the|those|my|her photos|pics|pictures|videos|nudes",
        "wants|want|asking|asks|demands|demanding $|money|cash|re:^\\$?\\d+k?$ _? _? or|unless|by",
    ], needs=_PICS + " money pay $ slut", guards=[g_laugh, g_clause("yearbook wedding photographer prom "
                                                                  "graduation vacation album")]),
    _r("exploitation.sextortion", "en", "now", [
        "{SUBJ3} {BE}* has|got|have my|her|our pictures|pics|photos|nudes|videos|vids|content",
    ], needs="money pay $ post leak unless threatening threatens ruin block slut everyone expose",
       guards=[g_laugh]),
    _r("exploitation.sextortion", "es", "now", [
        "va|van a publicar|subir|mandar|ensenar|pasar|compartir mis|sus|las|los? fotos|videos|desnudos",
        "las|los va|van a publicar|subir|mandar|ensenar|compartir",
        "amenaza|amenazan|amenazo con subir|publicar|mandar|ensenar",
    ], needs="fotos videos video desnudos publicar subir dinero pagar"),
    _r("exploitation.sextortion", "es", "now", [
        "tiene|tienen mis|sus fotos|videos|desnudos",
    ], needs="publicar subir dinero pagar amenaza amenazan"),
    # ================================================================ assault
    _r("assault.forced", "en", "unclear", [
        "said|say|told|tell no|stop _? _? and|but he|she|they did|would|does not stop|listen|care",
        "told|tell|asked|begged him|her|them to stop _? _? and|but he|she|they did|would|does not stop|listen|care",
        "told|tell|asked|begged him|her|them to stop _? _? and|but he|she|they kept|still|just",
        "kept|keeps going|touching|pushing after|when|even i|she said|told|asked|begged",
        "kept|keeps going|touching|pushing after|when|even though i|she said|told|asked|begged",
        "told|tell him|her|them no _? _? _? he|she|they did|does|do it|stuff anyway",
        "made|makes|make|forced|forces {OBJS} do things|stuff to|with him|her|them",
        "did|does|do|doing sexual stuff|things to {OBJS}",
        "rape|grape|rword happened|happens to {OBJS}",
        "not rape|rword if",
        "woke|wake|waking up at|in some|a|his|this|that|an older? guy|man|dude|stranger|guys 's? house|place|"
        "room|bed|apartment|car",
        "hurts|hurting|sore|bleeding|pain|bleeds down there",
    ], guards=[g_laugh]),
    _r("assault.forced", "en", "unclear", [
        "{SUBJ3} {BE}* did|does|do|doing it anyway",
    ], needs="no stop said told", guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "pushing|pressuring|pressures|pressured|pushes|pushed|pressure {OBJS} to|into do|doing|have|having|send|"
        "sending? stuff|things|it|sex|sexual",
    ], needs="no want said sex sexual", guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "not take|taking|accept|accepting no",
    ], needs="tonight owe bed sex door touch", guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "keep|keeps|kept saying|telling him|her|them no",
        "mad|angry that|because|when i|she keep|keeps saying|telling him|her? no",
        "mad|angry that|because|when i|she say|said|says no",
    ], needs="lock locking door sex girlfriends touch touching force forcing pushing bed",
       guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "got|had|touched|used|did {OBJS} while|when i|she was|were passed|asleep|drunk|blacked|sleeping|"
        "unconscious|out",
    ], needs="knew woke clothes remember touched body sex naked pants", guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "do|does|did not remember anything|what happened",
    ], needs="woke hurting clothes naked pants drink drunk drugged down sore bleeding",
       guards=[g_laugh, g_clause(_ASK_TRIVIAL)]),
    _r("assault.forced", "en", "unclear", [
        "{SUBJ3} made|makes|forced {OBJS} do it",
    ], guards=[g_alone("again too and he she they made me her do it")]),
    _r("assault.touched", "en", "unclear", [
        "comes|came|coming|goes|went|walks|walked|walking|gets|got into|in my|her|his|the room|bedroom|bed|"
        "bathroom|shower at|every|when|while|during",
        "trying|tries|tried to get|climb|crawl into|in my|her bed",
        "climbed|crawled|climbs|crawls into|in my|her bed",
    ], needs="night shower showering sleep sleeping naked changing undressed grabbed touch touches touched "
             "tonight",
       guards=[g_laugh, g_family_visit, g_clause("storm nightmare nightmares thunder")]),
    _r("assault.touched", "en", "unclear", [
        "{SUBJ3} {BE}* grabbed|grabs|groped {FPOBJ}|her",
    ], guards=[g_object("and again today when while then so there by at in on from"), g_laugh]),
    # Spanish assault
    _r("assault.forced", "es", "now", [
        "{ES_OBJ} esta|estan obligando|forzando a? hacer cosas|algo",
        "{ES_OBJ} obliga|obligan|obligo|obligaron|forzo|forzaron|hace|hacen|hizo a? hacer cosas",
    ]),
    # ================================================================ self_harm
    _r("self_harm.suicide", "en", "now", [
        "end|ending {SELF}",
        "way out _? _? _? except|but|besides dying|death|suicide|killing",
        "not see a|any way out _? _? _? except|but|besides|other dying|death|suicide|killing",
        "no way out other than dying|death|suicide",
        "only way out is death|dying|suicide",
    ], guards=[g_laugh]),
    _r("self_harm.plan", "en", "now", [
        "think|thinking|thought about|of taking|swallowing|downing all of? them|it",
        "think|thinking|thought about|of taking|swallowing|downing all? of? the|my|those pills|meds",
        "have|got|holding the|my|a pills|meds|razor|blade|gun|knife|rope in my hand|hands",
        "tie|tied|tying|put|putting|wrap|wrapped|wrapping something|it|rope|a|the rope|belt|cord|scarf|sheet|"
        "something? around my|her|his neck",
        "jump|jumping|jumped|step|stepping|throw|throwing|lie|lying|lay|laying {SELF}? in front of a|the "
        "train|bus|car|truck|traffic|cars|subway",
        "log|logging|logged off|out permanently|forever",
        "log|logging|logged off|out for good",
        "my|the last text|message|post|msg ever",
        "my|the last text|message|post|msg to anyone|anybody|everyone|everybody|yall",
        "see you|ya never",
        "almost|nearly have|got enough pills|meds",
        "saving|saved|stashing|stashed|hoarding|collecting|stockpiling up? my|her|the? pills|meds|medication",
        "saving|saved|stashing|stashed|hoarding|collecting|stockpiling up? all my|her|the? pills|meds|medication",
    ], guards=[g_laugh, g_next("to of"), g_clause(_SOCIAL + " drama"),
               g_next_seq("for|until|till", "the|a|my|school|trip|vacation|camp|later|emergencies|when|tomorrow|"
                          "tonight|next|travel|flight"), g_clause("game photo pic picture selfie trip vacation camp "
                                                             "tiktok fortnite pharmacy refill")]),
    _r("self_harm.plan", "en", "now", [
        "not|never going to be here|around|alive much|for longer|long",
        "not|never going to be here|around|alive tomorrow|anymore",
    ], guards=[g_laugh, g_clause("school work appointment appt trip class shift vacation town dentist doctor camp "
                                 "visit weekend practice game moving sleepover")]),
    _r("self_harm.plan", "en", "now", [
        "wrote|written|write|writing|left|leaving my|the|her|his|a letters|notes|note",
    ], needs="done end point goodbye die anymore bye last tracks bridge never sorry",
       guards=[g_laugh, g_clause("homework teacher thanks school class")]),
    _r("self_harm.plan", "en", "now", [
        "going|headed|heading|walking|walk|go to the train? tracks",
        "going|headed|heading|walking|walk|go to the bridge|overpass|roof",
    ], needs="note letter letters goodbye die end never jump sorry", guards=[g_laugh]),
    _r("self_harm.plan", "en", "now", [
        "drive|driving|drove|crash|crashing|steer|steering|swerve|swerving into|off a|the wall|tree|bridge|pole|cliff|"
        "truck|lake|river|overpass|semi",
    ], needs="want wanna going think thinking end die kill myself",
       guards=[g_laugh, g_clause("almost nearly accident ice icy snow game movie party trip moving school class "
                                 "visit vacation")]),
    _r("self_harm.plan", "en", "now", [
        "wanted|want|wanna|to say goodbye|bye",
    ], needs="forever last done sorry anymore tired end die",
       guards=[g_laugh, g_clause("almost nearly accident ice icy snow game movie party trip moving school class "
                                 "visit vacation")]),
    _r("self_harm.plan", "en", "now", [
        "thank|thanks you? for trying",
    ], needs="goodbye around longer done anymore bye end sorry", guards=[g_laugh]),
    _r("self_harm.plan", "en", "now", [
        "so|how easy it would|will be",
    ], needs="razor pills roof jump bridge gun blade die end edge cut ledge tracks", guards=[g_laugh]),
    _r("self_harm.plan", "en", "now", [
        "on|at the roof|ledge|edge of my|the|this building|roof|bridge",
    ], needs="easy jump end die goodbye down edge", guards=[g_laugh, g_clause("pic pics photo photos view")]),
    _r("self_harm.plan", "en", "now", [
        "walk|walking|walked in front of a|the train|bus|car|truck|traffic",
    ], needs="thinking think want die end kill easy", guards=[g_laugh]),
    _r("self_harm.plan", "en", "now", [
        "giving|gave|give|given away? all? my|her stuff|things|belongings|possessions",
    ], needs="need goodbye die gone end miss anymore", guards=[g_laugh, g_msg(_OUTGROWN)]),
    _r("self_harm.plan", "en", "now", [
        "will|would not need it|them|this|anything after|anymore",
    ], needs="giving gave stuff things goodbye die end belongings", guards=[g_laugh, g_msg(_OUTGROWN)]),
    _r("self_harm.hopeless", "en", "now", [
        "nobody|noone would|will even? miss|notice|care if|when i|she",
        "no one would|will even? miss|notice|care if|when i|she",
        "can not do this|it anymore",
        "can not do this|it any more",
    ], guards=[g_laugh, g_clause(_TRIVIAL + " game team class job work")]),
    _r("self_harm.hopeless", "en", "now", [
        "can not keep going|living",
        "can not keep doing this",
    ], guards=[g_laugh, g_object("like on anymore any and i so"), g_clause(_TRIVIAL + " game team class job work")]),
    _r("self_harm.hopeless", "en", "now", [
        "want|wish|need it|this|everything to end|stop for good",
        "want|wish|need the pain to end|stop for good",
        "no point anymore",
        "no point in anything|trying",
    ], guards=[g_laugh, g_clause(_TRIVIAL + " game team class store job shift work level math diet")]),
    _r("self_harm.cutting", "en", "now", [
        "i|she|he|we {BE}* want|wants|going|need|needs|about|ready|trying to cut|burn",
    ], guards=[g_object("again tonight so deep deeper right now please and i because rn"), g_laugh]),
    _r("self_harm.cutting", "en", "now", [
        "cut|cuts|cutting re:^(too|to|2)$ deep|deeply|far",
        "the sh|selfharm thing",
        "sh again|tonight",
        "doing|did|do sh",
        "blade|blades|razor|razors {BE}* calling",
        "arms|wrists|thighs|legs are|were covered again",
        "arms|wrists|thighs|legs are|were covered in cuts",
        "until|till|til it|i|they bleed|bleeds|bled|bleeding",
    ], guards=[g_laugh, g_clause(_ACCIDENT + " hair bangs paper wood onion onions fabric")]),
    # Spanish self-harm
    _r("self_harm.hopeless", "es", "now", [
        "nadie me|la|lo extranaria|extranarian|extrana|echaria|echarian|notaria|notarian",
        "si me muero|muriera|mato|suicido|desaparezco|desapareciera nadie",
        "ya no aguanto|puedo mas",
        "no aguanto mas",
    ], guards=[g_laugh, g_clause("tarea examen escuela trabajo calor frio hambre sueno risa clase vacaciones viaje "
                                 "semana")]),
    # ================================================================ medical
    _r("medical.substance", "en", "acute", [
        "heart|hart is|keeps|feels|feel? racing|pounding",
        "heart|hart is|keeps|feels|feel? beating so|really|super? fast|hard|weird",
        "collapsed|collapsing",
        "heart|hart|chest hurts|hurting|pain|pains",
        "chest is|feels tight",
        "can not keep my|her|his eyes open",
        "can not stand up?",
        "can not walk",
        "vision|eyes keeps?|is|are going|went black|blurry|dark",
        "seeing|hearing things",
        "throwing|threw|puking|vomiting up? and|& confused|seeing|shaking|dizzy",
        "breathing really|so|super|very? slow|slowly|shallow",
        "lips|body|face|hands|arms|legs are|is|feels|feel|going|went numb",
        "body feels|is numb|heavy",
        "hot|cold and shaking|sweating",
        "not making sense",
    ], needs=_SUBSTANCE,
       guards=[g_laugh, g_clause("coffee caffeine redbull monster exam test anxiety crush date presentation "
                                 "period cramps flu covid workout gym run running cardio movie scary horror "
                                 "game love")]),
    _r("medical.drugged", "en", "now", [
        "{SUBJ3} laced|spiked my|her|his|our|what",
        "{SUBJ} {BE}* laced|spiked",
        "laced|spiked my|her|his|our drink|weed|blunt|vape|cup|joint",
    ], guards=[g_laugh, g_clause("hair shoes shoe sneakers boots eggnog lemonade seltzer volleyball ball")]),
    _r("medical.injury", "en", "acute", [
        "can see inside",
        "can see the|my? bone|fat|muscle",
        "cut|gash|wound is|was really|so|super|very|too? deep",
        "it is really|so|super|very? deep",
        "spurting|gushing|squirting",
        "blood is pouring|gushing|spurting",
        "bleeding|blood will|does|is|has not stop|stopping|stopped",
        "it|blood is|will not stopping|stop",
        "skin is|keeps coming|peeling|falling off",
        "burned|burnt really|so|super|very? bad|badly",
        "hit|hitting|bashed|banged|slammed my|her|his head",
    ], needs="cut cuts gash bottle glass knife bleeding blood burn burned burnt fire hot stove dizzy straight "
             "throwing vomiting passed blacked confused deep",
       guards=[g_laugh, g_clause("water pipe faucet sink sunburn sun movie game x-ray xray period periods nose "
                                 "lol")]),
    _r("medical.injury", "en", "acute", [
        "my|her|his arm|leg|wrist|ankle|nose|jaw|ribs|rib|finger|hand|collarbone|arms|legs is|are|feels|feel|looks "
        "broken|bent|crooked",
        "bent|twisted the wrong way",
        "beat|beaten|beats {OBJS}? up? so|really|super|very badly|bad",
        "frostbite|hypothermia",
        "need|needs|call|get|send|calling an? ambulance",
    ], guards=[g_laugh, g_clause("game chess 2k madden fortnite cost bill pay afford insurance movie phone screen "
                                 "guitar chair learned learn lesson health class treat prevent symptoms plot twist "
                                 "episode finale")]),
    _r("medical.overdose", "en", "acute", [
        "overdose|overdosing|od",
    ], guards=[g_alone("overdose overdosing think")]),
    _r("medical.unresponsive", "en", "acute", [
        "will|would|does|did|is not respond|responding|react|reacting when|to|and|at",
        "nodding|nodded|nod out",
    ], needs="shake shook cold breathing breathe drank pills took blue wake blues respond",
       guards=[g_laugh, g_clause("texts text messages message calls call dms dm snaps email emails wifi internet "
                                 "app " + _DEVICES)]),
    _r("medical.allergy", "en", "acute", [
        "throat feels|feel|is closed|tight|closing",
        "face|lips|tongue|eyes is|are swelling|swollen",
    ], needs="allergic allergy breathe breathing gave ate", guards=[g_laugh, g_clause_re(r"\bnot allergic\b")]),
    _r("self_harm.plan", "en", "now", [
        "goodbye|bye everyone|everybody|yall|all|world",
    ], guards=[g_alone("goodbye bye forever")]),
    _r("medical.pregnancy", "en", "acute", [
        "miscarriage|miscarrying|miscarry",
        "pregnant|pregnancy",
    ], needs="bleeding blood pass faint worst alone miscarriage miscarrying",
       guards=[g_clause("movie show book class grief"),
               g_prev("get getting got become becoming")]),  # "scared to get pregnant again": a worry

    _r("medical.bleeding", "es", "acute", [
        "estoy|esta|estamos sangrando",
        "embarazada _? _? _? sangrando|sangre",
        "necesito|necesitamos|llamen|llama|manden|manda una ambulancia",
    ], guards=[g_laugh, g_clause("nariz regla periodo rodilla dedo labio poquito poco bien juguete juego costo cuesta "
                                 "precio")]),
)


def rule_ids() -> frozenset[str]:
    """All rule ids this module can return (for tests and dashboards)."""
    return frozenset(rule.id for rule in _RULES)


# --------------------------------------------------------------------------
# Context checks shared by all rules
# --------------------------------------------------------------------------

_CLAUSE_BREAK = frozenset(
    {".", "!", "?", ";", "\n", "...", "and", "but", "though", "although", "however", "y", "pero"}
)
_NEGATION = frozenset({"not", "never", "nunca", "nobody", "nadie", "neither"})
_NEGATION_STOP = frozenset({"if", "whether", "that", "and", "but", "because", "so", "or", ",", "si", "que", "y"})
_FIRST = frozenset({"i", "me", "myself", "us", "we", "ourselves", "yo", "conmigo", "nos", "nosotras",
                    "nosotros", "estoy", "soy", "quiero", "tengo", "voy", "necesito", "am"})
_FIRST_WEAK = frozenset({"my", "our", "mine", "mi", "mis"})
_THIRD = frozenset(
    "she he her him they them herself himself themselves themself someone somebody anyone "
    "anybody person people ella ellas ellos la lo le les se alguien persona".split()
    + _PERSON.split("|")
    + "amiga amigo amigas amigos hermana hermano prima primo hija hijo sobrina sobrino nina nino chica "
      "chico muchacha muchacho novia companera companero vecina vecino estudiante hermanita hermanito".split()
)
_GENERIC = frozenset(
    "someone somebody anyone anybody person people kids children students youth youths teens "
    "teenagers minors clients patients victims victim child kid student teen teenager minor client "
    "patient you runaways runaway girls boys women men adults survivors traffickers pimps "
    "alguien persona personas ninos jovenes victima victimas estudiantes estudiante joven menor menores "
    "adolescente adolescentes alumna alumno alumnos nina nino chica chico chicas chicos".split()
)
_AGENTS = frozenset({"he", "she", "they", "someone", "somebody", "el", "ella", "ellos", "alguien"})
_GENERIC_OWNERS = frozenset("parents families caregivers teachers staff adults people schools".split())
_BELIEF = frozenset("suspect suspected think believe fear worry guess".split())
_ADDRESSEE = frozenset({"someone", "somebody", "anyone", "anybody", "alguien"})
_HELP_WORDS = frozenset({"help", "ayuda", "ayudame", "ayudeme", "ayudenme"})
_POSSESSIVE = frozenset("my our his her their this that mi su nuestra nuestro".split())
_QUOTES = frozenset({"'", '"', "''"})
_WHAT = frozenset({"what", "que", "whats"})
_MEAN = frozenset({"mean", "means", "meant", "stand", "stands", "significa", "significan", "refer", "refers"})
_DEF_PREV = frozenset({"significa", "define", "term", "word", "slang", "means", "phrase", "palabra", "termino"})
_TERM_WORDS = frozenset(
    "term terms word words slang meaning definition define lingo code coded phrase phrases vocabulary "
    "palabra palabras termino significado".split()
)
_Q_BEFORE_IF = frozenset(
    "know tell what happens happen do should can could would is wonder wondering ask asking curious "
    "hago hacer pasa saber se debo puedo hacemos sabe".split()
)

_FORCED_THIRD_RE = re.compile(
    r"\b(asking|ask|asked) for (a|my) (friend|cousin|sister|brother)\b|\bfor a friend\b"
    r"|\bpregunto por (una|un|mi) (amiga|amigo)\b|\bes para (una|un|mi) (amiga|amigo)\b"
)
_THIRD_FRAME_RE = re.compile(
    r"\b(my|a|our|this|mi|una|un) (best |little |older |big )?(friend|sister|brother|cousin|daughter|son|"
    r"niece|nephew|roommate|girlfriend|student|client|kid|classmate|amiga|amigo|hermana|hermano|prima|"
    r"primo|hija|hijo|sobrina|sobrino)\b|\bsomeone i know\b|\balguien que conozco\b"
)
_EDUCATION_RE = re.compile(
    r"\b(warning signs?|signs of|signs that|red flags?|indicators?|"
    r"how (do|can|should|would|could) (campus |school |the )?(i|we|you|staff|school staff|someone|teachers?|parents?|officers?|"
    r"police|nurses?|counselors?|adults?|workers?|social workers?|caseworkers?|providers?|schools?) "
    r"(report|tell|know|spot|recogni[sz]e|identify|help|respond|screen|support|talk|interview|approach|"
    r"ask|handle|document|refer|question|assess)|"
    r"how to (report|tell|know|spot|recogni[sz]e|identify|help|respond|screen|support|talk|interview|"
    r"approach|ask|handle|document|refer|assess)|screen(ing)? for|"
    r"mandated reporters?|mandatory report\w*|report(ing)? (abuse|trafficking|suspected)|"
    r"training|screening|in general|statistics|stats|psa|awareness|poster|tips to include|(class|school) project|"
    r"what (are|is) (the |some )?(signs|law|definition)|(policy|protocol) (template|for|on)|template|"
    r"signs? (a|an|that|of|my|your|someone|somebody)|(count|counts|counted|considered) as|"
    r"(where|who|how) (do|does|can|should|would) (i|we|she|he|they|someone|staff) (report|tell|call|contact)|"
    r"(has|have|need|needs) to be reported|(is|be|get|gets) reported to|(have|need|has|needs) to report|"
    r"(is|are) \w+ (a )?crimes?|"
    r"definition|curriculum|presentation|illegal|legal|legally|law|laws|what counts as|"
    r"sample script|script for|intake( form)?|safety plan (with|for)|usually (start|starts|happen|happens)|"
    r"conference|journalist|school paper|assembly|lesson|best practices?|best way|interviewing|prevention|"
    r"hypothetically|hypothetical|"
    r"refer (families|students|youth|parents|kids)|how common|pta|among (boys|girls|teens|students)|mock trial|"
    r"defendant|charged with|"
    r"(who|that) (may|might) have been|statutes?|citation|policy manual|parental consent|(be|get|gets) charged|"
    r"expunge|expunged|(way|ways) to (ask|talk|bring up|screen)|ask(ing)? about|before (it|that|this) happens|"
    r"considered (a|an|to be|trafficked|trafficking|abuse|assault|rape|exploitation|exploited|a crime)|"
    r"one-pager|one pager|handout|hand-out|flyer|pamphlet|brochure|fact sheet|info sheet|workshop on|"
    r"difference between|data on|how many (youth|kids|teens|children|minors|students)|statute of limitations|"
    r"^if (a|an|one of my|my) (student|youth|kid|child|client|patient|teen|teenager)\b|"
    r"(is it|is that) (ok|okay|appropriate|alright) to ask|phrase it|"
    r"(i am|i work as|as) an? (\w+ )?(social worker|teacher|nurse|counselor|case ?worker|case manager|officer|"
    r"detective|advocate|therapist|doctor|school staff|principal|foster parent)|i work (with|at|in)|"
    r"senales de|como (reporto|denuncio|reportar|denunciar)|que significa|"
    r"(soy|trabajo como) (una? )?(maestr[ao]|profesor[a]?|trabajador[a]? social|consejer[ao]|enfermer[ao]|"
    r"doctor[a]?|medic[ao]|policia|orientador[a]?|terapeuta|psicolog[ao])|"
    r"^(how|why|what|which|who) (do|does|often|many|much|percentage|percent|kinds?|types?|number|age|ages)"
    r"\b(?! i\b| we\b))\b"
)
# Talk about a story, show or lesson: a third person in it is a character, not someone at risk.
_MEDIA_RE = re.compile(
    r"\b(reading|watching|read|watched) (a|an|the|this) (book|novel|show|movie|film|series|play)\b|"
    r"\bbook reports?\b|\b(books|movies|shows|films|novels|stories|documentaries|podcasts) (about|where|on)\b|"
    r"\b(play|musical|book club|newspaper|piece|article|the season|episode|novela|serie|pelicula) (is about|about|"
    r"ended|on|sobre)\b|\ben la (novela|serie|pelicula)\b|\bbook club\b|\bstranger things\b|"
    r"\bthe (\w+ )?(movie|show|episode|book|game|film) (\w+ ){0,3}(had|has|showed|shows)\b|"
    r"\b(theater|theatre|drama) (production|class|club|kids)|\bi play (a|an|the) (girl|boy|guy|woman|man|kid|"
    r"character|victim)|\bmy character\b|\b(has|had|with) a character (who|that)\b|"
    r"\b(story|documentary|doc|docuseries|episode|show|movie|film|book|novel|article|podcast|series|assembly|essay|"
    r"lesson|lecture|presentation|video|pelicula|libro|serie|song|storyline|plot|season|character|anime|"
    r"post|thread|tiktok|reel|lyric|lyrics|fanfic|fanfiction|"
    r"manga|comic|musical|meme) (about|where|in which|sobre|that goes|has a|with a)\b|"
    r"\b(documentary|true crime|on the news|in the news|news story|news report|svu|storyline|"
    r"(class is|we are|i am) (reading|watching)|the (girl|boy|guy|man|woman|kid) in it|"
    r"(la )?cancion (dice|habla)|the song (says|goes)|en las noticias|main character|"
    r"in (gta|minecraft|roblox|fortnite|red dead( redemption)?|call of duty|valorant|apex)\b|"
    r"the news (said|says|reported))\b|"
    r"\b(in|on) (the|this|that|a) (\w+ )?(movie|show|film|book|episode|series|novel|song|anime|manga|musical)\b|"
    r"\b(watched|saw|showed us|showing us) (a|an|the) (\w+ )?(video|film|movie|documentary|presentation)\b"
)
# A lyric, meme or quote: the quoted words are not the texter's.
_QUOTE_CTX_RE = re.compile(r"\b(song|songs|lyric|lyrics|meme|memes|quote|caption|verse|chorus|sound|format|"
                           r"cancion|canciones|letra|"
                           r"goes|sings|sang|rapper|singer|trend|trending)\b")
# A staff member or adult telling of a case that is happening now is a disclosure, not a question.
_PRESENT_CASE_RE = re.compile(
    r"\b(just (now|told|said|collapsed|whispered|asked|showed|admitted|disclosed|passed|fell)|right now|"
    r"in my office|with me now|here with me|as we speak|ahora mismo|en este momento|told me|showed me|"
    r"on scene|en route|brought in|requesting (an? )?(youth )?advocate|asking for (an? )?(youth )?advocate|"
    r"(is|are) disclosing|one of our residents|"
    r"me (conto|dijo|enseno|mostro)|"
    r"me acaba de (decir|contar)|conmigo ahora)\b"
)
_ACUTE_NOW_RE = re.compile(
    r"\b(is|are) (unresponsive|unconscious|not breathing|turning blue|seizing|having a seizure)\b"
)
_GAME_RE = re.compile(
    r"\bin (gta|minecraft|roblox|fortnite|red dead( redemption)?|call of duty|cod|valorant|apex|the sims|"
    r"skyrim|zelda|pokemon|among us)\b|\bamong us\b|\ben el (videojuego|juego)\b|\b(my|the|mis|los) sims\b"
)
_GROUNDED = frozenset({"grounded", "castigada", "castigado", "castigo", "castigaron"})
_STRONG_NOW_RE = re.compile(
    r"\b(right now|as we speak|at the moment|currently|right here|happening|ahora mismo|en este momento)\b"
)
_WEAK_NOW_RE = re.compile(r"\b(now|tonight|ahora|ahorita|esta noche|today|hoy)\b")
_PAST_RE = re.compile(
    r"\b(ago|yesterday|last (night|week|month|year|summer|spring|fall|winter|time|weekend)|"
    r"when (i|she|he|we) (was|were)|used to|back then|in the past|as a (kid|child)|growing up|"
    r"years back|was little|was younger|hace (un|una|dos|tres|cuatro|cinco|\d+|mucho|muchos|meses|anos|semanas)|"
    r"el ano pasado|la semana pasada|el mes pasado|anoche|ayer|cuando era|cuando tenia)\b"
)
# Safe-now framing: a past experience, the texter safe today, asking for support.
_PAST_FRAME_RE = re.compile(
    r"\b((years?|yrs?) ago|months ago|a (long )?(time|while) ago|last year|growing up|there was a time|"
    r"(freshman|sophomore|junior|senior) yr|when i turned \d+|"
    r"(my|the) (\d+(st|nd|rd|th)|sweet 16) birthday|the summer i was|at (1[0-7]|[5-9])\b|"
    r"when i was in (high school|middle school|foster care|care|a group home)|en (19|20)\d\d|eso fue|"
    r"de nina|de nino|cuando tenia \d+|(i am|im) (1[6-9]|[2-9]\d) now|(two|2|three|3|a few|few|couple( of)?) (summers|winters|springs|falls) ago|(freshman|sophomore) year|back when|when i (lived|was living|stayed|was staying) |(two|three|four|five|\d+|a few|few|"
    r"couple( of)?) years|used to|back then|in the past|in (middle|elementary|grade) school|"
    r"in (\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth) grade|"
    r"(freshman|sophomore|junior|senior) year|as a (teen|teenager|minor|kid|child|girl|boy)|"
    r"(was|were) (both |all )?in the life|last (month|winter|spring|summer|fall|autumn)|"
    r"in the (summer|winter|spring|fall)|as (teens|teenagers|kids|minors)|"
    r"a while back|back when|back in the day|that was (in )?(high school|middle school|years ago)|"
    r"back in (high|middle) school|when (we|she|he|they) (were|was) (\d+|kids|little|young|younger)|"
    r"once in (college|high school|middle school)|in college|when we were (together|dating|going out)|"
    r"(i am|im) (1[89]|[2-9]\d)( years old)?( now)?|en la (secundaria|prepa|primaria)|eso era antes|"
    r"cuando vivia|antes cuando|"
    r"in (19|20)\d\d|over the (summer|winter|break|holidays)|"
    r"it (is|has) been (\d+|a few|two|three|four|five|several|many) (years|months)|my (old|former|ex) (pimp|trafficker|abuser|daddy)|in recovery|"
    r"\d+ (days|months|years) (clean|sober)|(clean|sober) for \d+|at (1[0-7]|[5-9])\b|"
    r"when i was (homeless|in |on the|living|staying)|"
    r"when i was (\d+|younger|little|a kid|a child|"
    r"in (middle|high) school)|as a (kid|child)|growing up|survivor|survived|hace (anos|mucho|tiempo|"
    r"(un|una|dos|tres|cuatro|cinco|\d+|varios|muchos) (anos|ano|meses))|el ano pasado|cuando era "
    r"(nina|nino|chica|chico|menor|mas joven))\b"
)
# The person who did it is locked up, gone or cut off, so what they did is over. Counts as the
# past only beside a separate sign of safety or a request for support (never as both at once).
_OVER_RE = re.compile(
    r"\b((is|are) (now )?(in jail|in prison|locked up|behind bars)|(?<!\bi )(?<!\bwe )(got|was|were) (arrested|"
    r"convicted|sentenced|deported|locked up)|(is|are) (long )?gone|we broke up|"
    r"(i|we) (blocked|left|moved away from) (him|her|them)|^blocked (him|her|them)|\. blocked (him|her|them))\b"
)
_SAFE_NOW_RE = re.compile(
    r"\b((i|we) (am|are) (?:(?!not\b|never\b)\w+,? ){0,3}(safe|safer|ok|okay|fine|better|good|alright|out|free|"
    r"married|happy|healthy|recovered|engaged|"
    r"away from (him|her|them|it)|home|housed|sober|clean|healed|over it|in college|stable|settled|"
    r"in a (good|better) place|done with (that|it|the life))|"
    r"i feel (?:(?!not\b|never\b)\w+ ){0,3}(safe|safer|better|ok|okay|fine)|"
    r"(everything|everythings|things|all) (is |are )?(fine|ok|okay|good|great|better|calm)( now)?|"
    r"(i|we) (am|are) (staying |living )?with (my|our) \w+ now|i am (a senior|in college|an adult|grown up) now|"
    r"i am not (cutting|using|drinking|selfharming|hurting myself|in the life) anymore|\band safe\b|"
    r"i am in my own (place|apartment|room)|i have my own (place|apartment|room)|in recovery|"
    r"\d+ (days|months|years) (clean|sober)|(clean|sober) for \d+|"
    r"i have not( (done it|cut|used|relapsed|selfharmed|hurt myself|been back|seen (him|her|them)))? (in|for) "
    r"(a long time|years|months|\d+ (months|years))|healed up|safety plan|"
    r"out( of the life)? for (\d+|a|two|three|four|five|a few|many|several) (years|months)|"
    r"(he|she|they) (is|are|got|was|were) (now )?(in (federal |state |county )?(jail|prison)|locked up|arrested|"
    r"deported|convicted|behind bars)|"
    r"(he|she|they) (is|are) (now )?doing (good|great|fine|well|ok|okay|better)|"
    r"it is (all )?(resolved|over|handled|taken care of)|(police|cops) handled it|"
    r"i got out|(?<!he )(?<!she )(?<!they )got out of|i left (him|her|them|that|the life)|i escaped|i am out of|"
    r"i have been "
    r"(clean|safe|out|sober)|been clean|doing (better|ok|okay|well|fine|good|great)|"
    r"(doing|feeling) (way|so|much|a lot|so much) better|"
    r"been (out|clean|sober|free|safe) (since|for|\d+)|(clean|sober) (\d+|a few|two|three|several) "
    r"(days|weeks|months|years)|(he|she|they) (died|passed away|is dead|are dead|moved (out|away))|"
    r"it (stopped|ended)|feel (so |much |a lot |way )?better|(been|am|i am) in therapy|"
    r"(have|got|has) (my|her|his|our) own (place|apartment|room)|(i am|we are) back (home|with my)|"
    r"far away from (all )?(that|it|him|her|them)|live with (my )?\w+( \w+)? now|(has|have) no contact|"
    r"(he|she|they) (lives?|moved) (in|to) (another|a different) (state|city|country)|"
    r"(we|i) never see (him|her|them)|nothing (ever )?(got|was) posted|i am (in school|graduating|in college)|"
    r"(out of|no longer in) (my|our) li(fe|ves)|now i am an? \w+|now i (work|live|study|do \w+ at|go to)\b|"
    r"(i|we) live with (my|our) \w+|(got|have|earned) my (ged|diploma|license|degree)|"
    r"(\d+|one|two|three|four|five|six) (year|month|day) (chip|coin)|"
    r"have not (talked to|seen|heard from) (him|her|them) (since|in)|(just )?(started|start) (a new job|college|"
    r"school|at \w+)|(he|she|they) got (fired|charged|arrested|expelled|banned)|(he|she|it) stopped|"
    r"(she|he|my mom|my dad|we|i) left (him|her|them)|(it is|it's|everything is|life is) (chill|good|great|ok|okay)|"
    r"my friends look out for me|(i|we) (do not|never) (drink|use|go there|talk to (him|her|them))( anymore)?|"
    r"ya no (esta|estan) en mi vida|voy a terapia|ahora vivo|(ahora|ahorita) (estoy|tengo|trabajo|estudio)|"
    r"estoy bien|estoy mejor|married|how (much )?(life|things) (changes|changed|change)|independent now|"
    r"(i have )?lived with (my )?\w+ for|(i )?stopped when|(ya )?esta (en casa|bien|a salvo)|"
    r"now i have (got )?my own|proud of (myself|that|it|me)|"
    r"i am an? (\w+ )?(social worker|nurse|cna|teacher|counselor|advocate|mom|mother|dad|father|parent|"
    r"student|college student|grad student) now|now i am (safe|ok|okay|fine|better)|"
    r"now i have (housing|a place|my own|a job|a room|an apartment)|i live with \w+( \w+)? now|"
    r"i am in a (\w+ )?(program|shelter|group home|safe place|safe house|foster home|treatment program)|"
    r"(she|he|they) (is|are) (now )?(safe|ok|okay|fine|out)\b(?! of)|"
    r"(she|he|they) (is|are) (now )?(thriving|an adult|grown|in a good place|doing well|in nursing school|"
    r"in college|graduating)|(it|that|this) (resolved|ended|stopped|is over|was resolved)|"
    r"(she|he|they) (has|have) dealt with it|(i|we) (do not|no longer) feel (that|this) way( anymore)?|"
    r"(and|but) (is|are) now (in|a|an|safe|doing|living|working)|now (she|he|they) (is|are) (\d+|a|an|in|safe)|"
    r"with (my|our) own (place|apartment|room|house)|(he|she|they) (is|are) (now )?blocked|(we|i) got out|"
    # "…better off without me. not anymore": a reply to oneself; not "it's not enough anymore"
    r"(?:^|(?<=[.!?;,] ))not anymore\b|(we|i) (split up|broke up|separated|divorced)|"
    r"(that is|it is|thats) not how i feel (anymore|now)|i do not feel (that way|like that) anymore|"
    r"(we|i) (have had|had|have) no contact|(lo|la|los) bloquee|ya no paso nada|"
    r"i left (\d+|two|three|four|five|a few|several) "
    r"(years?|months?) ago|"
    r"(i am |i feel )?not in (any )?danger( now| anymore)?|not an emergency|"
    r"(she|he|they) (is|are) (a|an) (\w+ )?(senior|junior|sophomore|adult|student|nurse|mom|dad|parent) now|"
    r"(she|he|they) made it|(?<!not )(?<!never )\bsafe now\b|now i have (great|good|new|amazing|real) \w+|"
    r"got out in (19|20)\d\d|out since (19|20)\d\d|(i am|we are) (so )?(glad|grateful|thankful)|"
    r"(i )?have not (done it |done that )?in (years|months|a long time)|"
    r"now i (carry|volunteer|help|teach|mentor|speak|run)|"
    r"ya no (pienso|me siento) (asi|igual)|"
    r"ya estoy (bien|a salvo|segura|seguro|mejor)|estoy a salvo|me siento (mejor|segura|seguro|a salvo)|"
    r"ahora estoy (bien|a salvo|mejor|segura|seguro|tranquila|tranquilo)|ya sali)\b"
)
_SUPPORT_RE = re.compile(
    r"\b(counsel(l)?ing|counsel(l)?or|therap(y|ist|ists)|support groups?|talk to (someone|somebody|a)|"
    r"someone to talk to|job training|help other|help others|finish school|go back to school|"
    r"apartment|housing|psycholog\w*|group|heal|healing|recover\w*|advice|resources|scars|looked at|"
    r"support (her|him|them)|help (her|him|them|my friend)|mentor|volunteer|my story|dealing with|"
    r"deal with|cope|coping|nightmares|meeting|meetings|testify|press charges|compensation|restitution|"
    r"memories|advocacy|campaign|talked at|speak at|speaking at|talk to (her|him|them|my \w+) about|"
    r"statute of limitations|writing a book|apoyo|apoyarla|apoyarlo|"
    r"grupo de apoyo|terapia|terapeuta|consejer[oa]|psicolog[oa]|hablar con alguien|ayudar a otr[oa]s)\b"
)
_PRESENT_DANGER_RE = re.compile(
    r"\b(right now|rn|tonight|today|this (morning|afternoon|evening|week)|last night|just now|currently|"
    r"(he|she|they|it|this|that) (is |are )?still|still (happening|going on|with (him|her|them)|there|"
    r"in the life|doing it|being|getting|hurting|hitting|selling|making|after me|scared|afraid|"
    r"terrified|live|living|with|in|around)|(he|she|they) (will|would|wants|is going|are going)|"
    r"again|anymore|at the moment|as we speak|he is|she is|they are|keeps|is back|came back|(has|have) been \w+ing|"
    r"keep (coming|showing|texting|calling|following|finding|watching|messaging|threatening|asking|trying|"
    r"making|bothering|looking|driving|waiting|sending|hitting|hurting|touching|posting)|"
    # a present-tense act against someone, or a present wish to die, outweighs any safe-now wording
    r"(is|are|am) being|(touches|makes|hits|hurts|sells|forces|beats|rapes|pimps|chokes|threatens|follows|"
    r"does the same( thing)? to) (me|us|her|him|them)|"
    r"(?<!used to )(want|wanna|need|going) to (die|kill|end it|hurt myself)|"
    # ongoing since then, or someone on the way now
    r"(started|began|starts) (to )?\w+ing|ever since|every (day|night|week)|"
    r"(is|are) coming (to get|to my|for|after|back|over|here)|"
    r"(is|are) (looking|waiting|watching|following|selling|making|forcing|hurting|hitting|threatening|texting|"
    r"calling|outside)|"
    r"found me|ahora mismo|esta noche|hoy|anoche|todavia|otra vez|de nuevo|(sigue|siguen) \w+ndo|"
    r"(me|la|lo|nos) (sigue|siguen|busca|buscan|vende|venden|obliga|obligan|amenaza|amenazan|pega|toca))\b"
)
_SAFE_PHRASES_RE = re.compile(
    r"\b(he|she|they) (is|are) (now )?(in (federal |state |county )?(jail|prison)|(long )?gone|locked up|arrested|"
    r"safe|ok|okay|fine|out|great|nice|kind|amazing|awesome|the best|good to (me|us)|"
    r"doing|home|housed|better|well|in college|in therapy|blocked( \w+)?|behind bars)\b|\bnot anymore\b|"
    # hypothetical recurrence and ended habits are not present danger
    r"\b(if|when|so|that) it (ever )?(happens|happened|does|did|would|will)( not)? (happen )?again\b|"
    r"\b(does not|do not|never|will not|would not) happen again\b|\b(get|getting|got|become) pregnant again\b|"
    r"\b(got|was|were) (arrested|convicted|sentenced|charged) (today|yesterday|this week|last week)\b|"
    r"\b(he|she|they) (wants?|would like|is hoping|hopes) to (know|talk|learn|find|get|help|ask|meet|thank|"
    r"volunteer|share|write|go back|finish|report|press|tell|speak|understand|remove|delete)\b|"
    r"\b(i|we|she|he|they) (can|could) still (report|press|sue|get|file|do|apply|testify)\b|"
    r"\b(he|she|they) (is|are) (now )?(in recovery|in treatment|clean|sober|a senior|a junior|an adult|grown|"
    r"in a good place|thriving|doing well)\b|"
    r"\b(it|that|this) still (bothers|makes|affects|hurts|haunts|gets to|upsets|scares|messes with|hits) (me|her|him|us|"
    r"my|her|his)\b|\b(can|could|will|would) (that|it|this) happen again\b|"
    r"\b(see|seeing|meet|meeting|talk to|go to|going to) (a|my|her|his) (counselor|counsellor|therapist|psychiatrist|"
    r"doctor|group|support group) every (week|day|month|other week)\b|"
    r"\b(playing|working|smiling|laughing|dancing|singing|running|swimming|studying|driving|eating|sleeping|"
    r"trusting|dating) again\b|"
    r"\b(my )?(friends?|mom|dad|sister|brother|family|roommate|parents|aunt) found me\b|"
    # "a student told me today that two years ago…", "i'm ok today": when it was told, how they are
    r"\b(told|tell|said|disclosed|mentioned|shared|admitted) (me|us|staff) (today|this (morning|week)|yesterday)\b|"
    r"\b(i am|she is|he is|they are|we are) (\w+ )?(ok|okay|fine|good|safe|better|doing \w+|thriving) "
    r"(today|now|these days)\b|"
    # "…died 2 years ago. today is her birthday": a remembrance, not today's danger
    r"\b(today|tomorrow)( is|'s| would have been| would be| was) (her|his|their|my \w+ 's|my) (\w+ )?(birthday|bday|"
    r"anniversary|angelversary)\b|"
    r"\b(not|no longer|never)( \w+){1,3} (anymore|again)\b|"
    r"\b(if|when|whenever) (i|it|that|this) (\w+ ){0,3}again\b|"
    r"\b(scared|afraid|worried|nervous) (to|of|about) (\w+ ){0,3}again\b|"
    r"\b(they|it|the pics|the posts|the videos) (is|are) (all )?(down|deleted|gone|removed|taken down)\b|"
    r"\b(can|could|do|does) (i|we|she|he) still\b|\b(he|she|they) (is|are|has|have) (been )?out of (my|our) "
    r"li(fe|ves)\b|\b(they|it|the \w+) (is|are) still out there\b|\b(today|this week) i (got|earned|hit|"
    r"celebrated) my\b|\bused to( \w+){1,6} every (day|night|week|weekend)\b|\bstill (think|thinking|thinks|out there|remember|have "
    r"nightmares|feel|get|bringing)\b|\b(todavia|aun) (lo |la |le )?(puedo|se puede|podemos)\b|\bbringing (stuff|things|it) up\b|\b(days|months|years) (clean |sober )?today\b"
)


def _safe_now(norm: str) -> bool:
    """'It happened years ago, i am ok now, looking for a support group' is not a crisis now."""
    safes = [m.span() for m in _SAFE_NOW_RE.finditer(norm)]
    safe = bool(safes)
    past = _PAST_FRAME_RE.search(norm) is not None
    if not past:
        overs = [m.span() for m in _OVER_RE.finditer(norm)]
        past = bool(overs)
        if past and safe and all(a < d and c < b for a, b in overs for c, d in safes):
            safe = False  # one phrase ("he is in jail") is not both the past and the safety
    if not (past and safe) and not ((past or safe) and _SUPPORT_RE.search(norm)):
        return False
    return _PRESENT_DANGER_RE.search(_SAFE_PHRASES_RE.sub(" ", norm)) is None


# Long ago, told as over: "ten years ago i was trafficked", "from 14 to 17", "when i was a kid". Not
# a duration ("for 3 years he has…"), and nothing recent ("last week", "2 days ago").
_DISTANT_PAST_RE = re.compile(
    r"\b((\d+|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|many|couple( of)?) (years?|yrs?|summers|"
    r"winters|springs|falls) ago|"
    r"a long time ago|last year|years back|when i was (a kid|a child|little|younger|small|\d+|in (middle|high|"
    r"elementary|grade) school)|as a (kid|child|little girl|little boy)|growing up|back (then|in (19|20)\d\d)|"
    r"in (19|20)\d\d|last (summer|winter|spring|fall|autumn)|(i|we) used to|back in (high|middle) school|back when|"
    r"once in (college|high school|middle school)|at (1[0-7]|[5-9])\b(?! (am|pm|tonight|today))|"
    r"in (middle|high|grade) school|in (\d+(st|nd|rd|th)|ninth|eighth|seventh|sixth) grade|freshman year|"
    r"from (1[0-7]|[5-9]) (to|until|til|till) (1[0-9]|[5-9]|2\d)|de (nina|nino|chiquita|chiquito)|"
    r"cuando (era|tenia) (nina|nino|chica|chico|menor|mas joven|\d+)|hace (anos|mucho tiempo|(dos|tres|cuatro|"
    r"cinco|\d+|varios|muchos) anos)|el ano pasado|antes (pensaba|creia|sentia|queria))\b"
)
_RECENT_RE = re.compile(
    r"\b(last (week|weekend)|this (week|weekend|month)|yesterday|(\d+|a|one|two|three|few|couple( of)?) "
    r"(days?|hours?|minutes?|mins?|hrs?) ago|the other (day|night)|la otra noche|hace (unos )?(dias|horas|minutos)|"
    # a turn back to the present: "but lately…", "pero ahorita me encontró", "i have been planning…"
    r"lately|recently|these days|ultimamente|ahorita|(but|and|pero|y) (now|ahora)|"
    r"back with (him|her|them|my \w+)|(went|go|going|gone|am|i am) back (to (him|her|them)|there|in the life)|"
    r"(i|we|he|she|they) (have|has) been \w+ing|(he|she|they) (has|have) (started|begun))\b"
)


# "i fainted at the blood drive but i'm fine now": a medical scare that is over.
_FINE_NOW_RE = re.compile(
    r"\b(but|and|now) (i am|she is|he is|they are|we are|everyone is) (totally |all |completely |feeling )?"
    r"(fine|ok|okay|alright|all right|good|better)( now)?\b"
)


# Scares that are over when the person is fine again. Not pills, overdoses, poison or drugging:
# "i took 20 pills but i'm fine now" can still kill hours later.
_OVER_WHEN_FINE = frozenset({"medical.unresponsive", "medical.injury", "medical.breathing", "medical.seizure",
                             "medical.allergy"})


_SONG = frozenset("song songs lyric lyrics sound cancion letra".split())


def _lyric_start(words: tuple[str, ...]) -> int | None:
    """Where a quoted lyric begins: the word after "(the) song (that) goes (like)"."""
    for k, word in enumerate(words):
        if word in ("goes", "says", "dice") and not _SONG.isdisjoint(words[max(0, k - 2):k]):
            return k + 1
    return None


def _nothing_now(norm: str) -> bool:
    """The message says nothing of danger now or of anything recent."""
    return _RECENT_RE.search(norm) is None and _PRESENT_DANGER_RE.search(_SAFE_PHRASES_RE.sub(" ", norm)) is None


def _long_past_phrase(c: _Ctx) -> bool:
    """The matched words are told in the past and set long ago in the same phrase.

    Why: past experiences told by people safe today, without the words "i am safe", were most of
    the keyword layer's false escalations on the blind set v9. The time must qualify the matched
    phrase itself: in "i used to think about dying, i took all my pills" the pills are now.
    detect() never asks this of self-harm: "i tried to kill myself last year" is a risk a person
    checks."""
    return _DISTANT_PAST_RE.search(c.phrase_text) is not None and _past_clause(c)


_THIRD_SUBJECT = _THIRD - frozenset(
    "her him them herself himself themselves themself la lo le les se anyone anybody".split()
)
# Only read once the message is known to be past-and-safe (see detect): "thought about dying a lot"
# beside "last winter ... doing good now" is the past.
_PAST_MARK = frozenset("used tried attempted did got thought took had overdosed would made lived sold kept held "
                       "forced raped abused".split())
_TOPIC_PREV = frozenset("for about of on regarding prevent preventing against around report reporting "
                        "recognizing recognising recognize spotting spot identifying identify".split())


def _past_clause(c: _Ctx) -> bool:
    """The matched clause is told in the past ("i had a daddy who made me…")."""
    return (not _PAST_AUX.isdisjoint(c.clause) or not _PAST_MARK.isdisjoint(c.clause)
            or _PAST_RE.search(c.clause_text) is not None or _PAST_FRAME_RE.search(c.clause_text) is not None
            or _OVER_RE.search(c.clause_text) is not None
            # "i was homeless at 17 and a guy let me stay if…": the time is set earlier in the sentence
            or _PAST_FRAME_RE.search(c.sentence_text) is not None)


_PAST_AUX = frozenset({"was", "were", "had", "wanted", "used", "estaba", "estaban", "fue", "era", "tenia",
                       "dejaba", "quitaba", "pegaba", "obligaba", "abuso", "pensaba", "creia", "sentia"})


def _clause_bounds(words: tuple[str, ...], start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and words[a - 1] not in _CLAUSE_BREAK:
        a -= 1
    b = end
    while b < len(words) and words[b] not in _CLAUSE_BREAK:
        b += 1
    return a, b


def _negated(c: _Ctx) -> bool:
    """'i do not want to die', 'i would never kill myself' -- but not 'not sure if he will…'."""
    for i in range(c.start - 1, max(c.c_start, c.start - 3) - 1, -1):
        if c.words[i] in _NEGATION_STOP:
            return False
        if c.words[i] in _NEGATION:
            return c.words[i + 1] not in _NOT_STOP if i + 1 < c.start else True
    return False


_NOT_STOP = frozenset("stop quit help".split())  # "can not stop thinking about…"


def _definitional(c: _Ctx, coded: bool) -> bool:
    """Questions about a term ("what does 'the track' mean") are not crises."""
    before = c.words[max(c.c_start, c.start - 6):c.start]
    after = c.words[c.end:min(c.c_end, c.end + 4)]
    if not _WHAT.isdisjoint(before) and not _MEAN.isdisjoint(after):
        return True
    if coded and not _WHAT.isdisjoint(c.words[c.c_start:c.start]) and not _MEAN.isdisjoint(c.clause):
        return True  # "what does it mean when someone says they're in the life"
    if c.prv() in _QUOTES and c.nxt() in _QUOTES:
        return True
    k = 1
    while c.prv(k) in _QUOTES or c.prv(k) in {"the", "a", "an", "la", "el"}:
        k += 1
    p1, p2 = c.prv(k), c.prv(k + 1)
    if p1 in _DEF_PREV or (p1 == "of" and p2 in {"meaning", "definition"}) or (p1 == "by" and p2 == "mean"):
        return True
    if coded:
        if any(w in _TERM_WORDS for w in c.clause):
            return True
        if p1 in {"is", "are", "es", "son"} and p2 in _WHAT:
            return True
        if p1 in {"what", "explain", "define", "whats"}:
            return True
    return False


def _quoted(c: _Ctx) -> bool:
    """The span sits inside quotation marks (an odd number of quote tokens before it)."""
    return sum(1 for w in c.words[:c.start] if w in _QUOTES) % 2 == 1


def _hypothetical(c: _Ctx) -> bool:
    """'How do I know if…', 'what do I do if someone…': asking, not telling."""
    for i in range(c.c_start, c.start):
        if c.words[i] in {"if", "when", "whenever", "si", "cuando"}:
            if any(c.words[j] in _Q_BEFORE_IF for j in range(max(c.c_start, i - 3), i)):
                return True
    return False


def _person(
    c: _Ctx, forced_third: bool, framed_third: bool, asking: bool, agent: bool = False
) -> tuple[str, bool]:
    """Who the span is about: ("first"|"third"|"none", is_generic).

    Pronouns inside the span decide first ("won't let me leave"); then the
    nearest person word before it in the clause ("my friend is being sold");
    then the message's framing ("asking for a friend", "my sister…").
    "you" only counts inside a question ("what happens if you take…").
    """
    if forced_third:
        return "third", False

    def third(i: int) -> bool:
        w = c.words[i]
        if w in _ADDRESSEE and i + 1 < len(c.words) and c.words[i + 1] in _HELP_WORDS:
            return False  # "someone help!" calls for help, it is not about someone
        if agent and w in _AGENTS:
            return False
        return w in _THIRD or (asking and w == "you")

    def generic(i: int) -> bool:
        if c.words[i] not in _GENERIC:
            return False
        if i > 0 and c.words[i - 1] == "their":
            # "how can parents tell if their teen…": anyone's teen
            return not _GENERIC_OWNERS.isdisjoint(c.words[c.c_start:i - 1])
        return i == 0 or c.words[i - 1] not in _POSSESSIVE

    firsts = [i for i in range(c.start, c.end) if c.words[i] in _FIRST]
    if firsts:
        # "i think a kid is being sold": a subject after the texter's "i" is who it is about
        later = [i for i in range(firsts[-1] + 1, c.end) if c.words[i] in _THIRD_SUBJECT and third(i)]
        if not later:
            return "first", False
        return "third", generic(later[0])
    for i in range(c.start, c.end):
        if third(i):
            return "third", generic(i)
    if not _FIRST_WEAK.isdisjoint(c.span):
        return "first", False
    for i in range(c.start - 1, max(c.c_start, c.start - 6) - 1, -1):
        if c.words[i] in _FIRST and c.nxt(i - c.end + 1) in _BELIEF:
            continue  # "a teen i suspect is being trafficked": the texter suspects, the teen is at risk
        if c.words[i] in _FIRST:
            return "first", False
        if third(i):
            return "third", generic(i)
    if framed_third:
        return "third", False
    return "none", False


def _generic_referent(c: _Ctx) -> bool:
    """In a question, 'if a student says she…': the pronoun stands for anyone."""
    for i in range(c.c_start, c.start):
        if c.words[i] in _GENERIC and c.words[i] != "you" and (i == 0 or c.words[i - 1] not in _POSSESSIVE):
            return True
    return False


def _severity(rule: _Rule, c: _Ctx, person: str) -> str:
    """Emergency = first person and now (or an acute medical state); else urgent."""
    window = c.clause_text
    if _PAST_RE.search(window):
        return "urgent"
    strong_now = _STRONG_NOW_RE.search(window) is not None
    weak_now = strong_now or _WEAK_NOW_RE.search(window) is not None
    tense = rule.tense
    if tense == "now" and rule.category != "self_harm":
        # "he was hitting me", "i had sex for money": past, so timing is unclear
        if not _PAST_AUX.isdisjoint(c.words[max(c.c_start, c.start - 2):c.end]):
            tense = "unclear"
    if tense == "acute":
        return "emergency"
    if tense == "unclear":
        return "emergency" if strong_now else "urgent"
    if person in ("first", "none"):
        return "emergency"
    return "emergency" if weak_now else "urgent"


# --------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------


# Words too common to make a selective anchor (see _Engine): a token whose word set
# contains them is only used when a pattern has no better required token.
_COMMON = _ws(
    "i me my we us our you your he him his she her they them their it its a an the this that to of in on at "
    "for with and or but is am are was were be been being do does did not no have has had will would can "
    "could just so up out get got go going 's la el de que y a en me se lo le no"
)


def _anchor(specs: list[dict[str, object]]) -> frozenset[str] | None:
    """The most selective required token's word set, or None when no token is required and literal."""
    best: frozenset[str] | None = None
    best_score: tuple[int, int] | None = None
    for spec in specs:
        if "OP" in spec and spec["OP"] not in ("+", "1"):
            continue
        lower = spec.get("LOWER")
        if isinstance(lower, str):
            words = frozenset({lower})
        elif isinstance(lower, dict) and "IN" in lower:
            words = frozenset(lower["IN"])
        else:
            continue
        score = (len(words & _COMMON), len(words))
        if best_score is None or score < best_score:
            best, best_score = words, score
    return best


class _Engine:
    """spaCy tokenizer plus the compiled matchers; built once per process."""

    def __init__(self) -> None:
        self.nlp: Language = spacy.blank("en")
        # Drop spaCy's apostrophe-less special cases ("id" -> "i d", "wed" -> "we d"):
        # normalise() already expands the contractions that matter.
        self.nlp.tokenizer.rules = {
            k: v for k, v in self.nlp.tokenizer.rules.items() if not (k.isalpha() and len(v) > 1)
        }
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        # Token patterns are grouped by an anchor: a required token's word set. A group's
        # matcher runs only when one of its anchor words is in the message, so detect() does
        # not pay for ~2,000 patterns on every message (spaCy tries each pattern at each token).
        groups: dict[frozenset[str] | None, dict[str, list[list[dict[str, object]]]]] = {}
        known: set[str] = set(_WORD_MAP) | {w for v in _WORD_MAP.values() for w in v.split()}
        for index, rule in enumerate(_RULES):
            key = f"crisis_rule_{index}"
            token_patterns: list[list[dict[str, object]]] = []
            phrase_docs: list[Doc] = []
            for raw in rule.patterns:
                for pattern in _expand(raw):
                    known.update(_literals(pattern))
                    specs = [_token_spec(t) for t in pattern.split()]
                    plain = all(set(s) == {"LOWER"} and isinstance(s["LOWER"], str) for s in specs)
                    words = [str(s["LOWER"]) for s in specs] if plain else []
                    if plain and [t.text for t in self.nlp.make_doc(" ".join(words))] == words:
                        phrase_docs.append(self.nlp.make_doc(" ".join(words)))
                    else:
                        token_patterns.append(specs)
            for specs in token_patterns:
                groups.setdefault(_anchor(specs), {}).setdefault(key, []).append(specs)
            if phrase_docs:
                self.phrases.add(key, phrase_docs)
        self.always: list[Matcher] = []
        self.by_word: dict[str, list[Matcher]] = {}
        for anchor, keyed in groups.items():
            matcher = Matcher(self.nlp.vocab, validate=True)
            for key, patterns in keyed.items():
                matcher.add(key, patterns)
            if anchor is None:
                self.always.append(matcher)
            else:
                for word in anchor:
                    self.by_word.setdefault(word, []).append(matcher)
        self.known = frozenset(w for w in known if w.isalpha())
        self.fuzzy = _fuzzy_table(self.known)
        self.base_strings = len(self.nlp.vocab.strings)

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule index, start, end) for every pattern hit, deduplicated."""
        strings = self.nlp.vocab.strings
        matchers = {id(m): m for m in self.always}
        for token in doc:
            for m in self.by_word.get(token.lower_, ()):
                matchers[id(m)] = m
        hits = list(self.phrases(doc))
        for m in matchers.values():
            hits.extend(m(doc))
        found = {(int(strings[mid].rsplit("_", 1)[1]), start, end) for mid, start, end in hits}
        return sorted(found)


_ENGINE: _Engine | None = None
_ENGINE_LOCK = threading.Lock()
# Every new word is interned in the shared vocab; rebuild after this many so a
# long-running server does not grow without bound (or keep users' words).
_MAX_NEW_STRINGS = 200_000


def _engine() -> _Engine:
    global _ENGINE
    engine = _ENGINE
    if engine is None or len(engine.nlp.vocab.strings) - engine.base_strings > _MAX_NEW_STRINGS:
        with _ENGINE_LOCK:
            engine = _ENGINE
            if engine is None or len(engine.nlp.vocab.strings) - engine.base_strings > _MAX_NEW_STRINGS:
                engine = _ENGINE = _Engine()
    return engine


def safe_now_disclosure(text: str) -> bool:
    """A past experience told by someone who says they are safe now, with no present danger.

    Harbor's decision (README, safety): such a message gets support and the offer of a
    person, not an emergency escalation. The NLU override applies it to the model layer
    too, so both layers follow one rule."""
    if not isinstance(text, str) or not text.strip():
        return False
    engine = _engine()
    return _safe_now(normalise(text, engine.known, engine.fuzzy))


def detect(text: str) -> CrisisSignal | None:
    """Return the most serious crisis signal in the message, or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    engine = _engine()
    norm = normalise(text, engine.known, engine.fuzzy)
    doc = engine.nlp.make_doc(norm)
    words = tuple(t.lower_ for t in doc)
    msg = frozenset(words)
    forced_third = _FORCED_THIRD_RE.search(norm) is not None
    framed_third = _THIRD_FRAME_RE.search(norm) is not None
    education = _EDUCATION_RE.search(norm) is not None
    media = _MEDIA_RE.search(norm) is not None
    present_case = _PRESENT_CASE_RE.search(norm) is not None
    if not present_case and _GAME_RE.search(norm) is not None:
        return None  # "in GTA my guy got stabbed": a character in a game
    safe_now = _safe_now(norm)
    long_ago = _DISTANT_PAST_RE.search(norm) is not None
    fine_again = _FINE_NOW_RE.search(norm) is not None
    calm = (long_ago or fine_again) and _nothing_now(norm)  # the costly check, once and only when needed
    nothing_now = calm and long_ago and not safe_now
    fine_now = calm and fine_again
    acute_now = _ACUTE_NOW_RE.search(norm) is not None
    quote_ctx = _QUOTE_CTX_RE.search(norm) is not None
    grounded = not _GROUNDED.isdisjoint(msg)
    lyric_from = _lyric_start(words)

    best: tuple[int, int, int] | None = None
    best_signal: CrisisSignal | None = None
    for index, start, end in engine.matches(doc):
        rule = _RULES[index]
        if rule.needs and rule.needs.isdisjoint(msg):
            continue
        c_start, c_end = _clause_bounds(words, start, end)
        ctx = _Ctx(words, start, end, c_start, c_end, msg)
        if _negated(ctx) or any(guard(ctx) for guard in rule.guards) or _definitional(ctx, rule.coded):
            continue
        if quote_ctx and (_quoted(ctx) or not _SAYS.isdisjoint(words[max(0, start - 2):start])):
            continue  # "that song that goes 'i want to die'": a lyric, not the texter
        if lyric_from is not None and start > lyric_from:
            continue  # "that song that goes like im trapped and i cant get out": the rest is the lyric
        if grounded and rule.id == "danger.held":
            continue  # "grounded and can't leave the house": a punishment, not captivity
        hypothetical = _hypothetical(ctx)
        person, generic = _person(ctx, forced_third, framed_third, education or hypothetical, rule.agent)
        if (education or hypothetical) and person == "third" and not generic:
            generic = _generic_referent(ctx)
        capped = hypothetical
        # "one of our residents is unresponsive": a case now; "someone who is unconscious": a question
        case = present_case or (acute_now and not hypothetical and not generic)
        # "officer on scene, female approx 15 showing signs of overdose": a live case, whoever it is about
        live = case and (person == "third" or (person == "none" and present_case and not hypothetical))
        if (education or hypothetical) and person != "first" and not live and not rule.personal:
            if person == "none" or generic:
                continue  # a staff or "what if" question about nobody in particular
            capped = True
        if media and (person != "first" or "character" in ctx.clause):
            continue  # "a documentary about a girl who was sold": a character, not a disclosure
        if education and ctx.prv() in _TOPIC_PREV and _FIRST.isdisjoint(ctx.span):
            continue  # "how do we screen for self-harm": a topic, not a disclosure
        severity = "urgent" if capped else _severity(rule, ctx, person)
        if safe_now and (severity == "urgent" or _past_clause(ctx)):
            continue  # a past experience, safe today, asking for support
        if rule.id in _OVER_WHEN_FINE and fine_now and _FINE_NOW_RE.search(" ".join(words[end:])):
            continue  # "fainted at the blood drive but i'm fine now": the scare came first and is over
        if nothing_now and rule.category != "self_harm" and _long_past_phrase(ctx):
            continue  # "ten years ago i was trafficked. can i intern with you?": a story, not a crisis now
        rank = (_SEVERITY_RANK[severity], PRECEDENCE.index(rule.category), index)
        if best is None or rank < best:
            best = rank
            best_signal = CrisisSignal(rule.category, severity, rule.language, rule.id)
    return best_signal
