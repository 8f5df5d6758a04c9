"""Looking at a rendered PDF as a reader would: poppler draws it, and the tests measure the
picture (is there ink, where does a line start, are Arabic letters joined)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree


def require_poppler() -> None:
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    why = "poppler-utils (pdftoppm, pdftotext) not installed: apt-get install poppler-utils"
    if os.environ.get("RECRUITWATCH_REQUIRE_PDF") == "1":
        pytest.fail(why)
    pytest.skip(why)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]
    pixels: list[list[int]]  # grey levels 0..255, rows of the rendered page
    scale: float  # pixels per PDF point

    def ink(self) -> float:
        """The share of pixels that are not white."""
        total = sum(len(r) for r in self.pixels)
        return sum(v < 200 for r in self.pixels for v in r) / total

    def gaps(self, word: Word) -> int:
        """Blank columns runs inside a word's box: letters drawn apart leave gaps."""
        x0, x1 = int(word.x0 * self.scale), int(word.x1 * self.scale)
        y0, y1 = int(word.y0 * self.scale), int(word.y1 * self.scale)
        columns = [any(self.pixels[y][x] < 160 for y in range(y0, y1)) for x in range(x0, x1)]
        runs, inside = 0, False
        for inked in columns[1:-1]:
            if not inked and inside:
                runs += 1
            inside = inked
        return runs


def first_page(pdf: bytes, dpi: int = 100) -> Page:
    require_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(path), f"{folder}/p"],
            check=True,
        )
        image = next(Path(folder).glob("p*.pgm")).read_bytes()
        bbox = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
            check=True,
            capture_output=True,
        ).stdout
    pixels = _pgm(image)
    root = etree.fromstring(bbox, etree.XMLParser(recover=True))
    page = root.find(".//{*}page")
    assert page is not None
    words = [
        Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
        for w in page.iter("{*}word")
    ]
    return Page(float(page.get("width")), float(page.get("height")), words, pixels, dpi / 72)


def _pgm(data: bytes) -> list[list[int]]:
    """A binary PGM (P5) as rows of grey levels."""
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    width, height = int(parts[1]), int(parts[2])
    raw = parts[4]
    return [list(raw[y * width : (y + 1) * width]) for y in range(height)]
