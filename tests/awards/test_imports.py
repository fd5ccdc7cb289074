"""The Excel import of an award decision's recipient list: a good file makes the decision with its lines;
every bad row is reported with its line and column (bad kind, unknown form, a form the issuer may not give,
an identity number outside the scope, a row written twice), and nothing is written."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from qpdp.awards import imports
from qpdp.awards.models import AwardDecision
from qpdp.awards.services.eligibility import BATCH_DUPLICATE
from qpdp.core.errors import DomainError
from qpdp.core.models import Job, JobStatus
from tests.factories.awards import person, written

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Đối tượng",
    "Họ tên / Tên tập thể",
    "Số định danh",
    "Chức vụ / Đơn vị",
    "Hình thức / Danh hiệu",
    "Thành tích",
    "Số tiền",
]
DECISION = imports.DecisionHeader(
    issuing_unit="90001",
    issuer="commune_chairman",
    decided_on=dt.date(2026, 12, 1),
    number="125/QĐ-UBND",
    signer_name="Trần Văn Bình",
    subject="đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm 2026",
)


def xlsx_file(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    """As officers fill it: numbers stay numbers, identity numbers typed as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(
    actor: Any, rows: list[list[Any]], header: imports.DecisionHeader = DECISION
) -> imports.ImportOutcome:
    return imports.import_decision(
        actor=actor, name="khen-thuong.xlsx", content=xlsx_file(rows), header=header
    )


def problems_of(outcome: imports.ImportOutcome) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in outcome.problems]


def test_a_good_file_makes_the_decision_with_its_lines(tree: Any, commune_leader_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")

    outcome = run(
        commune_leader_a,
        [
            [
                1,
                "Tập thể",
                "Trung đội dân quân cơ động",
                "",
                "Ban CHQS xã",
                "Giấy khen",
                "Xuất sắc",
                1_000_000,
            ],
            [2, "tập thể", "Thôn 1", None, "", "giấy khen", "", "500.000"],
            [3, "Cá nhân", "Nguyen Van An", citizen.personal_id, "Tiểu đội trưởng", "Giấy khen", "", 500000],
            [4, "CÁ NHÂN", "Lê Thị Bình", "", "Dân quân", "Lao động tiên tiến", "", ""],
            [5, "Hộ gia đình", "Hộ ông Phạm Văn Cường", "", "Thôn 1", "Gia đình văn hóa", "", "200.000 đ"],
        ],
    )

    assert problems_of(outcome) == []
    assert (outcome.rows, outcome.applied) == (5, 5)
    decision = AwardDecision.objects.get()
    assert (decision.number, decision.issuing_body, decision.signer_name) == (
        "125/QĐ-UBND",
        "UBND xã An Bình",
        "Trần Văn Bình",
    )
    lines = {a.recipient_name: a for a in decision.awards.all()}
    # Typed without diacritics, the person is written as the register names him.
    assert lines["Nguyễn Văn An"].recipient_citizen_id == citizen.pk
    assert lines["Lê Thị Bình"].form_code == "lao_dong_tien_tien"
    assert {name: a.money for name, a in lines.items()} == {
        "Trung đội dân quân cơ động": 1_000_000,
        "Thôn 1": 500_000,
        "Nguyễn Văn An": 500_000,
        "Lê Thị Bình": 0,
        "Hộ ông Phạm Văn Cường": 200_000,
    }
    assert {a.period_code for a in lines.values()} == {"2026"}


def test_every_bad_row_is_named_and_nothing_is_written(tree: Any, commune_leader_a: Any) -> None:
    stranger = person(tree.commune_b, "Đỗ Văn Xa")
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    before = written()

    outcome = run(
        commune_leader_a,
        [
            [1, "Tập thể", "Trung đội dân quân cơ động", "", "", "Giấy khen", "", ""],
            [2, "Đơn vị", "Thôn 1", "", "", "Giấy khen", "", ""],
            [3, "Cá nhân", "Lê Thị Bình", "", "", "Huân chương", "", ""],
            [4, "Cá nhân", "Hoàng Văn Minh", "", "", "Bằng khen", "", ""],
            [5, "Cá nhân", "Đỗ Văn Xa", stranger.personal_id, "", "Giấy khen", "", ""],
            [6, "Cá nhân", "Nguyễn Văn Bảy", citizen.personal_id, "", "Giấy khen", "", ""],
            [7, "Tập thể", "Trung đội dân quân  cơ động", "", "", "Giấy khen", "", ""],
            [8, "Cá nhân", "Phạm Văn Cường", "", "", "Giấy khen", "", "năm trăm"],
        ],
    )

    problems = problems_of(outcome)
    assert outcome.applied == 0
    assert (3, "Đối tượng", imports.KIND_INVALID.format(value="Đơn vị")) in problems
    forms = ", ".join(f.name for f in imports.rules.FORMS.values())
    assert (
        4,
        "Hình thức / Danh hiệu",
        imports.FORM_INVALID.format(value="Huân chương", choices=forms),
    ) in problems
    [not_competent] = [p for p in problems if p[0] == 5]
    assert not_competent[1] == "Hình thức / Danh hiệu"
    assert not_competent[2].startswith(
        "Hoàng Văn Minh: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen ("
    )
    assert (6, "Số định danh", imports.CITIZEN_NOT_FOUND.format(number=stranger.personal_id)) in problems
    mismatch = imports.NAME_MISMATCH.format(
        typed="Nguyễn Văn Bảy", number=citizen.personal_id, registered="Nguyễn Văn An"
    )
    assert (7, "Họ tên / Tên tập thể", mismatch) in problems
    twice = BATCH_DUPLICATE.format(name="Trung đội dân quân cơ động", form="Giấy khen", period="2026")
    assert (8, "Hình thức / Danh hiệu", twice) in problems
    assert (9, "Số tiền", imports.MONEY_INVALID.format(value="năm trăm")) in problems
    assert [p[0] for p in problems] == sorted(p[0] or 0 for p in problems)
    assert written() == before


def test_the_decisions_own_problems_come_without_a_row(tree: Any, commune_leader_a: Any) -> None:
    before = written()
    header = imports.DecisionHeader(
        issuing_unit="90001", issuer="commune_chairman", decided_on=dt.date(2026, 12, 1)
    )

    outcome = run(commune_leader_a, [[1, "Hộ gia đình", "Hộ ông A", "", "", "Giấy khen", "", ""]], header)

    assert {(p.row, p.field) for p in outcome.problems} == {(None, "number"), (None, "signer_name")}
    assert written() == before


def test_a_file_without_a_required_column_is_refused(tree: Any, commune_leader_a: Any) -> None:
    content = xlsx_file([["Cá nhân", "Lê Thị Bình"]], header=["Đối tượng", "Họ tên"])

    with pytest.raises(DomainError) as refusal:
        imports.import_decision(actor=commune_leader_a, name="a.xlsx", content=content, header=DECISION)

    assert str(refusal.value) == "Tệp thiếu cột bắt buộc: Hình thức / Danh hiệu."


def test_a_unit_out_of_scope_is_refused(tree: Any, commune_leader_a: Any) -> None:
    header = imports.DecisionHeader(
        issuing_unit="90002", issuer="commune_chairman", decided_on=dt.date(2026, 12, 1)
    )

    with pytest.raises(DomainError) as refusal:
        run(commune_leader_a, [[1, "Hộ gia đình", "Hộ ông A", "", "", "Giấy khen", "", ""]], header)

    assert str(refusal.value) == imports.UNIT_NOT_FOUND.format(code="90002")


def test_the_import_runs_as_a_job_of_its_requester(
    tree: Any, commune_leader_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = xlsx_file([[1, "Cá nhân", "Lê Thị Bình", "", "Dân quân", "Giấy khen", "Xuất sắc", 300_000]])

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(
            actor=commune_leader_a, name="khen-thuong.xlsx", content=content, header=DECISION
        )

    job = Job.objects.get(pk=job.pk)
    decision = AwardDecision.objects.get()
    assert job.status == JobStatus.DONE
    assert job.kind == imports.JOB_KIND
    assert job.message == "Đã nhập 1/1 dòng."
    assert job.result["decision_id"] == decision.pk
    assert job.result["next_url"] == f"/thi-dua-khen-thuong/quyet-dinh/{decision.pk}/"


def test_a_job_with_bad_rows_writes_nothing_and_keeps_the_rejects(
    tree: Any, commune_leader_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = xlsx_file([[1, "Đơn vị", "Thôn 1", "", "", "Giấy khen", "", ""]])

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(
            actor=commune_leader_a, name="khen-thuong.xlsx", content=content, header=DECISION
        )

    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.DONE
    assert job.result["problems"] == [
        {"row": 2, "column": "Đối tượng", "message": imports.KIND_INVALID.format(value="Đơn vị")}
    ]
    assert not AwardDecision.objects.exists()


def test_the_template_file_reads_back_as_a_good_file(tree: Any, commune_leader_a: Any) -> None:
    content = imports.template_workbook()

    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert rows[0] == [c.header for c in imports.COLUMNS]
    assert rows[2][3] == "001206001234"  # stays text, leading zeros and all
