package io.floatip.protocol;

import java.util.Locale;

/**
 * Why a received frame was not handed to a router: a {@link WireDrop} (the codec's), a {@link PolicyDrop}
 * (the link's, the instance's or the loop's) or an {@link NaDrop} (the split-brain watch's NDP frames). Every reason has a counter (see {@link DropCounters}) under its
 * {@link #key()}, the name status, metrics and logs show.
 */
public sealed interface DropReason permits WireDrop, PolicyDrop, NaDrop {
    /** The enum constant's name: TTL_NOT_255, UNKNOWN_PEER, ... */
    String name();

    /** One line for the log. */
    String description();

    /** A metric-friendly name: ttl_not_255, bad_checksum, ... */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
