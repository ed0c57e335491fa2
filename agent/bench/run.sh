#!/bin/sh
# floatip against keepalived on the same lab topology (issue #8): failover times, client-visible outage and
# footprint, one table side by side, a chart, and BENCHMARKS.md's generated sections. Needs root: the lab is
# made of network namespaces and both agents send raw frames. Everything runs inside the lab's namespaces,
# on 198.51.100.0/24 (and 203.0.113.0/24 for --scale's VIPs above 100 instances).
#
#   agent/bench/run.sh            full run: 7 repetitions at 1 s, 100 ms and 10 ms (about 25 min on 2 cores)
#   agent/bench/run.sh --quick    smoke run: 3 repetitions at 100 ms, 20 s CPU windows (about 6 min)
#   agent/bench/run.sh --proxy [REPS]   haproxy killed on the master (REPS each, default 7), and a VIP that
#                      fails over and back (about 7 min)
#   agent/bench/run.sh --proxy-kill [REPS]   only floatip's kill cells, REPS each (default 7), printed (tuning)
#   agent/bench/run.sh --soak [MINUTES]   both pairs at 20 ms under stress-ng for MINUTES (default 10)
#   agent/bench/run.sh --idle-threads [SECONDS]   where an idle master's CPU goes, per thread (default 60)
#   agent/bench/run.sh --scale    255 instances at 100 ms and 50 at 10 ms, three start histories (about 10 min)
#   agent/bench/run.sh --scale --cells 1x50 --histories together --only floatip --jars A=old.jar,B=new.jar
#                      --reps 4 [--busy K] [--cpu-window S]: one cell, builds in turn (A, B, A, B), per-thread
#                      wake-ups, under K busy loops; prints, writes nothing
set -eu
here=$(cd "$(dirname "$0")" && pwd)
agent=$(dirname "$here")
root=$(dirname "$agent")

mode=full
minutes=10
reps=7
seconds=60
# optional_number DEFAULT NEXT: NEXT if it is a whole number (status 0: the caller shifts it), else DEFAULT (1).
optional_number() {
    if [ -n "${2:-}" ] && [ "$2" -eq "$2" ] 2>/dev/null; then
        echo "$2"
        return 0
    fi
    echo "$1"
    return 1
}
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) mode=quick ;;
        --scale)
            mode=scale
            shift
            break ;; # the rest is BenchMain's (--cells, --histories, --jars, --reps, --busy, --only)
        --proxy) mode=proxy; reps=$(optional_number 7 "${2:-}") && shift ;;
        --proxy-kill) mode=proxykill; reps=$(optional_number 7 "${2:-}") && shift ;;
        --soak) mode=soak; minutes=$(optional_number 10 "${2:-}") && shift ;;
        --idle-threads) mode=threads; seconds=$(optional_number 60 "${2:-}") && shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ "$(id -u)" -ne 0 ]; then
    echo "run.sh: needs root (network namespaces, raw frames); run: sudo $0" >&2
    exit 1
fi

# Only what is missing: the lab's and the agents' packages, gnuplot for the chart, stress-ng for the soak.
. "$root/scripts/deps.sh"
needed="libpcap0.8 iproute2 iputils-ping tcpdump keepalived procps gnuplot-nox"
[ "$mode" = soak ] && needed="$needed stress-ng"
case "$mode" in proxy|proxykill) needed="$needed haproxy" ;; esac
# shellcheck disable=SC2086 # a list of package names
floatip_install_deps $needed

# Build when the jar or the benchmark's classes are missing or older than a source file.
jar="$agent/target/floatip.jar"
classes="$agent/target/test-classes/io/floatip/bench/BenchMain.class"
if [ ! -f "$jar" ] || [ ! -f "$classes" ] \
    || [ -n "$(find "$agent/src" "$agent/pom.xml" -newer "$classes" -type f 2>/dev/null | head -n 1)" ] \
    || [ -n "$(find "$agent/src/main" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
    echo "run.sh: building floatip"
    (cd "$agent" && { mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests; })
fi

cp="$jar:$agent/target/test-classes"
case "$mode" in
    quick) java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --quick ;;
    proxy) java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --proxy --reps "$reps"; exit 0 ;;
    proxykill) java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --proxy --kill-only --reps "$reps"; exit 0 ;;
    full)  java -cp "$cp" io.floatip.bench.BenchMain --root "$root" ;;
    soak)  java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --soak "$minutes"; exit 0 ;;
    scale) java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --scale "$@"; exit 0 ;;
    threads) java -cp "$cp" io.floatip.bench.BenchMain --root "$root" --idle-threads "$seconds"; exit 0 ;;
esac

# The chart: client-visible outage per scenario, both agents (gnuplot reads agent/bench/outage.dat).
if command -v gnuplot >/dev/null 2>&1; then
    (cd "$here" && gnuplot outage.gp)
    echo "run.sh: wrote $here/outage.png"
else
    echo "run.sh: gnuplot is missing; no chart (outage.dat has the figures)" >&2
fi
