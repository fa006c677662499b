#!/usr/bin/env bash
# Start-up of the console side by side, on this machine, in one run of this script: JVM → window and launch → first
# rows (the end of the first poll, which shows the sandbox's seed executions), for
#   java -jar        the jar on the JDK that runs Maven (JDK 17), as a developer starts it
#   runtime, CDS     the packaged runtime (target/packaging/runtime) with its own CDS archive of the JDK's classes and
#                    the image's class path and options, but no AOT cache: what the launcher does without one
#   launcher, AOT    the app image's launcher, which starts from the AOT cache packaging/build.sh trained
#   launcher, before  with BASELINE_IMAGE set: the launcher of another app image (an earlier build's
#                    target/packaging/image), the "before" of a change, in the same run
# and, as their baselines, a bare JavaFX window on JDK 17 and in the packaged runtime (the bench's BareWindow). Each
# console run is a --sandbox --smoke with a fresh data directory; each also reports JVM → first receive (the poller's
# "First receive started" log line; "-" from a build without it). Then an AWS connection: the packaged launcher on a
# sandbox started once by this script ("callback-console sandbox") reached through endpoint overrides with keys from
# the environment, as any AWS connection is, stopped once its first receive started: JVM → first receive with the AWS
# clients made beside the first frame (-Dcallbackconsole.earlyClients=true; the default on 4 cores or more) and made
# when the window connects (=false), alternating. The kinds alternate within each run, so a busy moment of the
# machine does not favour one; medians and ranges are printed, then the installer sizes.
#
# Usage: [BASELINE_IMAGE=DIR] packaging/measure-startup.sh [RUNS]   (default 5; needs packaging/build.sh and
#        "mvn package" first, and target/test-classes for the bare window: any "mvn test-compile")
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
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

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

# One console start: prints "window first-rows first-receive" in ms (JVM → window; process start → end of the first
# poll; JVM → first receive started, "-" when the build does not log it).
console() {
  local data_dir
  data_dir=$(mktemp -d "$scratch/data.XXXX")
  "$@" --sandbox --smoke --data-dir "$data_dir" >"$scratch/out.txt" 2>&1 || { cat "$scratch/out.txt" >&2; exit 1; }
  local window rows receive
  window=$(sed -n 's/.*Window shown \([0-9]*\) ms after the JVM started.*/\1/p' "$scratch/out.txt" | head -n 1)
  rows=$(sed -n 's/^Smoke test passed: .*first poll finished \([0-9]*\) ms after it.*/\1/p' "$scratch/out.txt")
  receive=$(first_receive "$scratch/out.txt")
  [ -n "$window" ] && [ -n "$rows" ] || { cat "$scratch/out.txt" >&2; exit 1; }
  echo "$window $rows ${receive:--}"
}

first_receive() { sed -n 's/.*First receive started \([0-9]*\) ms after the JVM started.*/\1/p' "$1" | head -n 1; }

# One start of the launcher on the AWS connection to this script's sandbox, stopped once its first receive started:
# prints JVM → first receive and JVM → window in ms. $1: true to make the clients beside the first frame, false when the window connects.
aws_console() {
  local data_dir pid waited=0 receive
  data_dir=$(mktemp -d "$scratch/data.XXXX")
  JAVA_TOOL_OPTIONS="-Dcallbackconsole.earlyClients=$1" AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox \
    AWS_CONFIG_FILE="$scratch/no-config" AWS_SHARED_CREDENTIALS_FILE="$scratch/no-credentials" \
    AWS_EC2_METADATA_DISABLED=true "$launcher" --region us-east-2 --endpoint-sqs "$sqs_endpoint" \
    --endpoint-sagemaker "$sagemaker_endpoint" --endpoint-sts "$sts_endpoint" "${queue_flags[@]}" --peek \
    --data-dir "$data_dir" >"$scratch/aws-out.txt" 2>&1 &
  pid=$!
  # grep, not a command substitution, while the launcher runs: bash sometimes lost track of the substitution's
  # process beside the background launcher ("wait_for: No record of process") and ended the script.
  until grep -q 'First receive started' "$scratch/aws-out.txt"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $waited -ge 1200 ]; then
      kill "$pid" 2>/dev/null || true
      cat "$scratch/aws-out.txt" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  receive=$(first_receive "$scratch/aws-out.txt")
  local window
  window=$(sed -n 's/.*Window shown \([0-9]*\) ms after the JVM started.*/\1/p' "$scratch/aws-out.txt" | head -n 1)
  echo "$receive ${window:--}"
}

# One bare window: prints its JVM → window in ms.
bare() {
  "$@" io.callbackconsole.bench.BareWindow 2>&1 | sed -n 's/^Window shown \([0-9]*\) ms after the JVM started.*/\1/p'
}

jar_run() { console "$java" -jar target/callback-console.jar; }
cds_run() { console "$runtime_java" ${options[@]+"${options[@]}"} -cp "$cp" "$main"; }
aot_run() { console "$launcher"; }
early=(-Dcallbackconsole.earlySandbox=true -Dcallbackconsole.earlyClients=true)
jar_early_run() { console "$java" "${early[@]}" -jar target/callback-console.jar; }
aot_early_run() { JAVA_TOOL_OPTIONS="${early[*]}" console "$launcher"; }
base_run() { console "$BASELINE_IMAGE/callback-console/bin/callback-console"; }
aws_early_run() { aws_console true; }
aws_late_run() { aws_console false; }
bare17_run() { bare "$java" -cp "target/test-classes${separator}target/lib/*"; }
bare_runtime_run() { bare "$runtime_java" ${options[@]+"${options[@]}"} -cp target/test-classes; }

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
range() {
  sort -n | awk 'NR == 1 { min = $1 } { max = $1 } END { print min "–" max }'
}

kinds="jar cds aot bare17 bare_runtime"
if [ -n "${BASELINE_IMAGE:-}" ]; then
  [ -x "$BASELINE_IMAGE/callback-console/bin/callback-console" ] || { echo "no launcher in $BASELINE_IMAGE" >&2; exit 1; }
  kinds="jar cds aot base bare17 bare_runtime"
fi

# The AWS connection's far end: a sandbox of its own, stopped when this script ends.
"$java" -jar target/callback-console.jar sandbox --sqs-port 0 --sagemaker-port 0 >"$scratch/sandbox.txt" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 1 600); do grep -q '^Sandbox ready' "$scratch/sandbox.txt" && break; sleep 0.1; done
grep -q '^Sandbox ready' "$scratch/sandbox.txt" || { cat "$scratch/sandbox.txt" >&2; exit 1; }
sqs_endpoint=$(sed -n 's/^SQS endpoint: //p' "$scratch/sandbox.txt")
sagemaker_endpoint=$(sed -n 's/^SageMaker endpoint: //p' "$scratch/sandbox.txt")
sts_endpoint=$(sed -n 's/^STS endpoint: //p' "$scratch/sandbox.txt")
queue_flags=()
while IFS= read -r queue; do queue_flags+=(--queue "$queue"); done < <(sed -n 's/^Queue: //p' "$scratch/sandbox.txt")
kinds="$kinds aws_early aws_late"
# KINDS="aws_early aws_late" (say) measures only those.
kinds=${KINDS:-$kinds}
# One unmeasured run each, so all start with warm file caches.
for kind in $kinds; do "${kind}_run" >/dev/null; done
for i in $(seq 1 "$runs"); do
  line="run $i:"
  for kind in $kinds; do
    "${kind}_run" >>"$scratch/$kind.txt"
    line="$line  $kind $(tail -n 1 "$scratch/$kind.txt")"
  done
  echo "$line   (ms; console: window, first rows, first receive; aws: first receive)   load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
done

column() { [ -f "$scratch/$1.txt" ] && cut -d' ' -f"$2" "$scratch/$1.txt" | grep -v '^-$' || true; }
stat() { local values; values=$(column "$1" "$2"); [ -n "$values" ] && echo "$(median <<<"$values") ($(range <<<"$values"))" || echo "-"; }
echo "median (min–max) of $runs runs, ms:"
printf '  %-34s %-22s %-22s %s\n' "" "JVM → window" "launch → first rows" "JVM → first receive"
for kind in jar jar_early cds aot aot_early base; do
  [ -f "$scratch/$kind.txt" ] || continue
  case $kind in
    jar) what="java -jar, $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.version = /JDK /p')" ;;
    jar_early) what="java -jar, sandbox beside JavaFX" ;;
    cds) what="packaged runtime, CDS, no AOT cache" ;;
    aot) what="packaged launcher, AOT cache" ;;
    aot_early) what="launcher, AOT, sandbox beside JavaFX" ;;
    base) what="launcher, AOT cache, BASELINE_IMAGE" ;;
  esac
  printf '  %-34s %-22s %-22s %s\n' "$what" "$(stat $kind 1)" "$(stat $kind 2)" "$(stat $kind 3)"
done
printf '  %-34s %-22s\n' "bare window, JDK 17" "$(stat bare17 1)"
printf '  %-34s %-22s\n' "bare window, packaged runtime" "$(stat bare_runtime 1)"
echo "AWS connection (the launcher on this script's sandbox through endpoint overrides), JVM → first receive, ms:"
printf '  %-40s %-22s %s\n' "" "JVM → first receive" "JVM → window"
printf '  %-40s %-22s %s\n' "clients made beside the first frame" "$(stat aws_early 1)" "$(stat aws_early 2)"
printf '  %-40s %-22s %s\n' "clients made when the window connects" "$(stat aws_late 1)" "$(stat aws_late 2)"
echo "sizes:"
echo "  app image  $(du -sh "$(dirname "$app_dir")/.." | cut -f1), of which the AOT cache $(du -h "$app_dir"/*.aot 2>/dev/null | cut -f1)"
for file in target/packaging/installers/*; do
  if [ -e "$file" ]; then echo "  installer  $(du -h "$file" | cut -f1)  $file"; fi
done
