"""Walks the whole URLconf: every page, fragment and API endpoint declares access and keeps to scope."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http.response import HttpResponseBase
from django.test import Client, override_settings

from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination
from qpdp.core.access import PUBLIC
from qpdp.core.models import AuditEntry, Job
from qpdp.org.choices import Role
from qpdp.org.models import User
from qpdp.org.roles import ALL_ACTIONS, role_allows
from qpdp.people.models import Citizen
from tests.access.conftest import FAST_HASHERS, NOW
from tests.access.routes import Route, project_routes, url_of
from tests.factories import CitizenFactory, JobFactory, build_tree, make_user, valid_personal_id
from tests.factories.awards import awards_records
from tests.factories.conscription import conscription_records
from tests.factories.org import Tree
from tests.factories.reports import sample_report

READ, WRITE = "read", "write"
# Every action a view or an API method may declare. A new action must be put here, so that the
# read-only officer is proved to be refused it if it changes anything.
ACTION_KINDS: dict[str, str] = {
    "core.home": READ,
    "core.jobs": READ,
    "org.view": READ,
    "org.audit": READ,
    "people.view": READ,
    "people.export": READ,
    "people.change": WRITE,
    "people.import": WRITE,
    "org.manage_units": WRITE,
    "org.manage_users": WRITE,
    "conscription.view": READ,
    "conscription.change": WRITE,
    "conscription.quota": WRITE,
    "conscription.decide": WRITE,
    "conscription.handover": WRITE,
    "awards.view": READ,
    "awards.change": WRITE,
    "awards.review": WRITE,
    "awards.decide": WRITE,
    "reports.view": READ,
    "reports.change": WRITE,
    "reports.approve": WRITE,
    "reports.targets": WRITE,
}

# The personas of the walk: role, and where in the tree (an attribute of Tree) it is held.
PERSONAS: dict[str, tuple[str, str]] = {
    "commune_officer_a": (Role.COMMUNE_OFFICER, "commune_a"),
    "commune_officer_b": (Role.COMMUNE_OFFICER, "commune_b"),
    "inspector_b": (Role.INSPECTOR, "commune_b"),
    "commune_leader_b": (Role.COMMUNE_LEADER, "commune_b"),
    "province_officer_other": (Role.PROVINCE_OFFICER, "other_province"),
    "province_officer": (Role.PROVINCE_OFFICER, "province"),
    "read_only_officer": (Role.INSPECTOR, "province"),
    "admin_user": (Role.ADMIN, "nation"),
}
# In scope of commune A: the first of these whose role allows the view's action opens it (an
# inspector, not a commune officer, reads the audit history).
IN_SCOPE = ("commune_officer_a", "province_officer", "read_only_officer", "admin_user")
# Out of scope of commune A: the first of these whose role allows the view's action.
OUT_OF_SCOPE = ("commune_officer_b", "inspector_b", "commune_leader_b", "province_officer_other")


@dataclass(frozen=True)
class World:
    """The data of the walk, built once for the module."""

    tree: Tree
    clients: dict[str, Client]  # one per persona, signed in, and "anonymous"
    citizen_a: Citizen
    job_a: Job
    conscription_a: dict[str, Any]  # one record of each kind of the military-service cycle, of commune A


@dataclass(frozen=True)
class Sample:
    """The value a URL parameter of that name takes in the walk."""

    value: Callable[[World], Any]
    of_commune_a: bool  # it names one of commune A's records, so an officer of B must get 404


SAMPLES: dict[str, Sample] = {
    "code": Sample(lambda w: w.tree.commune_a.code, of_commune_a=True),
    "citizen_id": Sample(lambda w: w.citizen_a.pk, of_commune_a=True),
    "job_id": Sample(lambda w: w.job_a.pk, of_commune_a=True),  # asked for by commune A's officer
    # Military service: records of commune A (the intake and handover are the province's).
    **{
        f"{kind}_id": Sample(lambda w, kind=kind: w.conscription_a[kind].pk, of_commune_a=True)
        for kind in ("registration", "exam", "relief", "posting", "quota", "callup")
    },
    "intake_id": Sample(lambda w: w.conscription_a["intake"].pk, of_commune_a=False),
    "handover_id": Sample(lambda w: w.conscription_a["handover"].pk, of_commune_a=False),
    "year": Sample(lambda w: 2026, of_commune_a=False),
    # Reports: a draft report of commune A (made on first use inside the test's savepoint).
    "report_id": Sample(lambda w: sample_report(w.tree.commune_a).pk, of_commune_a=True),
    # A report batch started by commune A's officer (its progress page is its requester's only).
    "batch_id": Sample(
        lambda w: (
            Job.objects.create(
                kind="reports.batch", requested_by=w.job_a.requested_by, unit_path=w.tree.commune_a.path
            ).pk
        ),
        of_commune_a=True,
    ),
    # An order-printing job started by commune A's officer (its page is its requester's only).
    "print_id": Sample(
        lambda w: (
            Job.objects.create(
                kind="conscription.orders_print",
                requested_by=w.job_a.requested_by,
                unit_path=w.tree.commune_a.path,
                parameters={"unit": "90001", "unit_name": "Xã An Bình", "year": 2026, "format": "pdf"},
            ).pk
        ),
        of_commune_a=True,
    ),
    # Awards: commune A's records of each kind (nominated by its officer, reviewed and decided from the
    # province), made on first use inside the test's savepoint.
    **{
        f"{kind}_id": Sample(
            lambda w, kind=kind, model=model: (
                (
                    model.objects.filter(unit_path=w.tree.commune_a.path).first()
                    or awards_records(
                        officer=User.objects.get(username="commune_officer_a"),
                        reviewer=User.objects.get(username="province_officer"),
                        decider=User.objects.get(username="province_officer"),
                        tree=w.tree,
                    )[kind]
                ).pk
            ),
            of_commune_a=True,
        )
        for kind, model in (
            ("campaign", Campaign),
            ("nomination", Nomination),
            ("decision", AwardDecision),
            ("award", Award),
            ("conference", Conference),
        )
    },
    # Parameters of the Django admin; an anonymous visitor never reaches the record.
    "app_label": Sample(lambda w: "people", of_commune_a=False),
    "object_id": Sample(lambda w: w.citizen_a.pk, of_commune_a=False),
    "content_type_id": Sample(lambda w: ContentType.objects.get_for_model(Citizen).pk, of_commune_a=False),
    "url": Sample(lambda w: "khong-co-trang-nay/", of_commune_a=False),
}
MISSING_SAMPLE = (
    "URL {route} has parameter(s) {missing} with no sample: add each to SAMPLES in "
    "tests/access/test_url_walk.py (a value of commune A, built by the factories)."
)

# Form data that makes a POST succeed when access is granted, so a refusal is the only way to fail.
POST_SAMPLES: dict[str, dict[str, str]] = {
    "org:unit-pick": {"code": "90001", "next": "/cong-dan/"},
    "org:village-create": {"name": "Thôn Mới", "division_type": "thôn"},
    "org:agency-create": {"name": "Trường Tiểu học An Bình", "division_type": "đơn vị sự nghiệp"},
    "conscription:intake-open": {"handover_from": "04/03/2026", "handover_to": "06/03/2026"},
    "conscription:quota-province": {"army": "12", "police": "0", "decided_on": "27/09/2025"},
    "conscription:quota-allocate": {"army_90001": "3", "decided_on": "10/10/2025"},
    "conscription:handover-create": {
        "held_on": "04/03/2026",
        "place": "Sân vận động xã An Bình",
        "receiving_units": "Sư đoàn 312",
    },
    # Awards: commune A's campaign runs 01/07–30/09/2026, its decision is dated 01/12/2026.
    "awards:pledge-create": {"signed_on": "01/07/2026", "parties": "Cụm thi đua số 1 và Cụm thi đua số 2"},
    "awards:campaign-review": {"reviewed_on": "05/10/2026", "review_summary": "Hoàn thành 100% chỉ tiêu."},
    "awards:decision-present": {"presented_on": "15/12/2026"},
    # Commune A's posting of the walk runs 01/12–20/12/2025: a complaint received inside it.
    "conscription:complaint-receive": {
        "received_on": "05/12/2025",
        "complainant": "Ông B",
        "content": "Phản ánh",
    },
    "reports:report-create": {"kind": "report", "period": "2025"},
    "reports:report-section": {"code": "lessons", "text": "Bài học kinh nghiệm."},
    "reports:report-edit": {"title": "Báo cáo tổng kết năm 2025", "signer_name": "Trần Văn Bình"},
    "reports:report-return": {"comment": "Bổ sung phần hạn chế."},
    # The province officer sets commune A's target from the province (his working unit).
    "reports:target-set": {
        "code": "conscription.enlisted",
        "unit": "90001",
        "period": "2026",
        "value": "10",
        "set_by": "90",
    },
}
API_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("api:citizen-list", "POST"): {
        "personal_id": valid_personal_id(sex="F", date_of_birth=dt.date(2006, 8, 20), serial=424_242),
        "full_name": "Lê Thị Hoa",
        "sex": "F",
        "date_of_birth": "2006-08-20",
        "commune": "90001",
    },
    ("api:citizen-detail", "PATCH"): {"full_name": "Nguyễn Văn Sửa"},
    ("api:target-list", "POST"): {
        "code": "conscription.enlisted",
        "unit": "90001",
        "period": "2026",
        "value": "5",
        "set_by": "90",
    },
    ("api:report-list", "POST"): {"unit": "90001", "period": "2025"},
    ("api:report-sections", "POST"): {"sections": {"lessons": "Bài học kinh nghiệm."}},
    ("api:report-return", "POST"): {"comment": "Bổ sung phần hạn chế."},
    # Awards API: commune A's campaign runs 01/07–30/09/2026; its open nomination waits for review.
    ("api:awards-campaign-list", "POST"): {
        "unit": "90001",
        "name": "Đợt thi đua mới",
        "launched_by": "Chính trị viên Ban CHQS xã",
        "launched_on": "2026-07-01",
        "starts_on": "2026-07-01",
        "ends_on": "2026-09-30",
    },
    ("api:awards-pledge-list", "POST"): {"signed_on": "2026-07-05", "parties": "Cụm thi đua số 1 và số 2"},
    ("api:awards-nomination-review", "POST"): {"outcome": "agree", "reviewed_on": "2026-11-25"},
    ("api:awards-conference-list", "POST"): {
        "unit": "90001",
        "kind": "so_ket",
        "period_code": "2026-H1",
        "held_on": "2026-06-28",
    },
}

# Query strings a GET needs to succeed (a required query parameter), by route name.
QUERY_SAMPLES: dict[str, str] = {"api:conscription-status": "year=2026"}

LOGIN = "/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"
# Admin views an anonymous visitor reaches without the login redirect: (status, Location).
ADMIN_ANONYMOUS: dict[str, tuple[int, str | None]] = {
    "admin:login": (200, None),
    "admin:logout": (302, "/quan-tri/"),  # the admin sends a logged-out visitor to its index, then login
}

ROUTES = project_routes()
SITE_ROUTES = [r for r in ROUTES if not r.is_admin]
ADMIN_ROUTES = [r for r in ROUTES if r.is_admin]


def api_methods(route: Route) -> dict[str, str | None]:
    """The HTTP methods an API view implements, each with the action it requires."""
    view = route.api_view
    assert view is not None
    methods = [m.upper() for m in view.http_method_names if m not in {"head", "options"} and hasattr(view, m)]
    return {m: route.method_access.get(m, route.rule) for m in methods}


def is_write(action: str | None) -> bool:
    """Unclassified actions count as writes, so they are tested (and test_..._classified fails)."""
    return action != PUBLIC and ACTION_KINDS.get(action or "", WRITE) == WRITE


def write_methods(route: Route) -> list[str]:
    if route.api_view is not None:
        return [m for m, action in api_methods(route).items() if is_write(action)]
    return ["GET", "POST"] if is_write(route.rule) else []


def names_commune_a(route: Route) -> bool:
    return any(p not in SAMPLES or SAMPLES[p].of_commune_a for p in route.parameters)


def by_route(routes: list[Route]) -> list[Any]:
    return [pytest.param(r, id=r.route) for r in routes]


def by_route_and_method(pairs: list[tuple[Route, str]]) -> list[Any]:
    return [pytest.param(r, m, id=f"{r.route} {m}") for r, m in pairs]


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once inside a transaction rolled back after the module; each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            time_machine.travel(NOW, tick=False),
            override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        ):
            tree = build_tree()
            users = {
                name: make_user(role, unit=getattr(tree, place), username=name)
                for name, (role, place) in PERSONAS.items()
            }
            citizen_a = CitizenFactory(
                commune=tree.commune_a, village=tree.village_a1, full_name="Trần Văn Mẫu"
            )
            job_a = JobFactory(requested_by=users["commune_officer_a"], unit_path=tree.commune_a.path)
            conscription_a = conscription_records(users["province_officer"], tree)
            # Clients live as long as the module: each new one would set up the middleware again.
            clients = {"anonymous": Client()}
            for name, user in users.items():
                clients[name] = Client()
                clients[name].force_login(user)
        yield World(
            tree=tree, clients=clients, citizen_a=citizen_a, job_a=job_a, conscription_a=conscription_a
        )
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def url_for(route: Route, world: World) -> str:
    missing = [p for p in route.parameters if p not in SAMPLES]
    if missing:
        pytest.fail(MISSING_SAMPLE.format(route=route.route, missing=missing), pytrace=False)
    url = url_of(route, {p: SAMPLES[p].value(world) for p in route.parameters})
    query = QUERY_SAMPLES.get(route.name or "")
    return f"{url}?{query}" if query else url


def signed_in(world: World, candidates: tuple[str, ...], action: str | None) -> Client:
    """A client signed in as the first of `candidates` whose role allows `action`."""
    for name in candidates:
        if action is not None and role_allows(PERSONAS[name][0], action):
            return world.clients[name]
    pytest.fail(f"no persona of {candidates} may {action!r}: add one to PERSONAS", pytrace=False)


def fetch(client: Client, route: Route, method: str, url: str) -> HttpResponseBase:
    """One request with the data that would make it succeed; a streamed body is read (and closed)."""
    if method == "GET":
        response = client.get(url)
    elif route.api_view is not None:
        body = API_BODIES.get((route.name or "", method), {})
        response = client.generic(method, url, json.dumps(body), content_type="application/json")
    else:
        response = client.post(url, POST_SAMPLES.get(route.name or "", {}))
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_the_walk_reaches_pages_fragments_api_and_admin() -> None:
    names = {r.name for r in ROUTES}

    assert {
        "org:home",
        "org:unit-picker",
        "people:citizen-edit",
        "api:citizen-detail",
        "admin:index",
    } <= names


def test_every_action_is_classified_as_read_or_write() -> None:
    declared = {r.rule for r in SITE_ROUTES} | {a for r in SITE_ROUTES for a in r.method_access.values()}

    assert (declared | ALL_ACTIONS) - {None, PUBLIC} - ACTION_KINDS.keys() == set()


def test_the_read_only_officer_may_do_no_write() -> None:
    role = PERSONAS["read_only_officer"][0]

    assert [a for a, kind in ACTION_KINDS.items() if kind == WRITE and role_allows(role, a)] == []


@pytest.mark.parametrize("route", by_route(SITE_ROUTES))
def test_view_declares_an_access_rule(route: Route) -> None:
    view = getattr(route.callback, "__qualname__", route.callback)

    assert route.rule is not None, f"{route.route} ({view}) declares neither @requires(...) nor @public"


@pytest.mark.parametrize("route", by_route([r for r in ROUTES if r.parameters]))
def test_every_url_parameter_has_a_sample(route: Route) -> None:
    missing = [p for p in route.parameters if p not in SAMPLES]

    assert missing == [], MISSING_SAMPLE.format(route=route.route, missing=missing)


@pytest.mark.parametrize("route", by_route(SITE_ROUTES))
def test_anonymous_visitor_is_sent_to_login_unless_the_view_is_public(
    route: Route, world: World, db: None
) -> None:
    url = url_for(route, world)
    anonymous = world.clients["anonymous"]

    if route.is_public:
        response = fetch(anonymous, route, "GET", url)
        assert response.status_code in {200, 405}
        if response.status_code == 405:
            assert "POST" in response["Allow"]
    elif route.api_view is not None:
        statuses = {m: fetch(anonymous, route, m, url).status_code for m in api_methods(route)}
        assert statuses, route.route
        assert set(statuses.values()) <= {401, 403}, statuses
    else:
        for method in ("GET", "POST"):
            response = fetch(anonymous, route, method, url)
            assert response.status_code == 302, method
            location = urlsplit(response["Location"])
            assert (location.path, parse_qs(location.query)["next"]) == (LOGIN, [url]), method


@pytest.mark.parametrize("route", by_route([r for r in SITE_ROUTES if not r.is_public]))
def test_in_scope_officer_opens_the_view(route: Route, world: World, db: None) -> None:
    url = url_for(route, world)
    client = signed_in(world, IN_SCOPE, route.rule)

    response = fetch(client, route, "GET", url)

    if response.status_code == 405 and route.api_view is None:
        # A write-only view (require_POST): the POST with good data succeeds.
        assert "POST" in response["Allow"]
        response = fetch(client, route, "POST", url)
        assert response.status_code in {200, 302}
        assert not response.get("Location", "").startswith(LOGIN)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("route", "method"), by_route_and_method([(r, m) for r in SITE_ROUTES for m in write_methods(r)])
)
def test_read_only_officer_is_refused_every_write(route: Route, method: str, world: World, db: None) -> None:
    url = url_for(route, world)
    client = world.clients["read_only_officer"]
    audited = AuditEntry.objects.count()

    response = fetch(client, route, method, url)

    assert response.status_code == 403
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize("route", by_route([r for r in SITE_ROUTES if names_commune_a(r)]))
def test_out_of_scope_officer_gets_404(route: Route, world: World, db: None) -> None:
    url = url_for(route, world)
    audited = AuditEntry.objects.count()

    if route.api_view is not None:
        statuses = {
            m: fetch(signed_in(world, OUT_OF_SCOPE, action), route, m, url).status_code
            for m, action in api_methods(route).items()
        }
        assert statuses == dict.fromkeys(statuses, 404)
    else:
        client = signed_in(world, OUT_OF_SCOPE, route.rule)
        statuses = {m: fetch(client, route, m, url).status_code for m in ("GET", "POST")}
        # 404 whatever the method; a method the view does not take may say so (405), no more.
        assert set(statuses.values()) <= {404, 405}, statuses
        assert 404 in statuses.values(), statuses
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize("route", by_route(ADMIN_ROUTES))
def test_admin_view_sends_anonymous_visitor_to_admin_login(route: Route, world: World, db: None) -> None:
    url = url_for(route, world)

    response = world.clients["anonymous"].get(url)

    # Only the admin site's own views live under its namespace, each behind its staff check.
    owners = [getattr(route.callback, a, None) for a in ("admin_site", "model_admin", "__self__")]
    assert any(isinstance(o, AdminSite | ModelAdmin) for o in owners), route.callback
    status, location = ADMIN_ANONYMOUS.get(route.name or "", (302, None))
    assert response.status_code == status
    if route.name in ADMIN_ANONYMOUS:
        assert response.get("Location") == location
    else:
        redirect = urlsplit(response["Location"])
        assert (redirect.path, parse_qs(redirect.query)["next"]) == (ADMIN_LOGIN, [url])
