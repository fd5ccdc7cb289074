"""What the emulation and award pages share: where a page works, which year, long lists, list pages."""

# Where a page works: a list or the overview covers the unit picked in the navigation bar, else the
# user's whole scope (a regional officer sees all the communes of the command); a page that creates a
# record creates it at the picked unit, else at the first unit of the user's scope.

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import TextChoices
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qpdp.awards import page_queries
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.org.unit_context import selected_unit

FIRST_YEAR, LAST_YEAR = 2004, 2100  # Luật Thi đua, khen thưởng 2003 is in force from 01/07/2004
PAGE_SIZE = 50
NO_UNIT = "Tài khoản chưa gắn với đơn vị nào: chọn đơn vị làm việc trên thanh điều hướng."


@dataclass(frozen=True)
class Place:
    """Where a page works for this request."""

    picked: Unit | None  # the unit picked in the navigation bar
    unit: Unit | None  # where records are created: the picked unit, else the user's own unit

    @property
    def path(self) -> str | None:
        """The prefix a list is limited to (None: the user's whole scope)."""
        return self.picked.path if self.picked else None


def place_of(request: HttpRequest) -> Place:
    picked = selected_unit(request)
    return Place(picked, picked or page_queries.home_unit(request.user))


def year_asked(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR else None


def year_choices(around: int) -> range:
    """The years of a picker: five before, and the next."""
    return range(around + 1, around - 6, -1)


def today() -> dt.date:
    return dt.date.today()


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page[Any]:
    """The page of a long list that `?page=` asks for (the first, or the last when out of range)."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def picks(request: HttpRequest, name: str) -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


def list_page(
    request: HttpRequest,
    template: str,
    rows: Callable[..., Any],
    choices: type[TextChoices],
    *,
    field: str = "status",
    choices_name: str = "statuses",
    **allowed: str,
) -> HttpResponse:
    """A list of the unit at work: `rows` (a page query taking the user, the `path`, the `year` and
    `field`) narrowed by ?year= and by ?<field>= (one of `choices`), a page of it, the pickers' options,
    and each flag of `allowed` (a context name and the action it asks the user's roles for)."""
    place = place_of(request)
    chosen = request.GET.get(field, "")
    chosen = chosen if chosen in choices.values else ""
    year = year_asked(request)
    found = rows(request.user, path=place.path, year=year, **{field: chosen})
    context = {
        "place": place,
        "page": page_of(request, found),
        field: chosen,
        choices_name: choices.choices,
        "year": year,
        "years": year_choices(today().year),
        **{flag: user_allows(request.user, action) for flag, action in allowed.items()},
    }
    return render(request, template, context)
