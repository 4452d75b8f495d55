#!/bin/sh
# End to end: the real window, opened straight on a quiz by a deep link, answered with real key
# presses (no mouse), and the answers found in the learner's progress database.
#
#   tests/gui/quiz_keys_test.sh path/to/stagecraft
#
# Needs an X display (run it under `xvfb-run -a -s "-screen 0 1280x800x24"`), xdotool, and
# sqlite3 or python3 to read the database. The keys: A, Enter (submit), Enter (next question);
# B, Enter (submit), Enter (see the results). Keys are held 100 ms: ImGui 1.86 misses a key
# pressed and released within one frame (../../../shared/TESTING.md).

set -u

STAGECRAFT=${1:?usage: $0 path/to/stagecraft}
TIMEOUT_S=10

fail() {
  echo "quiz_keys_test: FAIL: $*" >&2
  exit 1
}

[ -n "${DISPLAY:-}" ] || fail "no DISPLAY: run under xvfb-run -a -s \"-screen 0 1280x800x24\""
[ -x "$STAGECRAFT" ] || fail "$STAGECRAFT is not an executable"
command -v xdotool >/dev/null 2>&1 || fail "xdotool is not installed (apt-get install xdotool)"

# One SQL query's single value, by sqlite3 or else python3.
query() {
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 -readonly "$DB" "$1" 2>/dev/null
  else
    python3 -c 'import sqlite3, sys
print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])' \
      "$DB" "$1" 2>/dev/null
  fi
}
command -v sqlite3 >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 ||
  fail "neither sqlite3 nor python3 is installed to read the progress database"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stagecraft-quiz-keys.XXXXXX") || fail "mktemp failed"
PID=""
cleanup() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

DB="$WORK/data/stagecraft/progress.db"
STATE="$WORK/state.json"
LOG="$WORK/stagecraft.log"

XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" \
  "$STAGECRAFT" gui --open quiz:stages-basics --count 2 --seed 1 --state-file "$STATE" \
  >"$LOG" 2>&1 &
PID=$!

alive() { kill -0 "$PID" 2>/dev/null; }

# Polls `condition` (a shell command) every 50 ms for up to TIMEOUT_S seconds; false when it
# never held. Fails at once if the window exits meanwhile.
wait_for() {
  tries=$((TIMEOUT_S * 20))
  while [ "$tries" -gt 0 ]; do
    if eval "$1"; then return 0; fi
    alive || fail "the window exited early while waiting for: $2 (its output: $(cat "$LOG"))"
    sleep 0.05
    tries=$((tries - 1))
  done
  return 1
}

timeout "$TIMEOUT_S" xdotool search --sync --name '^Stagecraft' >/dev/null ||
  fail "no window named Stagecraft appeared within ${TIMEOUT_S}s (its output: $(cat "$LOG"))"
# The window has drawn the first question once it has written its state.
wait_for 'grep -q "\"position\":0" "$STATE" 2>/dev/null' "the first question" ||
  fail "the window did not show the first question within ${TIMEOUT_S}s (state: $(cat "$STATE" 2>/dev/null))"

xdotool key --delay 100 a Return Return b Return Return ||
  fail "xdotool could not press the keys"

wait_for '[ "$(query "select count(*) from attempts")" = 2 ]' "2 attempts" ||
  fail "expected 2 attempts in $DB within ${TIMEOUT_S}s, found $(query "select count(*) from attempts" || echo none) (state: $(cat "$STATE"))"
wait_for 'grep -q "\"finished\":true" "$STATE"' "the results" ||
  fail "the quiz did not reach its results (state: $(cat "$STATE"))"

sessions=$(query "select count(distinct session_id) from attempts")
[ "$sessions" = 1 ] || fail "the 2 attempts should be in 1 session, found $sessions"
wait_for '[ "$(query "select count(*) from sessions where ended_at is not null and total = 2")" = 1 ]' \
  "the session closed" || fail "the quiz's progress session was not closed with its 2 answers"

echo "quiz_keys_test: ok (2 answers by keyboard recorded in one closed session)"
