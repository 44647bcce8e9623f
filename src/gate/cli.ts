#!/usr/bin/env node
// `node dist/cli.js check [paths]`: the production gate outside VS Code, with the editor's scanners,
// lookups and policy. Exit code 0 clean, 1 violations, 2 usage or configuration errors.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import * as aws from '../aws/index';
import { errorMessage } from '../core/errors';
import { evaluateFile, expiredSuppressions, factsNeeded, parsePolicy, POLICY_FILE_NAME, type Policy } from '../core/policy';
import { ExplorerModel } from '../explorer/model';
import { classifyReference } from '../language/classify';
import { ImageResolver } from '../language/resolver';
import { gatherFacts } from './facts';
import { collectFiles } from './files';
import { parseRegistrySettings } from './registries';
import { sarifReport, textReport, type ReportedViolation } from './report';

const USAGE = `Usage: node dist/cli.js check [paths...] [--format text|sarif] [--policy FILE] [--registries JSON]

Checks the image references of Dockerfiles, compose files, Kubernetes manifests, ECS task
definitions, CloudFormation templates and Helm values against .ecr-policy.yaml.
  paths         files or folders (default: the folder of the policy)
  --policy      the policy file (default: ./.ecr-policy.yaml)
  --format      text (default) or sarif (SARIF 2.1.0 on stdout)
  --registries  extra registries as JSON, like the ecr.registries setting
                (also ECR_REGISTRIES), e.g. '[{"region":"us-east-1","endpoint":"http://127.0.0.1:4566"}]'
AWS credentials come from the environment and ~/.aws as for the AWS CLI.
Exit code: 0 no violations, 1 violations, 2 usage or configuration error.`;

class UsageError extends Error {}

interface Options {
  readonly paths: string[];
  readonly format: 'text' | 'sarif';
  readonly policyFile: string;
  readonly registriesJson?: { readonly json: string; readonly where: string };
}

function readOptions(argv: readonly string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string' }, policy: { type: 'string' }, registries: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if (parsed.values.help) return 'help';
  const [command, ...paths] = parsed.positionals;
  if (command !== 'check') throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'sarif') throw new UsageError(`--format must be text or sarif, not "${format}".`);
  const registries = parsed.values.registries !== undefined
    ? { json: parsed.values.registries, where: '--registries' }
    : process.env.ECR_REGISTRIES ? { json: process.env.ECR_REGISTRIES, where: 'ECR_REGISTRIES' } : undefined;
  return { paths, format, policyFile: resolve(parsed.values.policy ?? POLICY_FILE_NAME), registriesJson: registries };
}

function loadPolicy(file: string): Policy {
  if (!existsSync(file)) throw new UsageError(`No policy file: ${file} does not exist.`);
  const parsed = parsePolicy(readFileSync(file, 'utf8'));
  const where = (line: number, character: number) => `${relative(process.cwd(), file) || file}:${line + 1}:${character + 1}`;
  for (const problem of parsed.problems) process.stderr.write(`${where(problem.range.start.line, problem.range.start.character)}: ${problem.severity} ${problem.message}\n`);
  if (!parsed.ok) throw new UsageError('The policy has errors: nothing was checked.');
  for (const problem of expiredSuppressions(parsed.policy, new Date())) {
    process.stderr.write(`${where(problem.range.start.line, problem.range.start.character)}: warning ${problem.message}\n`);
  }
  return parsed.policy;
}

async function check(options: Options): Promise<number> {
  const policy = loadPolicy(options.policyFile);
  const root = dirname(options.policyFile);
  const settings = options.registriesJson ? parseRegistrySettingsOrUsage(options.registriesJson) : [];
  const files = await collectFiles(options.paths.length > 0 ? options.paths.map((p) => resolve(p)) : [root], (path) => path === options.policyFile);
  // The explorer's model finds and connects the registries, as in the editor (without the tree).
  // One run: answers are kept for its whole length.
  const model = new ExplorerModel({
    loadAws: async () => aws,
    settings: () => ({ registries: settings, regions: [], pageSize: 100, cacheTtlMs: 3_600_000 }),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const registries = () => model.registries();
  const resolver = new ImageResolver({ registries, classify: aws.classifyAwsError, lookups: await model.lookups() });
  const violations: ReportedViolation[] = [];
  const now = new Date();
  try {
    for (const file of files) {
      const references = file.scanner.scan(file.text);
      if (references.length === 0) continue;
      // Knowing the registries' hosts first lets a sandbox or LocalStack host count as ECR.
      await resolver.registry('');
      const path = relative(root, file.path).split(sep).join('/');
      const facts = await gatherFacts(references, {
        classify: (reference) => classifyReference(reference, (host) => resolver.knowsHost(host)),
        lookup: (requests) => resolver.lookup(requests),
        findings: (target) => resolver.findings(target),
        immutableTags: (target) => resolver.tagsImmutable(target),
        signing: (target) => resolver.signing(target),
      }, factsNeeded(policy, path));
      for (const violation of evaluateFile(policy, path, facts, now).violations) {
        violations.push({ file: path, rule: violation.rule.kind, message: violation.message, range: violation.range });
      }
    }
  } finally {
    model.dispose();
  }
  const out = options.format === 'sarif' ? `${JSON.stringify(sarifReport(violations, version()), null, 2)}\n` : textReport(violations, files.length);
  process.stdout.write(out);
  return violations.length > 0 ? 1 : 0;
}

function parseRegistrySettingsOrUsage(source: { json: string; where: string }): ReturnType<typeof parseRegistrySettings> {
  try {
    return parseRegistrySettings(source.json, source.where);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = readOptions(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return await check(options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  // Exit once the output is written; idle keep-alive sockets must not hold the process open.
  process.stdout.write('', () => process.exit(code));
});
