package io.floatip.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads a config file and checks all of it, reporting every problem at once. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}; errors name it as given, so they point where the user pointed. Commands are checked
     * against this machine: their programs must exist and be safe, and a script user must be found.
     */
    public static Config load(Path file) throws ConfigException {
        return parse(read(file), file.toString(), file, Hostname::local, Optional.of(HostChecks.local()));
    }

    /**
     * Loads {@code file} without looking at this machine beyond reading it: command programs are not looked
     * for and script_user is taken as written (default floatip_script). For checking a config meant for
     * another machine, and for tests; never for running one.
     */
    public static Config loadWithoutHostChecks(Path file) throws ConfigException {
        return parse(read(file), file.toString(), file, Hostname::local, Optional.empty());
    }

    /**
     * The largest config read: a hundred instances take ~30 KB. A 40 MB file ended a reload in an
     * OutOfMemoryError on main (issue 16 item 5); the YAML scanner needs ~60 us a line here, so a full 256 KiB
     * of keys is read in about a second.
     */
    public static final long MAX_BYTES = 256 << 10;

    private static String read(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, "is a directory, not a config file");
            }
            // A FIFO or a device would block the read or never end: only a regular file is a config.
            if (!Files.isRegularFile(file) && Files.exists(file)) {
                throw fileProblem(name, "is not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooBig(name, size);
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1); // it may have grown since the size was read
            }
            if (bytes.length > MAX_BYTES) {
                throw tooBig(name, bytes.length);
            }
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "no such file");
        } catch (AccessDeniedException e) {
            throw fileProblem(name, "permission denied");
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return text;
    }

    /** Parses config text, with host checks as {@link #load}; {@code sourceName} stands for the file in errors. */
    public static Config parse(String text, String sourceName) throws ConfigException {
        return parse(text, sourceName, Path.of(sourceName), Hostname::local);
    }

    /** Parses config text without host checks, as {@link #loadWithoutHostChecks}. */
    public static Config parseWithoutHostChecks(String text, String sourceName) throws ConfigException {
        return parse(text, sourceName, Path.of(sourceName), Hostname::local, Optional.empty());
    }

    static Config parse(String text, String sourceName, Path source, Supplier<String> hostname)
            throws ConfigException {
        return parse(text, sourceName, source, hostname, Optional.of(HostChecks.local()));
    }

    /** @param host the machine to check commands and script_user against; empty for none */
    static Config parse(String text, String sourceName, Path source, Supplier<String> hostname,
            Optional<HostChecks> host) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw tooBig(sourceName, text.length());
        }
        Problems problems = new Problems(sourceName);
        Optional<Node> root = YamlTree.parse(text, problems);
        if (root.isEmpty()) {
            throw problems.toException();
        }
        if (!(root.get() instanceof Node.MapNode map)) {
            problems.at(root.get().mark(), "", "the top level must be a map with 'instances' (and optionally "
                    + "'global', 'scripts', 'processes' and 'sync_groups'), got " + root.get().describe());
            throw problems.toException();
        }
        Section top = new Section(map, "", problems);
        // Asked for first so it leads the known keys in hints; read last, see GlobalReader.
        Optional<Field> globalField = top.field("global");
        CommandReader commands = new CommandReader(host);
        ScriptsReader.Scripts scripts = ScriptsReader.read(top, commands);
        ProcessesReader.Processes processes = ProcessesReader.read(top);
        InstancesReader.Instances instances = InstancesReader.read(top, scripts, processes, commands);
        Map<String, SyncGroupConfig> groups = SyncGroupsReader.read(top, instances.names(), commands);
        Optional<GlobalConfig> global = GlobalReader.read(globalField, hostname, commands, host, problems);
        top.finish();
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return new Config(global.orElseThrow(), instances.configs(), source, scripts.configs(), groups,
                processes.configs());
    }

    private static ConfigException tooBig(String name, long size) {
        io.floatip.status.Refusals.count(io.floatip.status.Refusal.CONFIG_TOO_BIG);
        return fileProblem(name, "is " + size + " bytes; a config may hold at most " + MAX_BYTES + " bytes (256 KiB)");
    }

    private static ConfigException fileProblem(String name, String why) {
        Problems problems = new Problems(name);
        problems.file("cannot read config: " + why);
        return problems.toException();
    }
}
