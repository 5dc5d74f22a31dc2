"""Fact sheets kept by content, so an unchanged article is not run through spaCy again.

An entry is found by a key made of everything a sheet depends on:

- the input's bytes (sha256) and its kind (the file suffix picks the reader);
- claimx's version, a digest of claimx's own source files (a checkout with
  changed code never reuses sheets from the old code), spaCy's and thinc's
  versions, the model's name and version;
- a digest of the rule files (defaults and `--rules DIR`), so a sheet made
  with other rules is never served;
- the options that change a sheet (`--date`, JSON Lines field names, ...).

Only the path differs between two inputs with the same key: `source.path`
and each record's `at` start with it. Entries store the path they were made
under and `relocate` moves them to the path of the run, so a cached run
gives exactly what a fresh run gives. Inputs with any failed article are not
stored: their errors are reported again on the next run.

Writes are atomic (a temporary file then `os.replace`), so concurrent runs
can share a directory; an entry that cannot be read is ignored, one that
cannot be written is skipped. Entries are pickles read by an unpickler that
accepts only claimx's own record classes, and carry their key, checked on
reading.

Nothing here imports spaCy: a run whose articles are all cached never loads
the model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path
from typing import Any

from claimx import FORMAT_VERSION, __version__

ENV_DIR = "CLAIMX_CACHE_DIR"
_PACKAGE = Path(__file__).resolve().parent
_CHUNK = 1 << 20


def default_dir() -> Path:
    """$CLAIMX_CACHE_DIR, else the user's cache directory (XDG on Linux)."""
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimx", appauthor=False)) / "sheets"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """claimx's version and its source files: a changed checkout is another claimx."""
    h = hashlib.sha256(f"{__version__}\x00{FORMAT_VERSION}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(str(path.relative_to(_PACKAGE)).encode("utf-8", "surrogateescape"))
        h.update(path.read_bytes())
    for lib in ("spacy", "thinc", "numpy"):
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_digest(model: str) -> str | None:
    """The model's name and version read from its meta.json, without loading spaCy.

    None when it cannot be found that way (then the run is not cached).
    """
    candidates: list[Path] = []
    path = Path(model)
    if path.is_dir():
        candidates.append(path / "meta.json")
    else:
        try:
            spec = util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return None
        for location in spec.submodule_search_locations:
            root = Path(location)
            candidates.append(root / "meta.json")
            candidates.extend(sorted(root.glob("*/meta.json")))
    h = hashlib.sha256(model.encode("utf-8"))
    found = False
    for meta in candidates:
        if meta.is_file():
            h.update(meta.read_bytes())
            found = True
    return h.hexdigest() if found else None


def rules_digest(rules_dir: str | None) -> str:
    """The bytes of every rule file used: the defaults and those of `--rules`."""
    from claimx.rules import default_rules_dir

    h = hashlib.sha256()
    for folder in (default_rules_dir(), Path(rules_dir) if rules_dir else None):
        if folder is None:
            h.update(b"\x00none")
            continue
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
            h.update(path.name.encode("utf-8", "surrogateescape") + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()


def file_digest(data: bytes | None = None, path: str | Path | None = None) -> str:
    """sha256 of bytes in memory, or of a file read in chunks."""
    h = hashlib.sha256()
    if data is not None:
        h.update(data)
        return h.hexdigest()
    assert path is not None
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class CacheKey:
    """What a run's sheets depend on besides each input's bytes and kind."""

    model: str
    rules_dir: str | None
    options: str  # repr of the options that change a sheet

    def namespace(self) -> str | None:
        model = model_digest(self.model)
        if model is None:
            return None
        h = hashlib.sha256()
        for part in (code_digest(), model, rules_digest(self.rules_dir), self.options):
            h.update(part.encode("utf-8", "surrogateescape") + b"\x00")
        return h.hexdigest()[:32]


class SheetCache:
    """Entries under DIR/<namespace>/<ab>/<key>: one per input, holding its sheets."""

    def __init__(self, root: str | Path, key: CacheKey) -> None:
        self.root = Path(root)
        self.namespace = key.namespace()
        self.enabled = self.namespace is not None
        self.hits = 0
        self.stored = 0

    def key(self, content: str, suffix: str) -> str:
        return hashlib.sha256(
            f"{self.namespace}\x00{suffix.lower()}\x00{content}".encode()
        ).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.namespace is not None
        return self.root / self.namespace / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry stored under `key`, or None."""
        if not self.enabled:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                entry = _Unpickler(fh).load()
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is a miss, never an error
            return None
        if not isinstance(entry, tuple) or len(entry) != 4 or entry[0] != key:
            return None
        _, path, sheets, texts = entry
        if not isinstance(sheets, tuple) or not isinstance(texts, dict):
            return None
        self.hits += 1
        return Entry(path, sheets, texts)

    def put(self, key: str, entry: Entry) -> None:
        """Store atomically; a cache that cannot be written is skipped, silently."""
        if not self.enabled:
            return
        target = self._path(key)
        data = pickle.dumps(
            (key, entry.path, tuple(entry.sheets), dict(entry.texts)),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            self.enabled = False  # read-only or full: go on without storing
            return
        self.stored += 1


@dataclass(frozen=True)
class Entry:
    """An input's sheets as made under `path`, and their renderings (`texts[render id]`).

    A rendering is reused only for the same path; under another path the
    sheets are relocated and rendered again.
    """

    path: str
    sheets: tuple[Any, ...]
    texts: dict[str, tuple[str, ...]]

    def sheets_for(self, path: str) -> tuple[Any, ...]:
        return tuple(relocate(s, self.path, path) for s in self.sheets)

    def texts_for(self, path: str, render_id: str) -> tuple[str, ...] | None:
        texts = self.texts.get(render_id) if path == self.path else None
        return texts if texts is not None and len(texts) == len(self.sheets) else None


def relocate(sheet: Any, old: str, new: str) -> Any:
    """The sheet as made from `new`: `source.path` and every `at` start with the path."""
    if old == new:
        return sheet
    source = sheet.source
    if source.path != old and not source.path.startswith(old + "#"):
        raise ValueError(f"cached sheet for {source.path!r} is not under {old!r}")
    moved = dataclasses.replace(source, path=new + source.path[len(old) :])
    records = {
        name: tuple(_moved(r, source.path, moved.path) for r in rows)
        for name, rows in sheet.records.items()
    }
    return type(sheet)(
        claimx=sheet.claimx,
        source=moved,
        extractor=sheet.extractor,
        records=records,
        warnings=sheet.warnings,
    )


def _moved(record: Any, old: str, new: str) -> Any:
    if not record.at.startswith(old + ":"):
        raise ValueError(f"cached record at {record.at!r} is not under {old!r}")
    return dataclasses.replace(record, at=new + record.at[len(old) :])


class _Unpickler(pickle.Unpickler):
    """Only claimx's own dataclasses and NamedTuples: an entry can't run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "claimx" or module.startswith("claimx."):
            obj = super().find_class(module, name)
            if isinstance(obj, type) and (
                dataclasses.is_dataclass(obj)
                or (issubclass(obj, tuple) and hasattr(obj, "_fields"))
            ):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
