/**
 * Updates that stay in git: the ports and types an update planner uses to propose upgrades as
 * pull requests ({@link dev.profiles.core.update.PullRequestProvider}).
 */
package dev.profiles.core.update;
