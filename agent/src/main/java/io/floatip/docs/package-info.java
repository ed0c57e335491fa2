/**
 * The man page and bash completion, generated at build time from the same picocli command model that parses
 * the command line, so neither can drift from the options the commands really take.
 */
package io.floatip.docs;
