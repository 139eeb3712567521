"""Gather ingestion inputs from the command line: files, folders (recursively) and stdin."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class Input:
    label: str  # what the user named (path or "-")
    name: str  # file name used as the article's identity when it has no URL
    raw: bytes | None
    error: str = ""


def read_inputs(paths: list[str], *, max_bytes: int) -> Iterator[Input]:
    for item in paths:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            yield _sized(Input(label="-", name="", raw=data), max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                yield Input(label=item, name=path.name, raw=None, error="folder holds no .txt, .html or .htm files")
            for file in files:
                yield _read_file(file, label=str(file), max_bytes=max_bytes)
        elif path.is_file():
            yield _read_file(path, label=item, max_bytes=max_bytes)
        else:
            yield Input(label=item, name=path.name, raw=None, error="no such file or folder")


def _read_file(path: Path, *, label: str, max_bytes: int) -> Input:
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return Input(
            label=label,
            name=path.name,
            raw=None,
            error=f"unsupported file type {path.suffix or '(none)'}: use .txt, .html or .htm",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return Input(label=label, name=path.name, raw=None, error=f"cannot read the file: {exc.strerror or exc}")
    return _sized(Input(label=label, name=path.name, raw=data), max_bytes)


def _sized(item: Input, max_bytes: int) -> Input:
    if item.raw is not None and len(item.raw) > max_bytes:
        return Input(
            label=item.label, name=item.name, raw=None, error=f"larger than the {max_bytes // (1024 * 1024)} MB limit"
        )
    return item
