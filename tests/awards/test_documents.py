"""The award decision as an official document: heading, legal bases by era, Điều 1 with the counts, the list
of recipients with correct diacritics, and the signature block — in DOCX and in PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from qpdp.awards import rules
from qpdp.awards.documents import (
    DECREE_2017_BASIS,
    DECREE_2023_BASIS,
    LAW_2003_BASIS,
    LAW_2022_BASIS,
    LOCAL_GOVERNMENT_2015_BASIS,
    LOCAL_GOVERNMENT_2025_BASIS,
    decision_document,
    legal_bases,
)
from qpdp.core.documents import render_docx, render_pdf
from tests.factories.awards import decide, draft_decision, line, person, provincial_decision

pytestmark = pytest.mark.django_db


def docx_texts(content: bytes) -> list[str]:
    """Every paragraph of the body, those in table cells included, in document order."""
    document = docx.Document(io.BytesIO(content))
    return [DocxParagraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def pdf_text(content: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=content, check=True, capture_output=True, timeout=60
    )
    return unicodedata.normalize("NFC", " ".join(result.stdout.decode("utf-8").split()))


def test_the_commune_chairmans_decision_reads_as_signed(journey: dict[str, Any]) -> None:
    document = decision_document(journey["decision"])

    texts = docx_texts(render_docx(document))

    for expected in (
        "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH",
        "Số: 125/QĐ-UBND",
        "An Bình, ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng tập thể, cá nhân",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH",
        LOCAL_GOVERNMENT_2025_BASIS,
        LAW_2022_BASIS,
        DECREE_2023_BASIS,
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã An Bình,",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng giấy khen cho 2 tập thể, 3 cá nhân (có danh sách kèm theo) đã có thành tích xuất "
        "sắc trong công tác quân sự, quốc phòng địa phương năm 2026.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        "(Kèm theo Quyết định số 125/QĐ-UBND ngày 01 tháng 12 năm 2026 "
        "của Chủ tịch Ủy ban nhân dân xã An Bình)",
        "I",
        "TẬP THỂ",
        "Thôn 1",
        "Trung đội dân quân cơ động",
        "II",
        "CÁ NHÂN",
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Phạm Văn Cường",
        "Dân quân",
        "Giấy khen",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in texts, expected
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)
    # The list: collectives first, numbered within their group.
    assert texts.index("Thôn 1") < texts.index("Trung đội dân quân cơ động") < texts.index("Nguyễn Văn An")


def test_the_pdf_prints_the_recipients_with_their_diacritics(journey: dict[str, Any]) -> None:
    text = pdf_text(render_pdf(decision_document(journey["decision"])))

    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 125/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Điều 1. Tặng giấy khen cho 2 tập thể, 3 cá nhân",
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Phạm Văn Cường",
        "Trung đội dân quân cơ động",
        "Trần Văn Bình",
    ):
        assert expected in text, expected


def test_several_forms_and_money_are_each_named(
    tree: Any, commune_leader_a: Any, province_officer: Any
) -> None:
    citizen = person(tree.commune_a, "Hoàng Thị Duyên")
    decision = decide(
        commune_leader_a,
        tree.commune_a,
        number="7/QĐ-UBND",
        decided_on=dt.date(2026, 12, 3),
        lines=[
            line(
                recipient_kind="individual",
                recipient_citizen=citizen,
                form_code="lao_dong_tien_tien",
                money=300_000,
            ),
            line(
                recipient_kind="household", recipient_name="Hộ ông Lê Văn Dũng", form_code="gia_dinh_van_hoa"
            ),
            line(recipient_kind="collective", recipient_name="Tổ dân quân", money=1_200_000),
        ],
    )

    texts = docx_texts(render_docx(decision_document(decision)))

    article = next(t for t in texts if t.startswith("Điều 1."))
    assert article.startswith(
        "Điều 1. Khen thưởng 1 tập thể, 1 cá nhân, 1 hộ gia đình (có danh sách kèm theo)"
    )
    assert "tặng danh hiệu “Lao động tiên tiến” cho 1 cá nhân" in article
    assert "tặng danh hiệu “Gia đình văn hóa” cho 1 hộ gia đình" in article
    assert "tặng giấy khen cho 1 tập thể" in article
    assert "Tổng số tiền thưởng: 1.500.000 đồng" in article
    assert "Số: 07/QĐ-UBND" in texts  # a number below 10 takes its zero (ND 30/2020 Annex I)
    assert {"HỘ GIA ĐÌNH", "III", "Hộ ông Lê Văn Dũng", "1.200.000", "Tổng cộng", "1.500.000"} <= set(texts)


def test_the_provincial_commands_decision_has_the_commanders_block(tree: Any, province_officer: Any) -> None:
    decision = provincial_decision(
        province_officer,
        tree.province,
        tree.commune_a,
        detail="Ban CHQS xã",
        signer_name="Đại tá Nguyễn Văn Sơn",
    )

    texts = docx_texts(render_docx(decision_document(decision)))

    for expected in (
        "BỘ CHỈ HUY QUÂN SỰ\nTỈNH THỬ NGHIỆM",
        "Số: 88/QĐ-BCH",
        "Thử Nghiệm, ngày 01 tháng 12 năm 2026",
        "CHỈ HUY TRƯỞNG BỘ CHỈ HUY QUÂN SỰ TỈNH THỬ NGHIỆM",
        "Điều 1. Tặng giấy khen cho 1 tập thể (có danh sách kèm theo) đã có thành tích xuất sắc "
        "trong công tác quân sự, quốc phòng địa phương năm 2026.",
        "Xã An Bình",
        "CHỈ HUY TRƯỞNG",
        "Đại tá Nguyễn Văn Sơn",
    ):
        assert expected in texts, expected
    assert LOCAL_GOVERNMENT_2025_BASIS not in texts  # a command is not a People's Committee


def test_a_draft_leaves_the_number_and_the_name_blank(tree: Any, commune_leader_a: Any) -> None:
    decision = draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Lê Văn Dũng")

    texts = docx_texts(render_docx(decision_document(decision)))

    assert "DỰ THẢO" in texts
    assert "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBND" in texts
    assert "Trần Văn Bình" not in texts


@pytest.mark.parametrize(
    ("issuer", "on", "expected"),
    [
        pytest.param(
            rules.Issuer.COMMUNE_CHAIRMAN,
            dt.date(2023, 12, 29),
            [LOCAL_GOVERNMENT_2015_BASIS, LAW_2003_BASIS, DECREE_2017_BASIS],
            id="tdkt-2003-nd91-2017",
        ),
        pytest.param(
            rules.Issuer.DISTRICT_CHAIRMAN,
            dt.date(2024, 1, 1),
            [LOCAL_GOVERNMENT_2015_BASIS, LAW_2022_BASIS, DECREE_2023_BASIS],
            id="tdkt-2022-from-2024-01-01",
        ),
        pytest.param(
            rules.Issuer.COMMUNE_CHAIRMAN,
            dt.date(2025, 7, 1),
            [LOCAL_GOVERNMENT_2025_BASIS, LAW_2022_BASIS, DECREE_2023_BASIS],
            id="ctcqdp-2025-from-2025-07-01",
        ),
    ],
)
def test_legal_bases_are_those_in_force_on_the_decisions_day(
    issuer: rules.Issuer, on: dt.date, expected: list[str]
) -> None:
    assert legal_bases(issuer, on) == expected


def test_a_command_cites_the_army_circular_of_its_day() -> None:
    before = legal_bases(rules.Issuer.DISTRICT_COMMAND, dt.date(2020, 5, 1))
    after = legal_bases(rules.Issuer.PROVINCIAL_COMMAND, dt.date(2026, 5, 1))

    assert before[-1].startswith("Căn cứ Thông tư số 151/2018/TT-BQP")
    assert after[:2] == [LAW_2022_BASIS, DECREE_2023_BASIS]
