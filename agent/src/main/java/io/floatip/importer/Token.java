package io.floatip.importer;

/** A word of a keepalived line, or one of its braces (a quoted brace is a word). */
record Token(Kind kind, String text) {

    enum Kind { WORD, OPEN, CLOSE }

    static final Token OPEN = new Token(Kind.OPEN, "{");
    static final Token CLOSE = new Token(Kind.CLOSE, "}");

    static Token word(String text) {
        return new Token(Kind.WORD, text);
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }
}
