"""Benchmark of the whole pipeline against its floors (see `python -m bench --help`).

It prints figures; it is not a timed test. The corpus is the project's own PDFs (samples/ and
tests/corpus/real/), copied with distinct bytes when more files are needed (the runner skips
files whose sha256 is already done, so plain copies would be no work at all).
"""
