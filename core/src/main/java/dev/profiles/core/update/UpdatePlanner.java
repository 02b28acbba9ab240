package dev.profiles.core.update;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.install.UpdateFinder;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.install.VersionLister;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionConstraint;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes upgrades as reviewed pull requests: for each installation of a GitOps repository
 * (or of each repository of a fleet) the newest version its {@link UpdatePolicy} allows, the
 * upgrade by three-way merge committed on an update branch, pushed, and a pull request opened or
 * updated through a {@link PullRequestProvider}.
 *
 * <p><b>Candidates.</b> Catalog installs: the versions the {@link UpdateFinder} offers (give one
 * that includes pre-releases; the policy filters them). Tag installs: the repository's version
 * tags of the same profile ({@link VersionLister}). Newest first, the first that is not
 * withdrawn, satisfies the policy's range (pre-releases by npm's rule unless {@code
 * preReleases}) and is at least {@code minimumAge} old (its tag's commit time, {@link
 * VersionLister#tagDates}) is proposed; when none is, the reason of the newest is reported.
 *
 * <p><b>Branches.</b> One per installation, {@code profiles/update/<namespace>-<name>}, or all
 * in one, {@code profiles/update/all} ({@link Grouping}). Each is made from {@code HEAD} and
 * replaced on every run ({@link Change#replaceBranch()}: moved only from where it was, pushed
 * with force-with-lease); the user's checked-out branch is never touched. When the branch
 * already holds exactly the upgrade, nothing is committed.
 *
 * <p><b>Requests.</b> {@code find(branch)}: an open request gets the new title and body when
 * the branch changed or the title differs; a closed or merged request with the same title (the
 * title names the version) is respected and nothing is pushed; otherwise (none, or a closed one
 * for an older version) a request is opened. A conflicting upgrade is still proposed: the
 * merged files are committed with conflict markers and listed in the plan and the body.
 *
 * <p><b>Re-runs.</b> A second run with nothing new commits nothing and edits no request (only
 * {@code find} is called). A run that fails half way ({@link PullRequestException}, say a rate
 * limit) leaves the branches it pushed; the next run finds them unchanged and only opens the
 * missing requests.
 *
 * <pre>{@code
 * UpdatePlanner planner = UpdatePlanner.builder().profiles(profiles)
 *     .updateFinder(finder).versionLister(git.asVersionLister())
 *     .pullRequests(provider).baseBranch("main").build();
 * UpdatePlan plan = planner.plan(repo);          // dry run: decisions and merged changes
 * List<UpdateOutcome> done = planner.run(repo);  // branches, pushes, pull requests
 * }</pre>
 */
public final class UpdatePlanner {
  /** The prefix of every update branch. */
  public static final String BRANCH_PREFIX = "profiles/update/";

  /** How updates are grouped on branches. */
  public enum Grouping {
    /** One branch and request per installation. */
    PER_INSTALLATION,
    /** Every update of a repository on one branch, {@code profiles/update/all}. */
    ALL
  }

  private final Profiles profiles;
  private final Optional<UpdateFinder> finder;
  private final Optional<VersionLister> lister;
  private final Optional<PullRequestProvider> pullRequests;
  private final UpdateDescriber describer;
  private final Clock clock;
  private final Grouping grouping;
  private final String baseBranch;
  private final Optional<Signature> author;
  private final boolean push;

  private UpdatePlanner(Builder b) {
    this.profiles = b.profiles;
    this.finder = Optional.ofNullable(b.finder);
    this.lister = Optional.ofNullable(b.lister);
    this.pullRequests = Optional.ofNullable(b.pullRequests);
    this.describer = b.describer;
    this.clock = b.clock;
    this.grouping = b.grouping;
    this.baseBranch = b.baseBranch;
    this.author = Optional.ofNullable(b.author);
    this.push = b.push;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The plan for {@code repository}, written nowhere (the dry run): every installation's
   * decision, with the merged change for each proposed update.
   *
   * @throws InvalidDocumentException when a record (its policy included) is invalid, located;
   *     nothing is planned then
   * @throws ProfilesException when a catalog, repository or render fails
   */
  public UpdatePlan plan(GitOpsRepository repository) throws ProfilesException {
    ListResult list = profiles.list(repository).call();
    if (!list.problems().isEmpty()) {
      throw new InvalidDocumentException(list.problems());
    }
    List<PlannedUpdate> out = new ArrayList<>();
    for (InstalledProfile installed : list.installations()) {
      out.add(decide(repository, installed.directory(), installed.installation()));
    }
    return new UpdatePlan(out);
  }

  /** The plans of every repository of a fleet, in order. */
  public List<UpdatePlan> plan(List<? extends GitOpsRepository> fleet) throws ProfilesException {
    List<UpdatePlan> out = new ArrayList<>();
    for (GitOpsRepository r : fleet) {
      out.add(plan(r));
    }
    return out;
  }

  /**
   * Plans {@code repository}, then commits each proposed update on its branch, pushes it and
   * opens or updates its request (see the class description for the rules).
   *
   * @throws PullRequestException when the host refuses; what was pushed stays and is reused by
   *     the next run
   */
  public List<UpdateOutcome> run(GitOpsRepository repository) throws ProfilesException {
    return run(repository, plan(repository));
  }

  /**
   * Commits, pushes and proposes the updates of {@code plan}, which {@link
   * #plan(GitOpsRepository)} of this planner gave for {@code repository} (a caller that shows the
   * plan first, as {@code profiles update} does, plans once). Each update's change was computed
   * against the repository's state then: a repository that moved meanwhile can make a commit
   * fail, as it can for {@link #run(GitOpsRepository)}.
   *
   * @throws PullRequestException when the host refuses; what was pushed stays and is reused by
   *     the next run
   */
  public List<UpdateOutcome> run(GitOpsRepository repository, UpdatePlan plan)
      throws ProfilesException {
    if (repository == null || plan == null) {
      throw new ProfilesConfigurationException("run needs a repository and its plan");
    }
    Map<String, List<PlannedUpdate>> byBranch = new LinkedHashMap<>();
    for (PlannedUpdate u : plan.proposed()) {
      if (u.change().isEmpty()) {
        continue;
      }
      String branch = grouping == Grouping.ALL ? BRANCH_PREFIX + "all"
          : BRANCH_PREFIX + u.namespace() + "-" + u.name();
      byBranch.computeIfAbsent(branch, k -> new ArrayList<>()).add(u);
    }
    List<UpdateOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, List<PlannedUpdate>> e : byBranch.entrySet()) {
      outcomes.add(propose(repository, e.getKey(), e.getValue()));
    }
    return outcomes;
  }

  /** {@link #run(GitOpsRepository)} for every repository of a fleet, in order. */
  public List<UpdateOutcome> run(List<? extends GitOpsRepository> fleet)
      throws ProfilesException {
    List<UpdateOutcome> out = new ArrayList<>();
    for (GitOpsRepository r : fleet) {
      out.addAll(run(r));
    }
    return out;
  }

  private UpdateOutcome propose(GitOpsRepository repository, String branch,
      List<PlannedUpdate> updates) throws ProfilesException {
    UpdateDescriber.Description d = describer.describe(updates);
    List<String> dirs = updates.stream().map(PlannedUpdate::directory).toList();
    Optional<PullRequest> existing = pullRequests.isPresent()
        ? pullRequests.get().find(branch) : Optional.empty();
    if (existing.isPresent() && existing.get().state() != PullRequest.State.OPEN
        && existing.get().title().equals(d.title())) {
      return new UpdateOutcome(branch, dirs, Optional.empty(), false, existing,
          UpdateOutcome.Action.RESPECTED_CLOSED);
    }
    Change change = branchChange(branch, d.title(), updates);
    CommitResult commit = repository.commit(change);
    if (pullRequests.isEmpty()) {
      return new UpdateOutcome(branch, dirs, Optional.of(commit.commitId()), !commit.unchanged(),
          Optional.empty(), UpdateOutcome.Action.UNCHANGED);
    }
    PullRequestChange request = new PullRequestChange(branch, baseBranch, d.title(), d.body());
    if (existing.isPresent() && existing.get().state() == PullRequest.State.OPEN) {
      if (commit.unchanged() && existing.get().title().equals(d.title())) {
        return new UpdateOutcome(branch, dirs, Optional.of(commit.commitId()), false, existing,
            UpdateOutcome.Action.UNCHANGED);
      }
      PullRequest updated = pullRequests.get().update(existing.get(), request);
      return new UpdateOutcome(branch, dirs, Optional.of(commit.commitId()), !commit.unchanged(),
          Optional.of(updated), UpdateOutcome.Action.UPDATED);
    }
    PullRequest opened = pullRequests.get().open(request);
    return new UpdateOutcome(branch, dirs, Optional.of(commit.commitId()), !commit.unchanged(),
        Optional.of(opened), UpdateOutcome.Action.OPENED);
  }

  /** One change for the branch: an installation's own upgrade, or several merged into one. */
  private Change branchChange(String branch, String title, List<PlannedUpdate> updates) {
    Change.Builder b;
    if (updates.size() == 1) {
      b = Change.builder().from(updates.get(0).change().orElseThrow());
    } else {
      // Grouped: one commit for several installations, so no single baseline; version upgrades
      // merge against a fresh render of the installed version and need none.
      RenderedFiles.Builder files = RenderedFiles.builder();
      List<String> removals = new ArrayList<>();
      for (PlannedUpdate u : updates) {
        Change c = u.change().orElseThrow();
        c.files().forEach(files::put);
        removals.addAll(c.removals());
      }
      b = Change.builder().files(files.build()).removals(removals).message(title);
    }
    author.ifPresent(b::author);
    return b.message(title).branch(branch).replaceBranch(true).push(push).build();
  }

  private PlannedUpdate decide(GitOpsRepository repository, String dir,
      ProfileInstallation record) throws ProfilesException {
    String ns = record.namespace();
    String name = record.name();
    UpdatePolicy policy = record.updatePolicy().orElse(UpdatePolicy.defaults());
    Optional<VersionTag> tag = record.source().tag().flatMap(VersionTag::parse);
    String from = tag.map(t -> t.version().toString())
        .orElse(record.source().tag().or(() -> record.source().effectiveBranch()).orElse("?"));
    if (tag.isEmpty()) {
      return skip(dir, ns, name, from, SkipReason.NOT_VERSIONED, "installed from "
          + (record.source().isTag() ? "tag " : "branch ") + from + ", which has no versions");
    }
    if (policy.pinned()) {
      return skip(dir, ns, name, from, SkipReason.PINNED, "the update policy pins it");
    }
    Version current = tag.get().version();
    List<Candidate> candidates = candidates(record, tag.get());
    candidates.removeIf(c -> c.version().comparePrecedence(current) <= 0);
    candidates.sort((a, b) -> b.version().comparePrecedence(a.version()));
    if (candidates.isEmpty()) {
      return skip(dir, ns, name, from, SkipReason.NONE_NEWER, "no version newer than " + from);
    }
    VersionConstraint range = policy.constraint().orElse(VersionConstraint.any());
    Optional<Duration> minimumAge = policy.minimumAgeDuration();
    Map<VersionTag, Instant> dates = Map.of();
    if (minimumAge.isPresent() && lister.isPresent()) {
      List<VersionTag> tags = candidates.stream().map(Candidate::tag).toList();
      dates = lister.get().tagDates(candidates.get(0).url(), tags);
    }
    Instant now = clock.instant();
    // The reason reported is that of the newest candidate inside the range; when none is, the
    // range itself is why.
    SkipReason first = null;
    String why = null;
    for (Candidate c : candidates) {
      if (!range.satisfiedBy(c.version(), policy.preReleases())) {
        continue;
      }
      SkipReason reason = null;
      String detail = null;
      if (c.withdrawn()) {
        reason = SkipReason.WITHDRAWN;
        detail = c.version() + " is withdrawn in the catalog";
      } else if (minimumAge.isPresent()) {
        Instant made = dates.get(c.tag());
        if (made == null || Duration.between(made, now).compareTo(minimumAge.get()) < 0) {
          reason = SkipReason.TOO_YOUNG;
          detail = c.version() + (made == null ? " has no known date" : " was tagged " + made)
              + ", younger than the minimum age " + policy.minimumAge().orElseThrow();
        }
      }
      if (reason == null) {
        return propose(repository, dir, ns, name, from, c);
      }
      if (first == null) {
        first = reason;
        why = detail;
      }
    }
    if (first == null) {
      first = SkipReason.OUT_OF_RANGE;
      why = "no newer version (newest: " + candidates.get(0).version() + ") satisfies "
          + policy.range().orElse("the policy (releases only)");
    }
    return skip(dir, ns, name, from, first, why);
  }

  private PlannedUpdate propose(GitOpsRepository repository, String dir, String ns, String name,
      String from, Candidate c) throws ProfilesException {
    UpgradeResult r = profiles.upgrade(repository).installation(dir)
        .toVersion(c.version().toString()).dryRun(true).call();
    return new PlannedUpdate(dir, ns, name, from, Optional.of(r.to().source().tag()
        .flatMap(VersionTag::parse).map(t -> t.version().toString())
        .orElse(c.version().toString())), Optional.empty(), "newest version the policy allows",
        r.conflicts(), r.change());
  }

  private static PlannedUpdate skip(String dir, String ns, String name, String from,
      SkipReason reason, String detail) {
    return new PlannedUpdate(dir, ns, name, from, Optional.empty(), Optional.of(reason), detail,
        List.of(), Optional.empty());
  }

  private record Candidate(Version version, VersionTag tag, String url, boolean withdrawn) {}

  private List<Candidate> candidates(ProfileInstallation record, VersionTag installed)
      throws ProfilesException {
    List<Candidate> out = new ArrayList<>();
    if (record.catalog().isPresent()) {
      UpdateFinder f = finder.orElseThrow(() -> new ProfilesConfigurationException("'"
          + record.name() + "' is a catalog install: give the planner an updateFinder"));
      for (CatalogEntry e : f.availableUpdates(record.catalog().get())) {
        Optional<VersionTag> t = e.versionTag();
        if (t.isPresent()) {
          out.add(new Candidate(t.get().version(), t.get(), e.url().orElse(record.source().url()),
              e.withdrawn()));
        }
      }
      return out;
    }
    VersionLister l = lister.orElseThrow(() -> new ProfilesConfigurationException("'"
        + record.name() + "' is a tag install: give the planner a versionLister"));
    for (VersionTag t : l.versionTags(record.source().url())) {
      if (t.profileName().equals(installed.profileName())) {
        out.add(new Candidate(t.version(), t, record.source().url(), false));
      }
    }
    return out;
  }

  /** Builds an {@link UpdatePlanner}; {@link #profiles} is required. */
  public static final class Builder {
    private Profiles profiles;
    private UpdateFinder finder;
    private VersionLister lister;
    private PullRequestProvider pullRequests;
    private UpdateDescriber describer = UpdateDescriber.plain();
    private Clock clock = Clock.systemUTC();
    private Grouping grouping = Grouping.PER_INSTALLATION;
    private String baseBranch = "main";
    private Signature author;
    private boolean push = true;

    private Builder() {}

    /** The SDK entry point whose upgrade (three-way merge) the planner uses. */
    public Builder profiles(Profiles profiles) {
      this.profiles = required(profiles, "profiles");
      return this;
    }

    /** Newer versions of catalog installs (pre-releases included; the policy filters). */
    public Builder updateFinder(UpdateFinder finder) {
      this.finder = required(finder, "updateFinder");
      return this;
    }

    /** Version tags of tag installs, and tag dates for {@code minimumAge}. */
    public Builder versionLister(VersionLister lister) {
      this.lister = required(lister, "versionLister");
      return this;
    }

    /** Where requests are found, opened and updated; without one, branches only. */
    public Builder pullRequests(PullRequestProvider provider) {
      this.pullRequests = required(provider, "pullRequests");
      return this;
    }

    /** Title and body of requests; {@link UpdateDescriber#plain()} by default. */
    public Builder describer(UpdateDescriber describer) {
      this.describer = required(describer, "describer");
      return this;
    }

    /** The clock {@code minimumAge} is measured with; the system's by default. */
    public Builder clock(Clock clock) {
      this.clock = required(clock, "clock");
      return this;
    }

    /** One branch per installation (default) or one for all. */
    public Builder grouping(Grouping grouping) {
      this.grouping = required(grouping, "grouping");
      return this;
    }

    /** The branch requests merge into; {@code main} by default. */
    public Builder baseBranch(String baseBranch) {
      this.baseBranch = required(baseBranch, "baseBranch");
      if (baseBranch.isBlank()) {
        throw new ProfilesConfigurationException("baseBranch must not be blank");
      }
      return this;
    }

    /** The author of update commits; the repository's configured user by default. */
    public Builder author(Signature author) {
      this.author = required(author, "author");
      return this;
    }

    /** Whether update branches are pushed (default true; requests need pushed branches). */
    public Builder push(boolean push) {
      this.push = push;
      return this;
    }

    private static <T> T required(T value, String name) {
      if (value == null) {
        throw new ProfilesConfigurationException(name + " must not be null");
      }
      return value;
    }

    public UpdatePlanner build() {
      if (profiles == null) {
        throw new ProfilesConfigurationException("the update planner needs profiles(...)");
      }
      if (pullRequests != null && !push) {
        throw new ProfilesConfigurationException("pull requests need pushed branches: do not"
            + " set push(false) with a pullRequests provider");
      }
      return new UpdatePlanner(this);
    }
  }
}
