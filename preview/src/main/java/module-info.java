/**
 * Expands Flux objects into the Kubernetes objects they produce, for previews: HelmReleases
 * with the embedded Helm (helm-java), Kustomizations with kustomize.
 */
module dev.profiles.preview {
  requires transitive dev.profiles.core;
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires java.net.http;
  // helm-java publishes no module names: these are its jars' automatic names.
  requires helm.java;
  requires lib.api;
  // helm-java's automatic modules read only modules that are resolved: JNA must be required
  // here, or the native library fails to load on the module path.
  requires com.sun.jna;

  exports dev.profiles.preview;

  uses com.marcnuri.helm.jni.NativeLibrary;

  provides dev.profiles.core.preview.ObjectExpander with
      dev.profiles.preview.HelmReleaseExpander, dev.profiles.preview.KustomizationExpander;
}
