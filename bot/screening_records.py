"""De-identified screening records: what program staff may count, and nothing more.

A row says which instrument was used, on which day, in which county, with which
result band and which domains were positive. It has no name, no free text, no
youth or staff identifier and no time of day: a row cannot be tied back to a
youth, a staff member or a conversation, even by joining on a timestamp.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import clock
from bot.db import Base

BANDS = ("positive", "negative_concerns", "negative")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")
# County names only (e.g. "Fond du Lac", "St. Croix"): letters, spaces, '.', '-' and "'".
_COUNTY = re.compile(r"^[A-Za-z][A-Za-z .'-]{0,39}$")


class ScreeningRecord(Base):
    __tablename__ = "screening_record"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instrument = sa.Column(sa.String(60), nullable=False)
    day = sa.Column(sa.Date, nullable=False, index=True)
    county = sa.Column(sa.String(40), nullable=True)
    band = sa.Column(sa.String(20), nullable=False)
    positive_domains = sa.Column(sa.String(500), nullable=False, default="")


def _clean_county(county: str | None) -> str | None:
    if county is None:
        return None
    name = " ".join(str(county).split())
    if name.lower().endswith(" county"):
        name = name[: -len(" county")].rstrip()
    if not name:
        return None
    if not _COUNTY.match(name):
        raise ValueError("county must be a county name (letters, spaces, '.', '-' or \"'\")")
    return name


def record_screening(session: Session, instrument_id: str, band: str, positive_domains: Sequence[str],
                     county: str | None, day: dt.date | None = None) -> None:
    """Store one completed screen; refuses anything that could carry free text."""
    if not isinstance(instrument_id, str) or not _SLUG.match(instrument_id):
        raise ValueError("instrument id must be lower-case letters, digits and underscores")
    if band not in BANDS:
        raise ValueError(f"band must be one of {', '.join(BANDS)}")
    if isinstance(positive_domains, str):
        raise ValueError("positive_domains must be a list of domain ids, not a string")
    domains: list[str] = []
    for domain in positive_domains:
        if not isinstance(domain, str) or not _SLUG.match(domain):
            raise ValueError("each positive domain must be a domain id (lower-case letters, digits, underscores)")
        if domain not in domains:
            domains.append(domain)
    joined = ",".join(domains)
    if len(joined) > 500:
        raise ValueError("too many positive domains")
    session.add(ScreeningRecord(instrument=instrument_id, day=day or clock.now().date(),
                                county=_clean_county(county), band=band, positive_domains=joined))
    session.flush()
