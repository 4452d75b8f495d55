#!/usr/bin/env bash
# End to end: with the authoring screen open (Ctrl+E from home), an instructor's quiz file in
# $XDG_DATA_HOME/stagecraft/quizzes is broken on disk and then fixed; the screen's problem count
# (in --state-file) rises and drops again without a restart, the broken file marked stale
# meanwhile. Run under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24" THIS STAGECRAFT.
source "$(dirname "$0")/window_test_lib.sh"

quiz=$dir/data/stagecraft/quizzes/mine.json
mkdir -p "$(dirname "$quiz")"
good='{"format": 1, "id": "mine", "title": "Mine", "topic": "Stages",
  "questions": [{"id": "q1", "level": "easy", "prompt": "Where does a new version start?",
                 "options": ["None", "Staging"], "answer": "A"}]}'
printf '%s\n' "$good" >"$quiz"

state=$dir/state.json
start_window gui --state-file "$state"
wait_for '"screen":"home"' "$state"
wid=$(timeout 10 xdotool search --sync --name '^Stagecraft$' | head -n1)
xdotool key --window "$wid" --delay 100 ctrl+e
wait_for '"author":{[^}]*"problems":0,"stale":0' "$state"
[ -d "$dir/data/stagecraft/challenges" ] || { echo "the user challenges folder was not created"; exit 1; }

# An editor saves a broken version: an answer letter with no option.
printf '%s\n' "${good/\"answer\": \"A\"/\"answer\": \"C\"}" >"$quiz.tmp" && mv "$quiz.tmp" "$quiz"
started=$EPOCHREALTIME
wait_for '"author":{[^}]*"problems":1,"stale":1' "$state"
elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
echo "ok: the problem showed after $elapsed s"
awk -v e="$elapsed" 'BEGIN { exit !(e < 1.0) }' ||
  { echo "the problem took $elapsed s to show (a poll is due every 0.4 s)"; exit 1; }

# Fixed again.
printf '%s\n' "$good" >"$quiz"
wait_for '"author":{[^}]*"problems":0,"stale":0' "$state"
echo "ok: fixed, no problem and not stale: $(cat "$state")"

# N writes the new-quiz template into the user's folder, which is listed, selected and clean.
xdotool key --window "$wid" --delay 100 n
wait_for '"selected":"[^"]*/stagecraft/quizzes/new-quiz.json"' "$state"
wait_for '"author":{[^}]*"problems":0,' "$state"
[ -f "$dir/data/stagecraft/quizzes/quiz.schema.json" ] || { echo "no schema beside the template"; exit 1; }
echo "ok: New quiz: $(cat "$state")"

# C writes the new-challenge template into the user's challenges folder: listed, selected, proven
# clean on the engine, with the challenge schema beside it.
xdotool key --window "$wid" --delay 100 c
wait_for '"selected":"[^"]*/stagecraft/challenges/new-challenge.challenge.json"' "$state"
wait_for '"author":{[^}]*"problems":0,' "$state"
[ -f "$dir/data/stagecraft/challenges/challenge.schema.json" ] ||
  { echo "no schema beside the challenge template"; exit 1; }
echo "ok: New challenge: $(cat "$state")"
