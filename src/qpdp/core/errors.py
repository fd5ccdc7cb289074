"""Domain errors: a refusal with a Vietnamese message naming the field (and, on import, the row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with the input: where it is and what is wrong, in Vietnamese."""

    field: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột “{self.column}”")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class DomainError(Exception):
    """A service refused: nothing was written. Carries one or more field problems."""

    def __init__(self, problems: FieldProblem | Iterable[FieldProblem] | str, *, field: str = "") -> None:
        if isinstance(problems, str):
            problems = [FieldProblem(field=field, message=problems)]
        elif isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems: list[FieldProblem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.field or "__all__", []).append(problem.message)
        return grouped
