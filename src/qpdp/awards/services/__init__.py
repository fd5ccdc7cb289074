"""Emulation and award services: the only writers of the area, each checked by the rules and audited.

By step of the flow: `campaigns` (launch, pledges, review), `nominations` (propose, council review),
`decisions` (decide, sign, present, revoke), `conferences` (the review conference); `eligibility` asks
the rules for a batch of recipients at once; `checks` holds what they share.
"""

from __future__ import annotations

from qpdp.awards.services.campaigns import (
    CAMPAIGN_FIELDS,
    PLEDGE_FIELDS,
    CampaignInput,
    launch_campaign,
    review_campaign,
    sign_pledge,
    update_campaign,
)
from qpdp.awards.services.conferences import (
    CONFERENCE_FIELDS,
    ConferenceInput,
    record_conference,
    update_conference,
)
from qpdp.awards.services.decisions import (
    AWARD_FIELDS,
    DECISION_FIELDS,
    AwardLine,
    DecisionInput,
    attach_decision_to_conference,
    decide_awards,
    present_awards,
    revoke_award,
    sign_decision,
)
from qpdp.awards.services.nominations import (
    NOMINATION_FIELDS,
    NominationInput,
    nominate,
    nominate_many,
    review_nomination,
    review_nominations,
)

__all__ = [
    "AWARD_FIELDS",
    "CAMPAIGN_FIELDS",
    "CONFERENCE_FIELDS",
    "DECISION_FIELDS",
    "NOMINATION_FIELDS",
    "PLEDGE_FIELDS",
    "AwardLine",
    "CampaignInput",
    "ConferenceInput",
    "DecisionInput",
    "NominationInput",
    "attach_decision_to_conference",
    "decide_awards",
    "launch_campaign",
    "nominate",
    "nominate_many",
    "present_awards",
    "record_conference",
    "review_campaign",
    "review_nomination",
    "review_nominations",
    "revoke_award",
    "sign_decision",
    "sign_pledge",
    "update_campaign",
    "update_conference",
]
