"""Emulation and award rules (pure, cited): forms, who may award them in each era, conditions, duplicates.

Every function takes the date it judges by (the decision date) and applies the rules in force then: Luật
Thi đua, khen thưởng 2003 (amended 2005, 2013) until 31/12/2023, Luật Thi đua, khen thưởng 2022 from
01/01/2024 (Art. 80 on who awards what), and from 01/07/2025 the two-tier government without district
levels. `docs/law.md` ("Thi đua, khen thưởng") lists each rule with its source and marker.

By sub-topic: `law` (sources, eras, `Verdict`), `forms` (the catalogue, recipients), `issuers` (who signs,
their bodies and dates), `authority` (the dated authority table), `nominations` (checking a nomination).
"""

from __future__ import annotations

from qpdp.awards.rules.authority import (
    AUTHORITY_RULES,
    NO_RULE,
    NOT_COMPETENT,
    NOT_COMPETENT_BECAUSE,
    AuthorityRule,
    authority_rule,
    forms_for,
    may_award,
)
from qpdp.awards.rules.forms import (
    AWARD_COUNT_NEGATIVE,
    FORM_KIND_LABELS,
    FORMS,
    RECIPIENT_KIND_LABELS,
    RECIPIENT_NOT_ALLOWED,
    UNKNOWN_FORM,
    AwardForm,
    FormKind,
    RecipientKind,
    award_phrase,
    recipient_allowed,
)
from qpdp.awards.rules.issuers import (
    DISTRICT_COMMAND_GONE,
    DISTRICT_GONE,
    ISSUER_LABELS,
    ISSUERS,
    REGIONAL_NOT_YET,
    Issuer,
    IssuerProfile,
    issuer_in_force,
    issuer_level,
    issuing_body,
    signature_of,
)
from qpdp.awards.rules.law import (
    LAST_DISTRICT_DAY,
    LAW_2003_FROM,
    LAW_2022_FROM,
    REFORM_FROM,
    Verdict,
    law_in_force,
)
from qpdp.awards.rules.nominations import (
    ACHIEVEMENT_AFTER_DECISION,
    ALREADY_AWARDED,
    LADDER,
    PREREQUISITE_ONE_YEAR,
    PREREQUISITE_YEARS,
    PREREQUISITES,
    SAME_FORM_SAME_ACHIEVEMENT,
    TWO_FORMS_ONE_ACHIEVEMENT,
    NominationFacts,
    Prerequisite,
    PriorAward,
    check_nomination,
)

__all__ = [
    "ACHIEVEMENT_AFTER_DECISION",
    "ALREADY_AWARDED",
    "AUTHORITY_RULES",
    "AWARD_COUNT_NEGATIVE",
    "DISTRICT_COMMAND_GONE",
    "DISTRICT_GONE",
    "FORMS",
    "FORM_KIND_LABELS",
    "ISSUERS",
    "ISSUER_LABELS",
    "LADDER",
    "LAST_DISTRICT_DAY",
    "LAW_2003_FROM",
    "LAW_2022_FROM",
    "NOT_COMPETENT",
    "NOT_COMPETENT_BECAUSE",
    "NO_RULE",
    "PREREQUISITES",
    "PREREQUISITE_ONE_YEAR",
    "PREREQUISITE_YEARS",
    "RECIPIENT_KIND_LABELS",
    "RECIPIENT_NOT_ALLOWED",
    "REFORM_FROM",
    "REGIONAL_NOT_YET",
    "SAME_FORM_SAME_ACHIEVEMENT",
    "TWO_FORMS_ONE_ACHIEVEMENT",
    "UNKNOWN_FORM",
    "AuthorityRule",
    "AwardForm",
    "FormKind",
    "Issuer",
    "IssuerProfile",
    "NominationFacts",
    "Prerequisite",
    "PriorAward",
    "RecipientKind",
    "Verdict",
    "authority_rule",
    "award_phrase",
    "check_nomination",
    "forms_for",
    "issuer_in_force",
    "issuer_level",
    "issuing_body",
    "law_in_force",
    "may_award",
    "recipient_allowed",
    "signature_of",
]
