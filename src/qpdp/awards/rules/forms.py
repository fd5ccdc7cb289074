"""The catalogue of emulation titles and award forms: who may receive each, and the article behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from qpdp.awards.rules import law
from qpdp.awards.rules.law import Verdict
from qpdp.core.text import format_number


class RecipientKind(StrEnum):
    """Law 2022 Art. 2: individuals, collectives and households [V, S39b]."""

    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"
    HOUSEHOLD = "household"


RECIPIENT_KIND_LABELS: dict[RecipientKind, str] = {
    RecipientKind.COLLECTIVE: "tập thể",
    RecipientKind.INDIVIDUAL: "cá nhân",
    RecipientKind.HOUSEHOLD: "hộ gia đình",
}


class FormKind(StrEnum):
    """Law 2022 Art. 3: an emulation title (danh hiệu thi đua) or an award form (hình thức khen thưởng)."""

    TITLE = "title"
    AWARD = "award"


FORM_KIND_LABELS: dict[FormKind, str] = {
    FormKind.TITLE: "danh hiệu thi đua",
    FormKind.AWARD: "hình thức khen thưởng",
}


@dataclass(frozen=True)
class AwardForm:
    """One title or award form. `article` cites the 2022 law (the article that sets its standard where it
    was found, else the one that names it); `article_before_2024` the old law or circular."""

    code: str
    name: str
    kind: FormKind
    recipient_kinds: frozenset[RecipientKind]
    article: str
    # A title given for a year (LĐTT, CSTĐCS …): the period is the year of the achievement.
    yearly: bool
    article_before_2024: str = ""
    # How a sentence names it after "tặng": 'danh hiệu “Lao động tiên tiến”', "giấy khen".
    phrase: str = ""

    @property
    def quoted(self) -> str:
        """The phrase with a capital first letter, to open a sentence."""
        return self.phrase[:1].upper() + self.phrase[1:]

    def article_on(self, on: dt.date) -> str:
        """The citation of the era of a decision dated `on`: the 2022 law from 01/01/2024, the old text
        before (when one is known)."""
        if on >= law.LAW_2022_FROM or not self.article_before_2024:
            return self.article
        return self.article_before_2024


COLLECTIVE, INDIVIDUAL, HOUSEHOLD = (
    RecipientKind.COLLECTIVE,
    RecipientKind.INDIVIDUAL,
    RecipientKind.HOUSEHOLD,
)
ANYONE = frozenset(RecipientKind)


def _title(
    code: str,
    name: str,
    kinds: frozenset[RecipientKind],
    article: str,
    *,
    yearly: bool,
    article_before_2024: str,
) -> AwardForm:
    """A title named in sentences as 'danh hiệu “<name>”'."""
    return AwardForm(
        code, name, FormKind.TITLE, kinds, article, yearly, article_before_2024, f"danh hiệu “{name}”"
    )


# The catalogue, in the order pickers show it. Markers as in domain.md; docs/law.md repeats them.
FORMS: dict[str, AwardForm] = {
    form.code: form
    for form in (
        # Giấy khen: named in Art. 80(1)-(4) (chairmen of district and commune PCs, heads of units)
        # [V, S39a]; given to collectives, individuals and households (a district chairman's giấy khen
        # to 153 households, Phong Thổ 2024) [C]. The article on its standard was not read [?].
        AwardForm(
            "giay_khen",
            "Giấy khen",
            FormKind.AWARD,
            ANYONE,
            law.ART_80,
            yearly=False,
            article_before_2024=law.LAW_2003,
            phrase="giấy khen",
        ),
        # Bằng khen of the provincial chairman (collectives, individuals, households: Bắc Giang 2020) or of
        # the military-region commander [C, S46, S54]; its article in the 2022 law was not read [?].
        AwardForm(
            "bang_khen",
            "Bằng khen",
            FormKind.AWARD,
            ANYONE,
            law.LAW_2022,
            yearly=False,
            article_before_2024=law.LAW_2003,
            phrase="bằng khen",
        ),
        # Cờ thi đua of the province: a collective title of the 2022 law [C; article number not read ?].
        AwardForm(
            "co_thi_dua",
            "Cờ thi đua của UBND tỉnh",
            FormKind.TITLE,
            frozenset({COLLECTIVE}),
            law.LAW_2022,
            yearly=True,
            article_before_2024=law.LAW_2003,
            phrase="Cờ thi đua của UBND tỉnh",
        ),
        # LĐTT: officials, public employees and workers; "hoàn thành tốt nhiệm vụ trở lên" [C, Art. 24(1)].
        _title(
            "lao_dong_tien_tien",
            "Lao động tiên tiến",
            frozenset({INDIVIDUAL}),
            law.ART_24_1_2022,
            yearly=True,
            article_before_2024=law.LAW_2003,
        ),
        # CSTT: soldiers, defence workers, standing and mobile militia, police [C, Art. 24]; before, the
        # army circular [C, qpvn.vn quoting TT 151/2018 Art. 12].
        _title(
            "chien_si_tien_tien",
            "Chiến sĩ tiên tiến",
            frozenset({INDIVIDUAL}),
            law.ART_24_2022,
            yearly=True,
            article_before_2024=law.TT_151_2018_ART_12,
        ),
        # CSTĐCS: the LĐTT/CSTT standard, plus excellent performance or a recognised initiative [C, Art. 23];
        # before 2024 an initiative was required [C, old Art. 23; ND 91/2017 Art. 9(3)].
        _title(
            "chien_si_thi_dua_co_so",
            "Chiến sĩ thi đua cơ sở",
            frozenset({INDIVIDUAL}),
            law.ART_23_2022,
            yearly=True,
            article_before_2024=f"{law.ART_23_2003}; {law.ND_91_2017_ART_9_3}",
        ),
        # CSTĐ of the province: chosen among those with CSTĐCS three times in a row, with an initiative of
        # provincial reach [C, baoyenbai.com.vn on the 2022 law; old Art. 22 quoted by toaan.gov.vn].
        _title(
            "chien_si_thi_dua_cap_tinh",
            "Chiến sĩ thi đua cấp tỉnh",
            frozenset({INDIVIDUAL}),
            law.LAW_2022,
            yearly=False,
            article_before_2024=law.ART_22_2003,
        ),
        # TTLĐTT: named in Art. 80(1), (2), (4), (5) [V]; standard: > 50 % of members LĐTT [C, old Art. 28].
        _title(
            "tap_the_lao_dong_tien_tien",
            "Tập thể lao động tiên tiến",
            frozenset({COLLECTIVE}),
            law.ART_80,
            yearly=True,
            article_before_2024=law.ART_28_2003,
        ),
        # TTLĐXS: excellent performance, 100 % members complete their tasks, ≥ 70 % LĐTT, one CSTĐCS
        # [C, Thừa Thiên Huế justice department quoting the 2022 law; article number not read ?].
        _title(
            "tap_the_lao_dong_xuat_sac",
            "Tập thể lao động xuất sắc",
            frozenset({COLLECTIVE}),
            law.LAW_2022,
            yearly=True,
            article_before_2024=law.LAW_2003,
        ),
        # Đơn vị tiên tiến: the armed forces' TTLĐTT, named in Art. 80(5) [V]; old Art. 28(2) [C].
        _title(
            "don_vi_tien_tien",
            "Đơn vị tiên tiến",
            frozenset({COLLECTIVE}),
            law.ART_80_5,
            yearly=True,
            article_before_2024=law.ART_28_2_2003,
        ),
        # Đơn vị quyết thắng: the armed forces' TTLĐXS [C, same source as TTLĐXS]; militia: TT 57/2020
        # Art. 10 [C].
        _title(
            "don_vi_quyet_thang",
            "Đơn vị quyết thắng",
            frozenset({COLLECTIVE}),
            law.LAW_2022,
            yearly=True,
            article_before_2024=law.TT_57_2020_ART_10,
        ),
        # Gia đình văn hóa: households; Art. 80(3) [V]; standards ND 86/2023 (from 30/01/2024), before
        # ND 122/2018 [C]. Recognised year by year [C, MoCST answer of 24/11/2023].
        _title(
            "gia_dinh_van_hoa",
            "Gia đình văn hóa",
            frozenset({HOUSEHOLD}),
            f"{law.ART_80_3}; {law.ND_86_2023}",
            yearly=True,
            article_before_2024=law.ND_122_2018,
        ),
        # Thôn, tổ dân phố văn hóa: a village or residential group (a collective); Art. 80(2) [V];
        # standards ND 86/2023 [C]; "thôn văn hóa năm 2024" (Móng Cái) [C]; period per year [?].
        _title(
            "thon_van_hoa",
            "Thôn, tổ dân phố văn hóa",
            frozenset({COLLECTIVE}),
            f"{law.ART_80_2}; {law.ND_86_2023}",
            yearly=True,
            article_before_2024=law.ND_122_2018,
        ),
        # The army's emulation flag of the "Thi đua Quyết thắng" movement (e.g. to Ban CHPTKV 5 – Điện Bàn,
        # 24/06/2025) [C, S54]; who awards it and its article [?].
        AwardForm(
            "co_thi_dua_quyet_thang",
            "Cờ thi đua Quyết thắng",
            FormKind.TITLE,
            frozenset({COLLECTIVE}),
            law.ARMY_CIRCULARS_2003,
            yearly=True,
            article_before_2024=law.ARMY_CIRCULARS_2003,
            phrase="Cờ thi đua Quyết thắng",
        ),
    )
}

UNKNOWN_FORM = "Không có hình thức khen thưởng, danh hiệu thi đua mã “{code}”."
RECIPIENT_NOT_ALLOWED = "{form} chỉ tặng cho {allowed}, không tặng cho {kind} ({article})."


def form_of(code: str) -> AwardForm | None:
    return FORMS.get(code)


def kinds_text(kinds: frozenset[RecipientKind]) -> str:
    """ "cá nhân", "tập thể hoặc cá nhân" … in the order of RecipientKind."""
    return " hoặc ".join(RECIPIENT_KIND_LABELS[kind] for kind in RecipientKind if kind in kinds)


def recipient_allowed(form_code: str, kind: RecipientKind) -> Verdict:
    """Whether `form_code` may be given to a recipient of `kind` (the form's article: e.g. Law 2022 Art.
    24(1): "Lao động tiên tiến" to individuals only)."""
    form = form_of(form_code)
    if form is None:
        return law.refused(UNKNOWN_FORM.format(code=form_code), "")
    if kind in form.recipient_kinds:
        return law.allowed(form.article)
    message = RECIPIENT_NOT_ALLOWED.format(
        form=form.quoted,
        allowed=kinds_text(form.recipient_kinds),
        kind=RECIPIENT_KIND_LABELS[kind],
        article=form.article,
    )
    return law.refused(message, form.article)


AWARD_COUNT_NEGATIVE = "Số tập thể, cá nhân, hộ gia đình được khen thưởng không được âm."


def award_phrase(collectives: int, individuals: int, households: int = 0) -> str:
    """ "2 tập thể, 3 cá nhân", "1 hộ gia đình" (zero parts left out, "" when all are zero): the figure
    the seeds headline ("UBND huyện khen thưởng 9 tập thể, 14 cá nhân")."""
    counts = ((collectives, COLLECTIVE), (individuals, INDIVIDUAL), (households, HOUSEHOLD))
    if any(count < 0 for count, _ in counts):
        raise ValueError(AWARD_COUNT_NEGATIVE)
    return ", ".join(
        f"{format_number(count)} {RECIPIENT_KIND_LABELS[kind]}" for count, kind in counts if count
    )
