"""Military-service pages of the commune: registration run and notices, a citizen's file and its acts,
health results, deferments and exemptions, the public posting with its printed list and complaints."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qpdp.conscription import services
from qpdp.conscription.choices import RegistrationKind
from qpdp.conscription.models import Complaint, HealthExam, Registration, RegistrationBar, Relief
from qpdp.core.models import AuditEntry
from qpdp.people.models import Citizen
from tests.factories.conscription import INTAKE_YEAR, REGISTERED_ON, conscription_records, man

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
YEAR = 2026  # registration year of the run; intake year of the other pages


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Monday 20/04/2026: the April registration month of 2026, after the 2026 intake's handover."""
    with time_machine.travel(NOW, tick=False):
        yield


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def records(tree: Any, province_officer: Any) -> dict[str, Any]:
    return conscription_records(province_officer, tree)


@pytest.fixture
def due_man(tree: Any) -> Citizen:
    """A man of commune A who turns 17 in 2026 and has not registered."""
    return man(tree.commune_a, born=dt.date(2009, 6, 1), full_name="Lê Văn Đăng", village=tree.village_a1)


def url(name: str, *args: Any, **query: Any) -> str:
    base = reverse(f"conscription:{name}", args=args)
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def text_of_pdf(content: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()


# -- every page renders with commune A's data; commune B sees none of it -----------------------------


def test_pages_render_for_the_commune_officer_with_his_data(
    commune_officer_a: Any, records: dict[str, Any], due_man: Citizen
) -> None:
    client = client_of(commune_officer_a)
    citizen, relief, posting = records["citizen"], records["relief"], records["posting"]
    pages = {
        url("registration-run", year=YEAR): due_man.full_name,
        url("registration-notices", year=YEAR): "1</strong> giấy",
        url("citizen-file", citizen.pk, year=INTAKE_YEAR): "Đã được chọn",
        url("citizen-register-first", citizen.pk): "Đăng ký NVQS lần đầu",
        url("health-list", year=INTAKE_YEAR, stage="examination"): citizen.full_name,
        url("health-form", year=INTAKE_YEAR): citizen.full_name,
        url("relief-list", year=INTAKE_YEAR): relief.citizen.full_name,
        url("relief-create", year=INTAKE_YEAR): "41.1.g — Đang học",
        url("relief-end", relief.pk): relief.citizen.full_name,
        url("posting-list", year=INTAKE_YEAR): posting.decision_number,
        url("posting-detail", posting.pk): relief.citizen.full_name,
        url("posting-print", posting.pk): relief.citizen.masked_personal_id,
    }
    for address, expected in pages.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert expected in response.content.decode(), address


def test_years_and_ids_are_written_without_thousands_separators(
    commune_officer_a: Any, tree: Any, due_man: Citizen
) -> None:
    """Vietnamese number formatting writes 2026 as "2.026": never in a form value or a link."""
    big = man(tree.commune_a, born=dt.date(2009, 9, 9), id=12_345)

    page = client_of(commune_officer_a).get(url("registration-run", year=YEAR)).content.decode()

    assert '<option value="2026" selected>2026</option>' in page
    assert f'name="citizen" value="{big.pk}"' in page
    assert "12.345" not in page
    assert "2.026" not in page


def test_run_counts_who_must_register(commune_officer_a: Any, tree: Any, due_man: Citizen) -> None:
    registered = man(tree.commune_a, born=dt.date(2009, 2, 2))
    services.register_first(actor=commune_officer_a, citizen=registered, registered_on=dt.date(2026, 4, 2))
    barred = man(tree.commune_a, born=dt.date(2009, 3, 3))
    services.record_bar(
        actor=commune_officer_a, citizen=barred, ground="13.a", valid_from=dt.date(2026, 1, 5)
    )

    page = client_of(commune_officer_a).get(url("registration-run", year=YEAR)).content.decode()

    assert 'data-count="must">2<' in page
    assert 'data-count="registered">1<' in page
    assert 'data-count="not_registered">1<' in page
    assert "Không được đăng ký (13.a)" in page
    assert due_man.personal_id in page  # officers see the whole identity number


@pytest.mark.parametrize(
    "name",
    [
        "citizen-file",
        "citizen-register-first",
        "citizen-move-out",
        "relief-end",
        "posting-detail",
        "posting-print",
    ],
)
def test_out_of_scope_officer_gets_404(name: str, commune_officer_b: Any, records: dict[str, Any]) -> None:
    target = {
        "citizen-file": records["citizen"],
        "citizen-register-first": records["citizen"],
        "citizen-move-out": records["citizen"],
        "relief-end": records["relief"],
        "posting-detail": records["posting"],
        "posting-print": records["posting"],
    }[name]
    audited = AuditEntry.objects.count()
    client = client_of(commune_officer_b)

    assert client.get(url(name, target.pk)).status_code == 404
    assert client.post(url(name, target.pk), {}).status_code in {404, 405}
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize("name", ["complaint-receive", "complaint-resolve"])
def test_out_of_scope_officer_cannot_post_to_a_posting(
    name: str, commune_officer_b: Any, records: dict[str, Any]
) -> None:
    response = client_of(commune_officer_b).post(
        url(name, records["posting"].pk),
        {"received_on": "05/12/2025", "complainant": "Ông B", "content": "Sai"},
    )

    assert response.status_code == 404
    assert Complaint.objects.count() == 0


def test_lists_of_commune_b_hold_none_of_commune_a(
    commune_officer_b: Any, records: dict[str, Any], due_man: Citizen
) -> None:
    client = client_of(commune_officer_b)
    for address, hidden in {
        url("registration-run", year=YEAR): due_man.full_name,
        url("health-list", year=INTAKE_YEAR): records["citizen"].full_name,
        url("relief-list", year=INTAKE_YEAR): records["relief"].citizen.full_name,
        url("posting-list", year=INTAKE_YEAR): records["posting"].decision_number,
    }.items():
        response = client.get(address)
        assert response.status_code == 200
        assert hidden not in response.content.decode(), address


# -- the registration run --------------------------------------------------------------------------


def test_run_registers_the_checked_men(commune_officer_a: Any, tree: Any, due_man: Citizen) -> None:
    other = man(tree.commune_a, born=dt.date(2009, 11, 30))
    unchecked = man(tree.commune_a, born=dt.date(2009, 1, 1))

    response = client_of(commune_officer_a).post(
        url("registration-run-save", year=YEAR),
        {"citizen": [due_man.pk, other.pk], "registered_on": "15/04/2026", "signer_name": "Nguyễn Văn Ký"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("registration-run", year=YEAR)
    assert "Đã đăng ký NVQS lần đầu cho 2 công dân." in response.content.decode()
    firsts = Registration.objects.filter(kind=RegistrationKind.FIRST)
    assert set(firsts.values_list("citizen_id", flat=True)) == {due_man.pk, other.pk}
    assert set(firsts.values_list("signer_title", "signer_name")) == {
        ("Chủ tịch UBND cấp xã", "Nguyễn Văn Ký")
    }
    assert not Registration.objects.filter(citizen=unchecked).exists()


def test_run_refuses_a_man_not_17_and_writes_nothing(
    commune_officer_a: Any, tree: Any, due_man: Citizen
) -> None:
    young = man(tree.commune_a, born=dt.date(2010, 1, 10), full_name="Phạm Văn Nhỏ")
    audited = AuditEntry.objects.count()

    response = client_of(commune_officer_a).post(
        url("registration-run-save", year=YEAR),
        {"citizen": [due_man.pk, young.pk], "registered_on": "15/04/2026"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Phạm Văn Nhỏ: Công dân sinh năm 2010 đến năm 2027 mới đủ 17 tuổi" in page
    assert "chưa đến tuổi đăng ký NVQS lần đầu" in page
    assert Registration.objects.count() == 0
    assert AuditEntry.objects.count() == audited
    assert f'value="{due_man.pk}" aria-label="Chọn {due_man.full_name}" checked' in page


def test_run_without_a_checked_man_says_so(commune_officer_a: Any, due_man: Citizen) -> None:
    response = client_of(commune_officer_a).post(
        url("registration-run-save"), {"registered_on": "15/04/2026"}
    )

    assert response.status_code == 200
    assert "Chọn ít nhất một công dân để đăng ký." in response.content.decode()


def test_notices_give_one_call_per_unregistered_man_as_pdf_and_docx(
    commune_officer_a: Any, tree: Any, due_man: Citizen, tmp_path: Path
) -> None:
    man(tree.commune_a, born=dt.date(2009, 7, 7), full_name="Vũ Văn Hai")
    done = man(tree.commune_a, born=dt.date(2009, 8, 8), full_name="Đỗ Văn Xong")
    services.register_first(actor=commune_officer_a, citizen=done, registered_on=dt.date(2026, 4, 2))
    query = {
        "year": YEAR,
        "signed_on": "01/04/2026",
        "report_on": "10/04/2026",
        "report_time": "07 giờ 30",
        "place": "Trụ sở Ban CHQS xã An Bình",
        "signer_name": "Trần Văn Chủ",
    }
    client = client_of(commune_officer_a)

    pdf = client.get(reverse("conscription:registration-notices"), {**query, "format": "pdf"})
    docx = client.get(reverse("conscription:registration-notices"), {**query, "format": "docx"})

    assert pdf["Content-Type"] == "application/pdf"
    text = text_of_pdf(pdf.content, tmp_path)
    assert text.count("GIẤY GỌI") == 2
    assert "LÊ VĂN ĐĂNG" in text
    assert "VŨ VĂN HAI" in text
    assert "ĐỖ VĂN XONG" not in text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "CHỦ TỊCH" in text
    assert "Trần Văn Chủ" in text
    assert due_man.personal_id in text
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert docx.content[:2] == b"PK"


# -- a citizen's file and the acts on it -------------------------------------------------------------


def test_file_shows_status_with_ground_and_article(commune_officer_a: Any, records: dict[str, Any]) -> None:
    deferred = records["relief"].citizen

    page = (
        client_of(commune_officer_a).get(url("citizen-file", deferred.pk, year=INTAKE_YEAR)).content.decode()
    )

    assert "Tạm hoãn gọi nhập ngũ" in page
    assert "Căn cứ: <strong>41.1.g</strong>" in page
    assert "Điểm g Khoản 1 Điều 41" in page
    assert reverse("people:citizen-detail", args=[deferred.pk]) in page


def test_first_registration_from_the_file(commune_officer_a: Any, due_man: Citizen) -> None:
    response = client_of(commune_officer_a).post(
        url("citizen-register-first", due_man.pk),
        {"registered_on": "10/04/2026", "channel": "online", "certificate_number": "123/GCN"},
        follow=True,
    )

    assert "Đã đăng ký NVQS lần đầu ngày 10/04/2026." in response.content.decode()
    registration = Registration.objects.get(citizen=due_man)
    assert (registration.channel, registration.certificate_number) == ("online", "123/GCN")


def test_the_file_offers_first_registration_only_until_the_citizen_has_one(
    commune_officer_a: Any, due_man: Citizen
) -> None:
    client = client_of(commune_officer_a)
    first, supplementary = (
        url("citizen-register-first", due_man.pk),
        url("citizen-register-supplementary", due_man.pk),
    )
    assert first in client.get(url("citizen-file", due_man.pk)).content.decode()

    services.register_first(actor=commune_officer_a, citizen=due_man, registered_on=dt.date(2026, 4, 2))
    page = client.get(url("citizen-file", due_man.pk)).content.decode()

    assert first not in page
    assert supplementary in page


def test_a_second_first_registration_is_refused_on_the_form(commune_officer_a: Any, due_man: Citizen) -> None:
    services.register_first(actor=commune_officer_a, citizen=due_man, registered_on=dt.date(2026, 4, 2))

    response = client_of(commune_officer_a).post(
        url("citizen-register-first", due_man.pk), {"registered_on": "10/04/2026", "channel": "in_person"}
    )

    assert response.status_code == 200
    assert f"Công dân {due_man.full_name} đã đăng ký NVQS lần đầu." in response.content.decode()
    assert Registration.objects.filter(citizen=due_man).count() == 1


def test_move_in_registered_late_shows_overdue(commune_officer_a: Any, tree: Any) -> None:
    newcomer = man(tree.commune_a, born=dt.date(2004, 5, 5))

    response = client_of(commune_officer_a).post(
        url("citizen-move-in", newcomer.pk),
        {"arrived_on": "01/04/2026", "registered_on": "15/04/2026", "from_commune": tree.other_commune.code},
        follow=True,
    )

    page = response.content.decode()
    assert "quá hạn" in page
    registration = Registration.objects.get(citizen=newcomer, kind=RegistrationKind.MOVE_IN)
    assert registration.late
    assert registration.other_commune == tree.other_commune


def test_move_out_takes_the_citizen_out_of_the_commune(commune_officer_a: Any, tree: Any) -> None:
    leaving = man(tree.commune_a, born=dt.date(2004, 5, 5))
    services.register_first(actor=commune_officer_a, citizen=leaving, registered_on=REGISTERED_ON)
    client = client_of(commune_officer_a)

    response = client.post(
        url("citizen-move-out", leaving.pk),
        {"to_commune": tree.other_commune.code, "left_on": "10/04/2026", "registered_on": "09/04/2026"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("conscription:registration-run")
    leaving.refresh_from_db()
    assert leaving.commune == tree.other_commune
    assert client.get(url("citizen-file", leaving.pk)).status_code == 404


def test_move_out_to_an_unknown_commune_is_refused(commune_officer_a: Any, tree: Any) -> None:
    leaving = man(tree.commune_a)
    services.register_first(actor=commune_officer_a, citizen=leaving, registered_on=REGISTERED_ON)

    response = client_of(commune_officer_a).post(
        url("citizen-move-out", leaving.pk),
        {"to_commune": "99999", "left_on": "10/04/2026", "registered_on": "09/04/2026"},
    )

    assert "Không có xã, phường mã “99999”." in response.content.decode()
    assert not Registration.objects.filter(kind=RegistrationKind.MOVE_OUT).exists()


def test_commune_search_lists_communes_of_the_whole_country(commune_officer_a: Any, tree: Any) -> None:
    response = client_of(commune_officer_a).get(url("commune-options", q="ben canh"))

    assert f'value="{tree.other_commune.code}"' in response.content.decode()


def test_bar_and_removal_from_the_file(commune_officer_a: Any, tree: Any, due_man: Citizen) -> None:
    client = client_of(commune_officer_a)
    client.post(
        url("citizen-bar", due_man.pk), {"ground": "14", "valid_from": "01/04/2026", "evidence": "Giấy KSK"}
    )
    assert RegistrationBar.objects.get(citizen=due_man).ground == "14"

    response = client.post(
        url("citizen-removal", due_man.pk), {"removed_on": "15/04/2026", "ground": "death"}
    )

    assert response.status_code == 200  # never registered: nothing to remove
    assert "chưa đăng ký NVQS lần đầu" in response.content.decode()


# -- health ---------------------------------------------------------------------------------------


def test_health_form_computes_and_shows_the_type(commune_officer_a: Any, tree: Any) -> None:
    citizen = man(tree.commune_a, born=dt.date(2006, 2, 2), full_name="Hoàng Văn Khỏe")
    services.register_first(actor=commune_officer_a, citizen=citizen, registered_on=REGISTERED_ON)

    response = client_of(commune_officer_a).post(
        url("health-form", year=INTAKE_YEAR),
        {
            "citizen": citizen.pk,
            "stage": "examination",
            "examined_on": "20/11/2025",
            "height_cm": "170",
            "weight_kg": "65",
            "refraction_right": "-0,5",
            "refraction_left": "-1.25",
            "score_physical": "2",
            "score_eyes": "1",
            "score_internal": "3",
            "present": "on",
        },
        follow=True,
    )

    page = response.content.decode()
    exam = HealthExam.objects.get(citizen=citizen)
    assert (exam.health_type, exam.fit, str(exam.bmi)) == (3, True, "22.5")
    assert str(exam.refraction_left) == "-1.25"
    assert "sức khỏe loại 3, BMI 22,5 — đủ điều kiện gọi nhập ngũ" in page
    assert 'data-count="type-3">1<' in page


def test_health_form_shows_why_a_man_is_not_called(commune_officer_a: Any, tree: Any) -> None:
    citizen = man(tree.commune_a, born=dt.date(2006, 2, 2))
    services.register_first(actor=commune_officer_a, citizen=citizen, registered_on=REGISTERED_ON)

    response = client_of(commune_officer_a).post(
        url("health-form", year=INTAKE_YEAR),
        {"citizen": citizen.pk, "stage": "examination", "examined_on": "20/11/2025", "health_type": "2",
         "refraction_right": "-2", "present": "on"},
        follow=True,
    )  # fmt: skip

    assert "Cận thị trên 1,5 đi-ốp." in response.content.decode()


def test_health_form_refuses_a_wrong_score(commune_officer_a: Any, tree: Any) -> None:
    citizen = man(tree.commune_a, born=dt.date(2006, 2, 2))
    services.register_first(actor=commune_officer_a, citizen=citizen, registered_on=REGISTERED_ON)

    response = client_of(commune_officer_a).post(
        url("health-form", year=INTAKE_YEAR),
        {"citizen": citizen.pk, "stage": "examination", "examined_on": "20/11/2024", "health_type": "2"},
    )

    assert response.status_code == 200
    assert "không thuộc đợt tuyển quân năm 2026" in response.content.decode()
    assert not HealthExam.objects.exists()


def test_health_picker_lists_registered_men_of_callup_age(
    commune_officer_a: Any, tree: Any, due_man: Citizen
) -> None:
    registered = man(tree.commune_a, born=dt.date(2006, 2, 2), full_name="Đinh Văn Tìm")
    services.register_first(actor=commune_officer_a, citizen=registered, registered_on=REGISTERED_ON)
    client = client_of(commune_officer_a)

    found = client.get(url("citizen-options", year=INTAKE_YEAR, q="dinh van")).content.decode()
    form = client.get(url("health-form", year=INTAKE_YEAR)).content.decode()

    assert "Đinh Văn Tìm" in found
    assert "Đinh Văn Tìm" in form
    assert due_man.full_name not in form  # 16 and unregistered


# -- deferments and exemptions -------------------------------------------------------------------------


def test_deferment_without_ground_is_refused(commune_officer_a: Any, records: dict[str, Any]) -> None:
    before = Relief.objects.count()

    response = client_of(commune_officer_a).post(
        url("relief-create", year=INTAKE_YEAR),
        {"citizen": records["citizen"].pk, "kind": "deferment", "ground": "", "decided_on": "01/12/2025",
         "valid_until": "30/06/2027"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Phải ghi căn cứ" in response.content.decode()
    assert Relief.objects.count() == before


def test_deferment_is_recorded_with_the_decider_of_its_date(
    commune_officer_a: Any, tree: Any, records: dict[str, Any]
) -> None:
    citizen = records["citizen"]

    response = client_of(commune_officer_a).post(
        url("relief-create", year=INTAKE_YEAR),
        {"citizen": citizen.pk, "kind": "deferment", "ground": "41.1.b", "decided_on": "05/12/2025",
         "valid_until": "31/12/2026", "evidence": "Xác nhận của UBND xã", "decision_number": "20/QĐ-UBND"},
        follow=True,
    )  # fmt: skip

    relief = Relief.objects.get(citizen=citizen)
    assert relief.decider_title == "Chủ tịch UBND cấp tỉnh"
    assert "Chủ tịch UBND cấp tỉnh" in response.content.decode()


def test_ending_a_deferment(commune_officer_a: Any, records: dict[str, Any]) -> None:
    relief = records["relief"]

    response = client_of(commune_officer_a).post(
        url("relief-end", relief.pk), {"ended_on": "01/04/2026", "end_reason": "Thôi học"}
    )

    assert response.status_code == 302
    relief.refresh_from_db()
    assert (relief.ended_on, relief.end_reason) == (dt.date(2026, 4, 1), "Thôi học")


def test_ending_without_a_reason_is_refused(commune_officer_a: Any, records: dict[str, Any]) -> None:
    response = client_of(commune_officer_a).post(
        url("relief-end", records["relief"].pk), {"ended_on": "01/04/2026"}
    )

    assert "Ghi lý do chấm dứt" in response.content.decode()


# -- public posting ----------------------------------------------------------------------------------


def test_public_list_masks_identity_numbers(
    commune_officer_a: Any, records: dict[str, Any], tmp_path: Path
) -> None:
    citizen = records["relief"].citizen
    client = client_of(commune_officer_a)

    pdf = client.get(url("posting-print", records["posting"].pk, format="pdf"))
    html = client.get(url("posting-print", records["posting"].pk, format="html")).content.decode()
    docx = client.get(url("posting-print", records["posting"].pk, format="docx"))

    text = text_of_pdf(pdf.content, tmp_path)
    masked = "*********" + citizen.personal_id[-3:]
    assert citizen.masked_personal_id == masked
    assert masked in text
    assert masked in html
    assert citizen.personal_id not in text
    assert citizen.personal_id not in html
    assert citizen.full_name.split()[-1] in text
    assert "41.1.g" in text
    assert "DANH SÁCH" in text
    assert docx.content[:2] == b"PK"


def test_posting_is_created_for_the_unposted_decisions(
    commune_officer_a: Any, records: dict[str, Any]
) -> None:
    citizen = records["citizen"]
    services.decide_relief(
        actor=commune_officer_a,
        data=services.ReliefInput(
            citizen=citizen, kind="exemption", intake_year=INTAKE_YEAR, ground="41.2.a",
            decided_on=dt.date(2026, 4, 10),
        ),
    )  # fmt: skip

    response = client_of(commune_officer_a).post(
        url("posting-create", year=INTAKE_YEAR),
        {"commune": "90001", "decision_number": "30/QĐ-UBND", "decided_on": "10/04/2026"},
        follow=True,
    )

    page = response.content.decode()
    assert "Đã lập niêm yết 1 trường hợp, từ 10/04/2026 đến 29/04/2026." in page
    assert "Nhà văn hóa thôn, tổ dân phố" in page


def test_posting_with_nothing_to_post_is_refused(commune_officer_a: Any, records: dict[str, Any]) -> None:
    response = client_of(commune_officer_a).post(
        url("posting-create", year=INTAKE_YEAR),
        {"commune": "90001", "decision_number": "31/QĐ-UBND", "decided_on": "10/04/2026"},
    )

    assert "chưa niêm yết" in response.content.decode()


def test_complaint_outside_the_posting_period_is_refused(
    commune_officer_a: Any, records: dict[str, Any]
) -> None:
    posting = records["posting"]

    response = client_of(commune_officer_a).post(
        url("complaint-receive", posting.pk),
        {"received_on": "05/01/2026", "complainant": "Ông Nguyễn Văn B", "content": "Trường hợp không đúng"},
    )

    assert response.status_code == 200
    assert "Chỉ nhận phản ánh trong thời gian niêm yết (01/12/2025–20/12/2025)." in response.content.decode()
    assert Complaint.objects.count() == 0


def test_complaint_received_and_resolved(commune_officer_a: Any, records: dict[str, Any]) -> None:
    posting, relief = records["posting"], records["relief"]
    client = client_of(commune_officer_a)

    client.post(
        url("complaint-receive", posting.pk),
        {
            "received_on": "10/12/2025",
            "complainant": "Ông Nguyễn Văn B",
            "content": "Đã thôi học",
            "relief": relief.pk,
        },
    )
    complaint = Complaint.objects.get()
    response = client.post(
        url("complaint-resolve", posting.pk),
        {"complaint": complaint.pk, "resolved_on": "15/12/2025", "resolution": "Đã xác minh: vẫn đang học."},
        follow=True,
    )

    complaint.refresh_from_db()
    assert complaint.relief == relief
    assert complaint.resolved_on == dt.date(2025, 12, 15)
    assert "Đã xác minh: vẫn đang học." in response.content.decode()


# -- writes need the change action -------------------------------------------------------------------


def test_read_only_officer_sees_the_lists_but_no_forms(
    read_only_officer: Any, records: dict[str, Any]
) -> None:
    client = client_of(read_only_officer)

    page = client.get(url("relief-list", year=INTAKE_YEAR)).content.decode()

    assert records["relief"].citizen.full_name in page
    assert "Ghi quyết định" not in page
    assert client.get(url("relief-create", year=INTAKE_YEAR)).status_code == 403


def test_health_form_refuses_a_man_of_another_commune(commune_officer_a: Any, tree: Any) -> None:
    stranger = man(tree.commune_b, born=dt.date(2006, 2, 2))

    response = client_of(commune_officer_a).post(
        url("health-form", year=INTAKE_YEAR),
        {"citizen": stranger.pk, "stage": "examination", "examined_on": "20/11/2025", "health_type": "1"},
    )

    assert "Chọn một công dân trong danh sách" in response.content.decode()
    assert not HealthExam.objects.exists()
