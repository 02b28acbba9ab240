/**
 * Writing to a GitOps repository with JGit: {@link dev.profiles.git.gitops.GitOpsRepositories}
 * opens a working tree as a {@link dev.profiles.core.install.GitOpsRepository} whose commits are
 * all or nothing.
 */
package dev.profiles.git.gitops;
