#!/bin/sh
# Installs the built Debian package (agent/target/floatip_*.deb), checks what it put on the machine, then purges
# it and checks that it is gone. Run after `mvn -B package`, as root. Safe on a CI machine: no service is started
# (a policy-rc.d forbids it while the package is installed, and the package never starts floatip itself), it
# sends no traffic (doctor runs on lo, without listening), and a floatip that this script did not install is never
# touched. Last line: "N passed, N failed"; exit 1 if anything failed.
# Test commands are single-quoted on purpose: they expand in the shell that runs them, not here.
# shellcheck disable=SC2016
set -u
cd "$(dirname "$0")/.." || exit 1

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $1"; }
# check NAME COMMAND...: one test, passing when the command exits 0.
check() {
    name=$1
    shift
    if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name"; printf '%s\n' "$out" | sed 's/^/    /'; fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

if [ "$(id -u)" -ne 0 ]; then
    if [ "${CI:-}" = true ]; then
        not_ok "test-deb.sh needs root (dpkg -i); under CI a skipped test is a failure"
        finish
    fi
    echo "test-deb.sh needs root (dpkg -i): skipped"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi

# The newest, should an older version's package still lie there (the names have no spaces).
# shellcheck disable=SC2012
deb=$(ls -t agent/target/floatip_*_all.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
    not_ok "a package to test: no agent/target/floatip_*_all.deb (run mvn -B package first)"
    finish
fi
echo "testing $deb"

# Ours to remove only if a run of this script installed it (the marker), never an operator's floatip. The
# marker lists the users the run created: the package leaves its users on purge, as Debian packages do, but a
# test must leave the machine as it found it (a floatip_script user changes which user other tests' scripts run
# as).
marker=/var/lib/floatip-test-deb.installed
remove_created_users() {
    [ -f "$marker" ] || return 0
    while read -r user; do
        deluser --quiet --system "$user" >/dev/null 2>&1 </dev/null
        if getent group "$user" >/dev/null; then delgroup --quiet --system "$user" >/dev/null 2>&1 </dev/null; fi
    done <"$marker"
    rm -f "$marker"
}
if dpkg-query -W -f='${Status}' floatip 2>/dev/null | grep -q 'installed'; then
    if [ -e "$marker" ]; then
        echo "purging the floatip left installed by an interrupted run"
        dpkg --purge floatip >/dev/null
        remove_created_users
    else
        not_ok "floatip is already installed on this machine and this script did not install it: refusing to replace it"
        finish
    fi
fi

guard=""
# shellcheck disable=SC2317 # run by the trap
cleanup() {
    if [ -e "$marker" ]; then
        dpkg --purge floatip >/dev/null 2>&1
        remove_created_users
    fi
    [ -n "$guard" ] && rm -f "$guard"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# As scripts/deps.sh: exit 101 tells invoke-rc.d and deb-systemd-invoke that no service may start.
if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# floatip test-deb.sh: no service starts while the package is under test\nexit 101\n' >"$guard"
    chmod 755 "$guard"
fi

: >"$marker"
for user in floatip floatip_script; do
    if ! getent passwd "$user" >/dev/null && ! getent group "$user" >/dev/null; then
        echo "$user" >>"$marker"
    fi
done
if ! dpkg -i "$deb" >/tmp/floatip-test-deb.log 2>&1; then
    # Missing dependencies leave it unpacked: let apt bring them and finish the configuration.
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q --no-install-recommends >>/tmp/floatip-test-deb.log 2>&1
fi
if dpkg-query -W -f='${Status}' floatip 2>/dev/null | grep -q 'install ok installed'; then
    ok "dpkg -i $deb"
else
    not_ok "dpkg -i $deb"
    sed 's/^/    /' /tmp/floatip-test-deb.log
    finish
fi

# mode owner group path: one test per file.
has_mode() {
    check "$4 is $1 $2:$3" sh -c 'test "$(stat -c "%a %U:%G" "$1")" = "$2"' sh "$4" "$1 $2:$3"
}
has_mode 644 root root /usr/share/floatip/floatip.jar
has_mode 755 root root /usr/bin/floatip
has_mode 644 root root /usr/share/floatip/floatip.classlist
has_mode 755 root root /usr/share/floatip/floatip-archive
has_mode 644 root root /var/cache/floatip/floatip.jsa
has_mode 644 root root /lib/systemd/system/floatip.service
has_mode 640 root floatip /etc/floatip/floatip.yaml
for script in check_haproxy check_http check_nginx check_process check_tcp; do
    has_mode 755 root root /usr/share/floatip/check-scripts/$script
done
has_mode 644 root root /usr/share/bash-completion/completions/floatip
has_mode 644 root root /usr/share/man/man1/floatip.1.gz
has_mode 644 root root /usr/share/man/man5/floatip.yaml.5.gz
has_mode 644 root root /usr/share/doc/floatip/README.md
has_mode 644 root root /usr/share/doc/floatip/REFERENCE.md
has_mode 644 root root /usr/share/doc/floatip/examples/floatip.yaml
check "the config is a conffile" sh -c "dpkg-query -W -f='\${Conffiles}' floatip | grep -q ' /etc/floatip/floatip.yaml '"
check "the unit runs the packaged launcher" grep -qx 'ExecStart=/usr/bin/floatip run -c /etc/floatip/floatip.yaml' \
    /lib/systemd/system/floatip.service

check "floatip --version" sh -c 'floatip --version | grep -q "^floatip [0-9]"'
# One version everywhere: what --version (and status, and /metrics) says is the package's version (a Maven
# -SNAPSHOT, which the package spells ~snapshot so that it sorts before the release, aside).
check "floatip --version is the package's version" sh -c \
    'test "$(floatip --version | sed -n "s/^floatip \([^ ]*\) .*/\1/p" | sed "s/-SNAPSHOT\$/~snapshot/")" = \
          "$(dpkg-query -W -f="\${Version}" floatip)"'
# -Xshare:on makes the JVM refuse to start unless it can map the archive postinst made for this host.
check "the launcher maps the class-data archive postinst made" sh -c \
    'FLOATIP_JAVA_OPTS=-Xshare:on floatip --version | grep -q "^floatip [0-9]"'
check "a JDK package change makes the archive again (dpkg trigger)" sh -c \
    'rm -f /var/cache/floatip/floatip.jsa && dpkg-trigger --no-await /usr/lib/jvm && dpkg --triggers-only --pending &&
     test -f /var/cache/floatip/floatip.jsa'
check "floatip check-config -c /etc/floatip/floatip.yaml" floatip check-config -c /etc/floatip/floatip.yaml
check "floatip check-config on the default path" floatip check-config

check "user floatip" id floatip
check "user floatip_script" id floatip_script
check "group floatip" getent group floatip
check "floatip is a system user without a login or home" \
    sh -c 'getent passwd floatip | grep -Eq "^floatip:x:[0-9]+:[0-9]+:.*:/nonexistent:/usr/sbin/nologin$"'
check "no floatip process was started" sh -c '! pgrep -u floatip >/dev/null'

# The packaged check scripts pass the loader's script safety (root's, not writable by others) and the packaged
# script user is found: check-config runs the host checks.
tmp=$(mktemp -d)
cat >"$tmp/scripts.yaml" <<'YAML'
scripts:
  chk_tcp: {command: /usr/share/floatip/check-scripts/check_tcp 127.0.0.1 9}
instances:
  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50/24], track_scripts: [chk_tcp]}
YAML
check "the packaged check scripts are safe to run" floatip check-config -c "$tmp/scripts.yaml"
# doctor from the package, on lo with a unicast instance and no listening: no frame leaves this machine.
cat >"$tmp/lo.yaml" <<'YAML'
instances:
  VI_1: {interface: lo, vrid: 51, virtual_ips: [198.51.100.50/32], unicast_peers: [127.0.0.2]}
YAML
check "floatip doctor runs from the package" sh -c 'floatip doctor --listen 0 -c "$1" >"$2/doctor.out"; rc=$?;
    cat "$2/doctor.out"; [ $rc -le 1 ] && grep -q "^OK    libpcap: loads$" "$2/doctor.out" &&
    grep -q "^OK    interface lo: up, carrier" "$2/doctor.out"' sh "$tmp/lo.yaml" "$tmp"
rm -rf "$tmp"

check "bash completion loads" bash -c 'source /usr/share/bash-completion/completions/floatip && complete -p floatip'
check "bash completion offers doctor" bash -c 'source /usr/share/bash-completion/completions/floatip &&
    COMP_WORDS=(floatip do) COMP_CWORD=1 && _complete_floatip && [ "${COMPREPLY[*]}" = doctor ]'
if command -v man >/dev/null 2>&1; then
    check "man -l renders floatip.1.gz" sh -c 'MANWIDTH=80 man -P cat -l /usr/share/man/man1/floatip.1.gz | grep -q "floatip doctor"'
    check "the man page renders without warnings" sh -c \
        'test -z "$(MANWIDTH=80 man --warnings -P cat -l /usr/share/man/man1/floatip.1.gz 2>&1 >/dev/null)"'
    check "man 5 floatip.yaml renders without warnings" sh -c \
        'MANWIDTH=80 man -P cat -l /usr/share/man/man5/floatip.yaml.5.gz | grep -q "preempt_delay" &&
         test -z "$(MANWIDTH=80 man --warnings -P cat -l /usr/share/man/man5/floatip.yaml.5.gz 2>&1 >/dev/null)"'
else
    check "the man page is roff" sh -c 'zcat /usr/share/man/man1/floatip.1.gz | grep -q "^\.TH FLOATIP 1"'
    check "floatip.yaml(5) is roff" sh -c 'zcat /usr/share/man/man5/floatip.yaml.5.gz | grep -q "^\.TH FLOATIP.YAML 5"'
fi

# A second install runs postinst again over the existing users and statoverride.
check "installing again is idempotent" dpkg -i "$deb"

check "dpkg --remove floatip" dpkg --remove floatip
check "remove takes the program away" sh -c '! test -e /usr/bin/floatip && ! test -e /usr/share/floatip &&
    ! test -e /var/cache/floatip'
check "remove keeps the config" test -f /etc/floatip/floatip.yaml
check "dpkg --purge floatip" dpkg --purge floatip
created=$(cat "$marker")
remove_created_users
for user in $created; do
    check "the user $user this test created is removed again" sh -c '! getent passwd "$1" && ! getent group "$1"' sh "$user"
done
check "purge takes the config away" sh -c '! test -e /etc/floatip'
check "purge drops the statoverride" sh -c '! dpkg-statoverride --list /etc/floatip/floatip.yaml'
check "the package is gone" sh -c '! dpkg-query -W -f="\${Status}" floatip 2>/dev/null | grep -q installed'
check "no file of it is left" sh -c '! test -e /usr/share/man/man1/floatip.1.gz && ! test -e /usr/share/man/man5/floatip.yaml.5.gz && 
    ! test -e /usr/share/bash-completion/completions/floatip && ! test -e /lib/systemd/system/floatip.service'

finish
