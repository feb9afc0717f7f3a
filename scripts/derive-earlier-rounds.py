#!/usr/bin/env python3
"""Derives Concord's accession files for the earlier enlargement rounds (1999, 2004, 2009) from the research pack
shared/data/nato/earlier_rounds/, in the format of docs/data-formats.md ("Accessions"), and the sources they cite.

Writes data/nato/accessions/<candidate>.csv for the twelve candidates and data/earlier_rounds/sources.csv (the cited
sources not registered by another file of the pack; kind by publisher). What it does with each kind of fact:

* A ratification row covering several protocols (`CZE;HUN;POL`, one act for the round's package) is written into each
  of those candidates' files; a row naming one protocol (`ROU`, `HRV`) only into that candidate's: the pack says the
  dates are very probably the same for the other protocols, but that was not verified, so they are not copied.
* Stages: parliament_approval -> parliamentaryApproval; head_of_state -> headOfStateSignature, or executiveRatification
  for Canada and the United Kingdom (which ratify by executive act); deposit -> deposit.
* Confidence: official, reported, derived kept; `approximate` is an upper bound (the pack's rule): `on_or_before`,
  except where the pack's README states the window's lower bound too (`between`, listed in WINDOWS below).
* A row without a date keeps its note (often the order of ratification, "second Ally to approve") only where its note or
  the pack's README states a bound for it (UNDATED below: e.g. "position 7 of 17 in a list of 2008-12-22" is done on or
  before 2008-12-22; "all 16 had ratified by January 1999"), as `derived`; the others (Belgium, Iceland and Türkiye in
  1999: nothing known but a bill or a scheduled debate) write no row, and stay in the research pack.
* The one inference, stated in each row it makes (`confidence` `inferred`): a Party of the day (a member on the day the
  protocol was signed) with no deposit recorded gets `deposit` `on_or_before` the protocol's entry into force when a
  source gives it for that protocol, else the last deposit when a source names it, else the Secretary General's
  invitation to accede (which follows the last notification), else the candidate's own deposit of its instrument of
  accession, since membership required the protocol in force.
* Candidate steps: invitation_summit -> invitation (Bucharest's summit id where the summits file has it);
  accession_talks_start -> accessionTalks; protocol_signed -> protocolSigned; protocol_entry_into_force ->
  protocolInForce; sg_invitation_to_accede -> invitationToAccede (for 1999 only "January 1999", day not given: no
  step, since a month cannot be shown to follow the entry into force, but the bound it forces on the deposits);
  the candidate's own approvals -> candidateApproval (its last act; the earlier ones in the note);
  member_deposit_of_accession -> accessionDeposited; membership_action_plan_joined -> membershipActionPlan (the year,
  or the month where a source gives it). Partnership for Peace and "declared its wish to join" have no step in Concord
  and are left out.

Source ids Concord's format refuses (an id needs a digit) get "-1" (`ambasadat-al-nato` -> `ambasadat-al-nato-1`), in
the sources file and in every row citing them; a publication date given as a year only is left blank, the year kept in
the title ("[published 2004]"), since a source's date is a day or a month.

Usage: scripts/derive-earlier-rounds.py /work/shared/data/nato/earlier_rounds data
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

# As the members file names them: the accession's deposit admits the member, and must match its record there.
NAMES = {"CZE": "Czech Republic", "HUN": "Hungary", "POL": "Poland", "BGR": "Bulgaria", "EST": "Estonia", "LVA": "Latvia",
         "LTU": "Lithuania", "ROU": "Romania", "SVK": "Slovakia", "SVN": "Slovenia", "ALB": "Albania", "HRV": "Croatia"}
FILES = {"CZE": "czechia.csv", "HUN": "hungary.csv", "POL": "poland.csv", "BGR": "bulgaria.csv", "EST": "estonia.csv",
         "LVA": "latvia.csv", "LTU": "lithuania.csv", "ROU": "romania.csv", "SVK": "slovakia.csv", "SVN": "slovenia.csv",
         "ALB": "albania.csv", "HRV": "croatia.csv"}
ROUNDS = {"1999": ["CZE", "HUN", "POL"], "2004": ["BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"], "2009": ["ALB", "HRV"]}
STAGES = {"parliament_approval": "parliamentaryApproval", "head_of_state": "headOfStateSignature", "deposit": "deposit"}
EXECUTIVE = {"CAN", "GBR"}
# Windows whose lower bound the pack's README states (coverage table, 2009): party -> (from, to).
WINDOWS = {("2009", "BEL"): ("2009-01-13", "2009-02-09"), ("2009", "DEU"): ("2009-01-13", "2009-02-09"),
           ("2009", "FRA"): ("2009-01-13", "2009-02-09"), ("2009", "GRC"): ("2009-02-11", "2009-02-17"),
           ("2009", "ISL"): ("2009-02-11", "2009-02-17"), ("2009", "NLD"): ("2009-02-11", "2009-02-17"),
           ("2009", "PRT"): ("2009-02-11", "2009-02-17")}
# Rows without a date whose note (or the README) bounds them: (year, party) -> (qualifier, date).
UNDATED = {("1999", "DNK"): ("on_or_before", "1998-03-11"), ("1999", "NOR"): ("between", "1998-03-01/1998-03-10"),
           ("1999", "FRA"): ("between", "1998-05-28/1998-06-17"),
           **{("1999", p): ("on_or_before", "1999-01-31") for p in ["ESP", "GBR", "GRC", "LUX", "NLD", "PRT"]},
           **{("2009", p): ("on_or_before", "2008-12-22") for p in ["BGR", "CZE", "DNK", "ESP", "EST", "LTU", "NOR", "POL", "ROU", "SVK", "TUR"]},
           ("2009", "GBR"): ("between", "2008-12-22/2009-01-13")}
SUMMITS = {("ALB", "2008-04-03"): "bucharest-2008", ("HRV", "2008-04-03"): "bucharest-2008"}
HEADER = ["candidate", "candidate_name", "step", "party", "stage", "date", "date_qualifier", "decision", "summit",
          "signatories", "source", "confidence", "note"]
ORDER = ["invitation", "membershipActionPlan", "accessionTalks", "protocolSigned", "ratification", "lastRatification",
         "protocolInForce", "invitationToAccede", "candidateApproval", "accessionDeposited"]


def source_id(raw):
    return raw if any(ch.isdigit() for ch in raw) else raw + "-1"


def cite(ids):
    return ";".join(source_id(s) for s in ids.split(";") if s)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def members(data):
    """Each Ally's accession date, from the pack's members file."""
    return {r["iso_alpha3"]: r["accession_date"] for r in read(data / "nato" / "members.csv")}


def main(pack, data):
    pack, data = Path(pack), Path(data)
    joined = members(data)
    rows = defaultdict(list)  # candidate -> rows
    cited = set()

    def add(candidate, step, date, qualifier="on", party="", stage="", summit="", sources="", confidence="", note=""):
        rows[candidate].append({"candidate": candidate, "candidate_name": NAMES[candidate], "step": step, "party": party,
                                "stage": stage, "date": date, "date_qualifier": qualifier, "decision": "", "summit": summit,
                                "signatories": "", "source": cite(sources), "confidence": confidence, "note": note})
        cited.update(s for s in sources.split(";") if s)

    milestones = defaultdict(dict)
    approvals = defaultdict(list)
    for m in read(pack / "milestones_earlier.csv"):
        c, step, date, conf, src, note = m["candidate"], m["step"], m["date"], m["date_confidence"], m["source_ids"], m["notes"]
        if step == "invitation_summit":
            add(c, "invitation", date, summit=SUMMITS.get((c, date), ""), sources=src, confidence=conf, note=note)
        elif step == "accession_talks_start":
            add(c, "accessionTalks", date, sources=src, confidence=conf, note=note)
        elif step == "protocol_signed":
            add(c, "protocolSigned", date, sources=src, confidence=conf, note=note)
            milestones[c]["signed"] = date
        elif step == "protocol_entry_into_force":
            add(c, "protocolInForce", date, sources=src, confidence=conf, note=note)
            milestones[c]["in_force"] = (date, src)
        elif step == "sg_invitation_to_accede":
            if date:
                add(c, "invitationToAccede", date, sources=src, confidence=conf, note=note)
                milestones[c]["invited"] = (date, src)
            else:
                # "After all 16 ratifications, SG Solana invited the three in January 1999": the invitation follows the
                # protocol's entry into force, so every Party had deposited by the end of that month (the bound below).
                assert "January 1999 (day not given)" in note, note
                milestones[c]["invited"] = ("1999-01-31", src)
        elif step.startswith("candidate_"):
            approvals[c].append(m)
        elif step == "member_deposit_of_accession":
            add(c, "accessionDeposited", date, sources=src, confidence=conf, note=note)
            milestones[c]["member"] = (date, src)
        elif step == "membership_action_plan_joined":
            if c == "ALB":
                add(c, "membershipActionPlan", "1999-01-01/1999-12-31", qualifier="between", sources=src, confidence="reported", note=note)
            else:
                assert c == "HRV" and "May 2002" in note, note
                add(c, "membershipActionPlan", "2002-05", qualifier="month", sources=src, confidence="reported", note=note)
    for c, acts in approvals.items():
        acts.sort(key=lambda a: a["date"])
        last = acts[-1]
        earlier = "; ".join(f"{a['step'].replace('candidate_', '').replace('_', ' ')} {a['date']} ({a['notes']})" for a in acts[:-1])
        note = last["notes"] + (f" Earlier: {earlier}" if earlier else "")
        add(c, "candidateApproval", last["date"], sources=";".join(dict.fromkeys(s for a in acts for s in a["source_ids"].split(";"))),
            confidence=last["date_confidence"], note=note)

    for year, candidates in ROUNDS.items():
        deposits = defaultdict(set)   # candidate -> parties with a deposit row
        last_deposit = {}
        for r in read(pack / f"ratifications_{year}.csv"):
            covered = r["candidate"].split(";")
            party, stage = r["party"], r["stage"]
            for c in covered:
                assert c in candidates, (year, r)
                package = f" (One act for the protocols of {', '.join(covered)}.)" if len(covered) > 1 else ""
                executive = party in EXECUTIVE and (stage == "head_of_state" or not r["date"])
                concord_stage = "executiveRatification" if executive else STAGES[stage]
                qualifier, date, confidence = "on", r["date"], r["date_confidence"]
                if not date:
                    if (year, party) not in UNDATED:
                        continue
                    (qualifier, date), confidence = UNDATED[(year, party)], "derived"
                elif confidence == "approximate":
                    window = WINDOWS.get((year, party))
                    (qualifier, date) = ("between", f"{window[0]}/{window[1]}") if window else ("on_or_before", date)
                    assert window is None or window[1] == r["date"], (year, party, window, r["date"])
                add(c, "ratification", date, qualifier, party, concord_stage, sources=r["source_ids"], confidence=confidence, note=r["notes"] + package)
                if stage == "deposit":
                    deposits[c].add(party)
                    if "the last Ally" in r["notes"]:
                        last_deposit[c] = (party, r["date"], r["source_ids"])
        for c in candidates:
            signed = milestones[c]["signed"]
            if c in last_deposit:
                party, date, src = last_deposit[c]
                add(c, "lastRatification", date, party=party, sources=src, confidence="reported",
                    note=f"The source names {party}'s deposit as the last of all Allies.")
            parties = sorted(p for p, d in joined.items() if d and d < signed)
            if "in_force" in milestones[c]:
                bound, src = milestones[c]["in_force"]
                why = "the protocol's entry into force means every Party had deposited by then"
            elif c in last_deposit:
                _, bound, src = last_deposit[c]
                why = f"the last deposit of all ({last_deposit[c][0]}'s) was on that day"
            elif "invited" in milestones[c]:
                bound, src = milestones[c]["invited"]
                why = ("the Secretary General invited the candidate to accede, which the protocol allows only once every Party "
                       "has notified its acceptance" + (" (in January 1999, after all 16 ratifications: by the end of that month)" if bound == "1999-01-31" else ""))
            else:
                bound, src = milestones[c]["member"]
                why = "the candidate's membership required the protocol in force, so every Party had deposited by then"
            for p in parties:
                if p in deposits[c]:
                    continue
                add(c, "ratification", bound, "on_or_before", p, "deposit", sources=src, confidence="inferred",
                    note=f"Deposit day not found; {why}.")

    out = data / "nato" / "accessions"
    for c, file in FILES.items():
        ordered = sorted(rows[c], key=lambda r: (ORDER.index(r["step"]), r["date"].split("/")[-1], r["party"], r["stage"]))
        with open(out / file, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, HEADER, lineterminator="\n")
            w.writeheader()
            w.writerows(ordered)

    registered = set()
    for path in [data / "nato" / "sources.csv", *[p for p in data.glob("*/sources.csv") if p.parent.name != "earlier_rounds"]]:
        registered.update(r["source_id"] for r in read(path))
    fresh = [s for s in read(pack / "sources.csv") if s["source_id"] in cited and s["source_id"] not in registered]
    missing = cited - registered - {s["source_id"] for s in fresh}
    assert not missing, f"cited but not in the pack's sources: {sorted(missing)}"
    (data / "earlier_rounds").mkdir(exist_ok=True)
    with open(data / "earlier_rounds" / "sources.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source_id", "alias_of", "kind", "publisher", "title", "published", "url", "language", "archived_url"])
        for s in sorted(fresh, key=lambda s: s["source_id"]):
            published, title = s["published"], s["title"]
            if len(published) == 4:
                published, title = "", f"{title} [published {s['published']}]"
            w.writerow([source_id(s["source_id"]), "", kind(s), s["publisher"], title, published, s["url"], "", ""])
    print(f"{sum(len(v) for v in rows.values())} rows in {len(FILES)} files; {len(fresh)} sources")


# The kind of each source, by its publisher: `official` for a state's, parliament's, gazette's or NATO's own document
# (also when read through a mirror that reproduces it), `analysis` for the Congressional Research Service, `press` for
# news agencies, newspapers and blogs.
OFFICIAL_WORDS = ("gazette", "gesetzblatt", "government", "ministry", "parliament", "senate", "senaat", "sénat", "bundestag",
                  "congreso", "white house", "nato", "treaty", "treaties", "tractatenblad", "verdragenbank", "assemblée",
                  "assembleia", "országgyűlés", "publishing office", "regjeringen", "embassy", "uradni list", "tweede kamer",
                  "vie-publique", "america.gov", "news.belgium.be", "dziennik ustaw", "decree", "legal database", "treatydoc",
                  "treaty doc", "drucksache")
PRESS_PUBLISHERS = ("gazette (ap)", "das parlament", "la stampa", "puls biznesu", "the baltimore sun", "taz", "rfe/rl")
ANALYSIS_WORDS = ("congressional research service",)


def kind(source):
    publisher = source["publisher"].lower()
    if any(w in publisher for w in ANALYSIS_WORDS):
        return "analysis"
    if publisher.startswith(PRESS_PUBLISHERS) or "gazette (ap)" in publisher:
        return "press"
    if any(w in publisher for w in OFFICIAL_WORDS):
        return "official"
    return "press"


if __name__ == "__main__":
    main(*sys.argv[1:3])
