"""The NumPy engine: encoded case tables, grouping, validation of answers, and
vectorised evaluation of the plan."""
