"""Markdown tables for docs/performance.md from the JSON that benchmarks/run.py writes.

    .venv/bin/python benchmarks/tables.py benchmarks/results.json
"""

from __future__ import annotations

import json
import sys


def ratio_text(ratio: float | None) -> str:
    if ratio is None:
        return ""
    if ratio < 0.995:
        return f"{1 / ratio:.1f}x faster"
    return f"{ratio:.1f}x slower" if ratio > 1.005 else "1.0"


def in_memory(rows: list[dict]) -> str:
    sizes = sorted({r["size"] for r in rows})
    names = list(dict.fromkeys(r["implementation"] for r in rows))
    by = {(r["implementation"], r["size"]): r for r in rows}
    head = "| implementation | " + " | ".join(f"{s:,} cases" for s in sizes) + " |"
    lines = [head, "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = []
        for size in sizes:
            r = by.get((name, size))
            if r is None or r["seconds"] is None:
                cells.append("-")
            else:
                extra = r.get("extra_rss_mib")
                rss = f", +{max(extra, 0):,.0f} MiB" if extra is not None else ""
                cpu = f"; CPU {r['cpu_seconds']:.3g} s, {ratio_text(r['cpu_ratio_to_critc'])}" \
                    if r.get("cpu_seconds") is not None else ""
                cells.append(f"{r['seconds']:.3g} s ({ratio_text(r['ratio_to_critc'])}{rss}"
                             f"{cpu})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def end_to_end(rows: list[dict]) -> str:
    lines = ["| cases | file | implementation | wall time | vs critc score | CPU time | "
             "vs critc score (CPU) | peak RSS |", "|---:|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        seconds = f"{r['seconds']:.1f} s" if r["seconds"] is not None else r["check"]
        cpu = f"{r['cpu_seconds']:.1f} s" if r.get("cpu_seconds") is not None else "-"
        rss = f"{r['peak_rss_mib']:,.0f} MiB" if r.get("peak_rss_mib") else "-"
        lines.append(f"| {r['size']:,} | {r['format']} ({r['file_mib']:,.1f} MiB) | "
                     f"{r['implementation']} | {seconds} | "
                     f"{ratio_text(r.get('ratio_to_critc'))} | {cpu} | "
                     f"{ratio_text(r.get('cpu_ratio_to_critc'))} | {rss} |")
    return "\n".join(lines)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        results = json.load(handle)
    print(json.dumps(results["environment"]))
    print()
    print(in_memory(results["in_memory"]))
    print()
    print(end_to_end(results["end_to_end"]))


if __name__ == "__main__":
    main(sys.argv[1])
