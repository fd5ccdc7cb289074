"""Root URLconf: pages per app, the REST API under /api/v1/, operator screens under /quan-tri/."""

from django.contrib import admin
from django.urls import include, path

from qpdp.org import api as org_api
from qpdp.people import api as people_api

api_patterns = [
    path("openapi.json", org_api.OpenApiSchemaApi.as_view(), name="openapi"),
    path("units/", org_api.UnitListApi.as_view(), name="unit-list"),
    path("citizens/", people_api.CitizenListApi.as_view(), name="citizen-list"),
    path("citizens/<int:citizen_id>", people_api.CitizenDetailApi.as_view(), name="citizen-detail"),
]

urlpatterns = [
    path("", include("qpdp.org.urls")),
    path("cong-dan/", include("qpdp.people.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("quan-tri/", admin.site.urls),
]
