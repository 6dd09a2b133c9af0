"""Agreement between the first and the second, independent coding of cells."""

from collections import Counter
from dataclasses import dataclass

from .choices import AssessmentStatus
from .models import Assessment, Jurisdiction, SecondCoding


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two coders' labels; None where it is undefined (no pairs, or chance agreement is 1)."""
    if not pairs:
        return None
    total = len(pairs)
    observed = sum(first == second for first, second in pairs) / total
    firsts, seconds = Counter(first for first, _ in pairs), Counter(second for _, second in pairs)
    expected = sum(firsts[label] * seconds[label] for label in firsts) / total**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


@dataclass
class Agreement:
    jurisdiction: Jurisdiction
    pairs: list[tuple[str, str]]

    @property
    def double_coded(self) -> int:
        return len(self.pairs)

    @property
    def agreed(self) -> int:
        return sum(first == second for first, second in self.pairs)

    @property
    def percent(self) -> float | None:
        return 100 * self.agreed / self.double_coded if self.pairs else None

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.pairs)

    @property
    def confusion(self) -> list[tuple[str, list[int]]]:
        """Rows: first coder's status; columns: second coder's, in the order provided, partial, absent."""
        counts = Counter(self.pairs)
        labels = AssessmentStatus.values
        return [(first, [counts[(first, second)] for second in labels]) for first in labels]


def first_and_second(on_date) -> dict[tuple[int, int], tuple[str, str]]:
    """(guarantee, jurisdiction) -> (first coding's status, second coding's status), for double-coded cells."""
    first = {
        (row["guarantee_id"], row["jurisdiction_id"]): row["status"]
        for row in Assessment.objects.current_on(on_date).values("guarantee_id", "jurisdiction_id", "status")
    }
    return {
        key: (first[key], status)
        for *key_parts, status in SecondCoding.objects.values_list("guarantee_id", "jurisdiction_id", "status")
        if (key := tuple(key_parts)) in first
    }


def agreement_by_jurisdiction(on_date) -> list[Agreement]:
    pairs = first_and_second(on_date)
    return [
        Agreement(jurisdiction, [pair for (_, code), pair in pairs.items() if code == jurisdiction.pk])
        for jurisdiction in Jurisdiction.objects.all()
    ]


def disagreements(on_date) -> set[tuple[int, int]]:
    """The double-coded cells whose two codings differ: to be reconciled."""
    return {key for key, (first, second) in first_and_second(on_date).items() if first != second}
