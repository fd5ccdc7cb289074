"""Registry of the home dashboard's cards: each app contributes counts for the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Card:
    """One figure on the home page: label, how to count it within a user's scope, where it opens."""

    code: str
    label: str
    count: Callable[[Any, Any], int]  # (user, unit or None) -> count within scope
    url_name: str = ""
    order: int = 100


_cards: dict[str, Card] = {}


def register(card: Card) -> None:
    _cards[card.code] = card


def cards() -> list[Card]:
    return sorted(_cards.values(), key=lambda c: (c.order, c.code))


@dataclass(frozen=True)
class NavigationItem:
    """One area in the navigation bar; only built areas register one."""

    label: str
    url_name: str
    action: str  # the access action the user's role must allow
    order: int = 100


_navigation: list[NavigationItem] = []


def register_navigation(item: NavigationItem) -> None:
    if item not in _navigation:
        _navigation.append(item)


def navigation() -> list[NavigationItem]:
    return sorted(_navigation, key=lambda i: i.order)


@dataclass(frozen=True)
class CitizenLink:
    """A link an area adds to a citizen's page (its file of that citizen), reversed with the citizen's id."""

    label: str
    url_name: str
    action: str
    order: int = 100


_citizen_links: list[CitizenLink] = []


def register_citizen_link(link: CitizenLink) -> None:
    if link not in _citizen_links:
        _citizen_links.append(link)


def citizen_links() -> list[CitizenLink]:
    return sorted(_citizen_links, key=lambda link: link.order)
