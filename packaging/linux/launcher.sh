#!/bin/bash
# The Linux launcher of Callback Console: packaging/build.sh puts it in the app image as bin/callback-console in
# place of jpackage's native one. It starts the image's runtime the way jpackage's does, from the same
# lib/app/callback-console.cfg (class path, main class, JVM options with $APPDIR, $BINDIR and $ROOTDIR expanded),
# without its start-up cost: jpackage's launcher asks rpm and dpkg which package owns it before it starts the JVM,
# twice ("rpm -qf", "dpkg -S": dpkg reads every installed package's file list), 0.3-0.7 s per start on Debian.
set -euo pipefail
# No other program runs before the JVM (each would cost a fork and an exec): readlink only for a symbolic link.
launcher=$0
[ -L "$launcher" ] && launcher=$(readlink -f "$launcher")
case "$launcher" in */*) ;; *) launcher=$(command -v "$launcher") ;; esac
bin_dir=$(cd "${launcher%/*}" && pwd -P)
root_dir=${bin_dir%/*}
app_dir=$root_dir/lib/app
cfg=$app_dir/callback-console.cfg
[ -r "$cfg" ] || { echo "callback-console: no launcher configuration at $cfg" >&2; exit 1; }

class_path='' main_class='' options=() lines=()
mapfile -t lines <"$cfg"
for line in ${lines[@]+"${lines[@]}"}; do
  line=${line%$'\r'}
  value=${line#*=}
  value=${value//\$APPDIR/$app_dir}
  value=${value//\$BINDIR/$bin_dir}
  value=${value//\$ROOTDIR/$root_dir}
  case "$line" in
    app.classpath=*) class_path=$class_path${class_path:+:}$value ;;
    app.mainclass=*) main_class=$value ;;
    java-options=*) options+=("$value") ;;
  esac
done
[ -n "$main_class" ] || { echo "callback-console: no main class in $cfg" >&2; exit 1; }

# As jpackage's launcher: the JVM in this process (the same process id), named after the program.
exec -a "$0" "$root_dir/lib/runtime/bin/java" -Djpackage.app-path="$bin_dir/callback-console" \
  ${options[@]+"${options[@]}"} -cp "$class_path" "$main_class" "$@"
