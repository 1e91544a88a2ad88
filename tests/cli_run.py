"""Running the `critc` command line inside a test."""

from __future__ import annotations

from critc.compiler.cli import main as cli


def run(capsys, *argv) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `critc ARGV...`; never a traceback."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
