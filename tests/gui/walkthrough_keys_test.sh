#!/usr/bin/env bash
# End to end, as a learner at the keyboard: opens the real window on a walkthrough, presses
# Right three times, and expects the player at step 3 (read from the state file the window
# writes). Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS STAGECRAFT.
set -euo pipefail
exe=${1:?usage: walkthrough_keys_test.sh STAGECRAFT}
dir=$(mktemp -d)
pid=
cleanup() {
  local rc=$?
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT

state=$dir/state.json
XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config HOME=$dir \
  "$exe" gui --open walkthrough:promoting-between-stages --state-file "$state" \
  >"$dir/out.txt" 2>&1 &
pid=$!

# Polls `grep -q PATTERN FILE` every 50 ms for up to 10 s.
wait_for() {
  local pattern=$1 file=$2 i
  for ((i = 0; i < 200; i++)); do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the window exited:"; cat "$dir/out.txt"; return 1; }
    sleep 0.05
  done
  echo "timed out waiting for $pattern in $file; it holds: $(cat "$file" 2>/dev/null)"
  return 1
}

wait_for '"step":0' "$state"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool key --delay 100 Right Right Right
wait_for '"step":3' "$state"
echo "ok: $(cat "$state")"
