package io.floatip.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read the simple way its syntax allows: [Section] headers, Key=Value lines, '#' and ';'
 * comments, a trailing '\' joining the next line. Keys keep every value they are given, in order.
 */
final class UnitFile {
    record Entry(int line, String key, String value) {
    }

    private final Map<String, List<Entry>> sections = new LinkedHashMap<>();

    static UnitFile read(Path file) throws IOException {
        UnitFile unit = new UnitFile();
        List<String> lines = Files.readAllLines(file);
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            StringBuilder text = new StringBuilder(lines.get(i).strip());
            while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(lines.get(++i).strip());
            }
            String line = text.toString();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                unit.sections.computeIfAbsent(section, s -> new ArrayList<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (section == null || eq <= 0) {
                throw new IOException(file + ":" + number + ": not a key=value line in a section: " + line);
            }
            unit.sections.get(section).add(new Entry(number, line.substring(0, eq).strip(),
                    line.substring(eq + 1).strip()));
        }
        return unit;
    }

    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    List<Entry> entries(String section) {
        return sections.getOrDefault(section, List.of());
    }

    /** Every value given to {@code key}, in order. */
    List<String> values(String section, String key) {
        return entries(section).stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }
}
