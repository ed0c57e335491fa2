package io.floatip.protocol;

/** What the codec made of a frame: a packet, or the reason it was dropped. Never an exception. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Dropped {

    record Accepted(VrrpPacket packet) implements Decoded {
    }

    record Dropped(WireDrop reason) implements Decoded {
        private static final Dropped[] CACHE = new Dropped[WireDrop.values().length];

        static {
            for (WireDrop r : WireDrop.values()) {
                CACHE[r.ordinal()] = new Dropped(r);
            }
        }

        /** Drops happen at flood rates under attack: share one instance per reason. */
        public static Dropped of(WireDrop reason) {
            return CACHE[reason.ordinal()];
        }
    }
}
