package io.floatip.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The options of `floatip run`, read without picocli. picocli's model of the whole command line loads about
 * 300 classes, its own and the JDK's it reflects on (java.time, java.sql, annotations); in a class-data
 * archive every one is resident memory in every agent, for the life of the agent (4 MiB measured). So the
 * plain forms are read here, and anything else (help, a typo, a repeated option, `--`, an @file) returns
 * null and goes to picocli, which stays the one place that reports a bad command line. RunArgsTest checks
 * that whatever this accepts, picocli reads the same way.
 */
record RunArgs(Path config, String logLevel, Path controlSocket) {

    /** The arguments after `run`, or null when picocli must read them. */
    static RunArgs parse(String[] args, int from) {
        String config = null;
        String logLevel = null;
        String controlSocket = null;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.equals("-c") && !name.equals("--config") && !name.equals("--log-level")
                    && !name.equals("--control-socket")) {
                return null;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            // picocli has opinions on values that look like options or are empty: let it say them.
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            switch (name) {
                case "-c", "--config" -> {
                    if (config != null) {
                        return null;
                    }
                    config = value;
                }
                case "--log-level" -> {
                    if (logLevel != null) {
                        return null;
                    }
                    logLevel = value;
                }
                default -> {
                    if (controlSocket != null) {
                        return null;
                    }
                    controlSocket = value;
                }
            }
        }
        try {
            return new RunArgs(Path.of(config != null ? config : Main.DEFAULT_CONFIG), logLevel,
                    controlSocket != null ? Path.of(controlSocket) : null);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
