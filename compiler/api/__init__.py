"""The Python library API (`import critc`): load a framework, score cases from files or
data frames, read figures and explanations as data. The public names are re-exported by
`critc/__init__.py` (compiler/_root); see docs/api.md."""
