"""Where `extract` writes, and what it keeps: output paths, filters, files written whole.

- `plan_targets`: one output file per input file under `-o DIR`, mirroring the input
  paths (relative to the folder given, or to the common folder of several paths).
  Two inputs that would still share a file are refused before anything is written.
- `Selection`: `--only SECTIONS` and `--speaker NAME`, applied to every format.
- `TargetFiles`: each output file is written to a temporary file beside it and moved
  into place when its input is done, so a reader never sees half a file. A collection
  (`*.jsonl`) writes all its articles' sheets into its one output file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from claimx.errors import UsageError
from claimx.model import FactSheet, fold


def _base(given: str) -> str:
    path = Path(given)
    return os.path.abspath(path if path.is_dir() else path.parent)


def plan_targets(
    given: Sequence[str], inputs: Sequence[Any], output: Path, suffix: str
) -> dict[str, Path]:
    """`input path -> output file`: DIR/<input path relative to its root><suffix>.

    The root is the folder given, or the file's folder; with several paths, their
    common folder, so `a/x.txt b/x.txt` become `DIR/a/x.yaml` and `DIR/b/x.yaml`. Two
    inputs that differ only by suffix (`x.txt`, `x.md`) keep it (`x.md.yaml`). Any
    other clash is a UsageError naming both inputs: nothing is written.
    """
    roots = [_base(g) for g in given if g != "-"]
    if not roots:
        base = os.getcwd()
    elif len(roots) == 1:
        base = roots[0]
    else:
        base = os.path.commonpath(roots)
    root = output.resolve()
    targets: dict[str, Path] = {}
    owner: dict[Path, str] = {}
    for item in inputs:
        if item.file is None:
            relative = Path(item.relative)
        else:
            relative = Path(os.path.relpath(os.path.abspath(item.path), base))
        if item.path in targets:
            raise UsageError(f"{item.path}: given twice; each input is written once under -o")
        target = root / relative.with_suffix(suffix)
        if target in owner:
            target = root / relative.with_name(relative.name + suffix)
        if target in owner:
            raise UsageError(
                f"{owner[target]} and {item.path} would both be written to {target}; "
                "nothing was written (give the folder that holds them instead)"
            )
        if root != target.parent and root not in target.parents:
            raise UsageError(f"{item.path}: would be written outside {output}")
        owner[target] = item.path
        targets[item.path] = target
    return targets


@dataclass(frozen=True)
class Selection:
    """What to keep of each sheet: some sections (None: all), one speaker's quotes."""

    sections: tuple[str, ...] | None = None
    speaker: str | None = None

    @classmethod
    def parse(cls, only: str | None, speaker: str | None, known: Sequence[str]) -> Selection:
        sections = None
        if only is not None:
            names = tuple(dict.fromkeys(n.strip() for n in only.split(",") if n.strip()))
            wrong = [n for n in names if n not in known]
            if wrong or not names:
                raise UsageError(
                    f"--only {only!r}: expected sections among {', '.join(known)} (comma-separated)"
                )
            sections = names
        if speaker is not None and not speaker.strip():
            raise UsageError("--speaker needs a name")
        if speaker is not None and sections is None:
            sections = ("quotes",)
        return cls(sections, speaker.strip() if speaker else None)

    def apply(self, sheet: FactSheet) -> FactSheet:
        if self.speaker is None:
            return sheet
        records = dict(sheet.records)
        records["quotes"] = tuple(
            q for q in records["quotes"] if speaker_matches(q.speaker, self.speaker)
        )
        return FactSheet(
            claimx=sheet.claimx,
            source=sheet.source,
            extractor=sheet.extractor,
            warnings=sheet.warnings,
            records=records,
        )


def speaker_matches(speaker: str | None, wanted: str) -> bool:
    """`Lee` matches `Lee Jae Myung` and `Lee Won-deog`: whole words, case and dashes folded."""
    if not speaker:
        return False
    have = fold(speaker).replace("-", " ").split()
    want = fold(wanted).replace("-", " ").split()
    n = len(want)
    return any(have[i : i + n] == want for i in range(len(have) - n + 1))


class TargetFiles:
    """Output files written whole: to a temporary file first, moved into place when done."""

    def __init__(self, header: str = "") -> None:
        self.header = header
        self._open: dict[Path, tuple[IO[str], str]] = {}
        self._done: set[Path] = set()
        umask = os.umask(0)
        os.umask(umask)
        self._mode = 0o666 & ~umask

    def write(self, target: Path, text: str) -> None:
        """Add `text` to `target` (the header first, in a new file)."""
        if target in self._open:
            self._open[target][0].write(text)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if target in self._done:  # results came back out of order: add to the file
            with target.open("a", encoding="utf-8", newline="") as fh:
                fh.write(text)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.chmod(tmp, self._mode)
        fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._open[target] = (fh, tmp)
        fh.write(self.header + text)

    def finish(self, keep: Path | None = None) -> None:
        """Move every open file but `keep` into place."""
        for target in [t for t in self._open if t != keep]:
            fh, tmp = self._open.pop(target)
            fh.close()
            os.replace(tmp, target)
            self._done.add(target)

    def abort(self) -> None:
        """Remove the temporary files of the files not finished."""
        for fh, tmp in self._open.values():
            fh.close()
            Path(tmp).unlink(missing_ok=True)
        self._open.clear()


def write_whole(target: Path, text: str) -> None:
    """One file written atomically (the text an HTML page's sheet indexes)."""
    files = TargetFiles()
    try:
        files.write(target, text)
        files.finish()
    except BaseException:
        files.abort()
        raise
