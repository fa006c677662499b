#!/usr/bin/env bash
# Start-to-window time of the packaged launcher against "java -jar", on this machine, in one run of this script.
# Each run is a --smoke with a fresh data directory; the number is "window shown N ms after the process started"
# (the operating system's start time of the process, so the native launcher's own work counts). The two are
# alternated so that a busy moment of the machine does not favour one; the medians are printed.
#
# Usage: packaging/measure-startup.sh [RUNS]   (default 7; needs packaging/build.sh and "mvn package" first)
# Linux without a display: runs itself again under Xvfb (xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}

if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run --auto-servernum --server-args "-screen 0 1600x1000x24" packaging/measure-startup.sh "$@"
fi

case "$(uname -s)" in
  Linux) launcher=target/packaging/image/callback-console/bin/callback-console ;;
  Darwin) launcher="target/packaging/image/Callback Console.app/Contents/MacOS/Callback Console" ;;
  *) launcher="target/packaging/image/Callback Console/callback-console.exe" ;;
esac
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ ! -x "$launcher" ] || [ ! -f target/callback-console.jar ]; then
  echo "build first: packaging/build.sh" >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Prints the milliseconds to the window, and to the end of the first poll, of one smoke run.
window_ms() {
  local data_dir
  data_dir=$(mktemp -d "$scratch/data.XXXX")
  "$@" --smoke --data-dir "$data_dir" >"$scratch/out.txt" 2>&1 || { cat "$scratch/out.txt" >&2; exit 1; }
  sed -n 's/^Smoke test passed: window shown \([0-9]*\) ms after the process started, first poll finished \([0-9]*\) ms.*/\1 \2/p' \
    "$scratch/out.txt"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# One unmeasured run each, so both start with warm file caches.
window_ms "$launcher" >/dev/null
window_ms "$java" -jar target/callback-console.jar >/dev/null

for i in $(seq 1 "$runs"); do
  window_ms "$launcher" >>"$scratch/packaged.txt"
  window_ms "$java" -jar target/callback-console.jar >>"$scratch/jar.txt"
  echo "run $i: packaged $(tail -1 "$scratch/packaged.txt")   java -jar $(tail -1 "$scratch/jar.txt")   (window, first poll; ms)"
done

echo "median of $runs runs, ms after the process started:"
printf '  %-22s window %5s   first poll %5s\n' \
  "packaged launcher" "$(cut -d' ' -f1 "$scratch/packaged.txt" | median)" "$(cut -d' ' -f2 "$scratch/packaged.txt" | median)" \
  "java -jar" "$(cut -d' ' -f1 "$scratch/jar.txt" | median)" "$(cut -d' ' -f2 "$scratch/jar.txt" | median)"
