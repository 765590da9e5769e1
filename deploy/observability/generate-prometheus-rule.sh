#!/usr/bin/env bash
#
# Writes the alert rules of deploy/observability/prometheus/alerts.yaml (their one source, which docker
# compose's Prometheus loads as it is) as the Prometheus Operator's PrometheusRule of
# deploy/k8s/components/monitoring/alert-rules.yaml: the same groups, indented under spec.
# Run it after every change of alerts.yaml; the deploy module's tests fail while the two differ.
#   deploy/observability/generate-prometheus-rule.sh [OUTPUT]      (default: the component's file)
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SOURCE="$ROOT/deploy/observability/prometheus/alerts.yaml"
OUTPUT="${1:-$ROOT/deploy/k8s/components/monitoring/alert-rules.yaml}"

{
    cat <<'HEADER'
# GENERATED from deploy/observability/prometheus/alerts.yaml by deploy/observability/generate-prometheus-rule.sh:
# edit that file and run the script, never this one.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: social-alerts
  labels:
    app.kubernetes.io/part-of: social
spec:
HEADER
    # from 'groups:' on (the source's header comment is about the source), every non-empty line two
    # spaces deeper: the top-level 'groups' becomes spec.groups
    sed -n '/^groups:/,$p' "$SOURCE" | sed -e 's/^\(.\)/  \1/'
} >"$OUTPUT.tmp"
mv "$OUTPUT.tmp" "$OUTPUT"
