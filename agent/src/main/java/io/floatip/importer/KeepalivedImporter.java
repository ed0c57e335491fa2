package io.floatip.importer;

import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a keepalived.conf into floatip's YAML. Definitions come first (global_defs, vrrp_script,
 * track_file, sync group members), since keepalived lets an instance refer to one defined after it; then the
 * instances; then the sync groups, which may only name instances that made it.
 */
public final class KeepalivedImporter {

    private final List<Warning> warnings = new ArrayList<>();
    private final YamlNode.MapNode root = new YamlNode.MapNode();
    private final Scope top = new Scope(warnings, root);
    private final GlobalMapper global = new GlobalMapper(top);
    private final YamlNode.MapNode scripts = new YamlNode.MapNode();
    private final Map<String, Integer> scriptWeights = new HashMap<>();
    private final YamlNode.MapNode processes = new YamlNode.MapNode();
    private final Set<String> processNames = new HashSet<>();
    private final Map<String, TrackFileMapper.TrackFile> files = new HashMap<>();
    private final Map<String, SyncGroupMapper.Group> groups = new LinkedHashMap<>();
    private final List<Statement> instanceBlocks = new ArrayList<>();
    private Place firstCommand;

    private KeepalivedImporter() {
    }

    /** Where load errors point: a line of the YAML written, never of the keepalived file. */
    public static final String GENERATED = "generated-floatip.yaml";

    /**
     * Reads {@code @ID} lines for this host's config id, as keepalived without -i.
     *
     * @throws ImportException when the file or an included one cannot be read, or its braces do not match
     */
    public static ImportResult importFile(Path file) throws ImportException {
        return importFile(file, ConfigId.local());
    }

    /** @param configId the config id to read {@code @ID} lines for, as keepalived's {@code -i} */
    public static ImportResult importFile(Path file, ConfigId configId) throws ImportException {
        IncludeReader.Result read = IncludeReader.read(file, configId);
        List<Statement> statements = Blocks.build(read.lines());
        KeepalivedImporter importer = new KeepalivedImporter();
        importer.root.comment("floatip config imported from " + file + " by floatip import-keepalived"
                + (configId.chosen() ? " --config-id " + configId.id() : ""));
        read.notes().forEach(importer.top::add);
        String yaml = importer.translate(statements);
        return new ImportResult(yaml, importer.warnings, loadErrors(yaml));
    }

    private String translate(List<Statement> statements) {
        for (Statement s : statements) {
            define(s);
        }
        Set<String> weightsIgnored = new HashSet<>();
        groups.values().stream().filter(g -> !g.keepsWeights()).forEach(g -> weightsIgnored.addAll(g.members()));
        InstanceMapper.Context context = new InstanceMapper.Context(global.defaults(), scriptWeights, files,
                weightsIgnored, new Claims(), processNames);
        YamlNode.MapNode instances = new YamlNode.MapNode();
        for (Statement block : instanceBlocks) {
            instance(block, context, instances);
        }
        YamlNode.MapNode syncGroups = new YamlNode.MapNode();
        Set<String> mapped = new HashSet<>();
        instances.entries().forEach(e -> mapped.add(e.key()));
        Map<String, String> memberOf = new HashMap<>();
        for (SyncGroupMapper.Group group : groups.values()) {
            YamlNode.MapNode node = new YamlNode.MapNode();
            Scope scope = top.child(node);
            String dropped = SyncGroupMapper.map(group, mapped, memberOf, node, scope);
            if (dropped == null) {
                syncGroups.put(group.name(), node);
                if (node.get("notify").isPresent() && firstCommand == null) {
                    firstCommand = group.statement().place();
                }
            } else {
                top.notMapped(group.statement(), dropped);
                scope.moveTo(top);
            }
        }
        scriptNotes();
        if (!global.global().entries().isEmpty()) {
            root.put("global", global.global());
        }
        if (!scripts.entries().isEmpty()) {
            root.put("scripts", scripts);
        }
        if (!processes.entries().isEmpty()) {
            root.put("processes", processes);
        }
        root.put("instances", instances);
        if (!syncGroups.entries().isEmpty()) {
            root.put("sync_groups", syncGroups);
        }
        return YamlWriter.write(root);
    }

    /** The first pass: everything but instances, which only get gathered. */
    private void define(Statement s) {
        boolean named = s.hasBlock() && s.arg(0) != null;
        switch (s.keyword()) {
            case "global_defs" -> global.read(s);
            case "vrrp_script" -> {
                if (named(s, named)) {
                    script(s);
                }
            }
            case "vrrp_track_process" -> {
                if (named(s, named) && unique(s, processNames.contains(s.arg(0)))) {
                    process(s);
                }
            }
            case "track_file", "vrrp_track_file" -> {
                if (named(s, named) && unique(s, files.containsKey(s.arg(0)))) {
                    TrackFileMapper.map(s, top).ifPresent(file -> files.put(s.arg(0), file));
                }
            }
            case "vrrp_sync_group" -> {
                if (named(s, named) && unique(s, groups.containsKey(s.arg(0)))) {
                    groups.put(s.arg(0), SyncGroupMapper.members(s));
                }
            }
            case "vrrp_instance" -> {
                if (named(s, named)) {
                    instanceBlocks.add(s);
                }
            }
            default -> top.notMapped(s, Unmapped.why(s.keyword()));
        }
    }

    private boolean named(Statement s, boolean named) {
        if (!named) {
            top.notMapped(s, "needs a name and a block");
        }
        return named;
    }

    private boolean unique(Statement s, boolean seen) {
        if (seen) {
            top.notMapped(s, "the name is used twice");
        }
        return !seen;
    }

    private void script(Statement s) {
        String name = s.arg(0);
        if (!unique(s, scripts.get(name).isPresent() || scriptWeights.containsKey(name))) {
            return;
        }
        YamlNode.MapNode node = new YamlNode.MapNode();
        Scope scope = top.child(node);
        Optional<Integer> weight = ScriptMapper.map(s, node, scope);
        if (weight.isPresent()) {
            scripts.put(name, node);
            scriptWeights.put(name, weight.get());
            firstCommand = firstCommand == null ? s.place() : firstCommand;
        } else {
            scope.moveTo(top);
        }
    }

    private void process(Statement s) {
        YamlNode.MapNode node = new YamlNode.MapNode();
        Scope scope = top.child(node);
        if (ProcessMapper.map(s, node, scope)) {
            processes.put(s.arg(0), node);
            processNames.add(s.arg(0));
        } else {
            scope.moveTo(top);
        }
    }

    private void instance(Statement block, InstanceMapper.Context context, YamlNode.MapNode instances) {
        String name = block.arg(0);
        if (!unique(block, instances.get(name).isPresent())) {
            return;
        }
        YamlNode.MapNode node = new YamlNode.MapNode();
        Scope scope = top.child(node);
        InstanceMapper.Result result = InstanceMapper.map(block, context, node, scope);
        if (result.dropped() == null) {
            instances.put(name, node);
            if (node.get("notify").isPresent()) {
                firstCommand = firstCommand == null ? block.place() : firstCommand;
            }
        } else {
            top.notMapped(block, result.dropped());
            scope.moveTo(top);
        }
    }

    /** Who runs the scripts differs when keepalived.conf does not say; so does the security check. */
    private void scriptNotes() {
        if (firstCommand == null) {
            firstCommand = global.command();
        }
        if (firstCommand == null) {
            return;
        }
        if (!global.setsScriptUser()) {
            top.note("no script_user: keepalived runs scripts as keepalived_script, or root without that user; "
                    + "floatip runs them as floatip_script, which must exist, or as global.script_user",
                    firstCommand);
        }
        if (!global.setsScriptSecurity()) {
            top.note("no enable_script_security: floatip always refuses scripts a non-root user could change",
                    firstCommand);
        }
    }

    /** The import's own check: floatip's loader, minus this machine's files and users. */
    private static List<String> loadErrors(String yaml) {
        try {
            ConfigLoader.parseWithoutHostChecks(yaml, GENERATED);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }
}
