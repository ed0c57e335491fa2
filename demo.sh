#!/bin/sh
# Quick start 1: the demo pair. Builds floatip (if needed), then runs `floatip demo` as root: two agents in
# network namespaces of their own hand a virtual IP back and forth while a client keeps reaching it.
set -eu
cd "$(dirname "$0")"
. ./scripts/deps.sh
floatip_install_deps $FLOATIP_RUNTIME_DEPS $(floatip_build_deps)
if [ ! -f agent/target/floatip.jar ] || [ -n "$(find agent/src pom.xml agent/pom.xml -newer agent/target/floatip.jar | head -1)" ]; then
    mvn -B -q package -DskipTests
fi
if [ "$(id -u)" -ne 0 ]; then
    exec sudo agent/bin/floatip demo "$@"
fi
exec agent/bin/floatip demo "$@"
