#!/usr/bin/env bash
# Source this file: makes sure what the tests need beyond node_modules is on this machine —
# PostgreSQL and MariaDB running (with a test user for MariaDB), and Debian's Chromium — and
# exports the variables that point Backstage's TestDatabases at them.

_fb_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "services: installing Chromium from Debian" >&2
  _fb_as_root apt-get update -qq >&2 &&
    _fb_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "services: starting PostgreSQL" >&2
  _fb_as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >&2 || true
fi

if command -v mysqladmin >/dev/null 2>&1 && ! mysqladmin -uroot --protocol=socket ping >/dev/null 2>&1; then
  echo "services: starting MariaDB" >&2
  _fb_as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2 || true
  for _ in $(seq 1 30); do
    mysqladmin -uroot --protocol=socket ping >/dev/null 2>&1 && break
    sleep 1
  done
fi

# TestDatabases needs a MySQL user with a password; create one for the tests.
if command -v mysql >/dev/null 2>&1 && mysqladmin -uroot --protocol=socket ping >/dev/null 2>&1; then
  mysql -uroot --protocol=socket -e "
    CREATE USER IF NOT EXISTS 'firebreak'@'127.0.0.1' IDENTIFIED BY 'firebreak';
    CREATE USER IF NOT EXISTS 'firebreak'@'localhost' IDENTIFIED BY 'firebreak';
    GRANT ALL PRIVILEGES ON *.* TO 'firebreak'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON *.* TO 'firebreak'@'localhost';" >&2 || true
  export BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING:-mysql://firebreak:firebreak@127.0.0.1:3306/mysql}"
fi

# Every TestDatabases database has a pool of up to 5 connections, and jest runs several test files
# at once: PostgreSQL's default of 100 connections runs out ("too many clients already").
# Backstage's own test PostgreSQL allows 1000; ask for 500, once (it takes a restart).
if command -v psql >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  _fb_pg_max="$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW max_connections' 2>/dev/null || true)"
  if [ -n "$_fb_pg_max" ] && [ "$_fb_pg_max" -lt 500 ]; then
    echo "services: raising PostgreSQL's max_connections from $_fb_pg_max to 500 (restarts it)" >&2
    psql -h 127.0.0.1 -U postgres -qc 'ALTER SYSTEM SET max_connections = 500' >&2 &&
      _fb_as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main restart >&2 || true
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 -p 5432 && break
      sleep 1
    done
  fi
  unset _fb_pg_max
fi

if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
fi

# With CI set, TestDatabases would otherwise count every Docker-backed database as available.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

unset -f _fb_as_root
