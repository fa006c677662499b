#!/usr/bin/env bash
# Builds Callback Console for the operating system this runs on, in four steps:
#
#   1. the jar and its libraries     mvn package                    target/callback-console.jar, target/lib/
#   2. a trimmed Java runtime        jdeps, then jlink, then a CDS   target/packaging/runtime/
#                                    archive from a training run
#   3. the app image                 jpackage --type app-image       target/packaging/image/
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
#   JAVA_HOME               the JDK 17 to link the runtime from (default: the one "java" on the PATH belongs to);
#                           it needs its jmods/ folder (Debian 12: in openjdk-17-jdk-headless; later: openjdk-17-jmods)
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
if [ "$os" = windows ]; then JAVA_HOME=$(cygpath -u "$JAVA_HOME"); fi
jdk_bin="$JAVA_HOME/bin"
[ -x "$jdk_bin/jpackage" ] || [ -x "$jdk_bin/jpackage.exe" ] || fail "no jpackage in $jdk_bin: JAVA_HOME must be a JDK 17 or newer"
[ -f "$JAVA_HOME/jmods/java.base.jmod" ] ||
  fail "no jmods in $JAVA_HOME/jmods: jlink needs them (Debian 12: openjdk-17-jdk-headless; later: openjdk-17-jmods)"

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

class_path=$(cd "$work/input" && ls lib/*.jar | tr '\n' "$path_separator")
jdk_modules=$(cd "$work/input" && "$jdk_bin/jdeps" --multi-release 17 --recursive --ignore-missing-deps \
  --print-module-deps --class-path "$class_path" callback-console.jar | tr -d '\r')
[ -n "$jdk_modules" ] || fail "jdeps found no modules"
# javafx.controls brings javafx.graphics and javafx.base. jdk.crypto.ec is a security provider found at run time,
# which jdeps cannot see: without it TLS to AWS cannot use elliptic-curve key exchange.
modules="$jdk_modules,javafx.controls,jdk.crypto.ec"
echo "modules: $modules"

# --strip-debug drops debugging attributes; --generate-cds-archive writes the runtime's class data sharing archive
# (without it a linked runtime starts without CDS). JavaFX's native libraries are left out of the modules and copied
# into the runtime's native folder below, where JavaFX loads them from, instead of unpacking them into the user's
# home at every new version.
if ! "$jdk_bin/jlink" \
  --module-path "$(tool_path "$JAVA_HOME/jmods")$path_separator$work/javafx" \
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

# --- 2b. The class data sharing archive for a start-up ------------------------------------------------------------
step "2b. runtime: class data sharing archive of the classes a start-up loads"
# jlink's archive holds the JDK's default class list. A start of the console also loads about 2 000 JavaFX classes
# (controls, skins, CSS), which come out of the archive already parsed and verified instead of from the modules:
# about 0.1 s less to the window on a 2-core machine. The list is what a sandbox smoke run on this runtime loads,
# less the app's own jars: an archive of the class path is tied to the folder it was made in, and the installed app
# lives elsewhere, while the runtime's modules go wherever the runtime goes.
java_in_runtime="$work/runtime/bin/java"
[ "$os" = windows ] && java_in_runtime="$work/runtime/bin/java.exe"
with_display=()
if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  with_display=(xvfb-run --auto-servernum --server-args "-screen 0 1600x1000x24")
fi
# The archive only speeds the start up: when it cannot be made, the build goes on with jlink's and says so.
keeps_jlink_archive="the runtime keeps jlink's archive (the window shows about 0.1 s later)"
if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ] && [ ${#with_display[@]} -eq 0 ]; then
  echo "warning: no display and no xvfb-run for the training run: $keeps_jlink_archive" >&2
elif ! ${with_display[@]+"${with_display[@]}"} "$java_in_runtime" -XX:DumpLoadedClassList="$work/startup.classlist" \
    -cp "$work/input/callback-console.jar$path_separator$work/input/lib/*" io.callbackconsole.app.CallbackConsole \
    --sandbox --smoke --data-dir "$work/training-data" >"$work/training.log" 2>&1; then
  tail -n 20 "$work/training.log" >&2
  echo "warning: the training run failed (above; all of it in $work/training.log): $keeps_jlink_archive" >&2
else
  in_runtime='(java|javax|jdk|sun|com/sun|javafx|org/w3c|org/xml|org/ietf)/'
  grep -E "^(@lambda-form-invoker |(@lambda-proxy )?$in_runtime)" "$work/startup.classlist" | grep -v '^jdk/proxy' \
    >"$work/runtime.classlist" || true
  archive="$work/runtime/$native_dir/server/classes.jsa"
  # Dumped beside the runtime first, so a failed dump leaves jlink's archive as it was.
  if "$java_in_runtime" -Xshare:dump -XX:SharedClassListFile="$work/runtime.classlist" \
      -XX:SharedArchiveFile="$work/startup.jsa" >"$work/cds-dump.log" 2>&1; then
    chmod u+w "$archive"
    mv -f "$work/startup.jsa" "$archive"
    echo "archive: $(grep -c . "$work/runtime.classlist") classes, $(du -h "$archive" | cut -f1) in $((SECONDS - step_started)) s"
  else
    tail -n 20 "$work/cds-dump.log" >&2
    echo "warning: the class data sharing dump failed (above; all of it in $work/cds-dump.log): $keeps_jlink_archive" >&2
  fi
fi
rm -rf "$work/training-data"

# --- 3. The app image ---------------------------------------------------------------------------------------------
step "3. app image"
"$jdk_bin/jpackage" --type app-image \
  @packaging/shared/app-image.args "@packaging/$os/app-image.args" \
  --input "$work/input" --runtime-image "$work/runtime" \
  --app-version "$package_version" --dest "$image_dir" ${mac_signing[@]+"${mac_signing[@]}"}
image=$(ls -d "$image_dir"/*)
echo "app image: $image, $(du -sh "$image" | cut -f1) in $((SECONDS - step_started)) s"

# --- 4. The installers --------------------------------------------------------------------------------------------
if [ "$goal" = installers ]; then
  mkdir -p "$installers_dir"
  installer() {
    local type=$1
    step "4. $type"
    "$jdk_bin/jpackage" --type "$type" \
      @packaging/shared/installer.args "@packaging/$os/$type.args" \
      --app-image "$image" --app-version "$package_version" --dest "$installers_dir" \
      ${mac_signing[@]+"${mac_signing[@]}"}
    echo "$type: $((SECONDS - step_started)) s"
  }
  case "$os" in
    linux)
      if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
        fail "a .deb needs dpkg-deb and fakeroot (apt-get install fakeroot)"
      fi
      installer deb
      if command -v rpmbuild >/dev/null; then installer rpm; else echo "no rpmbuild here: no .rpm"; fi
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
