// Static checks of the deployment descriptions, run by the deploy module's tests (ComposeSchemaTest,
// KubernetesSchemaTest) with the packages of package-lock.json (docs/running.md, "Static checks"):
//
//   node validate.mjs compose <schema.json> <docker-compose.yml>...
//       each file, its YAML anchors and merge keys (<<) resolved as compose resolves them, against the
//       Compose Specification's JSON schema (deploy/compose-spec/: the vendored copy)
//   node validate.mjs k8s <manifests.yaml>...
//       every object of each (multi-document) file against the Kubernetes API schemas of kubernetes-models,
//       CloudNativePG's and the Prometheus Operator's; RabbitmqCluster, whose operator publishes no models
//       here, by the Kubernetes types it embeds (resources, affinity, the StatefulSet override's pod
//       template); any other kind is an error: nothing passes unchecked
//
// Prints one line per problem (file, object, path, message) and exits 1 if there is any, 0 otherwise.
// Unknown fields are not schema errors in Kubernetes' OpenAPI; fabric8's strict parse in
// ManifestRules.knownFieldsOnly catches those.

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const MODULES = {
  v1: () => import("kubernetes-models/v1"),
  "apps/v1": () => import("kubernetes-models/apps/v1"),
  "autoscaling/v2": () => import("kubernetes-models/autoscaling/v2"),
  "networking.k8s.io/v1": () => import("kubernetes-models/networking.k8s.io/v1"),
  "policy/v1": () => import("kubernetes-models/policy/v1"),
  "batch/v1": () => import("kubernetes-models/batch/v1"),
  "rbac.authorization.k8s.io/v1": () => import("kubernetes-models/rbac.authorization.k8s.io/v1"),
  "postgresql.cnpg.io/v1": () => import("@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1"),
  "monitoring.coreos.com/v1": () => import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1"),
};

/** Kinds without published models: the Kubernetes types they embed, by path. */
const EMBEDDED = {
  "rabbitmq.com/v1beta1/RabbitmqCluster": [
    ["metadata", "ObjectMeta"],
    ["spec.resources", "ResourceRequirements"],
    ["spec.affinity", "Affinity"],
    ["spec.tolerations[]", "Toleration"],
    ["spec.override.statefulSet.spec.template", "PodTemplateSpec"],
    ["spec.override.service.spec", "ServiceSpec"],
  ],
};

const problems = [];

function report(file, what, message) {
  problems.push(`${file}: ${what}: ${message}`);
}

function messageOf(error) {
  // kubernetes-models throws an error whose message lists every schema violation ("data/spec/... must ...")
  return String(error && error.message ? error.message : error).replace(/\s+/g, " ").trim();
}

function documents(file) {
  const text = readFileSync(file, "utf8");
  // merge: YAML 1.1's << keys, which compose (and Kubernetes' YAML reader) resolve
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: true });
  const values = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) report(file, "YAML", error.message);
      continue;
    }
    const value = doc.toJS({ maxAliasCount: -1 });
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

function compose(schemaFile, files) {
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  // the schema names its draft (07) by an address Ajv does not know it under; Ajv's default is draft-07
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  for (const file of files) {
    const docs = documents(file);
    if (docs.length !== 1) {
      report(file, "document", `expected one YAML document, found ${docs.length}`);
      continue;
    }
    if (!validate(docs[0])) {
      for (const error of validate.errors) {
        report(file, error.instancePath || "/", `${error.message}${paramsOf(error)}`);
      }
    }
  }
}

function paramsOf(error) {
  if (error.keyword === "additionalProperties") return ` (${error.params.additionalProperty})`;
  if (error.keyword === "enum") return ` (${error.params.allowedValues.join(", ")})`;
  return "";
}

async function kubernetes(files) {
  const core = await import("kubernetes-models/v1");
  const meta = await import("@kubernetes-models/apimachinery/apis/meta/v1");
  const embeddedTypes = { ...core, ObjectMeta: meta.ObjectMeta };
  let checked = 0;
  for (const file of files) {
    for (const object of documents(file)) {
      const name = `${object.apiVersion}/${object.kind} ${object?.metadata?.name ?? "(no name)"}`;
      const key = `${object.apiVersion}/${object.kind}`;
      checked++;
      if (EMBEDDED[key]) {
        for (const [path, type] of EMBEDDED[key]) {
          for (const [where, value] of at(object, path)) {
            try {
              new embeddedTypes[type](value).validate();
            } catch (error) {
              report(file, `${name} ${where} (${type})`, messageOf(error));
            }
          }
        }
        continue;
      }
      const load = MODULES[object.apiVersion];
      const module = load ? await load() : null;
      const Model = module ? module[object.kind] : undefined;
      if (!Model) {
        report(file, name, "no schema for this apiVersion and kind");
        continue;
      }
      try {
        new Model(object).validate();
      } catch (error) {
        report(file, name, messageOf(error));
      }
    }
  }
  if (checked === 0) report(files.join(" "), "documents", "no Kubernetes object found");
}

/** The values at a dotted path ("a.b[].c": every element of the list a.b), with where they are. */
function at(object, path) {
  let current = [["", object]];
  for (const part of path.split(".")) {
    const list = part.endsWith("[]");
    const key = list ? part.slice(0, -2) : part;
    const next = [];
    for (const [where, value] of current) {
      if (value === null || typeof value !== "object" || !(key in value)) continue;
      const child = value[key];
      if (list) {
        if (Array.isArray(child)) child.forEach((item, i) => next.push([`${where}.${key}[${i}]`, item]));
        else next.push([`${where}.${key}`, child]);
      } else {
        next.push([`${where}.${key}`, child]);
      }
    }
    current = next;
  }
  return current.map(([where, value]) => [where.slice(1), value]);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "compose" && args.length >= 2) {
  compose(args[0], args.slice(1));
} else if (mode === "k8s" && args.length >= 1) {
  await kubernetes(args);
} else {
  console.error("usage: node validate.mjs compose <schema.json> <compose.yml>... | k8s <manifests.yaml>...");
  process.exit(2);
}
for (const problem of problems) console.log(problem);
console.log(problems.length === 0 ? "valid" : `${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
