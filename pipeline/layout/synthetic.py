"""Synthetic Lines from plain text, for tests and text dumps."""
from __future__ import annotations

import re


from ..model import Line


# --------------------------------------------------------------------------- synthetic input
def lines_from_text_pages(pages: list[str]) -> list[Line]:
    """One synthetic Line per non-empty text line, numbered by page (1-based)."""
    out: list[Line] = []
    for p, page_text in enumerate(pages, start=1):
        i = 0
        for raw in page_text.splitlines():
            if raw.strip():
                out.append(Line.synthetic(raw, page=p, top=50.0 + 12.0 * i))
                i += 1
    return out


def lines_from_text(text: str) -> list[Line]:
    """Lines from a text dump: pages split on form feeds (pdftotext) or '=== PAGE' markers."""
    if re.search(r"^=== PAGE", text, re.M):
        pages = [p for p in re.split(r"^=== PAGE[^\n]*\n", text, flags=re.M)]
        pages = pages[1:] if not pages[0].strip() else pages
    else:
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages = pages[:-1]
    return lines_from_text_pages(pages)


