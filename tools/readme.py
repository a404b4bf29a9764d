"""README.md sections that tools write: the lesson table (`make notebooks`) and the
measurements (`make bench --readme`), each between a pair of HTML comment markers."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def with_section(text: str, start: str, end: str, body: str) -> str:
    """`text` with what lies between the markers `start` and `end` replaced by `body`."""
    head, found_start, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found_start or not found_end:
        raise SystemExit(f"README.md needs the markers {start} and {end}")
    return f"{head}{start}\n{body.rstrip(chr(10))}\n{end}{tail}"


def write_section(start: str, end: str, body: str, path: Path = README) -> None:
    path.write_text(with_section(path.read_text(encoding="utf-8"), start, end, body),
                    encoding="utf-8")
