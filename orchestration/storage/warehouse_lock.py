"""One writer, whoever starts it: every refresh (``make run``, a run launched in the Dagster UI, the yearly schedule,
the inbox sensor) holds the warehouse lock for its whole life.

The lock is ``<warehouse_dir>/refresh.lock``: an exclusive ``flock`` held by the refreshing process, and the file's
content naming the holder (run id, PID, host, start time, how it was started). The operating system releases a
``flock`` when its process ends however it ends (``kill -9`` included), so a lock is never left held by a dead
process; the holder's description stays in the file, and the next refresh takes over with a warning naming the dead
holder. A second refresh refuses at once naming the holder, or waits when asked. Within one process the lock is
re-entrant (``make run`` holds it and the run it executes in process finds it held by its own process).
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

LOCK_NAME = "refresh.lock"
_HELD: dict[str, "WarehouseLock"] = {}  # lock path -> the lock this process holds


class RefreshRunning(RuntimeError):
    """Another refresh holds the warehouse lock."""

    def __init__(self, holder: dict, path: Path):
        self.holder, self.path = holder, path
        super().__init__(describe_refusal(holder, path))


def describe_holder(holder: dict) -> str:
    run = holder.get("run_id") or "(no run id yet)"
    return (f"run {run}, started {holder.get('started', '?')} by {holder.get('how', '?')}, PID {holder.get('pid', '?')}"
            f" on {holder.get('host', '?')}")


def describe_refusal(holder: dict, path: Path) -> str:
    return f"another refresh is running: {describe_holder(holder)} (lock {path})"


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8").strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def _alive(pid: int | None, host: str | None) -> bool:
    if not pid or host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class WarehouseLock:
    path: Path
    holder: dict
    fd: int
    taken_over: dict | None = None  # the description a dead holder left behind, if any
    depth: int = 1

    def set_run_id(self, run_id: str) -> None:
        """Name the Dagster run once it exists (the lock is taken before the run is created)."""
        if not self.holder.get("run_id"):
            self.holder["run_id"] = run_id
            _write(self.fd, self.holder)

    def release(self) -> None:
        self.depth -= 1
        if self.depth > 0:
            return
        _HELD.pop(str(self.path), None)
        try:
            os.ftruncate(self.fd, 0)  # no holder any more: nothing to take over
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)

    def __enter__(self) -> "WarehouseLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _write(fd: int, holder: dict) -> None:
    data = json.dumps(holder, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
    os.fsync(fd)


def held_here(warehouse_dir: Path) -> WarehouseLock | None:
    """The lock of ``warehouse_dir`` if this process holds it."""
    return _HELD.get(str(Path(warehouse_dir) / LOCK_NAME))


def acquire(warehouse_dir: Path, how: str, run_id: str | None = None, wait: bool = False,
            poll_seconds: float = 1.0, on_wait=None) -> WarehouseLock:
    """Take the warehouse lock (re-entrant within a process). Raises :class:`RefreshRunning` when another process
    holds it, or, with ``wait``, blocks until it is free (``on_wait(holder)`` is called once, to say so)."""
    warehouse_dir = Path(warehouse_dir)
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    path = warehouse_dir / LOCK_NAME
    mine = _HELD.get(str(path))
    if mine is not None:
        mine.depth += 1
        return mine
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = _read(path)
            if not wait:
                os.close(fd)
                raise RefreshRunning(holder, path) from None
            if not told and on_wait is not None:
                on_wait(holder)
                told = True
            time.sleep(poll_seconds)
    left = _read(path)  # a description with no live flock behind it: its process died mid-refresh
    holder = {"run_id": run_id, "pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "how": how}
    _write(fd, holder)
    lock = WarehouseLock(path, holder, fd, taken_over=left or None)
    _HELD[str(path)] = lock
    return lock


def took_over_message(lock: WarehouseLock) -> str | None:
    """The warning for a lock taken over from a holder that is gone."""
    left = lock.taken_over
    if not left:
        return None
    state = "no longer running" if not _alive(left.get("pid"), left.get("host")) else "gone from the lock"
    return f"took over the warehouse lock left by {describe_holder(left)}, which is {state}"
