#!/usr/bin/env bash
# Start-up of the console side by side, on this machine, in one run of this script: JVM → window and launch → first
# rows (the end of the first poll, which shows the sandbox's seed executions), for
#   java -jar        the jar on the JDK that runs Maven (JDK 17), as a developer starts it
#   runtime, CDS     the packaged runtime (target/packaging/runtime) with its own CDS archive of the JDK's classes and
#                    the image's class path and options, but no AOT cache: what the launcher does without one
#   launcher, AOT    the app image's launcher, which starts from the AOT cache packaging/build.sh trained
# and, as their baselines, a bare JavaFX window on JDK 17 and in the packaged runtime (the bench's BareWindow). Each
# console run is a --sandbox --smoke with a fresh data directory. The kinds alternate within each run, so a busy
# moment of the machine does not favour one; medians and ranges are printed, then the installer sizes.
#
# Usage: packaging/measure-startup.sh [RUNS]   (default 5; needs packaging/build.sh and "mvn package" first, and
#        target/test-classes for the bare window: any "mvn test-compile")
# Linux without a display: runs itself again under Xvfb (xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run --auto-servernum --server-args "-screen 0 1600x1000x24" packaging/measure-startup.sh "$@"
fi

case "$(uname -s)" in
  Linux) launcher=target/packaging/image/callback-console/bin/callback-console
    app_dir=target/packaging/image/callback-console/lib/app separator=: ;;
  Darwin) launcher="target/packaging/image/Callback Console.app/Contents/MacOS/Callback Console"
    app_dir="target/packaging/image/Callback Console.app/Contents/app" separator=: ;;
  *) launcher="target/packaging/image/Callback Console/callback-console.exe"
    app_dir="target/packaging/image/Callback Console/app" separator=';' ;;
esac
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
runtime_java=target/packaging/runtime/bin/java
if [ ! -x "$launcher" ] || [ ! -f target/callback-console.jar ] || [ ! -x "$runtime_java" ]; then
  echo "build first: packaging/build.sh" >&2
  exit 1
fi
[ -f target/test-classes/io/callbackconsole/bench/BareWindow.class ] || { echo "run mvn test-compile first" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The launcher's class path, main class and JVM options from its configuration, without the AOT cache.
cfg=$(ls "$app_dir"/*.cfg | head -n 1)
app_dir_abs=$(cd "$app_dir" && pwd)
cp='' main='' options=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  value=${line#*=}
  value=${value//\$APPDIR/$app_dir_abs}
  case "$line" in
    app.classpath=*) cp="$cp${cp:+$separator}$value" ;;
    app.mainclass=*) main=$value ;;
    java-options=-XX:AOTCache=*) ;;
    java-options=*) options+=("$value") ;;
  esac
done <"$cfg"

# One console start: prints "window first-rows" in ms (JVM → window; process start → end of the first poll).
console() {
  local data_dir
  data_dir=$(mktemp -d "$scratch/data.XXXX")
  "$@" --sandbox --smoke --data-dir "$data_dir" >"$scratch/out.txt" 2>&1 || { cat "$scratch/out.txt" >&2; exit 1; }
  local window rows
  window=$(sed -n 's/.*Window shown \([0-9]*\) ms after the JVM started.*/\1/p' "$scratch/out.txt" | head -n 1)
  rows=$(sed -n 's/^Smoke test passed: .*first poll finished \([0-9]*\) ms after it.*/\1/p' "$scratch/out.txt")
  [ -n "$window" ] && [ -n "$rows" ] || { cat "$scratch/out.txt" >&2; exit 1; }
  echo "$window $rows"
}

# One bare window: prints its JVM → window in ms.
bare() {
  "$@" io.callbackconsole.bench.BareWindow 2>&1 | sed -n 's/^Window shown \([0-9]*\) ms after the JVM started.*/\1/p'
}

jar_run() { console "$java" -jar target/callback-console.jar; }
cds_run() { console "$runtime_java" ${options[@]+"${options[@]}"} -cp "$cp" "$main"; }
aot_run() { console "$launcher"; }
bare17_run() { bare "$java" -cp "target/test-classes${separator}target/lib/*"; }
bare_runtime_run() { bare "$runtime_java" ${options[@]+"${options[@]}"} -cp target/test-classes; }

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
range() {
  sort -n | awk 'NR == 1 { min = $1 } { max = $1 } END { print min "–" max }'
}

kinds="jar cds aot bare17 bare_runtime"
# One unmeasured run each, so all start with warm file caches.
for kind in $kinds; do "${kind}_run" >/dev/null; done
for i in $(seq 1 "$runs"); do
  line="run $i:"
  for kind in $kinds; do
    "${kind}_run" >>"$scratch/$kind.txt"
    line="$line  $kind $(tail -n 1 "$scratch/$kind.txt")"
  done
  echo "$line   (ms; console: window, first rows)"
done

column() { cut -d' ' -f"$2" "$scratch/$1.txt"; }
echo "median (min–max) of $runs runs, ms:"
printf '  %-34s %-22s %s\n' "" "JVM → window" "launch → first rows"
for kind in jar cds aot; do
  case $kind in
    jar) what="java -jar, $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.version = /JDK /p')" ;;
    cds) what="packaged runtime, CDS, no AOT cache" ;;
    aot) what="packaged launcher, AOT cache" ;;
  esac
  printf '  %-34s %-22s %s\n' "$what" "$(column $kind 1 | median) ($(column $kind 1 | range))" \
    "$(column $kind 2 | median) ($(column $kind 2 | range))"
done
printf '  %-34s %-22s\n' "bare window, JDK 17" "$(column bare17 1 | median) ($(column bare17 1 | range))"
printf '  %-34s %-22s\n' "bare window, packaged runtime" \
  "$(column bare_runtime 1 | median) ($(column bare_runtime 1 | range))"
echo "sizes:"
echo "  app image  $(du -sh "$(dirname "$app_dir")/.." | cut -f1), of which the AOT cache $(du -h "$app_dir"/*.aot 2>/dev/null | cut -f1)"
for file in target/packaging/installers/*; do
  if [ -e "$file" ]; then echo "  installer  $(du -h "$file" | cut -f1)  $file"; fi
done
