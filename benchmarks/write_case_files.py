"""Write the benchmark archive's framework and case files to a folder, and keep them.

    .venv/bin/python benchmarks/write_case_files.py 200000 /tmp/cases-200k

writes benchmark.crit, cases.csv and cases.parquet there, so that `critc score` can be
timed on them by hand, e.g. with `/usr/bin/time -v` for the peak RSS.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import archive
import case_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--inspections", type=int, default=500)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    plan, table, _grouping = archive.build(args.cases, inspections=args.inspections)
    (args.folder / "benchmark.crit").write_text(archive.framework_text(), encoding="utf-8")
    fw = plan.framework  # only what the case files need: spec_of reads the plan's conditions
    spec = {"questions": [q.id for q in plan.questions],
            "codes": list(fw.scales["sufficiency"].codes),
            "rosh": list(fw.fields["rosh"].type.values)}
    csv_path, parquet_path = case_files.write(spec, table, args.folder)
    print(csv_path, csv_path.stat().st_size, parquet_path, parquet_path.stat().st_size)


if __name__ == "__main__":
    main()
