// Static checks of the deployment files (no Docker engine or cluster runs here): docker-compose.yml,
// deploy/Dockerfile, deploy/k8s/*.yaml and deploy/nginx/nginx.conf agree with each other and with
// the apps they run.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  baseImage,
  commandOf,
  copiesOf,
  envOf,
  exposedPorts,
  instructionsOf,
  parseDockerfile,
  stageChain,
  targetStage,
} from './support/dockerfile';
import { type Directive, find, parseNginx, proxyHeaders } from './support/nginx';
import {
  bytes,
  dockerIgnored,
  exists,
  manifest,
  read,
  root,
  runtimeClosure,
  sourceText,
  yamlDocuments,
  yamlFile,
} from './support/repo';

// ---- What the deployment must run --------------------------------------------------------------

type App = Readonly<{
  /** Compose service, Kubernetes Deployment (and Service) name. */
  name: string;
  /** The workspace folder the image runs. */
  workspace: string;
  /** The variable holding the HTTP port the probes and the ingress use. */
  portVariable: string;
  /** Other listening ports, by variable. */
  otherPorts?: readonly string[];
  /** The TypeScript entry tsx runs; undefined for the Next.js app. */
  entry?: string;
  live: string;
  ready: string;
  /** Takes traffic, so has a Service. */
  service: boolean;
}>;

const apps: readonly App[] = [
  {
    name: 'identity',
    workspace: 'apps/identity',
    portVariable: 'IDENTITY_PORT',
    entry: 'apps/identity/src/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: true,
  },
  {
    name: 'command-api',
    workspace: 'apps/api',
    portVariable: 'COMMAND_PORT',
    entry: 'apps/api/src/commands/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: true,
  },
  {
    name: 'query-api',
    workspace: 'apps/api',
    portVariable: 'QUERY_PORT',
    otherPorts: ['GRPC_PORT'],
    entry: 'apps/api/src/queries/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: true,
  },
  {
    name: 'forwarder',
    workspace: 'apps/forwarder',
    portVariable: 'HEALTH_PORT',
    entry: 'apps/forwarder/src/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: false,
  },
  {
    name: 'projector',
    workspace: 'apps/projector',
    portVariable: 'HEALTH_PORT',
    entry: 'apps/projector/src/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: false,
  },
  {
    name: 'webhooks',
    workspace: 'apps/webhooks',
    portVariable: 'HEALTH_PORT',
    entry: 'apps/webhooks/src/main.ts',
    live: '/health/live',
    ready: '/health/ready',
    service: false,
  },
  {
    name: 'web',
    workspace: 'apps/web',
    portVariable: 'PORT',
    live: '/health/live',
    ready: '/health/ready',
    service: true,
  },
];
const appNames = apps.map((a) => a.name);
/** The one Dockerfile: a target per app, named as the app. */
const dockerfilePath = 'deploy/Dockerfile';
const infrastructure = ['redis', 'rabbitmq', 'mongodb'];
const ingressService = 'ingress';

/**
 * Variables the deployment sets that the app's sources do not mention yet, each with the reason.
 * Anything else a deployment sets must appear in the sources of the app (or of a workspace it
 * uses), which catches misspelt names.
 */
const notInSources: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'query-api': {
    // queries/main.ts does not attach Socket.IO (apps/api/src/realtime) yet.
    REALTIME_REDIS_URL: "to be passed as attachRealtime's redisUrl",
    REALTIME_SECRET: "to be passed as attachRealtime's ticketSecret (the web app's too)",
  },
  forwarder: { HEALTH_PORT: 'the forwarder is to serve /health/live and /health/ready on it' },
  projector: { HEALTH_PORT: 'the projector is to serve /health/live and /health/ready on it' },
  web: { PORT: 'read by `next start` itself' },
};

/** Values that must never be written into docker-compose.yml, only taken from .env. */
const composeSecrets = [
  'IDENTITY_JWKS',
  'WEB_CLIENT_SECRET',
  'NEXTAUTH_SECRET',
  'REALTIME_SECRET',
  'METRICS_TOKEN',
];

// ---- The files, parsed ---------------------------------------------------------------------------

type ComposeService = {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | { target: number; published?: string | number })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  deploy?: {
    replicas?: number;
    resources?: { limits?: { memory?: string }; reservations?: { memory?: string } };
  };
  mem_limit?: string;
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
};
const compose = yamlFile('docker-compose.yml') as { services: Record<string, ComposeService> };
const services = compose.services;

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
  };
};
type Probe = { httpGet?: { path: string; port: number | string } };
type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  resources?: { requests?: { memory?: string }; limits?: { memory?: string } };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
};
type PodSpec = {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
};
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    ingressClassName?: string;
    rules?: {
      host?: string;
      http: {
        paths: {
          path: string;
          pathType: string;
          backend: { service: { name: string; port: { number?: number; name?: string } } };
        }[];
      };
    }[];
  };
};

const kustomization = yamlFile('deploy/k8s/kustomization.yaml') as {
  resources: string[];
  images?: { name: string }[];
};
const k8sFiles = kustomization.resources.map((file) => `deploy/k8s/${file}`);
const k8s = k8sFiles.flatMap((file) => yamlDocuments(file) as K8sObject[]);
const ofKind = (kind: string) => k8s.filter((o) => o.kind === kind);
const deployments = ofKind('Deployment');
const k8sServices = ofKind('Service');
const ingresses = ofKind('Ingress');
const configMap = ofKind('ConfigMap').find((o) => o.metadata.name === 'taskomask-config');
const secret = ofKind('Secret').find((o) => o.metadata.name === 'taskomask-secrets');

const deploymentOf = (name: string) => deployments.find((d) => d.metadata.name === name);
const containerOf = (name: string): Container | undefined =>
  deploymentOf(name)?.spec?.template?.spec.containers[0];

const composeEnv = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, String(v ?? '')]),
  );

/** A k8s container variable's value: literal, or the ConfigMap / Secret entry it refers to. */
function k8sValue(variable: EnvVar): string | undefined {
  if (variable.value !== undefined) return variable.value;
  const fromMap = variable.valueFrom?.configMapKeyRef;
  if (fromMap) return configMap?.data?.[fromMap.key];
  const fromSecret = variable.valueFrom?.secretKeyRef;
  if (fromSecret) return secret?.stringData?.[fromSecret.key] ?? secret?.data?.[fromSecret.key];
  return undefined;
}
const k8sEnv = (name: string): Record<string, string | undefined> =>
  Object.fromEntries((containerOf(name)?.env ?? []).map((v) => [v.name, k8sValue(v)]));

/** The container port a probe or Service names (by number or name); undefined if it has none. */
function containerPort(container: Container | undefined, port: number | string | undefined) {
  const found = container?.ports?.find((p) =>
    typeof port === 'number' ? p.containerPort === port : p.name === port,
  );
  return found?.containerPort;
}

function dockerfileOf(app: App) {
  const build = services[app.name]?.build ?? {};
  const path = build.dockerfile ?? 'Dockerfile';
  const stages = parseDockerfile(read(path));
  const stage = targetStage(stages, build.target);
  if (stage === undefined) throw new Error(`${path}: no stage named ${build.target}`);
  return { path, stages, stage, chain: stageChain(stages, stage) };
}

const nginx = parseNginx(read('deploy/nginx/nginx.conf'));
const http = find(nginx, 'http')[0]?.block ?? [];
const upstreams = new Map(find(http, 'upstream').map((u) => [u.args[0]!, u.block ?? []]));
const servers = find(http, 'server');

const hostPort = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
};

// ---- The checks ------------------------------------------------------------------------------------

describe('every app is deployed', () => {
  it('docker-compose.yml runs the six apps, the three servers and the ingress', () => {
    expect(Object.keys(services).sort(), 'compose services').toEqual(
      [...appNames, ...infrastructure, ingressService].sort(),
    );
  });

  it('deploy/k8s has a Deployment for each app', () => {
    expect(deployments.map((d) => d.metadata.name).sort(), 'Deployments').toEqual(
      [...appNames].sort(),
    );
  });

  it('deploy/k8s has a Service for each app that takes traffic', () => {
    expect(k8sServices.map((s) => s.metadata.name).sort(), 'Services').toEqual(
      apps
        .filter((a) => a.service)
        .map((a) => a.name)
        .sort(),
    );
  });

  it('kustomization.yaml lists every manifest in deploy/k8s, and each exists', () => {
    expect(
      k8sFiles.filter((f) => !exists(f)),
      'listed in kustomization.yaml but missing',
    ).toEqual([]);
    const listed = new Set(kustomization.resources);
    const onDisk = readdirSync(`${root}/deploy/k8s`).filter(
      (f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml',
    );
    expect(
      onDisk.filter((f) => !listed.has(f)),
      'YAML files in deploy/k8s missing from kustomization.yaml',
    ).toEqual([]);
  });

  it("kustomization.yaml's images are the Deployments' images", () => {
    expect((kustomization.images ?? []).map((i) => i.name).sort(), 'kustomization images').toEqual(
      appNames.map((n) => containerOf(n)?.image).sort(),
    );
  });
});

describe('the one Dockerfile', () => {
  const stages = parseDockerfile(read(dockerfilePath));

  it('has a target for each app, and no app has a Dockerfile of its own', () => {
    const names = stages.map((s) => s.name);
    expect(
      appNames.filter((n) => !names.includes(n)),
      `${dockerfilePath}: missing targets`,
    ).toEqual([]);
    const own = readdirSync(`${root}/apps`).filter((dir) => exists(`apps/${dir}/Dockerfile`));
    expect(own, 'apps with their own Dockerfile').toEqual([]);
  });

  it('builds every Node service on one shared stage, and every image on one base', () => {
    const baseOf = (name: string) => {
      const stage = targetStage(stages, name);
      return stage === undefined ? [] : stageChain(stages, stage).map((s) => s.name);
    };
    const shared = apps.filter((a) => a.entry !== undefined).map((a) => baseOf(a.name).at(-2));
    expect(new Set(shared).size, 'the services derive from different stages').toBe(1);
    expect(new Set(appNames.map((n) => baseOf(n)[0])), 'the first stage of each image').toEqual(
      new Set(['base']),
    );
  });

  it('every Kubernetes Deployment runs the image of its target', () => {
    for (const name of appNames) {
      expect(containerOf(name)?.image, `deploy/k8s: ${name}'s image`).toBe(`taskomask/${name}`);
    }
  });

  it('deploy/README.md builds with it', () => {
    const readme = read('deploy/README.md');
    expect(readme).toContain(`docker build -f ${dockerfilePath} --target`);
    expect(readme, 'deploy/README.md still names per-app Dockerfiles').not.toMatch(
      /apps\/[\w*]+\/Dockerfile/,
    );
  });
});

describe.each(apps)('$name', (app) => {
  const service = services[app.name]!;
  const env = composeEnv(app.name);
  const port = Number(env[app.portVariable]);

  describe('image', () => {
    it('is built from the repository root with an existing Dockerfile', () => {
      expect(service.build?.context, `${app.name}: build.context`).toBe('.');
      const path = service.build?.dockerfile ?? '';
      expect(exists(path), `${app.name}: build.dockerfile ${path} does not exist`).toBe(true);
      expect(path, `${app.name}: every image comes from the one Dockerfile`).toBe(dockerfilePath);
      expect(service.build?.target, `${app.name}: build.target is the app's name`).toBe(app.name);
      expect(() => dockerfileOf(app), `${app.name}: build.target`).not.toThrow();
      expect(service.image, `${app.name}: the image is named after its target`).toMatch(
        new RegExp(`^taskomask/${app.name}:`),
      );
    });

    it('is multi-stage and runs on node:20-bookworm-slim as a non-root user', () => {
      const { path, stages, stage, chain } = dockerfileOf(app);
      expect(stages.length, `${path}: a multi-stage build`).toBeGreaterThan(1);
      expect(baseImage(stages, stage), `${path}: runtime image`).toBe('node:20-bookworm-slim');
      const user = instructionsOf(chain, 'USER').at(-1)?.args;
      expect(user, `${path}: the runtime stage needs a USER`).toBeDefined();
      expect(['root', '0', '0:0'], `${path}: USER ${user} is root`).not.toContain(user);
      expect(envOf(chain).NODE_ENV, `${path}: NODE_ENV`).toBe('production');
    });

    it("EXPOSEs the ports the app's variables say, and sets them", () => {
      const { path, chain } = dockerfileOf(app);
      for (const variable of [app.portVariable, ...(app.otherPorts ?? [])]) {
        const value = env[variable];
        expect(value, `${app.name}: compose sets no ${variable}`).toBeDefined();
        expect(exposedPorts(chain), `${path}: EXPOSE ${variable}=${value}`).toContain(
          Number(value),
        );
        expect(envOf(chain)[variable], `${path}: ENV ${variable}`).toBe(value);
      }
    });

    it('checks its health over HTTP on its port', () => {
      const { path, chain } = dockerfileOf(app);
      const check = instructionsOf(chain, 'HEALTHCHECK').at(-1)?.args ?? '';
      expect(check, `${path}: HEALTHCHECK`).toContain(`\${${app.portVariable}}`);
      expect([app.live, app.ready], `${path}: HEALTHCHECK path`).toContain(
        check.split(/\s+/).at(-1),
      );
      const copied = copiesOf(chain).some((c) =>
        c.sources.includes('deploy/docker/http-health.sh'),
      );
      expect(copied, `${path}: copies deploy/docker/http-health.sh`).toBe(true);
    });

    it('installs with npm ci for its workspace, with the root npm and tsx versions', () => {
      const { path, stages } = dockerfileOf(app);
      const rootManifest = manifest('.');
      const workspace = manifest(app.workspace).name;
      const runs = stages.flatMap((s) => instructionsOf([s], 'RUN').map((r) => r.args));
      expect(
        runs.some((r) => r.includes('npm ci') && r.includes(`--workspace=${workspace}`)),
        `${path}: npm ci --workspace=${workspace}`,
      ).toBe(true);
      const npmVersion = rootManifest.packageManager?.replace(/^npm@/, '');
      expect(runs.join('\n'), `${path}: npm of packageManager`).toContain(`npm@${npmVersion}`);
      if (app.entry !== undefined) {
        expect(runs.join('\n'), `${path}: tsx of the root`).toContain(
          `tsx@${rootManifest.devDependencies?.tsx}`,
        );
      }
    });

    it('copies its workspace and every workspace it uses', () => {
      const { path, stages, chain } = dockerfileOf(app);
      const fromContext = (chainOrStages: typeof chain) =>
        copiesOf(chainOrStages)
          .filter((c) => c.from === undefined)
          .flatMap((c) => c.sources);
      // web compiles its workspace dependencies into the Next build.
      const sources =
        app.name === 'web'
          ? fromContext(stages.filter((s) => s.name === 'web-build'))
          : fromContext(chain);
      for (const dir of runtimeClosure(app.workspace)) {
        const covered = sources.some((s) => dir === s || dir.startsWith(`${s}/`));
        expect(covered, `${path}: COPY ${dir} (a runtime dependency of ${app.workspace})`).toBe(
          true,
        );
      }
    });

    it('starts the entry point the app has', () => {
      const { path, chain } = dockerfileOf(app);
      const cmd = commandOf(chain) ?? [];
      if (app.entry === undefined) {
        expect(cmd, `${path}: CMD`).toEqual([
          'node',
          '/app/node_modules/next/dist/bin/next',
          'start',
        ]);
        expect(exists('node_modules/next/dist/bin/next'), 'next/dist/bin/next').toBe(true);
        expect(manifest(app.workspace).scripts?.start, `${app.workspace} start script`).toBe(
          'next start',
        );
        return;
      }
      expect(cmd.at(-1), `${path}: CMD runs ${app.entry}`).toBe(app.entry);
      // The loader path inside tsx is the one the pinned version ships.
      const loader = cmd[cmd.indexOf('--import') + 1] ?? '';
      const inPackage = loader.replace(/^\/opt\/tsx\//, '');
      expect(exists(inPackage), `${path}: ${loader} is not in tsx's package`).toBe(true);
      expect(exists(app.entry), `${path}: ${app.entry} does not exist`).toBe(true);
    });
  });

  describe('compose', () => {
    it('reserves 128 MiB and limits to 256 MiB', () => {
      const resources = service.deploy?.resources;
      const limit = resources?.limits?.memory ?? service.mem_limit;
      expect(limit, `${app.name}: compose memory limit`).toBeDefined();
      expect(bytes(limit!, 'compose'), `${app.name}: memory limit ${limit}`).toBe(256 * 2 ** 20);
      const reservation = resources?.reservations?.memory;
      expect(bytes(reservation ?? '0', 'compose'), `${app.name}: reservation`).toBe(128 * 2 ** 20);
    });

    it('waits for healthy dependencies that have a healthcheck', () => {
      const dependsOn = service.depends_on;
      expect(Array.isArray(dependsOn), `${app.name}: depends_on needs conditions`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(dependsOn ?? {})) {
        expect(condition, `${app.name} → ${dependency}`).toBe('service_healthy');
        const checked =
          services[dependency]?.healthcheck !== undefined ||
          (appNames.includes(dependency) &&
            instructionsOf(
              dockerfileOf(apps.find((a) => a.name === dependency)!).chain,
              'HEALTHCHECK',
            ).length > 0);
        expect(checked, `${dependency} has no healthcheck to wait for`).toBe(true);
      }
    });

    it('takes secrets from .env, never literally', () => {
      for (const name of composeSecrets.filter((s) => s in env)) {
        expect(env[name], `${app.name}: ${name} must be \${${name}:?…}`).toMatch(
          new RegExp(`^\\$\\{${name}:\\?`),
        );
      }
    });

    it('sets only variables the app reads', () => {
      const text = runtimeClosure(app.workspace)
        .map((dir) => sourceText(`${dir}/src`))
        .join('\n');
      const unknown = Object.keys(env).filter(
        (variable) =>
          !new RegExp(`\\b${variable}\\b`).test(text) &&
          notInSources[app.name]?.[variable] === undefined,
      );
      expect(unknown, `${app.name}: variables its sources never mention (misspelt?)`).toEqual([]);
    });
  });

  describe('kubernetes', () => {
    it('sets the same variables as compose, from the ConfigMap and the Secret', () => {
      const container = containerOf(app.name);
      expect(container, `Deployment ${app.name}`).toBeDefined();
      expect(Object.keys(k8sEnv(app.name)).sort(), `${app.name}: k8s env vs compose env`).toEqual(
        Object.keys(env).sort(),
      );
      for (const variable of container?.env ?? []) {
        const mapKey = variable.valueFrom?.configMapKeyRef?.key;
        const secretKey = variable.valueFrom?.secretKeyRef?.key;
        if (mapKey !== undefined) {
          expect(variable.valueFrom?.configMapKeyRef?.name).toBe('taskomask-config');
          expect(configMap?.data, `ConfigMap has no ${mapKey} (for ${app.name})`).toHaveProperty(
            mapKey,
          );
        } else if (secretKey !== undefined) {
          expect(variable.valueFrom?.secretKeyRef?.name).toBe('taskomask-secrets');
          expect(secret?.stringData, `Secret has no ${secretKey} (for ${app.name})`).toHaveProperty(
            secretKey,
          );
        } else {
          expect.fail(`${app.name}: ${variable.name} must come from the ConfigMap or the Secret`);
        }
      }
    });

    it('listens on the ports compose uses', () => {
      const container = containerOf(app.name);
      const values = k8sEnv(app.name);
      for (const variable of [app.portVariable, ...(app.otherPorts ?? [])]) {
        const expected = Number(env[variable]);
        expect(Number(values[variable]), `${app.name}: ${variable} in k8s vs compose`).toBe(
          expected,
        );
        expect(
          container?.ports?.map((p) => p.containerPort),
          `${app.name}: containerPort for ${variable}`,
        ).toContain(expected);
      }
    });

    it('requests 128Mi and is limited to 256Mi', () => {
      const resources = containerOf(app.name)?.resources;
      expect(resources?.requests?.memory, `${app.name}: memory request`).toBe('128Mi');
      expect(resources?.limits?.memory, `${app.name}: memory limit`).toBe('256Mi');
    });

    it('has liveness and readiness probes on its health endpoints and port', () => {
      const container = containerOf(app.name);
      const probes = {
        livenessProbe: app.live,
        readinessProbe: app.ready,
        startupProbe: app.live,
      } as const;
      for (const [kind, path] of Object.entries(probes) as [keyof typeof probes, string][]) {
        const get = container?.[kind]?.httpGet;
        if (kind === 'startupProbe' && get === undefined) continue;
        expect(get, `${app.name}: ${kind}.httpGet`).toBeDefined();
        expect(get?.path, `${app.name}: ${kind} path`).toBe(path);
        expect(containerPort(container, get?.port), `${app.name}: ${kind} port`).toBe(port);
      }
    });

    it('runs as non-root', () => {
      const pod = deploymentOf(app.name)?.spec?.template?.spec;
      const container = containerOf(app.name);
      const nonRoot =
        container?.securityContext?.runAsNonRoot ?? pod?.securityContext?.runAsNonRoot;
      expect(nonRoot, `${app.name}: runAsNonRoot`).toBe(true);
      // A named USER (`node`) cannot be checked by the kubelet: the uid must be numeric.
      const uid = container?.securityContext?.runAsUser ?? pod?.securityContext?.runAsUser;
      expect(uid, `${app.name}: runAsUser`).toBeGreaterThan(0);
    });

    it('selects its own pods and runs the image compose builds', () => {
      const deployment = deploymentOf(app.name);
      const selector = deployment?.spec?.selector?.matchLabels ?? {};
      expect(Object.keys(selector).length, `${app.name}: selector`).toBeGreaterThan(0);
      expect(deployment?.spec?.template?.metadata.labels, `${app.name}: pod labels`).toMatchObject(
        selector,
      );
      // The name without its tag (compose's tag is `${TASKOMASK_TAG:-dev}`).
      const repository = (image = '') => /^[^:]*/.exec(image)?.[0];
      expect(repository(containerOf(app.name)?.image), `${app.name}: image`).toBe(
        repository(service.image),
      );
    });
  });
});

describe('Services and Ingress', () => {
  it('every Service selects a Deployment and targets one of its container ports', () => {
    for (const svc of k8sServices) {
      const name = svc.metadata.name;
      const selector = svc.spec?.selector ?? {};
      const target = deployments.find((d) =>
        Object.entries(selector).every(([k, v]) => d.spec?.template?.metadata.labels[k] === v),
      );
      expect(target, `Service ${name} selects no Deployment`).toBeDefined();
      const container = target?.spec?.template?.spec.containers[0];
      for (const p of svc.spec?.ports ?? []) {
        expect(
          containerPort(container, p.targetPort ?? p.port),
          `Service ${name} port ${p.port} → targetPort ${p.targetPort}`,
        ).toBeDefined();
      }
    }
  });

  it('every Ingress route points at an existing Service port', () => {
    expect(ingresses.length, 'Ingress objects').toBeGreaterThan(0);
    for (const ingress of ingresses) {
      expect(ingress.spec?.ingressClassName, `${ingress.metadata.name}: class`).toBe('nginx');
      for (const rule of ingress.spec?.rules ?? []) {
        for (const { path, backend } of rule.http.paths) {
          const where = `Ingress ${ingress.metadata.name} ${rule.host}${path}`;
          const svc = k8sServices.find((s) => s.metadata.name === backend.service.name);
          expect(svc, `${where}: no Service ${backend.service.name}`).toBeDefined();
          const ports = svc?.spec?.ports ?? [];
          const matched = ports.some(
            (p) => p.port === backend.service.port.number || p.name === backend.service.port.name,
          );
          expect(matched, `${where}: Service ${backend.service.name} has no such port`).toBe(true);
        }
      }
    }
  });

  const routes = () =>
    ingresses.flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        rule.http.paths.map((p) => ({
          ingress,
          host: rule.host,
          path: p.path,
          pathType: p.pathType,
          service: p.backend.service.name,
        })),
      ),
    );
  const appHost = () => new URL(configMap?.data?.NEXTAUTH_URL ?? 'http://missing').hostname;
  const idHost = () => new URL(configMap?.data?.IDENTITY_ISSUER ?? 'http://missing').hostname;

  it.each([
    ['/api/commands', 'command-api', true],
    ['/api/queries', 'query-api', true],
    ['/socket.io/', 'query-api', false],
    ['/', 'web', false],
  ] as const)('routes %s to %s on the app host', (prefix, target, stripped) => {
    const route = routes().find(
      (r) => r.host === appHost() && r.path.replace(/\(.*$/, '') === prefix,
    );
    expect(route, `no Ingress route for ${appHost()}${prefix}`).toBeDefined();
    expect(route?.service, `${prefix} goes to`).toBe(target);
    const annotations = route?.ingress.metadata.annotations ?? {};
    if (stripped) {
      expect(route?.pathType, `${prefix}: a regular expression path`).toBe(
        'ImplementationSpecific',
      );
      expect(annotations['nginx.ingress.kubernetes.io/rewrite-target'], `${prefix}: rewrite`).toBe(
        '/$2',
      );
      expect(route?.path, `${prefix}: captures the rest as $2`).toBe(`${prefix}(/|$)(.*)`);
    } else {
      expect(
        annotations['nginx.ingress.kubernetes.io/rewrite-target'],
        `${prefix}`,
      ).toBeUndefined();
    }
  });

  it('keeps realtime connections open and on one replica', () => {
    const route = routes().find((r) => r.path === '/socket.io/');
    const annotations = route?.ingress.metadata.annotations ?? {};
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThan(
      60,
    );
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
  });

  it('routes the identity host to identity', () => {
    const route = routes().find((r) => r.host === idHost() && r.path === '/');
    expect(route?.service, `no Ingress route for ${idHost()}/ to identity`).toBe('identity');
  });

  it('in-cluster URLs in the ConfigMap name a Service and one of its ports', () => {
    for (const [key, value] of Object.entries(configMap?.data ?? {})) {
      if (!/^https?:\/\//.test(value)) continue;
      const { host, port } = hostPort(value);
      const svc = k8sServices.find((s) => s.metadata.name === host);
      if (svc === undefined) continue; // a public URL
      expect(
        svc.spec?.ports?.map((p) => p.port),
        `ConfigMap ${key}=${value}: Service ${host} has no port ${port}`,
      ).toContain(port);
    }
  });

  it('the public URLs agree with the Ingress hosts', () => {
    const data = configMap?.data ?? {};
    const hosts = routes().map((r) => r.host);
    expect(hosts, 'NEXTAUTH_URL host').toContain(appHost());
    expect(hosts, 'IDENTITY_ISSUER host').toContain(idHost());
    expect(data.WEB_REDIRECT_URIS?.startsWith(`${data.NEXTAUTH_URL}/api/auth/callback/`)).toBe(
      true,
    );
    expect(new URL(data.REALTIME_PUBLIC_URL ?? '').hostname, 'REALTIME_PUBLIC_URL').toBe(appHost());
  });
});

describe('identity and the APIs agree', () => {
  it('in compose: one issuer, one audience, one client secret, one realtime secret', () => {
    const identity = composeEnv('identity');
    for (const api of ['command-api', 'query-api']) {
      expect(composeEnv(api).AUTH_ISSUER, `${api} AUTH_ISSUER`).toBe(identity.IDENTITY_ISSUER);
      expect(composeEnv(api).AUTH_AUDIENCE, `${api} AUTH_AUDIENCE`).toBe(identity.API_AUDIENCE);
    }
    const web = composeEnv('web');
    expect(web.IDENTITY_ISSUER, 'web IDENTITY_ISSUER').toBe(identity.IDENTITY_ISSUER);
    expect(web.WEB_CLIENT_SECRET, 'web WEB_CLIENT_SECRET').toBe(identity.WEB_CLIENT_SECRET);
    expect(web.REALTIME_SECRET, 'web REALTIME_SECRET').toBe(
      composeEnv('query-api').REALTIME_SECRET,
    );
    expect(identity.WEB_REDIRECT_URIS, 'WEB_REDIRECT_URIS').toBe(
      `${web.NEXTAUTH_URL}/api/auth/callback/taskomask`,
    );
  });

  it('in Kubernetes: the APIs read the issuer and audience from the keys identity reads', () => {
    for (const api of ['command-api', 'query-api']) {
      const env = containerOf(api)?.env ?? [];
      const key = (name: string) =>
        env.find((v) => v.name === name)?.valueFrom?.configMapKeyRef?.key;
      expect(key('AUTH_ISSUER'), `${api} AUTH_ISSUER`).toBe('IDENTITY_ISSUER');
      expect(key('AUTH_AUDIENCE'), `${api} AUTH_AUDIENCE`).toBe('API_AUDIENCE');
    }
  });

  it('compose URLs between containers name a service and its port', () => {
    const portsOf = (name: string): number[] => {
      const app = apps.find((a) => a.name === name);
      if (app === undefined) return [];
      const env = composeEnv(name);
      return [app.portVariable, ...(app.otherPorts ?? [])].map((v) => Number(env[v]));
    };
    for (const app of apps) {
      for (const [key, value] of Object.entries(composeEnv(app.name))) {
        if (!/^https?:\/\//.test(value)) continue;
        const { host, port } = hostPort(value);
        if (!appNames.includes(host)) continue;
        expect(portsOf(host), `${app.name} ${key}=${value}: ${host} listens elsewhere`).toContain(
          port,
        );
      }
    }
  });

  it("compose's public origins are served by the ingress under the same name inside", () => {
    const ingress = services[ingressService]!;
    const aliases = ingress.networks?.default?.aliases ?? [];
    const issuer = hostPort(composeEnv('identity').IDENTITY_ISSUER!);
    const app = hostPort(composeEnv('web').NEXTAUTH_URL!);
    expect(aliases, 'the issuer host must reach the ingress from containers').toContain(
      issuer.host,
    );
    const published = (ingress.ports ?? []).map(String);
    for (const { host, port } of [issuer, app]) {
      expect(published, `${host}:${port} must be published as ${port}:${port}`).toContain(
        `${port}:${port}`,
      );
      const server = servers.find((s) =>
        find(s.block, 'server_name').some((d) => d.args.includes(host)),
      );
      expect(server, `nginx.conf has no server_name ${host}`).toBeDefined();
      expect(
        find(server?.block, 'listen').map((d) => Number(d.args[0])),
        `nginx listen port for ${host}`,
      ).toContain(port);
    }
  });
});

describe('nginx.conf', () => {
  const upstreamTarget = (name: string) => {
    const server = find(upstreams.get(name), 'server')[0];
    const [host, port] = (server?.args[0] ?? '').split(':');
    return { host, port: Number(port) };
  };

  it('each upstream is a compose service on the port its variable sets', () => {
    expect(upstreams.size, 'upstream blocks').toBeGreaterThan(0);
    for (const name of upstreams.keys()) {
      const { host, port } = upstreamTarget(name);
      const app = apps.find((a) => a.name === host);
      expect(app, `upstream ${name}: ${host} is not a compose app`).toBeDefined();
      expect(port, `upstream ${name}: ${host}'s ${app?.portVariable}`).toBe(
        Number(composeEnv(host!)[app!.portVariable]),
      );
      const resolves = find(upstreams.get(name), 'server').some((s) => s.args.includes('resolve'));
      if (resolves) {
        expect(find(http, 'resolver').length, '`resolve` needs a resolver').toBe(1);
        expect(find(upstreams.get(name), 'zone').length, `upstream ${name}: zone`).toBe(1);
      }
    }
  });

  const locationsOf = (server: Directive | undefined) =>
    new Map(find(server?.block, 'location').map((l) => [l.args.at(-1)!, l]));
  const appServer = () =>
    servers.find((s) => find(s.block, 'listen')[0]?.args.includes('default_server'));

  it.each([
    ['/api/commands/', 'command-api', true],
    ['/api/queries/', 'query-api', true],
    ['/socket.io/', 'query-api', false],
    ['/', 'web', false],
  ] as const)('routes %s to %s', (path, target, stripped) => {
    const location = locationsOf(appServer()).get(path);
    expect(location, `nginx.conf: no location ${path} in the default server`).toBeDefined();
    const pass = find(location?.block, 'proxy_pass')[0]?.args[0] ?? '';
    const url = new URL(pass);
    expect(upstreams.has(url.hostname), `${path}: proxy_pass ${pass} names no upstream`).toBe(true);
    expect(upstreamTarget(url.hostname).host, `${path} goes to`).toBe(target);
    // A URI part in proxy_pass replaces the matched prefix: /api/commands/x → /x.
    expect(url.pathname === '/' && pass.endsWith('/'), `${path}: prefix removed`).toBe(stripped);
  });

  it('passes WebSocket upgrades on /socket.io/ and keeps them open', () => {
    const server = appServer();
    const location = locationsOf(server).get('/socket.io/');
    const headers = proxyHeaders(http, server?.block, location?.block);
    expect(headers.get('upgrade'), 'proxy_set_header Upgrade').toBe('$http_upgrade');
    expect(headers.get('connection'), 'proxy_set_header Connection').toMatch(
      /^\$connection_upgrade$|^upgrade$/,
    );
    const version =
      find(location?.block, 'proxy_http_version')[0] ?? find(http, 'proxy_http_version')[0];
    expect(version?.args[0], 'proxy_http_version').toBe('1.1');
    expect(
      find(location?.block, 'proxy_read_timeout')[0]?.args[0],
      'proxy_read_timeout',
    ).toBeDefined();
  });

  it('routes the identity host to identity, with the forwarded headers it trusts', () => {
    const issuer = hostPort(composeEnv('identity').IDENTITY_ISSUER!).host;
    const server = servers.find((s) =>
      find(s.block, 'server_name').some((d) => d.args.includes(issuer)),
    );
    const location = locationsOf(server).get('/');
    const pass = find(location?.block, 'proxy_pass')[0]?.args[0] ?? '';
    expect(upstreamTarget(new URL(pass).hostname).host, `${issuer}/ goes to`).toBe('identity');
    const headers = proxyHeaders(http, server?.block, location?.block);
    for (const header of ['host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host']) {
      expect(headers.has(header), `identity needs ${header} (IDENTITY_TRUST_PROXY)`).toBe(true);
    }
    expect(composeEnv('identity').IDENTITY_TRUST_PROXY).toBe('true');
  });

  it('is the file the ingress service mounts', () => {
    expect(services[ingressService]?.volumes).toContain(
      './deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro',
    );
  });
});

describe('servers', () => {
  it('redis fsyncs every write: appendonly yes, appendfsync always', () => {
    const command = services.redis?.command;
    const args = Array.isArray(command) ? command : String(command ?? '').split(/\s+/);
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(args.includes('--appendonly'), 'redis: --appendonly').toBe(true);
    expect(option('--appendonly'), 'redis --appendonly').toBe('yes');
    expect(option('--appendfsync'), 'redis --appendfsync').toBe('always');
    expect(
      services.redis?.volumes?.some((v) => v.endsWith(':/data')),
      'redis /data volume',
    ).toBe(true);
  });

  it('mongodb runs replica set rs0, initiated by its healthcheck', () => {
    const command = services.mongodb?.command ?? [];
    expect(command, 'mongodb --replSet').toContain('--replSet');
    expect(command[command.indexOf('--replSet') + 1]).toBe('rs0');
    const test = [services.mongodb?.healthcheck?.test ?? []].flat().join(' ');
    expect(test, 'mongodb healthcheck initiates rs0').toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
    for (const app of apps) {
      const url = composeEnv(app.name).READ_STORE_URL;
      if (url !== undefined) expect(url, `${app.name} READ_STORE_URL`).toMatch(/replicaSet=rs0/);
    }
  });

  it('rabbitmq, redis and mongodb are published on loopback only, and every server is checked', () => {
    for (const name of infrastructure) {
      expect(services[name]?.healthcheck, `${name} healthcheck`).toBeDefined();
      for (const port of services[name]?.ports ?? []) {
        expect(String(port), `${name} publishes ${port}`).toMatch(/^127\.0\.0\.1:/);
      }
    }
  });
});

describe('secrets', () => {
  it('secret.yaml holds placeholders only', () => {
    for (const [key, value] of Object.entries(secret?.stringData ?? {})) {
      expect(
        value === '' || value.startsWith('REPLACE-ME'),
        `Secret ${key} is not a placeholder`,
      ).toBe(true);
    }
    expect(secret?.data, 'Secret data (base64) would hide real values').toBeUndefined();
  });

  it('deploy/compose-env.mjs writes every variable compose requires from .env', () => {
    const required = [...read('docker-compose.yml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!);
    const script = read('deploy/compose-env.mjs');
    for (const name of new Set(required)) {
      expect(script, `deploy/compose-env.mjs does not write ${name}`).toContain(`${name}=`);
    }
  });
});

describe('build context', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('leaves out node_modules, .git, local data and .env files', () => {
    for (const path of ['node_modules', 'apps/api/node_modules', '.git', 'data', '.env']) {
      expect(dockerIgnored(path, patterns), `.dockerignore should leave out ${path}`).toBe(true);
    }
  });

  it('keeps every file a Dockerfile copies from the context', () => {
    for (const app of apps) {
      const { path, stages } = dockerfileOf(app);
      for (const copy of copiesOf(stages).filter((c) => c.from === undefined)) {
        for (const source of copy.sources.filter((s) => s !== '.')) {
          expect(
            dockerIgnored(source, patterns),
            `${path}: COPY ${source} is in .dockerignore`,
          ).toBe(false);
          expect(exists(source), `${path}: COPY ${source} does not exist`).toBe(true);
        }
      }
    }
  });
});

describe('deploy/docker/http-health.sh', () => {
  const run = (port: number, path: string) =>
    new Promise<number | null>((resolve) => {
      const child = spawn('bash', ['deploy/docker/http-health.sh', String(port), path], {
        cwd: root,
        stdio: 'ignore',
      });
      child.once('exit', (code) => resolve(code));
    });

  it('exits 0 on 200 and non-zero on 503 or a closed port', async () => {
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/health/ready' ? 200 : 503;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await run(port, '/health/ready'), '200 → healthy').toBe(0);
      expect(await run(port, '/health/other'), '503 → unhealthy').not.toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await run(port, '/health/ready'), 'closed port → unhealthy').not.toBe(0);
  });
});
