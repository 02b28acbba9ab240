package dev.profiles.catalog.controller.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The controller's Prometheus metrics, in the text exposition format (version 0.0.4) written
 * by hand: a handful of counters, gauges and one histogram do not justify a metrics library
 * in the runnable jar.
 */
public final class Metrics {
  private static final double[] BUCKETS = {0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300};

  private final AtomicLong scans = new AtomicLong();
  private final AtomicLong repositoryScans = new AtomicLong();
  private final AtomicLong scanErrors = new AtomicLong();
  private final AtomicLong statusWrites = new AtomicLong();
  private final AtomicLong statusWriteErrors = new AtomicLong();
  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
  private final AtomicLong durationNanos = new AtomicLong();
  private final LongSupplier entries;
  private final IntSupplier sources;
  private final IntSupplier leader;
  private final IntSupplier ready;

  public Metrics(LongSupplier entries, IntSupplier sources, IntSupplier leader,
      IntSupplier ready) {
    this.entries = entries;
    this.sources = sources;
    this.leader = leader;
    this.ready = ready;
  }

  /** One source scanned: how long it took, how many repositories, how many failed. */
  public void scanned(long nanos, int repositories, int errors) {
    scans.incrementAndGet();
    repositoryScans.addAndGet(repositories);
    scanErrors.addAndGet(errors);
    durationNanos.addAndGet(nanos);
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        buckets.incrementAndGet(i);
      }
    }
  }

  /** One status written through the status subresource, or a write that failed. */
  public void statusWritten(boolean ok) {
    (ok ? statusWrites : statusWriteErrors).incrementAndGet();
  }

  public long scans() {
    return scans.get();
  }

  public long statusWrites() {
    return statusWrites.get();
  }

  /** The exposition text. */
  public byte[] text() {
    StringBuilder b = new StringBuilder(2048);
    counter(b, "profiles_catalog_source_scans_total", "Sources scanned (every repository of a"
        + " source, once).", scans.get());
    counter(b, "profiles_catalog_repository_scans_total", "Repository scans.",
        repositoryScans.get());
    counter(b, "profiles_catalog_scan_errors_total", "Repository scans that failed.",
        scanErrors.get());
    counter(b, "profiles_catalog_status_writes_total", "Status subresource writes.",
        statusWrites.get());
    counter(b, "profiles_catalog_status_write_errors_total", "Status writes that failed.",
        statusWriteErrors.get());
    String h = "profiles_catalog_scan_duration_seconds";
    b.append("# HELP ").append(h).append(" Time to scan one source.\n");
    b.append("# TYPE ").append(h).append(" histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      b.append(h).append("_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
          .append(buckets.get(i)).append('\n');
    }
    b.append(h).append("_bucket{le=\"+Inf\"} ").append(scans.get()).append('\n');
    b.append(h).append("_sum ").append(durationNanos.get() / 1e9).append('\n');
    b.append(h).append("_count ").append(scans.get()).append('\n');
    gauge(b, "profiles_catalog_entries", "Entries the catalog serves.", entries.getAsLong());
    gauge(b, "profiles_catalog_sources", "ProfileCatalogSource resources known.",
        sources.getAsInt());
    gauge(b, "profiles_catalog_leader", "1 when this replica holds the Lease and writes status.",
        leader.getAsInt());
    gauge(b, "profiles_catalog_ready", "1 after the first full sync.", ready.getAsInt());
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
