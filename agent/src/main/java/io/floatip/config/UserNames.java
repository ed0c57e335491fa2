package io.floatip.config;

/** What a user name can be at all: one field of a passwd line. Whether the user exists is asked elsewhere. */
final class UserNames {

    private UserNames() {
    }

    static boolean isPlausible(String name) {
        return !name.isEmpty() && name.chars().noneMatch(c -> c == ':' || Character.isWhitespace(c)
                || Character.isISOControl(c));
    }
}
