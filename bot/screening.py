"""Staff screening instruments: loaded from YAML, validated, and scored.

Instruments are data (``data/screening/*.yml``) so an agency can add the one it
licenses without touching code. The loader checks every file and reports every
problem at once as ``file: item <id>: reason`` (or ``file: instrument: reason``
for file-wide problems), because a half-loaded screen is worse than none.

Scoring is deliberately simple and published with each instrument: count the
"yes" answers; positive at or above the threshold. A screen is never a
determination, and the guidance text for every band says so.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Mapping, get_args

import yaml

from bot.settings import PROJECT_ROOT
from bot.sms_text import MAX_SMS_CHARS, is_gsm7

Answer = Literal["yes", "no", "unsure", "skip"]
ANSWERS: tuple[str, ...] = get_args(Answer)
BANDS: tuple[str, ...] = ("positive", "negative_concerns", "negative")
DEFAULT_FOLDER = PROJECT_ROOT / "data" / "screening"
SCORING_RULES = ("count_yes",)
ANSWER_HINT = "Reply yes, no, not sure or skip. You can also say back, pause or stop screening."

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")
# Wording that blames a child for their own exploitation; staff content must not use it.
_BANNED = re.compile(r"prostitut", re.IGNORECASE)
_TOP_KEYS = {"id", "title", "intro", "source", "answers", "scoring", "items", "bands"}
_ITEM_KEYS = {"id", "text", "domain", "answers"}
_SOURCE_KEYS = {"citation", "url", "checked", "note"}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    domain: str


@dataclass(frozen=True)
class Band:
    name: str
    guidance: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    intro: str
    source: str
    items: tuple[Item, ...]
    threshold: int
    bands: dict[str, Band]


class InstrumentError(ValueError):
    """One or more instrument files are invalid; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in screening instruments: "
                         + "; ".join(self.problems))


def sms_text_problem(text: Any) -> str | None:
    """Why ``text`` cannot be sent as one SMS-safe, respectful message (None if it can)."""
    if not isinstance(text, str) or not text.strip():
        return "text is missing or empty"
    if len(text) > MAX_SMS_CHARS:
        return f"text is {len(text)} characters, more than {MAX_SMS_CHARS}"
    if not is_gsm7(text):
        bad = sorted({ch for ch in text if not is_gsm7(ch)})
        return "text has characters outside GSM-7: " + " ".join(repr(ch) for ch in bad)
    if _BANNED.search(text):
        return "text calls a child a 'prostitute': say exploited, trading sex or someone making them"
    return None


# ---------------------------------------------------------------------------- loading

class _Loader(yaml.SafeLoader):
    """Safe YAML where only true/false are booleans (YAML 1.2), so `answers: [yes, no]` stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def read_yaml(path: Path) -> tuple[Any, str | None]:
    """Parse a content file; returns (data, None) or (None, plain reason)."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader), None
    except FileNotFoundError:
        return None, "file not found"
    except UnicodeDecodeError:
        return None, "file is not UTF-8 text"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return None, f"not valid YAML{where}"

def _format_source(raw: Any, problem: Any) -> str:
    """A one-line citation with the date it was checked; reports what is missing."""
    if raw is None:
        problem("missing 'source' (citation and date checked)")
        return ""
    if not isinstance(raw, Mapping):
        problem("'source' must be a mapping with 'citation' and 'checked'")
        return ""
    for key in sorted(set(raw) - _SOURCE_KEYS):
        problem(f"source: unknown field '{key}'")
    citation = raw.get("citation")
    if not isinstance(citation, str) or not citation.strip():
        problem("source: missing 'citation'")
        citation = ""
    checked = raw.get("checked")
    if isinstance(checked, str):
        try:
            checked = dt.date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, dt.date):
        problem("source: 'checked' must be the date the source was checked (YYYY-MM-DD)")
        checked = None
    url = raw.get("url")
    text = citation.strip()
    if isinstance(url, str) and url.strip():
        text += f" {url.strip()}"
    if checked:
        text += f" (checked {checked.isoformat()})"
    return text


def _answers_problems(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not raw:
        return ["'answers' must be a list drawn from: " + ", ".join(ANSWERS)]
    problems = [f"unknown answer option '{value}' (allowed: {', '.join(ANSWERS)})"
                for value in raw if value not in ANSWERS]
    if not problems and not {"yes", "no"} <= set(raw):
        problems.append("answer options must include 'yes' and 'no'")
    return problems


def _parse_instrument(path: Path, data: Any, problems: list[str]) -> Instrument | None:
    name = path.name
    start = len(problems)

    def file_problem(reason: str) -> None:
        problems.append(f"{name}: instrument: {reason}")

    def item_problem(item_id: str, reason: str) -> None:
        problems.append(f"{name}: item {item_id}: {reason}")

    if not isinstance(data, Mapping):
        file_problem("the file must hold a mapping (id, title, intro, source, scoring, items, bands)")
        return None
    for key in sorted(set(data) - _TOP_KEYS, key=str):
        file_problem(f"unknown field '{key}'")

    instrument_id = data.get("id")
    if not isinstance(instrument_id, str) or not _SLUG.match(instrument_id):
        file_problem("'id' must be lower-case letters, digits and underscores")
        instrument_id = ""
    for field in ("title", "intro"):
        reason = sms_text_problem(data.get(field))
        if reason:
            file_problem(f"{field}: {reason}")
    source = _format_source(data.get("source"), file_problem)
    if "answers" in data:
        for reason in _answers_problems(data["answers"]):
            file_problem(reason)

    raw_items = data.get("items")
    items: list[Item] = []
    if not isinstance(raw_items, list) or not raw_items:
        file_problem("'items' must be a non-empty list")
        raw_items = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_items, start=1):
        label = f"#{position}"
        if not isinstance(raw, Mapping):
            item_problem(label, "must be a mapping with id, text and domain")
            continue
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not _SLUG.match(item_id):
            item_problem(label, "missing or malformed 'id' (lower-case letters, digits, underscores)")
            item_id = None
        else:
            label = item_id
            if item_id in seen:
                item_problem(label, "duplicate item id")
            seen.add(item_id)
        for key in sorted(set(raw) - _ITEM_KEYS, key=str):
            item_problem(label, f"unknown field '{key}'")
        reason = sms_text_problem(raw.get("text"))
        if reason:
            item_problem(label, reason)
        domain = raw.get("domain")
        if not isinstance(domain, str) or not _SLUG.match(domain):
            item_problem(label, "missing or malformed 'domain' (lower-case letters, digits, underscores)")
        if "answers" in raw:
            for reason in _answers_problems(raw["answers"]):
                item_problem(label, reason)
        if item_id and isinstance(raw.get("text"), str) and isinstance(domain, str):
            items.append(Item(id=item_id, text=raw["text"], domain=domain))

    scoring = data.get("scoring")
    threshold = 0
    if not isinstance(scoring, Mapping):
        file_problem("missing 'scoring' (rule: count_yes, threshold: N)")
    else:
        if scoring.get("rule") not in SCORING_RULES:
            file_problem(f"scoring: unknown rule {scoring.get('rule')!r} (supported: {', '.join(SCORING_RULES)})")
        raw_threshold = scoring.get("threshold")
        if isinstance(raw_threshold, bool) or not isinstance(raw_threshold, int) or raw_threshold < 1:
            file_problem("scoring: 'threshold' must be a whole number of at least 1")
        elif raw_items and raw_threshold > len(raw_items):
            file_problem(f"scoring: threshold {raw_threshold} is more than the {len(raw_items)} items")
        else:
            threshold = raw_threshold

    bands: dict[str, Band] = {}
    raw_bands = data.get("bands")
    if not isinstance(raw_bands, Mapping):
        file_problem("missing 'bands' (" + ", ".join(BANDS) + ")")
        raw_bands = {}
    for band_name in raw_bands:
        if band_name not in BANDS:
            file_problem(f"bands: unknown band '{band_name}' (allowed: {', '.join(BANDS)})")
    for band_name in BANDS:
        raw_band = raw_bands.get(band_name) if raw_bands else None
        if raw_band is None:
            file_problem(f"bands: missing band '{band_name}'")
            continue
        guidance = raw_band.get("guidance") if isinstance(raw_band, Mapping) else None
        if not isinstance(guidance, list) or not guidance:
            file_problem(f"bands: {band_name}: 'guidance' must be a non-empty list of messages")
            continue
        for number, message in enumerate(guidance, start=1):
            reason = sms_text_problem(message)
            if reason:
                file_problem(f"bands: {band_name}: guidance {number}: {reason}")
        bands[band_name] = Band(name=band_name, guidance=tuple(str(m) for m in guidance))

    if len(problems) > start:
        return None
    return Instrument(id=instrument_id, title=data["title"], intro=data["intro"], source=source,
                      items=tuple(items), threshold=threshold, bands=bands)


def load_instrument(path: Path) -> Instrument:
    """Load one instrument file; raise InstrumentError naming every problem in it."""
    path = Path(path)
    problems: list[str] = []
    data, error = read_yaml(path)
    if error:
        raise InstrumentError([f"{path.name}: instrument: {error}"])
    instrument = _parse_instrument(path, data, problems)
    if instrument is None:
        raise InstrumentError(problems)
    return instrument


def load_instruments(folder: Path = DEFAULT_FOLDER) -> dict[str, Instrument]:
    """Every ``*.yml``/``*.yaml`` instrument in ``folder`` by id; all problems in all files at once."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InstrumentError([f"{folder}: instrument: folder not found"])
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    if not files:
        raise InstrumentError([f"{folder}: instrument: no .yml instrument files in this folder"])
    problems: list[str] = []
    instruments: dict[str, Instrument] = {}
    origin: dict[str, str] = {}
    for path in files:
        try:
            instrument = load_instrument(path)
        except InstrumentError as error:
            problems.extend(error.problems)
            continue
        if instrument.id in instruments:
            problems.append(f"{path.name}: instrument: id '{instrument.id}' is already used by {origin[instrument.id]}")
            continue
        instruments[instrument.id] = instrument
        origin[instrument.id] = path.name
    if problems:
        raise InstrumentError(problems)
    return instruments


# ---------------------------------------------------------------------------- replies

@dataclass(frozen=True)
class Reply:
    kind: Literal["answer", "back", "stop", "pause", "unknown"]
    answer: Answer | None = None


_PHRASES: dict[str, Reply] = {}


def _add(kind: str, answer: str | None, *phrases: str) -> None:
    for phrase in phrases:
        _PHRASES[phrase] = Reply(kind, answer)  # type: ignore[arg-type]


_add("answer", "yes", "yes", "y", "yeah", "yep", "yup", "yea", "ya", "yes she has", "yes he has",
     "yes they have", "i think so", "1")
_add("answer", "no", "no", "n", "nope", "nah", "never", "not that i know", "no they have not",
     "2")
_add("answer", "unsure", "not sure", "unsure", "idk", "i dont know", "dont know", "do not know",
     "maybe", "no idea", "unknown", "im not sure", "i am not sure", "dunno", "3")
_add("answer", "skip", "skip", "pass", "skip it", "skip this", "skip this one", "next question",
     "rather not say", "prefer not to say", "4")
_add("back", None, "back", "go back", "previous", "undo", "prev", "last question",
     "previous question", "change my answer", "change answer", "change last answer")
_add("stop", None, "stop", "cancel", "quit screening", "stop screening", "end screening",
     "cancel screening", "quit", "exit", "end", "never mind", "nevermind")
_add("pause", None, "pause", "later", "hold on", "wait", "not now", "pause screening",
     "one moment", "one sec", "brb", "come back later")

# Longest phrases first so "no idea" wins over "no" and "go back" over "back".
_PREFIXES = sorted(_PHRASES, key=lambda p: (-len(p.split()), -len(p)))
# A digit alone is a menu choice; inside a longer reply it is not.
_PREFIX_OK = [p for p in _PREFIXES if not p.isdigit() and len(p) > 1]


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("\u2019", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def parse_reply(text: str) -> Reply:
    """What a staff member's free-text reply to a screening item means."""
    norm = _normalise(text)
    if not norm:
        return Reply("unknown")
    exact = _PHRASES.get(norm)
    if exact is not None:
        return exact
    for phrase in _PREFIX_OK:
        if norm.startswith(phrase + " "):
            return _PHRASES[phrase]
    return Reply("unknown")


# ---------------------------------------------------------------------------- scoring

@dataclass(frozen=True)
class Result:
    yes: int
    unsure: int
    skipped: int
    answered: int
    band: str
    positive_domains: tuple[str, ...]
    guidance: tuple[str, ...]


def score(instrument: Instrument, answers: Mapping[str, Answer]) -> Result:
    """Count answers and pick the band.

    positive: yes >= threshold. negative_concerns: below threshold but any yes or
    unsure. negative: otherwise. Items with no answer count as skipped, so a screen
    stopped part-way can still be scored honestly.
    """
    known = {item.id for item in instrument.items}
    unknown_ids = sorted(set(answers) - known)
    if unknown_ids:
        raise ValueError(f"answers for items not in {instrument.id}: {', '.join(unknown_ids)}")
    bad = sorted(f"{key}={value!r}" for key, value in answers.items() if value not in ANSWERS)
    if bad:
        raise ValueError(f"answers must be one of {', '.join(ANSWERS)}: {', '.join(bad)}")
    yes = sum(1 for item in instrument.items if answers.get(item.id) == "yes")
    unsure = sum(1 for item in instrument.items if answers.get(item.id) == "unsure")
    no = sum(1 for item in instrument.items if answers.get(item.id) == "no")
    skipped = len(instrument.items) - yes - unsure - no
    domains: list[str] = []
    for item in instrument.items:
        if answers.get(item.id) == "yes" and item.domain not in domains:
            domains.append(item.domain)
    if yes >= instrument.threshold:
        band = "positive"
    elif yes or unsure:
        band = "negative_concerns"
    else:
        band = "negative"
    return Result(yes=yes, unsure=unsure, skipped=skipped, answered=yes + unsure + no, band=band,
                  positive_domains=tuple(domains), guidance=instrument.bands[band].guidance)
