package io.floatip.importer;

import java.util.List;

/**
 * What an import made.
 *
 * @param yaml       floatip's config, with the warnings as comments
 * @param warnings   every warning, in the order they were found
 * @param loadErrors floatip's own loader's errors for {@code yaml} (without host checks); empty when it loads
 */
public record ImportResult(String yaml, List<Warning> warnings, List<String> loadErrors) {

    public ImportResult {
        warnings = List.copyOf(warnings);
        loadErrors = List.copyOf(loadErrors);
    }

    /** Whether some keepalived setting did not make it into the YAML. */
    public boolean leftOut() {
        return warnings.stream().anyMatch(Warning::leftOut);
    }

    public long leftOutCount() {
        return warnings.stream().filter(Warning::leftOut).count();
    }
}
