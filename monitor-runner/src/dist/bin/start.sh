#!/bin/sh
# Starts the ifmon runner in the background ("ifmon run"), with its pid in data/ifmon.pid and its console
# output in logs/console.out. The JVM flags come from bin/jvm.options (override with IFMON_JAVA_OPTS).
#
#   bin/start.sh [--config FILE] [more options of "ifmon run"]
#
# Environment: IFMON_CONFIG, IFMON_DATA_DIR, IFMON_LOG_DIR, IFMON_LOG_FORMAT, IFMON_JAVA_OPTS,
# IFMON_START_CHECK (seconds to watch the new process before saying it started; default 3).
# Exit code: 0 started; 1 it exited at once (the last lines of logs/console.out are shown) or no Java 21+;
# 2 already running, or usage/config file error.
# shellcheck source-path=SCRIPTDIR
set -eu

IFMON_HOME=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
# shellcheck source=common.sh
. "$IFMON_HOME/bin/common.sh"

config=$IFMON_CONFIG
if [ "${1:-}" = "--config" ]; then
    if [ $# -lt 2 ]; then
        echo "usage: bin/start.sh [--config FILE] [options of ifmon run]" >&2
        exit 2
    fi
    config=$2
    shift 2
fi

if pid=$(ifmon_running_pid); then
    echo "ifmon is already running (pid $pid); bin/stop.sh stops it"
    exit 2
fi
if [ ! -f "$config" ]; then
    echo "ifmon: config file $config not found; run bin/install.sh, or pass --config FILE" >&2
    exit 2
fi
ifmon_find_java || exit 1

mkdir -p "$IFMON_LOG_DIR" "$IFMON_DATA_DIR"
console=$IFMON_LOG_DIR/console.out
# The log files in logs/ have everything; console.out keeps only what is printed, not the log lines twice.
IFMON_LOG_CONSOLE=${IFMON_LOG_CONSOLE:-OFF}
export IFMON_LOG_CONSOLE
echo "$(date '+%Y-%m-%dT%H:%M:%S%z') starting ifmon run --config $config" >>"$console"
nohup "$IFMON_HOME/bin/ifmon" run --config "$config" "$@" >>"$console" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$IFMON_PID_FILE"

waited=0
while [ "$waited" -lt "${IFMON_START_CHECK:-3}" ]; do
    sleep 1
    waited=$((waited + 1))
    if ! kill -0 "$pid" 2>/dev/null; then
        code=0
        wait "$pid" || code=$?
        rm -f "$IFMON_PID_FILE"
        echo "ifmon failed to start (exit code $code); last lines of $console:" >&2
        tail -n 15 "$console" >&2
        exit 1
    fi
done
echo "ifmon started (pid $pid); logs in $IFMON_LOG_DIR, bin/status.sh shows the last round"
