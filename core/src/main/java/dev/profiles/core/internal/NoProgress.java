package dev.profiles.core.internal;

import dev.profiles.core.Progress;

/** {@link Progress#none()}: one shared instance that ignores everything. */
public enum NoProgress implements Progress {
  INSTANCE;

  @Override
  public void start(String task, int totalWork) {}

  @Override
  public void update(int completed) {}

  @Override
  public void end() {}
}
