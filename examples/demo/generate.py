"""Make the demonstration case archive: synthetic, reproducible (fixed seed).

    python examples/demo/generate.py        # rewrites cases.csv and inputs.csv here

Six probation areas, 60 cases each. Each area has its own quality of work; each question
its own difficulty. A question that does not apply to a case is answered `na`.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20240401
HERE = Path(__file__).resolve().parent
AREAS = {"Ashford": 0.82, "Brampton": 0.74, "Castleton": 0.66, "Dunmore": 0.58,
         "Eastleigh": 0.77, "Fairhaven": 0.70}
CASES_PER_AREA = 60
GRADES = ["well_met", "satisfactorily_met", "partly_met", "not_met"]

# question id → (difficulty, applies(case) or None)
QUESTIONS = {
    "1.1a": (-0.10, lambda c: c["psr"] == "true"),
    "1.1b": (0.05, lambda c: c["psr"] == "true"),
    "1.1c": (0.00, lambda c: c["psr"] == "true"),
    "1.1s": (0.02, lambda c: c["psr"] == "true"),
    "1.2a": (-0.12, None),
    "1.2b": (0.08, lambda c: c["rosh"] in ("medium", "high", "very_high")),
    "1.2c": (0.15, lambda c: c["rosh"] in ("medium", "high", "very_high")),
    "1.2d": (0.10, lambda c: c["child_protection"] == "true"),
    "1.2s": (0.06, None),
    "1.3a": (-0.05, None),
    "1.3b": (0.00, None),
    "1.3s": (0.02, None),
    "2.1a": (0.04, None),
    "2.1b": (-0.10, None),
    "2.1c": (0.08, None),
    "2.1s": (0.03, None),
    "2.2a": (0.10, None),
    "2.2b": (0.00, lambda c: c["mappa_level"] in ("level_2", "level_3")),
    "2.2c": (0.12, lambda c: c["rosh"] in ("high", "very_high") or c["child_protection"] == "true"),
    "2.2s": (0.07, None),
    "3a": (-0.08, None),
    "3b": (0.15, None),
    "3c": (0.05, lambda c: c["case_type"] != "custody"),
}


def make_case(rng: random.Random, area: str, number: int) -> dict:
    case_type = rng.choices(["community", "licence", "custody"], [6, 4, 1])[0]
    rosh = rng.choices(["low", "medium", "high", "very_high"], [3, 5, 2, 0.4])[0]
    mappa = "none"
    if rosh in ("high", "very_high") or rng.random() < 0.1:
        mappa = rng.choices(["level_1", "level_2", "level_3"], [6, 3, 1])[0]
    return {
        "case_ref": f"{area[:3].upper()}-{number:03d}",
        "area": area,
        "case_type": case_type,
        "rosh": rosh,
        "mappa_level": mappa,
        "child_protection": "true" if rng.random() < 0.3 else "false",
        "psr": "true" if rng.random() < 0.65 else "false",
    }


def main() -> None:
    rng = random.Random(SEED)
    rows = []
    for area, quality in AREAS.items():
        for number in range(1, CASES_PER_AREA + 1):
            case = make_case(rng, area, number)
            for qid, (difficulty, applies) in QUESTIONS.items():
                if applies is not None and not applies(case):
                    case[qid] = "na"
                    continue
                p = min(max(quality - difficulty, 0.05), 0.98)
                draw = rng.random()
                case[qid] = "sufficient" if draw < p else \
                    ("not_done" if draw > 0.97 else "insufficient")
            rows.append(case)
    with open(HERE / "cases.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with open(HERE / "inputs.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", "leadership"])
        for area in AREAS:
            writer.writerow([area, rng.choice(GRADES[:3])])


if __name__ == "__main__":
    main()
