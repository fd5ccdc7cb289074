"""The targets page: it lists the targets of the working unit and the units below it, sets one through the
service, shows each refusal on its field, keeps to scope; the report list and dashboard link to it."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qpdp.core.models import AuditEntry
from qpdp.reports import forms, services
from qpdp.reports.models import Target
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ENLISTED = "conscription.enlisted"
LIST = reverse("reports:target-list")
SET = reverse("reports:target-set")
GOOD = {"code": ENLISTED, "unit": "90001", "period": "2026", "value": "12", "set_by": "90", "note": "QĐ 15"}


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def field_errors(response: Any, field: str) -> list[str]:
    page = text_of(response)
    return [part.split("</div>", 1)[0] for part in page.split(f'data-field="{field}">')[1:]]


def test_the_page_lists_the_targets_below_the_working_unit(tree: Tree, province_officer: Any) -> None:
    services.set_target(
        actor=province_officer,
        unit=tree.commune_a,
        code=ENLISTED,
        period_code="2026",
        value=5,
        set_by_unit=tree.province,
    )
    services.set_target(
        actor=province_officer,
        unit=tree.commune_b,
        code=ENLISTED,
        period_code="2025",
        value=7,
        set_by_unit=tree.province,
    )

    response = client_of(province_officer).get(LIST + "?period=2026")

    page = text_of(response)
    assert response.status_code == 200
    assert "Chỉ tiêu — Tỉnh Thử Nghiệm, năm 2026" in page
    assert 'data-unit="90001"' in page
    assert 'data-unit="90002"' not in page
    assert 'id="target-form"' in page
    # The form offers the working unit and the units directly below it.
    assert '<option value="90001">Xã An Bình</option>' in page


def test_a_reader_sees_the_list_without_the_form(tree: Tree, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(LIST)

    assert response.status_code == 200
    assert 'id="target-form"' not in text_of(response)


def test_a_reader_may_not_set_a_target(tree: Tree, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).post(SET + "?unit=90001&period=2026", GOOD)

    assert response.status_code == 403
    assert not Target.objects.exists()


def test_another_units_page_is_404_out_of_scope(tree: Tree, commune_officer_a: Any) -> None:
    assert client_of(commune_officer_a).get(LIST + "?unit=90002").status_code == 404


def test_the_form_sets_a_target_through_the_service(tree: Tree, province_officer: Any) -> None:
    client = client_of(province_officer)

    response = client.post(SET + "?unit=90&period=2026", {**GOOD, "value": "12,5"})

    assert response.status_code == 302
    assert response["Location"] == LIST + "?unit=90&period=2026"
    target = Target.objects.get()
    assert (target.unit, target.indicator_code, target.period_code, target.value, target.set_by_unit) == (
        tree.commune_a,
        ENLISTED,
        "2026",
        Decimal("12.5"),
        tree.province,
    )
    assert AuditEntry.objects.filter(action="reports.target.set").count() == 1
    page = text_of(client.get(response["Location"]))
    assert "Đã giao chỉ tiêu" in page
    assert "12,5" in page


def test_a_programme_sets_a_target_without_the_level_above(tree: Tree, province_officer: Any) -> None:
    response = client_of(province_officer).post(
        SET, {**GOOD, "unit": "90", "set_by": "", "programme": "Đề án 1"}
    )

    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.unit, target.set_by_unit, target.programme) == (tree.province, None, "Đề án 1")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"unit": "91001"}, "unit", forms.UNIT_NOT_IN_LIST, id="unit-out-of-scope"),
        pytest.param({"unit": "99999"}, "unit", forms.UNIT_NOT_IN_LIST, id="unknown-unit"),
        pytest.param({"value": "-3"}, "value", services.NEGATIVE_TARGET, id="negative-value"),
        pytest.param({"value": "mười"}, "value", forms.TARGET_INVALID, id="not-a-number"),
        pytest.param({"code": "no.such"}, "code", forms.INDICATOR_NOT_IN_LIST, id="unknown-indicator"),
        pytest.param({"period": "2026-Q7"}, "period", None, id="bad-period"),
        pytest.param({"unit": "90"}, "unit", None, id="the-setter-itself"),
        pytest.param({"set_by": ""}, "programme", services.TARGET_SETTER_REQUIRED, id="no-setter"),
    ],
)
def test_each_refusal_is_shown_on_its_field_and_nothing_is_written(
    tree: Tree, province_officer: Any, changes: dict[str, str], field: str, message: str | None
) -> None:
    audited = AuditEntry.objects.count()

    response = client_of(province_officer).post(SET + "?unit=90&period=2026", {**GOOD, **changes})

    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, text_of(response)
    if message is not None:
        assert errors == [message]
    assert 'id="target-form-errors"' in text_of(response)
    assert not Target.objects.exists()
    assert AuditEntry.objects.count() == audited


def test_the_report_list_links_batch_generation_for_writers(
    tree: Tree, commune_officer_a: Any, read_only_officer: Any
) -> None:
    batch = reverse("reports:batch-form")

    assert f'href="{batch}"' in text_of(client_of(commune_officer_a).get(reverse("reports:report-list")))
    assert f'href="{batch}"' not in text_of(client_of(read_only_officer).get(reverse("reports:report-list")))


def test_the_dashboard_links_the_targets_of_its_unit_and_period(tree: Tree, province_officer: Any) -> None:
    response = client_of(province_officer).get(reverse("reports:dashboard") + "?unit=90001&period=2026")

    assert f'href="{LIST}?unit=90001&period=2026"' in text_of(response)
