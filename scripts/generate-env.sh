#!/usr/bin/env bash
#
# Writes the secrets deploy/k8s/create-secrets.sh turns into Kubernetes Secrets into the git-ignored .env
# (docker compose needs none of this: its one-shot service 'secrets' generates its own, docs/running.md):
# the Postgres superuser's password, one password per service database role, auth-service's Ed25519
# signing key pair, Grafana's admin password (the observability container) and the operator's token for
# the actuators (MANAGEMENT_TOKEN, docs/security.md "Management endpoints"); then the broker's users
# (scripts/broker-users.sh: one password per service, the gateway and the administrator, and the
# broker's definitions file). Only variables missing from .env are added (so it is safe to run again);
# --rotate replaces named ones.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_FILE="${ENV_FILE:-$ROOT/.env}"

DB_PASSWORD_VARS=(POSTGRES_PASSWORD AUTH_DB_PASSWORD USERS_DB_PASSWORD POSTS_DB_PASSWORD
    FOLLOWERS_DB_PASSWORD LIKES_DB_PASSWORD NOTIFICATIONS_DB_PASSWORD)
SIGNING_KEY_VARS=(AUTH_SIGNING_PRIVATE_KEY AUTH_SIGNING_PUBLIC_KEY)
# GRAFANA_ADMIN_PASSWORD: read at the start of a fresh lgtm container (docker-compose.yml);
# MANAGEMENT_TOKEN: every service's actuator beyond health and prometheus (Authorization: Bearer)
OTHER_PASSWORD_VARS=(GRAFANA_ADMIN_PASSWORD MANAGEMENT_TOKEN)

usage() {
    cat <<USAGE
Usage: scripts/generate-env.sh [--rotate NAME...]

Adds to ${ENV_FILE#"$ROOT"/} every secret it does not hold yet:
  ${DB_PASSWORD_VARS[*]}
  ${SIGNING_KEY_VARS[*]}  (Ed25519, base64 PKCS#8 / X.509)
  ${OTHER_PASSWORD_VARS[*]}

--rotate NAME...  replace these (a variable name, or 'signing-key' for the key pair). A rotated
                  database password must also be set in Postgres: the script prints how; Grafana's
                  applies once its container is re-created (docker compose up -d --force-recreate lgtm);
                  MANAGEMENT_TOKEN once deploy/k8s/create-secrets.sh ran again and the pods restarted.
USAGE
}

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

command -v openssl >/dev/null 2>&1 || die "openssl is needed to generate passwords and the signing key"

random_password() { openssl rand -hex 24; }

has_var() { [[ -f "$ENV_FILE" ]] && grep -q "^$1=" "$ENV_FILE"; }

remove_var() {
    [[ -f "$ENV_FILE" ]] || return 0
    local kept
    kept="$(grep -v "^$1=" "$ENV_FILE" || true)"
    printf '%s\n' "$kept" | sed '/^$/d' >"$ENV_FILE"
}

append_var() { printf '%s=%s\n' "$1" "$2" >>"$ENV_FILE"; }

generate_signing_key() {
    local pem
    pem="$(openssl genpkey -algorithm ed25519)"
    append_var AUTH_SIGNING_PRIVATE_KEY "$(printf '%s\n' "$pem" | openssl pkey -outform DER | base64 | tr -d '\n')"
    append_var AUTH_SIGNING_PUBLIC_KEY "$(printf '%s\n' "$pem" | openssl pkey -pubout -outform DER | base64 | tr -d '\n')"
}

main() {
    local rotate=() name
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -h|--help) usage; exit 0 ;;
            --rotate) shift; [[ $# -gt 0 ]] || die "--rotate needs at least one name"
                while [[ $# -gt 0 && "$1" != --* ]]; do rotate+=("$1"); shift; done; continue ;;
            *) usage >&2; exit 2 ;;
        esac
    done

    umask 077    # the file holds secrets: readable by its owner only
    touch "$ENV_FILE"
    chmod 600 "$ENV_FILE"

    for name in ${rotate[@]+"${rotate[@]}"}; do
        if [[ "$name" == signing-key ]]; then
            remove_var AUTH_SIGNING_PRIVATE_KEY
            remove_var AUTH_SIGNING_PUBLIC_KEY
        elif [[ " ${DB_PASSWORD_VARS[*]} ${OTHER_PASSWORD_VARS[*]} " == *" $name "* ]]; then
            remove_var "$name"
        else
            die "cannot rotate '$name' (one of: ${DB_PASSWORD_VARS[*]} ${OTHER_PASSWORD_VARS[*]} signing-key)"
        fi
    done

    for name in "${DB_PASSWORD_VARS[@]}" "${OTHER_PASSWORD_VARS[@]}"; do
        if ! has_var "$name"; then
            append_var "$name" "$(random_password)"
            printf 'generated %s\n' "$name"
        fi
    done
    if ! has_var AUTH_SIGNING_PRIVATE_KEY || ! has_var AUTH_SIGNING_PUBLIC_KEY; then
        remove_var AUTH_SIGNING_PRIVATE_KEY
        remove_var AUTH_SIGNING_PUBLIC_KEY
        generate_signing_key
        printf 'generated AUTH_SIGNING_PRIVATE_KEY / AUTH_SIGNING_PUBLIC_KEY\n'
    fi

    for name in ${rotate[@]+"${rotate[@]}"}; do
        [[ " ${DB_PASSWORD_VARS[*]} " == *" $name "* && "$name" != POSTGRES_PASSWORD ]] || continue
        local role
        role="$(tr '[:upper:]' '[:lower:]' <<<"${name%_DB_PASSWORD}")_svc"
        cat <<HINT
Now set the new password of $role in Postgres, then restart its service:
  docker compose exec -T postgres psql -U postgres -d social -v pw="\$(grep '^$name=' .env | cut -d= -f2)" \\
      <<<"ALTER ROLE $role PASSWORD :'pw'"
HINT
    done
}

main "$@"
"$ROOT/scripts/broker-users.sh"
