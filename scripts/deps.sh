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
    # shellcheck disable=SC2086 # a list of package names
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
}

# What the agent needs at run time, and what the tests use as real peers and probes.
FLOATIP_RUNTIME_DEPS="libpcap0.8 iproute2 iputils-ping"
FLOATIP_TEST_DEPS="$FLOATIP_RUNTIME_DEPS tcpdump keepalived procps"
