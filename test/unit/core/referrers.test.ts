import * as assert from 'node:assert/strict';
import { artifactKind, isSigned, sbomPackages, signingLines } from '../../../src/core/referrers';

describe('core/referrers', () => {
  it('names artifacts by type: Notation and Cosign signatures, SPDX and CycloneDX SBOMs, in-toto attestations', () => {
    assert.deepEqual(
      ['application/vnd.cncf.notary.signature', 'application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.cosign.artifact.sig.v1+json', 'application/spdx+json', 'application/vnd.cyclonedx+json', 'application/vnd.in-toto+json', 'application/vnd.example+json', undefined].map((t) => artifactKind(t).label),
      ['Signature (Notation)', 'Signature (Cosign)', 'Signature (Cosign)', 'SBOM (SPDX)', 'SBOM (CycloneDX)', 'Attestation (in-toto)', 'Attestation', 'Attestation'],
    );
    assert.equal(artifactKind('application/vnd.oci.image.config.v1+json').category, 'other', 'an image config is no referrer');
  });

  it('reads the packages of SPDX and CycloneDX JSON (nested components too), nothing from other text', () => {
    const spdx = JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: [{ name: 'openssl', versionInfo: '3.0', externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:deb/openssl@3.0' }] }, { versionInfo: 'no name' }] });
    assert.deepEqual(sbomPackages(spdx), { format: 'SPDX', packages: [{ name: 'openssl', version: '3.0', purl: 'pkg:deb/openssl@3.0' }] });
    const cdx = JSON.stringify({ bomFormat: 'CycloneDX', components: [{ name: 'a', version: '1', components: [{ name: 'b' }] }] });
    assert.deepEqual(sbomPackages(cdx), { format: 'CycloneDX', packages: [{ name: 'a', version: '1' }, { name: 'b' }] });
    assert.equal(sbomPackages('{"x":1}'), undefined);
    assert.equal(sbomPackages('not json'), undefined);
  });

  it('counts an image as signed by a signature referrer or completed managed signing, and says so', () => {
    assert.equal(isSigned({ signatures: ['Signature (Cosign)'] }), true);
    assert.equal(isSigned({ signatures: [], statuses: [{ status: 'COMPLETE' }] }), true);
    assert.equal(isSigned({ signatures: [], statuses: [{ status: 'FAILED' }] }), false);
    assert.equal(isSigned({ signaturesProblem: 'denied' }), false);
    assert.deepEqual(signingLines({ signatures: ['Signature (Notation)', 'Signature (Cosign)', 'Signature (Notation)'] }), ['Signed: Signature (Cosign), Signature (Notation)']);
    assert.deepEqual(signingLines({ signatures: [] }), ['Not signed']);
    assert.deepEqual(signingLines({ signatures: [], statuses: [{ signingProfileArn: 'arn:aws:signer:us-east-1:111111111111:/signing-profiles/p1', status: 'FAILED', failureReason: 'key revoked' }] }), ['Signing (p1): FAILED - key revoked']);
    assert.deepEqual(signingLines({ signaturesProblem: 'the registry does not list referrers' }), ['Signatures unknown: the registry does not list referrers']);
  });
});
