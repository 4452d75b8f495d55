# Shared by the bash tests that drive the real window (source it; $1 of the test is the exe):
#   exe        the stagecraft executable
#   dir        a fresh folder (HOME, XDG_DATA_HOME, XDG_CONFIG_HOME live in it), removed at exit
#   pid        the window started by start_window, killed at exit if still running
#   start_window ARGS...   runs `stagecraft ARGS` in the background, output in $dir/out.txt
#   wait_for PATTERN FILE  polls grep every 50 ms for up to 10 s (never a bare sleep)
set -euo pipefail
exe=${1:?usage: $0 STAGECRAFT}
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

start_window() {
  XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config HOME=$dir "$exe" "$@" >"$dir/out.txt" 2>&1 &
  pid=$!
}

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
