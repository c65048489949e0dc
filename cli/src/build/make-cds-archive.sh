#!/usr/bin/env bash
# Builds target/btsnap.jsa, an AppCDS archive of the classes a btsnap command loads, and
# extracts lmdbjava's native library to target/native/, so that the launcher starts the JVM
# without parsing ~2000 classes from the jar or extracting a .so to /tmp on every run.
# A static archive from a class list is used because a dynamic one (-XX:ArchiveClassesAtExit)
# skips picocli's classes, compiled for an old class-file version.
# Never fails the build: without the archive the launcher just starts slower.
set -uo pipefail
target="$(cd "$1" && pwd)"
# Training goes through the launcher, so that the classes listed are those its flags make the JVM
# load (jnr-ffi's reflective binder, the extracted native libraries); it skips a missing archive.
launcher="$2"
# A real S3 API server's jar (S3Proxy) to train the remote commands on; without it they start
# unarchived.
s3proxy_jar="${3:-}"
jar="$target/btsnap.jar"
jsa="$target/btsnap.jsa"
# The remote commands' own archive: with the SDK's classes in it, the capture archive grew to
# twice the size and captures started ~10% slower.
remote_jsa="$target/btsnap-remote.jsa"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The default collector, G1: only with it does the JDK 17 archive hold heap objects, among them
# the module graph, which the launcher's JVM then maps instead of building (~10 ms).
flags=(-XX:TieredStopAtLevel=1)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$jsa" "$remote_jsa"
# Beside the jar, where the launcher looks for it; before training, which runs the launcher.
cp "$(dirname "${BASH_SOURCE[0]}")/capture.security" "$target/capture.security" 2>/dev/null || true

mkdir -p "$target/native"
(cd "$target/native" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$jar" org/lmdbjava/x86_64-linux-gnu.so 2>/dev/null \
  && mv org/lmdbjava/x86_64-linux-gnu.so liblmdb-x86_64-linux-gnu.so && rm -rf org) || true
# jnr-ffi's stub, which jffi otherwise copies to a temp file and re-reads on every start.
(cd "$target/native" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$jar" jni/x86_64-Linux/ 2>/dev/null \
  && mv jni/x86_64-Linux/libjffi-*.so . && rm -rf jni) || true

# A small project to train on: a script importing a package, and a strategy.yaml project.
mkdir -p "$work/proj/pkg" "$work/listed"
printf 'import pkg.mod\nfrom pkg import other\n' > "$work/proj/main.py"
printf '' > "$work/proj/pkg/__init__.py"
printf 'X = 1\n' > "$work/proj/pkg/mod.py"
printf 'Y = 2\n' > "$work/proj/pkg/other.py"
printf 'files:\n  - a.py\n  - "*.json"\n' > "$work/listed/strategy.yaml"
printf 'a = 1\n' > "$work/listed/a.py"
printf '{}\n' > "$work/listed/p.json"

n=0
lists="$work"
train() {
  n=$((n + 1))
  BTSNAP_JAVA_OPTS="-XX:DumpLoadedClassList=$lists/$n.lst" "$launcher" --store "$work/store" "$@" \
    >/dev/null 2>&1 || true
}
train capture "$work/proj/main.py" --mode imports -p a=1 -l k=v
train capture "$work/proj/main.py" --mode imports -p a=2 --json
printf 'X = 3\n' > "$work/proj/pkg/mod.py"
train capture "$work/proj/main.py" --mode imports --explain
train capture "$work/listed/a.py" --dry-run --explain
train capture "$work/proj/main.py"
train ls
train ls --json
train show latest --json
train show latest
train cat latest main.py
train diff latest latest --patch
train store du --runs
train store verify
train store gc --keep-last 3 --dry-run
train export latest -o "$work/x.tar.gz"
train --help
train capture /nonexistent.py
# A capture the warm service takes: the command forwards it and loads no index.
"$launcher" --store "$work/store" serve --idle 1m >/dev/null 2>&1 &
for _ in $(seq 50); do "$launcher" --store "$work/store" serve --status >/dev/null 2>&1 && break; sleep 0.1; done
train capture "$work/proj/main.py" --mode imports -p a=3
train capture "$work/proj/main.py" --mode imports -p a=4 --json
"$launcher" --store "$work/store" serve --stop >/dev/null 2>&1 || true

# The remote commands load the AWS SDK (~1700 classes): trained against a real server, they
# start in about half the time. The server's own JVM is not traced.
if [[ -f "$s3proxy_jar" ]]; then
  mkdir -p "$work/remote"
  (
    S3PROXY_JAR="$s3proxy_jar"
    # shellcheck source=../../../scripts/lib/s3proxy.bash
    source "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib/s3proxy.bash"
    start_s3proxy "$work" train > /dev/null 2>&1
    trap 'kill "$s3_pid" 2>/dev/null' EXIT
    lists="$work/remote"
    # Both kinds of remote: an encrypted one (the default, its cryptography archived too) and a
    # plain one. The passphrase is the training's own, in a throw-away bucket.
    export BTSNAP_REMOTE_PASSWORD=training-only
    train remote add shared s3://train/x --endpoint "$s3_endpoint" --path-style
    train remote add plain s3://train/y --endpoint "$s3_endpoint" --path-style --no-encryption
    train push --all --to shared
    train push --all --to plain
    train capture "$work/proj/main.py" --mode imports -p a=9 --push shared
    train ls --remote shared
    train remote ls
    BTSNAP_JAVA_OPTS="-XX:DumpLoadedClassList=$work/remote/pull.lst" "$launcher" --store "$work/other" remote add shared \
      s3://train/x --endpoint "$s3_endpoint" --path-style > /dev/null 2>&1 || true
    BTSNAP_JAVA_OPTS="-XX:DumpLoadedClassList=$work/remote/pull2.lst" "$launcher" --store "$work/other" pull --all > /dev/null 2>&1 || true
    train remote verify shared --read-data
    train remote gc shared --dry-run
    kill "$s3_pid" 2>/dev/null
    trap - EXIT
  )
fi

# The man page, from the same model as --help.
"$java_bin" -cp "$jar" io.btsnap.cli.ManPage > "$target/btsnap.1" 2>/dev/null || rm -f "$target/btsnap.1"

dump() { # ARCHIVE LISTS...
  local archive="$1"
  shift
  sort -u "$@" > "$work/classes.lst"
  if "$java_bin" "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
      -XX:SharedArchiveFile="$archive" -cp "$jar" >"$work/dump.log" 2>&1; then
    echo "btsnap: CDS archive $archive ($(wc -l < "$work/classes.lst") classes listed)"
  else
    echo "btsnap: no CDS archive $archive (the JVM refused to dump one); the launcher starts without it"
    rm -f "$archive"
  fi
}
dump "$jsa" "$work"/*.lst
if compgen -G "$work/remote/*.lst" > /dev/null; then
  dump "$remote_jsa" "$work"/*.lst "$work"/remote/*.lst
fi
exit 0
