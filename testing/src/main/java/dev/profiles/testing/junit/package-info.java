/**
 * JUnit 5 integration of the test kit: {@link dev.profiles.testing.junit.ProfilesTest} and
 * {@link dev.profiles.testing.junit.ProfilesExtension} inject loopback git servers, profile
 * repositories and GitOps repositories into test methods and close them afterwards.
 */
package dev.profiles.testing.junit;
