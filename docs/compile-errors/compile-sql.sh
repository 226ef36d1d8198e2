#!/bin/sh
# Compiles the deliberately broken SQL migrations in sql/ with javac and the Cairn processor, to
# show (and refresh) the compiler output quoted in docs/sql-migrations.md. Run from
# anywhere after 'mvn -B -q package -DskipTests' at the repository root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=0.1.0-SNAPSHOT
annotations=$root/annotations/target/cairn-annotations-$version.jar
runtime=$root/runtime/target/cairn-runtime-$version.jar
processor=$root/processor/target/cairn-processor-$version.jar
javapoet=$(find "${HOME}/.m2/repository/com/squareup/javapoet" -name 'javapoet-*.jar' | sort | tail -n 1)
sqlite=$(find "${HOME}/.m2/repository/org/xerial/sqlite-jdbc" -name 'sqlite-jdbc-*.jar' | sort -V | tail -n 1)
out=$(mktemp -d)
cd "$here/sql"
# Expected to fail. The scripts are found through -Acairn.resourceDirs, as in a Gradle build.
javac -d "$out" -cp "$annotations:$runtime" -processorpath "$processor:$javapoet:$annotations:$runtime:$sqlite" \
    -Acairn.resourceDirs=resources $(find src -name '*.java') || true
rm -rf "$out"
cd "$here/sql-verify"
out=$(mktemp -d)
# Expected to fail: V2 refers to a column that does not exist; V4 comes after a Java migration.
javac -d "$out" -cp "$annotations:$runtime" -processorpath "$processor:$javapoet:$annotations:$runtime:$sqlite" \
    -Acairn.resourceDirs=resources -Acairn.verify=sqlite $(find src -name '*.java') || true
rm -rf "$out"
