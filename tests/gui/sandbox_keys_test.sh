#!/usr/bin/env bash
# End to end: the sandbox opened on a registry file by `gui --open sandbox --registry FILE`,
# driven with keys alone — a command typed into the console, a version card's action chosen from
# its menu (Ctrl+K, ↓, Enter), Esc closing the menu without leaving the screen, Ctrl+S saving —
# and the file read back with the terminal's own commands; then Ctrl+O opening another file,
# Ctrl+Q asking before it drops an unsaved change (Esc stays; S saves and quits), and SIGTERM
# naming the file whose changes it could not wait to save.
# Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS STAGECRAFT.
source "$(dirname "$0")/window_test_lib.sh"
command -v xdotool >/dev/null || { echo "xdotool is not installed"; exit 1; }

db=$dir/team.db
state=$dir/state.json
cli() { "$exe" --db "$db" "$@"; }
cli users add dana --role developer >/dev/null
cli models create churn >/dev/null
cli models create-version --model-name churn --source runs:/r1/model >/dev/null

start_window gui --open sandbox --registry "$db" --state-file "$state"
wait_for '"screen":"sandbox"' "$state"
wait_for "\"file\":\"$db\"" "$state"
timeout 10 xdotool search --sync --name '^Stagecraft' >/dev/null

# The console has the keyboard as soon as the sandbox shows.
xdotool type --delay 12 'models transition-stage --model-name churn --version 1 --stage Staging'
xdotool key --delay 100 Return
wait_for '"commands":1' "$state"
wait_for '"unsaved":true' "$state"

# Esc closes the card menu and stays on the sandbox.
xdotool key --delay 100 ctrl+k
xdotool key --delay 100 Escape
xdotool type --delay 12 'models list'
xdotool key --delay 100 Return
wait_for '"commands":2' "$state"
grep -q '"screen":"sandbox"' "$state" || { echo "Esc left the sandbox: $(cat "$state")"; exit 1; }

# churn v1 (Staging) as dana: Promote to Production, then Archive — ↓ once picks Archive.
xdotool key --delay 100 ctrl+k
xdotool key --delay 100 Down
xdotool key --delay 100 Return
wait_for '"commands":3' "$state"

# The file is untouched until Ctrl+S.
cli models get-version --model-name churn --version 1 | grep -q 'Stage *None' ||
  { echo "the file changed before saving: $(cli models get-version --model-name churn --version 1)"; exit 1; }
xdotool key --delay 100 ctrl+s
wait_for '"unsaved":false' "$state"
cli models get-version --model-name churn --version 1 | grep -q 'Stage *Archived' ||
  { echo "after saving: $(cli models get-version --model-name churn --version 1)"; exit 1; }
echo "ok: typed a command, archived churn v1 from its card's menu, saved with Ctrl+S"

# Ctrl+O: the prompt holds the current file's path; replace it and press Enter.
xdotool key --delay 100 ctrl+o
xdotool key --delay 100 ctrl+a
xdotool type --delay 12 "$dir/other.db"
xdotool key --delay 100 Return
wait_for "\"file\":\"$dir/other.db\"" "$state"
[ -f "$dir/other.db" ] || { echo "Ctrl+O did not create $dir/other.db"; exit 1; }
echo "ok: Ctrl+O opened $dir/other.db"

# Ctrl+Q with unsaved changes asks first: Esc stays, then S saves and quits.
xdotool type --delay 12 'models create fraud'
xdotool key --delay 100 Return
wait_for '"unsaved":true' "$state"
xdotool key --delay 100 ctrl+q
wait_for '"quit_pending":true' "$state"
xdotool key --delay 100 Escape
wait_for '"unsaved":true' "$state"
grep -q '"quit_pending"' "$state" && { echo "Esc did not close the question: $(cat "$state")"; exit 1; }
kill -0 "$pid" || { echo "the window quit on Esc"; exit 1; }
xdotool key --delay 100 ctrl+q
wait_for '"quit_pending":true' "$state"
xdotool key --delay 100 s
for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && { echo "S did not quit: $(cat "$state")"; exit 1; }
"$exe" --db "$dir/other.db" models get fraud >/dev/null ||
  { echo "S quit without saving fraud to $dir/other.db"; exit 1; }
pid=
echo "ok: Ctrl+Q asked about the unsaved change; Esc stayed, S saved and quit"

# SIGTERM cannot wait for the question: the window closes and says what was not saved.
start_window gui --open sandbox --registry "$dir/other.db" --state-file "$state"
wait_for "\"file\":\"$dir/other.db\"" "$state"
timeout 10 xdotool search --sync --name '^Stagecraft' >/dev/null
xdotool type --delay 12 'models create spam'
xdotool key --delay 100 Return
wait_for '"unsaved":true' "$state"
kill -TERM "$pid"
for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && { echo "SIGTERM did not close the window"; exit 1; }
pid=
grep -q "changes to $dir/other.db were not saved" "$dir/out.txt" ||
  { echo "no word of the unsaved changes: $(cat "$dir/out.txt")"; exit 1; }
echo "ok: SIGTERM closed the window and named the unsaved registry file"
