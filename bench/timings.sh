# Sourced by bench/alternate.sh and bench/ab.sh: the summary of one configuration's runs, each
# written by `/usr/bin/time -f "%e %U %S %M"` to one file, a failed run also marked by a line "failed".

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'; }

# summary LABEL FILE: medians of wall and CPU time of the runs that finished, peak RSS, each wall time.
summary() {
  local label="$1" file="$2" times failed
  # the times of runs that finished (time(1) announces a failed one on the line before its figures)
  times="$(awk '/^Command exited/ { skip = 1; next } /^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$/ { if (!skip) print; skip = 0 }' \
    "$file")"
  failed="$(grep -c '^failed$' "$file" || true)"
  if [[ -z "$times" ]]; then
    printf '%-36s no run finished (%s failed)\n' "$label" "$failed"
    return
  fi
  printf '%-36s wall median %s s, CPU median %s s, peak RSS %s MB, walls: %s%s\n' "$label" \
    "$(awk '{ print $1 }' <<<"$times" | median)" "$(awk '{ print $2 + $3 }' <<<"$times" | median)" \
    "$(awk '$4 > m { m = $4 } END { print int(m / 1024) }' <<<"$times")" "$(awk '{ printf "%s ", $1 }' <<<"$times")" \
    "$([[ $failed == 0 ]] || echo "; $failed failed (exit not 0)")"
}
