"""Wisconsin places, offline: cities, counties and ZIP codes, with distances between counties.

Built from the ``zipcodes`` package (every US ZIP with city, county and coordinates,
no network) plus the nicknames and guards in ``data/gazetteer/``. Used twice: to
build the spaCy entity patterns, and to turn what a youth typed into a county.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
import zipcodes

from bot.settings import PROJECT_ROOT

GAZETTEER_DIR = PROJECT_ROOT / "data" / "gazetteer"
_COUNTY_WORD = re.compile(r"\s+(county|cnty|co\.?)$")


@dataclass(frozen=True)
class Place:
    """A place resolved to the county that the directory is organised by."""

    kind: str  # "city", "county" or "zip"
    name: str  # display name: "Madison", "Dane County", "53703"
    county: str  # "Dane County"


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9' .-]", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    text = text.replace(".", "")
    return re.sub(r"\s+", " ", text).strip()


class Gazetteer:
    """Look-ups over Wisconsin's 72 counties, their cities and ZIP codes."""

    def __init__(self, folder: Path = GAZETTEER_DIR) -> None:
        records = [r for r in zipcodes.filter_by(state="WI") if r.get("county")]
        aliases = yaml.safe_load((folder / "aliases.yml").read_text())
        ambiguous = yaml.safe_load((folder / "ambiguous.yml").read_text())
        self.ambiguous_cities = {_norm(c) for c in ambiguous["cities"]}
        self.ambiguous_counties = {_norm(c) for c in ambiguous["counties"]}

        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        city_counties: dict[str, Counter[str]] = defaultdict(Counter)
        self.city_names: dict[str, str] = {}
        self.zips: dict[str, str] = {}
        for record in records:
            county = record["county"]
            points[county].append((float(record["lat"]), float(record["long"])))
            self.zips[record["zip_code"]] = county
            for city in [record["city"], *record.get("acceptable_cities", [])]:
                key = _norm(city)
                city_counties[key][county] += 1
                self.city_names.setdefault(key, city.title() if city.isupper() else city)
        self.counties: dict[str, str] = {_norm(_COUNTY_WORD.sub("", _norm(c))): c for c in points}
        self.centroids = {
            county: (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            for county, pts in points.items()
        }
        # A city that spans counties belongs to the one holding most of its ZIPs.
        self.city_county = {city: counts.most_common(1)[0][0] for city, counts in city_counties.items()}
        self.city_aliases = {_norm(a): _norm(c) for a, c in aliases.get("cities", {}).items()}
        self.county_aliases = {
            _norm(a): _norm(_COUNTY_WORD.sub("", _norm(c))) for a, c in aliases.get("counties", {}).items()
        }

    # -- names for the entity patterns -------------------------------------------------
    def city_terms(self) -> list[str]:
        """Every city name and nickname recognised on its own."""
        names = {c for c in self.city_county if c not in self.ambiguous_cities}
        return sorted(names | set(self.city_aliases))

    def county_terms(self) -> tuple[list[str], list[str]]:
        """County names that stand alone, and those that need the word "county"."""
        alone = sorted({c for c in self.counties if c not in self.ambiguous_counties} | set(self.county_aliases))
        return alone, sorted(self.counties)

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, text: str, fuzzy: bool = True) -> Place | None:
        """Turn "milwakee", "dane county", "53703" or "im in racine" into a Place."""
        norm = _norm(text)
        if not norm:
            return None
        for zip_code in re.findall(r"\b(5[34]\d{3})\b", norm):
            if zip_code in self.zips:
                return Place("zip", zip_code, self.zips[zip_code])
        found = self._exact(norm)
        if found or not fuzzy:
            return found
        return self._fuzzy(norm)

    def _exact(self, norm: str) -> Place | None:
        words = norm.split()
        # longest spans first, so "fond du lac county" beats "lac"
        for size in range(min(4, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = " ".join(words[start : start + size])
                following = words[start + size] if start + size < len(words) else ""
                place = self._lookup(span, followed_by_county=following in {"county", "cnty", "co"})
                if place:
                    return place
        return None

    def _lookup(self, span: str, followed_by_county: bool) -> Place | None:
        if followed_by_county or span in self.county_aliases:
            key = self.county_aliases.get(span, span)
            if key in self.counties:
                return Place("county", self.counties[key], self.counties[key])
        if span in self.city_aliases:
            span = self.city_aliases[span]
            return Place("city", self.city_names[span], self.city_county[span])
        if span in self.city_county and span not in self.ambiguous_cities:
            return Place("city", self.city_names[span], self.city_county[span])
        if span in self.counties and span not in self.ambiguous_counties:
            return Place("county", self.counties[span], self.counties[span])
        return None

    def _fuzzy(self, norm: str) -> Place | None:
        candidates = [c for c in self.city_county if c not in self.ambiguous_cities]
        for word in sorted(norm.split(), key=len, reverse=True):
            if len(word) < 5:
                continue
            match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.84)
            if match:
                return Place("city", self.city_names[match[0]], self.city_county[match[0]])
        return None

    def county_by_name(self, name: str) -> str | None:
        """"Dane", "dane county" or "Dane County" -> "Dane County"."""
        return self.counties.get(_norm(_COUNTY_WORD.sub("", _norm(name))))

    def nearest_counties(self, county: str, count: int = 3) -> list[str]:
        """Other counties ordered by distance between their centres."""
        if county not in self.centroids:
            return []
        lat, lon = self.centroids[county]
        others = [c for c in self.centroids if c != county]
        return sorted(others, key=lambda c: _km(lat, lon, *self.centroids[c]))[:count]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (about 900 ZIP records)."""
    return Gazetteer()
