#!/bin/sh
# notify.sh - example notify script for floatip (and keepalived): logs every
# call, one line each, with a timestamp and all of its arguments.
#
# Usage: notify.sh [WORD...] [INSTANCE|GROUP NAME STATE [PRIORITY]]
#        notify.sh -h
#
# What a notify script is given:
#   - notify: {any: /etc/floatip/notify.sh} appends four arguments to the
#     command the operator wrote:
#       $1  INSTANCE or GROUP (a sync group)
#       $2  the instance's or group's name, e.g. VI_1
#       $3  the new state: MASTER, BACKUP, FAULT or STOP
#       $4  the instance's priority (a group's notify may leave it out)
#     keepalived's "notify" script gets the same four.
#   - notify: {master: "/etc/floatip/notify.sh master"} (and backup, fault,
#     stop) passes exactly what the operator wrote, nothing more: here the
#     single word "master".
#
# Each call appends one line to $FLOATIP_NOTIFY_LOG (default
# /var/log/floatip-notify.log), e.g.
#   2024-05-01T12:00:00+0000 INSTANCE VI_1 MASTER 150 (instance VI_1 is now MASTER, priority 150)
#   2024-05-01T12:00:00+0000 master
#
# Exit code: 0, or 1 when the log line cannot be written. floatip does not act
# on a notify script's exit code, but logs a failed one with the script's last
# line of output, e.g.
#   WARN notify /etc/floatip/notify.sh for instance VI_1: exit 1: notify.sh:
#     cannot append to /var/log/floatip-notify.log (as user floatip_script)
# so a log file the script's user cannot write is seen at once.
#
# Needs: sh, date, tr. Copy it and put your actions in the case below.

case $1 in
    -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac

log=${FLOATIP_NOTIFY_LOG:-/var/log/floatip-notify.log}

# The contract's four arguments come last: skip the operator's own words.
what=
while [ "$#" -gt 0 ]; do
    case $1 in
        INSTANCE|GROUP) break ;;
    esac
    what="$what $1"
    shift
done
kind='' name='' state='' priority=''
if [ "$#" -ge 3 ] && [ "$#" -le 4 ]; then
    kind=$1 name=$2 state=$3 priority=$4
    what="$what $*"
    if [ "$kind" = INSTANCE ]; then
        what="$what (instance $name is now $state"
    else
        what="$what (group $name is now $state"
    fi
    if [ -n "$priority" ]; then
        what="$what, priority $priority)"
    else
        what="$what)"
    fi
elif [ "$#" -gt 0 ]; then
    # INSTANCE or GROUP, but not followed by the contract's arguments.
    what="$what $*"
fi

# One line per call, whatever the arguments hold (newlines become spaces).
line=$(printf '%s%s' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "${what:- (no arguments)}" | tr '\n\r' '  ')
status=0
if ! { printf '%s\n' "$line" >>"$log"; } 2>/dev/null; then
    printf 'notify.sh: cannot append to %s (as user %s)\n' "$log" "$(id -un)" >&2
    status=1
fi

# Your actions go here, e.g.
case $state in
    MASTER) : ;;   # this node now holds the addresses: start a service, page someone...
    BACKUP) : ;;   # another node holds them
    FAULT) : ;;    # a tracked script, interface or file failed
    STOP) : ;;     # the agent is stopping
esac

exit $status
