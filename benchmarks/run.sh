#!/usr/bin/env bash
# Reproduces every figure of docs/benchmarks.md: Cairn against Flyway and the raw-JDBC floor.
#
#   benchmarks/run.sh            full run (about 15 minutes on 2 cores); writes benchmarks/results/,
#                                docs/benchmarks.svg and the generated tables of docs/benchmarks.md
#   QUICK=1 benchmarks/run.sh    smoke run with small N and 3 runs; writes under benchmarks/target/ only
#
# Other knobs: CONTENDERS=cairn,flyway,raw (subset), SKIP_BUILD=1 (reuse the last build),
# NO_POSTGRES=1 (SQLite only), ONLY=b4 (compile time and footprint only, into benchmarks/target/),
# ONLY=stale (the stale-registry check's cost only, into benchmarks/target/results-stale/),
# ONLY=b1 (the up-to-date start at N=1,000 on SQLite, Cairn against the floor, and the ratio of the
# medians printed: what .ci/run runs; into benchmarks/target/results-b1/), ONLY=mariadb (B3 on a
# throwaway MariaDB server alone, N=1,000; into benchmarks/target/results-mariadb/), NO_MARIADB=1.
# ONLY=b2 (B2 alone on SQLite, N = 100 and 1,000, into benchmarks/target/results-b2/: before/after
# figures of a runtime change). ONLY=b4 also rewrites the B4/B5 section of docs/benchmarks.md between
# its b4 markers (the full run's tables stay as they were). B4_SIZES=1000,10000 sets B4's N (default 1,000).
# ONLY=scripts (issue 18: N = 100 and 1,000 SQL scripts, up to date and applying, on SQLite and, unless
# NO_POSTGRES=1, PostgreSQL: Cairn with and without its stale-registry check, Flyway's SQL migrations
# and the scripts floor; into benchmarks/target/results-scripts/ and, unless QUICK=1, the generated
# section of docs/benchmarks.md between its scripts markers).
# ONLY=fleet (issue 16: 1,000 SQLite files and 200 PostgreSQL schemas x 20 migrations, Fleet against
# a hand-written parallel JDBC loop and one tenant at a time, into benchmarks/target/results-fleet/).
# ONLY=batched (issue 17: backfilling 1,000,000 rows on SQLite and PostgreSQL, Cairn's BatchedMigration
# against a hand-written keyset-batched JDBC loop, batch sizes 1,000 and 10,000; into
# benchmarks/target/results-batched/ and, unless QUICK=1, the batched section of docs/benchmarks.md).
# Needs a JDK 17+, Maven, /usr/bin/time (Debian package "time") and, for B3, PostgreSQL server
# binaries (pg_config --bindir). Must not run as part of the normal build.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/benchmarks"
WORK="$BENCH/target/bench"
QUICK="${QUICK:-0}"
CONTENDERS="${CONTENDERS:-cairn,flyway,raw}"
LIQUIBASE_VERSION="$(sed -n 's:.*<liquibase.version>\(.*\)</liquibase.version>.*:\1:p' "$BENCH/pom.xml")"
MAVEN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

log() { echo "[run.sh $(date -u +%H:%M:%S)] $*"; }

if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is missing: install the Debian package 'time' (apt-get install time)" >&2
  exit 1
fi

# 1. Build every module and copy each module's runtime dependencies next to it: the suite finds
#    the contenders' jars (and the processor's path) there. Never 'install': nothing leaves target/.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the project"
  mvn -B -q package dependency:copy-dependencies -DskipTests -DincludeScope=runtime
fi

# B5 lists what each published artifact brings onto a class path: its dependency tree, optional ones
# marked (CairnArtifacts leaves them out).
if [[ -z "${ONLY:-}" || "${ONLY:-}" == b4 ]]; then
  mvn -B -q dependency:tree -pl annotations,runtime,cli,testing,spring-boot-starter,processor -Dscope=runtime \
    -DoutputFile=target/dependency-tree.txt
fi

PROCESSOR_PATH="$(ls "$ROOT"/processor/target/cairn-processor-*.jar | grep -v -e sources -e javadoc | head -1)"
if [[ -d "$ROOT/processor/target/dependency" ]]; then
  for jar in "$ROOT"/processor/target/dependency/*.jar; do
    [[ -e "$jar" ]] && PROCESSOR_PATH="$PROCESSOR_PATH:$jar"
  done
fi

# 2. Liquibase is only measured for the size table: resolve liquibase-core and its dependencies
#    through a throwaway pom, never as a dependency of the benchmarks module.
LIQUIBASE_DIR="$WORK/footprint/liquibase"
if [[ ! -d "$LIQUIBASE_DIR/jars" && "${ONLY:-}" != b1 && "${ONLY:-}" != batched ]]; then
  log "resolving liquibase-core $LIQUIBASE_VERSION for the size table"
  mkdir -p "$LIQUIBASE_DIR"
  cat > "$LIQUIBASE_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.cairn.bench</groupId><artifactId>liquibase-footprint</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId><version>$LIQUIBASE_VERSION</version></dependency>
  </dependencies>
</project>
POM
  mvn -B -q -f "$LIQUIBASE_DIR/pom.xml" "$MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$LIQUIBASE_DIR/jars"
fi

# 3. A throwaway PostgreSQL cluster on a free loopback port, stopped on exit whatever happens.
PG_ARG=""
if [[ "${NO_POSTGRES:-0}" != 1 && ( -z "${ONLY:-}" || "${ONLY:-}" == fleet || "${ONLY:-}" == batched || "${ONLY:-}" == scripts ) ]] && command -v pg_config > /dev/null; then
  PGBIN="$(pg_config --bindir)"
  PGDIR="$(mktemp -d /tmp/cairn-bench-pg.XXXXXX)"
  PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [[ "$(id -u)" == 0 ]]; then chown postgres "$PGDIR"; fi
  stop_postgres() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$PGDIR"
  }
  trap stop_postgres EXIT
  log "starting PostgreSQL on 127.0.0.1:$PGPORT"
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres > "$PGDIR/initdb.log" 2>&1
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_locks_per_transaction=256" start > /dev/null
  PG_ARG="--postgres=127.0.0.1:$PGPORT"
fi

# 3b. A throwaway MariaDB server (issue 13), the same way the tests start theirs: its own data
#     directory and socket, a free loopback port, never the system's service.
MARIADB_ARG=""
if [[ "${NO_MARIADB:-0}" != 1 && ( -z "${ONLY:-}" || "${ONLY:-}" == mariadb ) ]] \
    && command -v mariadb-install-db > /dev/null && { command -v mariadbd > /dev/null || [[ -x /usr/sbin/mariadbd ]]; }; then
  MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  MDIR="$(mktemp -d /tmp/cairn-bench-mariadb.XXXXXX)"
  MPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_root_user=(); [[ "$(id -u)" == 0 ]] && as_root_user=(--user=root)
  mariadb-install-db --no-defaults --datadir="$MDIR/data" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve "${as_root_user[@]}" > "$MDIR/install.log" 2>&1
  "$MARIADBD" --no-defaults --datadir="$MDIR/data" --port="$MPORT" --bind-address=127.0.0.1 \
    --socket="$MDIR/mariadb.sock" --pid-file="$MDIR/mariadb.pid" --log-error="$MDIR/error.log" \
    --skip-name-resolve --skip-log-bin --max-connections=200 --character-set-server=utf8mb4 \
    "${as_root_user[@]}" > "$MDIR/mariadbd.out" 2>&1 &
  MARIADB_PID=$!
  stop_mariadb() { kill "$MARIADB_PID" 2>/dev/null || true; wait "$MARIADB_PID" 2>/dev/null || true; rm -rf "$MDIR"; }
  if [[ -n "${PG_ARG:-}" ]]; then trap 'stop_postgres; stop_mariadb' EXIT; else trap stop_mariadb EXIT; fi
  for _ in $(seq 1 100); do [[ -S "$MDIR/mariadb.sock" ]] && break; sleep 0.2; done
  log "started MariaDB on 127.0.0.1:$MPORT"
  MARIADB_ARG="--mariadb=127.0.0.1:$MPORT"
fi

# The stale-registry check (issue 12): N scripts read and checksummed per start, directory and jar.
stale_check() {
  mkdir -p "$1"
  java -cp "$BENCH/target/classes:$ROOT/runtime/target/classes" dev.cairn.benchmarks.StaleCheckCost \
    --table "$WORK/stale-check" "$([[ $QUICK == 1 ]] && echo 3 || echo 5)" > "$1/stale-check.md"
  log "stale-registry check: $1/stale-check.md"
}
# Issue 16: a fleet of tenants. FLEET_THREADS (default: the processors), FLEET_RUNS (default 3).
fleet_bench() {
  mkdir -p "$1"
  local cp="$BENCH/target/classes:$ROOT/runtime/target/classes:$BENCH/target/dependency/*"
  local threads="${FLEET_THREADS:-$(nproc)}" runs="${FLEET_RUNS:-$([[ $QUICK == 1 ]] && echo 1 || echo 3)}"
  local sqlite_tenants="$([[ $QUICK == 1 ]] && echo 100 || echo 1000)"
  java -cp "$cp" dev.cairn.benchmarks.FleetBenchmark --sqlite "$WORK/fleet-sqlite" "$sqlite_tenants" 20 \
    "$threads" "$runs" 2> /dev/null > "$1/fleet-sqlite.md"
  log "fleet, SQLite files: $1/fleet-sqlite.md"
  if [[ -n "$PG_ARG" ]]; then
    java -cp "$cp" dev.cairn.benchmarks.FleetBenchmark --postgres "${PG_ARG#--postgres=}" \
      "$([[ $QUICK == 1 ]] && echo 20 || echo 200)" 20 "$threads" "$runs" 2> /dev/null > "$1/fleet-postgres.md"
    log "fleet, PostgreSQL schemas: $1/fleet-postgres.md"
  fi
}

# Issue 17: batched backfills. BATCHED_ROWS (default 1000000), BATCHED_RUNS (default 3), BATCHED_SIZES.
batched_bench() {
  mkdir -p "$1"
  local cp="$BENCH/target/classes:$ROOT/runtime/target/classes:$BENCH/target/dependency/*"
  local rows="${BATCHED_ROWS:-$([[ $QUICK == 1 ]] && echo 100000 || echo 1000000)}"
  local runs="${BATCHED_RUNS:-$([[ $QUICK == 1 ]] && echo 1 || echo 3)}" sizes="${BATCHED_SIZES:-1000,10000}"
  java -cp "$cp" dev.cairn.benchmarks.BatchedBenchmark --sqlite "$WORK/batched-sqlite" "$rows" $((rows / 10)) \
    "$sizes" "$runs" > "$1/batched-sqlite.md" 2> "$1/batched-sqlite.log"
  log "batched, SQLite: $1/batched-sqlite.md"
  if [[ -n "$PG_ARG" ]]; then
    java -cp "$cp" dev.cairn.benchmarks.BatchedBenchmark --postgres "${PG_ARG#--postgres=}" "$rows" $((rows / 10)) \
      "$sizes" "$runs" > "$1/batched-postgres.md" 2> "$1/batched-postgres.log"
    log "batched, PostgreSQL: $1/batched-postgres.md"
  fi
  if [[ "$QUICK" != 1 ]]; then
    java -cp "$cp" dev.cairn.benchmarks.BatchedBenchmark --doc "$ROOT/docs/benchmarks.md" \
      "$1/batched-sqlite.md" "$1/batched-postgres.md"
    log "batched: the generated section of docs/benchmarks.md"
  fi
}

if [[ "${ONLY:-}" == batched ]]; then
  batched_bench "$BENCH/target/results-batched"
  exit 0
fi

if [[ "${ONLY:-}" == fleet ]]; then
  fleet_bench "$BENCH/target/results-fleet"
  exit 0
fi

if [[ "${ONLY:-}" == stale ]]; then
  stale_check "$BENCH/target/results-stale"
  exit 0
fi

# 4. Run the suite. A smoke run never overwrites the published results.
ONLY_ARG=""
if [[ -n "${ONLY:-}" ]]; then
  ONLY_ARG="--only=$ONLY"
  RESULTS="$BENCH/target/results-$ONLY"
  PLOT="$RESULTS/benchmarks.svg"
  DOC_ARG=""
  if [[ ( "$ONLY" == scripts || "$ONLY" == b4 ) && "$QUICK" != 1 ]]; then
    DOC_ARG="--doc=$ROOT/docs/benchmarks.md"
  fi
elif [[ "$QUICK" == 1 ]]; then
  RESULTS="$BENCH/target/results-quick"
  PLOT="$BENCH/target/results-quick/benchmarks.svg"
  DOC_ARG=""
else
  RESULTS="$BENCH/results"
  PLOT="$ROOT/docs/benchmarks.svg"
  DOC_ARG="--doc=$ROOT/docs/benchmarks.md"
fi
log "running the suite (QUICK=$QUICK, contenders $CONTENDERS)"
java -cp "$BENCH/target/classes:$BENCH/target/dependency/*" dev.cairn.benchmarks.BenchmarkSuite \
  --work="$WORK" --results="$RESULTS" --plot="$PLOT" --deps="$BENCH/target/dependency" \
  --processor-path="$PROCESSOR_PATH" --cairn-runtime-deps="$ROOT/runtime/target/dependency" \
  --liquibase-deps="$LIQUIBASE_DIR/jars" --contenders="$CONTENDERS" --quick="$([[ $QUICK == 1 ]] && echo true || echo false)" \
  ${B4_SIZES:+--compile-sizes=$B4_SIZES} $PG_ARG $MARIADB_ARG $DOC_ARG $ONLY_ARG
if [[ -z "${ONLY:-}" ]]; then
  stale_check "$RESULTS"
fi
log "done: $RESULTS/results.md"
