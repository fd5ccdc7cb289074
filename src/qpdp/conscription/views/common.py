"""What the military-service pages share: which year and where a page works, refused forms, long lists,
and official documents as a response.

Where a page works: the registration, health and relief pages work on the unit picked in the
navigation bar, else the user's own scope (`scope_of`); the call-up pages on a `Place`: the unit asked
for (`?unit=CODE`), else the unit picked, else the user's whole scope inside a province, with the parts
of it the user may see and the province whose intake applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse

from qpdp.conscription import selectors
from qpdp.conscription.documents import place_name
from qpdp.conscription.models import Intake
from qpdp.core import documents
from qpdp.core.text import fold
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path, scope_paths
from qpdp.org.selectors import unit_detail, unit_list
from qpdp.org.unit_context import selected_unit

FIRST_YEAR, LAST_YEAR = 2016, 2100  # Luật NVQS 2015 is in force from 01/01/2016
DOCUMENT_FORMATS = ("html", "pdf", "docx")
NO_INTAKE = "Tỉnh chưa mở đợt tuyển quân năm {year}."

# -- which year --------------------------------------------------------------------------------------


def _year_asked(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR else None


def intake_year_of(request: HttpRequest) -> int:
    """The intake a page shows: ?year=, else the next intake once the examination period has begun."""
    asked = _year_asked(request)
    if asked is not None:
        return asked
    today = dt.date.today()
    return today.year + 1 if today.month >= 11 else today.year


def registration_year_of(request: HttpRequest) -> int:
    """The registration year a page shows: ?year=, else this year (first registration is in April)."""
    asked = _year_asked(request)
    return asked if asked is not None else dt.date.today().year


def year_choices(year: int) -> range:
    """The years of a page's year picker: three before the year shown, and the next."""
    return range(year - 3, year + 2)


# -- where a page works ------------------------------------------------------------------------------


def scope_of(request: HttpRequest) -> tuple[Unit | None, str]:
    """The unit the officer works in (picked in the navigation bar) and its path; else his own scope."""
    unit = selected_unit(request)
    return unit, unit.path if unit else primary_path(request.user)


def province_path_of(unit_path: str) -> str:
    """ "VN/90/" for any path at or under province 90; "" for the nation."""
    parts = unit_path.split("/")
    return "/".join(parts[:2]) + "/" if len(parts) >= 3 and parts[1] else ""


def visible_prefixes(user: Any, unit_path: str) -> tuple[str, ...]:
    """The parts of `unit_path` the user may see: the path itself when it lies inside the scope, else
    the user's scope prefixes under it (a regional officer's communes inside the province)."""
    paths = scope_paths(user)
    if any(unit_path.startswith(p) for p in paths):
        return (unit_path,)
    return tuple(p for p in paths if p.startswith(unit_path))


@dataclass(frozen=True)
class Place:
    """Where a call-up page works for this request."""

    unit: Unit | None  # asked for or picked; None: the user's whole scope inside a province
    path: str  # the path the page covers
    prefixes: tuple[str, ...]  # the parts of `path` the user may see
    province_path: str  # the province whose intake applies ("" at national level)

    @property
    def is_commune(self) -> bool:
        return self.unit is not None and self.unit.kind == UnitKind.COMMUNE

    @property
    def query(self) -> str:
        return f"&unit={self.unit.code}" if self.unit is not None else ""


def place_of(request: HttpRequest) -> Place:
    """?unit=CODE (404 when out of scope), else the picked unit, else the province of the user's scope."""
    code = (request.GET.get("unit") or request.POST.get("unit") or "").strip()
    unit = unit_detail(user=request.user, code=code) if code else selected_unit(request)
    if unit is not None:
        unit_path = unit.path
    else:
        primary = primary_path(request.user)
        unit_path = province_path_of(primary) or primary
    return Place(unit, unit_path, visible_prefixes(request.user, unit_path), province_path_of(unit_path))


def intake_for(place: Place, year: int) -> Intake | None:
    """The intake of the place's province for `year`, if the province has opened it."""
    return selectors.intake_of(place.province_path, year) if place.province_path else None


def unit_order(unit: Unit) -> tuple[str, str]:
    """Communes in name order, the division word aside ("Phường Đoàn Kết" among the D's)."""
    return (fold(place_name(unit)), unit.path)


def communes_in(user: Any, place: Place) -> list[Unit]:
    """The current communes of the place that the user may see, in name order."""
    communes = unit_list(user=user, kind=UnitKind.COMMUNE, structure="current").filter(
        path__startswith=place.path
    )
    return sorted(communes, key=unit_order)


def place_context(request: HttpRequest, place: Place, year: int, **values: Any) -> dict[str, Any]:
    """What every call-up page's header reads: the year and its picker, the place, the unit links."""
    return {
        "year": year,
        "years": year_choices(year),
        "place": place,
        "can_select": user_allows(request.user, "conscription.change"),
        **values,
    }


# -- refused forms -----------------------------------------------------------------------------------


def mark_invalid(form: forms.Form) -> None:
    """Bootstrap's red border on every field with an error (forms whose widgets carry their own class;
    those of `forms.PageForm` are marked by their bound fields)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


# -- long lists and documents ------------------------------------------------------------------------


def page_of(request: HttpRequest, items: Any, size: int, name: str = "page") -> Page[Any]:
    """The page of a long list that `?<name>=` asks for (the first, or the last when out of range)."""
    return Paginator(items, size).get_page(request.GET.get(name))


def document_response(docs: Any, fmt: str, filename: str) -> HttpResponse:
    """An official document (or several) as an HTML preview, a PDF to print or a DOCX to edit."""
    if fmt == "html":
        return HttpResponse(documents.render_html(docs))
    content, content_type, extension = documents.render(docs, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = documents.content_disposition(f"{filename}.{extension}")
    return response
