#!/usr/bin/env bash
# test-deps.sh makes sure what the tests talk to is here and running on a
# fresh Debian machine: a PostgreSQL server on 127.0.0.1:5432, a MariaDB
# server on 127.0.0.1:3306, Debian's Chromium for the browser tests and
# python3-aiosmtpd for the mail tests. It
# installs only what is missing.
set -euo pipefail

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
apt_updated=""
apt_install() {
	if [ -z "$apt_updated" ]; then $sudo apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
	echo "test-deps: installing Debian's chromium for the browser tests"
	apt_install chromium fonts-dejavu-core
fi

# Debian's python3-aiosmtpd, the real SMTP server the mail tests start.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
	echo "test-deps: installing Debian's python3-aiosmtpd for the mail tests"
	apt_install python3-aiosmtpd
fi

# axe-core, the accessibility engine the browser tests inject into every
# page, comes from the npm registry into a git-ignored folder.
root=$(cd "$(dirname "$0")/.." && pwd)
axe_dir="$root/.cache/test-deps"
axe_version=4.14.1
if ! grep -q "\"version\": \"$axe_version\"" "$axe_dir/node_modules/axe-core/package.json" 2>/dev/null; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "test-deps: installing Debian's npm for axe-core"
		apt_install npm
	fi
	echo "test-deps: installing axe-core for the accessibility checks"
	mkdir -p "$axe_dir"
	npm install --silent --no-audit --no-fund --prefix "$axe_dir" "axe-core@$axe_version" >/dev/null
fi

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up; then
	if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
		echo "test-deps: installing PostgreSQL"
		apt_install postgresql
	fi
	ver=$(ls /etc/postgresql | sort -V | tail -n 1)
	echo "test-deps: starting PostgreSQL $ver"
	$sudo pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
	for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "test-deps: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
# pg_dump and pg_restore, for the test that a dump restores.
command -v pg_dump >/dev/null 2>&1 || apt_install postgresql-client
# Debian's nginx, in front of two instances in the multi-instance test; the
# test starts its own, so nothing listens on port 80.
if ! [ -x /usr/sbin/nginx ]; then
	echo "test-deps: installing Debian's nginx for the multi-instance test"
	apt_install nginx-light
fi

# MariaDB on 127.0.0.1:3306, root without a password over TCP, for the
# Morgue import tests.
my_up() { (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; }
if ! my_up; then
	if ! command -v mariadbd >/dev/null 2>&1 && ! [ -x /usr/sbin/mariadbd ]; then
		echo "test-deps: installing MariaDB"
		apt_install mariadb-server
	fi
	echo "test-deps: starting MariaDB"
	$sudo service mariadb start >/dev/null 2>&1 || { $sudo mkdir -p /run/mysqld && $sudo chown mysql:mysql /run/mysqld && ($sudo mysqld_safe --user=mysql --bind-address=127.0.0.1 >/dev/null 2>&1 &); }
	for _ in $(seq 1 30); do my_up && break; sleep 1; done
fi
my_up || { echo "test-deps: MariaDB does not answer on 127.0.0.1:3306" >&2; exit 1; }
if ! mariadb -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1; then
	echo "test-deps: letting root sign in to MariaDB over TCP without a password"
	$sudo mariadb -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
fi
