"""The command line as a user meets it: exit codes, messages, outputs."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli, deps
from pipeline.writers import read_table

from conftest import ROOT, SAMPLES, TRUTH

DIGITAL = SAMPLES / "seed_hautes-terres_2025-05-22_digital.pdf"


def test_extract_writes_every_dataset_and_exits_0(tmp_path, capsys):
    assert cli.main(["extract", str(DIGITAL), "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert "deliberations 1" in capsys.readouterr().out
    for table in ("documents", "deliberations", "attendance", "proxies", "decisions", "objectives", "findings"):
        assert (tmp_path / table).is_dir()
    assert read_table(tmp_path, "documents").column("status").to_pylist() == ["ok"]
    # a second run skips the file and changes nothing
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "deliberations").rglob("*"))
    assert cli.main(["extract", str(DIGITAL), "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert "skipped 1" in capsys.readouterr().out
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "deliberations").rglob("*")) == before


def test_a_missing_input_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "nope.pdf"), "--out", str(tmp_path)]) == 2
    assert "input not found" in capsys.readouterr().err


def test_bad_arguments_exit_non_zero():
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", "--jobs", "many"])
    assert exc.value.code != 0


def test_a_missing_tesseract_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(deps.shutil, "which", lambda name: None)
    assert cli.main(["extract", str(DIGITAL), "--out", str(tmp_path)]) == 3
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in capsys.readouterr().err


def test_eval_exits_1_under_its_floor(tmp_path, capsys):
    assert cli.main(["extract", str(DIGITAL), "--out", str(tmp_path), "--jobs", "1"]) == 0
    truth = tmp_path / "truth"
    truth.mkdir()
    shutil.copy(TRUTH / "seed_hautes-terres_2025-05-22_digital.json", truth)
    assert cli.main(["eval", str(tmp_path), "--truth", str(truth), "--min", "0.5"]) == 0
    assert "attendance_F1" in capsys.readouterr().out
    assert cli.main(["eval", str(tmp_path), "--truth", str(truth), "--min", "1.01"]) == 1


def test_console_script_is_installed():
    delib = Path(sys.executable).parent / "delib"
    out = subprocess.run([str(delib), "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "extract" in out.stdout
