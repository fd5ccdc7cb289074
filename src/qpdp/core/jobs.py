"""Background jobs: handlers registered by apps, run in a thread of the server or by `qpdp worker`.

A job stores its requester and parameters; its handler reads and writes through the same selectors
and services as the pages, so a job is scoped like its requester. QPDP_JOB_RUNNER chooses how jobs
run: `thread` (default: a thread of the web process, started when the enqueuing transaction
commits), `worker` (a separate `qpdp worker` process polls the queue) or `eager` (inline on commit,
for tests and the command line). A job whose heartbeat stops (the process died) is taken up again
by the next worker pass, and its handler resumes from what it had committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable

from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from qpdp.core.errors import DomainError
from qpdp.core.models import Job, JobStatus
from qpdp.core.request_context import Origin, origin

logger = logging.getLogger(__name__)

JobHandler = Callable[[Job], None]
_handlers: dict[str, JobHandler] = {}

# A running job reports progress at least every few seconds while it reads and checks; its single
# write transaction can take minutes on a million rows, so only a long silence means the process died.
STALE_AFTER = dt.timedelta(minutes=30)
JOB_FAILED_UNEXPECTEDLY = (
    "Công việc gặp lỗi ngoài dự kiến và đã dừng; chi tiết đã được ghi lại. "
    "Phần đang ghi dở không được lưu; hãy kiểm tra kết quả trước khi chạy lại."
)


def register(kind: str, handler: JobHandler) -> None:
    """Called from an AppConfig.ready(): `kind` jobs are run by `handler`."""
    _handlers[kind] = handler


def runner_mode() -> str:
    return os.environ.get("QPDP_JOB_RUNNER", "thread")


def enqueue(job: Job) -> Job:
    """Save a queued job and start it when the current transaction commits (per runner mode)."""
    job.status = JobStatus.QUEUED
    job.save()
    mode = runner_mode()
    if mode == "eager":
        transaction.on_commit(lambda: run(job.pk))
    elif mode == "thread":
        transaction.on_commit(
            lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
        )
    return job


def _run_in_thread(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        # The thread ends here: close its own connections (close_old_connections would keep a healthy
        # one open under CONN_MAX_AGE, leaking a PostgreSQL session until garbage collection).
        connections.close_all()


def report_progress(job: Job, progress: int, total: int | None = None, message: str = "") -> None:
    """Store progress outside any transaction the handler holds, so the page can show it."""
    fields = {"progress": progress, "heartbeat_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def run(job_id: int) -> None:
    """Run one job to its end, recording success or the reason it failed."""
    # One atomic claim: a queued job, or a running one whose process stopped sending heartbeats;
    # of two runners racing for the same job, only one update matches.
    stale = timezone.now() - STALE_AFTER
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
    claimed = Job.objects.filter(claimable, pk=job_id).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.select_related("requested_by").get(pk=job_id)
    handler = _handlers.get(job.kind)
    try:
        if handler is None:
            raise DomainError(f"Không có bộ xử lý cho loại công việc “{job.kind}”.")
        with origin(Origin("job", address=f"job:{job.pk}")):
            handler(job)
    except DomainError as refusal:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=str(refusal)[:500], finished_at=timezone.now()
        )
        return
    except Exception:
        logger.error("job %s failed:\n%s", job.pk, traceback.format_exc())
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=JOB_FAILED_UNEXPECTEDLY, finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now())


def next_runnable_job_id() -> int | None:
    """The oldest queued job, or a running one whose process stopped sending heartbeats."""
    stale = timezone.now() - STALE_AFTER
    queued = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at").values_list("pk", flat=True)
    for pk in queued[:1]:
        return int(pk)
    dead = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=stale).order_by("created_at")
    for pk in dead.values_list("pk", flat=True)[:1]:
        return int(pk)
    return None


def work(*, once: bool = False, poll_seconds: float = 2.0) -> int:
    """The worker loop of `qpdp worker`; returns the number of jobs run."""
    done = 0
    while True:
        job_id = next_runnable_job_id()
        if job_id is None:
            if once:
                return done
            time.sleep(poll_seconds)
            continue
        run(job_id)
        done += 1
