package io.floatip.agent;

import io.floatip.protocol.DropReason;
import java.util.Map;

/** The adverts an instance dropped between two of its transitions, for the transition's log line. */
final class DroppedSince {
    private DroppedSince() {
    }

    /**
     * Becoming master while the peer's adverts were being dropped is the usual cause of two masters (a wrong
     * password, another interval): say so in the transition line, where an operator looks first.
     */
    static String describe(Map<DropReason, Long> before, Map<DropReason, Long> now) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<DropReason, Long> e : now.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                sb.append(sb.length() == 0 ? "; adverts dropped meanwhile: " : ", ")
                        .append(n).append(' ').append(e.getKey().key());
            }
        }
        return sb.toString();
    }
}
