#!/usr/bin/env bash
# The cluster test (issue 13): the jar as provincial platforms run it. Builds (once, cached in
# .cache/cluster/) the Spark 4.1.3, 4.2.0 and 3.5.9 distributions from Maven Central, starts HDFS, and
# runs the cluster tests (mvn -Pcluster-it -pl jobs verify: jobs/src/test/java/.../cluster/), which
# start a standalone Master and Worker of each version in turn and spark-submit the jar:
#   Spark 4.1.3: nightly, backfill and validate in client and cluster deploy mode, each equal to the
#                local-mode run; a missing column: exit 4 (client), a FAILED driver (cluster);
#   Spark 4.2.0: nightly in cluster deploy mode, the same jar;
#   Spark 3.5.9: nightly in cluster deploy mode, the jar of mvn -Pspark-3.5;
# and that every socket of every process of the cluster listened on 127.0.0.1 only. Everything is
# stopped at the end, whatever happens. Prints the time of each part.
#
#   cluster/integration-test.sh          (needs the jars: mvn -B package; mvn -B -Pspark-3.5 -pl jobs package)
#
# Logs: .cache/cluster/logs/ (HDFS, Master, Worker), .cache/cluster/run/work-VERSION/ (every driver's
# and executor's stdout and stderr), jobs/target/failsafe-reports/ (the tests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[cluster-test] %s\n' "$*" >&2; }
started=$SECONDS
part_started=$SECONDS
part() { log "$1: $((SECONDS - part_started)) s"; part_started=$SECONDS; }

trap 'status=$?; cluster/cluster.sh stop || true; log "total: $((SECONDS - started)) s"; exit $status' EXIT

[[ -f jobs/target/governance-metrics.jar ]] \
  || { log "jobs/target/governance-metrics.jar is missing: mvn -B package"; exit 1; }
[[ -f jobs/target/spark-3.5/governance-metrics-spark-3.5.jar ]] \
  || { log "jobs/target/spark-3.5/governance-metrics-spark-3.5.jar is missing: mvn -B -Pspark-3.5 -pl jobs package"; exit 1; }

for version in 4.1.3 4.2.0 3.5.9; do
  cluster/cluster.sh dist "$version"
  part "Spark $version distribution"
done

cluster/cluster.sh stop   # nothing left over from an interrupted run
cluster/cluster.sh start-hdfs
part "HDFS start"

rc=0
mvn -B -Pcluster-it -pl jobs verify || rc=$?
part "cluster tests (mvn -Pcluster-it)"
# each run and its time (the tests' output: jobs/target/failsafe-reports/*ClusterIT-output.txt)
grep -h '^\[cluster-it\]' jobs/target/failsafe-reports/*ClusterIT-output.txt 2>/dev/null \
  | cut -c1-400 >&2 || true
exit $rc
