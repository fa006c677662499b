#!/usr/bin/env bash
# Smoke test of the PACKAGED console: runs the app image's launcher (or the one given) with --version and --smoke,
# which opens the main window on the sandbox, waits for the first poll and exits 0. A broken image fails here.
#
# Usage: packaging/smoke.sh [LAUNCHER]    (default: the launcher packaging/build.sh put in target/packaging/image)
#
# Linux without a display: the launcher runs under Xvfb (xvfb-run, Debian package "xvfb"); the runtime has no
# headless JavaFX platform, so this is a real X11 window with GTK, as on a desktop.
# Besides the exit status it checks that JavaFX ran as modules of the runtime (no "unnamed module" warning), that
# the log went to the data directory, and that nothing was written next to the program. Where the image has an AOT
# cache (packaging/build.sh with JDK 25), it also checks that the launcher started from it, that a copy of the image
# in another folder still does, that a copy with a changed jar starts without it (the JVM's warning, never a failed
# start), and, when the .deb or the .rpm was built, that its installed files start from the cache too.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)" in
  Linux) default_launcher=target/packaging/image/callback-console/bin/callback-console ;;
  Darwin) default_launcher="target/packaging/image/Callback Console.app/Contents/MacOS/Callback Console" ;;
  # The console launcher: the GUI one has no standard output to read.
  MINGW* | MSYS* | CYGWIN*) default_launcher="target/packaging/image/Callback Console/callback-console.exe" ;;
  *) echo "no smoke test for $(uname -s)" >&2; exit 2 ;;
esac
launcher=${1:-$default_launcher}
[ -x "$launcher" ] || { echo "no launcher at $launcher: run packaging/build.sh first" >&2; exit 1; }

fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
data_dir="$scratch/data"
output="$scratch/output.txt"
# Anything newer than this marker inside the installation was written by the run.
touch "$scratch/started"
install_dir=$(cd "$(dirname "$launcher")/.." && pwd)

display_wrapper=()
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || fail "no display and no xvfb-run (apt-get install xvfb)"
  display_wrapper=(xvfb-run --auto-servernum --server-args "-screen 0 1600x1000x24")
fi

# jpackage's native Linux launcher asks rpm and dpkg which package owns it before every start (0.3-0.7 s); the image
# carries packaging/linux/launcher.sh in its place.
if [ "$(uname -s)" = Linux ] && [ "$(head -c 4 "$launcher" | od -An -c | tr -d ' ')" = '177ELF' ]; then
  fail "$launcher is jpackage's native launcher, not packaging/linux/launcher.sh"
fi

echo "== $launcher --version"
"$launcher" --version | tee "$output"
grep -q '^Callback Console [0-9]' "$output" || fail "--version did not print the version"
grep -q '^revision ' "$output" || fail "--version did not print the build"

# Runs the launcher given in $1 with --smoke on a fresh data directory; its output is in $output.
smoke_run() {
  local run_launcher=$1 run_data=$2 status=0
  rm -rf "$run_data"
  ${display_wrapper[@]+"${display_wrapper[@]}"} "$run_launcher" --smoke --smoke-timeout 120 --data-dir "$run_data" \
    >"$output" 2>&1 || status=$?
  cat "$output"
  [ "$status" -eq 0 ] || fail "$run_launcher exited with $status"
  grep -q '^Smoke test passed' "$output" || fail "no 'Smoke test passed' line from $run_launcher"
  if grep -q 'Unsupported JavaFX configuration' "$output"; then
    fail "JavaFX was loaded from the class path, not from the runtime's modules"
  fi
  [ -s "$run_data/logs/callback-console.log" ] || fail "no log file in the data directory"
}

# The console's log says whether the JVM started from its cache (the JVM's own word: classes shared from it).
cache_line() {
  grep -o 'Started \(from\|without\) the AOT cache [^:]*' "$1/logs/callback-console.log" | head -n 1 || true
}

echo "== $launcher --smoke"
smoke_run "$launcher" "$data_dir"
written=$(find "$install_dir" -newer "$scratch/started" -type f | head -5)
[ -z "$written" ] || fail "files were written next to the program: $written"

# sqlite-jdbc: packaging/build.sh leaves in its jar the native library of this platform only (on macOS of both Macs).
# The jar must hold the one sqlite-jdbc picks here (its OSInfo, on the image's runtime) and no other platform's, and
# the run must have opened its SQLite history with it, not fallen back to looking for a library elsewhere.
sqlite_jar=$(find "$install_dir" -name 'sqlite-jdbc-*.jar' | head -n 1)
[ -n "$sqlite_jar" ] || fail "no sqlite-jdbc jar in $install_dir"
runtime_java=$(find "$install_dir" -path '*/bin/java' -type f -o -path '*/bin/java.exe' -type f | head -n 1)
[ -n "$runtime_java" ] || fail "no java in $install_dir"
sqlite_platform=$("$runtime_java" -cp "$sqlite_jar" org.sqlite.util.OSInfo | tr -d '\r')
if command -v unzip >/dev/null; then
  sqlite_libraries=$(unzip -Z1 "$sqlite_jar" | grep '^org/sqlite/native/.*[^/]$' || true)
else
  sqlite_libraries=$(jar tf "$sqlite_jar" | tr -d '\r' | grep '^org/sqlite/native/.*[^/]$' || true)
fi
echo "== sqlite-jdbc picks $sqlite_platform; its jar holds: $(echo $sqlite_libraries)"
echo "$sqlite_libraries" | grep -q "^org/sqlite/native/$sqlite_platform/" ||
  fail "$sqlite_jar has no native library for $sqlite_platform"
case "$(uname -s)" in Darwin) own_libraries='^org/sqlite/native/Mac/' ;; *) own_libraries="^org/sqlite/native/$sqlite_platform/" ;; esac
foreign=$(echo "$sqlite_libraries" | grep -v "$own_libraries" || true)
[ -z "$foreign" ] || fail "$sqlite_jar still holds other platforms' native libraries: $(echo $foreign)"
if grep -q 'SQLiteJDBCLoader' "$data_dir/logs/callback-console.log"; then
  fail "sqlite-jdbc did not load its native library from its jar: $(grep -m 1 SQLiteJDBCLoader "$data_dir/logs/callback-console.log")"
fi
history_db=$(find "$data_dir" -name history.db -size +0 | head -n 1)
[ -n "$history_db" ] || fail "the run left no SQLite history in $data_dir"
echo "== SQLite history opened: $history_db"

cache=$(find "$install_dir" -name callback-console.aot -type f | head -n 1)
if [ -z "$cache" ]; then
  echo "== no AOT cache in the image (packaged with a JDK before 25, or the training run failed)"
  echo "== smoke test passed"
  exit 0
fi
used=$(cache_line "$data_dir")
case "$used" in
  "Started from the AOT cache "*) echo "== $used" ;;
  *) fail "the launcher did not start from its AOT cache $cache: ${used:-no line about it in the log}" ;;
esac

# A copy elsewhere, modification times kept (an installation's folder is not the build's): still from the cache.
echo "== a copy of the image in another folder"
cp -pR "$install_dir" "$scratch/moved"
launcher_abs="$(cd "$(dirname "$launcher")" && pwd)/$(basename "$launcher")"
moved_launcher="$scratch/moved/${launcher_abs#"$install_dir"/}"
smoke_run "$moved_launcher" "$scratch/moved-data"
used=$(cache_line "$scratch/moved-data")
case "$used" in
  "Started from the AOT cache $scratch/moved/"*) echo "== $used" ;;
  *) fail "the moved image did not start from its own AOT cache: ${used:-no line about it in the log}" ;;
esac

# A changed jar: the JVM refuses the cache with a warning on stderr and starts without it; the log says so.
echo "== the same copy with a changed jar: starts without the cache"
find "$scratch/moved" -name 'picocli-*.jar' -exec touch {} +
smoke_run "$moved_launcher" "$scratch/stale-data"
grep -q 'aot.*\(not the one used\|mismatch\)' "$output" || fail "no JVM warning about the stale AOT cache"
used=$(cache_line "$scratch/stale-data")
case "$used" in
  "Started without the AOT cache "*) echo "== $used" ;;
  *) fail "the log does not say the stale AOT cache was not used: ${used:-no line about it}" ;;
esac
rm -rf "$scratch/moved"

# The .deb's files, unpacked as dpkg installs them (times kept), in a folder of their own.
deb=$(ls target/packaging/installers/*.deb 2>/dev/null | head -n 1 || true)
if [ -n "$deb" ] && [ "$(uname -s)" = Linux ]; then
  echo "== the .deb's files: $deb"
  dpkg-deb -x "$deb" "$scratch/deb"
  smoke_run "$scratch/deb/opt/callback-console/bin/callback-console" "$scratch/deb-data"
  used=$(cache_line "$scratch/deb-data")
  case "$used" in
    "Started from the AOT cache $scratch/deb/"*) echo "== $used" ;;
    *) fail "the .deb's files do not start from their AOT cache: ${used:-no line about it in the log}" ;;
  esac
fi
# The .rpm installed by rpm itself into a root of its own (rpm restores the times the package records).
rpm_file=$(ls target/packaging/installers/*.rpm 2>/dev/null | head -n 1 || true)
if [ -n "$rpm_file" ] && command -v rpm >/dev/null; then
  echo "== the .rpm installed: $rpm_file"
  rpm --root "$scratch/rpm" --initdb
  # --nodeps: this machine's packages are not rpm's; --noscripts: jpackage's scripts register the desktop menu.
  rpm -i --nodeps --noscripts --root "$scratch/rpm" "$rpm_file" >"$scratch/rpm.txt" 2>&1 ||
    { cat "$scratch/rpm.txt" >&2; fail "rpm could not install $rpm_file"; }
  smoke_run "$scratch/rpm/opt/callback-console/bin/callback-console" "$scratch/rpm-data"
  used=$(cache_line "$scratch/rpm-data")
  case "$used" in
    "Started from the AOT cache $scratch/rpm/"*) echo "== $used" ;;
    *) fail "the .rpm's files do not start from their AOT cache: ${used:-no line about it in the log}" ;;
  esac
fi
echo "== smoke test passed"
