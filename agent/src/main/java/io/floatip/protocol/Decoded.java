package io.floatip.protocol;

/** What the codec made of a frame: a packet, or the reason it was dropped. Never an exception. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Dropped {

    record Accepted(VrrpPacket packet) implements Decoded {
    }

    record Dropped(DropReason reason) implements Decoded {
        private static final Dropped[] CACHE = new Dropped[DropReason.values().length];

        static {
            for (DropReason r : DropReason.values()) {
                CACHE[r.ordinal()] = new Dropped(r);
            }
        }

        /** Drops happen at flood rates under attack: share one instance per reason. */
        public static Dropped of(DropReason reason) {
            return CACHE[reason.ordinal()];
        }
    }
}
