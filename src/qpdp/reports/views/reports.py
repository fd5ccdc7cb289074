"""Report pages: the list, a new report or article for the working unit, its sections (saved by htmx),
its heading and targets, the workflow (submit, return, approve) and every download.

Each view parses its input, calls one selector or service of `reports` and renders; a service's
refusal is shown on the form (or above the page) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qpdp.awards import selectors as awards_selectors
from qpdp.core import documents as core_documents
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.unit_context import selected_unit
from qpdp.reports import article_services, documents, phrases, rules, selectors, services
from qpdp.reports.choices import AREA_NOTE_PREFIX, REPORT_AREAS, ReportKind, ReportStatus, Section
from qpdp.reports.forms import (
    ArticleForm,
    HeadingForm,
    ReportCreateForm,
    ReturnForm,
    SectionForm,
    apply_problems,
)
from qpdp.reports.models import Report
from qpdp.reports.selectors import ReportContent

PAGE_SIZE = 50
NO_UNIT = "Chọn đơn vị làm việc (ô “Chọn đơn vị…” trên thanh điều hướng) trước khi lập báo cáo."
CREATED = "Đã lập dự thảo “{title}”. Các số liệu được chốt từ bản ghi lúc {at}."
SAVED = "Đã lưu."
EDITED = "Đã lưu thông tin báo cáo."
SUBMITTED = "Đã trình duyệt báo cáo; số liệu đã được chốt."
RETURNED = "Đã trả lại dự thảo cho người lập."
APPROVED = "Đã phê duyệt báo cáo. Từ nay báo cáo không sửa được nữa."
PUBLISHED = "Đã duyệt đăng bài viết. Từ nay bài viết không sửa được nữa."
REFRESHED = "Đã tính lại số liệu từ các bản ghi hiện có."
REDRAFTED = "Đã soạn lại bài viết từ số liệu và hội nghị."
NOT_EDITABLE = "Báo cáo không còn là dự thảo nên không sửa được."

DOWNLOAD_TYPES = {
    "docx": core_documents.CONTENT_TYPES["docx"],
    "pdf": core_documents.CONTENT_TYPES["pdf"],
    "txt": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
STATUS_BADGES: dict[str, str] = {
    ReportStatus.DRAFT: "text-bg-secondary",
    ReportStatus.REVIEW: "text-bg-warning",
    ReportStatus.APPROVED: "text-bg-success",
    ReportStatus.PUBLISHED: "text-bg-success",
}
# The sections of a report by part (the figures of part II sit between its opening and part III).
OPENING_SECTIONS = (Section.SITUATION, Section.CONTEXT_FIGURES, Section.RESULTS)
CLOSING_SECTIONS = (
    Section.SHORTCOMINGS,
    Section.CAUSES,
    Section.LESSONS,
    Section.DIRECTIONS,
    Section.PROPOSALS,
)


def _detail_url(report: Report, anchor: str = "") -> str:
    url = reverse("reports:report-detail", args=[report.pk])
    return f"{url}#{anchor}" if anchor else url


def _refused(request: HttpRequest, refusal: DomainError) -> None:
    for problem in refusal.problems:
        messages.error(request, problem.message)


# -- the list ----------------------------------------------------------------------------------------


@requires("reports.view")
def report_list(request: HttpRequest) -> HttpResponseBase:
    unit = selected_unit(request)
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    reports = selectors.report_list(
        user=request.user,
        unit=unit,
        kind=kind if kind in ReportKind.values else "",
        status=status if status in ReportStatus.values else "",
    ).order_by("-pk")
    after = request.GET.get("sau", "")
    if after.isdigit():
        reports = reports.filter(pk__lt=int(after))
    rows = list(reports[: PAGE_SIZE + 1])
    query = request.GET.copy()
    query.pop("sau", None)
    context = {
        "unit": unit,
        "rows": rows[:PAGE_SIZE],
        "next_after": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None,
        "query": query.urlencode(),
        "kind": kind,
        "status": status,
        "kinds": ReportKind.choices,
        "statuses": ReportStatus.choices,
        "badges": STATUS_BADGES,
        "can_create": user_allows(request.user, "reports.change"),
    }
    return render(request, "reports/report_list.html", context)


# -- a new report ------------------------------------------------------------------------------------


@requires("reports.change")
def report_create(request: HttpRequest) -> HttpResponseBase:
    unit = selected_unit(request) or selectors.own_unit(request.user)
    conferences = awards_selectors.conferences(request.user)
    conferences = conferences.filter(unit=unit) if unit is not None else conferences.none()
    form = ReportCreateForm(
        request.POST or None,
        conferences=conferences,
        initial={"kind": request.GET.get("kind") or ReportKind.REPORT, "period": timezone.localdate().year},
    )
    if unit is None:
        messages.warning(request, NO_UNIT)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = article_services.create_draft(
                actor=request.user,
                unit=unit,
                period_code=data["period"],
                kind=data["kind"],
                title=data["title"],
                conference=data["conference"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal)
        else:
            at = f"{timezone.localtime(report.snapshot.computed_at):%H:%M %d/%m/%Y}"
            messages.success(request, CREATED.format(title=report.title, at=at))
            return redirect(_detail_url(report))
    return render(request, "reports/report_create.html", {"form": form, "unit": unit})


# -- one report --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionView:
    """A written part of the report as its page shows it (and its htmx fragment saves it)."""

    code: str
    label: str
    text: str
    placeholder: bool
    form: SectionForm

    @property
    def anchor(self) -> str:
        return "phan-" + self.code.replace(":", "-").replace("_", "-")


def section_label(code: str) -> str:
    if code in Section.values:
        return str(Section(code).label)
    area = code.removeprefix(AREA_NOTE_PREFIX)
    return f"Nhận xét thêm — {dict(REPORT_AREAS).get(area, area)}"


def section_view(report: Report, code: str, form: SectionForm | None = None) -> SectionView:
    text = report.sections.get(code, "")
    placeholder = rules.is_placeholder(text)
    if form is None:
        # A placeholder is shown as the empty field's hint, not as text the writer must first delete.
        form = section_form(code, initial={"code": code, "text": "" if placeholder else text})
        if placeholder:
            form.fields["text"].widget.attrs["placeholder"] = text
    return SectionView(code=code, label=section_label(code), text=text, placeholder=placeholder, form=form)


def section_form(code: str, data: Any = None, initial: Any = None) -> SectionForm:
    """The form of one section; ids carry the section's code, as every section has a form on the page."""
    anchor = code.replace(":", "-").replace("_", "-")
    return SectionForm(data, initial=initial, auto_id=f"id_{anchor}_%s")


def _content_context(report: Report, content: ReportContent) -> dict[str, Any]:
    areas = [
        {
            "area": area,
            "table": documents.results_table(area, content) if area.has_records else None,
            "note": section_view(report, f"{AREA_NOTE_PREFIX}{area.code}"),
        }
        for area in content.areas
    ]
    return {
        "areas": areas,
        "appendix": documents.appendix_tables(report, content) if content.subordinates else [],
        "targets": documents.targets_table(content),
        "next_period_label": phrases.period_label(content.next_period),
        "period_label": phrases.period_label(report.period_code),
        "previous_label": phrases.period_label(content.snapshot.previous_period_code),
    }


@requires("reports.view")
def report_detail(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    content = selectors.report_content(report)
    actions = selectors.report_actions(user=request.user, report=report)
    context: dict[str, Any] = {
        "report": report,
        "snapshot": content.snapshot,
        "actions": actions,
        "can_edit": rules.EDIT in actions,
        "badge": STATUS_BADGES.get(report.status, "text-bg-secondary"),
        "is_article": report.kind == ReportKind.ARTICLE,
        "formats": ("txt", "html") if report.kind == ReportKind.ARTICLE else ("docx", "pdf", "txt", "html"),
        "return_form": ReturnForm(),
    }
    if report.kind == ReportKind.ARTICLE:
        context["paragraphs"] = [p for p in report.body.split("\n\n") if p.strip()]
        context["lead_placeholder"] = rules.is_placeholder(report.lead)
        context["body_placeholder"] = rules.is_placeholder(report.body)
    else:
        context["opening"] = [section_view(report, code) for code in OPENING_SECTIONS]
        context["closing"] = [section_view(report, code) for code in CLOSING_SECTIONS]
    context.update(_content_context(report, content))
    return render(request, "reports/report_detail.html", context)


@requires("reports.change")
@require_POST
def report_section(request: HttpRequest, report_id: int) -> HttpResponseBase:
    """Save one written section; htmx gets the section back, a plain POST the page."""
    report = selectors.report_detail(user=request.user, report_id=report_id)
    code = request.POST.get("code", "")
    form = section_form(code, request.POST)
    saved = False
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            report = services.edit_section(
                actor=request.user, report=report, code=code, text=form.cleaned_data["text"]
            )
        except DomainError as refusal:
            apply_problems(form, refusal, renames={code: "text", "sections": "text", "status": "text"})
        else:
            saved = True
    if not request.htmx:  # type: ignore[attr-defined]
        if saved:
            messages.success(request, SAVED)
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        return redirect(_detail_url(report, section_view(report, code).anchor))
    view = section_view(report, code, None if saved else form)
    return render(
        request,
        "reports/partials/report_section.html",
        {"report": report, "section": view, "can_edit": True, "saved": saved},
    )


@requires("reports.change")
def report_edit(request: HttpRequest, report_id: int) -> HttpResponseBase:
    """The heading, signer and next targets of a report; the title, lead and body of an article."""
    report = selectors.report_detail(user=request.user, report_id=report_id)
    if rules.EDIT not in selectors.report_actions(user=request.user, report=report):
        messages.error(request, NOT_EDITABLE)
        return redirect(_detail_url(report))
    is_article = report.kind == ReportKind.ARTICLE
    form: ArticleForm | HeadingForm
    if is_article:
        form = ArticleForm(
            request.POST or None, initial={"title": report.title, "lead": report.lead, "body": report.body}
        )
    else:
        content = selectors.report_content(report)
        form = HeadingForm(
            request.POST or None,
            targets=_target_choices(report, content),
            initial={
                "title": report.title,
                "number": report.number,
                "signer_name": report.signer_name,
                "signer_title": report.signer_title,
                **_target_initial(report, content),
            },
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if isinstance(form, HeadingForm):
            changes = services.ReportChanges(
                title=data["title"],
                number=data["number"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                next_targets=form.next_targets(),
            )
        else:
            changes = services.ReportChanges(title=data["title"], lead=data["lead"], body=data["body"])
        try:
            services.edit_report(actor=request.user, report=report, changes=changes)
        except DomainError as refusal:
            apply_problems(form, refusal, renames={"next_targets": "__all__"})
        else:
            messages.success(request, EDITED)
            return redirect(_detail_url(report))
    return render(
        request, "reports/report_edit.html", {"report": report, "form": form, "is_article": is_article}
    )


def _target_choices(report: Report, content: ReportContent) -> list[tuple[str, str, str]]:
    """The indicators whose next-period target the writer may set: those with a figure, a target now,
    or a target already proposed."""
    proposed = set(report.next_targets)
    return [
        (row.code, row.label, row.measure)
        for area in content.areas
        for row in area.rows
        if row.code in proposed or any(v not in (None, 0) for v in (row.value, row.target))
    ]


def _target_initial(report: Report, content: ReportContent) -> dict[str, Any]:
    codes = [code for code, _, _ in _target_choices(report, content)]
    return {
        f"target_{index}": rules.figure_value(report.next_targets[code])
        for index, code in enumerate(codes)
        if code in report.next_targets
    }


# -- the workflow ------------------------------------------------------------------------------------


def _carry_out(
    request: HttpRequest,
    report: Report,
    service: Callable[..., Report],
    done: str | Callable[[Report], str],
    **arguments: Any,
) -> HttpResponseBase:
    """One step of the workflow, back on the report's page: the service (called with the user, the report
    and `arguments`) refusing shows its problems, else what was done (`done`, or from the result)."""
    try:
        result = service(actor=request.user, report=report, **arguments)
    except DomainError as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, done if isinstance(done, str) else done(result))
    return redirect(_detail_url(report))


def _published_or_approved(report: Report) -> str:
    return PUBLISHED if report.status == ReportStatus.PUBLISHED else APPROVED


@requires("reports.change")
@require_POST
def report_submit(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    return _carry_out(request, report, services.submit_report, SUBMITTED)


@requires("reports.approve")
@require_POST
def report_return(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_detail_url(report))
    comment = form.cleaned_data["comment"]
    return _carry_out(request, report, services.return_report_to_draft, RETURNED, comment=comment)


@requires("reports.approve")
@require_POST
def report_approve(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    return _carry_out(request, report, services.approve_report, _published_or_approved)


@requires("reports.change")
@require_POST
def report_refresh(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    return _carry_out(request, report, services.refresh_figures, REFRESHED)


@requires("reports.change")
@require_POST
def article_redraft(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, report_id=report_id)
    return _carry_out(request, report, article_services.redraft_article, REDRAFTED)


# -- downloads ---------------------------------------------------------------------------------------


def download_name(report: Report, fmt: str) -> str:
    """ "bao-cao-2026-90001-12.pdf", "bai-viet-2026-90001-13.html"."""
    what = "bai-viet" if report.kind == ReportKind.ARTICLE else "bao-cao"
    return f"{what}-{report.period_code}-{report.unit.code}-{report.pk}.{fmt}"


@requires("reports.view")
def report_download(request: HttpRequest, report_id: int) -> HttpResponseBase:
    """?format=docx|pdf|txt|html (a report), txt|html (an article); DOCX by default for a report."""
    report = selectors.report_detail(user=request.user, report_id=report_id)
    default = "txt" if report.kind == ReportKind.ARTICLE else "docx"
    fmt = request.GET.get("format", "").strip().lower() or default
    try:
        content = documents.render_report(report, fmt)
    except DomainError as refusal:
        _refused(request, refusal)
        return redirect(_detail_url(report))
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[fmt])
    response["Content-Disposition"] = core_documents.content_disposition(download_name(report, fmt))
    return response


urlpatterns = [
    path("", report_list, name="report-list"),
    path("lap/", report_create, name="report-create"),
    path("<int:report_id>/", report_detail, name="report-detail"),
    path("<int:report_id>/phan/", report_section, name="report-section"),
    path("<int:report_id>/sua/", report_edit, name="report-edit"),
    path("<int:report_id>/trinh-duyet/", report_submit, name="report-submit"),
    path("<int:report_id>/tra-lai/", report_return, name="report-return"),
    path("<int:report_id>/phe-duyet/", report_approve, name="report-approve"),
    path("<int:report_id>/tinh-lai/", report_refresh, name="report-refresh"),
    path("<int:report_id>/soan-lai/", article_redraft, name="article-redraft"),
    path("<int:report_id>/tai-ve/", report_download, name="report-download"),
]
