"""Who signs award decisions: the issuers, their level, the body named in a sentence, their signature
block, and the dates they exist (district levels until 30/06/2025, regional commands from 01/07/2025)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from qpdp.awards.rules import law
from qpdp.awards.rules.law import Verdict
from qpdp.org.rules import TWO_TIER_SOURCE, in_sentence


class Issuer(StrEnum):
    COMMUNE_CHAIRMAN = "commune_chairman"
    DISTRICT_CHAIRMAN = "district_chairman"
    PROVINCE_CHAIRMAN = "province_chairman"
    PROVINCIAL_COMMAND = "provincial_command"
    DISTRICT_COMMAND = "district_command"
    REGIONAL_COMMAND = "regional_command"
    MILITARY_REGION = "military_region"


ISSUER_LABELS: dict[Issuer, str] = {
    Issuer.COMMUNE_CHAIRMAN: "Chủ tịch UBND xã",
    Issuer.DISTRICT_CHAIRMAN: "Chủ tịch UBND huyện",
    Issuer.PROVINCE_CHAIRMAN: "Chủ tịch UBND tỉnh",
    Issuer.PROVINCIAL_COMMAND: "Chỉ huy trưởng Bộ CHQS tỉnh",
    Issuer.DISTRICT_COMMAND: "Chỉ huy trưởng Ban CHQS huyện",
    Issuer.REGIONAL_COMMAND: "Chỉ huy trưởng Ban CHPTKV",
    Issuer.MILITARY_REGION: "Tư lệnh Quân khu",
}

# QĐ 2786/QĐ-BQP (14/06/2025) dissolved the district military commands and set up the regional defence
# commands under the provincial commands [C, S41]; both changes take effect with the two-tier
# government on 01/07/2025 in this system.
MILITARY_REORGANISATION = "Quyết định 2786/QĐ-BQP ngày 14/06/2025"

DISTRICT_GONE = (
    "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp, {source}): "
    "{issuer} không còn thẩm quyền khen thưởng vào ngày {day}."
)
DISTRICT_COMMAND_GONE = (
    "Ban CHQS huyện đã giải thể ({source}; từ ngày 01/07/2025 không còn cấp huyện): "
    "{issuer} không còn thẩm quyền khen thưởng vào ngày {day}."
)
REGIONAL_NOT_YET = "Ban CHPTKV chỉ có từ ngày 01/07/2025 ({source}): không có {issuer} vào ngày {day}."


@dataclass(frozen=True)
class IssuerProfile:
    """The data of one issuer: level for indicators, how a sentence names its body, its signature block
    and its existence in time."""

    level: str  # "xã" | "huyện" | "tỉnh" | "quân khu"
    body: str  # short name of the body, before the place: "UBND", "Bộ CHQS", "BCHQS" …
    long_bodies: tuple[str, ...]  # spellings of the body a caller may already have put in the name
    division: str  # the division word used when the name has none
    signature: tuple[str, str]  # (the "TM." line, the title line)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    out_of_force: str = ""  # message template when the date is outside [valid_from, valid_to]


_PEOPLES_COMMITTEE = ("Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND")
# ND 30/2020/NĐ-CP Annex I: "TM." for a decision on behalf of the People's Committee [C, S44]; whether a
# chairman's award (his own power under Art. 80) is signed without "TM." is [?] (docs/law.md).
_CHAIRMAN_SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")

ISSUERS: dict[Issuer, IssuerProfile] = {
    Issuer.COMMUNE_CHAIRMAN: IssuerProfile("xã", "UBND", _PEOPLES_COMMITTEE, "xã", _CHAIRMAN_SIGNATURE),
    Issuer.DISTRICT_CHAIRMAN: IssuerProfile(
        "huyện",
        "UBND",
        _PEOPLES_COMMITTEE,
        "huyện",
        _CHAIRMAN_SIGNATURE,
        valid_to=law.LAST_DISTRICT_DAY,
        source=TWO_TIER_SOURCE,
        out_of_force=DISTRICT_GONE,
    ),
    Issuer.PROVINCE_CHAIRMAN: IssuerProfile("tỉnh", "UBND", _PEOPLES_COMMITTEE, "tỉnh", _CHAIRMAN_SIGNATURE),
    Issuer.PROVINCIAL_COMMAND: IssuerProfile(
        "tỉnh", "Bộ CHQS", ("Bộ Chỉ huy quân sự", "Bộ CHQS"), "tỉnh", ("", "CHỈ HUY TRƯỞNG")
    ),
    Issuer.DISTRICT_COMMAND: IssuerProfile(
        "huyện",
        "BCHQS",
        ("Ban Chỉ huy quân sự", "Ban CHQS", "BCHQS"),
        "huyện",
        ("", "CHỈ HUY TRƯỞNG"),
        valid_to=law.LAST_DISTRICT_DAY,
        source=MILITARY_REORGANISATION,
        out_of_force=DISTRICT_COMMAND_GONE,
    ),
    # A regional defence command is an arm of the provincial command, not a tier of government
    # (domain.md §0): its awards count at the provincial level.
    Issuer.REGIONAL_COMMAND: IssuerProfile(
        "tỉnh",
        "Ban CHPTKV",
        ("Ban Chỉ huy phòng thủ khu vực", "Ban CHPTKV"),
        "",
        ("", "CHỈ HUY TRƯỞNG"),
        valid_from=law.REFORM_FROM,
        source=MILITARY_REORGANISATION,
        out_of_force=REGIONAL_NOT_YET,
    ),
    Issuer.MILITARY_REGION: IssuerProfile(
        "quân khu", "Bộ Tư lệnh", ("Bộ Tư lệnh",), "Quân khu", ("", "TƯ LỆNH")
    ),
}


def issuer_level(issuer: Issuer) -> str:
    """ "xã" | "huyện" | "tỉnh" | "quân khu": the level an award counts at in the indicators."""
    return ISSUERS[issuer].level


def signature_of(issuer: Issuer, on: dt.date) -> tuple[str, str]:
    """(the "TM." line, the title line) of the signature block, e.g. ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
    a command signs ("", "CHỈ HUY TRƯỞNG"). The same in every era so far; `on` keeps the question dated."""
    del on  # no change of signature blocks is known between 2004 and 2026
    return ISSUERS[issuer].signature


def issuer_in_force(issuer: Issuer, on: dt.date) -> Verdict:
    """Whether the issuer exists on `on`: district chairmen and district commands until 30/06/2025, regional
    defence commands from 01/07/2025 (Luật 72/2025/QH15, NQ 202/2025/QH15; QĐ 2786/QĐ-BQP)."""
    profile = ISSUERS[issuer]
    before = profile.valid_from is not None and on < profile.valid_from
    after = profile.valid_to is not None and on > profile.valid_to
    if before or after:
        message = profile.out_of_force.format(
            source=profile.source, issuer=ISSUER_LABELS[issuer], day=law.date_text(on)
        )
        return law.refused(message, profile.source)
    return law.allowed(profile.source or law.law_in_force(on))


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> tuple[str, bool]:
    folded = text.casefold()
    for prefix in prefixes:
        if folded.startswith(prefix.casefold() + " "):
            return text[len(prefix) + 1 :].strip(), True
    return text, False


def issuing_body(issuer: Issuer, unit_name: str) -> str:
    """The body named in a sentence: "UBND xã An Bình", "UBND huyện Bình Liêu", "Bộ CHQS tỉnh Quảng Ninh",
    "BCHQS huyện Bình Liêu", "Ban CHPTKV 1 – An Bình", "Bộ Tư lệnh Quân khu 3". `unit_name` is the unit's
    (or the command's) name, with or without its division word or body."""
    profile = ISSUERS[issuer]
    name = " ".join(unit_name.split())
    name, _ = _strip_prefix(name, profile.long_bodies)
    if issuer is Issuer.MILITARY_REGION:
        name, _ = _strip_prefix(name, ("Quân khu",))
        return f"{profile.body} Quân khu {name}".strip()
    return f"{profile.body} {in_sentence(name, profile.division)}".strip()
