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

    /** Loads {@code file}; errors name it as given, so they point where the user pointed. */
    public static Config load(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, "is a directory, not a config file");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "no such file");
        } catch (AccessDeniedException e) {
            throw fileProblem(name, "permission denied");
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return parse(text, name, file, Hostname::local);
    }

    /** Parses config text; {@code sourceName} stands for the file in error messages. */
    public static Config parse(String text, String sourceName) throws ConfigException {
        return parse(text, sourceName, Path.of(sourceName), Hostname::local);
    }

    static Config parse(String text, String sourceName, Path source, Supplier<String> hostname)
            throws ConfigException {
        Problems problems = new Problems(sourceName);
        Optional<Node> root = YamlTree.parse(text, problems);
        if (root.isEmpty()) {
            throw problems.toException();
        }
        if (!(root.get() instanceof Node.MapNode map)) {
            problems.at(root.get().mark(), "", "the top level must be a map with 'instances' (and optionally "
                    + "'global'), got " + root.get().describe());
            throw problems.toException();
        }
        Section top = new Section(map, "", problems);
        Optional<GlobalConfig> global = GlobalReader.read(top, hostname);
        Map<String, InstanceConfig> instances = InstancesReader.read(top);
        top.finish();
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return new Config(global.orElseThrow(), instances, source);
    }

    private static ConfigException fileProblem(String name, String why) {
        Problems problems = new Problems(name);
        problems.file("cannot read config: " + why);
        return problems.toException();
    }
}
