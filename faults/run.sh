#!/usr/bin/env bash
#
# The fault harness in one command: build, start a RabbitMQ node of the run's own (so that it may be
# restarted), run social.faults.FaultRun (the stack from the packaged jars on its own database,
# virtual host and ports; clients recording a history; the nemesis cycling faults; healing,
# quiescence, the checker) and stop the node again. Results: faults/results/<stamp>-<fault>/
# {verdict.txt,verdict.json,history.jsonl,logs/}. Exit 0 when the verdict is valid.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FAULTS="$ROOT/faults"
FAULT=all
DURATION=""
ARGS=()
OWN_BROKER=1
BUILD=1

usage() {
    cat <<USAGE
Usage: faults/run.sh [--fault NAME[,NAME..]|all] [--duration S] [options]

  --fault F        one kind, a comma-separated list, or all (every kind in turn)     [all]
                   kill, pause, broker-connections, broker-restart, db-sessions, db-refuse,
                   latency, blackhole, second-instance (each a faulty period, then healed);
                   auth-cold-start, topology (how the stack starts)
  --duration S     seconds of faults; every kind is injected at least once          [0: once each]
  --faulty S       seconds each fault lasts                                         [10]
  --healthy S      seconds of health after each fault                               [10]
  --clients N      client threads, each a user of its own                           [8]
  --seed N         the nemesis's and clients' random seed                           [the clock]
  --out DIR        where the verdict, the history and the logs go  [faults/results/<stamp>-<fault>]
  --shared-broker  use the RabbitMQ on TEST_RABBIT_HOST/PORT or 127.0.0.1:5672 (its own virtual
                   host) instead of a node of the run's own; broker-restart is then skipped
  --no-build       use the jars already built

Needs: a JDK 17+, Postgres (TEST_DB_* or 127.0.0.1:5432, as for ./mvnw verify; the run works in a
database of its own and drops it), rabbitmq-server and rabbitmqctl on PATH (for the run's own node).
USAGE
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --fault) FAULT="$2"; ARGS+=(--fault "$2"); shift 2 ;;
        --duration) DURATION="$2"; ARGS+=(--duration "$2"); shift 2 ;;
        --faulty|--healthy|--clients|--seed|--out) ARGS+=("$1" "$2"); shift 2 ;;
        --shared-broker) OWN_BROKER=0; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; echo "unknown option $1" >&2; exit 2 ;;
    esac
done
: "$FAULT" "$DURATION"

info() { printf '[faults] %s\n' "$*"; }

if (( BUILD )); then
    info "building the services and the harness (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
        -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test) >/dev/null
fi
[[ -f "$FAULTS/target/cp.txt" ]] || { echo "not built: run without --no-build" >&2; exit 2; }
CP="$FAULTS/target/test-classes:$(cat "$FAULTS/target/cp.txt")"

NODE_DIR=""
stop_node() {
    if [[ -n "$NODE_DIR" ]]; then
        info "stopping the run's RabbitMQ node"
        rabbitmqctl -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
        rm -rf "$NODE_DIR"
    fi
}
trap stop_node EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if (( OWN_BROKER )); then
    command -v rabbitmq-server >/dev/null || { echo "no rabbitmq-server on PATH: use --shared-broker" >&2; exit 2; }
    NODE_DIR="$(mktemp -d /tmp/faults-rabbit.XXXXXX)"
    AMQP_PORT="$(free_port)"
    export RABBITMQ_NODENAME="faults$$@localhost"
    export RABBITMQ_DIST_PORT="$(free_port)"
    export RABBITMQ_MNESIA_BASE="$NODE_DIR/mnesia" RABBITMQ_LOG_BASE="$NODE_DIR/log"
    export RABBITMQ_PID_FILE="$NODE_DIR/pid" RABBITMQ_CONFIG_FILE="$NODE_DIR/rabbitmq.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$NODE_DIR/enabled_plugins"
    echo "[]." >"$NODE_DIR/enabled_plugins"
    printf 'listeners.tcp.local = 127.0.0.1:%s\n' "$AMQP_PORT" >"$NODE_DIR/rabbitmq.conf"
    # the server drops to the rabbitmq user when started as root: it must own its directory
    if [[ "$(id -u)" == 0 ]] && id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$NODE_DIR"; fi
    info "starting the run's RabbitMQ node $RABBITMQ_NODENAME on 127.0.0.1:$AMQP_PORT"
    rabbitmq-server -detached
    for _ in $(seq 1 60); do
        rabbitmqctl -n "$RABBITMQ_NODENAME" await_startup --timeout 5 >/dev/null 2>&1 && break
        sleep 1
    done
    rabbitmqctl -n "$RABBITMQ_NODENAME" await_startup --timeout 5 >/dev/null \
        || { echo "the run's RabbitMQ node did not start; see $NODE_DIR/log" >&2; exit 2; }
    export TEST_RABBIT_HOST=127.0.0.1 TEST_RABBIT_PORT="$AMQP_PORT" TEST_RABBIT_USER=guest TEST_RABBIT_PASSWORD=guest
    export TEST_RABBITMQCTL="rabbitmqctl -n $RABBITMQ_NODENAME" FAULTS_OWN_BROKER=true
fi

mkdir -p "$FAULTS/results"
cd "$FAULTS"
set +e
java -Xmx1g -cp "$CP" social.faults.FaultRun "${ARGS[@]}"
status=$?
set -e
exit "$status"
