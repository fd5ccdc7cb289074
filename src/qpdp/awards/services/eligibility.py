"""The award rules asked for a batch of candidates at once: each recipient's history in one query, then
`rules.check_nomination` per candidate, plus the duplicates within the batch and in open nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from qpdp.awards import rules
from qpdp.awards.selectors import HistoryRow, award_history, open_nominations, same_line
from qpdp.awards.services.checks import problem, verdict_problem
from qpdp.core.errors import FieldProblem

OPEN_DUPLICATE = "{name} đã có đề nghị “{form}” kỳ {period} đang chờ xét, quyết định."
BATCH_DUPLICATE = "{name} được ghi hai lần cho “{form}” kỳ {period}."


@dataclass(frozen=True)
class Candidate:
    """One recipient and form to be checked (a nomination, or a line of a decision)."""

    key: str
    path: str
    name: str
    kind: rules.RecipientKind
    form_code: str
    period_code: str
    achievement_year: int
    row: int | None = None
    nomination_id: int | None = None


def _form_name(code: str) -> str:
    form = rules.FORMS.get(code)
    return form.name if form else code


def _label(candidate: Candidate) -> dict[str, str]:
    return {"name": candidate.name, "form": _form_name(candidate.form_code), "period": candidate.period_code}


def _same_recipient(a: Candidate, b: Candidate) -> bool:
    return a.key == b.key and (":n:" not in a.key or same_line(a.path, b.path))


def _prior(rows: Sequence[HistoryRow]) -> tuple[rules.PriorAward, ...]:
    return tuple(rules.PriorAward(row.form_code, row.year, row.period_code) for row in rows)


def batch_duplicates(candidates: Sequence[Candidate]) -> tuple[list[FieldProblem], set[int]]:
    """The same recipient, form and period written twice in one list: the later rows are refused (and
    their ids returned, so that the rules are not asked about them again)."""
    problems: list[FieldProblem] = []
    twice: set[int] = set()
    for index, candidate in enumerate(candidates):
        if any(
            _same_recipient(candidate, other)
            and (other.form_code, other.period_code) == (candidate.form_code, candidate.period_code)
            for other in candidates[:index]
        ):
            problems.append(problem("form_code", BATCH_DUPLICATE.format(**_label(candidate)), candidate.row))
            twice.add(id(candidate))
    return problems, twice


def candidate_problems(
    candidates: Sequence[Candidate],
    *,
    issuer: rules.Issuer,
    on: dt.date,
    together: bool,
    check_open: bool,
) -> list[FieldProblem]:
    """Every refusal of the rules for each candidate, judged on `on` by `issuer` (the batch holds no two
    alike: see `batch_duplicates`).

    `together`: the candidates are lines of one decision, given at once — each counts as a prior award
    of the others (an annual decision gives "Lao động tiên tiến" and "Chiến sĩ thi đua cơ sở" together).
    `check_open`: a candidate that repeats a nomination still waiting for an answer is refused
    (nominations, not decisions: a decision answers the open nominations it names).
    """
    wanted = [(c.key, c.path) for c in candidates]
    history = award_history(wanted)
    waiting = open_nominations(wanted) if check_open else {}
    problems: list[FieldProblem] = []
    for candidate in candidates:
        past = list(history.get((candidate.key, candidate.path), []))
        mates = [
            other
            for other in candidates
            if other is not candidate
            and _same_recipient(candidate, other)
            and (other.form_code, other.period_code) != (candidate.form_code, candidate.period_code)
        ]
        if together:
            past += [HistoryRow(m.key, m.path, m.form_code, m.achievement_year, m.period_code) for m in mates]
        same_achievement = {row.form_code for row in past if row.period_code == candidate.period_code} | {
            m.form_code for m in mates if m.period_code == candidate.period_code
        }
        pending = [
            row
            for row in waiting.get((candidate.key, candidate.path), [])
            if row.nomination_id != candidate.nomination_id
        ]
        if any(
            row.form_code == candidate.form_code and row.period_code == candidate.period_code
            for row in pending
        ):
            problems.append(problem("form_code", OPEN_DUPLICATE.format(**_label(candidate)), candidate.row))
            continue
        same_achievement |= {row.form_code for row in pending if row.period_code == candidate.period_code}
        same_achievement.discard(candidate.form_code)
        facts = rules.NominationFacts(
            issuer=issuer,
            form_code=candidate.form_code,
            recipient_kind=candidate.kind,
            decided_on=on,
            period_code=candidate.period_code,
            achievement_year=candidate.achievement_year,
            prior=_prior(past),
            same_achievement_forms=tuple(sorted(same_achievement)),
        )
        for verdict in rules.check_nomination(facts):
            found = verdict_problem("form_code", verdict, candidate.row)
            problems.append(problem("form_code", f"{candidate.name}: {found.message}", candidate.row))
    return problems
