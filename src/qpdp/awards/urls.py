"""URLs of the awards pages: each part lists its own patterns in its view module."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from qpdp.awards.views import campaigns, conferences, decisions, indicator, nominations, overview, transfer

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = [*overview.urlpatterns]
urlpatterns += campaigns.urlpatterns
urlpatterns += nominations.urlpatterns
urlpatterns += decisions.urlpatterns
urlpatterns += conferences.urlpatterns
urlpatterns += indicator.urlpatterns
urlpatterns += transfer.urlpatterns
