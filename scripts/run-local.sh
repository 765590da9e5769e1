#!/usr/bin/env bash
#
# Runs the seven services as plain local JVMs against a local Postgres and RabbitMQ,
# for development and demos without Docker. See usage() below.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/.run}"   # git-ignored: pid files, logs and generated passwords live here
LOG_DIR="$RUN_DIR/logs"

# Start order: the gateway last, because it is the only thing a user talks to and it
# needs the others (over RabbitMQ) to answer anything useful.
SERVICES=(auth-service user-service post-service followers-service like-service notification-service api-gateway)

# Connection settings: the same env vars (and the same defaults) the services read, so
# the pre-flight checks probe exactly what the JVMs will connect to. Exported so that the
# JVMs inherit them unchanged.
export DB_HOST="${DB_HOST:-localhost}"
export DB_PORT="${DB_PORT:-5432}"
export DB_NAME="${DB_NAME:-social}"
# The admin only creates the database and the service roles; no service connects as it. Without
# DB_ADMIN_PASSWORD it is reached without a password where the platform allows it (see connect_db_admin):
# a server that lets it in over TCP, else peer authentication over the Unix socket as the OS user of the
# same name (sudo -u postgres; Homebrew's superuser is the user who installed it).
if [[ -z "${DB_ADMIN_USER:-}" && "$(uname -s)" == Darwin ]]; then DB_ADMIN_USER="$(id -un)"; fi
DB_ADMIN_USER="${DB_ADMIN_USER:-postgres}"
DB_ADMIN_PASSWORD="${DB_ADMIN_PASSWORD:-}"
unset DB_USER DB_PASSWORD    # each service gets its own role (see launch)
DB_ADMIN_VIA=""              # how psql reaches the admin (connect_db_admin)
# Each service role's password: <SCHEMA>_DB_PASSWORD when set, else generated once into this file (mode 600).
DB_CREDENTIALS="$RUN_DIR/db-credentials"
export RABBIT_HOST="${RABBIT_HOST:-localhost}"
export RABBIT_PORT="${RABBIT_PORT:-5672}"
# Broker identity: no shared broker user. Every service and the gateway connect as a user of
# their own on the stack's virtual host, created by ensure_broker_users (below) with rabbitmqctl;
# their random passwords live in the git-ignored $BROKER_CREDENTIALS.
export RABBIT_VHOST="${RABBIT_VHOST:-social}"
# The gateway lets the web client's development server (web-client: npm run dev) call the API
# cross-origin; a deployment lists its own origins or none (docs/API.md, "CORS").
export CORS_ALLOWED_ORIGINS="${CORS_ALLOWED_ORIGINS:-http://localhost:5173}"
# rabbitmqctl needs the broker's admin rights (root or the rabbitmq user on Linux).
if [[ -z "${RABBITMQCTL:-}" ]]; then
    if (( EUID != 0 )) && [[ "$(uname -s)" == Linux ]] && command -v sudo >/dev/null 2>&1; then
        RABBITMQCTL="sudo rabbitmqctl"
    else
        RABBITMQCTL="rabbitmqctl"
    fi
fi
RABBITMQ_PLUGINS="${RABBITMQ_PLUGINS:-${RABBITMQCTL%rabbitmqctl}rabbitmq-plugins}"
RABBIT_MANAGEMENT_PORT="${RABBIT_MANAGEMENT_PORT:-15672}"
BROKER_CREDENTIALS="$RUN_DIR/broker-credentials"
# The operator's token for every actuator endpoint beyond health and prometheus (docs/security.md,
# "Management endpoints"): MANAGEMENT_TOKEN when set, else generated once into this file (mode 600).
MANAGEMENT_TOKEN_FILE="$RUN_DIR/management-token"
MANAGEMENT_UI=""            # the management UI's URL once it answers (ensure_management_ui)

STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"   # seconds until every service must be UP
TRAINING_TIMEOUT="${TRAINING_TIMEOUT:-300}" # seconds a training run (start-up cache) may take
STOP_TIMEOUT="${STOP_TIMEOUT:-20}"          # seconds between TERM and KILL
# Seven JVMs share one machine: SerialGC (no GC threads competing for the two cores, the
# smallest footprint), a fixed heap that never resizes, and a young generation sized so that the
# busiest service (the gateway allocates ~140 KB per request) collects about once a second at
# 500 req/s rather than several times (each pause costs about the same: the requests in flight).
JAVA_OPTS="${JAVA_OPTS:--Xms384m -Xmx384m -Xmn160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"

# Start-up cache (see prepare_caches): auto (train when missing or stale, then use it) or off.
AOT_CACHE="${AOT_CACHE:-auto}"
AOT_DIR="$RUN_DIR/aot"
# Training runs at once; each is a JVM start up to the refreshed context, so more than the cores only queue.
TRAINING_JOBS="${TRAINING_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"

BUILD="${BUILD:-0}"
INSTALL=0
STARTED=()          # services this invocation launched (what a failed start cleans up)
TRAINING_PIDS=()    # training runs in progress (what an interrupted start ends)
WITH_CACHE=" "      # services this invocation launched with their start-up cache
UP=0                # foreground mode: set once every service is healthy

usage() {
    cat <<EOF
Usage: scripts/run-local.sh [--build] [--install] [COMMAND]

Runs all seven services as local JVMs against the local Postgres and RabbitMQ (docs/running.md).

Commands:
  (none)          start everything, wait until all are healthy, print the URLs and stay
                  in the foreground; Ctrl-C stops all services
  start           start everything and return once all are healthy (they keep running)
  stop            stop all services (TERM, then KILL after ${STOP_TIMEOUT}s)
  restart         stop, then start
  status          show whether each service is running and healthy (exit 0 if all are)
  logs [SERVICE]  follow the log of one service (e.g. auth-service, or just auth) or of all
  help            show this text

Options:
  --build         run './mvnw -q -DskipTests install' first (also BUILD=1); without it the
                  build only runs when an *-exec.jar is missing
  --install       Debian/Ubuntu: install what is missing first (Postgres, RabbitMQ, a JDK, curl)
                  with apt-get (through sudo unless root)

Environment (defaults in brackets):
  DB_HOST [localhost] DB_PORT [5432] DB_NAME [social]
  DB_ADMIN_USER [postgres; macOS: you] DB_ADMIN_PASSWORD [] (creates the database and the
                  service roles; without a password: over TCP if the server lets it in, else peer
                  authentication over the Unix socket through sudo -u DB_ADMIN_USER, or runuser as root)
  AUTH_DB_PASSWORD ... NOTIFICATIONS_DB_PASSWORD [generated into .run/db-credentials] a service
                  role's password (services log in with it over TCP: SCRAM) DB_STATEMENT_TIMEOUT [5s]
  RABBIT_HOST [localhost] RABBIT_PORT [5672] RABBIT_VHOST [social]
  MESSAGING_PREFIX [] (prefixes every exchange and queue name, and the broker users' names)
  RABBITMQCTL [rabbitmqctl as root, else sudo rabbitmqctl] how to run rabbitmqctl with the broker's
                  admin rights; used only to create the vhost and the broker users
  RABBITMQ_PLUGINS [the same with rabbitmq-plugins] enables the management plugin when it is off
  RABBIT_MANAGEMENT_PORT [15672] the management UI's port
  CORS_ALLOWED_ORIGINS [http://localhost:5173] origins whose pages may call the gateway
  TRUSTED_PROXIES [] CIDRs of reverse proxies whose X-Forwarded-For the gateway believes
  GATEWAY_PORT [8080] AUTH_PORT [8081] USER_PORT [8082] POST_PORT [8083]
  FOLLOWERS_PORT [8084] LIKE_PORT [8085] NOTIFICATION_PORT [8086]
  GATEWAY_MANAGEMENT_PORT [8090] the gateway's actuator (health, metrics) on 127.0.0.1
  MANAGEMENT_TOKEN [generated into .run/management-token] the operator's token for every service's
                  actuator beyond health and prometheus (Authorization: Bearer ...)
  RUN_DIR [.run] pid files, logs, passwords and start-up caches
  JAVA_HOME (else the newest JDK >= 21 under /usr/lib/jvm, else java on PATH)
  JAVA_OPTS [-Xms384m -Xmx384m -Xmn160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError]
  AOT_CACHE [auto] start each JVM from a cache of its own start-up (JDK 25+: the AOT cache,
                  older JDKs: a CDS archive), trained after each build; off: plain jars
  TRAINING_JOBS [number of cores] training runs at once
  STARTUP_TIMEOUT [180] seconds   STOP_TIMEOUT [20] seconds   TRAINING_TIMEOUT [300] seconds

Each service connects as its own database role (<schema>_svc, e.g. posts_svc) that owns only its
schema, with a password, and as its own broker user; the script creates missing roles, schemas and
broker users. The operator user (<prefix>operator, tag management) may look at the vhost in the
management UI and get messages from the dead-letter queues, and publish nothing.

Start-up cache: the first start after a build extracts each jar into .run/aot/<service>/ and
runs it once up to the refreshed context (against the real database; nothing is served or
consumed) to record what the JVM loads and links; later starts map that cache. A new jar, JDK
or JAVA_OPTS trains again. Training log: .run/logs/<service>-training.log.

Files: logs in .run/logs/<service>.log, pids in .run/<service>.pid, broker passwords (the
       operator's too) in .run/broker-credentials and database role passwords in
       .run/db-credentials (delete a line and restart to rotate that password), the actuators'
       operator token in .run/management-token (delete and restart to rotate), start-up caches
       in .run/aot/ (delete to train again)
EOF
}

# ---------------------------------------------------------------- small helpers

info()  { printf '%s\n' "$*"; }
warn()  { printf 'WARNING: %s\n' "$*" >&2; }
die()   { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

now() { date +%s; }

port_of() {
    case "$1" in
        api-gateway)          echo "${GATEWAY_PORT:-8080}" ;;
        auth-service)         echo "${AUTH_PORT:-8081}" ;;
        user-service)         echo "${USER_PORT:-8082}" ;;
        post-service)         echo "${POST_PORT:-8083}" ;;
        followers-service)    echo "${FOLLOWERS_PORT:-8084}" ;;
        like-service)         echo "${LIKE_PORT:-8085}" ;;
        notification-service) echo "${NOTIFICATION_PORT:-8086}" ;;
        *) die "unknown service: $1" ;;
    esac
}

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# The repackaged (runnable) jar; globbed so that a version bump needs no change here.
jar_of() {
    local f newest=""
    for f in "$ROOT/$1/target/$1"-*-exec.jar; do
        [[ -f "$f" ]] || continue
        if [[ -z "$newest" || "$f" -nt "$newest" ]]; then newest="$f"; fi
    done
    echo "$newest"
}

# Accepts full names and short ones (auth, gateway, notification, ...).
resolve_service() {
    local s
    for s in "${SERVICES[@]}"; do
        if [[ "$1" == "$s" || "$1-service" == "$s" || "api-$1" == "$s" ]]; then
            echo "$s"; return 0
        fi
    done
    return 1
}

# True if something accepts TCP connections on host:port (bash's /dev/tcp, no extra tools).
tcp_open() {
    local host="$1" port="$2"
    if command -v timeout >/dev/null 2>&1; then
        timeout 3 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
    else
        (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
    fi
}

is_local_host() { [[ "$1" == localhost || "$1" == 127.* || "$1" == "::1" ]]; }

# Pid from the pid file if that process is still alive *and* still runs our jar (the packaged
# one or its extracted copy under .run/aot); a pid file left behind by a crash (or a pid
# reused by another program) counts as stale.
running_pid() {
    local svc="$1" pf pid
    pf="$(pid_file "$svc")"
    [[ -f "$pf" ]] || return 1
    pid="$(cat "$pf" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && ps -ww -o args= -p "$pid" 2>/dev/null | grep -qE -- "/($svc/target|aot/$svc)/$svc-"; then
        echo "$pid"
        return 0
    fi
    return 1
}

clear_stale_pid() {
    local svc="$1" pf
    pf="$(pid_file "$svc")"
    if [[ -f "$pf" ]] && ! running_pid "$svc" >/dev/null; then
        rm -f "$pf"
        info "  $svc: removed stale pid file"
    fi
}

# Where a service's actuator answers: the gateway's on a management port of its own (its public port
# serves only /livez and /readyz), every other service's on its only port; always on 127.0.0.1.
management_port_of() {
    case "$1" in
        api-gateway) echo "${GATEWAY_MANAGEMENT_PORT:-8090}" ;;
        *) port_of "$1" ;;
    esac
}

# UP only when actuator answers 200 (it answers 503 when DOWN) with status UP.
is_healthy() {
    local body
    body="$(curl -fsS --max-time 3 "http://127.0.0.1:$(management_port_of "$1")/actuator/health" 2>/dev/null)" || return 1
    [[ "$body" == *'"status":"UP"'* ]]
}

show_log_tail() {
    local svc="$1" lf
    lf="$(log_file "$svc")"
    printf '\n----- last 30 lines of %s -----\n' "${lf#"$ROOT"/}" >&2
    if [[ -f "$lf" ]]; then tail -n 30 "$lf" >&2; else echo "(no log file)" >&2; fi
    printf -- '-----\n' >&2
}

# ---------------------------------------------------------------- pre-flight

platform() {
    if [[ "$(uname -s)" == Darwin ]]; then echo macos
    elif command -v apt-get >/dev/null 2>&1; then echo debian
    else echo other
    fi
}

# The JDK package of this Debian or Ubuntu release: the newest of 25, 21 and 17 it has.
debian_jdk_package() {
    local version
    for version in 25 21 17; do
        if apt-cache show "openjdk-$version-jdk-headless" >/dev/null 2>&1; then
            echo "openjdk-$version-jdk-headless"
            return 0
        fi
    done
    echo openjdk-17-jdk-headless
}

# The package that provides a prerequisite (postgres, rabbitmq, jdk, curl) on this platform.
package_of() {
    case "$(platform):$1" in
        debian:postgres) echo postgresql ;;
        debian:rabbitmq) echo rabbitmq-server ;;
        debian:jdk) debian_jdk_package ;;
        debian:curl) echo curl ;;
        debian:node) echo "nodejs npm" ;;
        macos:postgres) echo postgresql@16 ;;
        macos:rabbitmq) echo rabbitmq ;;
        macos:jdk) echo openjdk@21 ;;
        macos:curl) echo curl ;;
        macos:node) echo node ;;
        *:postgres) echo "PostgreSQL (14 or newer)" ;;
        *:rabbitmq) echo "RabbitMQ (3.10 or newer)" ;;
        *:jdk) echo "a JDK (17 or newer)" ;;
        *:node) echo "Node.js (20.19 or newer) and npm" ;;
        *) echo "$1" ;;
    esac
}

# The exact command that installs a missing prerequisite.
install_hint() {
    local package
    package="$(package_of "$1")"
    case "$(platform)" in
        debian) printf 'sudo apt-get install -y %s   (or: scripts/run-local.sh --install)' "$package" ;;
        macos)
            case "$1" in
                postgres|rabbitmq) printf 'brew install %s && brew services start %s' "$package" "$package" ;;
                jdk) printf 'brew install %s (then put its bin/ on PATH, or set JAVA_HOME)' "$package" ;;
                *) printf 'brew install %s' "$package" ;;
            esac ;;
        *) printf 'install %s' "$package" ;;
    esac
}

# A JDK >= 17 (javac too: the first start builds the project).
have_jdk() {
    local javac
    if [[ -n "${JAVA_HOME:-}" ]]; then javac="$JAVA_HOME/bin/javac"; else javac="$(command -v javac || true)"; fi
    [[ -n "$javac" && -x "$javac" ]] || return 1
    local version
    version="$("$javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')"
    [[ "$version" =~ ^[0-9]+$ ]] && (( version >= 17 ))
}

# Node.js >= 20.19 with npm: the build makes the web client with it (web-client/package.json's engines).
have_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

# What is missing: postgres (the server's tools: psql), rabbitmq (rabbitmqctl, for a local broker), jdk
# (javac when a build is due), node (only when a build is due: the web client), curl.
missing_prerequisites() {
    local missing=()
    command -v psql >/dev/null 2>&1 || missing+=(postgres)
    if is_local_host "$RABBIT_HOST" && ! command -v "${RABBITMQCTL##* }" >/dev/null 2>&1; then
        missing+=(rabbitmq)
    fi
    # a build needs javac; running the jars needs a java only (pick_java checks its version)
    if build_due; then
        have_jdk || missing+=(jdk)
        have_node || missing+=(node)
    elif [[ -z "${JAVA_HOME:-}" ]] && ! command -v java >/dev/null 2>&1 && ! compgen -G '/usr/lib/jvm/*/bin/java' >/dev/null; then
        missing+=(jdk)
    fi
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    echo "${missing[*]}"
}

# Names every missing prerequisite with the command that installs it, and stops.
check_prerequisites() {
    local missing what message=""
    missing="$(missing_prerequisites)"
    [[ -n "$missing" ]] || return 0
    for what in $missing; do
        message+=$'\n'"  $(package_of "$what"): $(install_hint "$what")"
        # Debian 12 and Ubuntu 22.04/24.04 package an older Node.js than the web client's build needs
        [[ "$what" != node || "$(platform)" != debian ]] \
            || message+=" (if the distribution's is older than 20.19: NodeSource's nodejs package, see docs/running.md)"
    done
    die "missing prerequisites:$message"
}

# --install (Debian/Ubuntu): apt-get installs what is missing; the packages start their servers.
install_prerequisites() {
    local missing what packages=() sudo=()
    [[ "$(platform)" == debian ]] || die "--install knows Debian and Ubuntu (apt-get) only; install by hand: $(missing_prerequisites)"
    missing="$(missing_prerequisites)"
    if [[ -z "$missing" ]]; then
        info "Prerequisites: all installed"
        return 0
    fi
    # shellcheck disable=SC2207 # a prerequisite may be several packages (nodejs npm)
    for what in $missing; do packages+=($(package_of "$what")); done
    (( EUID == 0 )) || sudo=(sudo)
    info "Installing: ${packages[*]}"
    "${sudo[@]}" apt-get update -q || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${packages[@]}" || die "apt-get install failed"
    # without systemd (a container) the packages cannot start their servers
    if [[ " $missing " == *" postgres "* ]] && ! tcp_open "$DB_HOST" "$DB_PORT"; then
        "${sudo[@]}" service postgresql start || true
    fi
    if [[ " $missing " == *" rabbitmq "* ]] && ! tcp_open "$RABBIT_HOST" "$RABBIT_PORT"; then
        "${sudo[@]}" service rabbitmq-server start || true
    fi
}

pick_java() {
    if [[ -n "${JAVA_HOME:-}" ]]; then
        [[ -x "$JAVA_HOME/bin/java" ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
        JAVA="$JAVA_HOME/bin/java"
    else
        # Newest JDK of feature version >= 21 under /usr/lib/jvm (e.g. temurin-25): newer
        # JVMs start Spring faster and use less memory; the jars target Java 17 anyway.
        local rel ver best_dir
        best_dir="$(
            for rel in /usr/lib/jvm/*/release; do
                [[ -f "$rel" && -x "$(dirname "$rel")/bin/java" ]] || continue
                ver="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$rel")"
                [[ "${ver%%.*}" =~ ^[0-9]+$ ]] || continue
                (( ${ver%%.*} >= 21 )) || continue
                printf '%s %s\n' "$ver" "$(dirname "$rel")"
            done | sort -V | tail -n 1 | cut -d' ' -f2-
        )"
        if [[ -n "$best_dir" ]]; then
            JAVA="$best_dir/bin/java"
        else
            JAVA="$(command -v java || true)"
            [[ -n "$JAVA" ]] || die "no java found: $(install_hint jdk), or set JAVA_HOME"
        fi
    fi
    JAVA_VERSION_TEXT="$("$JAVA" -version 2>&1)" || die "$JAVA does not run: $JAVA_VERSION_TEXT"
    # the feature release from e.g. 'openjdk version "25.0.3" ...' (or "1.8.0_x": 8)
    JAVA_FEATURE="$(sed -n '1s/^[^"]*"\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' <<<"$JAVA_VERSION_TEXT")"
    [[ "$JAVA_FEATURE" =~ ^[0-9]+$ ]] || JAVA_FEATURE=0
    (( JAVA_FEATURE >= 17 )) || die "$JAVA is Java $JAVA_FEATURE; the services need 17 or newer: $(install_hint jdk)"
    info "Using java: $JAVA ($(head -n 1 <<<"$JAVA_VERSION_TEXT"))"
}

check_postgres() {
    local ok=1
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$DB_HOST" -p "$DB_PORT" -t 3 || ok=0
    else
        tcp_open "$DB_HOST" "$DB_PORT" || ok=0
    fi
    if (( ! ok )); then
        local hint="start it, e.g.: sudo service postgresql start" d
        if is_local_host "$DB_HOST" && ! command -v pg_ctl >/dev/null 2>&1 && [[ ! -d /usr/lib/postgresql ]] \
            && ! command -v postgres >/dev/null 2>&1; then
            hint="install it: $(install_hint postgres)"
        fi
        if is_local_host "$DB_HOST"; then
            # Debian/Ubuntu layout: /etc/postgresql/<version>/main; name the real version.
            for d in /etc/postgresql/*/main; do
                [[ -d "$d" ]] || continue
                d="${d%/main}"
                hint="start it with: pg_ctlcluster --skip-systemctl-redirect ${d##*/} main start"
            done
        fi
        die "Postgres is not reachable at $DB_HOST:$DB_PORT; $hint"
    fi
}

check_rabbitmq() {
    if ! tcp_open "$RABBIT_HOST" "$RABBIT_PORT"; then
        local hint="start it with: sudo service rabbitmq-server start (or: rabbitmq-server -detached)"
        [[ "$(platform)" != macos ]] || hint="start it with: brew services start rabbitmq"
        if is_local_host "$RABBIT_HOST" && ! command -v rabbitmq-server >/dev/null 2>&1 \
            && [[ ! -x /usr/sbin/rabbitmq-server ]]; then
            hint="install it: $(install_hint rabbitmq)"
        fi
        die "RabbitMQ is not reachable at $RABBIT_HOST:$RABBIT_PORT; $hint"
    fi
}

# ---------------------------------------------------------------- broker identity

# Creates the stack's virtual host and one broker user per service and for the gateway, with the
# least rights that social.support.messaging.BrokerPermissions derives from the contract (the one
# place they are written), and takes guest's rights on the vhost away. Passwords are generated once
# and kept in $BROKER_CREDENTIALS (mode 600); a missing line gets a new password (rotation).
# One definitions import does it all (users, passwords, rights, the vhost: created or updated):
# every rabbitmqctl call boots an Erlang VM, and one call per user and right took ~15 s per start.
ensure_broker_users() {
    local cp="$ROOT/service-support/target/classes:$ROOT/messages-contract/target/classes" grants
    local party user configure write read exchange topic_write topic_read tags password definitions out
    local -a ctl users=() permissions=() topic_permissions=()
    read -r -a ctl <<<"$RABBITMQCTL"
    grants="$("$JAVA" -cp "$cp" social.support.messaging.BrokerPermissions "${MESSAGING_PREFIX:-}")" \
        || die "cannot derive the broker permissions (build first: scripts/run-local.sh --build)"
    umask 077
    touch "$BROKER_CREDENTIALS"
    while IFS=$'\t' read -r party user configure write read exchange topic_write topic_read tags; do
        password="$(broker_password_of "$party")"
        if [[ -z "$password" ]]; then
            password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
            printf '%s\t%s\n' "$party" "$password" >>"$BROKER_CREDENTIALS"
        fi
        # a clear password: the broker hashes it on import (and keeps only the hash)
        users+=("{\"name\": $(json_string "$user"), \"password\": $(json_string "$password"), \"tags\": $(json_tags "$tags")}")
        permissions+=("{\"user\": $(json_string "$user"), \"vhost\": $(json_string "$RABBIT_VHOST"), \"configure\": $(json_string "$configure"), \"write\": $(json_string "$write"), \"read\": $(json_string "$read")}")
        topic_permissions+=("{\"user\": $(json_string "$user"), \"vhost\": $(json_string "$RABBIT_VHOST"), \"exchange\": $(json_string "$exchange"), \"write\": $(json_string "$topic_write"), \"read\": $(json_string "$topic_read")}")
    done <<<"$grants"
    # on stdin: the passwords never touch the disk (a file would be read by the broker's own user)
    definitions="$(
        printf '{"vhosts": [{"name": %s}],\n' "$(json_string "$RABBIT_VHOST")"
        printf ' "users": [%s],\n' "$(join_by ', ' "${users[@]}")"
        printf ' "permissions": [%s],\n' "$(join_by ', ' "${permissions[@]}")"
        printf ' "topic_permissions": [%s]}\n' "$(join_by ', ' "${topic_permissions[@]}")"
    )"
    out="$("${ctl[@]}" -q import_definitions --format json <<<"$definitions" 2>&1)" \
        || die "cannot create the broker users with '$RABBITMQCTL import_definitions' (set RABBITMQCTL, e.g. 'sudo rabbitmqctl'): $out"
    "${ctl[@]}" -q clear_permissions -p "$RABBIT_VHOST" guest >/dev/null 2>&1 || true
    info "Broker users on vhost '$RABBIT_VHOST' ready (passwords in $(relative "$BROKER_CREDENTIALS"))"
}

# The tags column of BrokerPermissions ("-" for none, else comma-separated) as a JSON array.
json_tags() {
    local tag out=() tags_list=()
    [[ "$1" == "-" || -z "$1" ]] && { printf '[]'; return 0; }
    IFS=',' read -r -a tags_list <<<"$1"
    for tag in "${tags_list[@]}"; do out+=("$(json_string "$tag")"); done
    printf '[%s]' "$(join_by ', ' "${out[@]}")"
}

# The operator's view (docs/running.md): RabbitMQ's management UI. Enabled here when nothing answers on its
# port (rabbitmq-plugins enables it on the running broker, and it stays enabled); a broker elsewhere is left
# as it is. Not being able to is a warning: the services need no UI.
ensure_management_ui() {
    local out deadline
    local -a plugins
    MANAGEMENT_UI="http://$RABBIT_HOST:$RABBIT_MANAGEMENT_PORT"
    tcp_open "$RABBIT_HOST" "$RABBIT_MANAGEMENT_PORT" && return 0
    if ! is_local_host "$RABBIT_HOST"; then
        warn "no management UI at $MANAGEMENT_UI (enable the rabbitmq_management plugin on that broker)"
        MANAGEMENT_UI=""
        return 0
    fi
    info "Enabling RabbitMQ's management plugin (the operator's UI)"
    read -r -a plugins <<<"$RABBITMQ_PLUGINS"
    if ! out="$("${plugins[@]}" -q enable rabbitmq_management 2>&1)"; then
        warn "cannot enable the management plugin with '$RABBITMQ_PLUGINS' (set RABBITMQ_PLUGINS): $out"
        MANAGEMENT_UI=""
        return 0
    fi
    deadline=$(( $(now) + 60 ))
    until tcp_open "$RABBIT_HOST" "$RABBIT_MANAGEMENT_PORT"; do
        if (( $(now) >= deadline )); then
            warn "the management plugin is enabled but nothing answers on $RABBIT_HOST:$RABBIT_MANAGEMENT_PORT"
            MANAGEMENT_UI=""
            return 0
        fi
        sleep 1
    done
}

# A JSON string literal (backslashes and quotes escaped; the values here hold no control characters).
json_string() {
    local s="${1//\\/\\\\}"
    s="${s//\"/\\\"}"
    printf '"%s"' "$s"
}

join_by() {
    local separator="$1" first="$2"
    shift 2 || return 0
    printf '%s' "$first" "${@/#/$separator}"
}

# The broker user of a party is "<MESSAGING_PREFIX><party>" (as BrokerPermissions names it).
broker_password_of() {
    awk -F '\t' -v p="$1" '$1 == p { print $2; exit }' "$BROKER_CREDENTIALS" 2>/dev/null
}

# ---------------------------------------------------------------- database administration

# Runs psql as the database's administrator, the way connect_db_admin found: DATABASE [psql options...].
# Never prompts (-w). The socket ways leave DB_HOST aside: peer authentication exists on the socket only.
admin_psql() {
    local db="$1"
    shift
    case "$DB_ADMIN_VIA" in
        password) PGPASSWORD="$DB_ADMIN_PASSWORD" psql -X -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_ADMIN_USER" -d "$db" "$@" ;;
        tcp) env -u PGPASSWORD psql -X -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_ADMIN_USER" -d "$db" "$@" ;;
        # cd /: the admin's OS user may not enter the current directory
        socket) (cd / && env -u PGHOST -u PGPASSWORD psql -X -w -p "$DB_PORT" -U "$DB_ADMIN_USER" -d "$db" "$@") ;;
        runuser) (cd / && runuser -u "$DB_ADMIN_USER" -- env -u PGHOST -u PGPASSWORD psql -X -w -p "$DB_PORT" -d "$db" "$@") ;;
        sudo) (cd / && sudo -u "$DB_ADMIN_USER" -- psql -X -w -p "$DB_PORT" -d "$db" "$@") ;;
        *) die "internal: no way to the database admin (connect_db_admin first)" ;;
    esac
}

describe_db_admin_way() {
    case "$1" in
        password) echo "with DB_ADMIN_PASSWORD over TCP" ;;
        tcp) echo "over TCP without a password" ;;
        socket) echo "over the Unix socket as $(id -un)" ;;
        runuser) echo "through runuser -u $DB_ADMIN_USER (peer authentication over the Unix socket)" ;;
        sudo) echo "through sudo -u $DB_ADMIN_USER (peer authentication over the Unix socket)" ;;
    esac
}

# Finds how to reach the admin: DB_ADMIN_PASSWORD if given; else over TCP without a password (a server
# that trusts local connections, or ~/.pgpass); else, for a local server, the Unix socket: as ourselves
# when we are the admin's OS user (or on macOS, where Homebrew's superuser is the installing user), through
# runuser as root, through sudo otherwise. A stock Debian/Ubuntu cluster (scram over TCP, peer over the
# socket) is reached the last way. Trust authentication is never needed.
connect_db_admin() {
    local way out tried=""
    local -a ways=()
    if [[ -n "$DB_ADMIN_PASSWORD" ]]; then
        ways=(password)
    else
        ways=(tcp)
        if is_local_host "$DB_HOST"; then
            if [[ "$(id -un)" == "$DB_ADMIN_USER" || "$(platform)" == macos ]]; then ways+=(socket); fi
            if (( EUID == 0 )) && command -v runuser >/dev/null 2>&1; then
                ways+=(runuser)
            elif command -v sudo >/dev/null 2>&1 && [[ "$(id -un)" != "$DB_ADMIN_USER" ]]; then
                ways+=(sudo)
            fi
        fi
    fi
    for way in "${ways[@]}"; do
        DB_ADMIN_VIA="$way"
        if out="$(admin_psql postgres -q -t -A -c 'SELECT 1' 2>&1)" && [[ "$out" == 1 ]]; then
            info "Postgres admin '$DB_ADMIN_USER' $(describe_db_admin_way "$way")"
            return 0
        fi
        tried+=$'\n'"  $(describe_db_admin_way "$way"): $(head -n 1 <<<"$out")"
    done
    DB_ADMIN_VIA=""
    die "cannot log in to Postgres at $DB_HOST:$DB_PORT as its administrator '$DB_ADMIN_USER'; tried:$tried
Give the administrator's password (DB_ADMIN_PASSWORD=... scripts/run-local.sh), or run this as a user
who may 'sudo -u $DB_ADMIN_USER' (peer authentication), or name another administrator (DB_ADMIN_USER)."
}

# Each service's Flyway creates its own schema, but the database itself must exist.
ensure_database() {
    local exists out
    # psql variables (:'db' / :"db") quote the name safely; they only work on stdin, not -c.
    if ! exists="$(echo "SELECT 1 FROM pg_database WHERE datname = :'db'" \
        | admin_psql postgres -q -t -A -v ON_ERROR_STOP=1 -v db="$DB_NAME" 2>&1)"; then
        die "cannot query Postgres as user '$DB_ADMIN_USER': $exists"
    fi
    if [[ "$exists" != "1" ]]; then
        info "Creating database '$DB_NAME'"
        if ! out="$(echo 'CREATE DATABASE :"db"' \
            | admin_psql postgres -q -v ON_ERROR_STOP=1 -v db="$DB_NAME" 2>&1)"; then
            die "cannot create database '$DB_NAME' as user '$DB_ADMIN_USER': $out"
        fi
    fi
}

# ---------------------------------------------------------------- database roles (one per service)

# The schema a service owns; empty for the gateway, which has no database.
schema_of() {
    case "$1" in
        auth-service)         echo auth ;;
        user-service)         echo users ;;
        post-service)         echo posts ;;
        followers-service)    echo followers ;;
        like-service)         echo likes ;;
        notification-service) echo notifications ;;
        *) echo "" ;;
    esac
}

# The role's password: e.g. POSTS_DB_PASSWORD when set, else the one generated into $DB_CREDENTIALS.
db_password_of() {
    local var
    var="$(tr '[:lower:]' '[:upper:]' <<<"$1")_DB_PASSWORD"
    if [[ -n "${!var:-}" ]]; then
        echo "${!var}"
    else
        awk -F '\t' -v s="$1" '$1 == s { print $2; exit }' "$DB_CREDENTIALS" 2>/dev/null
    fi
}

random_password() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# Generates (once) the password of every service role that has none from the environment.
ensure_db_passwords() {
    local svc schema
    mkdir -p "$RUN_DIR"
    ( umask 077 && touch "$DB_CREDENTIALS" )
    for svc in "${SERVICES[@]}"; do
        schema="$(schema_of "$svc")"
        [[ -n "$schema" && -z "$(db_password_of "$schema")" ]] || continue
        printf '%s\t%s\n' "$schema" "$(random_password)" >>"$DB_CREDENTIALS"
    done
}

# The operator's token for the actuators: MANAGEMENT_TOKEN when set, else the one generated into its file.
management_token() {
    if [[ -n "${MANAGEMENT_TOKEN:-}" ]]; then
        echo "$MANAGEMENT_TOKEN"
    else
        cat "$MANAGEMENT_TOKEN_FILE" 2>/dev/null || true
    fi
}

# Generates (once) the operator's token, unless the environment gives one.
ensure_management_token() {
    [[ -z "$(management_token)" ]] || return 0
    mkdir -p "$RUN_DIR"
    ( umask 077 && random_password >"$MANAGEMENT_TOKEN_FILE" )
}

# A psql single-quoted literal for \set (backslash and quote escaped).
psql_literal() {
    local s="${1//\\/\\\\}"
    printf "'%s'" "${s//\'/\\\'}"
}

# As the admin: per service a login role <schema>_svc with its password (stored as a SCRAM-SHA-256
# verifier) owning its schema (as deploy/postgres/init.sh does in docker compose). A schema left by
# earlier runs as the superuser is handed over with its tables, so that the service's Flyway can
# migrate it as the owner. The password goes to psql on stdin, never on a command line.
ensure_service_roles() {
    local svc schema out
    ensure_db_passwords
    for svc in "${SERVICES[@]}"; do
        schema="$(schema_of "$svc")"
        [[ -n "$schema" ]] || continue
        if ! out="$( { printf '\\set password %s\n' "$(psql_literal "$(db_password_of "$schema")")"; cat <<'SQL'; } \
            | admin_psql "$DB_NAME" -q -t -A -v ON_ERROR_STOP=1 -v role="${schema}_svc" -v schema="$schema" 2>&1
SET password_encryption = 'scram-sha-256';
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('ALTER ROLE %I SET search_path = %I', :'role', :'schema') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'role') \gexec
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('CREATE SCHEMA %I AUTHORIZATION %I', :'schema', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = :'schema') \gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', :'schema', :'role') \gexec
SELECT format('ALTER TABLE %I.%I OWNER TO %I', schemaname, tablename, :'role') FROM pg_tables WHERE schemaname = :'schema' AND tableowner <> :'role' \gexec
SQL
        )"; then
            die "cannot create the database role of $svc as user '$DB_ADMIN_USER': $out"
        fi
    done
}

# True if this start builds first (--build, or a runnable jar is missing).
build_due() {
    local svc
    [[ "$BUILD" == 1 ]] && return 0
    for svc in "${SERVICES[@]}"; do
        [[ -n "$(jar_of "$svc")" ]] || return 0
    done
    return 1
}

build_if_needed() {
    local svc missing=()
    for svc in "${SERVICES[@]}"; do
        [[ -n "$(jar_of "$svc")" ]] || missing+=("$svc")
    done
    if [[ "$BUILD" == 1 || ${#missing[@]} -gt 0 ]]; then
        if [[ ${#missing[@]} -gt 0 ]]; then
            info "Building (no runnable jar yet for: ${missing[*]}) ..."
        else
            info "Building ..."
        fi
        # install, not package: the libraries (messages-contract, service-support) then
        # also land in ~/.m2, so building a single module later works too.
        (cd "$ROOT" && ./mvnw -q -DskipTests install) || die "build failed (see the Maven output above)"
        for svc in "${SERVICES[@]}"; do
            [[ -n "$(jar_of "$svc")" ]] || die "build finished but $svc/target/$svc-*-exec.jar is missing"
        done
    fi
}

# ---------------------------------------------------------------- start-up cache

# Most of a service's start-up is the JVM loading, verifying and linking some 20,000 classes and
# running Spring's start-up code in the interpreter, identical from one start to the next. A
# training run records that once per build and later starts map the result: on JDK 25+ the AOT
# cache (JEP 483/514/515: classes loaded and linked, plus method profiles, so the JIT starts from
# the training's profile), on JDK 13-24 a dynamic CDS archive (classes only). The training run is
# the service itself with spring.context.exit=onRefresh: every singleton is created (Flyway and
# Hibernate against the real database), nothing is started (no port, no broker connection, no
# listener, no relay). Both caches need the jar's extracted layout (plain jars in lib/), and the
# JVM ignores a cache (with a warning in the log) whose jars, JDK or GC options differ.
cache_kind() {
    if [[ "$AOT_CACHE" == off ]]; then echo none
    elif (( JAVA_FEATURE >= 25 )); then echo aot
    elif (( JAVA_FEATURE >= 13 )); then echo cds
    else echo none
    fi
}

cache_dir() { echo "$AOT_DIR/$1"; }

cache_file() {
    case "$(cache_kind)" in
        aot) echo "$(cache_dir "$1")/app.aot" ;;
        cds) echo "$(cache_dir "$1")/app.jsa" ;;
    esac
}

# The extracted jar the cache belongs to (same file name as the packaged one).
cached_jar() { echo "$(cache_dir "$1")/$(basename "$(jar_of "$1")")"; }

# What a cache was trained for; any change means training again.
cache_key() {
    printf '%s\n' "jar: $(jar_of "$1")" "java: $JAVA" "$JAVA_VERSION_TEXT" "JAVA_OPTS: $JAVA_OPTS"
}

# True if the service's cache exists and was trained for its current jar, JDK and options.
cache_ready() {
    local svc="$1" dir file
    dir="$(cache_dir "$svc")"
    file="$(cache_file "$svc")"
    [[ -n "$file" && -f "$file" && -f "$dir/key" && -f "$(cached_jar "$svc")" ]] || return 1
    # a rebuilt jar is newer than the key written after the last training
    [[ ! "$(jar_of "$svc")" -nt "$dir/key" ]] || return 1
    [[ "$(cat "$dir/key")" == "$(cache_key "$svc")" ]]
}

# The environment a service runs with (and is trained with): its port, database role and broker user.
service_env() {
    local svc="$1" schema
    schema="$(schema_of "$svc")"
    SERVICE_ENV=(
        SERVER_PORT="$(port_of "$svc")"
        DB_USER="${schema:+${schema}_svc}"
        DB_PASSWORD="$(db_password_of "${schema:-none}")"
        RABBIT_USER="${MESSAGING_PREFIX:-}$svc"
        RABBIT_PASSWORD="$(broker_password_of "$svc")"
        MANAGEMENT_TOKEN="$(management_token)"
    )
    # the gateway's actuator (health, metrics) on a port of its own, on this host only: as every other
    # service's, which serve nothing else on theirs
    if [[ "$svc" == api-gateway ]]; then
        SERVICE_ENV+=(
            MANAGEMENT_PORT="$(management_port_of "$svc")"
            MANAGEMENT_SERVER_ADDRESS=127.0.0.1
            GATEWAY_ACTUATOR_ENDPOINTS="${GATEWAY_ACTUATOR_ENDPOINTS:-health,info,prometheus}"
        )
    fi
}

# Extracts the service's jar and trains its cache; the key is written last, so a training that
# fails or is interrupted leaves no cache that counts as ready.
train_cache() {
    local svc="$1" dir file jar lf
    local -a opts limit=() record
    dir="$(cache_dir "$svc")"
    file="$(cache_file "$svc")"
    jar="$(jar_of "$svc")"
    lf="$LOG_DIR/$svc-training.log"
    read -r -a opts <<<"$JAVA_OPTS"
    case "$(cache_kind)" in
        # -Xlog:aot=error: the cache leaves out a few hundred classes it cannot link ahead, each with a warning
        aot) record=("-XX:AOTCacheOutput=$file" -Xlog:aot=error) ;;
        cds) record=("-XX:ArchiveClassesAtExit=$file") ;;
    esac
    command -v timeout >/dev/null 2>&1 && limit=(timeout "$TRAINING_TIMEOUT")
    service_env "$svc"
    rm -rf "$dir"
    mkdir -p "$dir"
    printf '===== %s training the start-up cache of %s with %s =====\n' "$(date '+%F %T')" "$svc" "$JAVA" >"$lf"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >>"$lf" 2>&1 || return 1
    # run in the background (a subshell of its own): the cd stays there
    cd "$dir" || return 1
    env "${SERVICE_ENV[@]}" ${limit[@]+"${limit[@]}"} "$JAVA" ${opts[@]+"${opts[@]}"} "${record[@]}" \
        -Dspring.context.exit=onRefresh -jar "$(cached_jar "$svc")" >>"$lf" 2>&1 </dev/null || return 1
    [[ -f "$file" ]] || return 1
    cache_key "$svc" >"$dir/key"
}

# Trains, TRAINING_JOBS at a time, the caches of the given services that have none for their
# current jar (after a build: all). A failed training is reported and its service starts
# without a cache.
prepare_caches() {
    local kind svc t0 i
    local -a todo=() names=()
    kind="$(cache_kind)"
    if [[ "$kind" == none ]]; then
        [[ "$AOT_CACHE" == off ]] || info "No start-up cache: $JAVA is older than JDK 13"
        return 0
    fi
    for svc in "$@"; do cache_ready "$svc" || todo+=("$svc"); done
    (( ${#todo[@]} > 0 )) || return 0
    info "Training the start-up cache ($( [[ "$kind" == aot ]] && echo "AOT cache" || echo "CDS archive" )) of: ${todo[*]}"
    t0="$(now)"
    TRAINING_PIDS=()
    for svc in "${todo[@]}"; do
        while (( $(jobs -rp | wc -l) >= TRAINING_JOBS )); do wait -n || true; done
        train_cache "$svc" &
        TRAINING_PIDS+=("$!"); names+=("$svc")
    done
    for i in "${!TRAINING_PIDS[@]}"; do
        if ! wait "${TRAINING_PIDS[$i]}"; then
            warn "training the start-up cache of ${names[$i]} failed (see .run/logs/${names[$i]}-training.log); it starts without"
            rm -rf "$(cache_dir "${names[$i]}")"
        fi
    done
    TRAINING_PIDS=()
    info "  trained in $(( $(now) - t0 ))s (once per build, JDK and JAVA_OPTS)"
}

# Ends the training runs of an interrupted start: each one's child (java, or timeout, which passes
# the TERM on to its java), then the job itself.
stop_training() {
    local pid
    for pid in ${TRAINING_PIDS[@]+"${TRAINING_PIDS[@]}"}; do
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill -TERM "$pid" 2>/dev/null || true
    done
    TRAINING_PIDS=()
}

# Refuse to start when a port is taken by something we did not start (e.g. another
# developer's instance or an IDE run); the JVM would otherwise fail after ~20 s.
check_ports_free() {
    local svc port busy=0
    for svc in "${SERVICES[@]}"; do
        running_pid "$svc" >/dev/null && continue
        port="$(port_of "$svc")"
        if tcp_open 127.0.0.1 "$port"; then
            warn "port $port for $svc is already in use by another process (set $(port_var "$svc") to use another port)"
            busy=1
        fi
        if [[ "$svc" == api-gateway ]] && tcp_open 127.0.0.1 "$(management_port_of "$svc")"; then
            warn "port $(management_port_of "$svc") for the gateway's actuator is already in use (set GATEWAY_MANAGEMENT_PORT)"
            busy=1
        fi
    done
    (( ! busy )) || die "cannot start: ports in use (see above)"
}

port_var() {
    case "$1" in
        api-gateway) echo GATEWAY_PORT ;;
        auth-service) echo AUTH_PORT ;;
        user-service) echo USER_PORT ;;
        post-service) echo POST_PORT ;;
        followers-service) echo FOLLOWERS_PORT ;;
        like-service) echo LIKE_PORT ;;
        notification-service) echo NOTIFICATION_PORT ;;
        *) die "unknown service: $1" ;;
    esac
}

# ---------------------------------------------------------------- start / stop

launch() {
    local svc="$1" jar port lf pid cache=""
    local -a opts cache_opts=()
    jar="$(jar_of "$svc")"
    port="$(port_of "$svc")"
    lf="$(log_file "$svc")"
    read -r -a opts <<<"$JAVA_OPTS"
    if cache_ready "$svc"; then
        cache="$(cache_file "$svc")"
        jar="$(cached_jar "$svc")"
        case "$(cache_kind)" in
            aot) cache_opts=("-XX:AOTCache=$cache") ;;
            cds) cache_opts=("-XX:SharedArchiveFile=$cache") ;;
        esac
    fi
    {
        printf '\n===== %s starting %s on port %s with %s%s =====\n' "$(date '+%F %T')" "$svc" "$port" "$JAVA" \
            "${cache:+ and ${cache#"$ROOT"/}}"
    } >>"$lf"
    service_env "$svc"
    # nohup: survive the terminal closing after 'start'. In this non-interactive shell a
    # background job also ignores SIGINT, so Ctrl-C reaches only this script, which then
    # stops the services in order with TERM (graceful shutdown).
    env "${SERVICE_ENV[@]}" nohup "$JAVA" ${opts[@]+"${opts[@]}"} ${cache_opts[@]+"${cache_opts[@]}"} -jar "$jar" \
        >>"$lf" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$(pid_file "$svc")"
    STARTED+=("$svc")
    [[ -z "$cache" ]] || WITH_CACHE+="$svc "
    info "  $svc: started (pid $pid, port $port${cache:+, start-up cache})"
}

# True if the JVM has its start-up cache mapped (it carries on without one that does not fit
# the jars, the JDK or the options, and only says so in its log).
cache_mapped() {
    local pid
    pid="$(running_pid "$1")" || return 1
    [[ -r "/proc/$pid/maps" ]] || return 0    # no /proc (e.g. macOS): cannot tell, assume so
    grep -qF -- "$(cache_file "$1")" "/proc/$pid/maps"
}

# Waits until every given service is healthy; returns 1 (after showing the log) as soon as
# one dies or the timeout passes.
wait_healthy() {
    local t0="$1"; shift
    local pending=("$@") still svc deadline
    deadline=$(( t0 + STARTUP_TIMEOUT ))
    while (( ${#pending[@]} > 0 )); do
        still=()
        for svc in "${pending[@]}"; do
            if is_healthy "$svc"; then
                if [[ "$WITH_CACHE" == *" $svc "* ]] && ! cache_mapped "$svc"; then
                    warn "$svc does not use its start-up cache (see $(log_file "$svc") for why)"
                fi
                info "  $svc: UP after $(( $(now) - t0 ))s"
            elif ! running_pid "$svc" >/dev/null; then
                printf 'ERROR: %s exited during startup\n' "$svc" >&2
                show_log_tail "$svc"
                return 1
            else
                still+=("$svc")
            fi
        done
        pending=(${still[@]+"${still[@]}"})
        (( ${#pending[@]} == 0 )) && break
        if (( $(now) >= deadline )); then
            for svc in "${pending[@]}"; do
                printf 'ERROR: %s not healthy after %ss (STARTUP_TIMEOUT)\n' "$svc" "$STARTUP_TIMEOUT" >&2
                show_log_tail "$svc"
            done
            return 1
        fi
        sleep 1
    done
}

# Stops the given services: TERM to all first (so their graceful shutdowns overlap), then
# KILL whatever is still alive after STOP_TIMEOUT.
stop_services() {
    local svc pid left deadline i
    local -a pids=() names=()
    # Reverse start order: the gateway first, so no new requests arrive while the rest stop.
    for (( i = ${#SERVICES[@]} - 1; i >= 0; i-- )); do
        svc="${SERVICES[$i]}"
        [[ " $* " == *" $svc "* ]] || continue
        if pid="$(running_pid "$svc")"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid"); names+=("$svc")
            info "  $svc: stopping (pid $pid)"
        else
            clear_stale_pid "$svc"
        fi
    done
    (( ${#pids[@]} > 0 )) || { info "  nothing running"; return 0; }
    deadline=$(( $(now) + STOP_TIMEOUT ))
    while :; do
        left=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
        (( left )) || break
        (( $(now) < deadline )) || break
        sleep 1
    done
    for i in "${!pids[@]}"; do
        if kill -0 "${pids[$i]}" 2>/dev/null; then
            warn "${names[$i]} did not stop within ${STOP_TIMEOUT}s; killing it"
            kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
        rm -f "$(pid_file "${names[$i]}")"
    done
    info "  stopped"
}

print_summary() {
    local took="$1" gw rabbit_ui operator credentials svc metrics=""
    gw="http://localhost:$(port_of api-gateway)"
    operator="${MESSAGING_PREFIX:-}operator"
    credentials="$(relative "$BROKER_CREDENTIALS")"
    if [[ -n "$MANAGEMENT_UI" ]]; then
        rabbit_ui="$MANAGEMENT_UI (vhost '$RABBIT_VHOST')
                       user $operator, password: grep ^operator $credentials | cut -f2"
    else
        rabbit_ui="not enabled ($RABBITMQ_PLUGINS enable rabbitmq_management, then http://$RABBIT_HOST:$RABBIT_MANAGEMENT_PORT)"
    fi
    for svc in "${SERVICES[@]}"; do
        metrics+=$'\n'"$(printf '    %-21s http://127.0.0.1:%s/actuator/prometheus' "$svc" "$(management_port_of "$svc")")"
    done
    cat <<EOF

All services healthy in ${took}s.
  Web client           $gw/
  API                  $gw/api/  (the contract: docs/API.md)
  Swagger UI           $gw/swagger-ui.html
  OpenAPI              $gw/v3/api-docs
  RabbitMQ management  $rabbit_ui
  Metrics (Prometheus) on this host only:$metrics
  Other actuator endpoints (dead letters, erasures, metrics, info) need the operator's token:
                       curl -H "Authorization: Bearer \$(cat $(relative "$MANAGEMENT_TOKEN_FILE"))" ...
  Logs                 $(relative "$LOG_DIR")/  (scripts/run-local.sh logs [service])
EOF
}

# A path under the repository as the user typed it there (relative), any other as it is.
relative() {
    if [[ "$1" == "$ROOT"/* ]]; then echo "${1#"$ROOT"/}"; else echo "$1"; fi
}

stop_all() { stop_services "${SERVICES[@]}"; }

start_all() {
    local t0 svc pid to_wait=()
    (( ! INSTALL )) || install_prerequisites
    check_prerequisites
    pick_java
    check_postgres
    check_rabbitmq
    connect_db_admin
    ensure_database
    ensure_service_roles
    ensure_management_token
    build_if_needed
    mkdir -p "$LOG_DIR"
    ensure_broker_users
    ensure_management_ui
    for svc in "${SERVICES[@]}"; do clear_stale_pid "$svc"; done
    check_ports_free
    local -a to_launch=()
    for svc in "${SERVICES[@]}"; do running_pid "$svc" >/dev/null || to_launch+=("$svc"); done
    prepare_caches ${to_launch[@]+"${to_launch[@]}"}

    if [[ -n "${MESSAGING_PREFIX:-}" ]]; then info "Messaging prefix: $MESSAGING_PREFIX"; fi
    info "Starting services (database '$DB_NAME' on $DB_HOST:$DB_PORT, RabbitMQ $RABBIT_HOST:$RABBIT_PORT)"
    t0="$(now)"    # the reported time covers JVM start-up only, not the checks or a build
    for svc in "${SERVICES[@]}"; do
        if pid="$(running_pid "$svc")"; then
            info "  $svc: already running (pid $pid)"
        else
            launch "$svc"
        fi
        to_wait+=("$svc")
    done

    info "Waiting for /actuator/health (timeout ${STARTUP_TIMEOUT}s) ..."
    if ! wait_healthy "$t0" "${to_wait[@]}"; then
        return 1
    fi
    print_summary "$(( $(now) - t0 ))"
}

# ---------------------------------------------------------------- commands

cmd_foreground() {
    # Any way out of the foreground run (Ctrl-C, kill, a failed start) stops the services.
    trap 'on_exit' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_all || exit 1
    UP=1
    info ""
    info "Running in the foreground; press Ctrl-C to stop all services."
    local svc reported=" "
    while :; do
        # A service dying later is reported once (with its log) but does not stop the rest.
        for svc in "${SERVICES[@]}"; do
            if [[ "$reported" != *" $svc "* ]] && ! running_pid "$svc" >/dev/null; then
                printf 'ERROR: %s has exited\n' "$svc" >&2
                show_log_tail "$svc"
                reported+="$svc "
            fi
        done
        sleep 2
    done
}

# Foreground exit: once everything was up, stop all services; if start-up failed or was
# interrupted, stop only what this run started (leave e.g. an earlier 'start' alone).
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    stop_training
    if (( UP )); then
        info ""
        info "Stopping services ..."
        stop_all
    elif (( ${#STARTED[@]} > 0 )); then
        info ""
        info "Stopping the services this run started ..."
        stop_services "${STARTED[@]}"
    fi
    exit "$rc"
}

on_start_interrupted() {
    trap - INT TERM
    info ""
    stop_training
    if (( ${#STARTED[@]} > 0 )); then
        info "Interrupted; stopping the services this run started ..."
        stop_services "${STARTED[@]}"
    fi
    exit 130
}

cmd_start() {
    # Ctrl-C while waiting: do not leave half-started JVMs behind.
    trap 'on_start_interrupted' INT TERM
    if ! start_all; then
        info "Services that did start are left running; 'scripts/run-local.sh stop' stops them." >&2
        exit 1
    fi
    trap - INT TERM
}

cmd_stop() {
    info "Stopping services ..."
    stop_all
}

cmd_status() {
    local svc pid port state all_ok=0
    printf '%-22s %-6s %-8s %s\n' SERVICE PORT PID STATE
    for svc in "${SERVICES[@]}"; do
        port="$(port_of "$svc")"
        if pid="$(running_pid "$svc")"; then
            if is_healthy "$svc"; then state="running, healthy"; else state="running, NOT healthy"; all_ok=1; fi
        else
            pid="-"
            if is_healthy "$svc"; then
                state="healthy, but not started by this script"
            else
                state="stopped"; all_ok=1
                [[ -f "$(pid_file "$svc")" ]] && state="stopped (stale pid file)"
            fi
        fi
        printf '%-22s %-6s %-8s %s\n' "$svc" "$port" "$pid" "$state"
    done
    return "$all_ok"
}

cmd_logs() {
    local svc files=()
    if [[ $# -gt 0 ]]; then
        svc="$(resolve_service "$1")" || die "unknown service '$1' (one of: ${SERVICES[*]})"
        files=("$(log_file "$svc")")
    else
        for svc in "${SERVICES[@]}"; do files+=("$(log_file "$svc")"); done
    fi
    # -F keeps following across restarts (the file is appended to, and may not exist yet).
    exec tail -n 100 -F "${files[@]}"
}

main() {
    local args=() a
    for a in "$@"; do
        case "$a" in
            --build) BUILD=1 ;;
            --install) INSTALL=1 ;;
            -h|--help) usage; exit 0 ;;
            *) args+=("$a") ;;
        esac
    done
    set -- ${args[@]+"${args[@]}"}

    case "${1:-}" in
        "")      cmd_foreground ;;
        start)   cmd_start ;;
        stop)    cmd_stop ;;
        restart) cmd_stop; cmd_start ;;
        status)  cmd_status ;;
        logs)    shift; cmd_logs "$@" ;;
        help)    usage ;;
        *)       usage >&2; exit 2 ;;
    esac
}

main "$@"
