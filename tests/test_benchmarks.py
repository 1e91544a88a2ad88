"""The benchmark peers (benchmarks/) compute the same figures as critc on a small archive.

Only correctness is tested here, never a time. Peers whose package is not installed
(polars and duckdb are in the `bench` extra, not the `test` one) are skipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import archive  # noqa: E402
import careful_numpy  # noqa: E402
import case_files  # noqa: E402
import dataframes  # noqa: E402
import file_peers  # noqa: E402
import per_case  # noqa: E402
import spec as specs  # noqa: E402
from critc.compiler.engine.evaluate import evaluate  # noqa: E402

CASES, INSPECTIONS = 2_000, 3  # 667 cases per inspection: several 255-row chunks each


@pytest.fixture(scope="module")
def small():
    plan, table, grouping = archive.build(CASES, inspections=INSPECTIONS, seed=7)
    spec = archive.spec_of(plan)
    return plan, table, grouping, spec, evaluate(plan, table, grouping, detail=False)


def need(package: str) -> None:
    pytest.importorskip(package, reason=f"{package} is not installed (pip install -e .[bench])")


def test_spec_figures_equal_critc(small):
    _, _, _, spec, results = small
    values = specs.figures_from_counts(spec, results.numerators, results.denominators)
    assert len(values) == len(results.values) == 292
    assert specs.check_equal("spec", results, results.numerators, results.denominators,
                             values) <= 1e-12


def test_a_changed_count_or_figure_is_a_mismatch(small):
    _, _, _, spec, results = small
    num = results.numerators.copy()
    num[1, 5] += 1
    values = specs.figures_from_counts(spec, num, results.denominators)
    with pytest.raises(specs.Mismatch, match="above the line"):
        specs.check_equal("peer", results, num, results.denominators, values)
    values = dict(results.values)
    values["roh"] = values["roh"] + 1e-9
    with pytest.raises(specs.Mismatch, match="roh differs"):
        specs.check_equal("peer", results, results.numerators, results.denominators, values)


@pytest.mark.parametrize("block_rows,threads", [(100, 1), (2048, 1), (300, 2)])
def test_careful_numpy(small, block_rows, threads):
    _, table, grouping, spec, results = small
    out = careful_numpy.score(spec, table.answers, table.fields["rosh"],
                              table.fields["custody"], grouping.group, grouping.size,
                              block_rows=block_rows, threads=threads)
    specs.check_equal("careful NumPy", results, *out)


def test_chunks_never_cross_an_inspection_nor_exceed_255_rows():
    group = np.repeat(np.array([0, 1, 3], dtype=np.int32), [600, 1, 255])
    starts = careful_numpy.chunk_starts(group)
    assert starts.tolist() == [0, 255, 510, 600, 601]


@pytest.mark.parametrize("peer,package", [
    (dataframes.polars_counts, "polars"),
    (dataframes.duckdb_counts, "duckdb"),
    (dataframes.pandas_counts, "pandas"),
])
def test_dataframe_peers(small, peer, package):
    need(package)
    _, table, grouping, spec, results = small
    data = dataframes.arrow_table(spec, table, grouping.group)
    if package == "pandas":
        data = dataframes.pandas_frame(data)
    out = dataframes.with_figures(peer)(spec, data, grouping.size)
    specs.check_equal(package, results, *out)


def test_compiled_score_case_loop(small, tmp_path):
    plan, table, _, spec, _ = small
    framework = tmp_path / "benchmark.crit"
    framework.write_text(archive.framework_text(), encoding="utf-8")
    module = per_case.compile_module(framework, tmp_path)
    _, scored = per_case.loop(module, per_case.case_rows(spec, table, 300))
    alone = per_case.each_case_alone(plan, table, 300)
    per_case.check_cases(spec, plan.bands["conclusion"].outputs, scored, alone)


@pytest.fixture(scope="module")
def files(small, tmp_path_factory):
    _, table, _, spec, _ = small
    return case_files.write(spec, table, tmp_path_factory.mktemp("files"))


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
@pytest.mark.parametrize("fmt", [0, 1], ids=["csv", "parquet"])
def test_file_peers(small, files, engine, fmt, tmp_path):
    need(engine)
    _, _, _, spec, results = small
    spec_path, out = tmp_path / "spec.json", tmp_path / "out.npz"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    assert file_peers.main([engine, str(files[fmt]), str(spec_path), str(out)]) == 0
    with np.load(out) as saved:
        values = {k[2:]: saved[k] for k in saved.files if k.startswith("v:")}
        specs.check_equal(engine, results, saved["num"], saved["den"], values)


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_file_peers_detect_a_misspelt_answer(files, small, engine, tmp_path, capsys):
    need(engine)
    spec = small[3]
    lines = files[0].read_text(encoding="utf-8").splitlines()
    header = lines[0].replace('"', "").split(",")
    row = lines[5].split(",")
    row[header.index("q7")] = "Sufficient"  # critc reads answers spelt exactly
    lines[5] = ",".join(row)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    assert file_peers.main([engine, str(bad), str(spec_path), str(tmp_path / "o.npz")]) == 1
    assert "column q7: 1 invalid cells" in capsys.readouterr().err


def test_scale_archive_scored_by_duckdb_over_its_parts_equals_critc_score(tmp_path):
    """benchmarks/scale.py: the archive written in parts (case references and inspections
    running on across them), DuckDB's rows over the folder equal `critc score`'s on the one
    file, and a changed figure is a difference."""
    need("duckdb")
    import scale  # needs duckdb (the bench extra), checked just above
    import scale_runners
    from critc.compiler.cli import main as cli

    scale.write_archive(5_000, tmp_path, part=2_000)
    assert len(list((tmp_path / "parts").glob("*.parquet"))) == 3
    critc_out, duckdb_out = tmp_path / "critc.csv", tmp_path / "duckdb.csv"
    argv = scale.critc_command(tmp_path / "benchmark.crit", tmp_path / "cases.parquet",
                               critc_out)[1:]
    assert cli.main(argv) == 0
    query = tmp_path / "scoring.sql"
    assert cli.main(["compile", str(tmp_path / "benchmark.crit"), "--target", "sql",
                     "--dialect", "duckdb", "-o", str(query)]) == 0
    scale_runners.run_duckdb(query.read_text(encoding="utf-8"),
                             str(tmp_path / "parts" / "*.parquet"), duckdb_out)
    want, got = scale.read_rows(critc_out), scale.read_rows(duckdb_out)
    assert {key[0] for key in want} == {"0", "1", "2"}  # 2,000 cases each, the last 1,000
    assert scale.same_figures(got, want) is None
    key = next(k for k, row in got.items() if row[3])
    got[key] = [*got[key][:3], str(float(got[key][3]) + 1e-9), *got[key][4:]]
    assert "column 3" in scale.same_figures(got, want)
