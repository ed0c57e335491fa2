# Sourced by demo.sh and test.sh: installs the Debian/Ubuntu packages floatip's demo and tests need, only
# those missing. Needs root (or sudo) when something is missing.
floatip_install_deps() {
    missing=""
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $pkg"
        fi
    done
    [ -z "$missing" ] && return 0
    echo "installing:$missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "need root to install:$missing" >&2; return 1; }
        sudo=sudo
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    # The tests run haproxy, nginx and keepalived themselves, in namespaces: installing them must not start
    # the system's own copies. A policy-rc.d that says 101 stops that (if the machine has none already).
    guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        guard=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\n# floatip deps.sh: no service starts while installing test packages\nexit 101\n' \
            | $sudo tee "$guard" >/dev/null
        $sudo chmod 755 "$guard"
    fi
    # shellcheck disable=SC2086 # a list of package names
    status=0
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null \
        || status=$?
    [ -n "$guard" ] && $sudo rm -f "$guard"
    return $status
}

# What the agent needs at run time, and what the tests use as real peers and probes.
FLOATIP_RUNTIME_DEPS="libpcap0.8 iproute2 iputils-ping"
# groff-base: DocsTest renders the man page; systemd: UnitFileTest runs systemd-analyze verify (no systemd as PID 1
# needed); prometheus: promtool and a real Prometheus for the shipped alert rules; systemd-container and
# debootstrap: scripts/test-systemd.sh boots the package under a real systemd; frr: FrrInteropTest runs its zebra and
# vrrpd as a VRRP peer (the package's own service never starts: see policy-rc.d below).
FLOATIP_TEST_DEPS="$FLOATIP_RUNTIME_DEPS tcpdump keepalived procps haproxy nginx curl wget netcat-openbsd devscripts \
nftables groff-base systemd prometheus systemd-container debootstrap frr"

# What building needs (demo.sh and test.sh build first): Maven, and a JDK of 17 or later. Only what is
# missing: a machine that already has both keeps its own.
floatip_build_deps() {
    deps=""
    command -v mvn >/dev/null 2>&1 || deps="maven"
    version=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
    if [ -z "$version" ] || [ "$version" -lt 17 ]; then
        # Debian 12 and Ubuntu 22.04/24.04 have 17; a release without it has a newer default.
        if apt-cache show openjdk-17-jdk-headless >/dev/null 2>&1; then
            deps="$deps openjdk-17-jdk-headless"
        else
            deps="$deps default-jdk-headless"
        fi
    fi
    echo $deps
}
