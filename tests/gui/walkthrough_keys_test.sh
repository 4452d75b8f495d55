#!/usr/bin/env bash
# End to end, as a learner at the keyboard: opens the real window on a walkthrough, presses
# Right three times, and expects the player at step 3 (read from the state file the window
# writes). Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS STAGECRAFT.
source "$(dirname "$0")/window_test_lib.sh"

state=$dir/state.json
start_window gui --open walkthrough:promoting-between-stages --state-file "$state"

wait_for '"step":0' "$state"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool key --delay 100 Right Right Right
wait_for '"step":3' "$state"
echo "ok: $(cat "$state")"
