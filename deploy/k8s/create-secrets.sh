#!/usr/bin/env bash
#
# Creates (or updates) the Secrets that deploy/k8s references, in one namespace, from the git-ignored
# .env and deploy/rabbitmq/definitions.json that scripts/generate-env.sh writes (run it first):
#
#   <service>-db           username + password of the service's database role (kubernetes.io/basic-auth;
#                          CloudNativePG's managed roles read the same Secret: database.yaml)
#   <party>-broker         username + password of the service's (or the gateway's) broker user
#   auth-signing-key       auth-service's Ed25519 key pair: private-key, public-key
#   rabbitmq-definitions   definitions.json: users (salted hashes), the vhost 'social', permissions
#   management-token       token: the operator's token for every actuator beyond health and prometheus
#
# Usage: deploy/k8s/create-secrets.sh NAMESPACE        (KUBECTL=... to use another kubectl)
# Secret values never appear on a command line: kubectl reads them from file descriptors.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENV_FILE="${ENV_FILE:-$ROOT/.env}"
DEFINITIONS="${DEFINITIONS:-$ROOT/deploy/rabbitmq/definitions.json}"
KUBECTL="${KUBECTL:-kubectl}"

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 NAMESPACE"
NAMESPACE="$1"
[[ -f "$ENV_FILE" ]] || die "$ENV_FILE is missing: run scripts/generate-env.sh first"
[[ -f "$DEFINITIONS" ]] || die "$DEFINITIONS is missing: run scripts/generate-env.sh first"

value() {
    local line
    line="$(grep -m1 "^$1=" "$ENV_FILE" || true)"
    [[ -n "${line#*=}" ]] || die "$1 is not set in $ENV_FILE: run scripts/generate-env.sh"
    printf '%s' "${line#*=}"
}

PARTIES=(api-gateway auth-service user-service post-service followers-service like-service notification-service)
# every variable first: value() runs in a process substitution below, where a failure would not stop us
for variable in AUTH_DB_PASSWORD USERS_DB_PASSWORD POSTS_DB_PASSWORD FOLLOWERS_DB_PASSWORD LIKES_DB_PASSWORD \
    NOTIFICATIONS_DB_PASSWORD AUTH_SIGNING_PRIVATE_KEY AUTH_SIGNING_PUBLIC_KEY MANAGEMENT_TOKEN; do
    value "$variable" >/dev/null
done
for party in "${PARTIES[@]}"; do
    value "RABBIT_PASSWORD_$(tr 'a-z-' 'A-Z_' <<<"$party")" >/dev/null
done

# apply SECRET-NAME [kubectl create secret generic options...]: idempotent (create or update)
apply() {
    local name="$1"
    shift
    "$KUBECTL" create secret generic "$name" --namespace "$NAMESPACE" --dry-run=client -o yaml "$@" \
        | "$KUBECTL" apply --namespace "$NAMESPACE" -f -
}

# service, its database role, the .env variable of the role's password
while read -r service role variable; do
    apply "$service-db" --type=kubernetes.io/basic-auth \
        --from-file=username=<(printf '%s' "$role") \
        --from-file=password=<(value "$variable")
    # CloudNativePG applies a changed password to the role when the Secret carries this label
    "$KUBECTL" label secret "$service-db" --namespace "$NAMESPACE" --overwrite cnpg.io/reload=true
done <<'ROLES'
auth-service auth_svc AUTH_DB_PASSWORD
user-service users_svc USERS_DB_PASSWORD
post-service posts_svc POSTS_DB_PASSWORD
followers-service followers_svc FOLLOWERS_DB_PASSWORD
like-service likes_svc LIKES_DB_PASSWORD
notification-service notifications_svc NOTIFICATIONS_DB_PASSWORD
ROLES

for party in "${PARTIES[@]}"; do
    apply "$party-broker" \
        --from-file=username=<(printf '%s' "$party") \
        --from-file=password=<(value "RABBIT_PASSWORD_$(tr 'a-z-' 'A-Z_' <<<"$party")")
done

apply auth-signing-key \
    --from-file=private-key=<(value AUTH_SIGNING_PRIVATE_KEY) \
    --from-file=public-key=<(value AUTH_SIGNING_PUBLIC_KEY)

apply rabbitmq-definitions --from-file=definitions.json="$DEFINITIONS"

apply management-token --from-file=token=<(value MANAGEMENT_TOKEN)

echo "Secrets created in namespace $NAMESPACE"
