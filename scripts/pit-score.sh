#!/bin/sh
# The mutation score of each package PIT mutated (the `pit` Maven profile, agent/MUTATION.md), from its
# mutations.xml: killed or timed out over all mutants, no coverage counting as survived. Fails when any
# package is under the threshold; PIT's own threshold is over all packages together.
set -eu
xml=${1:-agent/target/pit-reports/mutations.xml}
min=${2:-90}
[ -f "$xml" ] || { echo "pit-score: no $xml: PIT did not run" >&2; exit 1; }
awk -v min="$min" '
/<mutation / {
    if (!match($0, /<mutatedClass>[^<]*</)) next
    cls = substr($0, RSTART + 14, RLENGTH - 15)
    pkg = cls
    sub(/\.[^.]*$/, "", pkg)
    total[pkg]++
    if ($0 ~ /detected=.true./) killed[pkg]++
    else {
        where = substr(cls, length(pkg) + 2)
        if (match($0, /<mutatedMethod>[^<]*</)) where = where "." substr($0, RSTART + 15, RLENGTH - 16)
        if (match($0, /<lineNumber>[^<]*</)) where = where ":" substr($0, RSTART + 12, RLENGTH - 13)
        survived[pkg] = survived[pkg] " " where
    }
}
END {
    bad = 0
    for (p in total) {
        score = 100 * killed[p] / total[p]
        printf "mutation score %s: %d/%d killed, %.1f%% (threshold %d%%)\n", p, killed[p], total[p], score, min
        if (survived[p] != "") printf "  not killed:%s\n", survived[p]
        if (score < min) bad = 1
    }
    if (bad) print "pit-score: a package is under the threshold" > "/dev/stderr"
    exit bad
}' "$xml"
