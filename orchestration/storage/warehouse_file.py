"""The warehouse file itself: is it whole, the last good copy kept beside it, and copies that never leave anything
half-written behind.

* **Health.** Before a refresh copies the warehouse it checks it: the file opens, its schemas are there and its
  bookkeeping tables read. A damaged file (truncated by a disk fault, zero-filled, cut short in a copy) gets one
  clear message instead of one low-level error per extract.
* **The last good copy.** Every successful swap keeps the warehouse it replaces as ``metric.duckdb.previous``. A
  damaged warehouse is moved aside (``metric.duckdb.damaged-<time>``) and the previous copy restored, so the history,
  the vintages and the revisions come back as they were one refresh ago; where no good copy exists,
  ``make rebuild`` builds a new warehouse from the snapshot and every recorded vintage.
* **Disk full.** A copy is checked against the free space first and any failed write (ENOSPC, a read-only folder)
  removes what it wrote and says which path, how much was needed and how much was free.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb

PREVIOUS_SUFFIX = ".previous"
BOOKKEEPING = ("raw.vintages", "raw.source_files")  # tables every refreshed warehouse has


class WarehouseDamaged(RuntimeError):
    """The warehouse file cannot be used and no good copy could replace it."""


class NoSpace(OSError):
    """A write failed for want of space or permission; nothing half-written was left."""


def health(path: Path) -> str | None:
    """None when the warehouse at ``path`` opens and its bookkeeping reads (or it does not exist yet: a first
    refresh), else what is wrong, in one line."""
    path = Path(path)
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "the file is empty"
    try:
        con = duckdb.connect(str(path), read_only=True)
    except Exception as exc:  # duckdb raises IOException, InvalidInputException, ... for a damaged file
        return f"it does not open: {str(exc).splitlines()[0]}"
    try:
        schemas = {r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()}
        if "raw" not in schemas:
            return "it has no raw schema"
        for table in BOOKKEEPING:
            con.execute(f"select count(*) from {table}").fetchone()
    except Exception as exc:
        return f"its bookkeeping does not read: {str(exc).splitlines()[0]}"
    finally:
        con.close()
    return None


def previous_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + PREVIOUS_SUFFIX)


def keep_previous(path: Path) -> None:
    """Before ``path`` is replaced: keep it as the last good copy (a hard link where the file system allows, so it
    costs no space until the swap)."""
    path, previous = Path(path), previous_path(path)
    if not path.exists():
        return
    tmp = previous.with_name(previous.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(path, tmp)
    except OSError:
        copy_file(path, tmp)
    os.replace(tmp, previous)


def heal(path: Path) -> str | None:
    """If the warehouse at ``path`` is damaged: move it aside and restore the last good copy. Returns a warning
    saying what was done, None when the warehouse is whole; raises :class:`WarehouseDamaged` when no good copy
    exists (with what to do)."""
    path = Path(path)
    problem = health(path)
    if problem is None:
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    previous = previous_path(path)
    good = previous.exists() and health(previous) is None
    if not good:
        raise WarehouseDamaged(
            f"the warehouse {path} is damaged ({problem}) and there is no good copy to restore "
            f"({previous.name} {'is damaged too' if previous.exists() else 'does not exist'}): run `make rebuild` to "
            "build a new warehouse from the snapshot and every recorded vintage in data/vintages/")
    os.replace(path, aside)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + ".wal"))
    copy_file(previous, path)
    return (f"the warehouse {path} was damaged ({problem}): moved aside to {aside.name} and restored the last good "
            f"copy {previous.name} (the history as of the refresh before the last one)")


def copy_file(source: Path, target: Path) -> None:
    """Copy with the free space checked first; on any failed write the partial target is removed and
    :class:`NoSpace` names the path, the bytes needed and the bytes free."""
    source, target = Path(source), Path(target)
    needed = source.stat().st_size
    target.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target.parent).free
    if needed > free:
        raise NoSpace(errno.ENOSPC, f"not enough space to write {target}: {_size(needed)} needed, "
                                    f"{_size(free)} free")
    try:
        shutil.copy2(source, target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        free = shutil.disk_usage(target.parent).free
        reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "the folder is read-only",
                  errno.EACCES: "no permission to write", errno.EDQUOT: "the disk quota is exceeded"}.get(
                      exc.errno, exc.strerror or str(exc))
        raise NoSpace(exc.errno or errno.EIO, f"could not write {target}: {reason} ({_size(needed)} needed, "
                                              f"{_size(free)} free); nothing was changed") from None


_SPACE_ERRORS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the folder is read-only",
                 errno.EACCES: "no permission to write", errno.EDQUOT: "the disk quota is exceeded"}


@contextmanager
def disk_errors(folder: Path, what: str, needed: int | None = None, cleanup: Path | None = None) -> Iterator[None]:
    """Writes into ``folder`` (``what``: a release, a vintage) that fail for want of space or permission become one
    :class:`NoSpace` naming the path, the bytes needed (``needed``, where known or estimated) and the bytes free;
    ``cleanup`` (a staging folder) is removed first, so nothing half-written stays."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _SPACE_ERRORS or isinstance(exc, NoSpace):
            raise
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
        target = Path(getattr(exc, "filename", None) or folder)
        probe = next((p for p in (target, *target.parents) if p.exists()), Path("/"))
        free = shutil.disk_usage(probe if probe.is_dir() else probe.parent).free
        need = f"about {_size(needed)} needed, " if needed else ""
        raise NoSpace(exc.errno, f"could not write {what} at {target}: {_SPACE_ERRORS[exc.errno]} ({need}"
                                 f"{_size(free)} free); the published and recorded data are as they were") from None


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (0 when it does not exist): what a new release of it needs, roughly."""
    folder = Path(folder)
    if not folder.exists():
        return 0
    return sum(p.stat().st_size for p in folder.resolve().rglob("*") if p.is_file())


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
