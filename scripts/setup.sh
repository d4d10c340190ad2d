#!/usr/bin/env bash
# Install whatever this machine is missing for LegalOps: Debian packages, the virtualenv, compiled translations.
# Idempotent and quick when everything is already there; `make run` and `make test` call it.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(
  redis-server            # job queue (RQ) and the test suite's Redis
  postgresql              # the test suite's PostgreSQL server binaries
  postgresql-contrib      # pg_trgm for fast case search
  chromium                # browser tests (Playwright drives the system browser)
  fonts-noto-cjk          # Chinese text in the UI and in PDFs
  fonts-wqy-zenhei
  libharfbuzz-subset0     # fast font subsetting in WeasyPrint
  libpango-1.0-0 libpangoft2-1.0-0
  poppler-utils           # pdftotext / pdftoppm for document tests
)

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Compiled catalogues are build products, not sources: rebuild when a .po is newer.
for po in legalops/translations/*/LC_MESSAGES/messages.po; do
  [ -f "$po" ] || continue
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    .venv/bin/pybabel -q compile -f -i "$po" -o "$mo"
  fi
done
