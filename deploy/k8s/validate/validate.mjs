// Validates the Kubernetes manifests in deploy/k8s without a cluster (CI has none): every document against the
// Kubernetes and KEDA JSON schemas (the kubernetes-models packages, generated from the API's OpenAPI schemas), the
// kustomization's references, and the deployment against docker-compose.yml, which is tested for real: the same
// services, commands, environment variable names and values, users, health checks and mounts.
// Run by ../validate.sh; prints one line per problem (file, kind, name, what) and exits 1, or one summary line.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const K8S = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPO = resolve(K8S, "../..");
const rel = (p) => relative(REPO, p);

const problems = new Set(); // a claim shared by five services is one problem, not five
const report = (file, doc, message) =>
  problems.add(`${file}: ${doc?.kind ?? "(no kind)"} ${doc?.metadata?.name ?? "(no name)"}: ${message}`);

if (Number(process.versions.node.split(".")[0]) < 20) {
  console.error(`k8s: Node 20 or later is needed, this is ${process.versions.node}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------
// YAML. Manifests are read as YAML 1.1, as kubectl reads them (so `on`, `yes` and 0644 mean what they mean to the
// API server); docker-compose.yml as YAML 1.2 with merge keys (its `<<: *service-env`), as compose v2 reads it.
function loadDocuments(path, options) {
  const docs = [];
  for (const doc of parseAllDocuments(readFileSync(path, "utf8"), options)) {
    for (const e of [...doc.errors, ...doc.warnings]) report(rel(path), null, `YAML: ${e.message.split("\n")[0]}`);
    if (doc.errors.length) continue;
    const data = doc.toJS({ maxAliasCount: -1 });
    if (data !== null && data !== undefined) docs.push(data);
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas: apiVersion + kind -> the model class, whose validate() runs the schema's compiled validator. Core and
// built-in groups are in kubernetes-models; custom resources in the packages listed here.
const CRD_PACKAGES = { "keda.sh": "@kubernetes-models/keda" };

async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  const m = /^(?:([a-z0-9.-]+)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/.exec(apiVersion);
  if (!m) return null;
  const [, group, version] = m;
  const pkg = group ? `${CRD_PACKAGES[group] ?? "kubernetes-models"}/${group}` : "kubernetes-models";
  let mod;
  try {
    mod = await import(`${pkg}/${version}/${kind}`);
  } catch (e) {
    if (["ERR_PACKAGE_PATH_NOT_EXPORTED", "ERR_MODULE_NOT_FOUND"].includes(e.code)) return null;
    throw e;
  }
  const cls = mod[kind];
  return cls && cls.apiVersion === apiVersion && cls.kind === kind ? cls : null;
}

// The API's schemas allow any extra field (the API server drops or rejects them, depending on its settings), so a
// misspelt field (`readinessProbes`) would pass. The compiled validators read every field their schema knows, so
// the document is validated through proxies that record what was read; a field never read is not in the schema.
// Objects the validator did not look into at all (free-form ones) are skipped.
function validateStrict(cls, data) {
  const read = new WeakMap();
  const track = (obj) => {
    if (obj === null || typeof obj !== "object") return obj;
    if (!read.has(obj)) read.set(obj, new Set());
    const keys = read.get(obj);
    return new Proxy(obj, {
      get(target, key, receiver) {
        if (typeof key === "string") keys.add(key);
        return track(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === "string") keys.add(key);
        return Reflect.has(target, key);
      },
    });
  };
  const root = Object.assign(Object.create(cls.prototype), structuredClone(data));
  const errors = [];
  try {
    track(root).validate();
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    for (const err of e.errors) {
      const allowed = err.params?.allowedValues ? ` (${err.params.allowedValues.join(", ")})` : "";
      errors.push(`schema: ${err.instancePath || "/"} ${err.message}${allowed}`);
    }
  }
  const walk = (obj, path) => {
    if (obj === null || typeof obj !== "object") return;
    if (Array.isArray(obj)) return obj.forEach((v, i) => walk(v, `${path}/${i}`));
    const keys = read.get(obj);
    for (const [k, v] of Object.entries(obj)) {
      if (keys?.size && !keys.has(k)) errors.push(`schema: ${path}/${k} is not a field of ${data.kind} (misspelt?)`);
      walk(v, `${path}/${k}`);
    }
  };
  walk(root, "");
  return errors;
}

async function validateDocuments(file, docs, namespace) {
  const kinds = [];
  for (const doc of docs) {
    if (typeof doc !== "object" || Array.isArray(doc)) {
      report(file, null, "a document that is not a mapping");
      continue;
    }
    if (typeof doc.metadata?.name !== "string" || doc.metadata.name === "") report(file, doc, "no metadata.name");
    if (doc.metadata?.namespace !== undefined && doc.metadata.namespace !== namespace)
      report(file, doc, `namespace ${doc.metadata.namespace}, not the kustomization's ${namespace}`);
    const cls = await modelClass(doc.apiVersion, doc.kind);
    if (!cls) {
      report(file, doc, `unknown kind: no schema for apiVersion ${doc.apiVersion} kind ${doc.kind}`);
      continue;
    }
    for (const e of validateStrict(cls, doc)) report(file, doc, e);
    kinds.push(doc.kind);
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------------------------
// The manifests and the kustomization.
const kustomizationPath = join(K8S, "kustomization.yaml");
const kustomization = loadDocuments(kustomizationPath, { version: "1.1" })[0] ?? {};
const KFILE = rel(kustomizationPath);
const kdoc = { kind: "Kustomization", metadata: { name: "deploy/k8s" } };
const namespace = kustomization.namespace;
if (namespace !== "widthretrain") report(KFILE, kdoc, `namespace is ${namespace}, expected widthretrain`);

const manifestFiles = readdirSync(K8S).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort();
const resources = kustomization.resources ?? [];
for (const r of resources) if (!existsSync(join(K8S, r))) report(KFILE, kdoc, `resource ${r} does not exist`);
for (const f of manifestFiles) if (!resources.includes(f)) report(KFILE, kdoc, `${f} is not listed in resources`);
if (new Set(resources).size !== resources.length) report(KFILE, kdoc, "a resource is listed twice");

// configMapGenerator: name -> { key -> absolute source path }
const generated = new Map();
for (const g of kustomization.configMapGenerator ?? []) {
  const files = new Map();
  for (const entry of g.files ?? []) {
    const [key, path] = entry.includes("=") ? entry.split("=", 2) : [basename(entry), entry];
    const abs = resolve(K8S, path);
    if (!existsSync(abs) || !statSync(abs).isFile())
      report(KFILE, kdoc, `configMapGenerator ${g.name}: file ${path} does not exist (relative to deploy/k8s)`);
    files.set(key, abs);
  }
  generated.set(g.name, files);
}
const imageOverrides = new Map((kustomization.images ?? []).map((i) => [i.name, i]));
if (!imageOverrides.has("widthretrain")) report(KFILE, kdoc, "no images: entry for widthretrain (users set their registry there)");

const objects = []; // { file, doc }
const kinds = [];
for (const f of manifestFiles) {
  const docs = loadDocuments(join(K8S, f), { version: "1.1" });
  kinds.push(...(await validateDocuments(rel(join(K8S, f)), docs, namespace)));
  for (const doc of docs) objects.push({ file: rel(join(K8S, f)), doc });
}
const find = (kind, name) => objects.find((o) => o.doc?.kind === kind && o.doc?.metadata?.name === name);

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml: the variables it takes from .env (required ones are ${NAME:?...}), which are the Secret's keys.
const COMPOSE = join(REPO, "docker-compose.yml");
const compose = loadDocuments(COMPOSE, { version: "1.2", merge: true })[0] ?? {};
const composeText = readFileSync(COMPOSE, "utf8");
const envFileVars = new Set([...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
const requiredVars = new Set([...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)].map((m) => m[1]));
// Secrets the manifests may name: the one made from .env, and KEDA's (its host URL; README.md).
const SECRETS = new Set(["widthretrain", "widthretrain-keda"]);

// Compose's value with ${NAME...} written as Kubernetes' $(NAME); ${NAME:-default} resolved for image names.
const composeValue = (v) =>
  v === null || v === undefined
    ? null
    : String(v)
        .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g, "$($1)")
        .replace(/\$\$/g, "$");
const composeDefaults = (v) => String(v).replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, "$1");
const composeEnv = (service) => {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return new Map(Object.entries(env).map(([k, v]) => [k, composeValue(v)]));
  return new Map(env.map((e) => (e.includes("=") ? [e.slice(0, e.indexOf("=")), composeValue(e.slice(e.indexOf("=") + 1))] : [e, null])));
};

// ---------------------------------------------------------------------------------------------------------------
// Checks within the manifests.
const podSpecOf = (doc) =>
  ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(doc?.kind)
    ? doc.spec?.template
    : doc?.kind === "CronJob"
      ? doc.spec?.jobTemplate?.spec?.template
      : undefined;

// A container's env as compose would write it: a password taken from the Secret under its own .env name and used
// only inside other values ($(NAME)) is a helper, not one of the process's settings; secretKeyRef reads as $(KEY).
function k8sEnv(container) {
  const env = container.env ?? [];
  const texts = env.map((e) => (typeof e.value === "string" ? e.value : ""));
  const result = new Map();
  for (const e of env) {
    const ref = e.valueFrom?.secretKeyRef;
    const referenced = texts.some((t) => t.includes(`$(${e.name})`));
    if (ref && ref.key === e.name && referenced) continue;
    result.set(e.name, ref ? `$(${ref.key})` : e.valueFrom ? `<valueFrom ${Object.keys(e.valueFrom).join(",")}>` : e.value ?? "");
  }
  return result;
}

for (const { file, doc } of objects) {
  const template = podSpecOf(doc);
  if (["Deployment", "StatefulSet"].includes(doc?.kind)) {
    const labels = template?.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(doc.spec?.selector?.matchLabels ?? {}))
      if (labels[k] !== v) report(file, doc, `selector ${k}=${v} does not match the pod template's labels`);
  }
  if (doc?.kind === "StatefulSet" && !find("Service", doc.spec?.serviceName))
    report(file, doc, `serviceName ${doc.spec?.serviceName} is no Service here`);
  if (doc?.kind === "Service") {
    const selector = Object.entries(doc.spec?.selector ?? {});
    const selects = objects.some(({ doc: d }) => {
      const labels = podSpecOf(d)?.metadata?.labels ?? {};
      return selector.length && selector.every(([k, v]) => labels[k] === v);
    });
    if (!selects) report(file, doc, "its selector matches no pod template here");
  }
  if (doc?.kind === "ScaledObject") {
    const target = find(doc.spec?.scaleTargetRef?.kind ?? "Deployment", doc.spec?.scaleTargetRef?.name);
    if (!target) report(file, doc, `scaleTargetRef ${doc.spec?.scaleTargetRef?.name} is no Deployment here`);
    else if (target.doc.spec?.replicas !== undefined)
      report(target.file, target.doc, "sets replicas although a ScaledObject scales it (each apply would reset the count)");
    for (const t of doc.spec?.triggers ?? [])
      if (t.authenticationRef && !find("TriggerAuthentication", t.authenticationRef.name))
        report(file, doc, `authenticationRef ${t.authenticationRef.name} is no TriggerAuthentication here`);
  }
  if (doc?.kind === "TriggerAuthentication")
    for (const s of doc.spec?.secretTargetRef ?? [])
      if (!SECRETS.has(s.name)) report(file, doc, `secretTargetRef names Secret ${s.name}, not one of ${[...SECRETS].join(", ")}`);
  if (!template) continue;

  const pod = template.spec ?? {};
  if (template.metadata?.labels?.["app.kubernetes.io/part-of"] !== "widthretrain")
    report(file, doc, "pod template lacks the label app.kubernetes.io/part-of=widthretrain (the network policies admit by it)");
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const claims = new Set((doc.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
  for (const v of volumes.values()) {
    if (v.configMap) {
      const keys = generated.get(v.configMap.name);
      if (!keys && !find("ConfigMap", v.configMap.name))
        report(file, doc, `volume ${v.name}: ConfigMap ${v.configMap.name} is neither generated nor defined here`);
      for (const item of v.configMap.items ?? [])
        if (keys && !keys.has(item.key)) report(file, doc, `volume ${v.name}: ${v.configMap.name} has no key ${item.key}`);
    }
    if (v.persistentVolumeClaim && !find("PersistentVolumeClaim", v.persistentVolumeClaim.claimName))
      report(file, doc, `volume ${v.name}: PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} is not defined here`);
  }
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const m of c.volumeMounts ?? [])
      if (!volumes.has(m.name) && !claims.has(m.name)) report(file, doc, `container ${c.name}: mount ${m.name} has no volume`);
    const seen = new Set();
    for (const e of c.env ?? []) {
      // Kubernetes expands $(NAME) only with variables defined earlier in the list; otherwise the text stays as is.
      for (const [, name] of (typeof e.value === "string" ? e.value : "").matchAll(/(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g))
        if (!seen.has(name)) report(file, doc, `container ${c.name}: ${e.name} uses $(${name}), which is not defined above it`);
      seen.add(e.name);
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) continue;
      if (!SECRETS.has(ref.name)) report(file, doc, `container ${c.name}: ${e.name} reads Secret ${ref.name}, not one of ${[...SECRETS].join(", ")}`);
      else if (ref.name === "widthretrain" && !(ref.optional ? envFileVars : requiredVars).has(ref.key))
        report(file, doc, `container ${c.name}: ${e.name} reads key ${ref.key}, which docker-compose.yml does not ${ref.optional ? "use" : "require"} from .env`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml against the manifests. Every compose service outside a profile has a counterpart here.
const COUNTERPARTS = {
  postgres: "StatefulSet",
  rabbitmq: "StatefulSet",
  migrate: "Job",
  planner: "Deployment",
  "drift-generator": "Deployment",
  trainer: "Deployment",
  evaluator: "Deployment",
  "cost-accountant": "Deployment",
  dashboard: "Deployment",
};
// The worker services: compose's health check is both their readiness and liveness probe.
const WORKERS = new Set(["planner", "drift-generator", "trainer", "evaluator", "cost-accountant", "dashboard"]);
// Variables only the Kubernetes side sets, and why (in the manifest's comment).
const K8S_ONLY_ENV = { postgres: new Set(["PGDATA"]) };
// compose's `user:` names, as uids: the official postgres and rabbitmq images' users.
const IMAGE_USERS = { postgres: 999, rabbitmq: 999 };
const dockerfileUid = Number(/useradd\b[^\n]*--uid\s+(\d+)/.exec(readFileSync(join(REPO, "infra/docker/Dockerfile"), "utf8"))?.[1]);
const cdoc = (name) => ({ kind: "compose service", metadata: { name } });
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

for (const [name, service] of Object.entries(compose.services ?? {})) {
  if (service.profiles?.length) continue; // seq, cli, demo and tests: run by hand in compose, not deployed here
  const kind = COUNTERPARTS[name];
  const found = kind && find(kind, name);
  if (!found) {
    report(rel(COMPOSE), cdoc(name), `no ${kind ?? "counterpart"} named ${name} in deploy/k8s`);
    continue;
  }
  const { file, doc } = found;
  const pod = podSpecOf(doc).spec ?? {};
  const container = (pod.containers ?? []).find((c) => c.name === name) ?? pod.containers?.[0] ?? {};

  if (!same(container.command, service.entrypoint))
    report(file, doc, `command ${JSON.stringify(container.command ?? null)} differs from compose's entrypoint ${JSON.stringify(service.entrypoint ?? null)}`);
  if (!same(container.args, service.command))
    report(file, doc, `args ${JSON.stringify(container.args ?? null)} differ from compose's command ${JSON.stringify(service.command ?? null)}`);

  const want = composeEnv(service);
  const have = k8sEnv(container);
  for (const k of K8S_ONLY_ENV[name] ?? []) have.delete(k);
  for (const [k, v] of want) {
    if (!have.has(k)) report(file, doc, `environment variable ${k} (in compose) is missing`);
    else if (have.get(k) !== v) report(file, doc, `${k} is ${JSON.stringify(have.get(k))}, compose has ${JSON.stringify(v)}`);
  }
  for (const k of have.keys()) if (!want.has(k)) report(file, doc, `environment variable ${k} is not in compose`);

  const composeImage = composeDefaults(service.image ?? "");
  const [repo, tag] = composeImage.split(":");
  if (container.image?.includes(":") ? container.image !== composeImage : container.image !== repo)
    report(file, doc, `image ${container.image} differs from compose's ${composeImage}`);
  if (!container.image?.includes(":") && imageOverrides.get(repo)?.newTag !== tag)
    report(KFILE, kdoc, `images: ${repo} has newTag ${imageOverrides.get(repo)?.newTag}, compose's default tag is ${tag}`);

  const uid = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  const wantUid = service.user ? IMAGE_USERS[service.user] : dockerfileUid;
  if (uid !== wantUid) report(file, doc, `runs as uid ${uid}, compose's user is ${service.user ?? `the image's (uid ${wantUid})`}`);
  if (service.hostname && doc.kind !== "StatefulSet") report(file, doc, "compose pins its hostname; only a StatefulSet keeps one");

  const test = service.healthcheck?.test;
  if (Array.isArray(test) && test[0] === "CMD-SHELL") {
    const probes = WORKERS.has(name) ? ["readinessProbe", "livenessProbe"] : ["readinessProbe"];
    for (const p of probes) {
      const cmd = container[p]?.exec?.command;
      if (!(cmd?.length === 3 && ["sh", "/bin/sh"].includes(cmd[0]) && cmd[1] === "-c" && cmd[2] === test[1]))
        report(file, doc, `${p} is not compose's health check (sh -c ${JSON.stringify(test[1])})`);
    }
  }

  const mounts = container.volumeMounts ?? [];
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const claims = new Set((doc.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
  for (const spec of service.volumes ?? []) {
    const [source, target] = String(spec).split(":");
    if (!source.startsWith(".") && !source.startsWith("/")) {
      // A named volume: a claim mounted at the same path; one that several workloads mount must be ReadWriteMany.
      const m = mounts.find((x) => x.mountPath === target);
      const claim = m && (claims.has(m.name) ? m.name : volumes.get(m.name)?.persistentVolumeClaim?.claimName);
      if (!claim) report(file, doc, `compose's volume ${source} at ${target} is not a persistent volume mounted there`);
      const pvc = claim && !claims.has(m.name) && find("PersistentVolumeClaim", claim);
      const sharers = Object.values(compose.services).filter((s) => !s.profiles?.length && (s.volumes ?? []).some((v) => String(v).split(":")[0] === source));
      if (pvc && sharers.length > 1 && !pvc.doc.spec?.accessModes?.includes("ReadWriteMany"))
        report(pvc.file, pvc.doc, `shared by ${sharers.length} compose services, so it must be ReadWriteMany`);
      continue;
    }
    // A bind mount of the repository's files: the same files at the same path, from the generated ConfigMap.
    const sourcePath = resolve(REPO, source);
    const m = mounts.find((x) => target === x.mountPath || target.startsWith(`${x.mountPath}/`));
    const v = m && volumes.get(m.name);
    const keys = v?.configMap && generated.get(v.configMap.name);
    const under = m && target.slice(m.mountPath.length).replace(/^\//, "");
    const items = (v?.configMap?.items ?? []).filter((i) => !under || i.path === under || i.path.startsWith(`${under}/`));
    const ok =
      keys &&
      items.length > 0 &&
      items.every((i) => keys.get(i.key) === (i.path === under ? sourcePath : join(sourcePath, i.path.slice(under ? under.length + 1 : 0))));
    if (!ok) report(file, doc, `compose mounts ${source} at ${target}; no generated ConfigMap puts the same file(s) there`);
  }
}
if (!Number.isInteger(dockerfileUid)) report("infra/docker/Dockerfile", null, "no `useradd --uid N` found: cannot check the services' uid");

// ---------------------------------------------------------------------------------------------------------------
// What kustomize renders, where kubectl or kustomize is installed: the generated ConfigMap and the rewritten names
// and images are validated too. Without either, this part is skipped and the summary says so.
let built = "kustomize build skipped (no kubectl or kustomize on PATH)";
const tools = [
  ["kustomize", ["build", "--load-restrictor", "LoadRestrictionsNone", K8S]],
  ["kubectl", ["kustomize", "--load-restrictor", "LoadRestrictionsNone", K8S]],
];
for (const [tool, args] of tools) {
  const r = spawnSync(tool, args, { encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
  if (r.error?.code === "ENOENT") continue;
  if (r.status !== 0) {
    const why = (r.stderr || String(r.error)).trim().split("\n")[0].replace(/^[EWI]\d{4} [\d:.]+\s+\d+ \S+\] /, "");
    report(KFILE, kdoc, `${tool} ${args[0]} failed: ${why}`);
  } else {
    const docs = parseAllDocuments(r.stdout, { version: "1.1" }).map((d) => d.toJS()).filter((d) => d);
    const before = problems.size;
    const output = `${tool} ${args[0]} output`;
    const builtKinds = await validateDocuments(output, docs, namespace);
    for (const d of docs) if (d.kind !== "Namespace" && d.metadata?.namespace !== namespace) report(output, d, "not in the namespace");
    if (problems.size === before) built = `${tool} ${args[0]}: ${builtKinds.length} documents valid`;
  }
  break;
}

if (problems.size) {
  for (const p of problems) console.error(p);
  console.error(`k8s: ${problems.size} problem(s)`);
  process.exit(1);
}
const counts = Object.entries(kinds.reduce((a, k) => ((a[k] = (a[k] ?? 0) + 1), a), {}))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, n]) => (n > 1 ? `${n} ${k}` : k))
  .join(", ");
console.log(`k8s: ${kinds.length} documents valid (${counts}); kustomization and docker-compose.yml cross-checks passed; ${built}`);
