package io.floatip.cli;

import io.floatip.importer.ConfigId;
import io.floatip.importer.ImportException;
import io.floatip.importer.ImportResult;
import io.floatip.importer.KeepalivedImporter;
import io.floatip.importer.Warning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Translates a keepalived.conf into floatip's YAML. The YAML alone goes to stdout (or OUT), so it can be
 * redirected; what was left out is in it as comments, and counted on stderr. A result floatip's loader
 * refuses is written nowhere: stderr says why, and lists what was left out.
 */
@Command(name = "import-keepalived", mixinStandardHelpOptions = true,
        description = {"Translate a keepalived.conf (with its includes) into floatip's YAML.",
                "Settings floatip cannot take are left out, each with a '# floatip import: not mapped:' comment.",
                "Exit 0; 1 when the file cannot be read, the result does not load (then nothing is written), "
                        + "or (with --check) anything was left out."})
final class ImportKeepalivedCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The keepalived config, e.g. /etc/keepalived/keepalived.conf.")
    Path file;

    @Option(names = "--check", description = "Exit 1 (after writing the YAML) if any setting was left out.")
    boolean check;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the YAML to OUT instead of stdout.")
    Path output;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Read the lines that start with @ID "
            + "(and not those with @^ID), as keepalived -i ID does; default, as keepalived's: this host's name up "
            + "to its first dot. Import once per node, each with its own id.")
    String configId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ImportResult result;
        try {
            if (configId != null && configId.isEmpty()) {
                err.println("floatip import-keepalived: --config-id must not be empty");
                return 1;
            }
            ConfigId id = configId == null ? ConfigId.local() : ConfigId.chosen(configId);
            result = KeepalivedImporter.importFile(file, id);
        } catch (ImportException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (!result.loadErrors().isEmpty()) {
            return refused(result, err);
        }
        if (output == null) {
            spec.commandLine().getOut().print(result.yaml());
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(output, result.yaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(output + ": cannot write: " + e.getMessage());
                return 1;
            }
        }
        if (result.leftOut()) {
            err.println("floatip import-keepalived: " + result.leftOutCount() + " setting(s) not mapped; see the "
                    + "'# floatip import: not mapped:' comments");
        }
        return check && result.leftOut() ? 1 : 0;
    }

    /** Nothing is written: a config floatip refuses would only be found broken later, at check-config. */
    private int refused(ImportResult result, PrintWriter err) {
        err.println("floatip import-keepalived: " + file + ": refused, nothing written: the result does not load as "
                + "a floatip config (" + KeepalivedImporter.GENERATED + " is the YAML it would have written):");
        result.loadErrors().forEach(line -> err.println("  " + line));
        if (result.leftOut()) {
            err.println("what was left out of " + file + ":");
            result.warnings().stream().filter(Warning::leftOut)
                    .forEach(w -> err.println("  " + w.place() + ": not mapped: " + w.text()));
        }
        return 1;
    }
}
