/**
 * Translates a keepalived.conf into floatip's YAML ({@code floatip import-keepalived}).
 *
 * <p>Reading is in three steps: {@link io.floatip.importer.Lexer} turns one file into lines of words,
 * {@link io.floatip.importer.IncludeReader} splices included files in, and {@link io.floatip.importer.Blocks}
 * nests the lines into {@link io.floatip.importer.Statement}s by their braces. The mappers then turn the
 * statements into a YAML tree, and every setting that has no floatip equivalent becomes a
 * {@code # floatip import: not mapped: ...} comment where it would have gone. What keepalived itself changes
 * after reading (strict mode, state MASTER and the owner's preempt settings, tracking weights in sync groups:
 * its vrrp_complete_instance) is done here too, so the YAML behaves as the keepalived node did, not as its file
 * reads; the test corpus under src/test/resources/keepalived/corpus cites the keepalived source for each rule.
 */
package io.floatip.importer;
