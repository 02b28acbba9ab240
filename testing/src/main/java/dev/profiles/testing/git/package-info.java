/**
 * Test fixtures for git-backed profiles, meant to become a public testing module: {@link
 * dev.profiles.testing.git.ProfileRepoFixture} builds profile repositories programmatically,
 * {@link dev.profiles.testing.git.GitHttpServer} and {@link dev.profiles.testing.git.GitSshServer}
 * serve them on loopback.
 */
package dev.profiles.testing.git;
