"""End to end from files on disk: each scorer a process of its own, timed whole.

`critc score --format csv` (reading, validating every cell, scoring with detail, writing
the report) against DuckDB and Polars reading the same CSV or Parquet file, checking every
cell's spelling and computing the same figures (benchmarks/file_peers.py). Wall time and
peak resident memory come from `/usr/bin/time` (GNU time) around each child: not
`os.wait4` from this process, since Linux carries a process's peak RSS across exec, so a
child forked from this (large) process would report at least this process's size. The
peers' figures are checked equal to critc's engine on the archive the files were written
from; critc's own run must exit 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import critc
import numpy as np
import spec as specs

HERE = Path(__file__).resolve().parent
CRITC = Path(sys.executable).with_name("critc")
TIME = "/usr/bin/time"  # GNU time: -f %M is the peak RSS in KiB


def measure(command: list[str], folder: Path) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MiB, exit status, stderr) of one child process."""
    seconds, _cpu, rss, status, stderr = measure_cpu(command, folder)
    return seconds, rss, status, stderr


def measure_cpu(command: list[str], folder: Path) -> tuple[float, float, float, int, str]:
    """(wall seconds, CPU seconds (user + system, every thread), peak RSS MiB, exit status,
    stderr) of one child process."""
    stats = folder / "time.txt"
    start = time.perf_counter()
    done = subprocess.run([TIME, "-f", "%M %U %S", "-o", str(stats), *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          env=child_environment(folder))
    seconds = time.perf_counter() - start
    peak_kib, user, system = stats.read_text(encoding="utf-8").split()[-3:]
    return (seconds, float(user) + float(system), int(peak_kib) / 1024, done.returncode,
            done.stderr.decode("utf-8", "replace"))


def child_environment(folder: Path) -> dict[str, str]:
    """This process's environment, with compiled modules cached under `folder`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def compile_critc(folder: Path) -> None:
    """critc's modules compiled once, as an installed package has them."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(critc.__file__).parent)],
                   stdout=subprocess.DEVNULL, check=True, env=child_environment(folder))


def critc_command(framework: Path, cases: Path, out: Path) -> list[str]:
    return [str(CRITC), "score", str(framework), str(cases), "--format", "csv", "-o", str(out)]


def peer_command(engine: str, cases: Path, spec_path: Path, out: Path) -> list[str]:
    return [sys.executable, str(HERE / "file_peers.py"), engine, str(cases), str(spec_path),
            str(out)]


def load_peer(path: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    with np.load(path) as saved:
        values = {k[2:]: saved[k] for k in saved.files if k.startswith("v:")}
        return saved["num"], saved["den"], values


def run(spec: dict, framework: Path, files: dict[str, Path], results, folder: Path,
        engines=("duckdb", "polars"), skip_critc: dict[str, str] | None = None) -> list[dict]:
    """One row per (scorer, file format): seconds, peak RSS, and the check's outcome.
    `skip_critc` maps a format to the reason critc is not run on it."""
    spec_path = folder / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    compile_critc(folder)
    rows = []
    for fmt, cases in files.items():
        name = f"critc score --format csv, from {fmt}"
        if fmt in (skip_critc or {}):
            rows.append({"implementation": name, "seconds": None,
                         "check": f"skipped: {skip_critc[fmt]}"})
        else:
            out = folder / f"critc-{fmt}.csv"
            seconds, cpu, rss, status, stderr = measure_cpu(
                critc_command(framework, cases, out), folder)
            if status != 0:
                raise RuntimeError(f"critc score {cases} exited {status}: {stderr[-2000:]}")
            rows.append({"implementation": name, "seconds": seconds, "cpu_seconds": cpu,
                         "peak_rss_mib": rss, "check": "exit 0"})
        for engine in engines:
            out = folder / f"{engine}-{fmt}.npz"
            command = peer_command(engine, cases, spec_path, out)
            seconds, cpu, rss, status, stderr = measure_cpu(command, folder)
            if status != 0:
                raise RuntimeError(f"{engine} on {cases} exited {status}: {stderr[-2000:]}")
            worst = specs.check_equal(f"{engine} from {fmt}", results, *load_peer(out))
            rows.append({"implementation": f"{engine}, from {fmt} (with cell checks)",
                         "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mib": rss,
                         "check": f"equal (max |diff| {worst:.1e})"})
    return rows
