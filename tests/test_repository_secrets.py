"""No secret is committed: no instance folder, key files, private keys, live-looking tokens or hard-coded secret keys."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SECRET_PATTERNS = {
    "private key": re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(rb"\bAKIA[0-9A-Z]{16}\b"),
    "firm API token": re.compile(rb"\blo_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}"),
    "secret key assignment": re.compile(rb"""SECRET_KEY\s*[:=]\s*['"][^'"]{12,}['"]"""),
    "password in a URL": re.compile(rb"\b(?:postgres(?:ql)?|redis|smtps?)://[^:/\s'\"]+:[^@/\s'\"{]{6,}@"),
}


def _tracked() -> list[str]:
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in result.stdout.decode().split("\0") if name]


def test_no_secret_files_are_tracked():
    bad = [name for name in _tracked()
           if name.startswith("instance/") or Path(name).name in {".env", "secret_key"}
           or name.endswith((".pem", ".key", ".sqlite3", ".db"))]
    assert not bad, bad


def test_no_secret_values_in_tracked_files():
    found = []
    for name in _tracked():
        # Tests may hold throw-away keys for their own apps; the application and its scripts may not.
        if name.startswith("tests/"):
            continue
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        data = path.read_bytes()
        found += [f"{name}: {label}" for label, pattern in SECRET_PATTERNS.items() if pattern.search(data)]
    assert not found, found
