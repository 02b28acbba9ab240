package dev.profiles.catalog.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token is kept until its {@code expirationTimestamp} and fetched again after it, judged by a
 * clock the test moves (no waiting): a real script counts its runs and numbers its tokens.
 */
class ExecPluginExpiryTest {
  @TempDir Path dir;

  @Test
  void anExpiredTokenIsFetchedAgainAndAValidOneIsKept() throws Exception {
    Path counter = dir.resolve("runs");
    Path plugin = dir.resolve("plugin.sh");
    // Run n answers token-n, valid until (10 + n):00.
    Files.writeString(plugin, "#!/usr/bin/env bash\necho run >> " + counter + "\n"
        + "n=$(wc -l < " + counter + ")\n"
        + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
        + "\"status\":{\"token\":\"token-'$n'\","
        + "\"expirationTimestamp\":\"2030-01-01T1'$n':00:00Z\"}}'\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    MovableClock clock = new MovableClock(Instant.parse("2030-01-01T09:00:00Z"));
    ExecPlugin exec = ExecPlugin.of(Map.of("apiVersion", "client.authentication.k8s.io/v1",
        "command", plugin.toString(), "interactiveMode", "Never"), "user 'u'", dir,
        new ExecPlugin.ClusterInfo("https://127.0.0.1:6443", Optional.empty(), null))
        .withClock(clock);

    assertThat(exec.header()).contains("Bearer token-1");
    clock.now = Instant.parse("2030-01-01T10:59:59Z");
    assertThat(exec.header()).contains("Bearer token-1");
    assertThat(Files.readAllLines(counter)).hasSize(1);

    clock.now = Instant.parse("2030-01-01T11:00:00Z");
    assertThat(exec.header()).contains("Bearer token-2");
    clock.now = Instant.parse("2030-01-01T11:30:00Z");
    assertThat(exec.header()).contains("Bearer token-2");
    assertThat(Files.readAllLines(counter)).hasSize(2);

    // Run 3's credential expires at 13:00; asked at 14:00 it is already stale: refused.
    clock.now = Instant.parse("2030-01-01T14:00:00Z");
    assertThatThrownBy(exec::header).hasMessageContaining("already expired");
    assertThat(Files.readAllLines(counter)).hasSize(3);
  }

  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
