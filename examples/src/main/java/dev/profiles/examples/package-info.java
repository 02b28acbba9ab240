/** Runnable examples of the Profiles SDK; {@link dev.profiles.examples.Quickstart} first. */
package dev.profiles.examples;
