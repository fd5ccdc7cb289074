"""News-article services: a new article prefilled from the snapshot and the conference, and a redraft.

Both go through the report services (`create_report`, `edit_report`), so the draft is checked,
written and audited exactly as any other report; the article's text is only a starting point that
people edit before it is published.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qpdp.awards.models import Conference
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.periods import PeriodError, parse_period
from qpdp.org.models import Unit
from qpdp.reports import services
from qpdp.reports.article import draft_article
from qpdp.reports.choices import ReportKind
from qpdp.reports.models import Report

NOT_AN_ARTICLE = "Chỉ soạn lại được bài viết tin tức; báo cáo thì viết từng phần."


def conference_of(unit: Unit, period_code: str) -> Conference | None:
    """The unit's review conference of the period (the latest held), whose record the article tells."""
    try:
        period = parse_period(period_code)
    except PeriodError:
        return None
    return Conference.objects.filter(unit=unit, period_code=period.code).order_by("-held_on", "-pk").first()


def _prefill(actor: Any, report: Report, *, title: str = "") -> Report:
    article = draft_article(report)
    changes = services.ReportChanges(
        title=title or article.title,
        lead=article.lead,
        # With no figure and no conference there is nothing to tell yet: the body stays a placeholder.
        body=article.body or None,
    )
    return services.edit_report(actor=actor, report=report, changes=changes)


@transaction.atomic
def create_article(
    *, actor: Any, unit: Unit, period_code: str, conference: Conference | None = None, title: str = ""
) -> Report:
    """A draft news article of the unit over the period, its text drafted from the frozen figures and
    the review conference (the one given, else the unit's conference of the period)."""
    if conference is None:
        conference = conference_of(unit, period_code)
    report = services.create_report(
        actor=actor,
        unit=unit,
        period_code=period_code,
        kind=ReportKind.ARTICLE,
        title=title,
        conference=conference,
    )
    return _prefill(actor, report, title=title)


@transaction.atomic
def redraft_article(*, actor: Any, report: Report) -> Report:
    """Write a draft article's title, lead and body again from its figures and conference (after the
    figures were recomputed, or the conference record corrected)."""
    if report.kind != ReportKind.ARTICLE:
        raise DomainError([FieldProblem("kind", NOT_AN_ARTICLE)])
    return _prefill(actor, report)


def create_draft(
    *,
    actor: Any,
    unit: Unit,
    period_code: str,
    kind: str,
    title: str = "",
    conference: Conference | None = None,
) -> Report:
    """A new draft of either kind, as every entry point (pages, API, batch) creates one: an article is
    prefilled from the figures and the conference, a report gets its sections to write."""
    if kind == ReportKind.ARTICLE:
        return create_article(
            actor=actor, unit=unit, period_code=period_code, conference=conference, title=title
        )
    return services.create_report(
        actor=actor, unit=unit, period_code=period_code, kind=kind, title=title, conference=conference
    )
