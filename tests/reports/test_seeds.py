"""The five seed articles as records: the figures the built areas hold come out of the records, and the
generated article and report state them; areas not built say "chưa có số liệu", never a number.

Each expected figure below is the seed article's own (shared/seeds/, figures.md); the fixtures
(tests/factories/seeds.py) make the records behind it through the services, and nothing here reads a
figure from fixture text: the conference texts hold none (checked), and a record changed changes the
figure said.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from qpdp.awards import selectors as award_selectors
from qpdp.awards import services as award_services
from qpdp.awards.rules import award_phrase
from qpdp.conscription import services as conscription_services
from qpdp.conscription.choices import CallUpStatus
from qpdp.conscription.models import CallUp
from qpdp.core import indicators
from qpdp.core.periods import parse_period
from qpdp.reports import article_services, documents
from qpdp.reports import services as report_services
from qpdp.reports.choices import REPORT_AREAS
from tests.factories import seeds
from tests.factories.seeds import Seed

pytestmark = pytest.mark.django_db

COMPLETION = "conscription.completion"
QUOTA = "conscription.quota"
ENLISTED = "conscription.enlisted"
COLLECTIVES = "awards.collectives"
INDIVIDUALS = "awards.individuals"
BY_DISTRICTS = "awards.issuer_district"
BY_PROVINCE = "awards.issuer_province"
CAMPAIGNS = "awards.campaigns_launched"
PLEDGES = "awards.pledges"
CONFERENCES = "awards.conferences"
DISTRICT_ISSUERS = ("district_chairman", "district_command")


@dataclass(frozen=True)
class Awarded:
    """What one issuing body gave at the conference, as the article says it."""

    body: str
    issuer: str
    collectives: int
    individuals: int


@dataclass(frozen=True)
class Expected:
    """The figures of a seed article that the built areas hold."""

    completion: Decimal | None  # enlisted ÷ quota, %; None: the article states no call-up figure
    awards: tuple[Awarded, ...] = ()
    campaign: tuple[str, dt.date, dt.date] | None = None  # name, first and last day
    pledges: int = 0

    def given(self, *, district: bool) -> tuple[int, int]:
        """(collectives, individuals) given by the district's own bodies, or by the province's."""
        chosen = [a for a in self.awards if (a.issuer in DISTRICT_ISSUERS) == district]
        return sum(a.collectives for a in chosen), sum(a.individuals for a in chosen)


EXPECTED: dict[str, Expected] = {
    # "huyện hoàn thành 100% chỉ tiêu giao quân"; "UBND huyện Duy Tiên đã khen thường 9 tập thể, 14 cá nhân"
    "duy_tien_2019": Expected(
        Decimal("100.0"), (Awarded("UBND huyện Duy Tiên", "district_chairman", 9, 14),)
    ),
    # "5 tập thể 5 cá nhân … được UBND huyện Kim Bảng tuyên dương khen thưởng"; no call-up figure
    "kim_bang_2015_2020": Expected(None, (Awarded("UBND huyện Kim Bảng", "district_chairman", 5, 5),)),
    # "hoàn thành 100% chỉ tiêu kế hoạch Thành phố giao về tuyển chọn và gọi công dân nhập ngũ năm 2024";
    # "đợt thi đua “90 ngày hành động kiểu mẫu” … từ ngày 01/7 đến ngày 30/9/2024"; pledges between the
    # clusters (the article shows the signing; two pairs of clusters is the fixture's choice)
    "ha_noi_h1_2024": Expected(
        Decimal("100.0"),
        campaign=("90 ngày hành động kiểu mẫu", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        pledges=2,
    ),
    # "tuyển quân đủ số lượng"; "trao Giấy khen cho 14 tập thể và 26 cá nhân" (party committee and
    # People's Committee: recorded as the People's Committee's, the only issuer of the two)
    "ngoc_lac_2023": Expected(
        Decimal("100.0"), (Awarded("UBND huyện Ngọc Lặc", "district_chairman", 14, 26),)
    ),
    # "tuyển quân đạt 100% chỉ tiêu kế hoạch giao"; "Bộ chỉ huy quân sự tỉnh khen thưởng cho 2 tập thể và
    # 6 cá nhân"; "UBND huyện đã tặng giấy khen cho 3 tập thể và 7 cá nhân"; "BCHQS huyện tặng danh hiệu
    # chiến sĩ tiên tiến cho 4 cá nhân"
    "binh_lieu_2021": Expected(
        Decimal("100.0"),
        (
            Awarded("Bộ CHQS tỉnh Quảng Ninh", "provincial_command", 2, 6),
            Awarded("UBND huyện Bình Liêu", "district_chairman", 3, 7),
            Awarded("BCHQS huyện Bình Liêu", "district_command", 0, 4),
        ),
    ),
}
# The areas the seeds speak of that are not built: the report says "chưa có số liệu" for each.
NOT_BUILT = ("education", "training", "militia", "reserve", "welfare")
AREA_LABELS = dict(REPORT_AREAS)


@pytest.fixture(params=list(seeds.SEEDS))
def seed_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def seed(seed_name: str) -> Seed:
    return seeds.SEEDS[seed_name]()


def article_of(seed: Seed) -> str:
    """The article drafted for the seed's district, period and conference, exported as plain text."""
    report = article_services.create_article(
        actor=seed.actor, unit=seed.district, period_code=seed.period_code, conference=seed.conference
    )
    return " ".join(documents.render_report(report, "txt").decode().split())


def report_text(seed: Seed) -> str:
    """The review report of the seed's district and period, exported as plain text."""
    report = report_services.create_report(actor=seed.actor, unit=seed.district, period_code=seed.period_code)
    return documents.render_report(report, "txt").decode()


def results_by_area(text: str) -> dict[str, str]:
    """Part II of the report ("Kết quả thực hiện các mặt công tác"): each area's text under its heading."""
    part = text[text.index("\nII. ") : text.index("\nIII. ")]
    labels = "|".join(re.escape(label) for _, label in REPORT_AREAS)
    pieces = re.split(rf"^\d+\. ({labels})$", part, flags=re.MULTILINE)
    return {label: body.strip() for label, body in zip(pieces[1::2], pieces[2::2], strict=True)}


def figure_rows(area_text: str) -> dict[str, str]:
    """{label: the period's figure} of an area's results table ("TT | Nội dung | Đơn vị tính | …")."""
    rows = re.findall(r"^\d+ \| (.+?) \| .*? \| (.+?) \|", area_text, flags=re.MULTILINE)
    return dict(rows)


GIVEN = r"(?:khen thưởng|tặng [^.;]+? cho)"  # "khen thưởng 2 tập thể", "tặng giấy khen cho 2 tập thể"


def label(code: str) -> str:
    indicator = indicators.get(code)
    assert indicator is not None, code
    return indicator.label


def said(count_phrase: str, body: str) -> re.Pattern[str]:
    """ "UBND huyện Duy Tiên (đã) khen thưởng 9 tập thể, 14 cá nhân" or "… đã tặng giấy khen cho 9 tập
    thể, 14 cá nhân", the counts ending there."""
    return re.compile(rf"{re.escape(body)} (?:đã )?{GIVEN} {re.escape(count_phrase)}(?![\d])")


# -- the records give the seed's figures ---------------------------------------------------------------


def test_the_records_give_the_seeds_figures(seed_name: str, seed: Seed) -> None:
    expected = EXPECTED[seed_name]
    period = parse_period(seed.period_code)
    district, province = seed.district.path, seed.province.path
    codes = [COMPLETION, QUOTA, ENLISTED, COLLECTIVES, INDIVIDUALS, BY_DISTRICTS, BY_PROVINCE]
    codes += [CAMPAIGNS, PLEDGES, CONFERENCES]

    values = indicators.values_for(codes, province, period, [province, district])
    summary = award_selectors.award_summary(seed.conference)
    recipients = {
        kind: sum(
            award_selectors.award_counts(district, period, recipient_kind=kind, by="recipient").values()
        )
        for kind in ("collective", "individual", "household")
    }
    campaigns = list(award_selectors.campaign_records(district, period))

    # the call-up: every quota filled, or no call-up at all
    assert values[COMPLETION][district] == expected.completion
    quota, enlisted = values[QUOTA][district], values[ENLISTED][district]
    if expected.completion is None:
        assert (quota, enlisted) == (0, 0)
    else:
        assert 0 < quota == enlisted
    # the awards presented at the conference, by issuing body and recipient kind
    assert [(s.issuing_body, s.issuer, s.collectives, s.individuals, s.households) for s in summary] == [
        (a.body, a.issuer, a.collectives, a.individuals, 0) for a in expected.awards
    ]
    # each award counts at the level that gave it: the district's bodies under the district
    local_collectives, local_individuals = expected.given(district=True)
    top_collectives, top_individuals = expected.given(district=False)
    assert (values[COLLECTIVES][district], values[INDIVIDUALS][district]) == (
        local_collectives,
        local_individuals,
    )
    assert values[BY_DISTRICTS][district] == local_collectives + local_individuals
    assert values[BY_PROVINCE][province] == top_collectives + top_individuals
    assert (values[COLLECTIVES][province], values[INDIVIDUALS][province]) == (
        local_collectives + top_collectives,
        local_individuals + top_individuals,
    )
    # … and every recipient is one of the district's collectives and people, whoever gave the award
    assert recipients == {
        "collective": local_collectives + top_collectives,
        "individual": local_individuals + top_individuals,
        "household": 0,
    }
    # the emulation campaign launched at the review, its pledges, and the conference itself
    assert [(c.name, c.starts_on, c.ends_on) for c in campaigns] == (
        [expected.campaign] if expected.campaign else []
    )
    assert values[CAMPAIGNS][district] == (1 if expected.campaign else 0)
    assert values[PLEDGES][district] == expected.pledges
    assert values[CONFERENCES][district] == 1


def test_the_conference_texts_hold_none_of_the_figures(seed: Seed) -> None:
    """The article quotes the conference: its texts must not be where a figure comes from."""
    conference = seed.conference
    texts = " ".join(
        [
            conference.title,
            conference.attendees,
            conference.presentations,
            conference.conclusions,
            conference.tasks,
        ]
    )

    assert "%" not in texts
    assert not re.search(r"\d+ (?:tập thể|cá nhân)", texts)


# -- the article states them -----------------------------------------------------------------------------


def test_the_article_states_the_seeds_figures(seed_name: str, seed: Seed) -> None:
    expected = EXPECTED[seed_name]

    text = article_of(seed)

    if expected.completion is None:
        assert "chỉ tiêu giao quân" not in text
        assert "%" not in text
    else:
        assert "hoàn thành 100% chỉ tiêu giao quân" in text
    for awarded in expected.awards:
        phrase = award_phrase(awarded.collectives, awarded.individuals)
        assert said(phrase, awarded.body).search(text), awarded
    if not expected.awards:
        assert not re.search(rf"{GIVEN} \d", text)


def test_the_article_states_the_h1_2024_campaign_and_its_pledges() -> None:
    seed = seeds.ha_noi_h1_2024()

    text = article_of(seed)

    assert "“90 ngày hành động kiểu mẫu”" in text
    assert "01/07" in text
    assert "30/09/2024" in text
    assert "giao ước thi đua" in text


def test_the_article_follows_the_records_when_an_award_is_revoked() -> None:
    seed = seeds.duy_tien_2019()
    collective = seed.decisions[0].awards.filter(recipient_kind="collective").first()
    assert collective is not None
    award_services.revoke_award(
        actor=seed.actor,
        award=collective,
        revoked_on=dt.date(2020, 3, 2),
        reason="Hồ sơ đề nghị khen thưởng không đúng sự thật",
    )

    text = article_of(seed)

    assert said("8 tập thể, 14 cá nhân", "UBND huyện Duy Tiên").search(text)
    assert "9 tập thể" not in text


def test_the_article_follows_the_records_when_a_recruit_is_returned() -> None:
    seed = seeds.duy_tien_2019()
    enlisted = CallUp.objects.filter(intake=seed.intake, status=CallUpStatus.ENLISTED).first()
    assert enlisted is not None
    conscription_services.record_outcome(
        actor=seed.actor,
        callup=enlisted,
        outcome=CallUpStatus.RETURNED,
        on=dt.date(2019, 3, 5),
        reason="Phúc tra sức khỏe không đủ tiêu chuẩn",
    )

    text = article_of(seed)

    assert "100%" not in text
    assert "hoàn thành 85,7% chỉ tiêu giao quân" in text


# -- the report states them ---------------------------------------------------------------------------


def test_the_report_states_the_seeds_figures_and_none_for_areas_not_built(seed_name: str, seed: Seed) -> None:
    """The district's report counts the awards of its own bodies (UBND and BCHQS huyện); a provincial
    body's awards count in the province's report, as every award counts at the level that gave it."""
    expected = EXPECTED[seed_name]
    collectives, individuals = expected.given(district=True)

    areas = results_by_area(report_text(seed))

    conscription = areas[AREA_LABELS["conscription"]]
    if expected.completion is None:
        assert conscription.startswith("Chưa có số liệu")
        assert not re.search(r"\d", conscription)
    else:
        assert "hoàn thành 100% chỉ tiêu giao quân" in conscription
        assert figure_rows(conscription)[label(COMPLETION)] == "100"
    awards = figure_rows(areas[AREA_LABELS["awards"]])
    assert awards.get(label(COLLECTIVES), "0") == str(collectives)
    assert awards.get(label(INDIVIDUALS), "0") == str(individuals)
    assert awards.get(label(BY_DISTRICTS), "0") == str(collectives + individuals)
    assert awards.get(label(CAMPAIGNS), "0") == str(1 if expected.campaign else 0)
    assert awards.get(label(PLEDGES), "0") == str(expected.pledges)
    assert awards[label(CONFERENCES)] == "1"
    for area in NOT_BUILT:
        said_there = areas[AREA_LABELS[area]]
        assert said_there.startswith("Chưa có số liệu"), area
        assert not re.search(r"\d", said_there), area


def test_the_five_seeds_live_side_by_side_each_with_its_own_figures(tree: object) -> None:
    """Two seeds share Hà Nam, and the small test tree is there too: each district keeps its figures."""
    built = {name: build() for name, build in seeds.SEEDS.items()}

    for name, seed in built.items():
        expected = EXPECTED[name]
        district = seed.district.path
        period = parse_period(seed.period_code)
        values = indicators.values_for([COMPLETION, COLLECTIVES, INDIVIDUALS], district, period, [district])
        assert values[COMPLETION][district] == expected.completion, name
        assert (values[COLLECTIVES][district], values[INDIVIDUALS][district]) == expected.given(district=True)
        summary = award_selectors.award_summary(seed.conference)
        assert [(s.collectives, s.individuals) for s in summary] == [
            (a.collectives, a.individuals) for a in expected.awards
        ], name


# -- the same through the command line ------------------------------------------------------------------


def command_user(seed: Seed, out: Path) -> list[str]:
    """Write to `out` as the seed's officer (who drafts the report when there is none yet)."""
    return ["--out", str(out), "--user", seed.actor.username]


def test_the_report_command_writes_the_seeds_article_from_its_records(tmp_path: Path) -> None:
    seed = seeds.binh_lieu_2021()
    out = tmp_path / "bai-viet.txt"

    call_command(
        "report", seed.district.code, *["--period", "2021", "--kind", "article"], *command_user(seed, out)
    )

    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "hoàn thành 100% chỉ tiêu giao quân" in text
    for awarded in EXPECTED["binh_lieu_2021"].awards:
        assert said(award_phrase(awarded.collectives, awarded.individuals), awarded.body).search(text)


def test_the_report_command_writes_a_phase_report_with_no_call_up_figure(tmp_path: Path) -> None:
    seed = seeds.kim_bang_2015_2020()
    out = tmp_path / "bao-cao.txt"

    call_command("report", seed.district.code, "--period", "2015-2020", *command_user(seed, out))

    areas = results_by_area(out.read_text(encoding="utf-8"))
    assert areas[AREA_LABELS["conscription"]].startswith("Chưa có số liệu")
    assert figure_rows(areas[AREA_LABELS["awards"]])[label(BY_DISTRICTS)] == str(
        sum(EXPECTED["kim_bang_2015_2020"].given(district=True))
    )
