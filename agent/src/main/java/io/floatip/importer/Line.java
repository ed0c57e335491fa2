package io.floatip.importer;

import java.util.List;

/** The tokens of one logical line (continuations joined), where it starts. */
record Line(List<Token> tokens, Place place) {

    Line {
        tokens = List.copyOf(tokens);
    }

    /** The first token's text when it is a word, else empty: what include detection looks at. */
    String firstWord() {
        return !tokens.isEmpty() && tokens.get(0).isWord() ? tokens.get(0).text() : "";
    }
}
