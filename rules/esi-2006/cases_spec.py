"""Case-record spec for ESI 2006 (Warwickshire follow-up): see rules/casegen.py.

One inspection: the 30-case follow-up sample (October 2006 fieldwork). The original 2005
scores (B1 49%, B3 50%, C2 30%, "adjusted, where appropriate") cannot be rebuilt from this
report: they need the 2005 case records with unpaid-work-only cases and interview evidence
removed, and the report does not say how. They are recorded in expected.json as
published-only context, not as cases.

Sources: ESI follow-up, Scoring summary sheet and sections B and C
(seeds/004_ecefc10c8709b887.txt); seeds-iaow-esi-crc.md §2.4-2.6 and TV1-TV6.
"""

from casegen import Inspection, assign, default, fitted, percent, published

SEED = 2006


def high(c):
    return c["rosh"] == "high"


ATTRIBUTES = [
    # [S] "3 cases assessed as high RoH to others" (B1-f). The other 27 are low or medium
    # (not published; seeded choice, no question reads the difference).
    assign("rosh", "high", 3),
    default("rosh", choices=("low", "medium")),
    # [S] 4 cases managed with MAPPA or child safeguarding procedures (B3-h), 2 of them
    # high RoH (C2-b). Which of the four were MAPPA and which child protection is not
    # published: two high-RoH MAPPA level 2 cases, one level 1 and one child-protection case
    # among the others [fitted].
    assign("mappa_level", "level_2", 2, where=high),
    assign("mappa_level", "level_1", 1, where=lambda c: not high(c)),
    default("mappa_level", "not_mappa"),
    assign("cp_procedures", True, 1, where=lambda c: not high(c)
           and c["mappa_level"] == "not_mappa"),
    default("cp_procedures", False),
    # [S] 4 cases with a significant incident requiring reassessment (B1-e).
    assign("significant_change", True, 4),
    default("significant_change", False),
    # B3-d, B3-e: subset denominators not published; 9 and 7 are the smallest that print
    # 44% and 57% [I] (see the questions).
    assign("other_workers", True, 9),
    default("other_workers", False),
    assign("diversity_needs", True, 7),
    default("diversity_needs", False),
    # [S] community sentences and post-release licences (unpaid-work-only orders excluded);
    # the split is not published, so it is a seeded choice (no ESI question reads it).
    default("case_type", choices=("community_order", "suspended_sentence_order", "licence")),
]

QUESTIONS = {
    "B1-a": percent(53, 30, "53% of the sample [S]; 16/30 [D]"),
    "B1-b": percent(73, 30, "73% 'content alone' [S]; 22/30 [D]; not in B1's formula"),
    "B1-c": fitted(29, 30, "published 98%, which no k/30 gives (source-inconsistent, TV5); "
                   "29/30 = 96.7% is the nearest realisable count; expected.json records "
                   "the mismatch"),
    "B1-d": percent(67, 30, "67% [S]; 20/30 [D]"),
    "B1-e": published(1, 4, "1 of 4 cases with a significant incident [S]"),
    "B1-f": published(2, 3, "2 of the 3 high-RoH cases [S]"),
    "B1-g": percent(83, 30, "83% [S]; 25/30 [D]"),
    "B3-a": percent(43, 30, "43% [S]; 13/30 [D]"),
    "B3-b": percent(63, 30, "63% 'content alone' [S]; 19/30 [D]; not in B3's formula"),
    "B3-c": percent(77, 30, "77% [S]; 23/30 [D]"),
    "B3-d": percent(44, 9, "44% 'of cases' [S]; not k/30, so a subset: cases with other "
                    "workers involved, 4/9 (the smallest denominator) [I]"),
    "B3-e": percent(57, 7, "57% of relevant cases [S]; n not published: 4/7 (the smallest "
                    "denominator) [I]"),
    "B3-f": percent(83, 30, "83% [S]; 25/30 [D]"),
    "B3-g": published(15, 30, "'only half' [S]; 15/30 [D]"),
    "B3-h": published(3, 4, "3 of the 4 MAPPA / child safeguarding cases [S]"),
    "C2-a": published(15, 30, "'half the cases in the sample' [S]; 15/30 [D]"),
    "C2-b": published(1, 2, "1 of the 2 high-RoH cases with MAPPA or CP plans [S]"),
}

INSPECTIONS = [
    Inspection(
        key="Warwickshire",
        cases=30,
        ref_prefix="WAR06",
        attributes=ATTRIBUTES,
        questions=QUESTIONS,
        inputs={"fieldwork_start": "2006-10-01"},
        note="Follow-up sample: 30 community sentences and licences commencing April 2006. "
             "Fieldwork October 2006 (the day is not published).",
    )
]
