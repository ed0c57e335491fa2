package io.floatip.importer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Nests lines into statements by their braces. A statement ends at the end of its line, at a '{' (which opens
 * its block) or at a '}'; a '{' alone at the start of a line opens the block of the statement just above it.
 * Inside a value block (a list of words such as notification_email or virtual_ipaddress) a '{' is only a
 * word, as keepalived's alloc_value_block (lib/parser.c) reads it: the block ends at the next '}'.
 */
final class Blocks {

    /** keepalived's keywords whose block is read with alloc_value_block. */
    static final Set<String> VALUE_BLOCKS = Set.of("notification_email", "group", "virtual_ipaddress",
            "virtual_ipaddress_excluded", "track_interface", "track_script", "track_file", "track_process",
            "track_bfd", "unicast_peer", "virtual_routes", "virtual_rules", "static_ipaddress", "static_routes",
            "static_rules", "linkbeat_interfaces", "interface_up_down_delays", "interfaces",
            "virtual_server_group");

    /** A block being filled: its statements so far, and the statement it belongs to. */
    private static final class Open {
        final List<Statement> statements = new ArrayList<>();
        final String keyword;
        final List<String> args;
        final Place place;
        /** Where the '{' is, for "never closed". */
        final Place brace;

        Open(String keyword, List<String> args, Place place, Place brace) {
            this.keyword = keyword;
            this.args = args;
            this.place = place;
            this.brace = brace;
        }
    }

    private Blocks() {
    }

    static List<Statement> build(List<Line> lines) throws ImportException {
        Deque<Open> stack = new ArrayDeque<>();
        stack.push(new Open(null, List.of(), null, null));
        for (Line line : lines) {
            List<String> words = new ArrayList<>();
            boolean atStart = true;
            for (Token token : line.tokens()) {
                switch (token.kind()) {
                    case WORD -> words.add(token.text());
                    case OPEN -> {
                        if (stack.size() > 1 && VALUE_BLOCKS.contains(stack.peek().keyword)) {
                            words.add(token.text());
                        } else if (words.isEmpty()) {
                            reopen(stack, line, atStart);
                        } else {
                            stack.push(new Open(words.get(0), words.subList(1, words.size()), line.place(),
                                    line.place()));
                            words = new ArrayList<>();
                        }
                    }
                    case CLOSE -> {
                        flush(stack.peek(), words, line.place());
                        words = new ArrayList<>();
                        if (stack.size() == 1) {
                            throw new ImportException(line.place(), "'}' without a matching '{'");
                        }
                        Open done = stack.pop();
                        stack.peek().statements.add(new Statement(done.keyword, done.args, done.statements,
                                done.place));
                    }
                    default -> throw new IllegalStateException(token.toString());
                }
                atStart = false;
            }
            flush(stack.peek(), words, line.place());
        }
        if (stack.size() > 1) {
            Open unclosed = stack.peek();
            throw new ImportException(unclosed.brace, "the '{' of " + unclosed.keyword + " is never closed");
        }
        return stack.peek().statements;
    }

    private static void flush(Open into, List<String> words, Place place) {
        if (!words.isEmpty()) {
            into.statements.add(new Statement(words.get(0), words.subList(1, words.size()), null, place));
        }
    }

    /** A '{' with no keyword before it on its line belongs to the statement above, if it has no block yet. */
    private static void reopen(Deque<Open> stack, Line line, boolean atStart) throws ImportException {
        List<Statement> siblings = stack.peek().statements;
        Statement last = siblings.isEmpty() ? null : siblings.get(siblings.size() - 1);
        if (!atStart || last == null || last.hasBlock()) {
            throw new ImportException(line.place(), "'{' without a keyword before it");
        }
        siblings.remove(siblings.size() - 1);
        stack.push(new Open(last.keyword(), last.args(), last.place(), line.place()));
    }
}
