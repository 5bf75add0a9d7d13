# Sourced by the scripts that need a live server. `serve_history LOG BINARY ARGS…` starts
# `BINARY serve --port 0 ARGS…` in the background, sets `server` (its pid) and `port` (the port it
# printed), and fails the script if it has not started within 10 s.
serve_history() {
  local log=$1 binary=$2
  shift 2
  "$binary" serve --port 0 "$@" 2>"$log" >/dev/null &
  server=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(grep -oE 'listening on http://127.0.0.1:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "$(basename "$0"): the server did not start:" >&2
  cat "$log" >&2
  exit 1
}
