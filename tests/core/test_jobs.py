"""Background jobs: a handler runs to done, a refusal or a crash ends as failed, a job is its requester's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404
from django.test import Client

from qpdp.core import audit, jobs
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry, Job, JobStatus
from qpdp.org.selectors import job_detail
from tests.factories.org import Tree


@pytest.fixture(autouse=True)
def isolated_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Handlers registered by a test stay in that test; jobs run inline when the transaction commits."""
    monkeypatch.setattr(jobs, "_handlers", dict(jobs._handlers))
    monkeypatch.setenv("QPDP_JOB_RUNNER", "eager")


@pytest.fixture
def run_job(django_capture_on_commit_callbacks: Any) -> Callable[[str, Any], Job]:
    def run(kind: str, user: Any) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.enqueue(Job(kind=kind, requested_by=user, parameters={"n": 3}))
        return Job.objects.get(pk=job.pk)

    return run


def test_a_registered_handler_runs_to_done(tree: Tree, commune_officer_a: Any, run_job: Any) -> None:
    def count_to_three(job: Job) -> None:
        for i in range(1, job.parameters["n"] + 1):
            jobs.report_progress(job, i, total=job.parameters["n"], message=f"Đã xử lý {i}")
        job.result = {"counted": job.parameters["n"]}
        job.save(update_fields=["result"])

    jobs.register("tests.count", count_to_three)

    job = run_job("tests.count", commune_officer_a)

    assert job.status == JobStatus.DONE
    assert (job.progress, job.total, job.percent) == (3, 3, 100)
    assert job.message == "Đã xử lý 3"
    assert job.result == {"counted": 3}
    assert job.started_at is not None
    assert job.finished_at is not None


def test_changes_made_by_a_job_are_audited_as_coming_from_the_job(
    tree: Tree, commune_officer_a: Any, run_job: Any
) -> None:
    jobs.register(
        "tests.audited", lambda job: audit.record(actor=job.requested_by, action="tests.job.ran", target=job)
    )

    job = run_job("tests.audited", commune_officer_a)

    entry = AuditEntry.objects.get(action="tests.job.ran")
    assert (entry.channel, entry.address) == ("job", f"job:{job.pk}")
    assert entry.actor == commune_officer_a


def test_a_refusal_in_the_handler_fails_the_job_with_its_message(
    tree: Tree, commune_officer_a: Any, run_job: Any
) -> None:
    def refuse(job: Job) -> None:
        raise DomainError("Tệp không có dòng dữ liệu nào.", field="file")

    jobs.register("tests.refuse", refuse)

    job = run_job("tests.refuse", commune_officer_a)

    assert job.status == JobStatus.FAILED
    assert job.message == "Tệp không có dòng dữ liệu nào."
    assert job.finished_at is not None


def test_an_unexpected_error_fails_the_job_with_the_generic_message_and_logs_it(
    tree: Tree, commune_officer_a: Any, run_job: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(job: Job) -> None:
        raise ZeroDivisionError("secret internal detail")

    jobs.register("tests.crash", crash)

    with caplog.at_level(logging.ERROR, logger="qpdp.core.jobs"):
        job = run_job("tests.crash", commune_officer_a)

    assert job.status == JobStatus.FAILED
    assert job.message == jobs.JOB_FAILED_UNEXPECTEDLY
    assert "secret internal detail" not in job.message
    assert "ZeroDivisionError" in caplog.text


def test_a_job_of_an_unknown_kind_fails(tree: Tree, commune_officer_a: Any, run_job: Any) -> None:
    job = run_job("tests.nobody-handles-this", commune_officer_a)

    assert job.status == JobStatus.FAILED
    assert job.message == "Không có bộ xử lý cho loại công việc “tests.nobody-handles-this”."


def test_a_finished_job_is_not_run_again(tree: Tree, commune_officer_a: Any, run_job: Any) -> None:
    calls: list[int] = []
    jobs.register("tests.once", lambda job: calls.append(job.pk))
    job = run_job("tests.once", commune_officer_a)

    jobs.run(job.pk)

    assert calls == [job.pk]
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE


def test_job_detail_belongs_to_its_requester(
    tree: Tree, commune_officer_a: Any, commune_officer_b: Any, province_officer: Any
) -> None:
    job = Job.objects.create(kind="tests.count", requested_by=commune_officer_a)

    assert job_detail(user=commune_officer_a, job_id=job.pk) == job
    for someone_else in (commune_officer_b, province_officer):
        with pytest.raises(Http404):
            job_detail(user=someone_else, job_id=job.pk)
    with pytest.raises(Http404):
        job_detail(user=commune_officer_a, job_id=job.pk + 1000)


def test_job_page_of_another_users_job_is_404(
    tree: Tree, client: Client, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    job = Job.objects.create(kind="tests.count", requested_by=commune_officer_a, status=JobStatus.DONE)

    client.force_login(commune_officer_a)
    own = client.get(f"/cong-viec/{job.pk}/")
    client.force_login(commune_officer_b)
    other = client.get(f"/cong-viec/{job.pk}/")
    download = client.get(f"/cong-viec/{job.pk}/tai-ve/")

    assert own.status_code == 200
    assert other.status_code == 404
    assert download.status_code == 404
