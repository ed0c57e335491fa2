/**
 * Translates a keepalived.conf into floatip's YAML ({@code floatip import-keepalived}).
 *
 * <p>Reading is in three steps: {@link io.floatip.importer.Lexer} turns one file into lines of words,
 * {@link io.floatip.importer.IncludeReader} splices included files in, and {@link io.floatip.importer.Blocks}
 * nests the lines into {@link io.floatip.importer.Statement}s by their braces. The mappers then turn the
 * statements into a YAML tree, and every setting that has no floatip equivalent becomes a
 * {@code # floatip import: not mapped: ...} comment where it would have gone.
 */
package io.floatip.importer;
