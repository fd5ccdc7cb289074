"""Printing every order of a place: a commune's few at once, more (or several communes') as a zipped job."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from qpdp.conscription import selectors, services, tasks
from qpdp.conscription.models import CallUp, Intake
from qpdp.conscription.views import printing
from qpdp.core import batches, jobs
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry, Job, JobStatus
from tests.factories.conscription import INTAKE_YEAR, intake, ready_man
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db

PRINT = reverse("conscription:orders-print")
FILES = {
    "90001": "lenh-goi-nhap-ngu-2026-90001-xa-an-binh.pdf",
    "90002": "lenh-goi-nhap-ngu-2026-90002-phuong-dong-hoa.pdf",
    "90003": "lenh-goi-nhap-ngu-2026-90003-xa-yen-lac.pdf",
}


@pytest.fixture(autouse=True)
def setting(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files under a temporary media folder; jobs run inline when the request's transaction commits."""
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setenv("QPDP_JOB_RUNNER", "eager")
    monkeypatch.setattr(jobs, "_handlers", dict(jobs._handlers))
    monkeypatch.setattr(batches, "_kinds", dict(batches._kinds))
    tasks.register()


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def issued(actor: Any, tree: Tree, counts: dict[str, int]) -> Intake:
    """The 2026 intake of province 90 with `count` men of each commune (by code) ordered, in that order."""
    the_intake = intake(actor, tree.province)
    communes = {u.code: u for u in (tree.commune_a, tree.commune_b, tree.commune_c)}
    for code, count in counts.items():
        men = [ready_man(actor, communes[code]) for _ in range(count)]
        chosen = services.select_citizens(
            actor=actor,
            intake=the_intake,
            selected_on=dt.date(2025, 12, 20),
            selections=[services.Selection(citizen=m) for m in men],
        )
        decided = services.decide_callup(
            actor=actor, callups=chosen, decision_number="35/QĐ-UBND", decided_on=dt.date(2026, 1, 10)
        )
        services.issue_orders(
            actor=actor,
            callups=decided,
            signed_on=dt.date(2026, 1, 20),
            report_on=dt.date(2026, 3, 4),
            report_place="Sân vận động",
        )
    return the_intake


class StandIn:
    """A stand-in for the document engine: the commune and its order numbers as the file; may crash."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.crash_after = crash_after
        self.rendered: list[tuple[str, list[str]]] = []

    def __call__(self, callups: list[CallUp], fmt: str) -> bytes:
        if self.crash_after is not None and len(self.rendered) >= self.crash_after:
            raise RuntimeError("the process died")
        numbers = [c.order_number for c in callups]
        self.rendered.append((callups[0].commune.code, numbers))
        return f"{callups[0].commune.code} {' '.join(numbers)} {fmt}".encode()


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    renderer = StandIn()
    monkeypatch.setattr(tasks, "render_orders", renderer)
    return renderer


@pytest.fixture
def post(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """POST as `user`, running the jobs the request queued once it commits."""

    def send(user: Any, url: str, data: dict[str, Any] | None = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_of(user).post(url, data or {})

    return send


def zipped(job: Job) -> dict[str, bytes]:
    with zipfile.ZipFile(job.output_file.path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def the_job() -> Job:
    return Job.objects.get(kind=selectors.ORDERS_PRINT)


# -- at once ----------------------------------------------------------------------------------------------


def test_a_commune_s_few_orders_still_answer_one_pdf_at_once(tree: Tree, province_officer: Any) -> None:
    issued(province_officer, tree, {"90001": 2})

    response = client_of(province_officer).get(PRINT, {"year": INTAKE_YEAR, "unit": "90001", "format": "pdf"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not Job.objects.exists()


def test_a_province_whose_orders_are_all_in_one_commune_still_prints_at_once(
    tree: Tree, province_officer: Any
) -> None:
    issued(province_officer, tree, {"90002": 1})

    response = client_of(province_officer).get(PRINT, {"year": INTAKE_YEAR, "format": "docx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


# -- in the background ------------------------------------------------------------------------------------


def test_several_communes_orders_are_explained_then_printed_one_file_per_commune(
    tree: Tree, province_officer: Any, stand_in: StandIn, post: Any
) -> None:
    issued(province_officer, tree, {"90001": 2, "90002": 1})
    query = f"?year={INTAKE_YEAR}&unit=90&format=pdf"

    page = client_of(province_officer).get(PRINT + query)
    response = post(province_officer, PRINT + query)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="orders-count">3<' in html
    assert 'id="communes-count">2<' in html
    job = the_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("conscription:orders-batch", args=[job.pk])
    assert job.status == JobStatus.DONE
    assert (job.progress, job.total, job.percent) == (2, 2, 100)
    assert job.message == "Đã tạo 2 văn bản."
    assert zipped(job) == {
        FILES["90001"]: b"90001 01/LGNN 02/LGNN pdf",
        FILES["90002"]: b"90002 01/LGNN pdf",
    }
    assert job.output_file.name == f"jobs/batches/{job.pk}/lenh-goi-nhap-ngu-2026-90-pdf.zip"
    entry = AuditEntry.objects.get(action="conscription.orders_print.started")
    assert (entry.object_id, entry.unit_path, entry.actor_id) == (
        str(job.pk),
        tree.province.path,
        province_officer.pk,
    )
    assert entry.after == {
        "unit": "90",
        "unit_name": "Tỉnh Thử Nghiệm",
        "path": tree.province.path,
        "year": INTAKE_YEAR,
        "format": "pdf",
        "communes": 2,
    }


def test_a_commune_with_many_orders_is_printed_in_the_background(
    tree: Tree, commune_officer_a: Any, province_officer: Any, stand_in: StandIn, post: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(printing, "PRINT_AT_ONCE", 1)
    issued(province_officer, tree, {"90001": 2})
    query = f"?year={INTAKE_YEAR}&format=pdf"

    page = client_of(commune_officer_a).get(PRINT + query)
    post(commune_officer_a, PRINT + query)

    assert 'id="orders-batch-start"' in page.content.decode()
    job = the_job()
    assert (job.requested_by, job.unit_path, job.status) == (
        commune_officer_a,
        tree.commune_a.path,
        JobStatus.DONE,
    )
    assert list(zipped(job)) == [FILES["90001"]]


def test_the_job_prints_only_the_communes_the_requester_may_see(
    tree: Tree, region_officer: Any, province_officer: Any, stand_in: StandIn, post: Any
) -> None:
    # Commune C lies outside the regional command's jurisdiction (communes A and B).
    issued(province_officer, tree, {"90001": 1, "90002": 1, "90003": 2})
    query = f"?year={INTAKE_YEAR}&format=pdf"

    page = client_of(region_officer).get(PRINT + query)
    post(region_officer, PRINT + query)

    assert 'id="orders-count">2<' in page.content.decode()
    job = the_job()
    assert sorted(zipped(job)) == [FILES["90001"], FILES["90002"]]
    assert [code for code, _ in stand_in.rendered] == ["90001", "90002"]
    # Its page leads back to the call-up page of his own scope (the province is not his to open).
    detail = client_of(region_officer).get(reverse("conscription:orders-batch", args=[job.pk]))
    assert f'href="{reverse("conscription:callups")}?year={INTAKE_YEAR}"' in detail.content.decode()


def test_a_commune_s_orders_are_printed_in_number_order(
    tree: Tree, province_officer: Any, stand_in: StandIn, post: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(printing, "PRINT_AT_ONCE", 0)
    issued(province_officer, tree, {"90001": 11})

    post(province_officer, PRINT + f"?year={INTAKE_YEAR}&unit=90001&format=pdf")

    [(_, numbers)] = stand_in.rendered
    assert numbers == [f"{n:02d}/LGNN" for n in range(1, 12)]
    unordered = [CallUp(order_number=n) for n in ("10/LGNN", "2/LGNN", "1/LGNN")]
    assert [c.order_number for c in sorted(unordered, key=selectors.order_number_key)] == [
        "1/LGNN",
        "2/LGNN",
        "10/LGNN",
    ]


def test_the_real_documents_are_in_the_zip(tree: Tree, province_officer: Any, post: Any) -> None:
    issued(province_officer, tree, {"90001": 1, "90002": 1})
    names = list(CallUp.objects.order_by("commune__code").values_list("citizen__full_name", flat=True))

    post(province_officer, PRINT + f"?year={INTAKE_YEAR}&unit=90&format=docx")

    files = zipped(the_job())
    assert sorted(files) == [f.replace(".pdf", ".docx") for f in (FILES["90001"], FILES["90002"])]
    for name, content in zip(names, [files[k] for k in sorted(files)], strict=True):
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            text = docx.read("word/document.xml").decode()
        assert "LỆNH GỌI CÔNG DÂN NHẬP NGŨ" in text
        assert name in text


# -- refusals ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "year", "fmt", "message"),
    [
        pytest.param("province", INTAKE_YEAR, "xlsx", services.BAD_FORMAT, id="bad-format"),
        pytest.param("commune_c", INTAKE_YEAR, "pdf", services.NOTHING_TO_PRINT, id="nothing-to-print"),
        pytest.param("province", 2030, "pdf", services.NO_INTAKE_TO_PRINT.format(year=2030), id="no-intake"),
    ],
)
def test_a_refused_print_writes_nothing(
    tree: Tree, province_officer: Any, unit: str, year: int, fmt: str, message: str
) -> None:
    issued(province_officer, tree, {"90001": 1})
    audited = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refusal:
        services.start_orders_print(actor=province_officer, unit=getattr(tree, unit), year=year, fmt=fmt)

    assert [p.message for p in refusal.value.problems] == [message]
    assert not Job.objects.exists()
    assert AuditEntry.objects.count() == audited


def test_orders_out_of_the_requester_s_scope_are_nothing_to_print(
    tree: Tree, province_officer: Any, commune_officer_b: Any
) -> None:
    issued(province_officer, tree, {"90001": 1})

    with pytest.raises(DomainError) as refusal:
        services.start_orders_print(actor=commune_officer_b, unit=tree.province, year=INTAKE_YEAR, fmt="pdf")

    assert str(refusal.value) == services.NOTHING_TO_PRINT
    assert not Job.objects.exists()


# -- the job's page ---------------------------------------------------------------------------------------


def test_the_job_s_page_shows_the_progress_and_the_zip_to_its_requester_only(
    tree: Tree, province_officer: Any, commune_officer_a: Any, stand_in: StandIn, post: Any
) -> None:
    issued(province_officer, tree, {"90001": 1, "90002": 1})
    post(province_officer, PRINT + f"?year={INTAKE_YEAR}&unit=90&format=pdf")
    job = the_job()
    detail = reverse("conscription:orders-batch", args=[job.pk])
    download = reverse("org:job-download", args=[job.pk])

    page = client_of(province_officer).get(detail)
    fragment = client_of(province_officer).get(detail, HTTP_HX_REQUEST="true")
    zip_file = client_of(province_officer).get(download)
    other = client_of(commune_officer_a).get(detail)
    other_download = client_of(commune_officer_a).get(download)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="orders-batch-download"' in html
    assert "2/2 xã, phường" in html
    assert f'href="{reverse("conscription:callups")}?year={INTAKE_YEAR}&amp;unit=90"' in html
    assert 'id="orders-batch-progress"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert zip_file.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(b"".join(zip_file.streaming_content))).namelist() == [
        FILES["90001"],
        FILES["90002"],
    ]
    assert (other.status_code, other_download.status_code) == (404, 404)


def test_a_job_that_crashed_is_resumed_from_the_files_it_finished(
    tree: Tree, province_officer: Any, post: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued(province_officer, tree, {"90001": 1, "90002": 1, "90003": 1})
    crashing = StandIn(crash_after=1)
    monkeypatch.setattr(tasks, "render_orders", crashing)
    post(province_officer, PRINT + f"?year={INTAKE_YEAR}&unit=90&format=pdf")
    job = the_job()
    assert (job.status, job.progress) == (JobStatus.FAILED, 1)
    page = client_of(province_officer).get(reverse("conscription:orders-batch", args=[job.pk]))
    assert 'id="orders-batch-resume"' in page.content.decode()

    again = StandIn()
    monkeypatch.setattr(tasks, "render_orders", again)
    response = post(province_officer, reverse("conscription:orders-batch-resume", args=[job.pk]))

    job.refresh_from_db()
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [printing.RESUMED]
    assert job.status == JobStatus.DONE
    assert [code for code, _ in again.rendered] == ["90002", "90003"]
    assert sorted(zipped(job)) == [FILES["90001"], FILES["90002"], FILES["90003"]]
    assert AuditEntry.objects.filter(action="conscription.orders_print.resumed").count() == 1


def test_a_finished_job_is_not_resumed(
    tree: Tree, province_officer: Any, stand_in: StandIn, post: Any
) -> None:
    issued(province_officer, tree, {"90001": 1, "90002": 1})
    post(province_officer, PRINT + f"?year={INTAKE_YEAR}&unit=90&format=pdf")
    job = the_job()
    audited = AuditEntry.objects.count()

    response = post(province_officer, reverse("conscription:orders-batch-resume", args=[job.pk]))

    assert [str(m) for m in get_messages(response.wsgi_request)] == [batches.NOT_RESUMABLE]
    assert AuditEntry.objects.count() == audited


def test_another_kind_of_job_is_not_a_print_job(tree: Tree, province_officer: Any) -> None:
    other = Job.objects.create(
        kind="reports.batch", requested_by=province_officer, unit_path=tree.province.path
    )

    response = client_of(province_officer).get(reverse("conscription:orders-batch", args=[other.pk]))

    assert response.status_code == 404
