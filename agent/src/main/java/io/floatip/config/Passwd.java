package io.floatip.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The users in passwd text ({@code name:password:uid:gid:...}), in file order: the first line wins, as in getpwnam. */
record Passwd(Map<String, Integer> uids) {

    static Passwd parse(String text) {
        Map<String, Integer> uids = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split(":", -1);
            // Comments, blank lines and NIS "+"/"-" lines name no local user.
            if (fields.length < 3 || fields[0].isEmpty() || "#+-".indexOf(fields[0].charAt(0)) >= 0) {
                continue;
            }
            try {
                uids.putIfAbsent(fields[0], Integer.parseInt(fields[2].strip()));
            } catch (NumberFormatException e) {
                // A broken line names no usable user.
            }
        }
        return new Passwd(Collections.unmodifiableMap(uids));
    }

    boolean has(String name) {
        return uids.containsKey(name);
    }

    Optional<String> nameOf(int uid) {
        return uids.entrySet().stream().filter(e -> e.getValue() == uid).map(Map.Entry::getKey).findFirst();
    }
}
