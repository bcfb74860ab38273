#!/bin/sh
# Stops the ifmon runner: SIGTERM first (the round in flight may finish, state and outbox are flushed),
# then SIGKILL if it is still running after IFMON_STOP_TIMEOUT seconds (default 20). Says which it was.
#
# Exit code: 0 stopped gracefully, or was not running; 3 had to be killed (SIGKILL); 1 could not stop it.
# shellcheck source-path=SCRIPTDIR
set -eu

IFMON_HOME=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
# shellcheck source=common.sh
. "$IFMON_HOME/bin/common.sh"

if ! pid=$(ifmon_running_pid); then
    if [ -f "$IFMON_PID_FILE" ]; then
        rm -f "$IFMON_PID_FILE"
        echo "ifmon is not running (removed stale pid file $IFMON_PID_FILE)"
    else
        echo "ifmon is not running"
    fi
    exit 0
fi

timeout=${IFMON_STOP_TIMEOUT:-20}
kill -TERM "$pid" 2>/dev/null || true
waited=0
while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$timeout" ]; do
    sleep 1
    waited=$((waited + 1))
done
if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$IFMON_PID_FILE"
    echo "ifmon stopped gracefully (pid $pid, ${waited}s)"
    exit 0
fi

kill -KILL "$pid" 2>/dev/null || true
waited=0
while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 10 ]; do
    sleep 1
    waited=$((waited + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    echo "ifmon (pid $pid) did not stop even after SIGKILL; check the process by hand" >&2
    exit 1
fi
rm -f "$IFMON_PID_FILE"
echo "ifmon did not stop within ${timeout}s after SIGTERM; killed it (SIGKILL, pid $pid)." \
    "Its files are safe (written atomically); the round in flight was lost."
exit 3
