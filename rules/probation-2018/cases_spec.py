"""Case-record spec for the 2018 standards (Cheshire and Greater Manchester CRC, 2019).

See rules/casegen.py. One inspection. The transcription of the report stops before Annex 1
(sample sizes) and Annex 2 (the key-question percentages), so NOTHING below the standard
ratings is published: the three sample sizes and every key-question count are FITTED, chosen
so that each standard's lowest key question falls in the [X] `kq_rating` band that gives its
published rating, and so that the ordering within a standard follows the report's own words
(e.g. 2.3: "a good focus on encouraging engagement and compliance ... but failed to give
adequate attention to work to support desistance and keep others safe"). These records test
that the [X] rules turn such data into the published ratings (ten ratings, 10 points,
Requires improvement); they are not evidence that the [X] rules are right.

Domain one (1.1-1.4) is rated by inspectors and comes from inputs.csv [S ratings].
"""

from casegen import Inspection, assign, blank, default, fitted

SEED = 2018

CASE_SUPERVISION, UNPAID_WORK, TTG = 100, 40, 40

ATTRIBUTES = [
    # Sample sizes: not in the transcription (Annex 1 truncated) [fitted: round numbers so
    # that counts read as percentages in the case-supervision sample].
    assign("sample", "case_supervision", CASE_SUPERVISION),
    assign("sample", "unpaid_work", UNPAID_WORK),
    assign("sample", "through_the_gate", TTG),
    # case_type and rosh are required by the shared schema but read by no 2018 question;
    # the composition is not published, so they are seeded choices consistent with the
    # sample (Through the Gate cases are in custody before release).
    assign("case_type", "custody", TTG, where=lambda c: c["sample"] == "through_the_gate"),
    assign("case_type", "licence", 25, where=lambda c: c["sample"] == "case_supervision"),
    default("case_type", choices=("community_order", "suspended_sentence_order")),
    default("rosh", choices=("low", "medium", "medium", "high")),
]


def kq(k, n, why):
    return fitted(k, n, "Annex 2 lost; " + why)


QUESTIONS = {
    # 2.1 Assessment: published Requires improvement -> lowest key question 50-64% [X].
    # "Assessments were recorded well but there was not enough analysis of offending
    # behaviour. Risk of harm to others was underestimated in too many cases" [S].
    "2.1.1": kq(74, CASE_SUPERVISION, "engagement: 'recorded well', above the lowest"),
    "2.1.2": kq(61, CASE_SUPERVISION, "desistance: 'not enough analysis'"),
    "2.1.3": kq(56, CASE_SUPERVISION, "keeping safe: RoH 'underestimated in too many cases'; "
                "lowest, 56% -> Requires improvement"),
    # 2.2 Planning: published Inadequate -> lowest below 50% [X]. "plans lacked important
    # detail, especially about how the CRC would keep people safe" [S].
    "2.2.1": kq(63, CASE_SUPERVISION, "engagement: 'variable'"),
    "2.2.2": kq(52, CASE_SUPERVISION, "desistance: 'lacked important detail'"),
    "2.2.3": kq(44, CASE_SUPERVISION, "keeping safe: 'especially' lacking; lowest, 44% -> "
                "Inadequate"),
    # 2.3 Implementation and delivery: published Inadequate. "a good focus on encouraging
    # engagement and compliance ... failed to give adequate attention to ... desistance and
    # keep others safe" [S].
    "2.3.1": kq(78, CASE_SUPERVISION, "engagement and compliance: 'a good focus'"),
    "2.3.2": kq(49, CASE_SUPERVISION, "desistance: 'failed to give adequate attention'"),
    "2.3.3": kq(42, CASE_SUPERVISION, "keeping safe: 'failed to give adequate attention'; "
                "lowest, 42% -> Inadequate"),
    # 2.4 Reviewing: published Requires improvement. "Most case reviews were less than
    # thorough; changes were not always recorded well nor led to adjustments" [S].
    "2.4.1": kq(62, CASE_SUPERVISION, "engagement"),
    "2.4.2": kq(57, CASE_SUPERVISION, "desistance"),
    "2.4.3": kq(53, CASE_SUPERVISION, "keeping safe; lowest, 53% -> Requires improvement"),
    # 4.1 Unpaid work: published Good -> lowest 65-79% [X]. "placements were used well to
    # encourage skills development but enforcement processes need strengthening" [S].
    "4.1.1": kq(34, UNPAID_WORK, "UPW individual needs: 85%"),
    "4.1.2": kq(33, UNPAID_WORK, "skills development 'used well': 83%"),
    "4.1.3": kq(27, UNPAID_WORK, "enforcement 'needs strengthening'; lowest, 68% -> Good"),
    # 4.2 Through the Gate: published Inadequate. "insufficient planning and resettlement
    # work to support desistance and keep people safe and too little coordination" [S].
    "4.2.1": kq(18, TTG, "resettlement planning for desistance 'insufficient': 45%"),
    "4.2.2": kq(16, TTG, "keeping people safe 'insufficient': 40%"),
    "4.2.3": kq(15, TTG, "coordination 'too little'; lowest, 38% -> Inadequate"),
    # 3.1 and 3.2 are NPS standards [S]: a CRC inspection has no court-work or victim-work
    # sample, and the standards do not apply to it (provider_type crc).
    "3.1.1": blank("NPS key question: no NPS sample in a CRC inspection"),
    "3.1.2": blank("NPS key question: no NPS sample in a CRC inspection"),
    "3.2.1": blank("NPS key question: no NPS sample in a CRC inspection"),
    "3.2.2": blank("NPS key question: no NPS sample in a CRC inspection"),
}

INSPECTIONS = [
    Inspection(
        key="Cheshire and Greater Manchester CRC",
        cases=CASE_SUPERVISION + UNPAID_WORK + TTG,
        ref_prefix="CGM18",
        attributes=ATTRIBUTES,
        questions=QUESTIONS,
        inputs={
            # [S] Summary of ratings resolved as in seeds-iaow-esi-crc.md §3.3 (TV7); the
            # fieldwork day is not published ("December 2018").
            "provider_type": "crc",  # [S] a CRC: standards 4.1 and 4.2 apply (L25)
            "fieldwork_start": "2018-12-01",
            "leadership_rating": "good",
            "staff_rating": "requires_improvement",
            "services_rating": "requires_improvement",
            "information_rating": "good",
        },
        note="Sample sizes and all key-question counts fitted (Annex 1 and 2 lost).",
    )
]
