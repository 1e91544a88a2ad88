"""Checking: load the files, declare names, resolve references, check bands, build
the dependency graph and lint; the passes run in order in `passes.py`."""
