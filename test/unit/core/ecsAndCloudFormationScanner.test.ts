import * as assert from 'node:assert/strict';
import { cloudFormationScanner, ecsTaskDefinitionScanner } from '../../../src/core/scanners';
import { assertRangesMatch, fixture, summary } from './scannerSupport';

describe('ECS task definition scanner', () => {
  it('finds containerDefinitions[].image in describe-task-definition output, with JSON escapes resolved', () => {
    const text = fixture('taskdef.json');
    const references = ecsTaskDefinitionScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[6, 18, 6, 77], '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2'],
      [[9, 33, 9, 91], 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'],
      [[10, 37, 10, 59], 'example.com\\/escaped:1', { resolved: 'example.com/escaped:1' }],
    ]);
  });

  it('reads a bare task definition, and // ecr-ignore in JSONC', () => {
    const text = '{\n  "containerDefinitions": [\n    // ecr-ignore\n    {"image": "a:1"},\n    {"image": "b:1"}\n  ]\n}';
    assert.deepEqual(ecsTaskDefinitionScanner.scan(text).map(summary), [[[3, 15, 3, 18], 'a:1', 'ignored'], [[4, 15, 4, 18], 'b:1']]);
  });

  it('reads a Terraform-rendered container definitions list (top-level array)', () => {
    const text = '[\n  {"name": "web", "image": "example.com/web:1", "essential": true},\n  {"name": "log", "image": "example.com/log:2"}\n]\n';
    assert.deepEqual(ecsTaskDefinitionScanner.scan(text).map(summary), [
      [[1, 28, 1, 45], 'example.com/web:1'],
      [[2, 28, 2, 45], 'example.com/log:2'],
    ]);
  });
});

describe('CloudFormation scanner', () => {
  it('finds ContainerDefinitions[].Image of AWS::ECS::TaskDefinition in YAML with short-form intrinsics', () => {
    const text = fixture('cfn.yaml');
    const references = cloudFormationScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[10, 23, 10, 93], '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/shop/web:${Tag}',
        { unresolved: 'uses Sub with ${AWS::AccountId}, ${AWS::Region}, ${Tag}, which CloudFormation fills in at deploy time' }],
      [[12, 17, 12, 74], '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/plain:1'],
      [[14, 23, 14, 51], '[":", [!Ref Repo, !Ref Tag]]', { unresolved: 'built with !Join, which CloudFormation evaluates at deploy time' }],
      [[16, 22, 16, 53], 'public.ecr.aws/nginx/nginx:1.27'],
      [[19, 22, 19, 36], '${Repo}:latest', { unresolved: 'uses Sub with ${Repo}, which CloudFormation fills in at deploy time' }],
    ]);
  });

  it('finds them in JSON templates with Fn::Sub and Ref', () => {
    const text = fixture('cfn.json');
    const references = cloudFormationScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[7, 37, 7, 92], '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1'],
      [[8, 50, 8, 115], '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/shop/web:2',
        { unresolved: 'uses Sub with ${AWS::AccountId}, ${AWS::Region}, which CloudFormation fills in at deploy time' }],
      [[9, 36, 9, 57], '{ "Ref": "ImageUri" }', { unresolved: 'built with Ref, which CloudFormation evaluates at deploy time' }],
    ]);
  });

  it('turns ${!Literal} of a Sub into a literal ${Literal}', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Image: !Sub "img:${!v}"\n';
    assert.deepEqual(cloudFormationScanner.scan(text).map((r) => r.resolved), ['img:${v}']);
  });
});
