#!/bin/sh
# on_display.sh COMMAND [ARGS...]: runs COMMAND on a virtual 1280x800 display of its own and exits
# with COMMAND's status.
#
# The window's tests run many at once (ctest -j). xvfb-run -a picks a display number by looking
# for free lock files, so two runs can pick the same one, and its clean-up can fail after the
# command succeeded (exit 5, "problem while cleaning up temporary directory"). Here the X server
# picks a free number itself and reports it (-displayfd), and the status is COMMAND's alone.
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/stagecraft-display.XXXXXX") || exit 125
: >"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>>"$work/display" >"$work/log" 2>&1 &
server=$!
stop() {
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  rm -rf "$work"
}
tries=0
# Xvfb writes the number and a newline once it accepts connections.
until [ "$(wc -l <"$work/display")" -ge 1 ]; do
  if ! kill -0 "$server" 2>/dev/null || [ "$tries" -ge 400 ]; then
    echo "on_display.sh: Xvfb did not start: $(tail -n 3 "$work/log")" >&2
    stop
    exit 125
  fi
  tries=$((tries + 1))
  sleep 0.05
done
DISPLAY=":$(cat "$work/display")" "$@"
status=$?
stop
exit "$status"
