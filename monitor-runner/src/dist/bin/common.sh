# shellcheck shell=sh disable=SC2034
# (SC2034: the variables set here are used by the scripts that source this file.)
# Sourced by the ifmon scripts after they set IFMON_HOME. Locations, Java discovery, pid handling. POSIX sh.
#
# Environment (all optional):
#   IFMON_CONFIG    config file           default: $IFMON_HOME/config/config.yaml
#   IFMON_DATA_DIR  data folder           default: $IFMON_HOME/data   (lock, pid, last-round.json, state)
#   IFMON_LOG_DIR   log folder            default: $IFMON_HOME/logs
#   JAVA_HOME       a Java 21+ to use; otherwise the java on PATH, then /usr/lib/jvm and other usual folders

# IFMON_DATA_DIR_GIVEN: the data folder the user set, if any. Only then does bin/ifmon pass it to the runner,
# which otherwise takes monitor.data_dir from config, or <home>/data. Set IFMON_DATA_DIR when config moves the
# data folder, so that these scripts find the pid file and last-round.json there too.
IFMON_DATA_DIR_GIVEN=${IFMON_DATA_DIR:-}
IFMON_CONFIG=${IFMON_CONFIG:-$IFMON_HOME/config/config.yaml}
IFMON_DATA_DIR=${IFMON_DATA_DIR:-$IFMON_HOME/data}
IFMON_LOG_DIR=${IFMON_LOG_DIR:-$IFMON_HOME/logs}
IFMON_PID_FILE=$IFMON_DATA_DIR/ifmon.pid

# Java decodes file names and command-line arguments with the locale's charset (sun.jnu.encoding), which
# no -D flag changes. Under the C or POSIX locale (cron, systemd, `env -i`) Chinese folder names would turn
# into '?'. When the locale in effect is not UTF-8, use C.UTF-8, which every current glibc has built in.
ifmon_utf8_locale() {
    case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
        *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
        *)
            LC_ALL=C.UTF-8
            export LC_ALL
            ;;
    esac
}

# Prints the feature version (17, 21, 25...) of the java binary $1, or nothing.
ifmon_java_major() {
    [ -x "$1" ] || return 0
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

# Sets IFMON_JAVA to a java 21+: JAVA_HOME if 21+, else java on PATH, else the newest in the usual folders.
# Prints one line saying what to install and returns 1 when there is none.
ifmon_find_java() {
    if [ -n "${JAVA_HOME:-}" ] && ifmon_java_ok "$JAVA_HOME/bin/java"; then
        IFMON_JAVA=$JAVA_HOME/bin/java
        return 0
    fi
    if command -v java >/dev/null 2>&1 && ifmon_java_ok "$(command -v java)"; then
        IFMON_JAVA=$(command -v java)
        return 0
    fi
    best=""
    best_major=0
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/ifmon-jdk*; do
        [ -x "$candidate/bin/java" ] || continue
        major=$(ifmon_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate/bin/java
            best_major=$major
        fi
    done
    if [ -n "$best" ]; then
        IFMON_JAVA=$best
        return 0
    fi
    echo "ifmon: no Java 21 or newer found (JAVA_HOME, PATH and /usr/lib/jvm checked); install one, e.g." \
        "'apt-get install openjdk-21-jre-headless', or set JAVA_HOME to a Java 21+." >&2
    return 1
}

ifmon_java_ok() {
    major=$(ifmon_java_major "$1")
    [ -n "$major" ] && [ "$major" -ge 21 ]
}

# Prints the pid of the runner of this installation and returns 0 when it is running; returns 1 otherwise.
# A pid whose command line does not belong to this installation (a reused pid) does not count.
ifmon_running_pid() {
    [ -f "$IFMON_PID_FILE" ] || return 1
    pid=$(head -n 1 "$IFMON_PID_FILE" | tr -cd '0-9')
    [ -n "$pid" ] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\000' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Difmon.home=$IFMON_HOME" || return 1
    fi
    echo "$pid"
}

# Prints the version of the distribution in folder $1, read from its monitor-runner jar.
ifmon_version() {
    version=unknown
    for jar in "$1"/lib/monitor-runner-*.jar; do
        [ -f "$jar" ] || continue
        version=${jar##*/monitor-runner-}
        version=${version%.jar}
    done
    echo "$version"
}
