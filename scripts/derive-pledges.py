#!/usr/bin/env python3
"""Derives Concord's shipped assistance pledge files from the research pack shared/data/assistance/pledges/.

Writes, under data/assistance/:
  * pledges.csv            the pack's pledges.csv, columns and rows unchanged but for one cell: P001's quantity is the
                           14 announced on 2023-01-25 (the pack gives the 18 it was raised to), since the raise is an
                           amendment of its own;
  * pledge_amendments.csv  that raise: P001 to 18 tanks on 2023-02-24, citing S005 (from P001's notes);
  * delay_events.csv       the pack's delay_events.csv, unchanged;
and appends the pack's 172 sources to sources.csv (Concord's source columns; kind by publisher: official for a
government's own statement, analysis for the Kiel Institute, press otherwise; language and archived_url left blank,
since the pack does not give them). Run again, it rewrites the three files and appends only sources not yet there.

Usage: scripts/derive-pledges.py /work/shared/data/assistance/pledges data/assistance
"""
import csv
import sys
from pathlib import Path

OFFICIAL = {"Government of the Netherlands (Rijksoverheid)", "EIN Presswire (US State Department statement)"}
ANALYSIS = {"Kiel Institute for the World Economy"}


def kind(publisher):
    return "official" if publisher in OFFICIAL else "analysis" if publisher in ANALYSIS else "press"


def main(pack, out):
    pack, out = Path(pack), Path(out)
    with open(pack / "pledges.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    p001 = next(r for r in rows if r["pledge_id"] == "P001")
    assert p001["quantity"] == "18" and "raised to 18 on 2023-02-24 S005" in p001["notes"], "P001 no longer as derived"
    p001["quantity"] = "14"
    with open(out / "pledges.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(out / "pledge_amendments.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pledge_id", "donor", "date", "date_confidence", "quantity", "unit", "promised_by", "source_ids", "note"])
        w.writerow(["P001", "DEU", "2023-02-24", "", "18", "tanks", "", "S005",
                    "The commitment of one company of 14 Leopard 2A6 from Bundeswehr stocks (2023-01-25) was raised to 18."])
    (out / "delay_events.csv").write_bytes((pack / "delay_events.csv").read_bytes())

    target = out / "sources.csv"
    with open(target, newline="", encoding="utf-8") as f:
        held = {r["source_id"] for r in csv.DictReader(f)}
    with open(pack / "sources.csv", newline="", encoding="utf-8") as f:
        fresh = [r for r in csv.DictReader(f) if r["source_id"] not in held]
    with open(target, "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        for r in fresh:
            w.writerow([r["source_id"], "", kind(r["publisher"]), r["publisher"], r["title"], r["published"], r["url"], "", ""])
    print(f"{len(rows)} pledges, 1 amendment, {len(fresh)} sources appended")


if __name__ == "__main__":
    main(*sys.argv[1:3])
