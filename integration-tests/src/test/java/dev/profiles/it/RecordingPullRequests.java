package dev.profiles.it;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory host for the planner's tests: keeps requests by head branch (newest last),
 * records every call, and can fail an {@code open} with a rate limit. The real providers are
 * tested against WireMock stubs in the pull-requests module.
 */
final class RecordingPullRequests implements PullRequestProvider {
  final Map<String, List<PullRequest>> byBranch = new LinkedHashMap<>();
  final Map<String, String> bodies = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  private int failOpenAt = -1;
  private int opens;

  /** The {@code n}-th open from now on (1-based) fails with RATE_LIMITED, once. */
  void failOpen(int n) {
    failOpenAt = opens + n;
  }

  @Override
  public Optional<PullRequest> find(String headBranch) {
    calls.add("find " + headBranch);
    List<PullRequest> all = byBranch.getOrDefault(headBranch, List.of());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public PullRequest open(PullRequestChange change) throws ProfilesException {
    opens++;
    if (opens == failOpenAt) {
      calls.add("open-failed " + change.headBranch());
      throw new PullRequestException(PullRequestException.Reason.RATE_LIMITED, 429,
          java.util.Optional.of(java.time.Duration.ofSeconds(30)), "rate limited", null);
    }
    calls.add("open " + change.headBranch());
    int id = byBranch.values().stream().mapToInt(List::size).sum() + 1;
    PullRequest pr = new PullRequest(String.valueOf(id), "https://git.example/pulls/" + id,
        change.headBranch(), change.baseBranch(), change.title(), PullRequest.State.OPEN);
    byBranch.computeIfAbsent(change.headBranch(), k -> new ArrayList<>()).add(pr);
    bodies.put(pr.id(), change.body());
    return pr;
  }

  @Override
  public PullRequest update(PullRequest existing, PullRequestChange change) {
    calls.add("update " + change.headBranch());
    PullRequest pr = new PullRequest(existing.id(), existing.url(), existing.headBranch(),
        existing.baseBranch(), change.title(), existing.state());
    List<PullRequest> list = byBranch.get(existing.headBranch());
    list.set(list.size() - 1, pr);
    bodies.put(pr.id(), change.body());
    return pr;
  }

  /** Closes the newest request of {@code branch} without merging. */
  void close(String branch) {
    List<PullRequest> list = byBranch.get(branch);
    PullRequest p = list.get(list.size() - 1);
    list.set(list.size() - 1, new PullRequest(p.id(), p.url(), p.headBranch(), p.baseBranch(),
        p.title(), PullRequest.State.CLOSED));
  }

  List<String> callsExceptFind() {
    return calls.stream().filter(c -> !c.startsWith("find ")).toList();
  }
}
