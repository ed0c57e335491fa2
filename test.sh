#!/bin/sh
# Quick start 2: every test. Installs what the tests need, then builds and runs the unit, host (network
# namespaces, real libpcap and netlink) and peer tests and the mutation tests of the protocol core, then
# smoke-tests the packaged launcher.
# Host tests need root; under CI=true a skipped host test is a failure.
set -eu
cd "$(dirname "$0")"
. ./scripts/deps.sh
floatip_install_deps $FLOATIP_TEST_DEPS $(floatip_build_deps)
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    exec sudo -E "$0" "$@"
fi
# -Ppit: mutation testing of the pure core after the tests (agent/MUTATION.md); fails under 90 % killed.
rm -rf agent/target/pit-reports
mvn -B -Ppit package "$@"
./scripts/pit-score.sh agent/target/pit-reports/mutations.xml 90
# The launcher and the packaged jar, as an operator runs them.
agent/bin/floatip --version
agent/bin/floatip check-config -c examples/floatip.yaml
# The Debian package, installed, checked and purged again (root; no service starts).
./scripts/test-deb.sh
# The same package under a real systemd, in two containers (root; about two minutes, the first run longer).
./scripts/test-systemd.sh
