#!/usr/bin/env bash
#
# Broker identity for Kubernetes (deploy/k8s/create-secrets.sh; docker compose generates its own inside
# compose: docs/running.md): generates (once) a random password per service, for the gateway, the
# operator and the broker's administrator into .env (git-ignored, mode 600), and writes
# deploy/rabbitmq/definitions.json (git-ignored: salted password hashes, the vhost, each user's
# least rights from social.support.messaging.BrokerPermissions), which RabbitMQ loads at boot.
# Rotation: delete a RABBIT_PASSWORD_* line, run this, then deploy/k8s/create-secrets.sh.
# Needs a JDK 17+ (the permissions are derived by the project's own code).
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_FILE="$ROOT/.env"
DEFINITIONS="$ROOT/deploy/rabbitmq/definitions.json"
VHOST="${RABBIT_VHOST:-social}"
CP="$ROOT/service-support/target/classes:$ROOT/messages-contract/target/classes"

if [[ ! -d "$ROOT/service-support/target/classes/social" ]]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl service-support -am compile)
fi

random_password() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

umask 077
touch "$ENV_FILE"
ensure_variable() {
    grep -q "^$1=" "$ENV_FILE" || printf '%s=%s\n' "$1" "$2" >>"$ENV_FILE"
}
ensure_variable RABBITMQ_ADMIN_USER admin
ensure_variable RABBITMQ_ADMIN_PASSWORD "$(random_password)"
while IFS=$'\t' read -r party _; do
    ensure_variable "RABBIT_PASSWORD_$(echo "$party" | tr 'a-z-' 'A-Z_')" "$(random_password)"
done < <(java -cp "$CP" social.support.messaging.BrokerPermissions)

set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a
umask 022    # the broker (another uid in its container) must read the definitions: hashes only
java -cp "$CP" social.support.messaging.BrokerDefinitions "$VHOST" "$RABBITMQ_ADMIN_USER" >"$DEFINITIONS.tmp"
mv "$DEFINITIONS.tmp" "$DEFINITIONS"
echo "Broker users written: passwords in .env, definitions in ${DEFINITIONS#$ROOT/} (vhost '$VHOST')"
