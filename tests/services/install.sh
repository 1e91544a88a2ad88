#!/usr/bin/env bash
# Installs the system services and tools that parts of the test suite need, and says what is
# missing when it cannot install them. The README's test command runs it before pytest.
#
#   bash tests/services/install.sh          # install what is missing (apt-get and npm when root)
#   bash tests/services/install.sh --check  # only say what is missing
#
# Each service is needed only by the tests named beside it; without it those tests skip
# and say why, except under CI=true, where they fail (tests/services/__init__.py).
set -uo pipefail
cd "$(dirname "$0")/../.."

check_only=0
[ "${1:-}" = "--check" ] && check_only=1
missing=()
apt_packages=()

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ $check_only = 0 ]; }

# Node packages for the editor extension (tests/test_editor_grammar.py): the TextMate grammar
# tests and the .vsix build. Node.js and npm come with the machine; `npm ci` reads the lock file.
if [ -f editors/vscode/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_packages+=(nodejs npm)
  fi
fi

# Chromium for the browser tests of the framework explorer (tests/test_doc_browser.py) and
# Graphviz's dot for its graph drawing (critc doc; tests/test_doc_site.py).
if [ -f compiler/report/site.py ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
  command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)
fi

# A PostgreSQL server for the database reader and the SQL target's tests on PostgreSQL
# (tests/test_db.py, tests/test_sql_postgres.py): the tests start their own server with initdb and
# pg_ctl on a temporary data directory and a loopback port, so only the binaries are needed.
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_packages+=(postgresql)
fi

# Java for Apache Spark in local mode (pyspark; the SQL target's tests on Spark).
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)

if [ ${#apt_packages[@]} -gt 0 ]; then
  if can_apt; then
    echo "tests/services: apt-get install ${apt_packages[*]}"
    apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null || \
      missing+=("${apt_packages[@]} (apt-get failed)")
  else
    missing+=("${apt_packages[@]} (Debian packages; install them as root)")
  fi
fi

if [ -f editors/vscode/package.json ] && command -v npm >/dev/null 2>&1; then
  if [ ! -d editors/vscode/node_modules ] || [ editors/vscode/package-lock.json -nt editors/vscode/node_modules ]; then
    if [ $check_only = 0 ]; then
      echo "tests/services: npm ci in editors/vscode"
      (cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || \
        missing+=("editors/vscode node packages (npm ci failed)")
    else
      missing+=("editors/vscode node packages (run npm ci in editors/vscode)")
    fi
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/services: missing, the tests that need them will skip (or fail under CI=true):"
  printf '  - %s\n' "${missing[@]}"
fi
exit 0
