"""The emulation and awards home: the year's figures, campaigns under way, recent conferences."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.awards import page_queries
from qpdp.awards.views.common import place_of, today, year_asked, year_choices
from qpdp.core.access import requires
from qpdp.org.access import user_allows


@requires("awards.view")
def home(request: HttpRequest) -> HttpResponseBase:
    place = place_of(request)
    day = today()
    year = year_asked(request) or day.year
    figures = page_queries.overview(request.user, path=place.path, year=year, today=day)
    context = {
        "place": place,
        "year": year,
        "years": year_choices(day.year),
        "figures": figures,
        "can_change": user_allows(request.user, "awards.change"),
        "can_review": user_allows(request.user, "awards.review"),
        "can_decide": user_allows(request.user, "awards.decide"),
    }
    return render(request, "awards/home.html", context)


urlpatterns = [path("", home, name="home")]
