#!/usr/bin/env node
// Static checks for every Terraform module under terraform/, without a terraform binary.
//
// Each .tf file is parsed by HashiCorp's own HCL parser (Go, compiled to WebAssembly and shipped
// in @cdktf/hcl2json), which turns a file into JSON whose expressions stay as "${...}" strings.
// The checks below run on that JSON. Self-tests at the end feed small bad snippets through the
// same code and require each mistake to be caught, so a check that silently passes everything
// fails the run.
//
// Usage: node check.mjs            (exit code 0 when every module and self-test passes)

import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TERRAFORM_DIR = path.resolve(HERE, '..');
const SKIP_DIRS = new Set(['node_modules', '.terraform']);

// What each root module must provide. Directories not listed here still get the generic checks.
const MODULE_RULES = {
  aws: {
    cloud: 'aws',
    requireEntryPoints: true,
    requiredOutputs: ['function_url', 'alias_arn', 'role_arn', 'http_api_endpoint', 'log_group_name', 'secret_arn', 'dashboard_name',
      'batch_input_uri', 'batch_output_uri', 'batch_queue_url', 'batch_dead_letter_queue_url'],
  },
  gcp: {
    cloud: 'gcp',
    requireEntryPoints: true,
    requiredOutputs: ['function_uri', 'service_account_email', 'bigquery_dataset_id', 'sink_writer_identity',
      'batch_input_uri', 'batch_output_uri', 'batch_continuation_topic', 'batch_dead_letter_subscription'],
  },
};

// Actions with no IAM resource type: "*" is the only resource they accept (see terraform/aws/iam.tf).
const WILDCARD_RESOURCE_ACTIONS = new Set(['bedrock:ListFoundationModels', 'bedrock:ListInferenceProfiles', 'bedrock:ListModelInvocationJobs']);
const AWS_POLICY_ATTRIBUTES = new Set(['policy', 'assume_role_policy']);
const PUBLIC_GCP_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];
const GCP_PROJECT_ROLES_ALLOWED = new Set(['roles/aiplatform.user', 'roles/eventarc.eventReceiver']);
// Project-level roles allowed only with an IAM condition naming the one resource they are for (Firestore has no
// per-database IAM resource; see terraform/gcp/auth_store.tf).
const GCP_PROJECT_ROLES_CONDITIONAL = { 'roles/datastore.user': /google_firestore_database\./ };
// Project-level roles allowed only for one Google service agent: Cloud Storage triggers need the project's GCS
// agent to publish to Eventarc's topic (batch.tf). Never storage roles.
const GCP_AGENT_PROJECT_ROLES = { 'roles/pubsub.publisher': 'google_storage_project_service_account' };
const GCP_PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);
const SENSITIVE_NAME = /(secret_value|password|api_key|token)/;

const AWS_ENV_KEYS = ['SWITCHBOARD_SECRET_ARN', 'SWITCHBOARD_DEFAULT_TARGETS', 'SWITCHBOARD_COST_NAMESPACE'];
const GCP_ENV_KEYS = ['SWITCHBOARD_DEFAULT_TARGETS', 'SWITCHBOARD_VERTEX_PROJECT', 'SWITCHBOARD_VERTEX_LOCATION', 'GOOGLE_CLOUD_PROJECT'];
const LAMBDA_HANDLER = 'io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest';
const GCP_ENTRY_POINT = 'dev.switchboard.gcp.SwitchboardFunction';
const GCP_BATCH_ENTRY_POINT = 'dev.switchboard.gcp.batch.BatchFunction';
const GCP_BATCH_ENV_KEYS = [...GCP_ENV_KEYS, 'SWITCHBOARD_BATCH_INPUT_BUCKET', 'SWITCHBOARD_BATCH_OUTPUT_BUCKET',
  'SWITCHBOARD_BATCH_CONTINUATION_TOPIC', 'SWITCHBOARD_BATCH_INVOCATION_TIMEOUT'];

// ---------------------------------------------------------------------------------------------
// Model: a module is the merge of its files' JSON.

// Public entry points exist only when the gateway checks its own keys (auth_mode = "keys", README
// "Gateway keys"): a resource created only in that mode, or an authorization that is NONE only then.
const squash = (v) => String(v ?? '').replace(/\s+/g, '');
const keysOnly = (r) => squash(r.body.count) === '${var.auth_mode=="keys"?1:0}';
const iamUnlessKeys = (v) => v === 'AWS_IAM' || squash(v) === '${var.auth_mode=="keys"?"NONE":"AWS_IAM"}';

const isExpr = (s) => typeof s === 'string' && (s.includes('${') || s.includes('%{'));
const asList = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => asList(v)[0];

async function parseFiles(files) {
  const parsed = [];
  const errors = [];
  for (const [file, text] of Object.entries(files)) {
    try {
      parsed.push({ file, json: await parse(file, text) });
    } catch (e) {
      errors.push(err('parse', file, `HCL parse error: ${e.message}`));
    }
  }
  return { parsed, errors };
}

function buildModel(name, parsed) {
  const m = { name, files: [], variables: {}, outputs: {}, resources: {}, data: {}, locals: {}, terraform: [], providers: {} };
  for (const { file, json } of parsed) {
    m.files.push(file);
    for (const [vn, blocks] of Object.entries(json.variable ?? {})) m.variables[vn] = { file, body: first(blocks) ?? {} };
    for (const [on, blocks] of Object.entries(json.output ?? {})) m.outputs[on] = { file, body: first(blocks) ?? {} };
    for (const [kind, target] of [['resource', m.resources], ['data', m.data]]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const [rn, blocks] of Object.entries(byName)) target[`${type}.${rn}`] = { file, type, name: rn, body: first(blocks) ?? {} };
      }
    }
    for (const block of asList(json.locals)) for (const [ln, value] of Object.entries(block)) m.locals[ln] = { file, value };
    for (const block of asList(json.terraform)) m.terraform.push({ file, body: block });
    for (const [pn, blocks] of Object.entries(json.provider ?? {})) m.providers[pn] = { file, body: first(blocks) ?? {} };
  }
  return m;
}

function* strings(value, trail = []) {
  if (typeof value === 'string') yield { s: value, trail };
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...trail, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...trail, k]);
}

// Every place a module holds values, tagged with where it came from (for messages and exclusions).
function* sections(m) {
  for (const [n, v] of Object.entries(m.variables)) yield { where: `variable.${n}`, file: v.file, value: v.body, kind: 'variable', key: n };
  for (const [n, v] of Object.entries(m.outputs)) yield { where: `output.${n}`, file: v.file, value: v.body, kind: 'output', key: n };
  for (const [k, v] of Object.entries(m.resources)) yield { where: k, file: v.file, value: v.body, kind: 'resource', key: k };
  for (const [k, v] of Object.entries(m.data)) yield { where: `data.${k}`, file: v.file, value: v.body, kind: 'data', key: k };
  for (const [n, v] of Object.entries(m.locals)) yield { where: `local.${n}`, file: v.file, value: v.value, kind: 'local', key: n };
  for (const [n, v] of Object.entries(m.providers)) yield { where: `provider.${n}`, file: v.file, value: v.body, kind: 'provider', key: n };
  for (const t of m.terraform) yield { where: 'terraform', file: t.file, value: t.body, kind: 'terraform', key: 'terraform' };
}

const REF_PATTERNS = {
  var: /(?<![\w.])var\.([A-Za-z_][\w-]*)/g,
  local: /(?<![\w.])local\.([A-Za-z_][\w-]*)/g,
  data: /(?<![\w.])data\.([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g,
  resource: /(?<![\w.])((?:aws|google)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g,
};

function references(s) {
  const out = { var: [], local: [], data: [], resource: [] };
  if (!isExpr(s)) return out;
  for (const [kind, re] of Object.entries(REF_PATTERNS)) {
    for (const match of s.matchAll(re)) out[kind].push(kind === 'data' || kind === 'resource' ? `${match[1]}.${match[2]}` : match[1]);
  }
  return out;
}

function err(code, where, message) {
  return { code, where, message };
}

// ---------------------------------------------------------------------------------------------
// Generic checks: declarations, references, outputs, provider pins.

function checkDeclarations(m, rules, stats) {
  const errors = [];
  const used = { var: new Set(), local: new Set() };

  for (const sec of sections(m)) {
    for (const { s } of strings(sec.value)) {
      const refs = references(s);
      for (const v of refs.var) {
        if (!(v in m.variables)) errors.push(err('undeclared-variable', `${sec.file}: ${sec.where}`, `var.${v} is used but not declared in module ${m.name}`));
        // A variable's own validation does not count as a use.
        if (!(sec.kind === 'variable' && sec.key === v)) used.var.add(v);
      }
      for (const l of refs.local) {
        if (!(l in m.locals)) errors.push(err('undeclared-local', `${sec.file}: ${sec.where}`, `local.${l} is used but not declared in module ${m.name}`));
        if (!(sec.kind === 'local' && sec.key === l)) used.local.add(l);
      }
      for (const d of refs.data) {
        if (!(d in m.data)) errors.push(err('undeclared-reference', `${sec.file}: ${sec.where}`, `data.${d} is referenced but not declared`));
      }
      for (const r of refs.resource) {
        if (!(r in m.resources)) errors.push(err('undeclared-reference', `${sec.file}: ${sec.where}`, `${r} is referenced but not declared`));
      }
    }
  }

  for (const [n, v] of Object.entries(m.variables)) {
    stats.variables++;
    const d = v.body.description;
    if (typeof d !== 'string' || d.trim() === '' || isExpr(d)) errors.push(err('variable-description', `${v.file}: variable.${n}`, `variable "${n}" needs a literal, non-empty description`));
    if (v.body.type === undefined) errors.push(err('variable-type', `${v.file}: variable.${n}`, `variable "${n}" needs a type`));
    if (SENSITIVE_NAME.test(n) && v.body.sensitive !== true) errors.push(err('variable-sensitive', `${v.file}: variable.${n}`, `variable "${n}" looks secret and must be sensitive = true`));
    for (const val of asList(v.body.validation)) {
      if (typeof val.error_message !== 'string' || val.error_message.trim() === '') errors.push(err('variable-validation', `${v.file}: variable.${n}`, `a validation of "${n}" has no error_message`));
    }
    if (!used.var.has(n)) errors.push(err('unused-variable', `${v.file}: variable.${n}`, `variable "${n}" is declared but never used`));
  }
  for (const [n, l] of Object.entries(m.locals)) {
    if (!used.local.has(n)) errors.push(err('unused-local', `${l.file}: local.${n}`, `local "${n}" is declared but never used`));
  }

  for (const [n, o] of Object.entries(m.outputs)) {
    stats.outputs++;
    if (typeof o.body.description !== 'string' || o.body.description.trim() === '') errors.push(err('output-description', `${o.file}: output.${n}`, `output "${n}" needs a description`));
  }
  for (const required of rules.requiredOutputs ?? []) {
    if (!(required in m.outputs)) errors.push(err('missing-output', m.name, `module ${m.name} must declare output "${required}"`));
  }

  if (rules.requireEntryPoints) {
    const tf = m.terraform.map((t) => t.body);
    if (!tf.some((b) => typeof b.required_version === 'string')) errors.push(err('provider-pin', m.name, 'terraform.required_version is missing'));
    const providers = tf.flatMap((b) => asList(b.required_providers)).flatMap((rp) => Object.entries(rp));
    if (providers.length === 0) errors.push(err('provider-pin', m.name, 'terraform.required_providers is missing'));
    for (const [pn, spec] of providers) {
      if (typeof spec !== 'object' || typeof spec.version !== 'string' || !spec.source) errors.push(err('provider-pin', m.name, `provider "${pn}" needs a source and a version constraint`));
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// AWS: IAM statements and the application contract.

// Statements of a policy document, including the content of dynamic "statement" blocks.
function statementsOf(body) {
  const out = asList(body.statement).map((st, i) => ({ st, label: `statement[${i}]` }));
  for (const dyn of asList(body.dynamic)) {
    asList(dyn.statement).forEach((d, i) => {
      for (const content of asList(d.content)) out.push({ st: content, label: `dynamic statement[${i}]` });
    });
  }
  return out;
}

function checkAwsIam(m, stats) {
  const errors = [];

  for (const [key, d] of Object.entries(m.data)) {
    if (d.type !== 'aws_iam_policy_document') continue;
    stats.policyDocuments++;
    for (const attr of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
      for (const { s } of strings(d.body[attr] ?? [])) {
        if (!/^\$\{data\.aws_iam_policy_document\.[\w-]+\.json\}$/.test(s)) errors.push(err('policy-not-checkable', `${d.file}: data.${key}`, `${attr} may only merge other aws_iam_policy_document data sources`));
      }
    }
    for (const { st, label } of statementsOf(d.body)) {
      stats.statements++;
      const where = `${d.file}: data.${key} ${st.sid ? `(${st.sid})` : label}`;
      if (st.not_actions !== undefined) errors.push(err('not-actions', where, 'not_actions grants everything else; list actions explicitly'));
      if (st.not_resources !== undefined) errors.push(err('not-resources', where, 'not_resources is not allowed'));
      if (!Array.isArray(st.actions)) {
        errors.push(err('actions-not-literal', where, st.actions === undefined ? 'statement has no actions' : `actions must be a literal list, got ${JSON.stringify(st.actions)}`));
        continue;
      }
      const effect = st.effect ?? 'Allow';
      for (const a of st.actions) {
        stats.actions++;
        if (typeof a !== 'string' || isExpr(a)) errors.push(err('actions-not-literal', where, `action ${JSON.stringify(a)} must be a literal string`));
        else if (a.includes('*') || a.includes('?')) errors.push(err('wildcard-action', where, `action "${a}" contains a wildcard`));
        else if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a)) errors.push(err('malformed-action', where, `action "${a}" is not service:Action`));
      }
      if (effect === 'Allow') {
        const resources = Array.isArray(st.resources) ? st.resources : [];
        if (resources.includes('*')) {
          const others = st.actions.filter((a) => !WILDCARD_RESOURCE_ACTIONS.has(a));
          if (others.length > 0) errors.push(err('wildcard-resource', where, `Resource "*" is allowed only for ${[...WILDCARD_RESOURCE_ACTIONS].join(', ')}; not for ${others.join(', ')}`));
        }
        // Trust and resource policies name principals instead of resources.
        if (st.resources === undefined && st.principals === undefined) errors.push(err('wildcard-resource', where, 'an Allow statement needs resources'));
      }
      for (const p of asList(st.principals)) {
        for (const { s } of strings(p.identifiers ?? [])) if (s === '*') errors.push(err('wildcard-principal', where, 'principal "*" is not allowed'));
      }
    }
  }

  for (const [key, r] of Object.entries(m.resources)) {
    for (const attr of AWS_POLICY_ATTRIBUTES) {
      if (r.body[attr] === undefined) continue;
      stats.policyAttachments++;
      const v = r.body[attr];
      const match = typeof v === 'string' && v.match(/^\$\{data\.(aws_iam_policy_document\.[\w-]+)\.json\}$/);
      if (!match) errors.push(err('policy-not-checkable', `${r.file}: ${key}.${attr}`, `${attr} must be data.aws_iam_policy_document.<name>.json so its statements can be checked`));
      else if (!(match[1] in m.data)) errors.push(err('undeclared-reference', `${r.file}: ${key}.${attr}`, `data.${match[1]} is not declared`));
    }
    if (r.body.authorization_type === 'NONE') errors.push(err('public-endpoint', `${r.file}: ${key}`, 'authorization_type must not be NONE'));
    if (asList(r.body.inline_policy).length > 0) errors.push(err('policy-not-checkable', `${r.file}: ${key}`, 'use aws_iam_role_policy with a policy document instead of inline_policy'));
    if (r.type === 'aws_lambda_permission') {
      stats.lambdaPermissions++;
      const a = r.body.action;
      if (typeof a !== 'string' || isExpr(a) || a.includes('*') || !/^lambda:[A-Za-z]+$/.test(a)) errors.push(err('wildcard-action', `${r.file}: ${key}`, `lambda permission action must be an explicit lambda:Action, got ${JSON.stringify(a)}`));
      if (r.body.principal === '*' && !keysOnly(r)) errors.push(err('wildcard-principal', `${r.file}: ${key}`, 'lambda permission principal "*" makes the function public'));
    }
    for (const { s } of strings(r.body.policy_arn ?? r.body.managed_policy_arns ?? [])) {
      if (/(FullAccess|AdministratorAccess|PowerUserAccess)/.test(s)) errors.push(err('broad-managed-policy', `${r.file}: ${key}`, `managed policy ${s} is broader than the function needs`));
    }
  }

  // Policies spelled as jsonencode({...}) anywhere (locals included) cannot be checked.
  for (const sec of sections(m)) {
    for (const { s } of strings(sec.value)) {
      if (isExpr(s) && /jsonencode\(/.test(s) && /\b(Action|NotAction)\b\s*=/.test(s)) {
        errors.push(err('policy-not-checkable', `${sec.file}: ${sec.where}`, 'IAM policy written with jsonencode(); use data "aws_iam_policy_document"'));
      }
    }
  }
  return errors;
}

function resourcesOfType(m, type) {
  return Object.entries(m.resources).filter(([, r]) => r.type === type);
}

// The text of a value with one level of local.X resolved (so the keys of a merge() kept in a local
// are visible) and HCL string escapes dropped, for "does it mention X" checks.
function exprText(m, value) {
  const localText = (l) => [...strings(m.locals[l]?.value ?? '')].map(({ s }) => s).join('\n');
  return [...strings(value)]
    .map(({ s }) => s.replace(/\$\{local\.([\w-]+)\}/g, (_, l) => localText(l)))
    .join('\n')
    .replaceAll('\\', '');
}

// The gateway-key / ledger table: on demand, TTL, point-in-time recovery, encryption at rest.
function checkDynamoDbTables(m) {
  const errors = [];
  for (const [key, r] of resourcesOfType(m, 'aws_dynamodb_table')) {
    const b = r.body;
    const where = `${r.file}: ${key}`;
    if (b.billing_mode !== 'PAY_PER_REQUEST') errors.push(err('dynamodb-table', where, 'billing_mode must be PAY_PER_REQUEST (on demand)'));
    if (first(b.ttl)?.enabled !== true || !first(b.ttl)?.attribute_name) errors.push(err('dynamodb-table', where, 'ttl { attribute_name, enabled = true } is required'));
    if (first(b.point_in_time_recovery)?.enabled !== true) errors.push(err('dynamodb-table', where, 'point_in_time_recovery { enabled = true } is required'));
    if (first(b.server_side_encryption)?.enabled !== true) errors.push(err('dynamodb-table', where, 'server_side_encryption { enabled = true } is required'));
  }
  return errors;
}

/** local.custom_runtime (SnapStart off) names exactly the provided.al2023 runtimes, java25-aot and native. */
function customRuntimeIsOnlyProvided(m) {
  const def = String(m.locals.custom_runtime?.value ?? '').match(/contains\(\[([^\]]*)\],\s*var\.runtime\)/);
  if (!def) return false;
  const listed = [...def[1].matchAll(/"([a-z0-9.-]+)"/g)].map((x) => x[1]).sort();
  return JSON.stringify(listed) === JSON.stringify(['java25-aot', 'native']);
}

/** var.runtime is declared with a validation naming exactly these runtimes. */
function runtimeValidated(m, allowed) {
  const v = m.variables.runtime;
  if (!v) return false;
  const cond = asList(v.body.validation).map((x) => String(x.condition)).join('\n');
  const listed = [...cond.matchAll(/"([a-z0-9.-]+)"/g)].map((x) => x[1]);
  return allowed.every((a) => listed.includes(a)) && listed.every((l) => allowed.includes(l));
}

function checkAwsContract(m) {
  const errors = [];
  // the HTTP function; the batch function (batch.tf) has its own contract, checkAwsBatch
  const functions = resourcesOfType(m, 'aws_lambda_function').filter(([key]) => !isBatchKey(key));
  if (functions.length !== 1) errors.push(err('lambda-function', m.name, `expected exactly one aws_lambda_function, found ${functions.length}`));
  for (const [key, r] of functions) {
    const b = r.body;
    const where = `${r.file}: ${key}`;
    // java21, or chosen by var.runtime (java21 | java25 | java25-aot | native, validated) with SnapStart on every
    // managed Java runtime (java25-aot and native run on provided.al2023, where it does not apply)
    const byVar = /var\.runtime/.test(String(b.runtime));
    if (b.runtime !== 'java21' && !byVar) errors.push(err('lambda-function', where, `runtime must be java21 or follow var.runtime, got ${JSON.stringify(b.runtime)}`));
    if (byVar && !runtimeValidated(m, ['java21', 'java25', 'java25-aot', 'native'])) errors.push(err('lambda-function', where, 'variable "runtime" must validate java21, java25, java25-aot, native'));
    if (b.handler !== LAMBDA_HANDLER) errors.push(err('lambda-function', where, `handler must be ${LAMBDA_HANDLER}`));
    const dynamicSnap = asList(b.dynamic).map((d) => first(d.snap_start)).find(Boolean);
    const snapOk = first(b.snap_start)?.apply_on === 'PublishedVersions'
      || (dynamicSnap && first(dynamicSnap.content)?.apply_on === 'PublishedVersions'
        && /(var\.runtime\s*==\s*"native"|local\.custom_runtime)\s*\?\s*\[\]/.test(String(dynamicSnap.for_each))
        && (!/local\.custom_runtime/.test(String(dynamicSnap.for_each)) || customRuntimeIsOnlyProvided(m)));
    if (!snapOk) errors.push(err('snapstart', where, 'snap_start { apply_on = "PublishedVersions" } is required (dynamic: on every managed runtime, off only for java25-aot and native)'));
    if (b.publish !== true) errors.push(err('snapstart', where, 'publish = true is required: SnapStart only applies to published versions'));
    const env = exprText(m, first(b.environment)?.variables ?? '');
    for (const k of AWS_ENV_KEYS) if (!env.includes(k)) errors.push(err('lambda-env', where, `environment must set ${k}`));
  }
  const aliases = resourcesOfType(m, 'aws_lambda_alias');
  if (aliases.length === 0) errors.push(err('snapstart', m.name, 'an aws_lambda_alias must point at the published version'));
  for (const [key, r] of aliases) {
    if (!/aws_lambda_function\.[\w-]+\.version/.test(String(r.body.function_version))) errors.push(err('snapstart', `${r.file}: ${key}`, 'the alias must target aws_lambda_function.<name>.version'));
  }
  const urls = resourcesOfType(m, 'aws_lambda_function_url');
  if (urls.length === 0) errors.push(err('function-url', m.name, 'an aws_lambda_function_url is required'));
  for (const [key, r] of urls) {
    const where = `${r.file}: ${key}`;
    if (!iamUnlessKeys(r.body.authorization_type)) errors.push(err('function-url', where, 'authorization_type must be AWS_IAM (NONE only when auth_mode = "keys")'));
    if (r.body.invoke_mode !== undefined && r.body.invoke_mode !== 'BUFFERED') errors.push(err('function-url', where, 'invoke_mode must be BUFFERED (no streaming on the Java runtime)'));
    if (!/aws_lambda_alias\./.test(String(r.body.qualifier))) errors.push(err('function-url', where, 'qualifier must be the alias so the URL serves the SnapStart version'));
  }
  for (const [key, r] of resourcesOfType(m, 'aws_apigatewayv2_route')) {
    if (!iamUnlessKeys(r.body.authorization_type)) errors.push(err('http-api', `${r.file}: ${key}`, 'HTTP API routes must use authorization_type = "AWS_IAM"'));
  }
  for (const [key, r] of resourcesOfType(m, 'aws_apigatewayv2_integration')) {
    if (!/aws_lambda_alias\.[\w-]+\.invoke_arn/.test(String(r.body.integration_uri))) errors.push(err('http-api', `${r.file}: ${key}`, 'the integration must invoke the alias (aws_lambda_alias.<name>.invoke_arn)'));
  }
  const alarms = resourcesOfType(m, 'aws_cloudwatch_metric_alarm').filter(([, r]) => r.body.metric_name === 'CostUsd');
  if (alarms.length === 0) errors.push(err('cost-alarm', m.name, 'a CloudWatch alarm on CostUsd is required'));
  for (const [key, r] of alarms) {
    const b = r.body;
    if (b.statistic !== 'Sum' || b.period !== 86400 || b.dimensions !== undefined) errors.push(err('cost-alarm', `${r.file}: ${key}`, 'the cost alarm must SUM the dimensionless CostUsd over 86400 s'));
  }
  for (const [key, r] of resourcesOfType(m, 'aws_cloudwatch_log_group')) {
    if (!String(r.body.name).startsWith('/aws/lambda/')) errors.push(err('log-group', `${r.file}: ${key}`, 'the log group must be /aws/lambda/<function name>'));
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// AWS batch jobs (batch.tf): bucket -> queue (+ dead letters) -> function with partial batch responses.

const isBatchKey = (key) => /\.batch(_|$)/.test(key);
const AWS_BATCH_ENV_KEYS = [...AWS_ENV_KEYS, 'SWITCHBOARD_BATCH_QUEUE_URL'];

function checkAwsBatch(m) {
  const errors = [];
  const fns = resourcesOfType(m, 'aws_lambda_function').filter(([key]) => isBatchKey(key));
  if (fns.length === 0) return errors;
  for (const [key, r] of fns) {
    const where = `${r.file}: ${key}`;
    if (r.body.runtime !== 'java21') errors.push(err('batch-function', where, 'runtime must be java21'));
    if (r.body.handler !== LAMBDA_HANDLER) errors.push(err('batch-function', where, `handler must be ${LAMBDA_HANDLER}`));
    const vars = first(r.body.environment)?.variables ?? '';
    const env = (vars && typeof vars === 'object' && !Array.isArray(vars) ? Object.keys(vars).join('\n') : '') + exprText(m, vars);
    for (const k of AWS_BATCH_ENV_KEYS) if (!env.includes(k)) errors.push(err('batch-function', where, `environment must set ${k}`));
  }
  const mappings = resourcesOfType(m, 'aws_lambda_event_source_mapping');
  if (mappings.length === 0) errors.push(err('batch-queue', m.name, 'the batch function needs an aws_lambda_event_source_mapping from its queue'));
  for (const [key, r] of mappings) {
    if (!asList(r.body.function_response_types).includes('ReportBatchItemFailures')) errors.push(err('batch-queue', `${r.file}: ${key}`, 'function_response_types must include ReportBatchItemFailures (partial batch responses)'));
  }
  const queues = resourcesOfType(m, 'aws_sqs_queue').filter(([, r]) => r.body.redrive_policy !== undefined);
  if (queues.length === 0) errors.push(err('batch-queue', m.name, 'the batch queue needs a redrive_policy to a dead-letter queue'));
  for (const [key, r] of queues) {
    const where = `${r.file}: ${key}`;
    if (!String(r.body.redrive_policy).includes('deadLetterTargetArn')) errors.push(err('batch-queue', where, 'redrive_policy must name a deadLetterTargetArn'));
    const v = r.body.visibility_timeout_seconds;
    const timeout = Number(first(fns)[1].body.timeout);
    const ok = typeof v === 'number' ? Number.isFinite(timeout) && v >= 6 * timeout : /\$\{\s*6\s*\*\s*var\.[\w-]+\s*\}/.test(String(v));
    if (!ok) errors.push(err('batch-queue', where, 'visibility_timeout_seconds must be at least 6x the function timeout (6 * var.<timeout>)'));
    if (r.body.sqs_managed_sse_enabled !== true && r.body.kms_master_key_id === undefined) errors.push(err('batch-queue', where, 'the queue must be encrypted'));
  }
  for (const [key, r] of resourcesOfType(m, 'aws_s3_bucket_public_access_block')) {
    for (const a of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
      if (r.body[a] !== true) errors.push(err('batch-bucket', `${r.file}: ${key}`, `${a} must be true`));
    }
  }
  for (const type of ['aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_notification']) {
    if (resourcesOfType(m, type).length === 0) errors.push(err('batch-bucket', m.name, `the batch bucket needs an ${type}`));
  }
  for (const [key, r] of resourcesOfType(m, 'aws_s3_bucket_notification')) {
    for (const q of asList(r.body.queue)) {
      if (!q.filter_prefix || q.filter_suffix !== '.jsonl') errors.push(err('batch-bucket', `${r.file}: ${key}`, 'the notification must filter on the input prefix and the .jsonl suffix (results must not trigger jobs)'));
    }
  }
  const dlqAlarms = resourcesOfType(m, 'aws_cloudwatch_metric_alarm').filter(([, r]) => r.body.namespace === 'AWS/SQS' && r.body.metric_name === 'ApproximateNumberOfMessagesVisible');
  if (dlqAlarms.length === 0) errors.push(err('batch-alarm', m.name, 'an alarm on the dead-letter queue depth is required'));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// GCP: IAM members and the application contract.

function checkGcp(m, stats, rules) {
  const errors = [];
  for (const sec of sections(m)) {
    if (sec.kind === 'variable') continue; // validations name the refused members on purpose
    if (sec.kind === 'resource' && keysOnly(m.resources[sec.key])) continue; // gateway keys guard it
    for (const { s } of strings(sec.value)) {
      for (const p of PUBLIC_GCP_MEMBERS) {
        if (new RegExp(`\\b${p}\\b`).test(s)) errors.push(err('public-member', `${sec.file}: ${sec.where}`, `${p} must never be granted`));
      }
    }
  }
  for (const [key, r] of Object.entries(m.resources)) {
    if (!/^google_.*_iam_(member|binding|policy)$/.test(r.type)) continue;
    stats.gcpBindings++;
    const where = `${r.file}: ${key}`;
    if (/_iam_(binding|policy)$/.test(r.type)) errors.push(err('authoritative-iam', where, `${r.type} is authoritative and would strip other grants; use *_iam_member`));
    const role = r.body.role;
    if (GCP_PRIMITIVE_ROLES.has(role)) errors.push(err('primitive-role', where, `${role} is far broader than the function needs`));
    const scopedBy = GCP_PROJECT_ROLES_CONDITIONAL[role];
    const agentRole = GCP_AGENT_PROJECT_ROLES[role] !== undefined && String(r.body.member).includes(GCP_AGENT_PROJECT_ROLES[role]);
    if (r.type === 'google_project_iam_member' && scopedBy) {
      if (!scopedBy.test(String(first(r.body.condition)?.expression ?? ''))) errors.push(err('project-role', where, `project-level role ${role} needs an IAM condition scoping it to its resource`));
    } else if (r.type === 'google_project_iam_member' && !GCP_PROJECT_ROLES_ALLOWED.has(role) && !agentRole) errors.push(err('project-role', where, `project-level role ${JSON.stringify(role)} is not in the allowed set (${[...GCP_PROJECT_ROLES_ALLOWED].join(', ')})`));
  }
  if (rules.requireEntryPoints) {
    const invoker = m.variables.invoker_members;
    const guard = invoker ? asList(invoker.body.validation).map((v) => String(v.condition)).join('\n') : '';
    if (!invoker || !PUBLIC_GCP_MEMBERS.every((p) => guard.includes(p))) errors.push(err('public-member', m.name, 'variable "invoker_members" must have a validation that rejects allUsers and allAuthenticatedUsers'));

    // the HTTP function; the batch function (batch.tf) has its own contract, checkGcpBatch
    const fns = resourcesOfType(m, 'google_cloudfunctions2_function').filter(([key]) => !isBatchKey(key));
    if (fns.length !== 1) errors.push(err('gcf-function', m.name, `expected exactly one google_cloudfunctions2_function, found ${fns.length}`));
    for (const [key, r] of fns) {
      const where = `${r.file}: ${key}`;
      const build = first(r.body.build_config) ?? {};
      const service = first(r.body.service_config) ?? {};
      const gcpByVar = /var\.runtime/.test(String(build.runtime));
      if (build.runtime !== 'java21' && !gcpByVar) errors.push(err('gcf-function', where, 'build_config.runtime must be java21 or var.runtime'));
      if (gcpByVar && !runtimeValidated(m, ['java21', 'java25'])) errors.push(err('gcf-function', where, 'variable "runtime" must validate java21, java25'));
      if (build.entry_point !== GCP_ENTRY_POINT) errors.push(err('gcf-function', where, `build_config.entry_point must be ${GCP_ENTRY_POINT}`));
      if (!first(first(build.source)?.storage_source)) errors.push(err('gcf-function', where, 'build_config.source.storage_source is required'));
      if (!/google_service_account\./.test(String(service.service_account_email))) errors.push(err('gcf-function', where, 'service_config.service_account_email must be the dedicated service account'));
      const hasSecretEnv = service.secret_environment_variables !== undefined || asList(service.dynamic).some((d) => d.secret_environment_variables !== undefined);
      if (!hasSecretEnv) errors.push(err('gcf-function', where, 'service_config must mount secret_environment_variables'));
      const env = exprText(m, service.environment_variables ?? '');
      for (const k of GCP_ENV_KEYS) if (!env.includes(k)) errors.push(err('gcf-env', where, `environment_variables must set ${k}`));
    }
    const sinks = resourcesOfType(m, 'google_logging_project_sink');
    if (sinks.length === 0) errors.push(err('cost-sink', m.name, 'a logging sink for cost records is required'));
    for (const [key, r] of sinks) {
      if (r.body.unique_writer_identity !== true) errors.push(err('cost-sink', `${r.file}: ${key}`, 'unique_writer_identity must be true'));
      const filter = exprText(m, r.body.filter ?? '');
      if (!filter.includes('labels.switchboard_record="cost"')) errors.push(err('cost-sink', `${r.file}: ${key}`, 'the sink filter must select labels.switchboard_record="cost"'));
    }
    const metrics = resourcesOfType(m, 'google_logging_metric').filter(([, r]) => first(r.body.metric_descriptor)?.value_type === 'DISTRIBUTION');
    if (!metrics.some(([, r]) => r.body.value_extractor === 'EXTRACT(jsonPayload.cost_usd)')) errors.push(err('cost-metric', m.name, 'a DISTRIBUTION log metric extracting jsonPayload.cost_usd is required'));
    if (resourcesOfType(m, 'google_monitoring_alert_policy').length === 0) errors.push(err('cost-alert', m.name, 'a daily-cost alert policy is required'));
  }
  errors.push(...checkGcpBatch(m));
  return errors;
}

// GCP batch jobs (batch.tf): input bucket -> Eventarc (finalized) -> function -> output bucket; continuations through
// a topic whose push subscription retries and dead-letters.
function checkGcpBatch(m) {
  const errors = [];
  const fns = resourcesOfType(m, 'google_cloudfunctions2_function').filter(([key]) => isBatchKey(key));
  if (fns.length === 0) return errors;
  for (const [key, r] of fns) {
    const where = `${r.file}: ${key}`;
    const build = first(r.body.build_config) ?? {};
    const service = first(r.body.service_config) ?? {};
    const trigger = first(r.body.event_trigger) ?? {};
    if (build.runtime !== 'java21') errors.push(err('gcp-batch-function', where, 'build_config.runtime must be java21'));
    if (build.entry_point !== GCP_BATCH_ENTRY_POINT) errors.push(err('gcp-batch-function', where, `build_config.entry_point must be ${GCP_BATCH_ENTRY_POINT}`));
    if (!/google_service_account\./.test(String(service.service_account_email))) errors.push(err('gcp-batch-function', where, 'service_config.service_account_email must be a dedicated service account'));
    const t = service.timeout_seconds;
    if (typeof t === 'number' && t > 540) errors.push(err('gcp-batch-function', where, 'timeout_seconds must be at most 540 (event-driven functions)'));
    // merge(local.environment, {...}): the shared keys come from the HTTP function's local
    const env0 = exprText(m, service.environment_variables ?? '');
    const env = [env0, ...[...env0.matchAll(/local\.([\w-]+)/g)].map(([, l]) => exprText(m, `\${local.${l}}`))].join('\n');
    for (const k of GCP_BATCH_ENV_KEYS) if (!env.includes(k)) errors.push(err('gcp-batch-function', where, `environment_variables must set ${k}`));
    if (trigger.event_type !== 'google.cloud.storage.object.v1.finalized') errors.push(err('gcp-batch-trigger', where, 'event_trigger.event_type must be google.cloud.storage.object.v1.finalized'));
    if (trigger.retry_policy !== 'RETRY_POLICY_RETRY') errors.push(err('gcp-batch-trigger', where, 'event_trigger.retry_policy must be RETRY_POLICY_RETRY (at-least-once; the function is idempotent)'));
    const filters = asList(trigger.event_filters);
    if (!filters.some((f) => f.attribute === 'bucket' && /google_storage_bucket\.[\w-]*(input|\["in"\])/.test(String(f.value).replaceAll('\\', '')))) errors.push(err('gcp-batch-trigger', where, 'event_trigger must filter on the input bucket (results must not trigger jobs)'));
  }
  const buckets = resourcesOfType(m, 'google_storage_bucket').filter(([key]) => isBatchKey(key));
  const bucketCount = buckets.reduce((n, [, r]) => n + (r.body.for_each === undefined ? 1 : (String(r.body.for_each).match(/"[\w-]+"/g) ?? []).length), 0);
  if (bucketCount < 2) errors.push(err('gcp-batch-bucket', m.name, 'separate input and output buckets are required'));
  for (const [key, r] of buckets) {
    const where = `${r.file}: ${key}`;
    if (r.body.uniform_bucket_level_access !== true) errors.push(err('gcp-batch-bucket', where, 'uniform_bucket_level_access must be true'));
    if (r.body.public_access_prevention !== 'enforced') errors.push(err('gcp-batch-bucket', where, 'public_access_prevention must be "enforced"'));
    if (asList(r.body.lifecycle_rule).length === 0) errors.push(err('gcp-batch-bucket', where, 'a lifecycle_rule is required'));
  }
  for (const [key, r] of resourcesOfType(m, 'google_project_iam_member')) {
    if (String(r.body.role).startsWith('roles/storage.')) errors.push(err('gcp-batch-iam', `${r.file}: ${key}`, 'storage roles are granted on the buckets, never project-wide'));
  }
  const subs = resourcesOfType(m, 'google_pubsub_subscription').filter(([, r]) => r.body.push_config !== undefined);
  if (subs.length === 0) errors.push(err('gcp-batch-topic', m.name, 'the continuation topic needs a push subscription to the batch function'));
  for (const [key, r] of subs) {
    const where = `${r.file}: ${key}`;
    if (!first(first(r.body.push_config)?.oidc_token)) errors.push(err('gcp-batch-topic', where, 'push_config must authenticate with an oidc_token'));
    if (!first(r.body.dead_letter_policy)?.dead_letter_topic) errors.push(err('gcp-batch-topic', where, 'a dead_letter_policy with a dead_letter_topic is required'));
    if (!first(r.body.retry_policy)) errors.push(err('gcp-batch-topic', where, 'a retry_policy is required'));
  }
  const dlAlerts = resourcesOfType(m, 'google_monitoring_alert_policy').filter(([, r]) => exprText(m, JSON.stringify(r.body.conditions ?? '')).includes('num_undelivered_messages'));
  if (dlAlerts.length === 0) errors.push(err('gcp-batch-alert', m.name, 'an alert on the dead-letter subscription (num_undelivered_messages) is required'));
  return errors;
}

// Example variable files may only set variables the module declares.
async function checkTfvars(m, tfvars, stats) {
  const { parsed, errors } = await parseFiles(tfvars);
  for (const { file, json } of parsed) {
    stats.tfvarsFiles++;
    for (const key of Object.keys(json)) {
      if (!(key in m.variables)) errors.push(err('undeclared-variable', file, `sets "${key}", which module ${m.name} does not declare`));
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------

async function checkModule(name, files, rules = {}, tfvars = {}) {
  const stats = { files: 0, variables: 0, outputs: 0, resources: 0, policyDocuments: 0, statements: 0, actions: 0, policyAttachments: 0, lambdaPermissions: 0, gcpBindings: 0, tfvarsFiles: 0 };
  const { parsed, errors } = await parseFiles(files);
  stats.files = parsed.length;
  const m = buildModel(name, parsed);
  stats.resources = Object.keys(m.resources).length + Object.keys(m.data).length;
  errors.push(...checkDeclarations(m, rules, stats));
  if (rules.cloud === 'aws') {
    errors.push(...checkAwsIam(m, stats));
    errors.push(...checkDynamoDbTables(m));
    if (rules.requireEntryPoints) errors.push(...checkAwsContract(m));
    errors.push(...checkAwsBatch(m));
  }
  if (rules.cloud === 'gcp') errors.push(...checkGcp(m, stats, rules));
  errors.push(...(await checkTfvars(m, tfvars, stats)));
  return { errors, stats };
}

async function findModules(root) {
  const modules = new Map();
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tfvars')) {
        const rel = path.relative(root, dir) || '.';
        if (!modules.has(rel)) modules.set(rel, { tf: {}, tfvars: {} });
        const kind = entry.name.endsWith('.tf') ? 'tf' : 'tfvars';
        modules.get(rel)[kind][path.relative(path.dirname(root), full)] = await readFile(full, 'utf8');
      }
    }
  }
  await walk(root);
  return modules;
}

// ---------------------------------------------------------------------------------------------
// Self-tests: each bad snippet must produce the named error; the clean one must produce none.

const SELF_TESTS = [
  {
    name: 'a wildcard action is caught',
    rules: { cloud: 'aws' },
    expect: 'wildcard-action',
    hcl: `
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::bucket/*"]
  }
}
output "p" {
  description = "policy"
  value       = data.aws_iam_policy_document.p.json
}`,
  },
  {
    name: 'a bare "*" action inside a dynamic statement is caught',
    rules: { cloud: 'aws' },
    expect: 'wildcard-action',
    hcl: `
variable "on" {
  description = "toggle"
  type        = bool
}
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.on ? [1] : []
    content {
      actions   = ["*"]
      resources = ["arn:aws:s3:::bucket"]
    }
  }
}
output "p" {
  description = "policy"
  value       = data.aws_iam_policy_document.p.json
}`,
  },
  {
    name: 'actions given as an expression are refused as uncheckable',
    rules: { cloud: 'aws' },
    expect: 'actions-not-literal',
    hcl: `
variable "actions" {
  description = "actions"
  type        = list(string)
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = var.actions
    resources = ["arn:aws:s3:::bucket"]
  }
}
output "p" {
  description = "policy"
  value       = data.aws_iam_policy_document.p.json
}`,
  },
  {
    name: 'a jsonencode() policy is refused',
    rules: { cloud: 'aws' },
    expect: 'policy-not-checkable',
    hcl: `
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
}`,
  },
  {
    name: 'Resource "*" on an action that has resource types is caught',
    rules: { cloud: 'aws' },
    expect: 'wildcard-resource',
    hcl: `
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
}
output "p" {
  description = "policy"
  value       = data.aws_iam_policy_document.p.json
}`,
  },
  {
    name: 'an undeclared variable is caught',
    rules: {},
    expect: 'undeclared-variable',
    hcl: `
output "region" {
  description = "region"
  value       = var.regoin
}`,
  },
  {
    name: 'a variable without a description is caught',
    rules: {},
    expect: 'variable-description',
    hcl: `
variable "region" {
  type = string
}
output "region" {
  description = "region"
  value       = var.region
}`,
  },
  {
    name: 'a missing required output is caught',
    rules: { requiredOutputs: ['function_url'] },
    expect: 'missing-output',
    hcl: `
output "alias_arn" {
  description = "alias"
  value       = "arn:aws:lambda:us-east-1:123456789012:function:f:live"
}`,
  },
  {
    name: 'a Lambda without SnapStart is caught',
    rules: { cloud: 'aws', requireEntryPoints: true },
    expect: 'snapstart',
    hcl: `
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "java21"
  handler       = "${LAMBDA_HANDLER}"
  filename      = "f.zip"
}`,
  },
  {
    name: 'SnapStart switched off for the Java runtimes is caught',
    rules: { cloud: 'aws', requireEntryPoints: true },
    expect: 'snapstart',
    hcl: `
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "java21"
  handler       = "${LAMBDA_HANDLER}"
  filename      = "f.zip"
  publish       = true
  dynamic "snap_start" {
    for_each = []
    content {
      apply_on = "PublishedVersions"
    }
  }
}`,
  },
  {
    name: 'a public Function URL is caught',
    rules: { cloud: 'aws', requireEntryPoints: true },
    expect: 'function-url',
    hcl: `
resource "aws_lambda_function_url" "u" {
  function_name      = "f"
  authorization_type = "NONE"
}`,
  },
  {
    name: 'a batch queue mapping without ReportBatchItemFailures is caught',
    rules: { cloud: 'aws' },
    expect: 'batch-queue',
    hcl: `
resource "aws_lambda_function" "batch" {
  function_name = "f-batch"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "java21"
  handler       = "${LAMBDA_HANDLER}"
  filename      = "f.zip"
  timeout       = 900
}
resource "aws_sqs_queue" "batch" {
  name                       = "q"
  visibility_timeout_seconds = 6 * 900
  sqs_managed_sse_enabled    = true
  redrive_policy             = jsonencode({ deadLetterTargetArn = "arn:aws:sqs:us-east-1:123456789012:dlq", maxReceiveCount = 5 })
}
resource "aws_lambda_event_source_mapping" "batch" {
  event_source_arn = aws_sqs_queue.batch.arn
  function_name    = aws_lambda_function.batch.arn
}`,
  },
  {
    name: 'a batch queue whose visibility timeout is shorter than 6x the function timeout is caught',
    rules: { cloud: 'aws' },
    expect: 'batch-queue',
    hcl: `
resource "aws_lambda_function" "batch" {
  function_name = "f-batch"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "java21"
  handler       = "${LAMBDA_HANDLER}"
  filename      = "f.zip"
  timeout       = 900
}
resource "aws_sqs_queue" "batch" {
  name                       = "q"
  visibility_timeout_seconds = 900
  sqs_managed_sse_enabled    = true
  redrive_policy             = jsonencode({ deadLetterTargetArn = "arn:aws:sqs:us-east-1:123456789012:dlq", maxReceiveCount = 5 })
}
resource "aws_lambda_event_source_mapping" "batch" {
  event_source_arn        = aws_sqs_queue.batch.arn
  function_name           = aws_lambda_function.batch.arn
  function_response_types = ["ReportBatchItemFailures"]
}`,
  },
  {
    name: 'allUsers in a GCP IAM member is caught',
    rules: { cloud: 'gcp' },
    expect: 'public-member',
    hcl: `
resource "google_cloud_run_service_iam_member" "public" {
  location = "us-central1"
  service  = "switchboard"
  role     = "roles/run.invoker"
  member   = "allUsers"
}`,
  },
  {
    name: 'a broad project-level role is caught',
    rules: { cloud: 'gcp' },
    expect: 'project-role',
    hcl: `
resource "google_project_iam_member" "too_much" {
  project = "p"
  role    = "roles/aiplatform.admin"
  member  = "serviceAccount:fn@p.iam.gserviceaccount.com"
}`,
  },
  {
    name: 'roles/datastore.user on the project without a database condition is caught',
    rules: { cloud: 'gcp' },
    expect: 'project-role',
    hcl: `
resource "google_project_iam_member" "firestore" {
  project = "p"
  role    = "roles/datastore.user"
  member  = "serviceAccount:fn@p.iam.gserviceaccount.com"
}`,
  },
  {
    name: 'a GCP batch function triggered by any bucket is caught',
    rules: { cloud: 'gcp' },
    expect: 'gcp-batch-trigger',
    hcl: `
resource "google_cloudfunctions2_function" "batch" {
  name = "f-batch"
  build_config {
    runtime     = "java21"
    entry_point = "dev.switchboard.gcp.batch.BatchFunction"
  }
  service_config {
    service_account_email = google_service_account.batch.email
  }
  event_trigger {
    event_type   = "google.cloud.storage.object.v1.finalized"
    retry_policy = "RETRY_POLICY_RETRY"
  }
}`,
  },
  {
    name: 'a GCP continuation push subscription without a dead-letter topic is caught',
    rules: { cloud: 'gcp' },
    expect: 'gcp-batch-topic',
    hcl: `
resource "google_cloudfunctions2_function" "batch" {
  name = "f-batch"
}
resource "google_pubsub_subscription" "batch_continue" {
  name  = "c"
  topic = "t"
  push_config {
    push_endpoint = "https://f"
    oidc_token {
      service_account_email = "sa@p.iam.gserviceaccount.com"
    }
  }
  retry_policy {
    minimum_backoff = "10s"
  }
}`,
  },
  {
    name: 'a project-wide storage role for the batch function is caught',
    rules: { cloud: 'gcp' },
    expect: 'project-role',
    hcl: `
resource "google_project_iam_member" "storage" {
  project = "p"
  role    = "roles/storage.objectAdmin"
  member  = "serviceAccount:fn@p.iam.gserviceaccount.com"
}`,
  },
  {
    name: 'a DynamoDB table without TTL or point-in-time recovery is caught',
    rules: { cloud: 'aws' },
    expect: 'dynamodb-table',
    hcl: `
resource "aws_dynamodb_table" "t" {
  name         = "t"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
}`,
  },
  {
    name: 'an example tfvars setting an undeclared variable is caught',
    rules: {},
    expect: 'undeclared-variable',
    hcl: `
variable "region" {
  description = "region"
  type        = string
}
output "region" {
  description = "region"
  value       = var.region
}`,
    tfvars: `regoin = "us-east-1"`,
  },
  {
    name: 'a file that does not parse is reported',
    rules: {},
    expect: 'parse',
    hcl: `resource "aws_s3_bucket" "b" {`,
  },
  {
    name: 'a clean module passes (control)',
    rules: { cloud: 'aws', requiredOutputs: ['policy'] },
    expect: null,
    hcl: `
terraform {
  required_version = ">= 1.6"
}
variable "bucket_arn" {
  description = "bucket"
  type        = string
}
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["\${var.bucket_arn}/*"]
  }
  statement {
    sid       = "Discover"
    actions   = ["bedrock:ListFoundationModels"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.p.json
}
output "policy" {
  description = "policy"
  value       = aws_iam_policy.p.arn
}`,
  },
];

async function runSelfTests() {
  const results = [];
  for (const t of SELF_TESTS) {
    const { errors } = await checkModule('selftest', { 'selftest.tf': t.hcl }, t.rules, t.tfvars ? { 'selftest.tfvars': t.tfvars } : {});
    const ok = t.expect === null ? errors.length === 0 : errors.some((e) => e.code === t.expect);
    results.push({ name: t.name, ok, detail: ok ? '' : `expected ${t.expect ?? 'no error'}, got: ${errors.map((e) => `${e.code} (${e.message})`).join('; ') || 'no error'}` });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let passed = 0;
  let failed = 0;
  const modules = await findModules(TERRAFORM_DIR);
  const totals = { files: 0, variables: 0, outputs: 0, resources: 0, policyDocuments: 0, statements: 0, actions: 0, policyAttachments: 0, lambdaPermissions: 0, gcpBindings: 0, tfvarsFiles: 0 };

  for (const required of Object.keys(MODULE_RULES)) {
    if (!modules.has(required)) {
      console.log(`FAIL module terraform/${required} is missing`);
      failed++;
    }
  }

  for (const [name, files] of [...modules.entries()].sort()) {
    const { errors, stats } = await checkModule(name, files.tf, MODULE_RULES[name] ?? {}, files.tfvars);
    for (const k of Object.keys(totals)) totals[k] += stats[k];
    const summary = `${stats.files} .tf + ${stats.tfvarsFiles} .tfvars files, ${stats.variables} variables, ${stats.outputs} outputs, ${stats.resources} resources/data`;
    const iam = MODULE_RULES[name]?.cloud === 'gcp'
      ? `${stats.gcpBindings} IAM members`
      : `${stats.policyDocuments} policy documents, ${stats.statements} statements, ${stats.actions} actions, ${stats.policyAttachments} policy attachments, ${stats.lambdaPermissions} lambda permissions`;
    if (errors.length === 0) {
      passed++;
      console.log(`ok   terraform/${name}: ${summary}; ${iam}`);
    } else {
      failed++;
      console.log(`FAIL terraform/${name}: ${summary}; ${iam}`);
      for (const e of errors) console.log(`     [${e.code}] ${e.where}: ${e.message}`);
    }
  }

  // Formatting is checked only where a terraform binary exists (it is optional for this check).
  const fmt = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', TERRAFORM_DIR], { encoding: 'utf8' });
  if (fmt.error) {
    console.log('skip terraform fmt -check: no terraform binary on the PATH');
  } else if (fmt.status === 0) {
    passed++;
    console.log('ok   terraform fmt -check: every file is formatted');
  } else {
    failed++;
    console.log(`FAIL terraform fmt -check (run terraform fmt -recursive terraform/):\n${fmt.stdout}${fmt.stderr}`);
  }

  console.log('');
  console.log('self-tests (each bad snippet must be caught):');
  for (const r of await runSelfTests()) {
    if (r.ok) passed++;
    else failed++;
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.detail ? `\n     ${r.detail}` : ''}`);
  }

  console.log('');
  console.log(`parsed ${totals.files} .tf files in ${modules.size} modules: ${totals.variables} variables, ${totals.outputs} outputs, ${totals.resources} resources/data sources`);
  console.log(`checked ${totals.policyDocuments} IAM policy documents: ${totals.statements} statements, ${totals.actions} actions, ${totals.policyAttachments} policy attachments, ${totals.lambdaPermissions} lambda permissions; ${totals.gcpBindings} GCP IAM members`);
  console.log(`terraform-check: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
