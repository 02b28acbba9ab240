package dev.profiles.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) whose test methods take the test kit's fixtures as
 * parameters; shorthand for {@code @ExtendWith(ProfilesExtension.class)}, see {@link
 * ProfilesExtension} for what can be injected.
 *
 * <pre>{@code
 * @ProfilesTest
 * class NginxProfileTest {
 *   @Test
 *   void servesTheProfile(ProfileRepoFixture repo, GitHttpServer server) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ProfilesExtension.class)
public @interface ProfilesTest {}
