package dev.profiles.benchmarks.install;

import dev.profiles.testing.git.ProfileRepoFixture;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the install and upgrade benchmarks share: a workspace with a GitOps repository and an
 * upstream profile repository, reset to the marked commit before every invocation.
 */
abstract class WorkspaceBenchmark {
  Workspace ws;
  ProfileRepoFixture upstream;

  /** Creates the workspace with {@code files} files and an empty upstream repository. */
  void createWorkspace(String name, int files) throws Exception {
    ws = new Workspace(name, files);
    upstream = ProfileRepoFixture.create(ws.root.resolve("upstream.git"));
  }

  @Setup(Level.Invocation)
  public void reset() throws Exception {
    ws.reset();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    upstream.close();
    ws.close();
  }

  /** Runs a few timed shots without JMH, for a quick look. */
  void quickLook(String label, Workspace.Step op) throws Exception {
    try {
      Workspace.timeShots(label, 5, this::reset, op);
    } finally {
      tearDown();
    }
  }
}
