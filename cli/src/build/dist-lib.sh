#!/bin/sh
# Packaging step (exec-maven-plugin, phase package, before the assembly): the distribution's
# lib/ directory.
#
#   dist-lib.sh JAVA OUT_DIR JAR CLASSPATH
#
# 1. OUT_DIR/lib/: the module's jar and its runtime dependencies, signed jars (JGit's) copied
#    without their signature files (StripSignatures.java says why).
# 2. OUT_DIR/lib/profiles.classlist: the classes of the launcher's class-data sharing archive,
#    from runs of the command line on representative commands with -XX:DumpLoadedClassList
#    (class names only, so independent of where the distribution is unpacked). The archive
#    itself cannot be shipped: JDK 17 maps an AppCDS archive only when the runtime class path
#    names the same jar paths as at dump time, and users unpack anywhere. The launcher dumps it
#    (static, -Xshare:dump) from this list on its first run instead.
#
# Fails soft: a JDK that cannot dump (or crashes) gets a [WARNING] and the build goes on; the
# launcher then runs without class-data sharing.
set -u
java=$1
out=$2
jar=$3
deps=$4
here=$(cd "$(dirname "$0")" && pwd)
lib="$out/lib"
rm -rf "$lib"
mkdir -p "$lib"
# Jars only: the class path also names target/classes, which is in the module's jar.
set --
all="$jar:$deps"
# For diagnosis: the class path Maven passed.
printf "%s\n" "$all" >"$out/classpath.txt"
old_ifs=$IFS
IFS=:
for e in $all; do
  if [ -f "$e" ]; then set -- "$@" "$e"; fi
done
IFS=$old_ifs
"$java" "$here/StripSignatures.java" "$lib" "$@" || exit 1
# The class path exactly as the launcher passes it.
cp="$lib/*"
work="$out/work"
rm -rf "$work"
mkdir -p "$work"
n=0
failed=0
train() {
  # train DIR ARGS...: one run of the command line, its loaded classes into $work/N.lst
  dir=$1
  shift
  n=$((n + 1))
  (cd "$dir" && HOME="$work/home" XDG_CACHE_HOME="$work/cache" GIT_TOKEN= \
    "$java" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:DumpLoadedClassList="$work/$n.lst" -cp "$cp" dev.profiles.cli.Main "$@") \
    >"$work/$n.out" 2>&1 </dev/null
}

train "$work" version
train "$work" --help
for c in add get upgrade remove bootstrap docgen completion; do
  train "$work" "$c" --help
done
train "$work" docgen
train "$work" completion bash
train "$work" get --bogus
train "$work" get --installed

# Real git work when git is installed: a profile repository and a GitOps repository on disk.
if command -v git >/dev/null 2>&1; then
  g() { git -c init.defaultBranch=main -c user.name=build -c user.email=build@localhost \
    -c commit.gpgsign=false -c tag.gpgsign=false "$@" >/dev/null 2>&1; }
  prof="$work/profile-repo"
  ops="$work/gitops"
  mkdir -p "$prof/app/manifests" "$ops"
  printf '%s\n' 'apiVersion: weave.works/v1alpha1' 'kind: ProfileDefinition' 'metadata:' \
    '  name: app' 'spec:' '  description: app' '  artifacts:' '    - name: web' \
    '      kustomize:' '        path: manifests' >"$prof/app/profile.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  v: "1"\n' \
    >"$prof/app/manifests/cm.yaml"
  g -C "$prof" init && g -C "$prof" add -A && g -C "$prof" commit -m v1 \
    && g -C "$prof" tag app/v0.1.0
  sed 's/"1"/"2"/' "$prof/app/manifests/cm.yaml" >"$prof/cm" && mv "$prof/cm" "$prof/app/manifests/cm.yaml"
  g -C "$prof" commit -am v2 && g -C "$prof" tag app/v0.2.0
  printf 'x\n' >"$ops/README.md"
  g -C "$ops" init && g -C "$ops" config user.name build && g -C "$ops" config user.email build@localhost \
    && g -C "$ops" config commit.gpgsign false && g -C "$ops" add -A && g -C "$ops" commit -m init
  train "$ops" bootstrap --git-repository flux-system/flux-system
  train "$ops" add --name app --profile-repo-url "file://$prof" --profile-tag app/v0.1.0 \
    --profile-path app
  train "$ops" get --installed
  train "$ops" get --installed -o json
  train "$ops" upgrade app 0.2.0
  train "$ops" remove app
fi

# Every class once, in first-loaded order.
cat "$work"/*.lst 2>/dev/null | awk '!seen[$0]++' >"$work/raw.classlist"
if [ ! -s "$work/raw.classlist" ]; then
  echo "[WARNING] dist-lib: no class list written (this JDK has no -XX:DumpLoadedClassList);" \
    "the launcher runs without class-data sharing"
  exit 0
fi
# Lambda proxies whose host class cannot be archived (classes of signed jars, such as JGit's)
# crash Debian's JDK 17.0.15 while dumping (SIGSEGV in
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary). A first dump without any
# lambda proxies names the classes the JDK skips; their lambda proxies are left out.
grep -v '^@lambda-proxy' "$work/raw.classlist" >"$work/base.classlist"
(cd "$work" && "$java" -Xshare:dump -XX:SharedClassListFile="$work/base.classlist" \
  -XX:SharedArchiveFile="$work/base.jsa" -XX:-CreateCoredumpOnCrash -cp "$cp") \
  >"$work/base.out" 2>&1 </dev/null
sed -n 's/.*Skipping \([^ :]*\): .*/\1/p' "$work/base.out" | sort -u >"$work/skipped"
awk 'NR == FNR { skipped[$1] = 1; next }
     !($1 == "@lambda-proxy" && ($2 in skipped)) { print }' \
  "$work/skipped" "$work/raw.classlist" >"$lib/profiles.classlist"
rm -f "$work/base.jsa"
# The launcher's dump and use of the archive, once, here: a JDK that crashes doing it is
# reported now rather than by a user's first command.
if ! (cd "$work" && "$java" -Xshare:dump -XX:SharedClassListFile="$lib/profiles.classlist" \
    -XX:SharedArchiveFile="$work/check.jsa" -XX:-CreateCoredumpOnCrash -cp "$cp") \
    >"$work/dump.out" 2>&1 </dev/null || [ ! -s "$work/check.jsa" ]; then
  echo "[WARNING] dist-lib: $java could not dump a class-data sharing archive" \
    "(see $work/dump.out); the launcher will fall back to running without one"
  exit 0
fi
if ! "$java" -Xshare:on -XX:SharedArchiveFile="$work/check.jsa" -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -cp "$cp" dev.profiles.cli.Main version >"$work/use.out" 2>&1 </dev/null; then
  echo "[WARNING] dist-lib: the dumped archive does not map (see $work/use.out);" \
    "the launcher will fall back to running without one"
  exit 0
fi
rm -f "$work/check.jsa"
echo "[INFO] dist-lib: $(grep -vc '^#' "$lib/profiles.classlist") class list entries from $n runs;" \
  "archive dump and use checked with $java"
