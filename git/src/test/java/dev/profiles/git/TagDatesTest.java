package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.VersionLister;
import dev.profiles.core.version.VersionTag;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asVersionLister().tagDates}: the committer time of each tag's commit. */
class TagDatesTest {
  @TempDir Path tmp;
  private GitProfiles git;
  private ProfileRepoFixture repo;

  @BeforeEach
  void setUp() {
    git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build();
    repo = ProfileRepoFixture.create(tmp.resolve("repos/profiles.git"));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    git.close();
  }

  /** Tags a commit (on top of the last one, same tree) dated {@code when}. */
  static void tagAt(Repository r, String tag, Instant when) throws Exception {
    try (RevWalk walk = new RevWalk(r); ObjectInserter ins = r.newObjectInserter()) {
      RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(head.getTree());
      c.setParentId(head);
      PersonIdent who = new PersonIdent("T", "t@example.com", when, ZoneOffset.UTC);
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(tag);
      ObjectId id = ins.insert(c);
      ins.flush();
      RefUpdate u = r.updateRef("refs/tags/" + tag);
      u.setNewObjectId(id);
      u.setForceUpdate(true);
      u.update();
    }
  }

  @Test
  void datesAreTheTagCommitsCommitterTimesPastOrFuture() throws Exception {
    repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml())
        .file("nginx/k/a.yaml", "a").commit("c").annotatedTag("nginx/v0.1.0", "annotated");
    Instant past = Instant.parse("2020-05-01T10:00:00Z");
    Instant future = Instant.parse("2099-01-01T00:00:00Z");
    tagAt(repo.repository(), "nginx/v0.2.0", past);
    tagAt(repo.repository(), "nginx/v0.3.0", future);
    VersionLister lister = git.asVersionLister();
    List<VersionTag> tags = lister.versionTags(repo.url());
    assertThat(tags).extracting(VersionTag::toString)
        .containsExactlyInAnyOrder("nginx/v0.1.0", "nginx/v0.2.0", "nginx/v0.3.0");

    Map<VersionTag, Instant> dates = lister.tagDates(repo.url(),
        List.of(tag("nginx/v0.1.0"), tag("nginx/v0.2.0"), tag("nginx/v0.3.0"),
            tag("nginx/v9.0.0")));

    assertThat(dates).containsEntry(tag("nginx/v0.2.0"), past)
        .containsEntry(tag("nginx/v0.3.0"), future)
        .doesNotContainKey(tag("nginx/v9.0.0"));
    // The fixture dates its commits from 2026-01-01 on; an annotated tag is peeled.
    assertThat(dates.get(tag("nginx/v0.1.0"))).isAfter(Instant.parse("2025-12-31T00:00:00Z"))
        .isBefore(Instant.parse("2026-01-02T00:00:00Z"));
  }

  private static VersionTag tag(String t) {
    return VersionTag.parse(t).orElseThrow();
  }
}
