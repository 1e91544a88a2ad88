"""critc's fuzzing harness (issue 15): mutation-based fuzzers for framework text, case files
and generated-module names, a contract every input must satisfy, delta-debugging
minimisation and a corpus of crashers replayed as regression tests. See README.md."""
