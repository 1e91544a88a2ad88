"""Regression tools: structural diff, impact over an archive, dated versions,
coverage and test files."""
