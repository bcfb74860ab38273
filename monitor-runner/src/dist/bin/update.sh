#!/bin/sh
# Installs a newer ifmon over this one: replaces bin/ and lib/, keeps config/, Interface-pool/, plugins/,
# data/ and logs/. Then runs "bin/ifmon validate" with the new version on the current config and rolls back
# to the old version if it fails. Restarts the runner only if it was running.
#
#   bin/update.sh ifmon-<version>.tar.gz | ifmon-<version>.zip | FOLDER-OF-AN-UNPACKED-DISTRIBUTION
#   bin/update.sh SOURCE-CHECKOUT      (a folder with mvnw and monitor-runner/: built first, tests skipped)
#
# Your own JVM flags belong in IFMON_JAVA_OPTS: bin/jvm.options is replaced (the old one is kept as
# bin/jvm.options.previous when it differs).
# Exit code: 0 updated; 1 nothing changed (bad archive, unpack failed, could not stop the runner);
# 2 usage error; 4 the new version failed validation or could not be installed, and the old one was restored.
# shellcheck source-path=SCRIPTDIR
set -eu

IFMON_HOME=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
# shellcheck source=common.sh
. "$IFMON_HOME/bin/common.sh"

if [ $# -ne 1 ]; then
    echo "usage: bin/update.sh ifmon-<version>.tar.gz | .zip | unpacked-distribution-folder | source-checkout" >&2
    exit 2
fi
source=$1
staging=$IFMON_HOME/.update-new
backup=$IFMON_HOME/.update-previous
rm -rf "$staging" "$backup"
mkdir -p "$staging"

case "$source" in
    *.tar.gz | *.tgz)
        tar -xzf "$source" -C "$staging" || { echo "ifmon: cannot unpack $source; nothing changed" >&2; exit 1; } ;;
    *.zip)
        command -v unzip >/dev/null 2>&1 || { echo "ifmon: unzip is not installed; use the .tar.gz" >&2; exit 1; }
        unzip -q "$source" -d "$staging" || { echo "ifmon: cannot unpack $source; nothing changed" >&2; exit 1; } ;;
    *)
        if [ ! -d "$source" ]; then
            echo "ifmon: $source is neither a .tar.gz, a .zip nor a folder; nothing changed" >&2
            exit 2
        fi
        if [ -x "$source/mvnw" ] && [ -f "$source/monitor-runner/pom.xml" ]; then
            echo "Building the distribution from the checkout $source (needs a JDK 21+)"
            if ! (cd "$source" && ./mvnw -q -pl monitor-runner -am package -DskipTests); then
                rm -rf "$staging"
                echo "ifmon: building $source failed; nothing changed" >&2
                exit 1
            fi
            for archive in "$source"/monitor-runner/target/ifmon-*.tar.gz; do
                tar -xzf "$archive" -C "$staging"
            done
        else
            cp -R "$source/." "$staging/"
        fi ;;
esac

new=""
if [ -f "$staging/bin/ifmon" ]; then
    new=$staging
else
    for folder in "$staging"/*/; do
        if [ -f "${folder}bin/ifmon" ]; then
            new=${folder%/}
        fi
    done
fi
if [ -z "$new" ] || ! ls "$new"/lib/*.jar >/dev/null 2>&1; then
    rm -rf "$staging"
    echo "ifmon: $source holds no ifmon distribution (bin/ifmon and lib/*.jar); nothing changed" >&2
    exit 1
fi
old_version=$(ifmon_version "$IFMON_HOME")
new_version=$(ifmon_version "$new")
echo "Updating ifmon $old_version -> $new_version in $IFMON_HOME"

was_running=no
if pid=$(ifmon_running_pid); then
    was_running=yes
    echo "Stopping the running ifmon (pid $pid)"
    stop_code=0
    "$IFMON_HOME/bin/stop.sh" || stop_code=$?
    if [ "$stop_code" -ne 0 ] && [ "$stop_code" -ne 3 ]; then
        rm -rf "$staging"
        echo "ifmon: could not stop the runner; nothing changed" >&2
        exit 1
    fi
fi

# Moving (not overwriting) keeps this running script's file intact while the new one is copied in.
mkdir -p "$backup"
mv "$IFMON_HOME/bin" "$IFMON_HOME/lib" "$backup/"

restore() {
    rm -rf "${IFMON_HOME:?}/bin" "${IFMON_HOME:?}/lib"
    mv "$backup/bin" "$backup/lib" "$IFMON_HOME/"
    rm -rf "$backup" "$staging"
    echo "Rolled back to ifmon $old_version." >&2
    if [ "$was_running" = yes ]; then
        "$IFMON_HOME/bin/start.sh" || echo "ifmon: the old version did not start again; see logs/" >&2
    fi
    exit 4
}

if ! cp -R "$new/bin" "$new/lib" "$IFMON_HOME/"; then
    echo "ifmon: copying the new version failed" >&2
    restore
fi
chmod 755 "$IFMON_HOME/bin/ifmon" "$IFMON_HOME/bin/"*.sh
if ! cmp -s "$backup/bin/jvm.options" "$IFMON_HOME/bin/jvm.options"; then
    cp -p "$backup/bin/jvm.options" "$IFMON_HOME/bin/jvm.options.previous"
    echo "Note: bin/jvm.options changed; your previous one is bin/jvm.options.previous" \
        "(put your own flags in IFMON_JAVA_OPTS)"
fi
for folder in config Interface-pool plugins logs data; do
    mkdir -p "$IFMON_HOME/$folder"
done

mkdir -p "$IFMON_LOG_DIR"
validation=$IFMON_LOG_DIR/update-validate.out
echo "Validating $IFMON_CONFIG with ifmon $new_version"
if ! "$IFMON_HOME/bin/ifmon" validate --config "$IFMON_CONFIG" >"$validation" 2>&1; then
    echo "ifmon $new_version rejected the current configuration; its output ($validation):" >&2
    tail -n 20 "$validation" >&2
    restore
fi

rm -rf "$backup" "$staging"
echo "Updated to ifmon $new_version; config, Interface-pool, plugins and data were kept."
if [ "$was_running" = yes ]; then
    "$IFMON_HOME/bin/start.sh"
fi
