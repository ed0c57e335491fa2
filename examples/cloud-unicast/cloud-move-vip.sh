#!/bin/sh
# cloud-move-vip.sh - floatip notify hook for clouds: asks the provider to
# deliver the floating address to this node once floatip made it MASTER.
#
# Usage: cloud-move-vip.sh [INSTANCE NAME STATE [PRIORITY]]
#        cloud-move-vip.sh -h
#
# In a cloud, adding the address on the interface (what floatip does) is not
# enough: the provider's network delivers an address only to the machine its
# API says holds it. floatip calls no cloud API; this hook does, through the
# provider's own command line tool.
#
#   notify: {master: /etc/floatip/cloud-move-vip.sh}   no arguments: move
#   notify: {any: /etc/floatip/cloud-move-vip.sh}      moves on MASTER only
#
# Edit the settings below (PROVIDER and its values) and install it root-owned,
# mode 0755: install -o root -g root -m 0755 cloud-move-vip.sh /etc/floatip/
#
# floatip runs a notify command with a clean environment (PATH and LANG), as
# the agent's script user, and kills it after 10 s: the call is bounded to
# CALL_TIMEOUT seconds, and credentials must come from where the tool finds
# them without a login (an instance role or a root-owned file it reads).
# The command's output is discarded, so each outcome goes to syslog (tag
# floatip-cloud: journalctl -t floatip-cloud).
#
# Exit codes:
#   0  moved, or nothing to do (another state than MASTER)
#   1  the provider's tool failed or timed out
#   2  usage error, or PROVIDER not set up
#
# Needs: sh, timeout, logger (bsdutils); the provider's tool (aws, hcloud, ...).

# --- settings: edit for your provider --------------------------------------
PROVIDER=none            # aws | hcloud | none (none: log only)
VIP=198.51.100.50        # the floating address, without its prefix
CALL_TIMEOUT=8           # seconds; keep below floatip's 10 s notify limit
# aws: this node's network interface, e.g. eni-0123456789abcdef0.
AWS_ENI=
# hcloud: the floating IP's id or name, and this server's name.
HCLOUD_FLOATING_IP=
HCLOUD_SERVER=
# ---------------------------------------------------------------------------

me=cloud-move-vip

say() {
    # stderr for a run by hand (floatip discards it); syslog (the journal) for the record.
    printf '%s: %s\n' "$me" "$*" >&2
    logger -t floatip-cloud -- "$*" 2>/dev/null || :
}

case $1 in
    -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac

# With notify any, the last four words are INSTANCE|GROUP NAME STATE PRIORITY.
state=MASTER
if [ "$#" -ge 3 ]; then
    state=$3
elif [ "$#" -ne 0 ]; then
    say "usage: $me [INSTANCE NAME STATE [PRIORITY]], got: $*"
    exit 2
fi
if [ "$state" != MASTER ]; then
    exit 0
fi

move() {
    timeout "$CALL_TIMEOUT" "$@" >/dev/null 2>&1
    status=$?
    if [ "$status" -eq 0 ]; then
        say "$VIP moved to this node ($PROVIDER)"
        return 0
    fi
    # timeout exits 124 when the call ran out of time.
    say "moving $VIP to this node failed ($PROVIDER: $1 exited $status; 124 = timed out after ${CALL_TIMEOUT}s)"
    return 1
}

case $PROVIDER in
    aws)
        [ -n "$AWS_ENI" ] || { say "set AWS_ENI in $0"; exit 2; }
        # The address becomes a secondary private IP of this node's interface,
        # taken from the other node's if it had it.
        move aws ec2 assign-private-ip-addresses --network-interface-id "$AWS_ENI" \
            --private-ip-addresses "$VIP" --allow-reassignment || exit 1 ;;
    hcloud)
        if [ -z "$HCLOUD_FLOATING_IP" ] || [ -z "$HCLOUD_SERVER" ]; then
            say "set HCLOUD_FLOATING_IP and HCLOUD_SERVER in $0"
            exit 2
        fi
        move hcloud floating-ip assign "$HCLOUD_FLOATING_IP" "$HCLOUD_SERVER" || exit 1 ;;
    none)
        say "this node is MASTER for $VIP; PROVIDER=none, so the cloud was not asked" ;;
    *)
        say "unknown PROVIDER '$PROVIDER' in $0"
        exit 2 ;;
esac
exit 0
