"""The news article of a review: drafted from the report's frozen figures and its review conference.

The draft reads like the articles local newsrooms publish after a review conference (title; a lead
with the date, place and organiser; the results with their figures; the chair's conclusions and the
tasks; the awards presented), written by these templates from recorded facts only: a figure the
snapshot does not hold, or a fact the conference record leaves empty, is left out, never invented.
People edit the draft (Report.title, lead, body) before it is published; `article_text` and
`article_html` export the edited version.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from qpdp.awards.models import Campaign, Conference
from qpdp.awards.selectors import IssuerSummary, award_summary, campaign_records
from qpdp.core.periods import Period
from qpdp.core.text import nfc_text
from qpdp.org.rules import in_sentence
from qpdp.reports import phrases, rules, selectors
from qpdp.reports.models import Report
from qpdp.reports.selectors import ReportContent

SUBJECT = "công tác quốc phòng, quân sự địa phương"
CONCLUDED = "Phát biểu kết luận hội nghị, đồng chí {chair} nêu rõ: {text}"
CONCLUDED_NO_CHAIR = "Kết luận hội nghị nêu rõ: {text}"
TASKS = "Về phương hướng, nhiệm vụ {period}, {who} đề ra các nhiệm vụ trọng tâm: {text}"
AWARDS = (
    "Nhân dịp này, {given} có thành tích xuất sắc trong thực hiện nhiệm vụ quốc phòng, "
    "quân sự địa phương {period}."
)
TARGETS = "{period}, {unit} phấn đấu đạt các chỉ tiêu chủ yếu: {targets}."
LAUNCHED = "Tại hội nghị, {who} phát động đợt thi đua “{name}”, thời gian từ ngày {start} đến ngày {end}"
PLEDGED_ONE = "{parties} ký kết giao ước thi đua"
PLEDGED_MANY = "{count} giao ước thi đua được ký kết giữa {parties}"


@dataclass(frozen=True)
class Article:
    """A news article: its title, its lead (sa pô) and its paragraphs."""

    title: str
    lead: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The paragraphs as the report stores them: separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @classmethod
    def of(cls, report: Report) -> Article:
        """The article as its writers left it (the report's title, lead and body)."""
        paragraphs = [" ".join(p.split()) for p in report.body.split("\n\n")]
        return cls(report.title.strip(), report.lead.strip(), [p for p in paragraphs if p])


# -- the draft ---------------------------------------------------------------------------------------


def _period(report: Report) -> Period:
    snapshot = report.snapshot
    return Period(snapshot.period_start, snapshot.period_end, snapshot.period_code)


def _review_word(report: Report, conference: Conference | None) -> str:
    if conference is not None and conference.kind in ("so_ket", "tong_ket"):
        return "sơ kết" if conference.kind == "so_ket" else "tổng kết"
    return phrases.review_word(_period(report))


def title_of(report: Report, conference: Conference | None = None) -> str:
    """ "Xã An Bình tổng kết công tác quốc phòng, quân sự địa phương năm 2026"."""
    unit = phrases.capitalised(in_sentence(report.unit.name))
    return f"{unit} {_review_word(report, conference)} {SUBJECT} {_period(report).label}"


def lead_of(report: Report, conference: Conference | None) -> str:
    """Date, place and organiser of the conference, what it reviewed, who chaired it."""
    period = _period(report)
    following = rules.next_period(period).label
    if conference is None:
        organiser = phrases.committee_of(report.unit.name)
        return phrases.sentence(
            f"{organiser} {_review_word(report, None)} {SUBJECT} {period.label}, "
            f"triển khai phương hướng, nhiệm vụ {following}"
        )
    organiser = conference.organiser.strip() or phrases.committee_of(report.unit.name)
    where = f"tại {conference.place.strip()}, " if conference.place.strip() else ""
    what = conference.title.strip() or f"Hội nghị {_review_word(report, conference)} {SUBJECT} {period.label}"
    parts = [
        phrases.sentence(
            f"Ngày {phrases.short_date(conference.held_on)}, {where}{organiser} tổ chức {what}, "
            f"triển khai phương hướng, nhiệm vụ {following}"
        )
    ]
    chair = _chair(conference)
    if chair:
        parts.append(phrases.sentence(f"Đồng chí {chair} chủ trì hội nghị"))
    presiding = " ".join(conference.presiding.split())
    attendees = " ".join(conference.attendees.split())
    if presiding or attendees:
        present = "; ".join(p.rstrip(".;") for p in (presiding, attendees) if p)
        parts.append(phrases.sentence(f"Dự hội nghị có {present}"))
    return " ".join(parts)


def _chair(conference: Conference) -> str:
    """ "Trần Văn Bình, Chủ tịch UBND xã" (the name, then the title), or what of it is recorded."""
    name, title = conference.chair_name.strip(), conference.chair_title.strip()
    return ", ".join(p for p in (name, title) if p) if name else ""


def results_of(
    report: Report, content: ReportContent, *, leave_out: frozenset[str] = frozenset()
) -> list[str]:
    """One sentence per area with records: its figures (but those of `leave_out`), from the frozen
    snapshot only."""
    period = _period(report)
    subject = in_sentence(report.unit.name)
    sentences: list[str] = []
    for area in content.areas:
        if not area.has_records:
            continue
        said = phrases.figure_phrases(list(area.rows), leave_out=leave_out)
        if not said:
            continue
        if not sentences:
            # "Năm 2026, …", "Giai đoạn 2015–2020, …"; "Trong 6 tháng đầu năm 2026, …" (no opening digit).
            when = period.label if not period.label[:1].isdigit() else f"trong {period.label}"
            opening = f"{phrases.capitalised(when)}, {subject} "
        else:
            opening = f"Về {phrases.label_in_sentence(area.label)}, {subject} "
        sentences.append(phrases.sentence(opening + ", ".join(said)))
    return [" ".join(sentences)] if sentences else []


def targets_of(report: Report, content: ReportContent) -> list[str]:
    """The targets set for the next period, when the report names any."""
    if not content.next_targets:
        return []
    measures = {row.code: row.measure for area in content.areas for row in area.rows}
    written = [
        f"{phrases.label_in_sentence(label)} {phrases.figure(value, measures.get(code, ''))}"
        for code, label, value in content.next_targets
        if value is not None
    ]
    if not written:
        return []
    following = phrases.period_label(content.next_period)
    unit = in_sentence(report.unit.name)
    return [TARGETS.format(period=phrases.capitalised(following), unit=unit, targets="; ".join(written))]


def conference_paragraphs(report: Report, conference: Conference, campaigns: list[Campaign]) -> list[str]:
    """What the conference discussed, the campaigns launched there, its conclusions and the tasks its
    chair set."""
    paragraphs: list[str] = []
    presentations = " ".join(conference.presentations.split())
    if presentations:
        paragraphs.append(phrases.sentence(f"Tại hội nghị, {presentations}"))
    paragraphs += [campaign_sentence(campaign) for campaign in campaigns]
    conclusions = " ".join(conference.conclusions.split())
    chair = _chair(conference)
    if conclusions:
        template = CONCLUDED if chair else CONCLUDED_NO_CHAIR
        paragraphs.append(phrases.sentence(template.format(chair=chair, text=conclusions)))
    tasks = " ".join(conference.tasks.split())
    if tasks:
        who = f"đồng chí {conference.chair_name.strip()}" if conference.chair_name.strip() else "hội nghị"
        following = rules.next_period(_period(report)).label
        paragraphs.append(phrases.sentence(TASKS.format(period=following, who=who, text=tasks)))
    return paragraphs


def launched_at(conference: Conference) -> list[Campaign]:
    """The emulation campaigns the conference's unit launched on the day of the conference."""
    day = Period(conference.held_on, conference.held_on, f"{conference.held_on}..{conference.held_on}")
    campaigns = campaign_records(conference.unit_path, day).filter(unit_id=conference.unit_id)
    return list(campaigns.prefetch_related("pledges").order_by("launched_on", "pk"))


def campaign_sentence(campaign: Campaign) -> str:
    """ "Tại hội nghị, … phát động đợt thi đua “90 ngày hành động kiểu mẫu”, thời gian từ ngày 01/07
    đến ngày 30/09/2024; Cụm thi đua số 1 và Cụm thi đua số 2 ký kết giao ước thi đua"."""
    start, end = campaign.starts_on, campaign.ends_on
    said = LAUNCHED.format(
        who=" ".join(campaign.launched_by.split()) or phrases.committee_of(campaign.unit.name),
        name=campaign.name.strip().strip("“”\"'"),
        start=phrases.day_month(start) if start.year == end.year else phrases.short_date(start),
        end=phrases.short_date(end),
    )
    pledges = list(campaign.pledges.all())
    if len(pledges) == 1:
        said += "; " + PLEDGED_ONE.format(parties=" ".join(pledges[0].parties.split()))
    elif pledges:
        parties = "; ".join(" ".join(p.parties.split()) for p in pledges)
        said += "; " + PLEDGED_MANY.format(count=phrases.number(len(pledges)), parties=parties)
    return phrases.sentence(said)


def awards_sentence(report: Report, summary: list[IssuerSummary]) -> str:
    """ "Nhân dịp này, UBND xã An Bình đã tặng giấy khen cho 2 tập thể, 3 cá nhân có thành tích xuất sắc …"
    (the form named when a body gave only one)."""
    given = [f"{line.issuing_body} đã {line.given}" for line in summary if line.total]
    if not given:
        return ""
    return AWARDS.format(given="; ".join(given), period=_period(report).label)


def draft_article(report: Report) -> Article:
    """The article of a report's period, from its frozen figures and its review conference (if any)."""
    conference: Conference | None = report.conference
    content = selectors.report_content(report)
    awarded = awards_sentence(report, award_summary(conference)) if conference is not None else ""
    campaigns = launched_at(conference) if conference is not None else []
    # What the conference tells (its awards, the campaign it launched) is not counted again in the results.
    leave_out = (phrases.AWARD_COUNTS if awarded else frozenset()) | (
        phrases.CAMPAIGN_COUNTS if campaigns else frozenset()
    )
    paragraphs = results_of(report, content, leave_out=leave_out)
    if conference is not None:
        paragraphs += conference_paragraphs(report, conference, campaigns)
    paragraphs += targets_of(report, content)
    if awarded:
        paragraphs.append(awarded)
    return Article(title_of(report, conference), lead_of(report, conference), paragraphs)


# -- exports -----------------------------------------------------------------------------------------


def article_text(article: Article) -> str:
    """Plain text: the title, the lead, then each paragraph, a blank line between them."""
    blocks = [article.title, article.lead, *article.paragraphs]
    return nfc_text("\n\n".join(b for b in blocks if b) + "\n")


ARTICLE_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
<article>
<h1>{title}</h1>
<p><strong>{lead}</strong></p>
{paragraphs}
</article>
</body>
</html>
"""


def article_html(article: Article) -> str:
    """A small HTML page ready to paste into a news site: the title, the lead in bold, the paragraphs."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    return nfc_text(
        ARTICLE_PAGE.format(
            title=html.escape(article.title), lead=html.escape(article.lead), paragraphs=paragraphs
        )
    )
