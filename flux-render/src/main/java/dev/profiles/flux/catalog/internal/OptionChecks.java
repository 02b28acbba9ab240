package dev.profiles.flux.catalog.internal;

import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.flux.catalog.CatalogInstallation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of {@link CatalogInstallation}'s options, each adding located violations. */
public final class OptionChecks {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN =
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*"
          + "[a-zA-Z0-9])?)*)(?::[0-9]{1,5})?";
  private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
  private static final String DIGEST = "[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,128}";
  private static final Pattern IMAGE = Pattern.compile("(?:" + DOMAIN + "/)?(" + COMPONENT
      + "(?:/" + COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern TAG_PATTERN = Pattern.compile(TAG);
  private static final Pattern QUANTITY = Pattern.compile(
      "(?:[0-9]{1,15}(?:\\.[0-9]{1,9})?|\\.[0-9]{1,9})(?:m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  private static final int MAX_IMAGE = 512;

  private OptionChecks() {}

  public static void image(String image, Optional<String> version, List<ModelViolation> out) {
    if (image.length() > MAX_IMAGE) {
      out.add(new ModelViolation("image", "longer than " + MAX_IMAGE + " characters"));
      return;
    }
    var m = IMAGE.matcher(image);
    if (!m.matches()) {
      // Not echoed: it may hold any character, line breaks too.
      out.add(new ModelViolation("image", "is not an image reference of the"
          + " form [registry/]path[:tag][@digest], e.g. " + CatalogInstallation.EXAMPLE_IMAGE));
      return;
    }
    boolean tagged = m.group(2) != null;
    boolean digest = m.group(3) != null;
    if (version.isPresent()) {
      String v = version.get();
      if (!TAG_PATTERN.matcher(v).matches()) {
        out.add(new ModelViolation("version", "is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})"));
      } else if (v.equals("latest")) {
        out.add(new ModelViolation("version", "'latest' is not a version: pin one"));
      }
      if (tagged || digest) {
        out.add(new ModelViolation("image", "'" + image + "' already has a "
            + (digest ? "digest" : "tag") + "; set the version or tag the image, not both"));
      }
    } else if (!tagged && !digest) {
      out.add(new ModelViolation("image", "'" + image + "' has no tag or digest: set the"
          + " version or pin the image"));
    } else if (!digest && m.group(2).equals("latest")) {
      out.add(new ModelViolation("image", "'" + image + "': 'latest' is not a version: pin"
          + " one"));
    }
  }

  public static void label(String field, String value, List<ModelViolation> out) {
    KubernetesNames.labelProblem(value)
        .ifPresent(p -> out.add(new ModelViolation(field, p)));
  }

  public static void quantity(String field, String value, List<ModelViolation> out) {
    if (value.length() > 32 || !QUANTITY.matcher(value).matches()) {
      out.add(new ModelViolation(field, "is not a Kubernetes quantity such"
          + " as 250m, 1, 512Mi or 2Gi"));
    }
  }

  public static void directory(String directory, List<ModelViolation> out) {
    Optional<String> p = ContainedPaths.problemInRepository(directory);
    if (p.isPresent()) {
      out.add(new ModelViolation("directory", p.get()));
    } else {
      String n = ContainedPaths.normalize(directory);
      if (n.equals(".") || n.equals(".git") || n.startsWith(".git/")) {
        out.add(new ModelViolation("directory", "'" + directory + "' is not a directory"
            + " the installation can be written to"));
      }
    }
  }
}
