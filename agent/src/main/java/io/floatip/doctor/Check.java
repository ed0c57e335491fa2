package io.floatip.doctor;

import java.util.List;

/** One thing to look at on the host; it reads the host only through {@code host}, so tests can fake it. */
@FunctionalInterface
public interface Check {
    /** One result or more (one per interface, per speaker heard...); never empty. */
    List<Result> run(HostFacts host);
}
