#!/usr/bin/env bash
#
# The load benchmark in one command: start the stack (own database and messaging prefix, rate
# limits out of the way), seed socfb-Reed98 if needed, measure the RabbitMQ echo floor and drive
# the DeathStarBench social-network mix with Gatling at a fixed rate; write
# benchmarks/results/<timestamp>-<mode>/{results.json,report.md}. See usage() and benchmarks/README.md.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
DATA="$BENCH/target/bench-data"

RATE=1000
DURATION=60
MODE=mix
WARMUP=10
JIT_WARMUP=""
START=1
KEEP=0
BUILD=""
PROFILE=0
FLOOR=1
STEPS="100 200 400 600 800 1000 1200 1400 1600 1800 2000 2400 2800"
STEP_DURATION=30
SOAK=""
SEGMENT=300
REPEAT=1
SCALE=1

usage() {
    cat <<EOF
Usage: benchmarks/run.sh [--rate N] [--duration S] [--mode mix|post-by-id|find-max|compose] [options]
       benchmarks/run.sh --soak 30m [--rate N] [--segment S] [options]

  --rate N          arrival rate in requests/s (open model)            [$RATE]
  --duration S      measured seconds, after a --warmup ramp            [$DURATION]
  --mode M          mix: 60 % GET /api/timeline, 30 % GET /api/users/{id}/posts,
                    10 % POST /api/posts (some with @mentions)
                    post-by-id: GET /api/posts/{id} only
                    find-max: the mix at rising rates (--steps, --step-duration each)
                    until p99 > 100 ms or errors > 0.1 %; reports the highest rate held
                    compose: does a post cost the same at the request whatever its author's
                    audience? bench_wide (followed by every seeded user) and bench_narrow
                    (by 10), notify on, post in turn at 4/s; compares their latencies [$MODE]
  --warmup S        ramp-up seconds before measuring (reported apart)   [$WARMUP]
  --jit-warmup S    an unreported run first (the mode's load at half the rate, S seconds) so
                    that the JVMs have compiled their hot paths: a cold stack of seven JVMs on
                    two cores needs a couple of minutes of load for that  [90 when this script
                    started the stack, else 0]
  --soak T          soak: the mode's load at --rate for T (e.g. 1800, 30m, 2h) without a pause
                    between measurements, as back-to-back segments of --segment seconds; the
                    report compares the first segment with the last (p99 and GC pause time of
                    every service; steady when each is within 20 %)
  --segment S       soak segment length                                 [$SEGMENT]
  --repeat N        the same run N times in a row (mix or post-by-id); reports each verdict
                    and whether they agree                               [$REPEAT]
  --scale N         seed N times the posts (each user 0-20 x N) into a database of its own
                    (BENCH_DB_NAME default social_bench_x<N>)            [$SCALE]
  --steps "A B .."  find-max rates                                      [$STEPS]
  --step-duration S find-max seconds per step                           [$STEP_DURATION]
  --no-start        use a stack that is already running (GATEWAY_PORT etc.)
  --keep-running    leave the stack this script started running afterwards
  --build           rebuild the services before starting them
  --no-floor        skip the echo floor (quicker runs while tuning; the report then has no ratio)
  --profile         record JFR (settings=profile) in every service JVM of the stack during
                    the measured run(s); recordings land next to the report (needs jcmd)

Environment: BENCH_DB_NAME [social_bench], BENCH_MESSAGING_PREFIX [bench.], GATEWAY_PORT [18080]
(services 18081-18086), EDGES [../shared/datasets/socfb-Reed98/socfb-Reed98.edges], JAVA_OPTS for
the services (run-local.sh's default otherwise), and RABBIT_*/DB_* as for run-local.sh.
Everything is local: the gateway is always http://localhost:\$GATEWAY_PORT.
EOF
}

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
info() { printf '[bench] %s\n' "$*"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate) RATE="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --mode) MODE="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --jit-warmup) JIT_WARMUP="$2"; shift 2 ;;
        --steps) STEPS="$2"; shift 2 ;;
        --step-duration) STEP_DURATION="$2"; shift 2 ;;
        --no-start) START=0; shift ;;
        --keep-running) KEEP=1; shift ;;
        --build) BUILD="--build"; shift ;;
        --profile) PROFILE=1; shift ;;
        --no-floor) FLOOR=0; shift ;;
        --soak) SOAK="$2"; shift 2 ;;
        --segment) SEGMENT="$2"; shift 2 ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --scale) SCALE="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
[[ -z "$JIT_WARMUP" || "$JIT_WARMUP" =~ ^[0-9]+$ ]] || die "--jit-warmup takes whole seconds"
[[ "$RATE" =~ ^[0-9]+$ && "$DURATION" =~ ^[0-9]+$ && "$WARMUP" =~ ^[0-9]+$ && "$STEP_DURATION" =~ ^[0-9]+$ ]] \
    || die "--rate, --duration, --warmup and --step-duration take whole numbers"
case "$MODE" in mix|post-by-id|find-max|compose) ;; *) die "--mode is mix, post-by-id, find-max or compose" ;; esac
[[ "$SEGMENT" =~ ^[0-9]+$ && "$REPEAT" =~ ^[1-9][0-9]*$ && "$SCALE" =~ ^[1-9][0-9]*$ ]] \
    || die "--segment, --repeat and --scale take whole numbers (--repeat and --scale at least 1)"
SOAK_SECONDS=0
if [[ -n "$SOAK" ]]; then
    case "$SOAK" in
        *h) SOAK_SECONDS=$(( ${SOAK%h} * 3600 )) ;;
        *m) SOAK_SECONDS=$(( ${SOAK%m} * 60 )) ;;
        *s) SOAK_SECONDS="${SOAK%s}" ;;
        *) SOAK_SECONDS="$SOAK" ;;
    esac
    [[ "$SOAK_SECONDS" =~ ^[0-9]+$ ]] && (( SOAK_SECONDS >= 2 * SEGMENT )) \
        || die "--soak takes a duration (1800, 30m, 2h) of at least two segments (--segment $SEGMENT s)"
    [[ "$MODE" == mix || "$MODE" == post-by-id ]] || die "--soak runs mix or post-by-id at one rate"
fi
(( REPEAT == 1 )) || [[ ( "$MODE" == mix || "$MODE" == post-by-id ) && -z "$SOAK" ]] \
    || die "--repeat is for mix or post-by-id at one rate, not with --soak"

# The stack under test: its own database and prefix, ports away from a developer's 8080, and the
# per-user/per-address rate limits (50/s, 100/s) far above the load (all of it comes from one address).
if (( SCALE > 1 )); then export DB_NAME="${BENCH_DB_NAME:-social_bench_x$SCALE}"; else export DB_NAME="${BENCH_DB_NAME:-social_bench}"; fi
export MESSAGING_PREFIX="${BENCH_MESSAGING_PREFIX:-bench.}"
export GATEWAY_PORT="${GATEWAY_PORT:-18080}" AUTH_PORT="${AUTH_PORT:-18081}" USER_PORT="${USER_PORT:-18082}"
export POST_PORT="${POST_PORT:-18083}" FOLLOWERS_PORT="${FOLLOWERS_PORT:-18084}" LIKE_PORT="${LIKE_PORT:-18085}"
export NOTIFICATION_PORT="${NOTIFICATION_PORT:-18086}"
export RATE_LIMIT_RPS=1000000 RATE_LIMIT_BURST=1000000 RATE_LIMIT_ANONYMOUS_RPS=1000000 RATE_LIMIT_ANONYMOUS_BURST=1000000
# the load comes from this one address, more than 64 requests at a time: lift the gateway's cap per address
export GATEWAY_MAX_REQUESTS_PER_ADDRESS=1000000
# The seeder registers and logs in ~1,000 users from this one address: lift auth-service's abuse limits
# (registrations per address per hour, the per-address hashing budget) the same way.
export SOCIAL_AUTH_REGISTRATION_MAXPERADDRESSPERHOUR=1000000 SOCIAL_AUTH_HASHING_PERADDRESSBURST=1000000 \
    SOCIAL_AUTH_HASHING_PERADDRESSPERMINUTE=1000000 RATE_LIMIT_INVALID_TOKEN_BURST=1000000
[[ "$DB_NAME" != "social" ]] || die "BENCH_DB_NAME must not be the development database 'social'"
# Every service logs its GC pauses, so that the report can give them per service (gc_pauses).
GC_LOGS="$ROOT/.run/logs"
mkdir -p "$GC_LOGS"
export JAVA_OPTS="${JAVA_OPTS:--Xms384m -Xmx384m -Xmn160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError} -Xlog:gc:file=$GC_LOGS/gc-%p.log:uptime"
BASE_URL="http://localhost:$GATEWAY_PORT"
EDGES="${EDGES:-$ROOT/../shared/datasets/socfb-Reed98/socfb-Reed98.edges}"
[[ -f "$EDGES" ]] || die "no graph at $EDGES (set EDGES)"

# tokens and samples belong to one database
(( SCALE == 1 )) || DATA="$BENCH/target/bench-data-x$SCALE"
STAMP="$(date +%Y%m%d-%H%M%S)"
KIND="$MODE"
[[ -z "$SOAK" ]] || KIND="$MODE-soak"
(( REPEAT == 1 )) || KIND="$MODE-repeat"
OUT="$BENCH/results/$STAMP-$KIND"
mkdir -p "$OUT"

# ------------------------------------------------------------------ build the benchmark module
info "building the benchmark module (./mvnw -Pbench -pl benchmarks)"
(cd "$ROOT" && ./mvnw -q -B -Pbench -pl benchmarks test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test) || die "benchmark build failed"
CP="$BENCH/target/test-classes:$(cat "$BENCH/target/cp.txt")"
bench_java() { (cd "$BENCH" && java -cp "$CP" "$@"); }

# ------------------------------------------------------------------ autovacuum
# A test machine's Postgres may run without autovacuum (this one's CI configuration turns it off);
# production's does not. Without it the newest posts' pages are never marked all-visible, so every
# timeline read visits them on the heap and each minute of load costs more than the one before
# (a soak at 250 req/s here: ~300 heap fetches per page after 7 minutes, p99 67 -> 300 ms over three
# back-to-back runs). So autovacuum runs for the benchmark, as the services' own table settings
# expect (post-service V10), and is put back as it was on exit.
AUTOVACUUM_RESTORE=0
pg_admin() {
    psql -h "${DB_HOST:-localhost}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d postgres -Atqc "$1"
}
restore_autovacuum() {
    if (( AUTOVACUUM_RESTORE )); then
        pg_admin "ALTER SYSTEM RESET autovacuum" && pg_admin "SELECT pg_reload_conf()" >/dev/null \
            && info "autovacuum: put back as it was (off)"
    fi
}
if command -v psql >/dev/null 2>&1 && [[ "$(pg_admin 'SHOW autovacuum' 2>/dev/null)" == off ]]; then
    if pg_admin "ALTER SYSTEM SET autovacuum = on" 2>/dev/null && pg_admin "SELECT pg_reload_conf()" >/dev/null; then
        AUTOVACUUM_RESTORE=1
        info "autovacuum: off in this Postgres; on for the benchmark (as in production), put back on exit"
    else
        info "autovacuum is off and could not be turned on (needs a superuser): long runs will slow down"
    fi
fi

# ------------------------------------------------------------------ the stack
STARTED=0
stop_stack() {
    if (( STARTED && ! KEEP )); then
        info "stopping the stack this run started"
        "$ROOT/scripts/run-local.sh" stop || true
    fi
}
trap 'restore_autovacuum; stop_stack' EXIT
if (( START )); then
    if "$ROOT/scripts/run-local.sh" status >/dev/null 2>&1; then
        info "the bench stack is already running (database $DB_NAME, prefix $MESSAGING_PREFIX): using it"
    else
        info "starting the stack: database $DB_NAME, prefix $MESSAGING_PREFIX, gateway $BASE_URL"
        STARTED=1
        "$ROOT/scripts/run-local.sh" $BUILD start || die "the stack did not start"
    fi
fi
curl -fsS --max-time 5 "$BASE_URL/readyz" >/dev/null || die "no ready gateway at $BASE_URL"

# ------------------------------------------------------------------ machine facts
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
stack_jdk() {
    local pid exe
    pid="$(cat "$ROOT/.run/api-gateway.pid" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && exe="$(readlink -f "/proc/$pid/exe" 2>/dev/null)"; then
        "$exe" -version 2>&1 | head -n 2 | tail -n 1
    else
        echo "unknown (stack not started by run-local.sh)"
    fi
}
write_machine() {
    local cpu mem opts
    cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//; s/"//g')"
    mem="$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    opts="${JAVA_OPTS:-run-local.sh default}"
    cat >"$1" <<JSON
{
  "cores": "$(nproc)",
  "cpu": "$cpu",
  "memory": "$mem",
  "stackJdk": "$(stack_jdk | sed 's/"//g')",
  "stackJavaOpts": "${opts//\"/}",
  "loadGeneratorJdk": "$(java -version 2>&1 | head -n 2 | tail -n 1 | sed 's/"//g')",
  "placement": "stack, Postgres, RabbitMQ and Gatling on this one machine",
  "loadAverageBefore": "$LOAD_BEFORE",
  "loadAverageAfter": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "gitCommit": "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)",
  "startedAt": "$STAMP"
}
JSON
}

# ------------------------------------------------------------------ JFR
jfr() {   # jfr start | jfr dump <dir>
    (( PROFILE )) || return 0
    local svc pid exe
    for svc in api-gateway auth-service user-service post-service followers-service like-service notification-service; do
        pid="$(cat "$ROOT/.run/$svc.pid" 2>/dev/null || true)"
        [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || continue
        exe="$(readlink -f "/proc/$pid/exe")"
        if [[ "$1" == start ]]; then
            "$(dirname "$exe")/jcmd" "$pid" JFR.start name=bench settings=profile >/dev/null
        else
            mkdir -p "$2"
            "$(dirname "$exe")/jcmd" "$pid" JFR.dump name=bench filename="$2/$svc.jfr" >/dev/null
            "$(dirname "$exe")/jcmd" "$pid" JFR.stop name=bench >/dev/null
        fi
    done
    if [[ "$1" == start ]]; then info "JFR recording in every service"; else info "JFR recordings: $2"; fi
}

# ------------------------------------------------------------------ seed and log in
info "seeding socfb-Reed98 through the API (skipped when already seeded)"
bench_java -Dseed.scale="$SCALE" social.bench.Seeder seed "$BASE_URL" "$EDGES" "$DATA"
# Fresh statistics and visibility maps after the bulk load, as autovacuum would have made them
# by now (this machine's Postgres runs with autovacuum off: without this, the timeline's
# index-only scans visit the heap for every row and plans rest on empty statistics).
if command -v vacuumdb >/dev/null 2>&1; then
    vacuumdb -h "${DB_HOST:-localhost}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d "$DB_NAME" --analyze -q \
        || info "vacuumdb failed: measuring without fresh statistics"
else
    info "no vacuumdb on PATH: measuring without fresh statistics (fine where autovacuum runs)"
fi

refresh_tokens() { bench_java -Dseed.scale="$SCALE" social.bench.Seeder login "$BASE_URL" "$EDGES" "$DATA"; }

size_of() { sed -n "s/.*\"$1\" *: *\\([0-9]*\\).*/\\1/p" "$DATA/sizes.json"; }

echo_floor() {   # echo_floor <rate> <duration> <out file>
    local bytes
    bytes="$(size_of mixMeanResponseBytes)"
    [[ "$MODE" == post-by-id ]] && bytes="$(size_of postBytes)"
    info "transport floor: RabbitMQ echo at $1 req/s for $2 s, reply ${bytes:-2048} B"
    bench_java -Drate="$1" -Dduration="$2" -DbodyBytes="${bytes:-2048}" -Dout="$3" social.bench.EchoFloor
}

# ------------------------------------------------------------------ CPU per request
# CPU seconds (utime + stime) of each part of the system, as "name ms" lines; the services by
# their pid files, RabbitMQ and Postgres by process name, and the whole machine's busy time.
cpu_snapshot() {
    local tck svc pid
    tck="$(getconf CLK_TCK)"
    ticks() { awk '{ t += $14 + $15 } END { print t + 0 }' "$@" 2>/dev/null || echo 0; }
    # with the time of exited children (cutime + cstime): Postgres backends come and go (pool
    # connections reach their maximum lifetime, autovacuum workers), and their CPU stays in the
    # postmaster's account once they have exited
    ticks_with_children() { awk '{ t += $14 + $15 + $16 + $17 } END { print t + 0 }' "$@" 2>/dev/null || echo 0; }
    for svc in api-gateway auth-service user-service post-service followers-service like-service notification-service; do
        pid="$(cat "$ROOT/.run/$svc.pid" 2>/dev/null || true)"
        [[ "$pid" =~ ^[0-9]+$ && -r /proc/$pid/stat ]] && echo "$svc $(( $(ticks "/proc/$pid/stat") * 1000 / tck ))"
    done
    local rabbit=() pg=() p
    for p in $(pgrep -x beam.smp); do rabbit+=("/proc/$p/stat"); done
    for p in $(pgrep -x postgres); do pg+=("/proc/$p/stat"); done
    (( ${#rabbit[@]} )) && echo "rabbitmq $(( $(ticks "${rabbit[@]}") * 1000 / tck ))"
    (( ${#pg[@]} )) && echo "postgres $(( $(ticks_with_children "${pg[@]}") * 1000 / tck ))"
    # the load generator: Maven's JVM running Gatling (and any JVM it forks)
    local gen=()
    for p in $(pgrep -f 'gatling:test|io.gatling'); do gen+=("/proc/$p/stat"); done
    (( ${#gen[@]} )) && echo "load-generator $(( $(ticks "${gen[@]}") * 1000 / tck ))"
    awk -v tck="$tck" '/^cpu / { print "machine", int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / tck) }' /proc/stat
}

# Samples CPU over a window inside the measured period (from 3 s after the warm-up to 3 s
# before the end), which begins when Gatling creates its run directory; writes cpu.json.
cpu_window() {   # cpu_window <rate> <duration> <out file> <runs before>
    local deadline=$(( $(date +%s) + 120 )) window=$(( $2 - 6 )) a b
    while (( $(ls -d "$BENCH"/target/gatling/*/ 2>/dev/null | wc -l) <= $4 )); do
        (( $(date +%s) < deadline )) || return 0
        sleep 0.2
    done
    (( window > 0 )) || return 0
    sleep $(( WARMUP + 3 ))
    a="$(cpu_snapshot)"
    local from to
    from="$(date +%s.%N)"
    sleep "$window"
    b="$(cpu_snapshot)"
    to="$(date +%s.%N)"
    awk -v rate="$1" -v window="$window" 'NR == FNR { before[$1] = $2; next }
        ($1 in before) { ms[$1] = $2 - before[$1]; names[++n] = $1 }
        END {
            printf "{\n  \"windowSeconds\": %d,\n  \"requests\": %d,\n  \"cpuMsPerRequest\": {", window, rate * window
            for (i = 1; i <= n; i++) printf "%s\n    \"%s\": %.3f", (i > 1 ? "," : ""), names[i], ms[names[i]] / (rate * window)
            printf "\n  },\n  \"cpuCoresBusy\": {"
            for (i = 1; i <= n; i++) printf "%s\n    \"%s\": %.2f", (i > 1 ? "," : ""), names[i], ms[names[i]] / (1000 * window)
            printf "\n  },\n"
        }' <(echo "$a") <(echo "$b") >"$3"
    printf '  "gcPauses": {%s\n  }\n}\n' "$(gc_pauses "$from" "$to")" >>"$3"
}

# Stop-the-world GC pauses of each service inside a window (epoch seconds), from its GC log
# ($GC_LOGS/gc-<pid>.log, written by the -Xlog:gc option this script adds to JAVA_OPTS): JSON
# members "service": {"count", "totalMs", "maxMs"}, none for a service without a log.
gc_pauses() {   # gc_pauses <from> <to>
    local svc pid log boot start tck first=1
    tck="$(getconf CLK_TCK)"
    boot="$(awk '/^btime/ { print $2 }' /proc/stat)"
    for svc in api-gateway auth-service user-service post-service followers-service like-service notification-service; do
        pid="$(cat "$ROOT/.run/$svc.pid" 2>/dev/null || true)"
        log="$GC_LOGS/gc-$pid.log"
        [[ "$pid" =~ ^[0-9]+$ && -r /proc/$pid/stat && -f "$log" ]] || continue
        # the JVM's uptime (what the log's lines are stamped with) at the window's ends
        start="$(awk -v boot="$boot" -v tck="$tck" '{ printf "%.3f", boot + $22 / tck }' "/proc/$pid/stat")"
        (( first )) || printf ","
        first=0
        awk -v svc="$svc" -v from="$1" -v to="$2" -v start="$start" '
            /Pause/ && match($0, /^\[[0-9.]+s\]/) {
                up = substr($0, 2, RLENGTH - 3) + 0
                if (up < from - start || up > to - start) next
                if (!match($0, /[0-9.]+ms$/)) next
                ms = substr($0, RSTART, RLENGTH - 2) + 0
                n++; total += ms; if (ms > max) max = ms
            }
            END { printf "\n    \"%s\": {\"count\": %d, \"totalMs\": %.1f, \"maxMs\": %.1f}", svc, n, total, max }' "$log"
    done
}

gatling() {   # gatling <mode> <rate> <duration> [cpu.json]; sets GATLING_RUN
    local log="$OUT/gatling-$1-$2.log" sampler=""
    info "Gatling: $1 at $2 req/s for $3 s (+${WARMUP} s warm-up), console in ${log#"$ROOT"/}"
    if [[ -n "${4:-}" ]]; then
        cpu_window "$2" "$3" "$4" "$(ls -d "$BENCH"/target/gatling/*/ 2>/dev/null | wc -l)" &
        sampler=$!
    fi
    (cd "$ROOT" && ./mvnw -q -B -Pbench -pl benchmarks gatling:test \
        -Dgatling.simulationClass=social.bench.SocialMixSimulation \
        -Dmode="$1" -Drate="$2" -Dduration="$3" -Dwarmup="$WARMUP" \
        -DbaseUrl="$BASE_URL" -DdataDir="$DATA" -Dedges="$EDGES" \
        -Dbench.description="$1 at $2 req/s") >"$log" 2>&1 || { tail -n 40 "$log" >&2; die "Gatling failed"; }
    [[ -z "$sampler" ]] || wait "$sampler" || true
    GATLING_RUN="$BENCH/target/gatling/$(tail -n 1 "$BENCH/target/gatling/lastRun.txt")"
    [[ -f "$GATLING_RUN/index.html" ]] || die "no Gatling report at $GATLING_RUN"
}

one_run() {   # one_run <mode> <rate> <duration> <out dir> <with echo 0|1>; true if held
    local dir="$4" echo_json="-"
    mkdir -p "$dir"
    refresh_tokens
    if (( $5 )); then
        echo_json="$dir/echo.json"
        echo_floor "$2" "$3" "$echo_json"
    fi
    jfr start
    gatling "$1" "$2" "$3" "$dir/cpu.json"
    jfr dump "$dir/jfr"
    write_machine "$dir/machine.json"
    bench_java social.bench.BenchReport run "$dir" "$GATLING_RUN" "$echo_json" "$dir/machine.json" "$1" "$2" "$3" \
        | tee "$dir/summary.txt"
    tail -n 1 "$dir/summary.txt" | grep -qx HELD
}

# A just-started stack answers its first minutes interpreted and compiling; measuring then would
# measure the JIT compilers competing for the two cores.
(( START && STARTED )) && JIT_WARMUP="${JIT_WARMUP:-90}"
if (( ${JIT_WARMUP:-0} > 0 )); then
    warm_mode="$MODE"; warm_rate="$RATE"
    [[ "$MODE" == find-max || "$MODE" == compose ]] && { warm_mode=mix; warm_rate="${STEPS%% *}"; }
    info "JIT warm-up: $warm_mode at $(( warm_rate / 2 )) req/s for $JIT_WARMUP s (not reported)"
    refresh_tokens
    gatling "$warm_mode" "$(( warm_rate / 2 > 0 ? warm_rate / 2 : 1 ))" "$JIT_WARMUP"
fi

if [[ "$MODE" == compose ]]; then
    refresh_tokens
    bench_java social.bench.ComposeCost "$BASE_URL" "$DATA" "$OUT"
elif [[ "$MODE" == find-max ]]; then
    HIGHEST=0
    for r in $STEPS; do
        if one_run mix "$r" "$STEP_DURATION" "$OUT/step-$r" 0; then
            HIGHEST="$r"
        else
            info "rate $r not held: stopping"
            break
        fi
    done
    if (( HIGHEST > 0 && FLOOR )); then
        echo_floor "$HIGHEST" "$STEP_DURATION" "$OUT/echo.json"
    fi
    write_machine "$OUT/machine.json"
    bench_java social.bench.BenchReport summarize "$OUT" "$OUT/machine.json"
elif [[ -n "$SOAK" ]]; then
    # Back to back: each segment refreshes the tokens (seconds) and starts Gatling again, so
    # the load pauses only for that; the echo floor is measured once, before the first.
    SEGMENTS=$(( SOAK_SECONDS / SEGMENT ))
    info "soak: $MODE at $RATE req/s for $SOAK_SECONDS s, $SEGMENTS segments of $SEGMENT s"
    if (( FLOOR )); then
        refresh_tokens
        echo_floor "$RATE" 60 "$OUT/echo.json"
    fi
    for (( i = 1; i <= SEGMENTS; i++ )); do
        one_run "$MODE" "$RATE" "$SEGMENT" "$OUT/$(printf 'segment-%02d' "$i")" 0 || true
    done
    write_machine "$OUT/machine.json"
    bench_java social.bench.BenchReport series "$OUT" "$OUT/machine.json" soak
elif (( REPEAT > 1 )); then
    for (( i = 1; i <= REPEAT; i++ )); do
        one_run "$MODE" "$RATE" "$DURATION" "$OUT/$(printf 'run-%02d' "$i")" "$FLOOR" || true
    done
    write_machine "$OUT/machine.json"
    bench_java social.bench.BenchReport series "$OUT" "$OUT/machine.json" repeat
else
    one_run "$MODE" "$RATE" "$DURATION" "$OUT" "$FLOOR" || true
fi
info "report: ${OUT#"$ROOT"/}/report.md (and results.json)"
