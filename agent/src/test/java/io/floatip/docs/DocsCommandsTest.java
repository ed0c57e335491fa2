package io.floatip.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.ConfigSummary;
import io.floatip.cli.Main;
import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The operator docs (README.md, REFERENCE.md, CONTRIBUTING.md, examples/README.md, examples/&#42;/README.md) against
 * the program, without root: every floatip command line they show parses with the real command model, every
 * version they show is the program's, every config they show loads, every check-config sample is what
 * check-config prints for it, and every sample block says what checks it. The log, status and doctor samples
 * are checked against a real run in DocsRunTest.
 */
class DocsCommandsTest {

    /** Placeholders the docs write for values, as a value of the option's type. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("SECONDS", "3", "MS", "100", "N", "1");
    private static final Set<String> LANGUAGES = Set.of("sh", "console", "yaml", "ini", "text");
    private static final Pattern VERSION = Pattern.compile("\\bfloatip[ _](\\d+\\.\\d+\\.\\d+[^\\s_,)]*)");

    @Test
    void theReadmeIsShortAndStartsWithTheQuickStart() {
        List<String> readme = Markdown.lines(Markdown.REPO.resolve("README.md"));
        assertTrue(readme.size() < 300, "README.md has " + readme.size() + " lines");
        String top = String.join("\n", readme.subList(0, 25));
        for (String script : List.of("demo.sh", "test.sh")) {
            assertTrue(top.contains("./" + script), "the quick start's ./" + script + " is at the top");
            assertTrue(Files.isExecutable(Markdown.REPO.resolve(script)), script + " is executable");
        }
    }

    @Test
    void everyFenceSaysWhatItIsAndEverySampleWhatChecksIt() {
        List<String> problems = new ArrayList<>();
        for (Markdown.Block b : Markdown.blocks(Markdown.operatorDocs())) {
            if (!LANGUAGES.contains(b.language())) {
                problems.add(b.where() + ": fence language '" + b.language() + "', not one of " + LANGUAGES);
            }
            if (b.language().equals("console") && b.marker() == null) {
                problems.add(b.where() + ": a console sample without a <!-- check: ... --> marker");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFloatipCommandLineParses() {
        CommandLine floatip = new CommandLine(new Main());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : Markdown.operatorDocs()) {
            List<Markdown.Block> sources = new ArrayList<>(Markdown.codeSpans(file));
            for (Markdown.Block b : Markdown.blocks(file)) {
                if (b.language().equals("sh")) {
                    sources.add(b);
                } else if (b.language().equals("console")) {
                    sources.add(new Markdown.Block(b.file(), b.line(), "sh", null, Markdown.commands(b)));
                }
            }
            for (Markdown.Block source : sources) {
                for (String line : joinContinuations(source.lines())) {
                    for (List<String> args : floatipCommands(line, source.language().equals("span"))) {
                        checked++;
                        try {
                            floatip.parseArgs(args.toArray(String[]::new));
                        } catch (CommandLine.MissingParameterException e) {
                            if (!source.language().equals("span")) { // a span may name a command, not run it
                                problems.add(source.where() + ": floatip " + String.join(" ", args) + ": " + e.getMessage());
                            }
                        } catch (CommandLine.ParameterException e) {
                            problems.add(source.where() + ": floatip " + String.join(" ", args) + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 40, "only " + checked + " command lines found: the scan is broken");
        assertTrue(floatip.getSubcommands().containsKey("doctor"));
    }

    @Test
    void theReadmeNamesEveryCommand() {
        String readme = String.join("\n", Markdown.lines(Markdown.REPO.resolve("README.md")));
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : ManPage.commands(new CommandLine(new Main()))) {
            if (!readme.contains("`floatip " + sub.getCommandName())) {
                missing.add(sub.getCommandName());
            }
        }
        assertEquals(List.of(), missing, "commands the README's table does not list");
    }

    @Test
    void everyVersionShownIsTheProgramsVersion() {
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (Path file : Markdown.operatorDocs()) {
            List<String> lines = Markdown.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = VERSION.matcher(lines.get(i));
                while (m.find()) {
                    seen++;
                    if (!m.group(1).equals(io.floatip.base.Version.current())) {
                        problems.add(Markdown.REPO.relativize(file) + ":" + (i + 1) + ": floatip " + m.group(1)
                                + ", the program is " + io.floatip.base.Version.current());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(seen >= 3, "versions seen: " + seen);
    }

    @Test
    void everyConfigShownLoadsAndEveryCheckConfigSampleIsWhatItPrints() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, String> configs = new HashMap<>();
        List<Markdown.Block> blocks = Markdown.blocks(Markdown.operatorDocs());
        for (Markdown.Block b : blocks) {
            if (b.marker() != null && b.marker().startsWith("yaml ")) { // a file shown for its errors
                configs.put(b.marker().substring("yaml ".length()), String.join("\n", b.lines()) + "\n");
            } else if (b.marker() != null && b.marker().startsWith("config ")) {
                String name = b.marker().substring("config ".length());
                String yaml = b.language().equals("sh") ? heredoc(b.lines()) : String.join("\n", b.lines()) + "\n";
                configs.put(name, yaml);
                try {
                    ConfigLoader.parseWithoutHostChecks(yaml, name);
                } catch (ConfigException e) {
                    problems.add(b.where() + ": config " + name + ": " + e.errors());
                }
            }
        }
        int samples = 0;
        for (Markdown.Block b : blocks) {
            if (b.marker() == null || !b.marker().startsWith("check-config ")) {
                continue;
            }
            samples++;
            String[] words = b.marker().split(" ");
            assertEquals(4, words.length, b.where() + ": write <!-- check: check-config CONFIG as PATH -->");
            String yaml = configs.containsKey(words[1]) ? configs.get(words[1])
                    : Files.readString(Markdown.REPO.resolve(words[1]));
            List<String> printed;
            try {
                Config c = ConfigLoader.parseWithoutHostChecks(yaml, words[3]);
                printed = ConfigSummary.lines(Path.of(words[3]), c);
            } catch (ConfigException e) {
                printed = e.errors(); // what check-config prints for a file with mistakes
            }
            List<String> shown = Markdown.output(b);
            // A sample may stop early, never differ.
            if (shown.isEmpty() || shown.size() > printed.size() || !printed.subList(0, shown.size()).equals(shown)) {
                problems.add(b.where() + ": check-config prints\n" + String.join("\n", printed) + "\nthe sample shows\n"
                        + String.join("\n", shown));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(samples >= 3 && configs.size() >= 2, samples + " check-config samples, " + configs.size() + " configs");
    }

    /** Every metric name the docs show is one the program serves, and REFERENCE.md's table names them all. */
    @Test
    void everyMetricShownIsServedAndTheReferenceListsThemAll() throws Exception {
        Pattern name = Pattern.compile("\"(floatip_[a-z_]+)\"");
        Set<String> served = new java.util.TreeSet<>();
        Matcher m = name.matcher(Files.readString(Markdown.REPO.resolve("agent/src/main/java/io/floatip/control/Metrics.java")));
        while (m.find()) {
            served.add(m.group(1));
        }
        assertTrue(served.contains("floatip_instance_state") && served.size() > 15, served.toString());
        List<String> problems = new ArrayList<>();
        Pattern shown = Pattern.compile("`(floatip_[a-z_]+)");
        for (Path file : Markdown.operatorDocs()) {
            Matcher s = shown.matcher(Files.readString(file));
            while (s.find()) {
                if (!served.contains(s.group(1)) && !s.group(1).equals("floatip_script")) {
                    problems.add(Markdown.REPO.relativize(file) + ": " + s.group(1) + " is not a metric floatip serves");
                }
            }
        }
        String reference = Files.readString(Markdown.REPO.resolve("REFERENCE.md"));
        served.stream().filter(n -> !reference.contains("`" + n + "`")).forEach(n -> problems.add("REFERENCE.md lacks " + n));
        assertEquals(List.of(), problems);
    }

    /** What a here-document in a sh block writes: the lines between {@code <<'EOF'} and {@code EOF}. */
    static String heredoc(List<String> lines) {
        StringBuilder yaml = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (in && line.strip().equals("EOF")) {
                return yaml.toString();
            }
            if (in) {
                yaml.append(line).append('\n');
            }
            in |= line.contains("<<'EOF'");
        }
        throw new AssertionError("no here-document in " + lines);
    }

    static List<String> joinContinuations(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean heredoc = false;
        for (String line : lines) {
            if (heredoc) {
                heredoc = !line.strip().equals("EOF");
                continue;
            }
            heredoc = line.contains("<<'EOF'");
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            out.add(current.append(line).toString());
            current.setLength(0);
        }
        return out;
    }

    /**
     * The arguments of every floatip command in a shell line: the first word of each command (after sudo, its
     * options and VAR=value words) is floatip or a path ending in /floatip. In an inline span (a synopsis) the
     * optional brackets, alternatives' bars and ellipses are dropped and placeholders given a typed value.
     */
    static List<List<String>> floatipCommands(String line, boolean synopsis) {
        String text = line.replaceAll("(^|\\s)#.*$", "");
        if (synopsis) {
            text = text.replace("[", " ").replace("]", " ").replace("...", " ");
        }
        List<List<String>> found = new ArrayList<>();
        for (String command : text.split("\\|\\||&&|;|\\||\\$\\(|\\)|`")) {
            List<String> words = new ArrayList<>(List.of(command.strip().split("\\s+")));
            while (!words.isEmpty() && (words.get(0).equals("sudo") || words.get(0).matches("-[A-Za-z]")
                    || words.get(0).matches("[A-Z_]+=\\S*") || words.get(0).equals("exec"))) {
                String dropped = words.remove(0);
                if (dropped.equals("-u") && !words.isEmpty()) {
                    words.remove(0);
                }
            }
            if (words.isEmpty() || !(words.get(0).equals("floatip") || words.get(0).endsWith("/floatip"))) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String word : words.subList(1, words.size())) {
                if (word.startsWith(">") || word.startsWith("2>") || word.startsWith("<")) {
                    break;
                }
                if (synopsis && word.contains("|") || word.isEmpty()) {
                    continue;
                }
                args.add(PLACEHOLDERS.getOrDefault(word.replaceAll("^['\"]|['\"]$", ""),
                        word.replaceAll("^['\"]|['\"]$", "")));
            }
            found.add(args);
        }
        return found;
    }
}
