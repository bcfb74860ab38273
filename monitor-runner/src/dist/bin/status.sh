#!/bin/sh
# Shows whether the ifmon runner is running, its pid, and the last round's time and summary
# (from data/last-round.json).
#
# Exit code: 0 running; 3 not running (as LSB status scripts do).
# shellcheck source-path=SCRIPTDIR
set -eu

IFMON_HOME=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
# shellcheck source=common.sh
. "$IFMON_HOME/bin/common.sh"

code=3
if pid=$(ifmon_running_pid); then
    echo "ifmon is running (pid $pid, home $IFMON_HOME)"
    code=0
elif [ -f "$IFMON_PID_FILE" ]; then
    echo "ifmon is not running (stale pid file $IFMON_PID_FILE)"
else
    echo "ifmon is not running"
fi

# Prints the first string value of key $1 in the one-line JSON on stdin.
json_string() {
    awk -v key="$1" '{
        if (match($0, "\"" key "\"[ \t]*:[ \t]*\"[^\"]*\"")) {
            value = substr($0, RSTART, RLENGTH)
            sub("^\"" key "\"[ \t]*:[ \t]*\"", "", value)
            sub("\"$", "", value)
            print value
            exit
        }
    }'
}

# Prints the first "summary" object of the one-line JSON on stdin as "total=7 OK=5 HTTP_ERROR=2",
# leaving out the counts that are zero.
json_summary() {
    awk '{
        if (match($0, "\"summary\"[ \t]*:[ \t]*\\{[^}]*\\}")) {
            value = substr($0, RSTART, RLENGTH)
            sub("^\"summary\"[ \t]*:[ \t]*\\{", "", value)
            sub("\\}$", "", value)
            gsub("[\" \t]", "", value)
            gsub(":", "=", value)
            n = split(value, parts, ",")
            line = ""
            for (i = 1; i <= n; i++) {
                # counts of zero are left out, except the total
                if (parts[i] !~ /=0$/ || parts[i] ~ /^total=/) {
                    line = line (line == "" ? "" : " ") parts[i]
                }
            }
            print line
            exit
        }
    }'
}

last_round=$IFMON_DATA_DIR/last-round.json
if [ -f "$last_round" ]; then
    json=$(tr -d '\r\n' <"$last_round")
    started=$(printf '%s\n' "$json" | json_string startedAt)
    finished=$(printf '%s\n' "$json" | json_string finishedAt)
    summary=$(printf '%s\n' "$json" | json_summary)
    echo "last round: started ${started:-unknown}, finished ${finished:-unknown}"
    echo "last round summary: ${summary:-unknown}"
else
    echo "last round: none yet ($last_round not found)"
fi
echo "logs: $IFMON_LOG_DIR/ifmon.log (errors: $IFMON_LOG_DIR/error.log)"
exit "$code"
