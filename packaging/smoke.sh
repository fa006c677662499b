#!/usr/bin/env bash
# Smoke test of the PACKAGED console: runs the app image's launcher (or the one given) with --version and --smoke,
# which opens the main window on the sandbox, waits for the first poll and exits 0. A broken image fails here.
#
# Usage: packaging/smoke.sh [LAUNCHER]    (default: the launcher packaging/build.sh put in target/packaging/image)
#
# Linux without a display: the launcher runs under Xvfb (xvfb-run, Debian package "xvfb"); the runtime has no
# headless JavaFX platform, so this is a real X11 window with GTK, as on a desktop.
# Besides the exit status it checks that JavaFX ran as modules of the runtime (no "unnamed module" warning), that
# the log went to the data directory, and that nothing was written next to the program.
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

echo "== $launcher --version"
"$launcher" --version | tee "$output"
grep -q '^Callback Console [0-9]' "$output" || fail "--version did not print the version"
grep -q '^revision ' "$output" || fail "--version did not print the build"

echo "== $launcher --smoke"
status=0
${display_wrapper[@]+"${display_wrapper[@]}"} "$launcher" --smoke --smoke-timeout 120 --data-dir "$data_dir" \
  >"$output" 2>&1 || status=$?
cat "$output"
[ "$status" -eq 0 ] || fail "the launcher exited with $status"
grep -q '^Smoke test passed' "$output" || fail "no 'Smoke test passed' line"
if grep -q 'Unsupported JavaFX configuration' "$output"; then
  fail "JavaFX was loaded from the class path, not from the runtime's modules"
fi
[ -s "$data_dir/logs/callback-console.log" ] || fail "no log file in the data directory"
written=$(find "$install_dir" -newer "$scratch/started" -type f | head -5)
[ -z "$written" ] || fail "files were written next to the program: $written"
echo "== smoke test passed"
