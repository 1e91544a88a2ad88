"""Renderers: diagnostics, results tables, explanations."""
