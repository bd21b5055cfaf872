#!/usr/bin/env bash
# Builds the benchmarks and runs the Vectorgrad benchmark suite, then writes a report.
#
#   ./bench/run.sh [--full] [--out DIR] [--only REGEX] [--list] [--python EXE | --no-pytorch]
#
# quick (default): a chosen subset, about 10 minutes on 2 cores; --full: every case (hours).
# Both end with the op sweep, then (when `/usr/bin/python3 -c 'import torch'` works; --python EXE
# names another interpreter, --no-pytorch skips it) the same cases in PyTorch and numpy's matmul
# (bench/python/sweep.py), then the programs whole in fresh JVMs and Pythons (bench/python/*.py).
# DIR (default bench-results/<timestamp>) receives report.md, speedups.svg, results.json (JMH),
# pytorch.json, programs.json, machine.properties and jmh.log. Compare two runs, or rewrite a
# report from its JSON:
#   ./bench/run.sh compare A/results.json B/results.json
#   ./bench/run.sh report --json DIR/results.json --out DIR
# Needs mvn and a JDK 25 or newer: $VECTORGRAD_JAVA_HOME, $JAVA_HOME, or one under /usr/lib/jvm
# (and the other places the build's toolchain plugin looks). Extra JVM flags for the benchmark
# JVMs go in $BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS=-Dvectorgrad.threads=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

java_major() {   # prints the feature version of the JDK at $1, or nothing
    local release="$1/release"
    [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk() {
    local candidates=() best="" best_major=0 dir major
    [ -n "${VECTORGRAD_JAVA_HOME:-}" ] && candidates+=("$VECTORGRAD_JAVA_HOME")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
               "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$dir" ] && candidates+=("$dir")
    done
    for dir in "${candidates[@]}"; do
        major="$(java_major "$dir")"
        if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
            best="$dir"; best_major="$major"
        fi
    done
    [ -n "$best" ] || { echo "run.sh: no JDK 25 or newer found; set VECTORGRAD_JAVA_HOME" >&2; exit 1; }
    echo "$best"
}

jdk="$(find_jdk)"
echo "Building the benchmarks (mvn -q -pl bench -am package -DskipTests) ..."
mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests
cp="$(ls bench/target/bench-*.jar | head -n 1):bench/target/lib/*"
# A fixed, pre-touched heap: a growing heap maps fresh pages under the benchmark, and a case that
# allocates 256 KiB a call then ran 2-8x slower in some iterations than in others (page faults,
# no GC), which moved sweep cases by up to 5x between runs. JMH's forks inherit these flags; the
# programs in fresh JVMs do not (Programs drops them: they run as users start them).
heap=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch)
java=("$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow "${heap[@]}" ${BENCH_JAVA_OPTS:-})

if [ "${1:-}" = compare ] || [ "${1:-}" = report ]; then
    exec "${java[@]}" -cp "$cp" org.vectorgrad.bench.report.Report "$@"
fi
source="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
echo "Running with $("$jdk/bin/java" -version 2>&1 | head -n 1) from $jdk"
exec "${java[@]}" -cp "$cp" org.vectorgrad.bench.Suite --source "git $source" "$@"
