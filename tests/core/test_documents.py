"""Official documents (Nghị định 30/2020/NĐ-CP, Annex I): the heading texts, the DOCX and the PDF."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import unicodedata

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from qpdp.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    content_disposition,
    heading_lines,
    number_line,
    render,
    render_docx,
    render_html,
    render_pdf,
    vietnamese_date,
)

NAME = "Nguyễn Thị Hằng"
VILLAGE = "Thôn Đông Thịnh, xã Phù Ninh"


def _order(number: str = "12/LGNN-UBND", *, name: str = NAME, paragraphs: int = 1) -> OfficialDocument:
    return OfficialDocument(
        authority="UBND tỉnh Phú Thọ",
        issuer="Ủy ban nhân dân xã Phù Ninh",
        number=number,
        place="Phù Ninh",
        date=datetime.date(2026, 1, 5),
        kind="Lệnh",
        subject="Gọi công dân nhập ngũ năm 2026",
        body=[
            Heading("I. CĂN CỨ", 1),
            *[Paragraph("Căn cứ Luật Nghĩa vụ quân sự ngày 19 tháng 6 năm 2015.") for _ in range(paragraphs)],
            Table(
                ["STT", "Họ và tên", "Ngày sinh", "Nơi thường trú"],
                [["1", name, "12/03/2007", VILLAGE]],
                widths=[1, 4, 2, 5],
                align=["center", "left", "center", "left"],
            ),
        ],
        recipients=["- Công dân có tên trên;", "- Lưu: VT."],
        signature=Signature(on_behalf="TM. Ủy ban nhân dân", title="Chủ tịch", name="Nguyễn Văn An"),
    )


# --- heading texts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(
            datetime.date(2026, 1, 5), "Phù Ninh, ngày 05 tháng 01 năm 2026", id="day-and-january-padded"
        ),
        pytest.param(datetime.date(2026, 2, 9), "Phù Ninh, ngày 09 tháng 02 năm 2026", id="february-padded"),
        pytest.param(datetime.date(2023, 7, 5), "Phù Ninh, ngày 05 tháng 7 năm 2023", id="march-on-unpadded"),
        pytest.param(datetime.date(2026, 12, 15), "Phù Ninh, ngày 15 tháng 12 năm 2026", id="two-digits"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(day: datetime.date, expected: str) -> None:
    """Annex I, II.5.b of Nghị định 30/2020/NĐ-CP."""
    assert vietnamese_date("Phù Ninh", day) == expected


def test_date_line_without_place() -> None:
    assert vietnamese_date("", datetime.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param("12/LGNN-UBND", "Số: 12/LGNN-UBND", id="as-given"),
        pytest.param("7/BC-UBND", "Số: 07/BC-UBND", id="below-10-padded"),
        pytest.param(
            "/QĐ-UBND", "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBND", id="blank-number"
        ),
        pytest.param("", "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/", id="blank"),
    ],
)
def test_number_line(number: str, expected: str) -> None:
    assert number_line(number) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("UBND tỉnh Phú Thọ", "UBND TỈNH PHÚ THỌ", id="short-one-line"),
        pytest.param("Ủy ban nhân dân xã Phù Ninh", "ỦY BAN NHÂN DÂN\nXÃ PHÙ NINH", id="after-body-kind"),
        pytest.param("Ban Chỉ huy quân sự xã Phù Ninh", "BAN CHỈ HUY QUÂN SỰ\nXÃ PHÙ NINH", id="command"),
        pytest.param(
            "Trường Trung học phổ thông Phù Ninh", "TRƯỜNG TRUNG HỌC\nPHỔ THÔNG PHÙ NINH", id="even"
        ),
        pytest.param(
            "Ủy ban nhân dân\nphường Ba Đình", "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH", id="caller-lines-kept"
        ),
    ],
)
def test_heading_lines(name: str, expected: str) -> None:
    assert heading_lines(name) == expected


def test_table_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="row 2 has 1 cells, expected 2"):
        Table(["STT", "Họ và tên"], [["1", NAME], ["2"]])


# --- DOCX ----------------------------------------------------------------------------------------


def _docx_paragraphs(content: bytes) -> list[DocxParagraph]:
    """Every paragraph of the body, those in table cells included, in document order."""
    document = docx.Document(io.BytesIO(content))
    return [DocxParagraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def test_docx_holds_the_official_heading_and_the_table() -> None:
    decomposed = unicodedata.normalize("NFD", NAME)
    content = render_docx(_order(name=decomposed))

    paragraphs = _docx_paragraphs(content)
    texts = [paragraph.text for paragraph in paragraphs]
    for line in (
        NATIONAL_TITLE,
        MOTTO,
        "Số: 12/LGNN-UBND",
        "Phù Ninh, ngày 05 tháng 01 năm 2026",
        "LỆNH",
        "Gọi công dân nhập ngũ năm 2026",
        "UBND TỈNH PHÚ THỌ",
        NAME,
        VILLAGE,
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ):
        assert line in texts
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)
    date = next(paragraph for paragraph in paragraphs if paragraph.text.startswith("Phù Ninh, ngày"))
    assert all(run.italic for run in date.runs)

    data_table = docx.Document(io.BytesIO(content)).tables[1]
    assert [cell.text for cell in data_table.rows[1].cells] == ["1", NAME, "12/03/2007", VILLAGE]
    header_properties = data_table.rows[0]._tr.trPr
    assert header_properties is not None
    assert header_properties.find(qn("w:tblHeader")) is not None, "header row repeats"


def test_docx_page_is_a4_with_the_official_margins_and_numbers_from_page_2() -> None:
    document = docx.Document(io.BytesIO(render_docx(_order())))

    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(size.mm) if size is not None else None for size in sizes] == [210, 297, 20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert section.first_page_header.paragraphs[0].text == ""


def test_docx_list_gives_one_section_per_document_each_numbered_from_1() -> None:
    wide = _order("3/DS-BCH")
    wide.landscape = True
    content = render_docx([_order("1/LGNN-UBND"), _order("2/LGNN-UBND"), wide])
    document = docx.Document(io.BytesIO(content))

    assert len(document.sections) == 3
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    assert document.sections[2].orientation == WD_ORIENT.LANDSCAPE
    width = document.sections[2].page_width
    assert width is not None
    assert round(width.mm) == 297
    numbers = [p.text for p in _docx_paragraphs(content) if p.text.startswith("Số:")]
    assert numbers == ["Số: 01/LGNN-UBND", "Số: 02/LGNN-UBND", "Số: 03/DS-BCH"]


# --- PDF -----------------------------------------------------------------------------------------


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} is missing: install Debian's poppler-utils (bash .ci/run does)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI must check the PDFs, but {reason}", pytrace=False)
        pytest.skip(reason)
    return path


TRICKY = '<b>Tuyển quân</b> & "huấn luyện" <script>alert(1)</script>'


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each page of one PDF of three documents, as pdftotext lays it out.

    One render for all the PDF tests: the first WeasyPrint call of a process costs seconds.
    1. a one-page order: a name typed in decomposed Unicode, a paragraph full of HTML;
    2. a report long enough for a second page;
    3. an order whose body breaks to a new page.
    """
    pdftotext = _poppler("pdftotext")
    first = _order("1/LGNN-UBND", name=unicodedata.normalize("NFD", NAME))
    first.body.append(Paragraph(TRICKY))
    third = _order("3/LGNN-UBND")
    third.body += [PageBreak(), Paragraph("Trang sau")]
    pdf = tmp_path_factory.mktemp("documents") / "documents.pdf"
    pdf.write_bytes(render_pdf([first, _order("2/LGNN-UBND", paragraphs=40), third]))
    result = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=30
    )
    return result.stdout.decode("utf-8").split("\f")[:-1]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _starts(pages: list[str]) -> list[int]:
    """Index of the first page of each document: the page carrying the national title."""
    return [index for index, page in enumerate(pages) if NATIONAL_TITLE in page]


def test_pdf_holds_the_official_heading_the_names_and_the_table(pdf_pages: list[str]) -> None:
    text = _squeeze(pdf_pages[0])
    for line in (
        NATIONAL_TITLE,
        MOTTO,
        "Số: 01/LGNN-UBND",
        "Phù Ninh, ngày 05 tháng 01 năm 2026",
        "LỆNH",
        "UBND TỈNH PHÚ THỌ",
        NAME,
        VILLAGE,
        "12/03/2007",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn An",
    ):
        assert line in text
    assert all(unicodedata.is_normalized("NFC", page) for page in pdf_pages)


def test_pdf_list_starts_each_document_on_a_new_page_numbered_from_page_2(pdf_pages: list[str]) -> None:
    starts = _starts(pdf_pages)

    assert len(pdf_pages) >= 5
    assert len(starts) == 3
    assert starts[0] == 0
    assert starts[1] == 1, "the one-page order takes one page"
    for index, number in zip(starts, ("01", "02", "03"), strict=True):
        assert f"Số: {number}/LGNN-UBND" in pdf_pages[index]
        assert not pdf_pages[index].lstrip()[0].isdigit(), "no number on a document's first page"
    # Each document numbers its own pages, from its page 2, centred at the top.
    assert pdf_pages[starts[1] + 1].lstrip().startswith("2")
    assert pdf_pages[starts[2] + 1].lstrip().startswith("2")
    assert starts[2] == len(pdf_pages) - 2


def test_page_break_continues_the_body_on_a_new_page(pdf_pages: list[str]) -> None:
    last = pdf_pages[-1]
    assert "Trang sau" in last
    assert NATIONAL_TITLE not in last


def test_text_is_html_escaped() -> None:
    doc = _order()
    doc.body = [Paragraph(TRICKY)]

    html = render_html(doc)

    assert "&lt;b&gt;Tuyển quân&lt;/b&gt; &amp; &quot;huấn luyện&quot; &lt;script&gt;" in html
    assert "<script>" not in html


def test_pdf_prints_html_special_characters_as_typed(pdf_pages: list[str]) -> None:
    assert TRICKY in _squeeze(pdf_pages[0])


# --- entry point ---------------------------------------------------------------------------------


def test_render_gives_content_type_and_extension() -> None:
    content, content_type, extension = render(_order(), "docx")
    assert content.startswith(b"PK")
    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert extension == "docx"
    with pytest.raises(ValueError, match="unknown document format"):
        render(_order(), "odt")


def test_content_disposition_keeps_vietnamese_file_names() -> None:
    header = content_disposition("Lệnh gọi nhập ngũ.pdf")
    assert header.startswith("attachment; filename*=utf-8''")
    assert "L%E1%BB%87nh" in header
