/**
 * Updates that stay in git: the {@link dev.profiles.core.update.UpdatePlanner} proposing, per
 * installation and its {@link dev.profiles.core.model.UpdatePolicy}, the newest allowed version
 * as an upgrade on an update branch and a pull request, idempotently; and the port it opens
 * requests through ({@link dev.profiles.core.update.PullRequestProvider}). See docs/updates.md.
 */
package dev.profiles.core.update;
