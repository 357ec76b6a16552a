"""Shared fixtures: the whole pipeline run once per test session over the real corpus and samples."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "corpus" / "real"
SAMPLES = ROOT / "samples"
TRUTH = ROOT / "tests" / "truth"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """Datasets of `delib extract` over the real PDFs and the generated seed samples."""
    from pipeline.runner import run_batch

    out = tmp_path_factory.mktemp("corpus_out")
    inputs = [REAL] + sorted(SAMPLES.glob("seed_*.pdf"))
    summary = run_batch(inputs, out, jobs=2, keep_results=True)
    return out, summary
