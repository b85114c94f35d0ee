"""Builds Harbor's own spaCy pipeline from code and data (no pretrained download exists here).

Blank English tokenizer, lookup lemmas from spacy-lookups-data, and an EntityRuler
that tags Wisconsin places (labels ``city``, ``county``, ``zip``) from the gazetteer.
Rasa's SpacyNLP loads the saved folder by path (see config.yml).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from bot.geo import GAZETTEER_DIR, get_gazetteer
from bot.settings import get_settings

FINGERPRINT_FILE = "harbor_fingerprint.txt"


def source_fingerprint() -> str:
    """Changes whenever the builder or the gazetteer data changes."""
    digest = hashlib.sha256()
    for path in [Path(__file__), Path(__file__).with_name("geo.py"), *sorted(GAZETTEER_DIR.glob("*"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _phrase(nlp, text: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return [{"LOWER": token.lower_} for token in nlp.make_doc(text)]


def build_patterns(nlp) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    gaz = get_gazetteer()
    patterns: list[dict[str, object]] = []
    for city in gaz.city_terms():
        patterns.append({"label": "city", "pattern": _phrase(nlp, city)})
    alone, with_word = gaz.county_terms()
    county_word = {"LOWER": {"IN": ["county", "cnty", "co", "co."]}}
    for county in with_word:
        patterns.append({"label": "county", "pattern": _phrase(nlp, county) + [county_word]})
        if county.startswith("st "):  # "St. Croix" is tokenised with a full stop
            dotted = "st. " + county[3:]
            patterns.append({"label": "county", "pattern": _phrase(nlp, dotted) + [county_word]})
    for county in alone:
        patterns.append({"label": "county", "pattern": _phrase(nlp, county)})
    patterns.append({"label": "zip", "pattern": [{"TEXT": {"IN": sorted(gaz.zips)}}]})
    return patterns


def build(target: Path | None = None, force: bool = False) -> tuple[Path, bool]:
    """Build the pipeline into ``target`` unless an identical build is there; return (path, built)."""
    import spacy

    target = target or get_settings().spacy_pipeline
    fingerprint = source_fingerprint()
    marker = target / FINGERPRINT_FILE
    if not force and marker.exists() and marker.read_text().strip() == fingerprint:
        return target, False
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma tables; must come before the ruler's patterns
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None})
    ruler.add_patterns(build_patterns(nlp))
    nlp.meta["name"] = "harbor_en"
    nlp.meta["description"] = "Harbor: tokenizer, lookup lemmas, Wisconsin place ruler"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    (tmp / FINGERPRINT_FILE).write_text(fingerprint)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    (target.parent / "patterns.json").write_text(json.dumps({"count": len(ruler.patterns)}))
    return target, True
