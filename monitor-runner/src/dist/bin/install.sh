#!/bin/sh
# Installs ifmon: checks for a Java 21+, creates the folders, copies the config and catalog templates
# without overwriting existing ones.
#
#   bin/install.sh            prepare this unpacked distribution folder in place
#   bin/install.sh TARGET     install into TARGET (program files replaced; config, catalog, data kept)
#
# Exit code: 0 installed; 1 no Java 21+ or a copy failed; 2 usage error.
# shellcheck source-path=SCRIPTDIR
set -eu

IFMON_HOME=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
# shellcheck source=common.sh
. "$IFMON_HOME/bin/common.sh"

if [ $# -gt 1 ]; then
    echo "usage: bin/install.sh [TARGET]" >&2
    exit 2
fi

ifmon_find_java || exit 1
echo "Java: $IFMON_JAVA (Java $(ifmon_java_major "$IFMON_JAVA"))"

target=${1:-$IFMON_HOME}
mkdir -p "$target"
target=$(CDPATH='' cd -- "$target" && pwd -P)

for folder in bin lib config Interface-pool plugins logs data; do
    mkdir -p "$target/$folder"
done

# Copies every file of folder $1 into folder $2 unless it is already there.
copy_missing() {
    (cd "$1" && find . -type f) | while IFS= read -r file; do
        if [ -e "$2/$file" ]; then
            echo "  kept     $2/${file#./}"
        else
            mkdir -p "$(dirname -- "$2/$file")"
            cp -p "$1/$file" "$2/$file"
            echo "  created  $2/${file#./}"
        fi
    done
}

if [ "$target" != "$IFMON_HOME" ]; then
    echo "Installing ifmon $(ifmon_version "$IFMON_HOME") into $target"
    rm -rf "${target:?}/lib"
    cp -R "$IFMON_HOME/lib" "$target/lib"
    cp -p "$IFMON_HOME/bin/"* "$target/bin/"
    copy_missing "$IFMON_HOME/config" "$target/config"
    copy_missing "$IFMON_HOME/plugins" "$target/plugins"
    if [ -z "$(ls -A "$target/Interface-pool")" ]; then
        copy_missing "$IFMON_HOME/Interface-pool" "$target/Interface-pool"
    else
        echo "  kept     $target/Interface-pool (not empty: the sample catalog was not copied)"
    fi
else
    echo "Preparing ifmon $(ifmon_version "$IFMON_HOME") in $target"
fi
chmod 755 "$target/bin/ifmon" "$target/bin/"*.sh

echo "Done. Next:"
echo "  1. edit $target/config/config.yaml (services, wechat.webhook_url) and the docs in $target/Interface-pool"
echo "  2. $target/bin/ifmon validate --config $target/config/config.yaml"
echo "  3. $target/bin/start.sh, then $target/bin/status.sh"
