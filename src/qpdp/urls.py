"""Root URLconf: pages per app, the REST API under /api/v1/, operator screens under /quan-tri/."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from qpdp.awards import api as awards_api
from qpdp.conscription import api as conscription_api
from qpdp.org import api as org_api
from qpdp.people import api as people_api
from qpdp.reports import api as reports_api

api_patterns: list[URLPattern | URLResolver] = [
    path("openapi.json", org_api.OpenApiSchemaApi.as_view(), name="openapi"),
    path("units/", org_api.UnitListApi.as_view(), name="unit-list"),
    path("citizens/", people_api.CitizenListApi.as_view(), name="citizen-list"),
    path("citizens/<int:citizen_id>", people_api.CitizenDetailApi.as_view(), name="citizen-detail"),
    path("conscription/", include(conscription_api.urlpatterns)),
    path("awards/", include(awards_api.urlpatterns)),
    path("", include(reports_api.urlpatterns)),
]

urlpatterns = [
    path("", include("qpdp.org.urls")),
    path("cong-dan/", include("qpdp.people.urls")),
    path("nghia-vu-quan-su/", include("qpdp.conscription.urls")),
    path("thi-dua-khen-thuong/", include("qpdp.awards.urls")),
    path("bao-cao/", include("qpdp.reports.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("quan-tri/", admin.site.urls),
]
