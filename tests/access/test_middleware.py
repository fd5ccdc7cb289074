"""Deny by default: a view that declares no access rule is refused, and a user with no role sees nothing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp import urls as project_urls
from qpdp.core.access import requires
from qpdp.core.models import AuditEntry, Job
from qpdp.org import selectors as org_selectors
from qpdp.org.models import Command, Unit, User
from qpdp.org.scope import scope_paths, visible_to
from qpdp.people import selectors as people_selectors
from qpdp.people.models import Citizen
from qpdp.people.services import register_citizens
from tests.access.routes import Route, project_routes, url_of
from tests.factories import JobFactory, UserFactory, citizen_input, valid_personal_id
from tests.factories.org import Tree

LEAK = "Dữ liệu lẽ ra không được hiện ra"


def undeclared_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(LEAK)


class UndeclaredApi(APIView):
    def get(self, request: Request) -> Response:
        return Response({"leak": LEAK})


@requires("people.no_such_action")
def page_of_an_unknown_action(request: HttpRequest) -> HttpResponse:
    return HttpResponse(LEAK)


# The temporary URLconf of these tests: the project's own patterns (the error pages link to them)
# and three views that must never answer.
urlpatterns = [
    path("thu/khong-khai-bao/", undeclared_page),
    path("api/v1/thu/khong-khai-bao/", UndeclaredApi.as_view()),
    path("thu/hanh-dong-la/", page_of_an_unknown_action),
    *project_urls.urlpatterns,
]
UNDECLARED = ["/thu/khong-khai-bao/", "/api/v1/thu/khong-khai-bao/"]


@pytest.fixture
def temporary_urls() -> Iterator[None]:
    with override_settings(ROOT_URLCONF=__name__):
        yield


@pytest.fixture
def superuser(db: None) -> User:
    """A Django superuser and staff member who holds no role: the flags open nothing outside the admin."""
    return UserFactory(username="sieu", is_superuser=True, is_staff=True)


@pytest.fixture
def no_role_user(db: None) -> User:
    return UserFactory(username="chua_phan_quyen")


def client_of(request: pytest.FixtureRequest, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("url", UNDECLARED)
@pytest.mark.parametrize("persona", ["anonymous", "commune_officer_a", "admin_user", "superuser"])
def test_view_declaring_no_rule_is_refused_to_everyone(
    url: str, persona: str, temporary_urls: None, db: None, request: pytest.FixtureRequest
) -> None:
    client = client_of(request, persona)

    response = client.get(url)

    assert response.status_code == 403  # not even a login redirect for the anonymous visitor
    assert LEAK not in response.content.decode()


def test_refusing_an_undeclared_view_is_logged_as_an_error(
    temporary_urls: None, commune_officer_a: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.force_login(commune_officer_a)

    with caplog.at_level(logging.ERROR, logger="qpdp.org.access"):
        client.get("/thu/khong-khai-bao/")

    assert [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "qpdp.org.access"] == [
        (logging.ERROR, "view undeclared_page declares no access rule")
    ]


@pytest.mark.parametrize("persona", ["commune_officer_a", "province_officer", "admin_user", "superuser"])
def test_view_naming_an_action_no_role_allows_is_refused_even_to_the_administrator(
    persona: str, temporary_urls: None, db: None, request: pytest.FixtureRequest
) -> None:
    client = client_of(request, persona)

    response = client.get("/thu/hanh-dong-la/")

    assert response.status_code == 403
    assert LEAK not in response.content.decode()


SITE_ROUTES = [r for r in project_routes() if not r.is_admin and not r.is_public]


@pytest.mark.parametrize("route", [pytest.param(r, id=r.route) for r in SITE_ROUTES])
def test_user_without_role_gets_403_on_every_page_and_api(route: Route, no_role_user: User) -> None:
    client = Client()
    client.force_login(no_role_user)
    # The role check comes before any record is looked up, so any parameter value will do.
    url = url_of(route, dict.fromkeys(route.parameters, 1))

    response = client.get(url)

    assert response.status_code == 403


def test_user_without_role_sees_nothing_in_any_list(tree: Tree, admin_user: User, no_role_user: User) -> None:
    born = dt.date(2005, 3, 15)
    register_citizens(
        actor=admin_user,
        inputs=[
            citizen_input(personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=1)),
            citizen_input(
                personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=2),
                full_name="Lê Văn Bằng",
                commune_code="90002",
                village="",
            ),
        ],
    )
    JobFactory(requested_by=admin_user, unit_path=tree.commune_a.path)
    nobody = no_role_user
    everything = people_selectors.CitizenFilters()

    seen = {
        "scope": scope_paths(nobody),
        "citizens": people_selectors.citizen_list(user=nobody, filters=everything).items,
        "citizen count": people_selectors.citizen_count(user=nobody),
        "export": list(people_selectors.citizen_export_rows(user=nobody, filters=everything)),
        "units": list(org_selectors.unit_list(user=nobody)),
        "picker": org_selectors.picker_units(user=nobody),
        "home units": org_selectors.home_units(user=nobody),
        "commands": list(org_selectors.command_list(user=nobody)),
        "audit": org_selectors.audit_list(user=nobody),
        **{
            model.__name__: list(visible_to(nobody, model.objects.all()))
            for model in (Citizen, Unit, Command, AuditEntry, Job)
        },
    }

    assert (Citizen.objects.count(), AuditEntry.objects.count(), Job.objects.count()) == (2, 2, 1)
    assert seen == {
        "scope": (),
        "citizens": [],
        "citizen count": 0,
        "export": [],
        "units": [],
        "picker": [],
        "home units": [],
        "commands": [],
        "audit": [],
        **{key: [] for key in ["Citizen", "Unit", "Command", "AuditEntry", "Job"]},
    }


def test_superuser_flag_without_a_role_sees_no_unit(tree: Tree, superuser: User) -> None:
    assert (scope_paths(superuser), list(visible_to(superuser, Unit.objects.all()))) == ((), [])
