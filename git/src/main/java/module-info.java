/**
 * Resolving profiles from git repositories, scanning them for a catalog, and writing GitOps
 * repositories, with JGit.
 */
module dev.profiles.git {
  requires transitive dev.profiles.core;
  requires transitive org.eclipse.jgit;
  requires org.eclipse.jgit.ssh.apache;
  requires org.apache.sshd.osgi;
  requires org.slf4j;
  requires static java.compiler;
  requires static org.immutables.value.annotations;

  exports dev.profiles.git;
  exports dev.profiles.git.catalog;
  exports dev.profiles.git.gitops;

  provides dev.profiles.core.install.Merger with dev.profiles.git.gitops.FileSetMerger;
  provides dev.profiles.core.catalog.RepositoryScanner
      with dev.profiles.git.catalog.GitRepositoryScanner;
}
