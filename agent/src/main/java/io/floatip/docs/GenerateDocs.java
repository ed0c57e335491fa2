package io.floatip.docs;

import io.floatip.base.Version;
import io.floatip.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes floatip.bash (bash completion, picocli's AutoComplete), floatip.1.gz (the man page) and
 * floatip.yaml.5.gz (the config file's page, from its roff source) into a directory. The build runs it before
 * packaging (exec-maven-plugin, prepare-package); it never exits the JVM, since Maven runs it in its own.
 */
public final class GenerateDocs {

    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTPUT_DIRECTORY FLOATIP_YAML_5");
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /**
     * @param configPage floatip.yaml(5), written by hand in roff (the config schema has no model to walk; DocsTest
     *                   checks that it names every key the loader takes)
     */
    static void write(Path dir, Path configPage) throws IOException {
        write(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("floatip.yaml.5.gz")))) {
            out.write(Files.readAllBytes(configPage));
        }
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        CommandLine floatip = new CommandLine(new Main());
        Files.writeString(dir.resolve("floatip.bash"), AutoComplete.bash("floatip", floatip));
        // gzip's header time stays 0 (GZIPOutputStream writes none), so the same page gives the same bytes.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("floatip.1.gz")))) {
            out.write(ManPage.render(floatip, Version.current()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
