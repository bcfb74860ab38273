# Sourced by ./mvnw, ./ifmon and .ci/run: points JAVA_HOME at a JDK 21 or newer, and makes the locale UTF-8.
# Order: JAVA_HOME if it is 21+, then the `java` on PATH, then the usual install folders.
# Where none is found it prints one line saying what to install and exits 1.

ifmon_java_major() {
    # prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

ifmon_find_jdk() {
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(ifmon_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            return 0
        fi
    fi
    if command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(ifmon_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            JAVA_HOME=$candidate
            export JAVA_HOME
            return 0
        fi
    fi
    best=""
    best_major=0
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
        /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$candidate" ] || continue
        major=$(ifmon_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -n "$best" ]; then
        JAVA_HOME=$best
        export JAVA_HOME
        return 0
    fi
    echo "ifmon: no JDK 21 or newer found (JAVA_HOME, PATH and /usr/lib/jvm checked); install one," \
        "e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME to it." >&2
    return 1
}

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

ifmon_find_jdk || exit 1
ifmon_utf8_locale
