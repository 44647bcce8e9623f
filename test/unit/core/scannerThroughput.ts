// Not a test: each scanner's throughput on a ~5 MB document built from its fixture (npm run bench).
// Run: npx tsc -p . --outDir out && node out/test/unit/core/scannerThroughput.js
import { allScanners } from '../../../src/core/scanners';
import { machineLoad } from './scannerFuzz';
import { fixture } from './scannerSupport';

const TARGET = 5_000_000;

// Repeats the part of a fixture that holds references, so the document stays valid.
const builders: Record<string, () => string> = {
  dockerfile: () => repeat(fixture('Dockerfile')),
  compose: () => 'services:\n' + repeat((i) => `  svc${i}:\n    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/s${i}:1\n    restart: always\n`),
  kubernetes: () => repeat(fixture('k8s.yaml') + '---\n'),
  ecsTaskDefinition: () => `{"containerDefinitions": [${repeat((i) => `{"name": "c${i}", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/c${i}:1", "essential": true},\n`)}{}]}`,
  cloudFormation: () => 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + repeat((i) => `  Task${i}:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Image: !Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/web:${i}"\n`),
  helmValues: () => repeat((i) => `chart${i}:\n  image:\n    registry: 123456789012.dkr.ecr.us-east-1.amazonaws.com\n    repository: team/c${i}\n    tag: "1.${i}"\n`),
};

function repeat(part: string | ((i: number) => string)): string {
  const pieces: string[] = [];
  let length = 0;
  for (let i = 0; length < TARGET; i++) {
    const piece = typeof part === 'string' ? part : part(i);
    pieces.push(piece);
    length += piece.length;
  }
  return pieces.join('');
}

/** One line per scanner: MB/s on a ~5 MB document, timed with process.hrtime around one scan(). */
export function scannerThroughput(): string[] {
  return allScanners.map((scanner) => {
    const text = builders[scanner.kind]();
    const started = process.hrtime.bigint();
    const found = scanner.scan(text).length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const megabytes = Buffer.byteLength(text) / 1e6;
    const rate = megabytes / seconds;
    const target = rate >= 10 ? 'meets the 10 MB/s target' : 'below the 10 MB/s target';
    return `scanner ${scanner.kind}: ${rate.toFixed(2)} MB/s, ${target} (${megabytes.toFixed(1)} MB, ${found} references, ${seconds.toFixed(2)} s) - one scan() of a document built by repeating its fixture, process.hrtime, ${machineLoad()}`;
  });
}

if (require.main === module) for (const line of scannerThroughput()) console.log(line);
