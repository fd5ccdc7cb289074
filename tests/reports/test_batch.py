"""Batch generation: a document per unit of a province, zipped; refusals; resuming after a crash; pages."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from qpdp.core import batches, jobs
from qpdp.core.batches import BatchItem, BatchKind
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry, Job, JobStatus
from qpdp.reports import batch, services
from qpdp.reports.choices import ReportKind
from qpdp.reports.models import Report, Snapshot
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, report_of

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

FORM = "/bao-cao/tao-hang-loat/"
UNITS = ["90", "90001", "90002", "90003"]  # the province, then its communes in path order


@pytest.fixture(autouse=True)
def setting(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files under a temporary media folder; jobs run inline on commit; report batches registered."""
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setenv("QPDP_JOB_RUNNER", "eager")
    monkeypatch.setattr(jobs, "_handlers", dict(jobs._handlers))
    monkeypatch.setattr(batches, "_kinds", dict(batches._kinds))
    batch.register()


class StandIn:
    """A stand-in for the document builder: the unit's code and report id as the file; may crash after k."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.crash_after = crash_after
        self.rendered: list[str] = []

    def __call__(self, report: Report, fmt: str) -> bytes:
        if self.crash_after is not None and len(self.rendered) >= self.crash_after:
            raise RuntimeError("the process died")
        self.rendered.append(report.unit.code)
        return f"{report.unit.code} {report.pk} {fmt}".encode()


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    renderer = StandIn()
    monkeypatch.setattr(batch, "render_document", renderer)
    return renderer


@pytest.fixture
def start(django_capture_on_commit_callbacks: Any) -> Callable[..., Job]:
    def run(actor: Any, unit: Any, *, period: str = "2026", kind: str = "report", fmt: str = "pdf") -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = batch.start_report_batch(actor=actor, unit=unit, period_code=period, kind=kind, fmt=fmt)
        return Job.objects.get(pk=job.pk)

    return run


def zipped(job: Job) -> dict[str, bytes]:
    with zipfile.ZipFile(job.output_file.path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


# -- the batch ----------------------------------------------------------------------------------------


def test_every_unit_of_the_province_gets_one_document_in_the_zip(
    tree: Tree, province_officer: Any, stand_in: StandIn, start: Any
) -> None:
    job = start(province_officer, tree.province)

    assert job.status == JobStatus.DONE
    assert (job.progress, job.total, job.percent) == (4, 4, 100)
    assert job.message == "Đã tạo 4 văn bản."
    files = zipped(job)
    assert sorted(files) == [
        "bao-cao-2026-90-tinh-thu-nghiem.pdf",
        "bao-cao-2026-90001-xa-an-binh.pdf",
        "bao-cao-2026-90002-phuong-dong-hoa.pdf",
        "bao-cao-2026-90003-xa-yen-lac.pdf",
    ]
    assert stand_in.rendered == UNITS
    drafts = Report.objects.filter(period_code="2026", kind=ReportKind.REPORT)
    assert sorted(drafts.values_list("unit__code", flat=True)) == UNITS
    assert job.output_file.name == f"jobs/batches/{job.pk}/bao-cao-2026-90-pdf.zip"
    # Only the zip is left in the job's folder.
    assert [p.name for p in batches.folder_of(job).iterdir()] == ["bao-cao-2026-90-pdf.zip"]


def test_the_figures_of_every_unit_are_computed_at_once_before_the_documents(
    tree: Tree, province_officer: Any, stand_in: StandIn, start: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    call_up_history(tree)

    def one_at_a_time(**_: Any) -> None:
        raise AssertionError("a snapshot frozen for one unit alone")

    monkeypatch.setattr(services, "freeze_snapshot", one_at_a_time)

    job = start(province_officer, tree.province)

    assert job.status == JobStatus.DONE
    frozen = Snapshot.objects.filter(period_code="2026").order_by("unit_path")
    assert [s.unit.code for s in frozen] == UNITS
    assert [s.values["conscription.enlisted"] for s in frozen] == ["6", "4", "2", "0"]
    assert all(r.snapshot in frozen for r in Report.objects.filter(period_code="2026"))
    assert AuditEntry.objects.filter(action="reports.snapshot.frozen").count() == 4


def test_an_existing_report_of_a_unit_is_used_rather_than_a_new_draft(
    tree: Tree, province_officer: Any, commune_officer_a: Any, stand_in: StandIn, start: Any
) -> None:
    existing = report_of(commune_officer_a, tree.commune_a, "2026")

    job = start(province_officer, tree.province)

    assert Report.objects.filter(unit=tree.commune_a).count() == 1
    assert zipped(job)["bao-cao-2026-90001-xa-an-binh.pdf"] == f"90001 {existing.pk} pdf".encode()


def test_starting_is_audited_and_the_job_hangs_at_the_province(
    tree: Tree, province_officer: Any, stand_in: StandIn, start: Any
) -> None:
    job = start(province_officer, tree.province, kind="article", fmt="html")

    entry = AuditEntry.objects.get(action="reports.batch.started")
    assert (entry.object_id, entry.unit_path) == (str(job.pk), tree.province.path)
    assert entry.after == {
        "unit": "90",
        "unit_name": "Tỉnh Thử Nghiệm",
        "period": "2026",
        "kind": "article",
        "format": "html",
    }
    assert job.unit_path == tree.province.path
    assert sorted(zipped(job))[0] == "bai-viet-2026-90-tinh-thu-nghiem.html"


def test_a_crash_midway_then_a_rerun_finishes_without_redoing_the_finished_items(
    tree: Tree,
    province_officer: Any,
    monkeypatch: pytest.MonkeyPatch,
    start: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    crashing = StandIn(crash_after=2)
    monkeypatch.setattr(batch, "render_document", crashing)

    job = start(province_officer, tree.province)

    assert job.status == JobStatus.FAILED
    assert job.message == jobs.JOB_FAILED_UNEXPECTEDLY
    assert (job.progress, job.total) == (2, 4)
    assert sorted(p.name for p in batches.folder_of(job).iterdir()) == [
        "bao-cao-2026-90-tinh-thu-nghiem.pdf",
        "bao-cao-2026-90001-xa-an-binh.pdf",
    ]
    assert batches.is_stopped(job, dt.datetime.now(tz=dt.UTC))

    again = StandIn()
    monkeypatch.setattr(batch, "render_document", again)
    with django_capture_on_commit_callbacks(execute=True):
        batch.resume_report_batch(actor=province_officer, job=job)
    job.refresh_from_db()

    assert job.status == JobStatus.DONE
    assert again.rendered == ["90002", "90003"]
    assert len(zipped(job)) == 4
    assert Report.objects.filter(period_code="2026").count() == 4
    assert AuditEntry.objects.filter(action="reports.batch.resumed").count() == 1


def test_a_process_that_died_leaves_a_running_job_the_worker_takes_up_from_where_it_was(
    tree: Tree, province_officer: Any, monkeypatch: pytest.MonkeyPatch, start: Any
) -> None:
    monkeypatch.setattr(batch, "render_document", StandIn(crash_after=3))
    job = start(province_officer, tree.province)
    # As if the process had died: still "running", no heartbeat for longer than jobs.STALE_AFTER.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, heartbeat_at=dt.datetime(2026, 12, 20, 0, 0, tzinfo=dt.UTC)
    )
    again = StandIn()
    monkeypatch.setattr(batch, "render_document", again)

    assert jobs.work(once=True) == 1

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert again.rendered == ["90003"]


def test_a_finished_or_running_batch_is_not_resumed(
    tree: Tree, province_officer: Any, stand_in: StandIn, start: Any
) -> None:
    job = start(province_officer, tree.province)

    with pytest.raises(DomainError) as refused:
        batch.resume_report_batch(actor=province_officer, job=job)

    assert str(refused.value) == batches.NOT_RESUMABLE
    assert not AuditEntry.objects.filter(action="reports.batch.resumed").exists()


def test_a_unit_that_cannot_have_a_document_is_listed_and_the_batch_goes_on(
    tree: Tree, province_officer: Any, monkeypatch: pytest.MonkeyPatch, start: Any
) -> None:
    def refuse_b(report: Report, fmt: str) -> bytes:
        if report.unit.code == "90002":
            raise DomainError("Đơn vị chưa có người ký.")
        return b"ok"

    monkeypatch.setattr(batch, "render_document", refuse_b)

    job = start(province_officer, tree.province)

    assert job.status == JobStatus.DONE
    assert job.message == "Đã tạo 3 văn bản; 1 đơn vị không tạo được (xem danh sách lỗi)."
    files = zipped(job)
    assert len(files) == 4
    assert files[batches.PROBLEMS_FILE].decode("utf-8-sig") == "Phường Đông Hòa: Đơn vị chưa có người ký.\n"


def test_the_real_document_builder_fills_the_zip(tree: Tree, province_officer: Any, start: Any) -> None:
    call_up_history(tree)

    job = start(province_officer, tree.province, fmt="docx")

    assert job.status == JobStatus.DONE, job.message
    files = zipped(job)
    assert len(files) == 4
    assert all(content.startswith(b"PK") for content in files.values())  # DOCX files are zips


@pytest.mark.parametrize(
    ("unit", "period", "kind", "fmt", "field", "message"),
    [
        pytest.param("commune_a", "2026", "report", "pdf", "unit", batch.BATCH_UNIT_KIND, id="a-commune"),
        pytest.param("other_province", "2026", "report", "pdf", "unit", None, id="out-of-scope"),
        pytest.param(None, "2026", "report", "pdf", "unit", batch.UNIT_REQUIRED, id="no-unit"),
        pytest.param("province", "năm nay", "report", "pdf", "period", None, id="bad-period"),
        pytest.param("province", "2026", "minutes", "pdf", "kind", batch.KIND_UNKNOWN, id="bad-kind"),
        pytest.param(
            "province", "2026", "article", "pdf", "fmt", batch.FORMAT_NOT_FOR_KIND, id="article-pdf"
        ),
    ],
)
def test_a_refused_batch_writes_nothing(
    tree: Tree,
    province_officer: Any,
    unit: str | None,
    period: str,
    kind: str,
    fmt: str,
    field: str,
    message: str | None,
) -> None:
    chosen = getattr(tree, unit) if unit else None

    with pytest.raises(DomainError) as refused:
        batch.start_report_batch(actor=province_officer, unit=chosen, period_code=period, kind=kind, fmt=fmt)

    assert [p.field for p in refused.value.problems] == [field]
    if message:
        assert refused.value.problems[0].message == message
    assert not Job.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_generic_runner_keeps_the_item_list_of_its_first_run(
    tree: Tree, province_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    listed: list[int] = []

    def items(job: Job) -> list[BatchItem]:
        listed.append(job.pk)
        return [BatchItem(str(i), f"tep-{i}.txt", f"Tệp {i}") for i in range(3)]

    batches.register(
        BatchKind("tests.batch", items, lambda job, item: item.label.encode(), lambda job: "tep.zip")
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = batches.queue(
            kind="tests.batch", actor=province_officer, unit_path=tree.province.path, parameters={}
        )
    job.refresh_from_db()

    assert job.status == JobStatus.DONE
    assert job.result["items"] == [
        ["0", "tep-0.txt", "Tệp 0"],
        ["1", "tep-1.txt", "Tệp 1"],
        ["2", "tep-2.txt", "Tệp 2"],
    ]
    assert zipped(job) == {
        "tep-0.txt": "Tệp 0".encode(),
        "tep-1.txt": "Tệp 1".encode(),
        "tep-2.txt": "Tệp 2".encode(),
    }
    assert listed == [job.pk]


# -- the pages ----------------------------------------------------------------------------------------


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_form_offers_the_provinces_in_scope_and_starts_a_batch(
    tree: Tree, province_officer: Any, stand_in: StandIn, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_of(province_officer)
    form = client.get(FORM)
    assert [c[0] for c in form.context["form"].fields["unit"].choices] == ["90"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, {"unit": "90", "period": "2026", "kind": "report", "fmt": "pdf"})

    job = Job.objects.get(kind=batch.BATCH_KIND)
    assert response.status_code == 302
    assert response["Location"] == f"{FORM}{job.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Đã tạo 4 văn bản." in page.content.decode()
    assert f"/cong-viec/{job.pk}/tai-ve/" in page.content.decode()
    download = client.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('filename="bao-cao-2026-90-pdf.zip"')
    download.close()


def test_the_form_puts_a_refusal_on_its_field(tree: Tree, province_officer: Any) -> None:
    response = client_of(province_officer).post(
        FORM, {"unit": "90", "period": "2026", "kind": "article", "fmt": "pdf"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["fmt"] == [batch.FORMAT_NOT_FOR_KIND]
    assert not Job.objects.exists()


def test_a_commune_officer_is_told_batches_are_for_provinces(tree: Tree, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(FORM)

    assert response.status_code == 200
    assert "phạm vi của bạn không có tỉnh" in response.content.decode()


def test_the_progress_fragment_polls_while_the_batch_runs(tree: Tree, province_officer: Any) -> None:
    job = batch.start_report_batch(
        actor=province_officer, unit=tree.province, period_code="2026", kind="report", fmt="pdf"
    )

    response = client_of(province_officer).get(f"{FORM}{job.pk}/", headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.startswith('<div id="batch-progress"')
    assert 'hx-trigger="every 1s"' in page


def test_another_users_batch_is_404(
    tree: Tree, province_officer: Any, read_only_officer: Any, stand_in: StandIn, start: Any
) -> None:
    job = start(province_officer, tree.province)

    assert client_of(read_only_officer).get(f"{FORM}{job.pk}/").status_code == 404
    assert client_of(read_only_officer).get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404


def test_the_resume_button_goes_on_with_a_failed_batch(
    tree: Tree,
    province_officer: Any,
    monkeypatch: pytest.MonkeyPatch,
    start: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(batch, "render_document", StandIn(crash_after=1))
    job = start(province_officer, tree.province)
    client = client_of(province_officer)
    assert 'id="batch-resume"' in client.get(f"{FORM}{job.pk}/").content.decode()
    monkeypatch.setattr(batch, "render_document", StandIn())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{FORM}{job.pk}/chay-tiep/")

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
