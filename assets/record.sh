#!/usr/bin/env bash
# Records assets/demo.tape where VHS can't run: plays the tape in a tmux pane of the tape's
# size, captures the pane as it changes, draws each distinct frame with freeze and joins
# them into the GIF with ImageMagick and gifsicle. Screenshot commands write PNGs.
#
#   assets/record.sh [TAPE]        (needs tmux, freeze, ImageMagick's convert, gifsicle)
#
# It understands the part of VHS's tape language the tape uses: Output, Type, Enter,
# Escape, Tab, Space, Up, Down, Ctrl+C, Sleep, Wait+Screen /regex/, Screenshot, Hide and
# Show; Set is left to VHS. The pane is COLS x ROWS characters (80x24 unless set), the
# size every screen must be usable at.
set -euo pipefail
cd "$(dirname "$0")/.."

tape="${1:-assets/demo.tape}"
convert=/usr/bin/convert # some machines shadow it in /usr/local/bin with a stand-in
for tool in tmux freeze "$convert" gifsicle; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d)"
session="firstrun-record-$$"
capturer=""
cleanup() {
  [[ -n "$capturer" ]] && kill "$capturer" 2>/dev/null || true
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cols="${COLS:-80}" rows="${ROWS:-24}"
output="$(awk '$1 == "Output" { print $2 }' "$tape")"
[[ -n "$output" ]] || { echo "record.sh: $tape has no Output" >&2; exit 1; }

tmux new-session -d -s "$session" -x "$cols" -y "$rows" "env -u NO_COLOR TERM=xterm-256color PS1='\$ ' bash --norc --noprofile"
tmux set-option -t "$session" status off >/dev/null

# The capturer writes the pane every 200 ms, while the tape is shown, as
# frames/<milliseconds since start>.ansi.
mkdir "$work/frames"
start_ms=$(date +%s%3N)
(
  while :; do
    if [[ -e "$work/shown" ]]; then
      tmux capture-pane -t "$session" -e -p >"$work/frames/.next" 2>/dev/null &&
        mv "$work/frames/.next" "$work/frames/$(($(date +%s%3N) - start_ms)).ansi"
    fi
    sleep 0.2
  done
) &
capturer=$!
touch "$work/shown"

seconds() { # "2s", "500ms" or "1.5" to seconds
  case "$1" in
    *ms) awk -v v="${1%ms}" 'BEGIN { print v / 1000 }' ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
keys() { tmux send-keys -t "$session" "$@"; }
repeat() { # repeat KEY [N]
  local n="${2:-1}"
  for ((i = 0; i < n; i++)); do keys "$1"; sleep 0.05; done
}
draw() { # draw ANSI PNG: a captured pane as a PNG of a fixed size, 1000x660 for 80x24
  freeze --language ansi --window --padding 28 --font.size 19 \
    -W $((cols * 25 / 2)) -H $((rows * 55 / 2)) -o "$2" "$1" >/dev/null
}
export -f draw
export cols rows
shot() { # the pane now, as a PNG
  tmux capture-pane -t "$session" -e -p >"$work/shot.ansi"
  draw "$work/shot.ansi" "$1"
  chmod 644 "$1"
}

# The tape is read on descriptor 3: freeze and tmux read standard input.
while IFS= read -r -u 3 line; do
  line="${line#"${line%%[![:space:]]*}"}"
  [[ -z "$line" || "$line" == \#* ]] && continue
  cmd="${line%% *}"
  arg=""
  [[ "$line" == *" "* ]] && arg="${line#* }"
  case "$cmd" in
    Output | Set | Require) ;;
    Hide) rm -f "$work/shown" ;;
    Show) keys C-l; sleep 0.2; touch "$work/shown" ;;
    Type | Type@*)
      text="${arg#\"}"
      text="${text%\"}"
      for ((i = 0; i < ${#text}; i++)); do keys -l "${text:i:1}"; sleep 0.04; done ;;
    Enter | Enter@*) repeat Enter "$arg" ;;
    Escape) repeat Escape "$arg" ;;
    Tab) repeat Tab "$arg" ;;
    Space) repeat Space "$arg" ;;
    Up) repeat Up "$arg" ;;
    Down) repeat Down "$arg" ;;
    Ctrl+C) keys C-c ;;
    Sleep) sleep "$(seconds "$arg")" ;;
    Wait+Screen)
      pattern="${arg#/}"
      pattern="${pattern%/}"
      deadline=$((SECONDS + 60))
      until tmux capture-pane -t "$session" -p | grep -Eq -- "$pattern"; do
        if ((SECONDS > deadline)); then
          echo "record.sh: waited 60s for /$pattern/; the screen shows:" >&2
          tmux capture-pane -t "$session" -p >&2
          exit 1
        fi
        sleep 0.1
      done ;;
    Screenshot)
      file="${arg#\"}"
      shot "${file%\"}" ;;
    *) echo "record.sh: $tape: unknown command: $line" >&2; exit 1 ;;
  esac
done 3<"$tape"
sleep 0.3
kill "$capturer"
capturer=""

# Each distinct screen becomes one frame, shown until the screen next changed.
cd "$work/frames"
mapfile -t times < <(ls | sed 's/\.ansi$//' | sort -n)
frames=()
last_sum="" last_time=""
for t in "${times[@]}"; do
  sum="$(md5sum <"$t.ansi")"
  [[ "$sum" == "$last_sum" ]] && continue
  frames+=("$t")
  last_sum="$sum"
done
printf '%s\n' "${frames[@]}" | xargs -P "$(nproc)" -I{} bash -c 'draw {}.ansi {}.png'
# One palette for every frame, without dithering, so a part of the screen that did not
# change has the same pixels in the next frame and gifsicle stores only what changed.
sample=()
for ((i = 0; i < 8; i++)); do sample+=("${frames[$((i * ${#frames[@]} / 8))]}.png"); done
"$convert" "${sample[@]}" -append +dither -colors 64 -unique-colors palette.png
printf '%s\n' "${frames[@]}" | xargs -P "$(nproc)" -I{} "$convert" {}.png +dither -remap palette.png {}.gif

args=()
for i in "${!frames[@]}"; do
  t="${frames[$i]}"
  next="${frames[$((i + 1))]:-$((t + 3000))}"
  args+=(-d "$(((next - t + 5) / 10))" "$t.gif") # in hundredths of a second
done
# gifsicle joins the frames one at a time; convert would hold them all in memory.
gifsicle --loop --optimize=3 --no-warnings "${args[@]}" >"$work/out.gif"
cd - >/dev/null
mv "$work/out.gif" "$output"
echo "record.sh: $output: ${#frames[@]} frames"
