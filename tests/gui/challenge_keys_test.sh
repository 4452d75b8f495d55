#!/usr/bin/env bash
# End to end, as a learner at the keyboard: opens the real window on a challenge by deep link,
# types its solution into the console (the input line has the keyboard when a challenge opens),
# and expects it solved in the window's state and recorded as solved, with its count, in the
# progress database; Ctrl+H shows the hint, and Ctrl+R asks before it drops the commands, then
# starts afresh on Enter. Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS
# STAGECRAFT.
source "$(dirname "$0")/window_test_lib.sh"

state=$dir/state.json
db=$dir/data/stagecraft/progress.db
start_window gui --open challenge:crown-the-champion --state-file "$state"

wait_for '"id":"crown-the-champion"' "$state"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool type --delay 12 \
  'models transition-stage --model-name churn --version 2 --stage Production --archive-existing'
xdotool key --delay 100 Return
wait_for '"commands":1' "$state"
xdotool key --delay 100 ctrl+h
wait_for '"hint_shown":true' "$state"
xdotool type --delay 12 'models set-alias --model-name churn --alias champion --version 2'
xdotool key --delay 100 Return
wait_for '"solved":true' "$state"
grep -q '"commands":2' "$state" || { echo "expected 2 commands: $(cat "$state")"; exit 1; }

# Recorded as solved, in 2 commands, the moment it was solved (the window is still open).
query() {
  python3 -c 'import sqlite3, sys
print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])' \
    "$db" "$1"
}
row=$(query "select challenge_id || ' ' || solved || ' ' || commands || ' ' || par from challenge_attempts")
[ "$row" = "crown-the-champion 1 2 2" ] || { echo "expected a solved row, found: $row"; exit 1; }

# Ctrl+R with commands counted asks first; Enter starts again.
xdotool key --delay 100 ctrl+r
wait_for '"reset_pending":true' "$state"
grep -q '"commands":2' "$state" || { echo "Ctrl+R dropped the commands unasked: $(cat "$state")"; exit 1; }
xdotool key --delay 100 Return
wait_for '"commands":0' "$state"
grep -q '"reset_pending"' "$state" && { echo "the question stayed open: $(cat "$state")"; exit 1; }
echo "ok: $row; $(cat "$state")"
