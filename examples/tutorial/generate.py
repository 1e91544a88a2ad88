"""Make the tutorial's case records: synthetic, reproducible (fixed seed).

    python examples/tutorial/generate.py    # rewrites cases.csv and archive.csv here

`cases.csv` is one inspection (West Mercia, 40 cases) for `critc score` and `critc
explain`; `archive.csv` is six inspections, 30 cases each, for `critc diff`. Each area has
its own quality of work and each question its own difficulty. Answers use the scale's
codes and, in some cases, its aliases (`Yes`, `No`, `N/A`); a case a question does not
apply to is answered `na`, and in `cases.csv` an answer or two is left blank.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20081101
HERE = Path(__file__).resolve().parent
CASES = {"West Mercia": 0.70}
ARCHIVE = {"Cumbria": 0.78, "Dorset": 0.64, "Gwent": 0.72, "Norfolk": 0.58,
           "Teesside": 0.68, "West Mercia": 0.70}
ALIASES = {"sufficient": "Yes", "insufficient": "No", "na": "N/A"}

# question id → (difficulty, applies(case) or None)
QUESTIONS = {
    "1.2-01": (-0.10, None),
    "1.2-02": (-0.05, None),
    "1.2-03a": (0.05, lambda c: c["case_type"] == "community"),
    "1.2-12": (0.00, lambda c: c["rosh"] in ("medium", "high", "very_high")),
    "1.2-13": (0.12, lambda c: c["1.2-12"] == "sufficient"),
    "1.2-18": (0.15, lambda c: c["rosh"] in ("high", "very_high")),
    "1.2s": (0.05, None),
    "2.2-01": (0.02, None),
    "2.2-15": (0.08, lambda c: c["mappa"] == "true"),
    "2.2-17": (0.10, None),
}


def make_case(rng: random.Random, area: str, number: int) -> dict:
    rosh = rng.choices(["low", "medium", "high", "very_high"], [3, 5, 2, 0.5])[0]
    mappa = rosh in ("high", "very_high") or rng.random() < 0.1
    return {
        "case_ref": f"{area.replace(' ', '')[:4].upper()}-{number:03d}",
        "area": area,
        "case_type": rng.choices(["community", "licence", "custody"], [6, 4, 1])[0],
        "rosh": rosh,
        "mappa": "true" if mappa else "false",
    }


def answer(rng: random.Random, codes: dict, quality: float, difficulty: float, applies,
           blanks: float) -> str:
    """The answer code (`""` for a blank) of one question in one case."""
    if applies is not None and not applies(codes):
        return "na"
    draw = rng.random()
    if draw < blanks:
        return ""  # not recorded
    if draw < 0.03:
        return "na"  # answered not applicable
    above = rng.random() < min(max(quality - difficulty, 0.05), 0.98)
    return "sufficient" if above else "insufficient"


def cases(rng: random.Random, areas: dict[str, float], per_area: int, blanks: float
          ) -> list[dict]:
    """Each case's fields and answers, some answers spelled with the scale's aliases."""
    rows = []
    for area, quality in areas.items():
        for number in range(1, per_area + 1):
            case = make_case(rng, area, number)
            codes = dict(case)
            for qid, (difficulty, applies) in QUESTIONS.items():
                codes[qid] = answer(rng, codes, quality, difficulty, applies, blanks)
                aliased = rng.random() < 0.3 and codes[qid] != ""
                case[qid] = ALIASES[codes[qid]] if aliased else codes[qid]
            rows.append(case)
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    write(HERE / "cases.csv", cases(rng, CASES, 40, blanks=0.005))
    write(HERE / "archive.csv", cases(rng, ARCHIVE, 30, blanks=0.0))


if __name__ == "__main__":
    main()
