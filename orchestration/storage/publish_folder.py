"""The publish folder as one atomic unit. ``data/publish`` is a symbolic link to a complete release folder
(``data/.publish.releases/<release_id>/``). A run writes into its own staging folder, which starts as hard links to
the current release's files (so a run that rebuilds only the report still publishes the exports beside it); the
last publish step writes ``RELEASE.json`` (every file with its size and SHA-256) and swaps the link with one
``rename``. Readers therefore see the complete old release or the complete new one, never a mix, whatever moment a
refresh is killed at. Files in a staging folder are only ever replaced (written beside and renamed), never written
in place, so a hard link never changes a published file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

RELEASE_FILE = "RELEASE.json"
STAGING_PREFIX = ".staging-"
KEEP_RELEASES = 2  # the current one and the one before (a reader that resolved the old link keeps a whole folder)
STALE_STAGING_SECONDS = 3600.0  # a staging folder untouched this long belongs to a run that died


class PublishError(RuntimeError):
    """The publish folder cannot be staged or released."""


def releases_dir(publish_dir: Path) -> Path:
    return publish_dir.parent / f".{publish_dir.name}.releases"


def current_release(publish_dir: Path) -> Path | None:
    """The folder readers see now (None before the first release)."""
    return publish_dir.resolve() if publish_dir.exists() else None


def _safe_token(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:64] or "run"


def staging_dir(publish_dir: Path, run_id: str) -> Path:
    """The run's staging folder, created on first use as hard links to the current release's files (write-ahead logs,
    dot-files and partial files are left out: they never belong to a release)."""
    staged = releases_dir(publish_dir) / f"{STAGING_PREFIX}{_safe_token(run_id)}"
    if staged.exists():
        return staged
    building = staged.with_name(staged.name + ".partial")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    current = current_release(publish_dir)
    if current is not None and current.is_dir():
        for path in sorted(current.rglob("*")):
            relative = path.relative_to(current)
            if path.is_dir() or path.name == RELEASE_FILE or path.name.endswith((".wal", ".partial")) \
                    or any(part.startswith(".") for part in relative.parts):
                continue
            target = building / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:  # a file system without hard links: copy
                shutil.copy2(path, target)
    os.replace(building, staged)
    return staged


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_manifest(folder: Path) -> dict:
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and path.name != RELEASE_FILE and not any(p.startswith(".") for p in relative.parts):
            files[relative.as_posix()] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
    return files


def verify_release(folder: Path) -> list[str]:
    """What is wrong with a release folder (empty when every listed file is there with its size and hash)."""
    manifest_path = folder / RELEASE_FILE
    if not manifest_path.exists():
        return [f"{folder}: no {RELEASE_FILE}"]
    listed = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    problems = []
    for name, meta in listed.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in {RELEASE_FILE} but missing")
        elif path.stat().st_size != meta["bytes"] or _sha256(path) != meta["sha256"]:
            problems.append(f"{name}: differs from {RELEASE_FILE}")
    return problems


def _point_link(publish_dir: Path, release: Path) -> None:
    """Make ``publish_dir`` a link to ``release`` in one rename (atomic on POSIX file systems)."""
    if publish_dir.exists() and not publish_dir.is_symlink():
        # a publish folder from before releases existed (or one someone made by hand): it becomes a release itself,
        # once; this is the only step that is not atomic
        legacy = releases_dir(publish_dir) / f"legacy-{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}"
        os.replace(publish_dir, legacy)
    link = publish_dir.with_name(f".{publish_dir.name}.link-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(release, publish_dir.parent), link, target_is_directory=True)
    os.replace(link, publish_dir)


def release(publish_dir: Path, run_id: str, note: dict | None = None) -> Path:
    """Publish the run's staging folder: write its manifest, rename it to a release and swap the link. Older
    releases beyond ``KEEP_RELEASES`` and staging folders of runs that died are removed afterwards."""
    staged = staging_dir(publish_dir, run_id)
    released_at = datetime.now(timezone.utc)
    release_id = f"{released_at:%Y%m%dT%H%M%S%fZ}-{_safe_token(run_id)[:8]}"
    files = release_manifest(staged)
    if not files:
        raise PublishError(f"{staged}: nothing staged to publish")
    manifest = {"release_id": release_id, "released_at": released_at.isoformat(timespec="seconds"),
                "run_id": run_id, **(note or {}), "files": files}
    partial = staged / f".{RELEASE_FILE}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, staged / RELEASE_FILE)
    final = releases_dir(publish_dir) / release_id
    os.replace(staged, final)
    _point_link(publish_dir, final)
    _prune(publish_dir, keep=final)
    return final


def _prune(publish_dir: Path, keep: Path) -> None:
    root = releases_dir(publish_dir)
    now = time.time()
    releases = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    kept = [keep] + [p for p in releases if p != keep][:KEEP_RELEASES - 1]
    for path in releases:
        if path not in kept:
            shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(f"{STAGING_PREFIX}*"):
        if now - path.stat().st_mtime > STALE_STAGING_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
