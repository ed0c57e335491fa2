package io.floatip.config;

/** A place in the config file, both 1-based as editors show them. */
record Mark(int line, int column) {

    static final Mark START = new Mark(1, 1);
}
