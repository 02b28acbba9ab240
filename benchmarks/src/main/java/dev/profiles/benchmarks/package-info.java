/**
 * Benchmarks of the Profiles SDK. Run {@code ./mvnw -B -pl benchmarks -am package -DskipTests}
 * then {@code java -jar benchmarks/target/benchmarks.jar}; results are recorded in
 * {@code docs/benchmarks.md}.
 */
package dev.profiles.benchmarks;
