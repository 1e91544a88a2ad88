"""Reading case records and inspection inputs, and writing output files."""
