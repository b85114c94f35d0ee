"""Finding services for a need near a county, nearest first, never an empty answer."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.directory import cache
from bot.directory.models import Attribute, Service, ServiceArea, TaxonomyTerm
from bot.geo import get_gazetteer

# What a youth asks for -> the directory categories that answer it, best first.
NEED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "shelter": ("emergency_shelter", "runaway_homeless_youth", "drop_in"),
    "food": ("food", "drop_in"),
    "health": ("sti_testing", "teen_clinic", "health"),
    "talk": ("mental_health",),
    "legal": ("legal", "advocacy"),
    "leave": ("advocacy", "runaway_homeless_youth"),
    "hotlines": ("hotline",),
}
# Always-there human lines when nothing local is verified (PRODUCT.md, content rules).
FALLBACK_SERVICE_IDS = ("svc-211-wisconsin", "svc-nrs-hotline", "svc-nhth-hotline")
# Among lines of the same kind, the ones a youth in this situation most needs come first.
PRIORITY = ("svc-nhth-hotline", "svc-988-lifeline", "svc-nrs-hotline", "svc-crisis-text-line",
            "svc-211-wisconsin", "svc-rainn-hotline", "svc-childhelp-hotline", "svc-ncmec-cybertipline")


@dataclass(frozen=True)
class ServiceOption:
    """One answer line: enough to act on, nothing more."""

    service_id: str
    name: str
    contacts: tuple[str, ...]  # "1-888-373-7888", "text 233733"
    note: str  # hours or ages, one short line
    scope: str  # county | nearby | state | national
    area: str  # "Dane County", "Wisconsin", "United States"
    minimum_age: int | None = None
    maximum_age: int | None = None

    def serves(self, age: str | None) -> bool:
        """Whether someone in the age group ("under_18", "18_plus", None = unknown) may use it."""
        if age == "under_18":
            return self.minimum_age is None or self.minimum_age < 18
        if age == "18_plus":
            return self.maximum_age is None or self.maximum_age >= 18
        return True


def age_matters(options: list[ServiceOption]) -> bool:
    """True when being under 18 or not changes which of these options can take someone."""
    return any(not o.serves("under_18") or not o.serves("18_plus") for o in options)


def _contacts(service: Service) -> tuple[str, ...]:
    out: list[str] = []
    for phone in sorted(service.phones, key=lambda p: (p.type != "voice", p.id)):
        if phone.number == "711":  # relay access; the hotline's own page says how
            continue
        if phone.type == "text":
            label = (phone.description or "").strip()
            out.append(label if label.lower().startswith("text") else f"text {phone.number}")
        else:
            out.append(phone.number)
    return tuple(out[:2])


def _note(service: Service) -> str:
    parts: list[str] = []
    if service.schedules:
        parts.append(service.schedules[0].description)
    if service.minimum_age is not None and service.maximum_age is not None:
        parts.append(f"ages {service.minimum_age}-{service.maximum_age}")
    elif service.maximum_age is not None:
        parts.append(f"up to age {service.maximum_age}")
    return ", ".join(parts)


def _option(service: Service, scope: str, area: str) -> ServiceOption:
    return ServiceOption(service.id, service.name, _contacts(service), _note(service), scope, area,
                         service.minimum_age, service.maximum_age)


def _services_in(session: Session, categories: tuple[str, ...], area_type: str, names: list[str]) -> list[Service]:
    if not names:
        return []
    query = (
        select(Service)
        .join(ServiceArea, ServiceArea.service_id == Service.id)
        .join(Attribute, (Attribute.link_id == Service.id) & (Attribute.link_entity == "service"))
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(Service.status == "active", ServiceArea.extent_type == area_type,
               ServiceArea.name.in_(names), TaxonomyTerm.code.in_(categories))
        .options(selectinload(Service.phones), selectinload(Service.schedules),
                 selectinload(Service.service_areas), selectinload(Service.categories))
        .distinct()
    )
    services = list(session.execute(query).scalars())
    rank = {code: i for i, code in enumerate(categories)}
    def order(service: Service) -> tuple[int, int, str]:
        priority = PRIORITY.index(service.id) if service.id in PRIORITY else len(PRIORITY)
        return (min(rank.get(t.code, 99) for t in service.categories), priority, service.name)

    return sorted(services, key=order)


def find_services(session: Session, need: str, county: str | None, nearby: int = 2) -> list[ServiceOption]:
    """Services for ``need``: the county, then its nearest counties, then statewide and national.

    Always ends with the fallback lines (211 Wisconsin, National Runaway Safeline,
    trafficking hotline), so the answer is never empty. Answers are cached for a minute
    (bot.directory.cache): the action server's hottest path, and the directory rarely changes.
    """
    key = ("find_services", str(session.get_bind().url), need, county, nearby)
    return list(cache.cached(key, lambda: tuple(_find_services(session, need, county, nearby))))


def _find_services(session: Session, need: str, county: str | None, nearby: int) -> list[ServiceOption]:
    categories = NEED_CATEGORIES.get(need, NEED_CATEGORIES["hotlines"])
    options: list[ServiceOption] = []
    seen: set[str] = set()

    def add(services: list[Service], scope: str, area_for: dict[str, str] | None = None) -> None:
        for service in services:
            if service.id in seen:
                continue
            seen.add(service.id)
            area = (area_for or {}).get(service.id) or next(
                (a.name for a in service.service_areas), "")
            options.append(_option(service, scope, area))

    if county:
        add(_services_in(session, categories, "county", [county]), "county", None)
        for neighbour in get_gazetteer().nearest_counties(county, nearby):
            found = _services_in(session, categories, "county", [neighbour])
            add(found, "nearby", {s.id: neighbour for s in found})
    add(_services_in(session, categories, "state", ["Wisconsin"]), "state")
    add(_services_in(session, categories, "national", ["United States"]), "national")
    fallbacks = session.execute(
        select(Service).where(Service.id.in_(FALLBACK_SERVICE_IDS))
        .options(selectinload(Service.phones), selectinload(Service.schedules),
                 selectinload(Service.service_areas))
    ).scalars()
    by_id = {s.id: s for s in fallbacks}
    for service_id in FALLBACK_SERVICE_IDS:  # each keeps its own scope: 211 is statewide
        if service_id in by_id:
            service = by_id[service_id]
            add([service], service.service_areas[0].extent_type if service.service_areas else "national")
    return options


def hotlines(session: Session) -> list[ServiceOption]:
    """The national and statewide human lines, in the order a youth most needs them."""
    return find_services(session, "hotlines", None)
