"""The review report as an official document (Nghị định 30/2020/NĐ-CP), and every download of a report.

`report_document` lays a report out in the sections of domain.md §8 — I. general situation; II.
results by area, each with its figures from the frozen snapshot (an area without records says
"chưa có số liệu", never a zero); III. shortcomings, causes, lessons; IV. directions, tasks and the
next period's targets; V. proposals — and `appendix_document` adds the figures of each subordinate
unit, one table row per unit. `render_report` gives the report as DOCX (to edit), PDF (to print), or
plain text and HTML; a news article exists as text and HTML only. `preview_report` shows, without
writing anything, the draft a unit's report would start as (the command line uses it).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Sequence

from django.utils import timezone

from qpdp.core import documents
from qpdp.core.documents import (
    Align,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.periods import Period
from qpdp.core.text import nfc_text
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.rules import in_sentence, place_name
from qpdp.reports import article, article_services, phrases, rules, selectors, services, snapshots
from qpdp.reports.choices import ReportKind, ReportStatus, Section
from qpdp.reports.comparison import Comparison, targets_for
from qpdp.reports.figures import all_codes, compute_figures, subordinate_units
from qpdp.reports.models import Report, Snapshot
from qpdp.reports.selectors import AreaResult, ReportContent

FORMATS = ("docx", "pdf", "txt", "html")
FORMAT_UNKNOWN = "Định dạng “{value}” không hỗ trợ; chọn một trong: docx, pdf, txt, html."
ARTICLE_FORMATS = "Bài viết tin tức chỉ xuất được dạng văn bản (txt) hoặc trang HTML."

KIND = "Báo cáo"
DRAFT_MARK = "DỰ THẢO"
NO_RECORDS = "Chưa có số liệu: trong kỳ báo cáo hệ thống chưa có bản ghi nào của lĩnh vực này."
FIGURES_NOTE = (
    "Số liệu trong báo cáo do hệ thống QPĐP tính từ các bản ghi của đơn vị lúc {at}{locked}; "
    "mỗi số liệu tra được đến từng bản ghi."
)
LOCKED_NOTE = ", đã chốt lúc {at}"
FOLDED_NOTE = (
    "Số liệu kỳ trước ({period}) gồm cả số liệu của các đơn vị cũ hợp thành đơn vị từ ngày 01/07/2025."
)
APPROXIMATE_NOTE = (
    "Có số liệu ước tính: một đơn vị cũ được chia cho nhiều đơn vị mới nên số liệu của nó được tính "
    "cho mỗi đơn vị mới."
)
CLOSING = "Trên đây là báo cáo {review} {subject} {period} của {issuer}./."
SUBJECT = "công tác quốc phòng, quân sự địa phương"
APPENDIX_KIND = "Phụ lục"
APPENDIX_SUBJECT = "Số liệu các đơn vị trực thuộc {period}"
APPENDIX_REFERENCE = "(Kèm theo Báo cáo số {number} ngày {day} của {issuer})"
NO_SUBORDINATES = "Không có đơn vị trực thuộc."

# Indicator columns per appendix table: more would not fit across a portrait A4 page.
APPENDIX_COLUMNS = 5
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Bodies issuing the report of a unit of each kind; the nation's report is the ministry's.
COMMITTEE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)
MINISTRY = "Bộ Quốc phòng"


def _refuse(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


# -- the parts of the heading ------------------------------------------------------------------------


def issuer_of(unit: Unit) -> str:
    """ "Ủy ban nhân dân xã An Bình": the body that issues the unit's report."""
    if unit.kind in COMMITTEE_KINDS:
        return f"{phrases.PEOPLES_COMMITTEE} {in_sentence(unit.name)}"
    return MINISTRY if unit.kind == UnitKind.NATION else unit.name


def issuer_in_sentence(unit: Unit) -> str:
    """ "UBND xã An Bình"."""
    if unit.kind in COMMITTEE_KINDS:
        return phrases.committee_of(unit.name)
    return MINISTRY if unit.kind == UnitKind.NATION else unit.name


def number_symbol(unit: Unit) -> str:
    """ "/BC-UBND" (the number is written when the report is signed)."""
    return "/BC-BQP" if unit.kind == UnitKind.NATION else "/BC-UBND"


def document_day(report: Report) -> dt.date:
    """The date the report carries: its approval, else its submission, else today (a draft)."""
    moment = report.approved_at or report.submitted_at
    return timezone.localtime(moment).date() if moment else timezone.localdate()


def subject_of(report: Report) -> str:
    """ "Tổng kết công tác quốc phòng, quân sự địa phương năm 2026": the title without "Báo cáo" and the
    unit's name, which the heading already carries."""
    title = " ".join(report.title.split())
    suffix = f" — {report.unit.name}"
    if title.endswith(suffix):
        title = title[: -len(suffix)]
    if title.lower().startswith("báo cáo "):
        title = title[len("báo cáo ") :]
    return phrases.capitalised(title)


def signature_of(report: Report) -> Signature:
    """ "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for a vice-chairman."""
    title = report.signer_title.strip()
    if report.unit.kind not in COMMITTEE_KINDS:
        return Signature(title=title, name=report.signer_name.strip())
    if title.lower().startswith("phó chủ tịch"):
        return Signature(on_behalf="KT. Chủ tịch", title=title, name=report.signer_name.strip())
    return Signature(
        on_behalf=f"TM. {phrases.PEOPLES_COMMITTEE}",
        title=title or "Chủ tịch",
        name=report.signer_name.strip(),
    )


def recipients_of(unit: Unit) -> list[str]:
    """ "Nơi nhận:" — the levels above that receive the report, and the archive."""
    lines: list[str] = []
    province = _province_of(unit)
    if unit.kind == UnitKind.COMMUNE and province is not None:
        lines += [
            f"- UBND {in_sentence(province.name)};",
            f"- Bộ CHQS {in_sentence(province.name)};",
        ]
        lines.append(f"- Đảng ủy, HĐND {in_sentence(unit.name)};")
    elif unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT):
        lines += ["- Cấp ủy, HĐND cùng cấp;", "- Cơ quan quân sự cấp trên;"]
    lines.append("- Lưu: VT.")
    return lines


def _province_of(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


# -- the body ----------------------------------------------------------------------------------------


def _paragraphs(text: str) -> Iterator[Paragraph]:
    """A written section as paragraphs (one per line); a placeholder left in a draft in italics."""
    placeholder = rules.is_placeholder(text)
    for line in text.split("\n"):
        if line.strip():
            yield Paragraph(" ".join(line.split()), italic=placeholder)


def _section(report: Report, code: str) -> list[Paragraph]:
    return list(_paragraphs(report.sections.get(code, "")))


def _period(content: ReportContent) -> Period:
    snapshot = content.snapshot
    return Period(snapshot.period_start, snapshot.period_end, snapshot.period_code)


def _column_label(period: Period) -> str:
    return phrases.capitalised(period.label)


def _shown(row: Comparison) -> bool:
    """A row worth a line in the results: some figure, target or previous figure is known and not zero."""
    return any(value is not None and value != 0 for value in (row.value, row.previous, row.target))


def results_table(area: AreaResult, content: ReportContent) -> Table | None:
    """The area's figures beside the previous period and the target, with the completion rate."""
    rows = [row for row in area.rows if _shown(row)]
    if not rows:
        return None
    period = _period(content)
    previous = content.snapshot.previous_period_code
    previous_label = phrases.capitalised(phrases.period_label(previous)) if previous else "Kỳ trước"
    return Table(
        columns=[
            "TT",
            "Nội dung",
            "Đơn vị tính",
            _column_label(period),
            previous_label,
            "Chỉ tiêu",
            "Đạt (%)",
        ],
        rows=[
            [
                str(index),
                row.label,
                row.measure,
                phrases.number(row.value),
                phrases.number(row.previous),
                phrases.number(row.target),
                phrases.number(row.completion),
            ]
            for index, row in enumerate(rows, start=1)
        ],
        widths=[6, 50, 14, 16, 16, 14, 12],
        align=["center", "left", "center", "right", "right", "right", "right"],
    )


def area_blocks(report: Report, area: AreaResult, index: int, content: ReportContent) -> list[Block]:
    blocks: list[Block] = [Heading(f"{index}. {area.label}", level=2)]
    if not area.has_records:
        blocks.append(Paragraph(NO_RECORDS, italic=True))
    else:
        said = phrases.figure_phrases(list(area.rows))
        if said:
            subject = phrases.capitalised(in_sentence(report.unit.name))
            blocks.append(Paragraph(phrases.sentence(f"{subject} {', '.join(said)}")))
        table = results_table(area, content)
        if table is not None:
            blocks.append(table)
    blocks += list(_paragraphs(area.note))
    return blocks


def figures_notes(content: ReportContent) -> list[Block]:
    """Where the figures come from: when they were computed (and locked), and across the 2025 reform."""
    snapshot = content.snapshot
    at = f"{timezone.localtime(snapshot.computed_at):%H:%M %d/%m/%Y}"
    locked = (
        LOCKED_NOTE.format(at=f"{timezone.localtime(snapshot.locked_at):%H:%M %d/%m/%Y}")
        if snapshot.locked_at
        else ""
    )
    notes: list[Block] = [Paragraph(FIGURES_NOTE.format(at=at, locked=locked), italic=True)]
    if snapshot.previous_folded:
        period = phrases.period_label(snapshot.previous_period_code)
        notes.append(Paragraph(FOLDED_NOTE.format(period=period), italic=True))
    if snapshot.approximate:
        notes.append(Paragraph(APPROXIMATE_NOTE, italic=True))
    return notes


def targets_table(content: ReportContent) -> Table | None:
    measures = {row.code: row.measure for area in content.areas for row in area.rows}
    rows = [
        [str(index), label, measures.get(code, ""), phrases.number(value)]
        for index, (code, label, value) in enumerate(content.next_targets, start=1)
    ]
    if not rows:
        return None
    return Table(
        columns=[
            "TT",
            "Chỉ tiêu",
            "Đơn vị tính",
            phrases.capitalised(phrases.period_label(content.next_period)),
        ],
        rows=rows,
        widths=[6, 60, 16, 18],
        align=["center", "left", "center", "right"],
    )


def report_body(report: Report, content: ReportContent) -> list[Block]:
    """Parts I–V of the report (domain.md §8), in order."""
    period = _period(content)
    following = phrases.period_label(content.next_period)
    body: list[Block] = []
    if report.status not in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        body.append(Paragraph(DRAFT_MARK, bold=True, align="center", indent_first_line=False))
    body.append(Heading("I. TÌNH HÌNH CHUNG"))
    body += _section(report, Section.SITUATION)
    body += _section(report, Section.CONTEXT_FIGURES)
    body.append(Heading("II. KẾT QUẢ THỰC HIỆN CÁC MẶT CÔNG TÁC"))
    body += _section(report, Section.RESULTS)
    for index, area in enumerate(content.areas, start=1):
        body += area_blocks(report, area, index, content)
    body += figures_notes(content)
    body.append(Heading("III. HẠN CHẾ, KHUYẾT ĐIỂM, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM"))
    for index, code in enumerate((Section.SHORTCOMINGS, Section.CAUSES, Section.LESSONS), start=1):
        body.append(Heading(f"{index}. {Section(code).label}", level=2))
        body += _section(report, code)
    body.append(Heading(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {following.upper()}"))
    body += _section(report, Section.DIRECTIONS)
    targets = targets_table(content)
    if targets is not None:
        body.append(Paragraph(f"Các chỉ tiêu chủ yếu {following}:", indent_first_line=True))
        body.append(targets)
    body.append(Heading("V. ĐỀ XUẤT, KIẾN NGHỊ"))
    body += _section(report, Section.PROPOSALS)
    body.append(
        Paragraph(
            CLOSING.format(
                review=phrases.review_word(period),
                subject=SUBJECT,
                period=period.label,
                issuer=issuer_in_sentence(report.unit),
            )
        )
    )
    return body


def report_document(report: Report, content: ReportContent | None = None) -> OfficialDocument:
    """The review report of `report` (fetched within the caller's scope), per Nghị định 30/2020/NĐ-CP."""
    content = content or selectors.report_content(report)
    return OfficialDocument(
        issuer=issuer_of(report.unit),
        number=report.number.strip() or number_symbol(report.unit),
        place=place_name(report.unit.name),
        date=document_day(report),
        kind=KIND,
        subject=subject_of(report),
        body=report_body(report, content),
        recipients=recipients_of(report.unit),
        signature=signature_of(report),
    )


# -- the appendix: one row per subordinate unit ------------------------------------------------------


def _chunks(codes: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(codes), size):
        yield list(codes[start : start + size])


def appendix_tables(report: Report, content: ReportContent) -> list[Table]:
    """For each area with records, its figures per subordinate unit (one row each) and the unit's total;
    an area with many figures takes several tables."""
    tables: list[Table] = []
    total_label = f"Toàn {in_sentence(report.unit.name)}"
    shown = [area for area in content.areas if area.has_records]
    for number, area in enumerate(shown, start=1):
        codes = [
            row.code
            for row in area.rows
            if (row.value not in (None, 0))
            or any(sub.values.get(row.code) not in (None, 0) for sub in content.subordinates)
        ]
        rows_by_code = {row.code: row for row in area.rows}
        for part, chunk in enumerate(_chunks(codes, APPENDIX_COLUMNS)):
            columns = ["TT", "Đơn vị"] + [
                f"{rows_by_code[c].label} ({rows_by_code[c].measure})" for c in chunk
            ]
            body = [
                [str(i), sub.name, *(phrases.number(sub.values.get(c)) for c in chunk)]
                for i, sub in enumerate(content.subordinates, start=1)
            ]
            aligns: list[Align] = ["center", "left"]
            aligns += ["right"] * len(chunk)
            body.append(["", total_label, *(phrases.number(rows_by_code[c].value) for c in chunk)])
            title = f"{ROMAN[(number - 1) % len(ROMAN)]}. {area.label}" + (" (tiếp)" if part else "")
            tables.append(
                Table(
                    columns=columns,
                    rows=body,
                    widths=[6, 34, *([60 / len(chunk)] * len(chunk))],
                    title=title,
                    align=aligns,
                )
            )
    return tables


def appendix_document(report: Report, content: ReportContent | None = None) -> OfficialDocument | None:
    """PHỤ LỤC: the subordinate units' figures, attached to the report; None for a unit without any."""
    content = content or selectors.report_content(report)
    if not content.subordinates:
        return None
    tables = appendix_tables(report, content)
    issuer = issuer_in_sentence(report.unit)
    reference = APPENDIX_REFERENCE.format(
        number=report.number.strip() or "…" + number_symbol(report.unit),
        day=phrases.short_date(document_day(report)),
        issuer=issuer,
    )
    body: list[Block] = [Paragraph(reference, italic=True, align="center", indent_first_line=False)]
    body += tables or [Paragraph(NO_RECORDS, italic=True)]
    return OfficialDocument(
        issuer=issuer_of(report.unit),
        number=report.number.strip() or number_symbol(report.unit),
        place=place_name(report.unit.name),
        date=document_day(report),
        kind=APPENDIX_KIND,
        subject=APPENDIX_SUBJECT.format(period=_period(content).label),
        body=body,
    )


def report_documents(report: Report) -> list[OfficialDocument]:
    """The report, then its appendix when the unit has subordinate units."""
    content = selectors.report_content(report)
    appendix = appendix_document(report, content)
    return [report_document(report, content), *([appendix] if appendix else [])]


# -- a report not drafted yet: a preview on figures computed now ------------------------------------


def preview_snapshot(unit: Unit, period: Period) -> Snapshot:
    """The snapshot the unit and period would freeze now, computed but not saved."""
    codes = all_codes()
    below = subordinate_units(unit, period)
    return snapshots.fill(
        Snapshot(),
        unit=unit,
        period=period,
        codes=codes,
        current=compute_figures(unit, period, codes, nodes=[u.path for u in below], count_records=True),
        previous=compute_figures(unit, period.previous(), codes),
        below=below,
        targets=targets_for(unit, period.code, codes),
        at=timezone.now(),
        actor=None,
    )


def preview_report(unit: Unit, period: Period, kind: str) -> Report:
    """The draft a new report (or article) of the unit would start as, on figures computed now — held
    in memory only: nothing is written, nothing audited."""
    report = Report(
        unit=unit,
        unit_path=unit.path,
        period_code=period.code,
        kind=kind,
        snapshot=preview_snapshot(unit, period),
        title=services.default_title(kind, unit, period),
    )
    if kind == ReportKind.ARTICLE:
        report.conference = article_services.conference_of(unit, period.code)
        drafted = article.draft_article(report)
        report.title, report.lead, report.body = drafted.title, drafted.lead, drafted.body
    else:
        report.sections = {code: rules.placeholder(hint) for code, hint in services.SECTION_HINTS.items()}
    return report


# -- plain text and HTML of a document --------------------------------------------------------------


def _block_lines(block: Block) -> Iterator[str]:
    if isinstance(block, Heading | Paragraph):
        yield block.text
    elif isinstance(block, Table):
        if block.title:
            yield block.title
        yield " | ".join(block.columns)
        for row in block.rows:
            yield " | ".join(row)


def document_text(docs: Sequence[OfficialDocument]) -> str:
    """The documents as plain text: heading, title, each block as a paragraph, tables as lines."""
    parts: list[str] = []
    for doc in docs:
        head = [
            doc.issuer_text,
            doc.number_line.replace("\u00a0", " "),
            documents.NATIONAL_TITLE,
            documents.MOTTO,
            doc.date_line,
            "",
            doc.kind.upper(),
            doc.subject,
        ]
        parts.append("\n".join(head))
        parts += ["\n".join(_block_lines(block)) for block in doc.body if not _is_break(block)]
        if doc.signature is not None:
            signature = doc.signature
            parts.append(
                "\n".join(
                    line
                    for line in (signature.on_behalf.upper(), signature.title.upper(), signature.name)
                    if line
                )
            )
    return nfc_text("\n\n".join(p for p in parts if p.strip()) + "\n")


def _is_break(block: Block) -> bool:
    return not isinstance(block, Heading | Paragraph | Table)


def _block_html(block: Block) -> str:
    text = html.escape
    if isinstance(block, Heading):
        return f"<h{block.level + 1}>{text(block.text)}</h{block.level + 1}>"
    if isinstance(block, Paragraph):
        styles = " ".join(css for css, on in (("bold", block.bold), ("italic", block.italic)) if on)
        css = f' class="{styles}"' if styles else ""
        return f"<p{css}>{text(block.text)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{text(c)}</th>" for c in block.columns)
        rows = "".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        caption = f"<caption>{text(block.title)}</caption>" if block.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return ""


DOCUMENT_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: "Times New Roman", "Liberation Serif", serif; max-width: 50rem; margin: 2rem auto; }}
table {{ border-collapse: collapse; margin: 0.5rem 0; }}
th, td {{ border: 1px solid #444; padding: 0.2rem 0.4rem; }}
caption {{ font-weight: bold; text-align: left; }}
.bold {{ font-weight: bold; }} .italic {{ font-style: italic; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def document_html(docs: Sequence[OfficialDocument]) -> str:
    """The documents as a plain HTML page (the text of each section and its tables), not the print layout."""
    parts: list[str] = []
    for doc in docs:
        text = html.escape
        parts.append(
            f"<header><p>{text(doc.issuer_text)}<br>{text(doc.number_line)}</p>"
            f"<p>{text(documents.NATIONAL_TITLE)}<br>{text(documents.MOTTO)}</p>"
            f'<p class="italic">{text(doc.date_line)}</p></header>'
        )
        parts.append(f"<h1>{text(doc.kind.upper())}<br>{text(doc.subject)}</h1>")
        parts += [_block_html(block) for block in doc.body if not _is_break(block)]
        if doc.signature is not None:
            lines = [doc.signature.on_behalf.upper(), doc.signature.title.upper(), doc.signature.name]
            parts.append('<p class="bold">' + "<br>".join(text(x) for x in lines if x) + "</p>")
    title = html.escape(f"{docs[0].kind} {docs[0].subject}") if docs else ""
    return nfc_text(DOCUMENT_PAGE.format(title=title, body="\n".join(parts)))


# -- every download of a report ----------------------------------------------------------------------


def render_report(report: Report, fmt: str) -> bytes:
    """The report (with its appendix) as "docx", "pdf", "txt" or "html"; a news article as "txt" or
    "html" (a refusal names the formats it has)."""
    if fmt not in FORMATS:
        raise _refuse("format", FORMAT_UNKNOWN.format(value=fmt))
    if report.kind == ReportKind.ARTICLE:
        if fmt not in ("txt", "html"):
            raise _refuse("format", ARTICLE_FORMATS)
        edited = article.Article.of(report)
        text = article.article_text(edited) if fmt == "txt" else article.article_html(edited)
        return text.encode("utf-8")
    docs = report_documents(report)
    if fmt == "txt":
        return document_text(docs).encode("utf-8")
    if fmt == "html":
        return document_html(docs).encode("utf-8")
    content, _, _ = documents.render(docs, fmt)
    return content
