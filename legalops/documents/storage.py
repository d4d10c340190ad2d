"""Generated files on disk under STORAGE_DIR: written to a temporary name, then renamed into place."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from legalops.core.errors import NotFound
from legalops.core.i18n import N_


def store_bytes(storage_dir: str | Path, relative: str, data: bytes) -> str:
    """Write `data` at storage_dir/relative atomically and return its sha256 (hex)."""
    root = Path(storage_dir).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"{relative!r} leaves the storage folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # A reader (or a killed job's re-run) sees the old file or the new one, never half of one.
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return hashlib.sha256(data).hexdigest()


def stored_path(storage_dir: str | Path, relative: str) -> Path:
    """Return the absolute path of a stored file, or NotFound if it is missing or outside storage."""
    root = Path(storage_dir).resolve()
    path = (root / relative).resolve()
    if not relative or not path.is_relative_to(root) or not path.is_file():
        raise NotFound(N_("The file is not available."))
    return path
