"""Wisconsin place resolution: how youth actually type places."""
from __future__ import annotations

import pytest

from bot.geo import get_gazetteer


@pytest.mark.parametrize(
    "text, county",
    [
        ("madison", "Dane County"),
        ("madtown", "Dane County"),
        ("milwakee", "Milwaukee County"),
        ("mke", "Milwaukee County"),
        ("im in racine rn", "Racine County"),
        ("dane county", "Dane County"),
        ("dane", "Dane County"),
        ("53703", "Dane County"),
        ("near green bay", "Brown County"),
        ("brown county", "Brown County"),
        ("rock county", "Rock County"),
        ("la crosse", "La Crosse County"),
        ("eau claire", "Eau Claire County"),
        ("oshkosh", "Winnebago County"),
        ("wausau", "Marathon County"),
        ("appleton", "Outagamie County"),
        ("waukesha", "Waukesha County"),
        ("kenosha", "Kenosha County"),
        ("janesvile", "Rock County"),
        ("st croix county", "St. Croix County"),
        ("fond du lac", "Fond du Lac County"),
    ],
)
def test_resolves_to_county(text: str, county: str) -> None:
    place = get_gazetteer().resolve(text)
    assert place is not None and place.county == county


@pytest.mark.parametrize("text", ["my friend tony", "need a bed", "i want to rock out", "hi", "plain and simple"])
def test_everyday_words_are_not_places(text: str) -> None:
    assert get_gazetteer().resolve(text) is None


def test_all_72_counties_and_neighbours_by_distance() -> None:
    gaz = get_gazetteer()
    assert len(gaz.counties) == 72
    near_dane = gaz.nearest_counties("Dane County", 4)
    assert "Columbia County" in near_dane and "Milwaukee County" not in near_dane
