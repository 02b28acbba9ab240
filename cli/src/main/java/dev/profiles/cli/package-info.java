/**
 * The {@code profiles} command line (picocli): pctl's commands on the public SDK API only.
 * {@link dev.profiles.cli.Main} is the entry point; everything else is package-private.
 */
package dev.profiles.cli;
