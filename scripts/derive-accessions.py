#!/usr/bin/env python3
"""Derives data/nato/accessions/*.csv (Concord's accession import format, docs/data-formats.md) from the
research files in ../shared/data/nato. Run once when those files change; the output is committed.

Rules: a date that is known is copied; a date that is not known stays out. The one inference made is stated
in each row it produces: a protocol in force (or a candidate's membership, which requires it) means every
Party had deposited by then, so a Party without a known deposit gets `deposit on_or_before <that date>`,
never an invented exact day.
"""
import csv, re, sys, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root.parent / "shared" / "data" / "nato")
out = root / "data" / "nato" / "accessions"
alpha3 = {r["iso_alpha2"]: r["iso_alpha3"] for r in csv.DictReader(open(shared / "members.csv", encoding="utf-8"))}
FIELDS = ["candidate", "candidate_name", "step", "party", "stage", "date", "date_qualifier", "decision", "summit",
          "signatories", "source", "confidence", "note"]

def row(step, date, source, note="", party="", stage="", qualifier="on", confidence="reported", **kw):
    return dict(step=step, date=date, source=source, note=note, party=party, stage=stage, date_qualifier=qualifier,
                confidence=confidence, **kw)

def tracks(file, executive_stage, bound, bound_source, overrides=None):
    rows = []
    for r in csv.DictReader(open(shared / file, encoding="utf-8")):
        party, src, note = alpha3[r["iso_alpha2"]], r["source_ids"], r["notes"]
        src = src or ";".join(dict.fromkeys(re.findall(r"S\d+[a-z]?", note)))  # ids cited only in the note
        stages = (overrides or {}).get(party, [("parliamentaryApproval", r["parliamentary_approval_date"])])
        for stage, date in stages:
            if date:
                rows.append(row("ratification", date, src, note, party, stage))
        if r["executive_ratification_date"]:
            rows.append(row("ratification", r["executive_ratification_date"], src, note, party, executive_stage))
        if r["deposit_date"]:
            rows.append(row("ratification", r["deposit_date"], src, note, party, "deposit"))
        elif party not in (overrides or {}).get("_deposits", {}):
            rows.append(row("ratification", bound, bound_source, "Deposit day not found; " + bound_note, party, "deposit",
                            qualifier="on_or_before", confidence="inferred"))
        else:
            d, s, n = overrides["_deposits"][party]
            rows.append(row("ratification", d, s, n, party, "deposit", qualifier="on_or_before"))
    return rows

def write(name, candidate, candidate_name, rows):
    with open(out / name, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({"candidate": candidate, "candidate_name": candidate_name, **r})

bound_note = "the protocol's entry into force means every Party had deposited by then."
write("finland.csv", "FIN", "Finland", [
    row("application", "2022-05-18", "S15", "Submitted simultaneously with Sweden."),
    row("invitation", "2022-06-29", "S16;S01", summit="madrid-2022"),
    row("protocolSigned", "2022-07-05", "S15;S01", "Signed in Brussels by NATO ambassadors."),
    *tracks("ratifications_finland.csv", "headOfStateSignature", "2023-04-04", "S09"),
    row("candidateApproval", "2023-03-23", "S10", "Parliament accepted accession on 2023-03-01 (184-7); the President decided on 2023-03-23."),
    row("invitationToAccede", "2023-04-04", "S09", "Secretary General's letter handed over at the ceremony."),
    row("accessionDeposited", "2023-04-04", "S09;S10", "31st member."),
])
write("north_macedonia.csv", "MKD", "North Macedonia", [
    row("invitation", "2018-07-11", "S30", "Conditional on the name agreement with Greece.", summit="brussels-2018"),
    row("protocolSigned", "2019-02-06", "S60;S61"),
    *tracks("ratifications_north_macedonia.csv", "headOfStateSignature", "2020-03-19", "S62",
            {"USA": [("upperHouse", "2019-10-22")]}),
    row("candidateApproval", "2020-02-11", "domain.md §2 (meta.mk)", "Parliament of North Macedonia approved the Washington Treaty."),
    row("invitationToAccede", "2020-03-20", "S62", "Secretary General's invitation letter."),
    row("accessionDeposited", "2020-03-27", "S58", "30th member."),
])
bound_note = "membership on 2017-06-05 required the protocol in force, so every Party had deposited by then."
write("montenegro.csv", "MNE", "Montenegro", [
    row("invitation", "2015-12-02", "S71", "Invited by NATO foreign ministers, not at a summit."),
    row("protocolSigned", "2016-05-19", "S71;S70", "Signed at the foreign ministers' meeting in Brussels."),
    *tracks("ratifications_montenegro.csv", "headOfStateSignature", "2017-06-05", "S57;S76", {
        "USA": [("upperHouse", "2017-03-28")],
        "ESP": [("upperHouse", "2017-05-10")],
        "NLD": [("publication", "2017-06-01")],
        "_deposits": {"DEU": ("2017-05-05", "S74", "Reported deposited at the State Department in an article dated 2017-05-05.")},
    }),
    row("candidateApproval", "2017-04-28", "S70", "Montenegrin parliament adopted the law ratifying the Washington Treaty."),
    row("accessionDeposited", "2017-06-05", "S57;S76", "29th member."),
])
# Ukraine's path: the Alliance's declarations and meetings about it (step `declaration`, with the summit), the
# application, and the Vilnius decisions, each with the date and source ids of ukraine.csv in the research files.
ukraine = {r["event"]: r for r in csv.DictReader(open(shared / "ukraine.csv", encoding="utf-8"))}

def declared(event, summit, note, confidence="reported"):
    r = ukraine[event]
    return row("declaration", r["date"], r["source_ids"], note, summit=summit, confidence=confidence)

write("ukraine.csv", "UKR", "Ukraine", [
    declared("Bucharest Summit Declaration", "bucharest-2008",
             "Bucharest Summit Declaration: Allies agreed that Ukraine and Georgia \"will become members of NATO\"; the Membership "
             "Action Plan named as the next step but not granted. The summit ran 2-4 April; the declaration is dated 3 April "
             "(Postimees gives 4 April).", confidence="official"),
    declared("Brussels Summit", "brussels-2021",
             "Brussels Summit: Allies reaffirmed the 2008 Bucharest decision that Ukraine will become a member (US State Department fact sheet)."),
    row("application", ukraine["Ukraine application for accelerated accession"]["date"], "S40",
        "Application for accelerated accession, signed the day Russia proclaimed the annexation of four Ukrainian regions.",
        signatories="President Zelenskyy; Speaker Stefanchuk; Prime Minister Shmyhal"),
    declared("Vilnius Summit Communiqué", "vilnius-2023",
             "Vilnius Summit Communiqué: \"Ukraine's future is in NATO\"; an invitation \"when Allies agree and conditions are met\"; "
             "the NATO-Ukraine Council established."),
    row("mapWaived", ukraine["Vilnius Summit Communiqué"]["date"], "S33;S22b", "Vilnius: Ukraine's path has moved beyond the need for the Membership Action Plan."),
    row("invitationDecision", ukraine["Vilnius Summit Communiqué"]["date"], "S33;S22b;S22",
        "Vilnius: an invitation 'when Allies agree and conditions are met'; due again at the Washington Summit 2024.",
        decision="invite-ukraine-washington-2024"),
    declared("First NATO-Ukraine Council meeting (Vilnius)", "vilnius-2023",
             "First meeting of the NATO-Ukraine Council, where Allies and Ukraine sit as equals. Date derived: the VOA report says "
             "\"Wednesday\" during the summit, 2023-07-12.", confidence="derived"),
    declared("Washington Summit Declaration", "washington-2024",
             "Washington Summit Declaration: Ukraine on an \"irreversible path to full Euro-Atlantic integration, including NATO "
             "membership\"; an invitation still \"when Allies agree and conditions are met\"; no invitation was extended."),
    declared("The Hague Summit Declaration", "the-hague-2025",
             "The Hague Summit Declaration: Allies reaffirm their \"unwavering sovereign commitment\" to support Ukraine; no "
             "reference to Ukraine's NATO membership."),
])
print("wrote", ", ".join(sorted(p.name for p in out.glob("*.csv"))))
