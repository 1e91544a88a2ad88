window.critcSearchIndex = [
{
"id": "1",
"kind": "section",
"text": "",
"title": "Assessment and sentence planning",
"url": "figure-1.html#1"
},
{
"id": "1.1",
"kind": "criterion",
"text": "",
"title": "Preparing for sentence",
"url": "figure-1.html#1.1"
},
{
"id": "1.1a",
"kind": "question",
"text": "",
"title": "Was the report of the appropriate type?",
"url": "figure-1.html#1.1a"
},
{
"id": "1.1b",
"kind": "question",
"text": "roh",
"title": "Did the report analyse the risk of harm accurately?",
"url": "figure-1.html#1.1b"
},
{
"id": "1.1c",
"kind": "question",
"text": "lor",
"title": "Did the report analyse the likelihood of reoffending?",
"url": "figure-1.html#1.1c"
},
{
"id": "1.1s",
"kind": "question",
"text": "",
"title": "Overall, was the report of sufficient quality?",
"url": "figure-1.html#1.1s"
},
{
"id": "1.2",
"kind": "criterion",
"text": "",
"title": "Assessment of risk of harm",
"url": "figure-1.html#1.2"
},
{
"id": "1.2a",
"kind": "question",
"text": "roh",
"title": "Was the risk of harm screening completed on time?",
"url": "figure-1.html#1.2a"
},
{
"id": "1.2b",
"kind": "question",
"text": "roh",
"title": "Was a full analysis completed where required?",
"url": "figure-1.html#1.2b"
},
{
"id": "1.2c",
"kind": "question",
"text": "roh",
"title": "Was the risk management plan of sufficient quality?",
"url": "figure-1.html#1.2c"
},
{
"id": "1.2d",
"kind": "question",
"text": "roh",
"title": "Were child protection concerns assessed?",
"url": "figure-1.html#1.2d"
},
{
"id": "1.2s",
"kind": "question",
"text": "roh",
"title": "Overall, was risk of harm assessed well enough?",
"url": "figure-1.html#1.2s"
},
{
"id": "1.3",
"kind": "criterion",
"text": "",
"title": "Assessment of likelihood of reoffending",
"url": "figure-1.html#1.3"
},
{
"id": "1.3a",
"kind": "question",
"text": "lor",
"title": "Was the likelihood of reoffending assessed on time?",
"url": "figure-1.html#1.3a"
},
{
"id": "1.3b",
"kind": "question",
"text": "lor",
"title": "Were offending-related factors identified?",
"url": "figure-1.html#1.3b"
},
{
"id": "1.3s",
"kind": "question",
"text": "lor",
"title": "Overall, was the assessment sufficient?",
"url": "figure-1.html#1.3s"
},
{
"id": "2",
"kind": "section",
"text": "",
"title": "Implementation of interventions",
"url": "figure-2.html#2"
},
{
"id": "2.1",
"kind": "criterion",
"text": "",
"title": "Delivering the sentence plan",
"url": "figure-2.html#2.1"
},
{
"id": "2.1a",
"kind": "question",
"text": "lor",
"title": "Were interventions delivered as planned?",
"url": "figure-2.html#2.1a"
},
{
"id": "2.1b",
"kind": "question",
"text": "compliance",
"title": "Was contact frequent enough?",
"url": "figure-2.html#2.1b"
},
{
"id": "2.1c",
"kind": "question",
"text": "compliance",
"title": "Was enforcement action taken when required?",
"url": "figure-2.html#2.1c"
},
{
"id": "2.1s",
"kind": "question",
"text": "",
"title": "Overall, was the sentence plan delivered?",
"url": "figure-2.html#2.1s"
},
{
"id": "2.2",
"kind": "criterion",
"text": "",
"title": "Protecting the public",
"url": "figure-2.html#2.2"
},
{
"id": "2.2a",
"kind": "question",
"text": "roh",
"title": "Were changes in risk of harm acted on?",
"url": "figure-2.html#2.2a"
},
{
"id": "2.2b",
"kind": "question",
"text": "roh",
"title": "Was MAPPA used effectively?",
"url": "figure-2.html#2.2b"
},
{
"id": "2.2c",
"kind": "question",
"text": "roh",
"title": "Were home visits used where needed?",
"url": "figure-2.html#2.2c"
},
{
"id": "2.2s",
"kind": "question",
"text": "roh",
"title": "Overall, was all reasonable action taken?",
"url": "figure-2.html#2.2s"
},
{
"id": "3",
"kind": "section",
"text": "",
"title": "Outcomes",
"url": "figure-3.html#3"
},
{
"id": "3a",
"kind": "question",
"text": "compliance",
"title": "Were the requirements of the sentence delivered?",
"url": "figure-3.html#3a"
},
{
"id": "3b",
"kind": "question",
"text": "lor",
"title": "Was progress made on offending-related factors?",
"url": "figure-3.html#3b"
},
{
"id": "3c",
"kind": "question",
"text": "roh",
"title": "Was risk of harm to others managed?",
"url": "figure-3.html#3c"
},
{
"id": "roh",
"kind": "thread",
"text": "Every risk of harm question, pooled over cases, as in OMI's RoH Thread.",
"title": "Risk of Harm",
"url": "figure-roh.html#roh"
},
{
"id": "lor",
"kind": "thread",
"text": "",
"title": "Likelihood of Reoffending",
"url": "figure-lor.html#lor"
},
{
"id": "overall",
"kind": "rating",
"text": "",
"title": "Overall rating",
"url": "figure-overall.html#overall"
},
{
"id": "case_work",
"kind": "score",
"text": "",
"title": "Case work score",
"url": "figure-case_work.html#case_work"
},
{
"id": "conclusion",
"kind": "band",
"text": "Performance against this criterion was good. This criterion represents a priority for improvement. This criterion represents an urgent priority for improvement.",
"title": "Criterion conclusion",
"url": "bands.html#band-conclusion"
},
{
"id": "improvement",
"kind": "band",
"text": "MINIMUM improvement required MODERATE improvement required SUBSTANTIAL improvement required DRASTIC improvement required",
"title": "Improvement required",
"url": "bands.html#band-improvement"
},
{
"id": "conclusion_rating",
"kind": "band",
"text": "well_met satisfactorily_met partly_met not_met",
"title": "Grade from the case work score",
"url": "bands.html#band-conclusion_rating"
},
{
"id": "overall_rating",
"kind": "band",
"text": "well_met satisfactorily_met partly_met not_met",
"title": "Overall rating from points",
"url": "bands.html#band-overall_rating"
},
{
"id": "case_ref",
"kind": "case field",
"text": "",
"title": "Case reference",
"url": "reference.html#field-case_ref"
},
{
"id": "area",
"kind": "case field",
"text": "",
"title": "Probation area inspected",
"url": "reference.html#field-area"
},
{
"id": "case_type",
"kind": "case field",
"text": "",
"title": "Type of sentence",
"url": "reference.html#field-case_type"
},
{
"id": "rosh",
"kind": "case field",
"text": "",
"title": "Risk of serious harm at the start",
"url": "reference.html#field-rosh"
},
{
"id": "mappa_level",
"kind": "case field",
"text": "",
"title": "MAPPA level",
"url": "reference.html#field-mappa_level"
},
{
"id": "child_protection",
"kind": "case field",
"text": "",
"title": "Child protection concerns",
"url": "reference.html#field-child_protection"
},
{
"id": "psr",
"kind": "case field",
"text": "",
"title": "A pre-sentence report was prepared",
"url": "reference.html#field-psr"
},
{
"id": "leadership",
"kind": "inspection input",
"text": "",
"title": "Leadership and strategy (inspectors' grade)",
"url": "reference.html#field-leadership"
}
];
