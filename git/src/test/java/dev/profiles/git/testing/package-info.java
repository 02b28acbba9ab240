/**
 * Test fixtures for git-backed profiles, meant to become a public testing module: {@link
 * dev.profiles.git.testing.ProfileRepoFixture} builds profile repositories programmatically,
 * {@link dev.profiles.git.testing.GitHttpServer} and {@link dev.profiles.git.testing.GitSshServer}
 * serve them on loopback.
 */
package dev.profiles.git.testing;
