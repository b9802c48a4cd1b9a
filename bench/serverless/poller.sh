# Sourced by run.sh and first-answer.sh: the first-answer poller (await_answer.py, bench/NOTES.md 15.4) as a coprocess.

# poller_start PORT BODY [HEADER ...]: starts it against 127.0.0.1:PORT (POST /v1/chat/completions) and returns once it
# runs, so that its own start stays outside the timed window; sets POLL_FD and POLL_PID.
poller_start() {
  local port=$1 body=$2 line
  shift 2
  coproc POLLER { exec python3 "$(dirname "${BASH_SOURCE[0]}")/await_answer.py" "$port" /v1/chat/completions "$body" "$@"; }
  POLL_PID=$POLLER_PID
  exec {POLL_FD}<&"${POLLER[0]}"
  read -r -t 30 -u "$POLL_FD" line && [ "$line" = ready ] || { echo "the first-answer poller did not start" >&2; return 1; }
}

# poller_wait PID: prints the wall-clock time (ns) of the first 200, waiting while PID lives; returns 1 if PID died
# first, 2 if the poller gave up (no answer in 180 s). A read that times out keeps what it had read of the line in its
# variable and the next read returns the rest, so the parts are joined (a time-out after the first digit once made a
# first answer of -999,999,996,794 ms, NOTES §19).
poller_wait() {
  local pid=$1 ts="" part rc
  until read -r -t 0.2 -u "$POLL_FD" part; do
    rc=$?
    ts+=$part
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$rc" -gt 128 ] || return 2 # not a time-out: the poller ended without an answer
  done
  echo "$ts$part"
}

# poller_stop: ends the poller (if still running) and closes its output.
poller_stop() {
  [ -n "${POLL_PID:-}" ] || return 0
  kill "$POLL_PID" 2>/dev/null || true
  wait "$POLL_PID" 2>/dev/null || true
  exec {POLL_FD}<&-
  POLL_PID=""
}
