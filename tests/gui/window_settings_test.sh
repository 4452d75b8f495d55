#!/usr/bin/env bash
# End to end: the window reads its settings from $XDG_CONFIG_HOME/stagecraft/settings.json, and
# when closed with Ctrl+Q (or by SIGTERM) it saves its size there, keeping the other settings.
# Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS STAGECRAFT.
source "$(dirname "$0")/window_test_lib.sh"

settings=$dir/config/stagecraft/settings.json
mkdir -p "$(dirname "$settings")"
printf '{"theme": "light", "font_scale": 1.25, "window_width": 1000, "window_height": 700}\n' \
  >"$settings"
start_window gui --state-file "$dir/state.json"
wait_for screen "$dir/state.json"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
size=$(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')
[ "$size" = 1000x700 ] || { echo "the window opened at $size, not the saved 1000x700"; exit 1; }

xdotool windowsize --sync "$wid" 1100 750
xdotool key --delay 100 ctrl+q
for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then echo "Ctrl+Q did not close the window"; exit 1; fi
wait "$pid" || { echo "the window exited with $?: $(cat "$dir/out.txt")"; exit 1; }
pid=
grep -q '"window_width": 1100' "$settings" && grep -q '"window_height": 750' "$settings" &&
  grep -q '"theme": "light"' "$settings" && grep -q '"font_scale": 1.25' "$settings" ||
  { echo "settings after closing: $(cat "$settings")"; exit 1; }
echo "ok: $(tr -d '\n ' <"$settings")"

# SIGTERM (the desktop session ending, `kill`) closes the window the same way: it exits 0 and
# saves its size.
start_window gui --state-file "$dir/state2.json"
wait_for screen "$dir/state2.json"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
xdotool windowsize --sync "$wid" 900 650
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ "$status" = 0 ] || { echo "SIGTERM: the window exited with $status: $(cat "$dir/out.txt")"; exit 1; }
grep -q '"window_width": 900' "$settings" ||
  { echo "SIGTERM: the size was not saved: $(cat "$settings")"; exit 1; }
echo "ok: SIGTERM closed the window and saved 900x650"
