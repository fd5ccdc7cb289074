"""Call-up pages: quotas and scope, selection, decision and printed orders, delivery, handover, records."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import CallUpStatus, ReliefKind, Service
from qpdp.conscription.models import CallUp, Handover, Intake, Quota
from qpdp.core.models import AuditEntry
from tests.factories.conscription import INTAKE_YEAR, conscription_records, intake, ready_man

pytestmark = pytest.mark.django_db

YEAR = f"?year={INTAKE_YEAR}"
NAME = "Trần Quốc Đạt"


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, query: str = YEAR, **kwargs: Any) -> str:
    return reverse(f"conscription:{name}", kwargs=kwargs) + query


def texts(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def province_quota(actor: Any, tree: Any, count: int = 5) -> Intake:
    the_intake = intake(actor, tree.province)
    services.set_quota(
        actor=actor,
        intake=the_intake,
        unit=tree.province,
        service=Service.ARMY,
        count=count,
        decided_on=dt.date(2025, 9, 27),
    )
    return the_intake


def share(actor: Any, the_intake: Intake, commune: Any, count: int) -> None:
    services.set_quota(
        actor=actor,
        intake=the_intake,
        unit=commune,
        service=Service.ARMY,
        count=count,
        decided_on=dt.date(2025, 10, 10),
    )


def allocation(tree: Any, **counts: int) -> dict[str, Any]:
    data: dict[str, Any] = {"decision_number": "125/QĐ-UBND", "decided_on": "10/10/2025"}
    for commune in (tree.commune_a, tree.commune_b, tree.commune_c):
        data[f"army_{commune.code}"] = counts.get(commune.code, 0)
        data[f"police_{commune.code}"] = 0
        data[f"reserve_{commune.code}"] = 0
    return data


def quota_rows(response: Any) -> set[str]:
    """The communes of the quota table, by their code."""
    html = response.content.decode()
    return {code for code in ("90001", "90002", "90003") if f'data-commune="{code}"' in html}


# -- intake and quotas ----------------------------------------------------------------------------------


def test_province_officer_opens_the_intake_with_the_national_days(tree: Any, province_officer: Any) -> None:
    client = client_of(province_officer)

    response = client.post(
        url("intake-open"), {"handover_from": "04/03/2026", "handover_to": "06/03/2026", "age_reference": ""}
    )

    assert response.status_code == 302
    opened = Intake.objects.get(province=tree.province, year=INTAKE_YEAR)
    assert (opened.handover_from, opened.handover_to) == (dt.date(2026, 3, 4), dt.date(2026, 3, 6))
    page = client.get(url("quota"))
    assert "04/03/2026" in page.content.decode()


def test_province_officer_allocates_with_a_warning_above_the_pool_and_a_refusal_above_the_remainder(
    tree: Any, province_officer: Any
) -> None:
    client = client_of(province_officer)
    client.post(url("intake-open"), {"handover_from": "04/03/2026", "handover_to": "06/03/2026"})
    response = client.post(
        url("quota-province"),
        {"army": "5", "army_reserve": "0", "police": "0", "police_reserve": "0", "decided_on": "27/09/2025"},
    )
    assert response.status_code == 302
    for _ in range(2):
        ready_man(province_officer, tree.commune_a)

    # given a province quota of 5 and 2 eligible men in A, when A gets 3 and B gets 1
    response = client.post(url("quota-allocate"), allocation(tree, **{"90001": 3, "90002": 1}))

    # then both are saved, with a warning for A
    assert response.status_code == 302
    assert any(
        "Xã An Bình" in m and "vượt số công dân đủ điều kiện hiện có (2)" in m for m in texts(response)
    )
    shares = dict(Quota.objects.filter(parent__isnull=False).values_list("unit__code", "count"))
    assert shares == {"90001": 3, "90002": 1}
    page = client.get(url("quota")).content.decode()
    assert "quota-warning" in page

    # when B asks for 3 while the province has 2 left: refused on B's field, nothing written
    audited = AuditEntry.objects.count()
    response = client.post(url("quota-allocate"), allocation(tree, **{"90001": 3, "90002": 3}))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-field="army_90002"' in html
    assert "vượt số cấp trên còn lại để giao (2)" in html
    assert Quota.objects.get(unit=tree.commune_b).count == 1
    assert AuditEntry.objects.count() == audited


def test_moving_a_share_between_communes_in_one_submission_is_accepted(
    tree: Any, province_officer: Any
) -> None:
    the_intake = province_quota(province_officer, tree, count=4)
    share(province_officer, the_intake, tree.commune_a, 3)
    share(province_officer, the_intake, tree.commune_b, 1)

    response = client_of(province_officer).post(
        url("quota-allocate"), allocation(tree, **{"90001": 1, "90002": 3})
    )

    assert response.status_code == 302
    shares = dict(Quota.objects.filter(parent__isnull=False).values_list("unit__code", "count"))
    assert shares == {"90001": 1, "90002": 3}


def test_commune_officer_sees_only_his_share(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    the_intake = province_quota(province_officer, tree, count=9)
    for commune in (tree.commune_a, tree.commune_b, tree.commune_c):
        share(province_officer, the_intake, commune, 3)

    response = client_of(commune_officer_a).get(url("quota"))

    assert response.status_code == 200
    assert quota_rows(response) == {"90001"}
    assert 'id="allocation-form"' not in response.content.decode()
    assert 'id="province-quota"' not in response.content.decode()


def test_region_officer_sees_the_shares_of_his_communes_only(
    tree: Any, province_officer: Any, region_officer: Any
) -> None:
    the_intake = province_quota(province_officer, tree, count=9)
    for commune in (tree.commune_a, tree.commune_b, tree.commune_c):
        share(province_officer, the_intake, commune, 3)

    response = client_of(region_officer).get(url("quota"))

    assert response.status_code == 200
    assert quota_rows(response) == {"90001", "90002"}
    assert 'id="quota-totals"' in response.content.decode()


def test_region_officer_asking_for_the_province_gets_404(tree: Any, region_officer: Any) -> None:
    response = client_of(region_officer).get(url("quota", f"{YEAR}&unit={tree.province.code}"))

    assert response.status_code == 404


def test_read_only_officer_may_not_allocate(tree: Any, province_officer: Any, read_only_officer: Any) -> None:
    province_quota(province_officer, tree)

    response = client_of(read_only_officer).post(url("quota-allocate"), allocation(tree, **{"90001": 1}))

    assert response.status_code == 403
    assert not Quota.objects.filter(parent__isnull=False).exists()


# -- the pool ---------------------------------------------------------------------------------------------


def test_pool_counts_link_to_the_citizens_with_their_explanation(tree: Any, commune_officer_a: Any) -> None:
    ready_man(commune_officer_a, tree.commune_a, full_name=NAME)
    client = client_of(commune_officer_a)

    summary = client.get(url("pool"))
    listing = client.get(url("pool-list", f"{YEAR}&unit=90001&status=eligible"))

    assert summary.status_code == 200
    assert "status=eligible" in summary.content.decode()
    assert listing.status_code == 200
    html = listing.content.decode()
    assert NAME in html
    assert "sức khỏe loại 2" in html


def test_pool_list_of_another_commune_is_404(tree: Any, commune_officer_b: Any) -> None:
    response = client_of(commune_officer_b).get(url("pool-list", f"{YEAR}&unit=90001&status=eligible"))

    assert response.status_code == 404


# -- selection ---------------------------------------------------------------------------------------------


def test_selection_lists_the_eligible_and_refuses_an_ineligible_man_with_the_reason(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    the_intake = province_quota(province_officer, tree)
    eligible = ready_man(commune_officer_a, tree.commune_a, full_name=NAME)
    student = ready_man(commune_officer_a, tree.commune_a, full_name="Lê Văn Học")
    services.decide_relief(
        actor=province_officer,
        data=services.ReliefInput(
            citizen=student,
            kind=ReliefKind.DEFERMENT,
            intake_year=INTAKE_YEAR,
            ground="41.1.g",
            decided_on=dt.date(2025, 12, 1),
            valid_until=dt.date(2027, 6, 30),
        ),
    )
    client = client_of(commune_officer_a)

    page = client.get(url("selection"))
    refused = client.post(url("selection"), {"pick": [student.pk], "selected_on": "20/12/2025"})

    assert NAME in page.content.decode()
    assert "Lê Văn Học" not in page.content.decode()
    assert refused.status_code == 200
    html = refused.content.decode()
    assert 'id="refusals"' in html
    assert "Lê Văn Học: tạm hoãn gọi nhập ngũ" in html
    assert not CallUp.objects.filter(intake=the_intake).exists()

    chosen = client.post(
        url("selection"),
        {"pick": [eligible.pk], f"volunteer_{eligible.pk}": "1", "selected_on": "20/12/2025"},
    )

    assert chosen.status_code == 302
    callup = CallUp.objects.get(intake=the_intake)
    assert (callup.citizen, callup.volunteer, callup.service) == (eligible, True, Service.ARMY)


# -- decision, orders, printing, delivery ------------------------------------------------------------------


def ordered_callup(tree: Any, province_officer: Any, commune_officer_a: Any, *, signed_on: str) -> CallUp:
    """One man of A through the pages: selected, decided (province), ordered (commune)."""
    the_intake = province_quota(province_officer, tree)
    citizen = ready_man(commune_officer_a, tree.commune_a, full_name=NAME)
    [callup] = services.select_citizens(
        actor=commune_officer_a,
        intake=the_intake,
        selected_on=dt.date(2025, 12, 20),
        selections=[services.Selection(citizen=citizen)],
    )
    decided = client_of(province_officer).post(
        url("callup-decide"),
        {"pick": [callup.pk], "decision_number": "35/QĐ-UBND", "decided_on": "10/01/2026"},
    )
    assert decided.status_code == 302
    ordered = client_of(commune_officer_a).post(
        url("callup-orders"),
        {
            "pick": [callup.pk],
            "signed_on": signed_on,
            "report_on": "04/03/2026",
            "report_place": "Sân vận động xã An Bình",
            "signer_name": "Phạm Văn Ký",
        },
    )
    assert ordered.status_code == 302
    callup.refresh_from_db()
    assert callup.status == CallUpStatus.ORDERED
    return callup


def pdf_text(content: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=content, check=True, capture_output=True, timeout=60
    )
    return unicodedata.normalize("NFC", " ".join(result.stdout.decode("utf-8").split()))


def test_orders_print_as_official_documents_signed_by_the_commune_chairman(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    client = client_of(commune_officer_a)

    pdf = client.get(url("orders-print", f"{YEAR}&format=pdf"))
    docx = client.get(url("order-print", "?format=docx", callup_id=callup.pk))

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "LỆNH GỌI CÔNG DÂN NHẬP NGŨ" in text
    assert NAME in text
    assert "CHỦ TỊCH" in text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "Quyết định số 35/QĐ-UBND ngày 10 tháng 01 năm 2026 của Chủ tịch UBND tỉnh Thử Nghiệm" in text
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_order_signed_before_the_reform_comes_from_the_district_military_command(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    from qpdp.conscription import documents

    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    callup.order_signed_on = dt.date(2025, 2, 1)  # read-only check of the document's rule, not saved

    doc = documents.enlistment_order(callup)

    assert doc.issuer == "Ban Chỉ huy quân sự Huyện Cũ"
    assert doc.signature is not None
    assert doc.signature.title == "Chỉ huy trưởng"


def test_order_of_a_commune_out_of_scope_is_404(
    tree: Any, province_officer: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")

    response = client_of(commune_officer_b).get(url("order-print", "?format=pdf", callup_id=callup.pk))

    assert response.status_code == 404


def test_delivery_ten_days_before_reporting_is_refused(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    client = client_of(commune_officer_a)

    late = client.post(url("callup-deliver", "", callup_id=callup.pk), {"delivered_on": "22/02/2026"})

    assert late.status_code == 200
    assert 'data-field="delivered_on"' in late.content.decode()
    assert "ít nhất 15 ngày" in late.content.decode()
    callup.refresh_from_db()
    assert callup.delivered_on is None

    timely = client.post(url("callup-deliver", "", callup_id=callup.pk), {"delivered_on": "10/02/2026"})

    assert timely.status_code == 302
    callup.refresh_from_db()
    assert callup.delivered_on == dt.date(2026, 2, 10)


# -- handover, completion, the records behind the figures --------------------------------------------------


def test_handover_outcomes_change_the_completion_on_the_quota_page(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    share(province_officer, callup.intake, tree.commune_a, 2)
    client = client_of(province_officer)
    created = client.post(
        url("handover-create"),
        {"held_on": "04/03/2026", "place": "Ban CHPTKV 1 – An Bình", "receiving_units": "Sư đoàn 312"},
    )
    assert created.status_code == 302
    handover = Handover.objects.get()
    before = client.get(url("quota")).content.decode()
    assert "—%" not in before
    assert ">0,0%<" in before.replace(" ", "")

    recorded = client.post(
        url("handover-outcome", "", handover_id=handover.pk),
        {"callup": callup.pk, "outcome": "enlisted", "on": "04/03/2026", "reason": "", "receiving_unit": ""},
    )

    assert recorded.status_code == 302
    callup.refresh_from_db()
    assert (callup.status, callup.handover, callup.receiving_unit) == (
        CallUpStatus.ENLISTED,
        handover,
        "Sư đoàn 312",
    )
    after = client.get(url("quota")).content.decode().replace(" ", "")
    assert ">50,0%<" in after


def test_a_man_not_reporting_needs_a_reason_and_gets_a_replacement(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    reserve = ready_man(commune_officer_a, tree.commune_a, full_name="Võ Văn Dự")
    handover = services.create_handover(
        actor=province_officer,
        intake=callup.intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1",
        receiving_units="Sư đoàn 312",
    )
    client = client_of(province_officer)
    outcome = url("handover-outcome", "", handover_id=handover.pk)

    no_reason = client.post(outcome, {"callup": callup.pk, "outcome": "not_reported", "on": "04/03/2026"})
    assert no_reason.status_code == 200
    assert "Ghi lý do" in no_reason.content.decode()

    client.post(outcome, {"callup": callup.pk, "outcome": "not_reported", "on": "04/03/2026", "reason": "Ốm"})
    page = client.get(url("handover-detail", "", handover_id=handover.pk)).content.decode()
    assert "Võ Văn Dự" in page  # offered as the replacement

    replaced = client.post(
        url("handover-replacement", "", handover_id=handover.pk),
        {"callup": callup.pk, "replacement": reserve.pk, "selected_on": "04/03/2026"},
    )

    assert replaced.status_code == 302
    new = CallUp.objects.get(replaces=callup)
    assert (new.citizen, new.reserve, new.status) == (reserve, True, CallUpStatus.SELECTED)


def enlist(tree: Any, province_officer: Any, commune_officer_a: Any) -> CallUp:
    callup = ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    handover = services.create_handover(
        actor=province_officer,
        intake=callup.intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1",
        receiving_units="Sư đoàn 312",
    )
    return services.record_outcome(
        actor=province_officer,
        callup=callup,
        outcome=CallUpStatus.ENLISTED,
        on=dt.date(2026, 3, 4),
        handover=handover,
    )


def test_indicator_records_list_the_enlisted_citizens(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    callup = enlist(tree, province_officer, commune_officer_a)

    response = client_of(commune_officer_a).get(
        url("indicator_records", "?indicator=conscription.enlisted&period=2026&unit=90001")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert NAME in html
    assert reverse("people:citizen-detail", args=[callup.citizen.pk]) in html
    assert '<div class="fs-3 fw-semibold" id="indicator-value">1 người</div>' in html
    assert "Sư đoàn 312" in html


def test_indicator_records_of_a_ratio_show_both_parts(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    enlist(tree, province_officer, commune_officer_a)

    response = client_of(province_officer).get(
        url("indicator_records", "?indicator=conscription.completion&period=2026")
    )

    assert response.status_code == 200
    assert NAME in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("?indicator=conscription.enlisted&period=2026&unit=90001", id="other-commune"),
        pytest.param("?indicator=conscription.nothing&period=2026", id="unknown-indicator"),
    ],
)
def test_indicator_records_answer_404(tree: Any, commune_officer_b: Any, query: str) -> None:
    response = client_of(commune_officer_b).get(url("indicator_records", query))

    assert response.status_code == 404


def test_home_figures_link_to_their_records(tree: Any, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(url("home"))

    html = response.content.decode()
    # The figures cover the intake's cycle: the day after last year's handover to this year's.
    period = selectors.intake_period(tree.commune_a.path, response.context["year"])
    assert period.end == rules.default_handover(response.context["year"])[1]
    link = f"?indicator=conscription.enlisted&amp;period={period.start.isoformat()}..{period.end.isoformat()}"
    assert reverse("conscription:indicator_records") + link in html


def test_callups_page_lists_the_unit_and_prints_its_decision(
    tree: Any, province_officer: Any, commune_officer_a: Any
) -> None:
    ordered_callup(tree, province_officer, commune_officer_a, signed_on="20/01/2026")
    client = client_of(commune_officer_a)

    page = client.get(url("callups"))
    decision = client.get(url("decision-print", f"{YEAR}&number=35/QĐ-UBND&format=pdf"))

    assert page.status_code == 200
    assert NAME in page.content.decode()
    assert "01/LGNN" in page.content.decode()
    text = pdf_text(decision.content)
    assert "QUYẾT ĐỊNH" in text
    assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in text
    assert NAME in text


@pytest.mark.parametrize(
    ("query", "signer"),
    [
        pytest.param(
            "act=enlistment_order&signed_on=30/06/2025",
            "Chỉ huy trưởng Ban CHQS cấp huyện",
            id="order-before",
        ),
        pytest.param("act=enlistment_order&signed_on=01/07/2025", "Chủ tịch UBND cấp xã", id="order-after"),
        pytest.param("act=callup_list&decided_on=10/01/2026", "Chủ tịch UBND cấp tỉnh", id="decision-after"),
    ],
)
def test_the_signer_shown_follows_the_date_typed(
    tree: Any, commune_officer_a: Any, query: str, signer: str
) -> None:
    response = client_of(commune_officer_a).get(url("authority", f"?{query}"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert f"<strong>{signer}</strong>" in response.content.decode()


def test_every_indicator_opens_its_records(tree: Any, province_officer: Any) -> None:
    from qpdp.core import indicators

    conscription_records(province_officer, tree)
    client = client_of(province_officer)

    statuses = {
        item.code: client.get(
            url("indicator_records", f"?indicator={item.code}&period=2025-2026")
        ).status_code
        for item in indicators.catalogue("conscription")
    }
    catalogue = client.get(url("indicator_records", "?period=2025-2026"))

    assert set(statuses.values()) == {200}
    assert catalogue.status_code == 200
