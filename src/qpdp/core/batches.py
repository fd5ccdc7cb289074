"""Document batches: a background job renders one file per item into a folder of its own, then zips them.

An app registers a `BatchKind` from its `AppConfig.ready()`: how to list a job's items and how to render
one. The list is made on the first run and kept on the job (`result["items"]`), so a rerun renders the
same items. Each file is written under a temporary name and renamed once complete, and progress is
reported after each item; a rerun — the worker taking up a job whose process died, or `resume` after a
failure — skips every item whose file is complete and goes on from there. At the end the files are
zipped into the job's output file (downloaded from `/cong-viec/<id>/tai-ve/`, by its requester only).

A refusal of one item (`DomainError`: that unit cannot have a report) is listed with the job's problems
and in the zip, and the batch goes on; any other error stops the job as failed, to be resumed.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from qpdp.core import jobs
from qpdp.core.errors import DomainError
from qpdp.core.models import Job, JobStatus

FOLDER = "jobs/batches"  # under MEDIA_ROOT: one folder per job, named by its id
PROBLEMS_FILE = "danh-sach-loi.txt"
PART_SUFFIX = ".part"

STARTING = "Đang chuẩn bị {total} văn bản…"
RESUMING = "Chạy tiếp: đã có {done}/{total} văn bản."
PROGRESS = "Đã tạo {done}/{total} văn bản (vừa xong: {label})."
ZIPPING = "Đang nén {count} tệp…"
FINISHED = "Đã tạo {count} văn bản."
FINISHED_WITH_PROBLEMS = "Đã tạo {count} văn bản; {problems} đơn vị không tạo được (xem danh sách lỗi)."
NOTHING_TO_DO = "Không có văn bản nào cần tạo."
NOT_RESUMABLE = "Công việc đang chạy hoặc đã hoàn thành nên không chạy tiếp được."
NOT_A_BATCH = "Công việc này không phải là tạo văn bản hàng loạt."


@dataclass(frozen=True)
class BatchItem:
    """One file of a batch: a stable key, its file name in the zip, and what the progress line calls it."""

    key: str
    filename: str
    label: str


@dataclass(frozen=True)
class BatchKind:
    """A kind of document batch: `items(job)` lists the files (in zip order), `render(job, item)` makes one,
    `archive_name(job)` names the zip. Both run as the job's requester, through scoped selectors and
    services. `prepare(job, items)`, when given, is called once per run with the items still to render,
    before the first: to compute in one go what each of them would otherwise compute alone."""

    kind: str
    items: Callable[[Job], Sequence[BatchItem]]
    render: Callable[[Job, BatchItem], bytes]
    archive_name: Callable[[Job], str]
    prepare: Callable[[Job, Sequence[BatchItem]], None] | None = None


_kinds: dict[str, BatchKind] = {}


def register(batch: BatchKind) -> None:
    """Called from an AppConfig.ready(): jobs of `batch.kind` run as document batches."""
    _kinds[batch.kind] = batch
    jobs.register(batch.kind, partial(run, batch))


def is_batch(job: Job) -> bool:
    return job.kind in _kinds


def is_stopped(job: Job, now: dt.datetime) -> bool:
    """Whether the batch stopped before its end and may be resumed (failed, or silent too long)."""
    if job.status == JobStatus.FAILED:
        return True
    silent = job.heartbeat_at is not None and job.heartbeat_at < now - jobs.STALE_AFTER
    return job.status == JobStatus.RUNNING and silent


def progress(job: Job) -> dict[str, Any]:
    """What a batch's progress page shows: the job, its first 200 problems, whether it stopped (to be
    resumed) or is still running."""
    problems = job.result.get("problems") or {}
    return {
        "job": job,
        "problems": list(problems.values())[:200],
        "stopped": is_stopped(job, timezone.now()),
        "running": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
    }


def folder_of(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / str(job.pk)


def queue(*, kind: str, actor: Any, unit_path: str, parameters: dict[str, Any]) -> Job:
    """A new batch job of the actor's, started when the caller's transaction commits (the caller
    is a service that has checked the request and records its audit entry)."""
    if kind not in _kinds:
        raise ValueError(f"{kind} is not a registered document batch")
    job = Job(kind=kind, requested_by=actor, unit_path=unit_path, parameters=parameters)
    return jobs.enqueue(job)


def resume(job: Job) -> Job:
    """Queue again a batch that stopped — failed, or whose process stopped sending heartbeats — to go on
    from the files it finished. A running or finished batch is refused."""
    if not is_batch(job):
        raise DomainError(NOT_A_BATCH)
    stale = timezone.now() - jobs.STALE_AFTER
    stopped = Q(status=JobStatus.FAILED) | Q(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
    if not Job.objects.filter(stopped, pk=job.pk).exists():
        raise DomainError(NOT_RESUMABLE)
    fresh = Job.objects.get(pk=job.pk)
    fresh.finished_at = None
    return jobs.enqueue(fresh)


def _items(batch: BatchKind, job: Job) -> list[BatchItem]:
    """The job's items: those kept from its first run, else listed now and kept."""
    kept = job.result.get("items")
    if kept is not None:
        return [BatchItem(*row) for row in kept]
    items = list(batch.items(job))
    names = [item.filename for item in items]
    if len(set(names)) != len(names) or any("/" in n or n in ("", PROBLEMS_FILE) for n in names):
        raise ValueError(f"{batch.kind}: file names of a batch must be distinct plain names")
    job.result = {**job.result, "items": [[i.key, i.filename, i.label] for i in items], "problems": {}}
    job.save(update_fields=["result"])
    return items


def _write(target: Path, content: bytes) -> None:
    """Write under a temporary name, then rename: a file with its final name is always complete."""
    part = target.with_name(target.name + PART_SUFFIX)
    part.write_bytes(content)
    os.replace(part, target)


def run(batch: BatchKind, job: Job) -> None:
    """The job handler: render the items not done yet, reporting progress after each, then zip them."""
    out = folder_of(job)
    if job.result.get("archive") and (out / job.result["archive"]).exists():
        return  # zipped before the process stopped
    items = _items(batch, job)
    out.mkdir(parents=True, exist_ok=True)
    problems: dict[str, str] = dict(job.result.get("problems") or {})
    done = sum(1 for i in items if i.key in problems or (out / i.filename).exists())
    first = RESUMING if done else STARTING
    jobs.report_progress(job, done, total=len(items), message=first.format(done=done, total=len(items)))
    remaining = [i for i in items if i.key not in problems and not (out / i.filename).exists()]
    if batch.prepare is not None and remaining:
        batch.prepare(job, remaining)
    for item in items:
        target = out / item.filename
        if item.key in problems or target.exists():
            continue
        try:
            content = batch.render(job, item)
        except DomainError as refusal:
            problems[item.key] = f"{item.label}: {refusal}"
            job.result = {**job.result, "problems": problems}
            job.save(update_fields=["result"])
        else:
            _write(target, content)
        done += 1
        jobs.report_progress(
            job, done, message=PROGRESS.format(done=done, total=len(items), label=item.label)
        )
    _finish(batch, job, items, problems, out)


def _finish(batch: BatchKind, job: Job, items: list[BatchItem], problems: dict[str, str], out: Path) -> None:
    """Zip the files (and the list of problems) into the job's output file, then drop the loose files."""
    made = [i for i in items if i.key not in problems]
    jobs.report_progress(job, len(items), message=ZIPPING.format(count=len(made)))
    name = batch.archive_name(job)
    archive = out / name
    part = archive.with_name(archive.name + PART_SUFFIX)
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for item in made:
            bundle.write(out / item.filename, arcname=item.filename)
        if problems:
            lines = [problems[i.key] for i in items if i.key in problems]
            bundle.writestr(PROBLEMS_FILE, "\ufeff" + "\n".join(lines) + "\n")
    os.replace(part, archive)
    job.output_file.name = f"{FOLDER}/{job.pk}/{name}"
    job.result = {**job.result, "archive": name, "files": len(made), "problem_count": len(problems)}
    if not items:
        job.message = NOTHING_TO_DO
    elif problems:
        job.message = FINISHED_WITH_PROBLEMS.format(count=len(made), problems=len(problems))
    else:
        job.message = FINISHED.format(count=len(made))
    job.save(update_fields=["output_file", "result", "message"])
    for item in made:
        (out / item.filename).unlink(missing_ok=True)
