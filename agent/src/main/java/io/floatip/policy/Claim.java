package io.floatip.policy;

import io.floatip.config.VirtualIp;

/**
 * What adding one VIP to the link did.
 *
 * @param added false when the address was already there (a claim all the same)
 * @param error why it could not be added, or null when it is on the link now
 */
public record Claim(VirtualIp vip, boolean added, String error) {
    public boolean ok() {
        return error == null;
    }
}
