#!/bin/sh
# Compiles the deliberately broken migrations in src/ with javac and the Cairn processor, to show
# (and refresh) the compiler output quoted in the README. Run from anywhere after
# 'mvn -B -q package -DskipTests' (or install) at the repository root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=0.1.0-SNAPSHOT
annotations=$root/annotations/target/cairn-annotations-$version.jar
runtime=$root/runtime/target/cairn-runtime-$version.jar
processor=$root/processor/target/cairn-processor-$version.jar
javapoet=$(find "${HOME}/.m2/repository/com/squareup/javapoet" -name 'javapoet-*.jar' | sort | tail -n 1)
out=$(mktemp -d)
cd "$here"
# Expected to fail: exit status 1 with five errors.
javac -d "$out" -cp "$annotations:$runtime" -processorpath "$processor:$javapoet:$annotations:$runtime" \
    src/com/example/db/*.java || true
rm -rf "$out"
