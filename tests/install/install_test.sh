#!/bin/sh
# install_test.sh BUILD_DIR: `cmake --install` into an empty prefix puts stagecraft, its bundled
# content, the desktop entry and the icon where they belong, and the installed program finds its
# own content (PREFIX/share/stagecraft) from any folder, with no flags or environment.
set -u
build=$1
fail() { echo "install_test: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stagecraft-install.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/log" 2>&1 || fail "cmake --install failed: $(tail -n 3 "$work/log")"

for file in bin/stagecraft share/stagecraft/quizzes/quiz.schema.json \
            share/stagecraft/quizzes/stages-basics.json share/stagecraft/lessons/README.md \
            share/stagecraft/lessons/stages-commands.md share/stagecraft/challenges/README.md \
            share/stagecraft/challenges/challenge.schema.json; do
  [ -f "$prefix/$file" ] || fail "missing $file"
done
if [ -n "${STAGECRAFT_WITH_GUI:-}" ]; then
  desktop=$prefix/share/applications/stagecraft.desktop
  [ -f "$desktop" ] || fail "missing share/applications/stagecraft.desktop"
  [ -f "$prefix/share/icons/hicolor/256x256/apps/stagecraft.png" ] || fail "missing the icon"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
  fi
fi

# A lesson that exists only in the installed copy proves which content the program reads.
sed 's/^id: stages-commands$/id: only-in-the-install/' \
  "$prefix/share/stagecraft/lessons/stages-commands.md" >"$prefix/share/stagecraft/lessons/only-in-the-install.md"
mkdir -p "$work/home"
run() {
  (cd / && env -u STAGECRAFT_QUIZZES -u STAGECRAFT_LESSONS -u STAGECRAFT_CHALLENGES \
     HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
     "$prefix/bin/stagecraft" "$@")
}
run lessons >"$work/out" 2>&1 || fail "stagecraft lessons failed: $(cat "$work/out")"
grep -q '^only-in-the-install ' "$work/out" || fail "the installed program does not read PREFIX/share/stagecraft: $(cat "$work/out")"
# The lessons' "Practise: stagecraft quiz BANK" lines work as written.
run quiz registry-commands -n 1 --seed 1 --no-record </dev/null >"$work/out" 2>&1
grep -q "^Question 1/1" "$work/out" || fail "stagecraft quiz registry-commands: $(cat "$work/out")"
run challenges >"$work/out" 2>&1 || fail "stagecraft challenges failed: $(cat "$work/out")"
grep -q "stage-a-candidate" "$work/out" || fail "no bundled challenges: $(cat "$work/out")"
echo "install_test: ok"
