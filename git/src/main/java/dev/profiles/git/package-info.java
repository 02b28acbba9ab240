/**
 * Resolves profiles from git repositories with JGit: {@link dev.profiles.git.GitProfiles} is the
 * one entry point; {@link dev.profiles.git.ResolveCommand} resolves a profile tree and {@link
 * dev.profiles.git.ListVersionsCommand} lists a repository's profile versions; {@link
 * dev.profiles.git.GitCredentials} says how to authenticate.
 *
 * <p>Sources may be local paths, {@code file://}, smart HTTPS (plain HTTP when allowed), {@code
 * ssh://} or scp-like {@code git@host:org/repo.git}; every other URL is refused before any
 * transport is opened, and remote profiles may not nest local sources (the source trust
 * policy, see {@link dev.profiles.git.GitProfiles} and {@code docs/security.md}). {@link
 * dev.profiles.git.UrlRewrites} holds git's {@code insteadOf} rules. Failures are the typed exceptions of {@link
 * dev.profiles.core.resolve}; no JGit exception escapes unwrapped and no credential appears in a
 * message.
 *
 * <p>What a resolved profile directory contains: its regular files (executable or not);
 * submodules are ignored; a symbolic link that stays inside the profile directory and ends at a
 * regular file is read as that file (so copies never contain links); every other link
 * (absolute, escaping the directory, to a directory, dangling, looping) fails resolution with
 * {@link dev.profiles.core.resolve.UnsafeContentException}. Files larger than the per-file
 * limit, or directories larger than the total limit, fail with {@link
 * dev.profiles.core.resolve.SizeLimitExceededException}.
 */
package dev.profiles.git;
