#!/usr/bin/env bash
# Builds Callback Console for the operating system this runs on, in four steps:
#
#   1. the jar and its libraries     mvn package                    target/callback-console.jar, target/lib/
#   2. a trimmed Java runtime        jdeps, then jlink               target/packaging/runtime/
#   3. the app image                 jpackage --type app-image,      target/packaging/image/
#                                    then an AOT cache from a training run (JDK 25 or newer)
#   4. the installers ("installers") jpackage --type deb|rpm|msi|dmg target/packaging/installers/
#        Linux: .deb (needs dpkg-deb and fakeroot), and .rpm where rpmbuild exists
#        Windows: .msi (needs WiX 3 on the PATH)          macOS: .dmg
#
# Usage: packaging/build.sh [app-image|installers] [--skip-maven]
#   app-image     steps 1-3 (the default)
#   installers    steps 1-4
#   --skip-maven  use the jar and target/lib/ of an earlier "mvn package" or "mvn verify"
#
# Environment:
#   PACKAGING_JDK           the JDK whose jlink, jpackage and runtime the installers get (default: Temurin 25 at
#                           /usr/lib/jvm/temurin-25-jdk-amd64 where it exists, else JAVA_HOME). From JDK 25 on, the
#                           build also trains an ahead-of-time cache (below); a JDK 24+ links from its own runtime,
#                           an older one needs its jmods/ folder (Debian 12: openjdk-17-jdk-headless)
#   JAVA_HOME               the JDK "mvn package" runs on (default: the one "java" on the PATH belongs to); the code
#                           compiles for release 17 whatever JDK packages it
#   MACOS_SIGNING_IDENTITY  macOS only: sign the app and the .dmg with this identity from the keychain,
#                           e.g. "Developer ID Application: Example Ltd (TEAMID1234)"; unsigned when empty
#   RELEASE_TAG             when set (CI sets it on a tag), it must be "v" followed by the pom's version
#
# The per-OS choices live in the jpackage argument files next to this script (shared/, linux/, windows/, macos/).
# Runs with macOS's bash 3.2 and with Git Bash on Windows.
set -euo pipefail
cd "$(dirname "$0")/.."

goal=app-image
skip_maven=false
for arg in "$@"; do
  case "$arg" in
    app-image | installers) goal=$arg ;;
    --skip-maven) skip_maven=true ;;
    *) echo "usage: packaging/build.sh [app-image|installers] [--skip-maven]" >&2; exit 2 ;;
  esac
done

fail() {
  echo "packaging/build.sh: $*" >&2
  exit 1
}

step_started=$SECONDS
step() {
  echo "== $* (at ${SECONDS}s)"
  step_started=$SECONDS
}

# --- The platform -------------------------------------------------------------------------------------------------
# native_ext: JavaFX's native libraries; native_dir: where a runtime image keeps native libraries, which is where
# JavaFX looks for them first when its modules are linked in.
case "$(uname -s)" in
  Linux) os=linux path_separator=':' native_ext=so native_dir=lib ;;
  Darwin) os=macos path_separator=':' native_ext=dylib native_dir=lib ;;
  MINGW* | MSYS* | CYGWIN*) os=windows path_separator=';' native_ext=dll native_dir=bin ;;
  *) fail "no packaging for $(uname -s)" ;;
esac

# A path as the JDK's tools want it: Windows programs do not understand Git Bash's /c/... paths.
tool_path() {
  if [ "$os" = windows ]; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')
fi
if [ -z "${PACKAGING_JDK:-}" ]; then
  PACKAGING_JDK=$JAVA_HOME
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ] && PACKAGING_JDK=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ "$os" = windows ]; then PACKAGING_JDK=$(cygpath -u "$PACKAGING_JDK"); fi
jdk_bin="$PACKAGING_JDK/bin"
[ -x "$jdk_bin/jpackage" ] || [ -x "$jdk_bin/jpackage.exe" ] ||
  fail "no jpackage in $jdk_bin: PACKAGING_JDK must be a JDK 17 or newer"
# The feature release (17, 25, ...) from the JDK's release file: it decides how to link and what the launcher gets.
jdk_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$PACKAGING_JDK/release")
[ -n "$jdk_feature" ] || fail "cannot read the Java version from $PACKAGING_JDK/release"
# jlink links the JDK's modules from jmods/, or from the running JDK itself (JDK 24+ builds such as Temurin's).
jdk_module_path=
if [ -f "$PACKAGING_JDK/jmods/java.base.jmod" ]; then
  jdk_module_path="$(tool_path "$PACKAGING_JDK/jmods")$path_separator"
elif [ "$jdk_feature" -lt 24 ]; then
  fail "no jmods in $PACKAGING_JDK/jmods: jlink needs them (Debian 12: openjdk-17-jdk-headless; later: openjdk-17-jmods)"
fi
echo "packaging with JDK $jdk_feature at $PACKAGING_JDK"

work=target/packaging
image_dir="$work/image"
installers_dir="$work/installers"

# --- 1. The jar and its libraries ---------------------------------------------------------------------------------
if [ "$skip_maven" = false ]; then
  step "1. mvn package"
  revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ "$revision" != unknown ] && ! git diff --quiet HEAD 2>/dev/null; then revision="$revision-modified"; fi
  mvn -B -q package -DskipTests -Dbuild.revision="$revision"
fi
[ -f target/callback-console.jar ] || fail "no target/callback-console.jar: run without --skip-maven"

rm -rf "$work"
mkdir -p "$work/input/lib" "$work/javafx" "$work/natives" "$work/manifest"

# The version comes from the jar's manifest, so it is the pom's.
(cd "$work/manifest" && "$jdk_bin/jar" xf ../../callback-console.jar META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *//p' "$work/manifest/META-INF/MANIFEST.MF" | tr -d '\r')
[ -n "$version" ] || fail "the jar's manifest has no Implementation-Version"
if [ -n "${RELEASE_TAG:-}" ] && [ "$RELEASE_TAG" != "v$version" ]; then
  fail "the tag $RELEASE_TAG does not match the pom's version $version: tag v$version, or change the pom"
fi
# Installers want numbers only: 0.1.0-SNAPSHOT is packaged as 0.1.0.
app_version=${version%%-*}
case "$app_version" in
  '' | *[!0-9.]*) fail "cannot make an installer version from $version" ;;
esac
# A macOS bundle version must start at 1 or more (jpackage refuses 0.x). Until the project reaches 1.0, the bundle
# says 1.<minor>.<patch>; the console's --version and the .dmg's file name keep the real version.
package_version=$app_version
if [ "$os" = macos ] && [ "${app_version%%.*}" = 0 ]; then
  package_version="1.${app_version#0.}"
  echo "note: macOS bundle version $package_version stands for $app_version (bundle versions cannot start with 0)"
fi

mac_signing=()
if [ "$os" = macos ] && [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  mac_signing=(--mac-sign --mac-signing-key-user-name "$MACOS_SIGNING_IDENTITY")
fi

# --- 2. A trimmed runtime -----------------------------------------------------------------------------------------
step "2. runtime: jdeps finds the JDK modules, jlink links them with JavaFX"
# The app's libraries go on the class path; JavaFX's platform jars (javafx-graphics-21.0.11-linux.jar, ...) are modular
# jars with their native libraries inside and are linked into the runtime. The JavaFX jars without a platform in their
# name are empty placeholders.
cp target/callback-console.jar "$work/input/"
for jar in target/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*)
      if printf '%s\n' "$name" | grep -Eq -- '-[0-9][0-9.]*-[a-z][a-z0-9-]*\.jar$'; then cp "$jar" "$work/javafx/"; fi ;;
    *) cp "$jar" "$work/input/lib/" ;;
  esac
done
[ "$(find "$work/javafx" -name '*.jar' | wc -l)" -ge 3 ] || fail "no JavaFX platform jars in target/lib"

# sqlite-jdbc carries its native library for about 24 platforms, 13 of its 14 MB. The image keeps the ones it can
# use: the folder sqlite-jdbc itself picks on this machine (its OSInfo, run on the packaging JDK: Linux/x86_64,
# Windows/x86_64, ...), and on macOS both Mac folders. Done here, before the training run: the AOT cache holds to the
# jars' sizes and times. The JavaFX jars are per platform already.
for jar in "$work"/input/lib/sqlite-jdbc-*.jar; do
  [ -f "$jar" ] || fail "no sqlite-jdbc jar in target/lib"
  if [ "$os" = macos ]; then
    sqlite_platforms=(Mac/aarch64 Mac/x86_64)
  else
    sqlite_platforms=("$("$jdk_bin/java" -cp "$(tool_path "$jar")" org.sqlite.util.OSInfo | tr -d '\r')")
  fi
  "$jdk_bin/java" "$(tool_path packaging/shared/KeepNativeLibraries.java)" "$(tool_path "$jar")" org/sqlite/native \
    "${sqlite_platforms[@]}" || fail "could not take the other platforms' libraries out of $jar"
done

class_path=$(cd "$work/input" && ls lib/*.jar | tr '\n' "$path_separator")
jdk_modules=$(cd "$work/input" && "$jdk_bin/jdeps" --multi-release 17 --recursive --ignore-missing-deps \
  --print-module-deps --class-path "$class_path" callback-console.jar | tr -d '\r')
[ -n "$jdk_modules" ] || fail "jdeps found no modules"
# javafx.controls brings javafx.graphics and javafx.base. Before JDK 22, elliptic-curve key exchange (TLS to AWS)
# is in jdk.crypto.ec, a security provider found at run time, which jdeps cannot see; from 22 on it is in java.base.
modules="$jdk_modules,javafx.controls"
[ "$jdk_feature" -lt 22 ] && modules="$modules,jdk.crypto.ec"
echo "modules: $modules"

# --strip-debug drops debugging attributes; --generate-cds-archive writes the runtime's class data sharing archive
# (without it a linked runtime starts without CDS), which serves where no AOT cache is made. JavaFX's native
# libraries are left out of the modules and copied into the runtime's native folder below, where JavaFX loads them
# from, instead of unpacking them into the user's home at every new version.
if ! "$jdk_bin/jlink" \
  --module-path "$jdk_module_path$work/javafx" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages \
  --exclude-resources "regex:/javafx\.[a-z]+/[^/]+\.$native_ext" \
  --generate-cds-archive \
  --output "$work/runtime" >"$work/jlink.log" 2>&1; then
  cat "$work/jlink.log" >&2
  fail "jlink failed"
fi
for jar in "$work"/javafx/*.jar; do
  (cd "$work/natives" && "$jdk_bin/jar" xf "../javafx/$(basename "$jar")")
done
for library in "$work"/natives/*."$native_ext"; do
  # Where the JDK ships a library of the same name (Windows' C runtime), keep the JDK's.
  [ -e "$work/runtime/$native_dir/$(basename "$library")" ] || cp "$library" "$work/runtime/$native_dir/"
done
# The second archive serves heaps over 32 GB only; the console never runs with one.
find "$work/runtime" -name classes_nocoops.jsa -exec rm -f {} +
echo "runtime: $(du -sh "$work/runtime" | cut -f1) in $((SECONDS - step_started)) s"

# --- 3. The app image ---------------------------------------------------------------------------------------------
# What the launcher passes the JVM besides packaging/shared/app-image.args, by the runtime's release. From JDK 24 on
# the JVM warns when a library loads native code (JavaFX, SQLite) or when JavaFX 21's renderer allocates memory through
# sun.misc.Unsafe, unless allowed. Its own warnings go to stderr, so a stale AOT cache's warning never mixes into what
# a script reads from a command's stdout.
runtime_options=(--java-options -Xlog:disable --java-options -Xlog:all=warning:stderr)
if [ "$jdk_feature" -ge 24 ]; then
  runtime_options+=(--java-options --enable-native-access=javafx.graphics,ALL-UNNAMED
    --java-options --sun-misc-unsafe-memory-access=allow)
fi
# From JDK 25 on, the launcher starts from an ahead-of-time cache (JEP 483, 514, 515): the classes a start loads
# (JDK, JavaFX and the app's jars) already parsed, linked and with their JIT profiles. It is made after the app image
# by a training run (3b) on the image's own files, since it holds to the jars it was trained on: the same sizes and
# modification times (a moved folder is fine: the JVM relocates the class path). When the cache does not match (a jar
# changed, or it is missing), the JVM says so on stderr and starts without it; the console's log says which it was.
aot_file=callback-console.aot
aot_options=()
# JDK 25's cache of method adapters fails to link some of them back and warns at every start (the start is the same
# without it), so it is left out.
if [ "$jdk_feature" -ge 25 ]; then
  aot_options=(--java-options -XX:+UnlockDiagnosticVMOptions --java-options -XX:-AOTAdapterCaching
    --java-options "-XX:AOTCache=\$APPDIR/$aot_file")
fi

# The app image, with or without the cache option; on macOS signed here only when no cache is added later.
app_image() {
  local signing=("$@")
  rm -rf "$image_dir"
  "$jdk_bin/jpackage" --type app-image \
    @packaging/shared/app-image.args "@packaging/$os/app-image.args" \
    ${runtime_options[@]+"${runtime_options[@]}"} ${aot_options[@]+"${aot_options[@]}"} \
    --input "$work/input" --runtime-image "$work/runtime" \
    --app-version "$package_version" --dest "$image_dir" ${signing[@]+"${signing[@]}"}
  image=$(ls -d "$image_dir"/*)
  if [ "$os" = linux ]; then
    # jpackage's Linux launcher asks rpm and dpkg which package owns it (twice) before it starts the JVM: 0.3-0.7 s
    # of every start. Ours reads the same configuration and starts the same JVM without asking (linux/launcher.sh).
    cp packaging/linux/launcher.sh "$image/bin/callback-console"
    chmod 755 "$image/bin/callback-console"
  fi
}
step "3. app image"
if [ ${#aot_options[@]} -gt 0 ]; then app_image; else app_image ${mac_signing[@]+"${mac_signing[@]}"}; fi
echo "app image: $image, $(du -sh "$image" | cut -f1) in $((SECONDS - step_started)) s"

# --- 3b. The AOT cache --------------------------------------------------------------------------------------------
case "$os" in
  linux) app_dir="$image/lib/app" image_runtime="$image/lib/runtime" java_in_image="$image/lib/runtime/bin/java" ;;
  macos) app_dir="$image/Contents/app" image_runtime="$image/Contents/runtime"
    java_in_image="$image/Contents/runtime/Contents/Home/bin/java" ;;
  windows) app_dir="$image/app" image_runtime="$image/runtime" java_in_image="$image/runtime/bin/java.exe" ;;
esac
with_display=()
if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  with_display=(xvfb-run --auto-servernum --server-args "-screen 0 1600x1000x24")
fi

# The training run starts the way the launcher does: the class path, main class and JVM options of the image's
# launcher configuration ($APPDIR as the launcher expands it), plus -XX:AOTCacheOutput instead of -XX:AOTCache. It is
# a sandbox --smoke with --smoke-history: the first frame, the first poll, then the History tab. It waits up to 10 min
# for the first poll: on a loaded build machine the default 2 min ran out and the image was left without its cache.
train_aot_cache() {
  local cfg line value cp='' main='' options=() app_dir_abs
  cfg=$(ls "$app_dir"/*.cfg | head -n 1)
  # Absolute, as the launcher's are: the cache records the class path as it was given.
  app_dir_abs=$(cd "$app_dir" && pwd)
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    value=${line#*=}
    value=${value//\$APPDIR/$(tool_path "$app_dir_abs")}
    case "$line" in
      app.classpath=*) cp="$cp${cp:+$path_separator}$value" ;;
      app.mainclass=*) main=$value ;;
      java-options=-XX:AOTCache=*) ;;
      java-options=*) options+=("$value") ;;
    esac
  done <"$cfg"
  [ -n "$cp" ] && [ -n "$main" ] || { echo "no class path or main class in $cfg" >"$work/training.log"; return 1; }
  ${with_display[@]+"${with_display[@]}"} "$java_in_image" ${options[@]+"${options[@]}"} \
    "-XX:AOTCacheOutput=$(tool_path "$app_dir_abs/$aot_file")" -cp "$cp" "$main" \
    --sandbox --smoke --smoke-timeout 600 --smoke-history --data-dir "$work/training-data" >"$work/training.log" 2>&1
}

if [ ${#aot_options[@]} -gt 0 ]; then
  step "3b. AOT cache from a training run"
  # Without a cache the launcher starts as before: on the runtime's own class data sharing archive.
  without_cache="the app image is made again without the cache option (the window shows about 0.3 s later)"
  made=false
  if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ] && [ ${#with_display[@]} -eq 0 ]; then
    echo "warning: no display and no xvfb-run for the training run: $without_cache" >&2
  elif ! train_aot_cache || [ ! -s "$app_dir/$aot_file" ]; then
    tail -n 20 "$work/training.log" >&2
    echo "warning: the training run failed (above; all of it in $work/training.log): $without_cache" >&2
  else
    made=true
  fi
  rm -rf "$work/training-data"
  if [ "$made" = true ]; then
    # With -XX:AOTCache the JVM never reads the runtime's own archive (a cache that does not match leaves it
    # without either), so the image does not carry it.
    find "$image_runtime" -name classes.jsa -exec rm -f {} +
    echo "AOT cache: $(du -h "$app_dir/$aot_file" | cut -f1) in $((SECONDS - step_started)) s"
    if [ ${#mac_signing[@]} -gt 0 ]; then
      # Signed now that it holds the cache: jpackage signs an app image it is given.
      "$jdk_bin/jpackage" --type app-image --app-image "$image" "${mac_signing[@]}"
    fi
  else
    aot_options=()
    app_image ${mac_signing[@]+"${mac_signing[@]}"}
  fi
  echo "app image: $image, $(du -sh "$image" | cut -f1)"
fi

# --- 4. The installers --------------------------------------------------------------------------------------------
if [ "$goal" = installers ]; then
  mkdir -p "$installers_dir"
  installer() {
    local type=$1
    shift
    step "4. $type"
    "$jdk_bin/jpackage" --type "$type" \
      @packaging/shared/installer.args "@packaging/$os/$type.args" \
      --app-image "$image" --app-version "$package_version" --dest "$installers_dir" \
      ${mac_signing[@]+"${mac_signing[@]}"} "$@"
    echo "$type: $((SECONDS - step_started)) s"
  }
  # jpackage copies the app image into a package with new modification times, which the AOT cache would take for
  # changed jars. The .deb is packed again with the image's times (its files root-owned, as jpackage made them).
  keep_trained_times() {
    local deb=$1 install_dir=$2 raw="$work/deb-contents" file
    step "4. deb: the app image's modification times, for the AOT cache"
    rm -rf "$raw"
    dpkg-deb -R "$deb" "$raw"
    (cd "$image" && find . -type f) | while IFS= read -r file; do
      [ -e "$raw$install_dir/$file" ] && touch -r "$image/$file" "$raw$install_dir/$file"
    done
    dpkg-deb --root-owner-group -b "$raw" "$deb" >/dev/null
    rm -rf "$raw"
    echo "deb packed again: $((SECONDS - step_started)) s"
  }
  # The .rpm likewise: jpackage copies the image twice (into its work folder, then with "cp -r" into the package's
  # root). The work folder gets the image's times and its spec file copies with "cp -a"; rpmbuild packs again from
  # it, and rpm installs files with the times the package records.
  keep_trained_times_rpm() {
    local build install_dir=$2 rpm file
    build=$(cd "$1" && pwd)
    step "4. rpm: the app image's modification times, for the AOT cache"
    rpm=$(cd "$installers_dir" && pwd)/$(cd "$installers_dir" && ls *.rpm | head -n 1)
    (cd "$image" && find . -type f) | while IFS= read -r file; do
      [ -e "$build/image$install_dir/$file" ] && touch -r "$image/$file" "$build/image$install_dir/$file"
    done
    sed -i "s|^cp -r %{_sourcedir}$install_dir/\\* |cp -a %{_sourcedir}$install_dir/* |" "$build"/SPECS/*.spec
    grep -q "^cp -a %{_sourcedir}$install_dir/" "$build"/SPECS/*.spec ||
      fail "jpackage's rpm spec no longer copies the image with 'cp -r': see $build/SPECS"
    rpmbuild -bb --quiet "$build"/SPECS/*.spec --define "_topdir $build" --define "_sourcedir $build/image" \
      --define "_rpmdir $(dirname "$rpm")" --define "_rpmfilename $(basename "$rpm")" >"$build/rpmbuild.log" 2>&1 ||
      { cat "$build/rpmbuild.log" >&2; fail "rpmbuild could not pack the .rpm again"; }
    echo "rpm packed again: $((SECONDS - step_started)) s"
  }
  case "$os" in
    linux)
      if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
        fail "a .deb needs dpkg-deb and fakeroot (apt-get install fakeroot)"
      fi
      installer deb
      if [ ${#aot_options[@]} -gt 0 ]; then keep_trained_times "$installers_dir"/*.deb /opt/callback-console; fi
      if command -v rpmbuild >/dev/null; then
        rm -rf "$work/rpm-build"
        installer rpm --temp "$work/rpm-build"
        if [ ${#aot_options[@]} -gt 0 ]; then keep_trained_times_rpm "$work/rpm-build" /opt/callback-console; fi
      else
        echo "no rpmbuild here: no .rpm"
      fi
      ;;
    windows)
      if ! command -v candle.exe >/dev/null || ! command -v light.exe >/dev/null; then
        fail "an .msi needs WiX 3 (candle.exe, light.exe) on the PATH"
      fi
      installer msi
      ;;
    macos)
      installer dmg
      # The file is named after the bundle version; give it the real one.
      if [ "$package_version" != "$app_version" ]; then
        mv "$installers_dir/Callback Console-$package_version.dmg" "$installers_dir/Callback Console-$app_version.dmg"
      fi
      ;;
  esac
fi

echo "== done in ${SECONDS}s: version $version"
echo "app image   $(du -sh "$image" | cut -f1)	$image"
if [ -d "$installers_dir" ]; then
  for file in "$installers_dir"/*; do
    echo "installer   $(du -h "$file" | cut -f1)	$file"
  done
fi
