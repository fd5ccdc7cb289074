"""Official documents in the state format (Nghị định 30/2020/NĐ-CP, Annex I), rendered as DOCX or PDF.

A document (call-up order, public list, award decision, period report …) is an `OfficialDocument`:
the heading data (governing body, issuing body, number and symbol, place and date), the kind and
subject, a body made of blocks (`Heading`, `Paragraph`, `Table`, `PageBreak`), the recipients and the
signature block. `render_docx` gives a file to edit in Word or LibreOffice; `render_pdf` a file to
print. Both take one document or a list, and a list gives one file in which every document starts
on a new page with its own page numbering.

Layout (Annex I): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (in the PDF
Liberation Serif, its metric twin shipped by Debian, comes first); page numbers centred in the top
margin from page 2 of each document; national title 12 pt bold over the motto 13 pt bold with a
drawn line as long as the motto; issuing body 12 pt bold capitals with a short line; place and
date 14 pt italic; kind and subject 14 pt bold centred; body 14 pt justified; "Nơi nhận:" 12 pt
bold italic with 11 pt lines at the bottom left, and the signature block bold at the bottom right.

All text is normalised to Unicode NFC before rendering. The PDF is built from a Django template, so
every value is HTML-escaped.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import io
import re
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from qpdp.core.text import nfc_text

Align = Literal["justify", "center", "left", "right"]
Format = Literal["docx", "pdf"]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

CONTENT_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

_ALIGNS = ("justify", "center", "left", "right")
_NBSP = "\u00a0"
# Width left blank for a number assigned when the document is signed: "Số:       /QĐ-UBND".
_BLANK_NUMBER = _NBSP * 8


@dataclasses.dataclass
class Heading:
    """A section heading of the body ("I. TÌNH HÌNH CHUNG", "1. Công tác tuyển quân"); level 1–4."""

    text: str
    level: int = 1

    block_type: ClassVar[str] = "heading"

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValueError(f"heading level must be 1–4, not {self.level}")


@dataclasses.dataclass
class Paragraph:
    """A paragraph of the body; a newline in `text` is a line break inside the paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent_first_line: bool = True

    block_type: ClassVar[str] = "paragraph"

    def __post_init__(self) -> None:
        if self.align not in _ALIGNS:
            raise ValueError(f"paragraph align must be one of {_ALIGNS}, not {self.align!r}")


@dataclasses.dataclass
class Table:
    """A ruled table with a header row repeated on every page.

    `widths` are relative column widths (any unit; equal columns when omitted); `align` gives each
    column's alignment (left when omitted; header cells are always centred).
    """

    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    title: str = ""
    align: list[Align] | None = None

    block_type: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        count = len(self.columns)
        if count == 0:
            raise ValueError("a table needs at least one column")
        for index, row in enumerate(self.rows, start=1):
            if len(row) != count:
                raise ValueError(f"table row {index} has {len(row)} cells, expected {count}")
        if self.widths is not None and (
            len(self.widths) != count or any(width <= 0 for width in self.widths)
        ):
            raise ValueError(f"table widths must be {count} positive numbers")
        if self.align is not None and (
            len(self.align) != count or any(value not in _ALIGNS for value in self.align)
        ):
            raise ValueError(f"table align must give one of {_ALIGNS} for each of the {count} columns")

    def relative_widths(self) -> list[float]:
        """Column widths as fractions summing to 1."""
        widths = self.widths or [1.0] * len(self.columns)
        total = float(sum(widths))
        return [width / total for width in widths]

    def column_align(self) -> list[Align]:
        return list(self.align) if self.align else ["left"] * len(self.columns)

    def header_cells(self) -> list[tuple[str, str]]:
        """(text, CSS width) of each header cell."""
        return [
            (text, f"{fraction * 100:.2f}%")
            for text, fraction in zip(self.columns, self.relative_widths(), strict=True)
        ]

    def body_rows(self) -> list[list[tuple[str, Align]]]:
        """(text, alignment) of each body cell."""
        aligns = self.column_align()
        return [list(zip(row, aligns, strict=True)) for row in self.rows]


@dataclasses.dataclass
class PageBreak:
    """Continue the body on a new page."""

    block_type: ClassVar[str] = "page_break"


Block = Heading | Paragraph | Table | PageBreak


@dataclasses.dataclass
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / (signature) / "Nguyễn Văn A".

    `on_behalf` carries the authority prefix (TM., KT., TL., TUQ., Q.) and may be empty; `note`
    ("(Đã ký)", "(Đã ký và đóng dấu)") fills the space left for the handwritten signature.
    """

    on_behalf: str = ""
    title: str = ""
    name: str = ""
    note: str = ""


@dataclasses.dataclass(kw_only=True)
class OfficialDocument:
    """One official document. `number` is "12/LGNN-UBND"; "/LGNN-UBND" or "" leaves the number blank."""

    authority: str = ""
    issuer: str
    number: str = ""
    place: str
    date: datetime.date
    kind: str
    subject: str = ""
    body: list[Block] = dataclasses.field(default_factory=list)
    recipients: list[str] = dataclasses.field(default_factory=list)
    signature: Signature | None = None
    landscape: bool = False

    @property
    def authority_text(self) -> str:
        return heading_lines(self.authority)

    @property
    def issuer_text(self) -> str:
        return heading_lines(self.issuer)

    @property
    def number_line(self) -> str:
        return number_line(self.number)

    @property
    def date_line(self) -> str:
        return vietnamese_date(self.place, self.date)


def vietnamese_date(place: str, date: datetime.date) -> str:
    """The place and date line: "Phù Ninh, ngày 05 tháng 01 năm 2026".

    Annex I, II.5.b: days below 10 and the months 1 and 2 take a leading zero, so that no digit can
    be added in front of them later; months 3–12 are written as they are ("ngày 05 tháng 7 năm 2023").
    """
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    place = _nfc(place).strip()
    return f"{place}, {text}" if place else text


def number_line(number: str) -> str:
    """The number line "Số: 07/BC-UBND".

    A number below 10 gets a leading zero (Annex I, II.3); a blank number ("" or "/QĐ-UBND") leaves
    room to write it by hand when the document is signed.
    """
    number = _nfc(number).strip()
    if not number or number.startswith("/"):
        return f"Số:{_BLANK_NUMBER}{number or '/'}"
    return "Số: " + re.sub(r"^(\d)(?=/|$)", r"0\1", number)


# Bodies whose name ends a heading line when the whole name does not fit on one ("ỦY BAN NHÂN DÂN /
# XÃ PHÙ NINH", not "ỦY BAN NHÂN DÂN XÃ PHÙ / NINH").
_BODY_NAMES = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "BỘ CHỈ HUY QUÂN SỰ",
    "BAN CHỈ HUY QUÂN SỰ",
    "BAN CHỈ HUY PHÒNG THỦ KHU VỰC",
    "HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ",
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
)
_HEADING_LINE_CHARS = 24  # bold 12 pt capitals that fit on one line of the issuing-body column


def heading_lines(name: str) -> str:
    """The governing or issuing body's name in capitals, split into two lines where it is too long.

    A name that already holds a newline is kept as it is. Otherwise a long name breaks after the kind
    of body ("ỦY BAN NHÂN DÂN" / "XÃ PHÙ NINH") or, failing that, where the two lines are most even.
    """
    name = _nfc(name).upper()
    if "\n" in name:
        return "\n".join(" ".join(line.split()) for line in name.split("\n"))
    name = " ".join(name.split())
    if len(name) <= _HEADING_LINE_CHARS:
        return name
    for body in _BODY_NAMES:
        rest = name.removeprefix(body + " ")
        if rest != name and len(rest) <= _HEADING_LINE_CHARS:
            return f"{body}\n{rest}"
    words = name.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    if not splits:
        return name
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


# --- normalisation -------------------------------------------------------------------------------

# Control characters (pasted from spreadsheets) that XML 1.0, and so DOCX, cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _nfc(text: str) -> str:
    return nfc_text(_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def _normalized[T](value: T) -> T:
    """A copy of `value` (a document, block, list or string) with every string in NFC."""
    result: Any
    if isinstance(value, str):
        result = _nfc(value)
    elif isinstance(value, list):
        result = [_normalized(item) for item in value]
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: _normalized(getattr(value, field.name)) for field in dataclasses.fields(value)}
        result = dataclasses.replace(value, **changes)
    else:
        result = value
    return result


def _as_list(docs: OfficialDocument | Sequence[OfficialDocument]) -> list[OfficialDocument]:
    items = [docs] if isinstance(docs, OfficialDocument) else list(docs)
    if not items:
        raise ValueError("nothing to render: the list of documents is empty")
    return [_normalized(doc) for doc in items]


# --- PDF (WeasyPrint) ----------------------------------------------------------------------------


def render_html(docs: OfficialDocument | Sequence[OfficialDocument]) -> str:
    """The HTML the PDF is printed from (also usable as a preview page)."""
    documents = _as_list(docs)
    return render_to_string(
        "documents/official.html",
        {
            "documents": documents,
            "title": _title(documents[0]),
            "motto": MOTTO,
            "national_title": NATIONAL_TITLE,
        },
    )


def render_pdf(docs: OfficialDocument | Sequence[OfficialDocument]) -> bytes:
    """One PDF for one document or many; all documents are laid out in a single WeasyPrint pass."""
    import weasyprint  # loads pango and the fonts: only when printing

    html = render_html(docs)
    pdf = weasyprint.HTML(string=html, base_url=None).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf


def _title(doc: OfficialDocument) -> str:
    subject = " ".join(doc.subject.split())
    return f"{doc.kind} {subject}".strip()


# --- DOCX (python-docx) --------------------------------------------------------------------------

_PAGE_WIDTH_MM, _PAGE_HEIGHT_MM = 210, 297
_MARGIN_TOP_MM = _MARGIN_BOTTOM_MM = 20
_MARGIN_LEFT_MM, _MARGIN_RIGHT_MM = 30, 15
_FONT = "Times New Roman"
_BODY_PT = 14
_HEAD_LEFT_MM = 68  # issuing body column; the national title (88 mm at 12 pt) takes the rest
_MOTTO_LINE_MM = 56  # the motto's width at 13 pt bold: its line is exactly as long (Annex I, II.1)
_CAPS_BOLD_12PT_MM = 2.6  # mean advance of a bold 12 pt capital, to size the short line under a name


def render_docx(docs: OfficialDocument | Sequence[OfficialDocument]) -> bytes:
    """One DOCX for one document or many; each document is a section of its own (new page, own numbering)."""
    from docx import Document
    from docx.enum.section import WD_SECTION

    documents = _as_list(docs)
    word = Document()
    _docx_defaults(word)
    for index, doc in enumerate(documents):
        section = word.sections[0] if index == 0 else word.add_section(WD_SECTION.NEW_PAGE)
        _docx_section(section, doc, first=index == 0)
        _DocxWriter(word, doc).write()
    core = word.core_properties
    core.title = _title(documents[0])
    core.author = documents[0].issuer
    core.language = "vi-VN"
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_defaults(word: Any) -> None:
    """Times New Roman 14 pt, single spacing, Vietnamese, for every style that does not say otherwise."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), _FONT)
    size, size_cs, lang = OxmlElement("w:sz"), OxmlElement("w:szCs"), OxmlElement("w:lang")
    size.set(qn("w:val"), str(_BODY_PT * 2))
    size_cs.set(qn("w:val"), str(_BODY_PT * 2))
    lang.set(qn("w:val"), "vi-VN")
    rpr.extend([fonts, size, size_cs, lang])
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def _docx_section(section: Any, doc: OfficialDocument, *, first: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    width, height = (_PAGE_HEIGHT_MM, _PAGE_WIDTH_MM) if doc.landscape else (_PAGE_WIDTH_MM, _PAGE_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if doc.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(_MARGIN_TOP_MM), Mm(_MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(_MARGIN_LEFT_MM), Mm(_MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # No number on a document's first page; numbering restarts with every document.
    section.different_first_page_header_footer = True
    sect_pr = section._sectPr
    page_numbers = sect_pr.find(qn("w:pgNumType"))
    if page_numbers is None:
        page_numbers = OxmlElement("w:pgNumType")
        sect_pr.insert_element_before(
            page_numbers, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        )  # fmt: skip
    page_numbers.set(qn("w:start"), "1")
    if not first:
        return  # later sections inherit (link to) the headers defined on the first
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_field(paragraph, "PAGE", "2", size=Pt(_BODY_PT))


def _add_field(paragraph: Any, instruction: str, placeholder: str, *, size: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(element: Any) -> None:
        run = paragraph.add_run()
        run.font.size = size
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder).font.size = size
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _set_run_text(run: Any, text: str) -> None:
    """Put `text` into an empty run (`w:r` element), each newline as a line break."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = line
        run.append(element)


class _DocxWriter:
    """Appends one document to a python-docx `Document`, at the end of its current section."""

    def __init__(self, word: Any, doc: OfficialDocument) -> None:
        from docx.shared import Mm

        self.word = word
        self.doc = doc
        page_width = _PAGE_HEIGHT_MM if doc.landscape else _PAGE_WIDTH_MM
        self.content_mm = page_width - _MARGIN_LEFT_MM - _MARGIN_RIGHT_MM
        self.mm = Mm

    def write(self) -> None:
        self._heading()
        self._title()
        for block in self.doc.body:
            if isinstance(block, Heading):
                self._heading_block(block)
            elif isinstance(block, Paragraph):
                self._paragraph_block(block)
            elif isinstance(block, Table):
                self._table_block(block)
            else:
                self.word.add_page_break()
        self._closing()

    # low-level helpers

    def _text(
        self,
        container: Any,
        text: str,
        *,
        size: float = _BODY_PT,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        first: bool = False,
        before: float = 0,
        after: float = 0,
        indent: bool = False,
    ) -> Any:
        """A paragraph in `container` (document or cell); newlines in `text` become line breaks."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if indent:
            fmt.first_line_indent = Cm(1.27)
        run = paragraph.add_run(text)  # python-docx writes each "\n" as a line break
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        return paragraph

    def _rule(self, container: Any, width_mm: float, box_mm: float, *, before: float = 0) -> None:
        """A solid line `width_mm` long, centred in a box `box_mm` wide (a bordered empty paragraph)."""
        from docx.enum.text import WD_LINE_SPACING
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        side = max((box_mm - width_mm) / 2, 0)
        fmt.left_indent = fmt.right_indent = self.mm(side)
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(2)
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(key), value)
        borders.append(top)
        paragraph._p.get_or_add_pPr().insert_element_before(
            borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
            "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
            "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
            "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        )  # fmt: skip

    def _layout_table(self, rows: int, widths_mm: list[float]) -> Any:
        table = self.word.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = self.mm(width)
            for cell in column.cells:
                cell.width = self.mm(width)
        return table

    # parts of the document

    def _heading(self) -> None:
        """Issuing body and number (left), national title, motto, place and date (right)."""
        doc = self.doc
        right_mm = self.content_mm - _HEAD_LEFT_MM
        cell_pad_mm = 3.8  # Word's default cell margins, 1.9 mm each side
        table = self._layout_table(2, [_HEAD_LEFT_MM, right_mm])
        left, right = table.cell(0, 0), table.cell(0, 1)
        if doc.authority:
            self._text(left, doc.authority_text, size=12, first=True)
        self._text(left, doc.issuer_text, size=12, bold=True, first=not doc.authority)
        longest = max(len(line) for line in doc.issuer_text.split("\n"))
        issuer_mm = min(longest * _CAPS_BOLD_12PT_MM, _HEAD_LEFT_MM - cell_pad_mm)
        self._rule(left, issuer_mm * 0.4, _HEAD_LEFT_MM - cell_pad_mm, before=1)
        self._text(right, NATIONAL_TITLE, size=12, bold=True, first=True)
        self._text(right, MOTTO, size=13, bold=True)
        self._rule(right, _MOTTO_LINE_MM, right_mm - cell_pad_mm, before=1)
        self._text(table.cell(1, 0), doc.number_line, size=13, first=True, before=6)
        self._text(table.cell(1, 1), doc.date_line, size=14, italic=True, first=True, before=6)

    def _title(self) -> None:
        self._text(self.word, self.doc.kind.upper(), bold=True, before=18)
        if self.doc.subject:
            self._text(self.word, self.doc.subject, bold=True)
            longest = max(len(line) for line in self.doc.subject.split("\n"))
            subject_mm = min(longest * _CAPS_BOLD_12PT_MM * 0.8, self.content_mm)
            self._rule(self.word, subject_mm * 0.4, self.content_mm, before=2)
        self.word.add_paragraph().paragraph_format.space_after = self.mm(2)

    def _heading_block(self, block: Heading) -> None:
        self._text(
            self.word,
            block.text,
            bold=block.level <= 3,
            italic=block.level >= 3,
            align="justify",
            indent=True,
            before=6,
            after=6,
        )

    def _paragraph_block(self, block: Paragraph) -> None:
        paragraph = self._text(
            self.word,
            block.text,
            bold=block.bold,
            italic=block.italic,
            align=block.align,
            indent=block.indent_first_line and block.align == "justify",
            after=6,
        )
        paragraph.paragraph_format.line_spacing = 1.15

    def _table_block(self, block: Table) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        if block.title:
            self._text(self.word, block.title, bold=True, before=6, after=6)
        widths = [fraction * self.content_mm for fraction in block.relative_widths()]
        table = self._layout_table(2, widths)
        table.style = self.word.styles["Table Grid"]
        header_row = table.rows[0]
        header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        for cell, text in zip(header_row.cells, block.columns, strict=True):
            self._text(cell, text, size=12, bold=True, first=True, before=2, after=2)
        # Body rows are copies of one formatted row with the text swapped in: going through
        # python-docx cell by cell takes seconds for a list of a few thousand citizens.
        prototype = table.rows[1]
        for cell, align in zip(prototype.cells, block.column_align(), strict=True):
            self._text(cell, "", size=12, align=align, first=True, before=2, after=2)
        for values in block.rows:
            row = copy.deepcopy(prototype._tr)
            for run, text in zip(row.iter(qn("w:r")), values, strict=True):
                _set_run_text(run, text)
            prototype._tr.addprevious(row)
        prototype._tr.getparent().remove(prototype._tr)
        self.word.add_paragraph().paragraph_format.space_after = Pt(0)

    def _closing(self) -> None:
        """The recipients ("Nơi nhận:", bottom left) beside the signature (bottom right), on one page."""
        from docx.oxml import OxmlElement

        doc = self.doc
        left_mm = self.content_mm * 0.45
        table = self._layout_table(1, [left_mm, self.content_mm - left_mm])
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        left, right = table.cell(0, 0), table.cell(0, 1)
        if doc.recipients:
            self._text(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True, before=6)
            for line in doc.recipients:
                self._text(left, line, size=11, align="left")
        signature = doc.signature
        if signature is None:
            return
        first = True
        for line in (signature.on_behalf, signature.title):
            if line:
                self._text(right, line.upper(), bold=True, first=first, before=6 if first else 0)
                first = False
        for index in range(5):
            self._text(right, signature.note if index == 2 else "", italic=True, first=first)
            first = False
        if signature.name:
            self._text(right, signature.name, bold=True)


# --- one entry point -----------------------------------------------------------------------------


def render(docs: OfficialDocument | Sequence[OfficialDocument], fmt: Format | str) -> tuple[bytes, str, str]:
    """(content, content type, file extension) of the documents in `fmt`, "docx" or "pdf"."""
    if fmt == "docx":
        return render_docx(docs), CONTENT_TYPES["docx"], "docx"
    if fmt == "pdf":
        return render_pdf(docs), CONTENT_TYPES["pdf"], "pdf"
    raise ValueError(f"unknown document format {fmt!r}: expected 'docx' or 'pdf'")


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """The Content-Disposition header for a download named `filename` (Vietnamese names kept, RFC 6266)."""
    header = content_disposition_header(attachment, _nfc(filename))
    assert header is not None  # only None for an inline response without a filename
    return header
