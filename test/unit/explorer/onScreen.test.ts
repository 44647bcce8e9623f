import * as assert from 'node:assert/strict';
import type { RegistrySource } from '../../../src/aws/discovery';
import { imageNode, registryNode, repositoryNode, type RegistryNode } from '../../../src/explorer/nodes';
import { OnScreenNodes } from '../../../src/explorer/onScreen';

const registry = (id: string): RegistryNode => registryNode({ source: { id, label: id } as RegistrySource });

describe('the explorer nodes VS Code holds', () => {
  it('maps an id to the object VS Code got, not to an equal one built elsewhere', () => {
    const screen = new OnScreenNodes();
    const east = registry('east');
    screen.drawn(undefined, [east]);
    const web = repositoryNode(east, { repositoryName: 'web' });
    screen.drawn(east, [web]);
    assert.equal(screen.get(repositoryNode(registry('east'), { repositoryName: 'web' }).id), web);
  });

  it('forgets the rows below a row whose children are drawn again', () => {
    const screen = new OnScreenNodes();
    const east = registry('east');
    screen.drawn(undefined, [east]);
    const [web, web2] = ['web', 'web2'].map((name) => repositoryNode(east, { repositoryName: name }));
    screen.drawn(east, [web, web2]);
    const old = imageNode(web, { imageDigest: 'sha256:1' });
    const other = imageNode(web2, { imageDigest: 'sha256:2' });
    screen.drawn(web, [old]);
    screen.drawn(web2, [other]);

    // web's images drawn again: the deleted image is gone, web2's images (an id sharing the prefix) stay.
    const fresh = imageNode(web, { imageDigest: 'sha256:3' });
    screen.drawn(web, [fresh]);
    assert.equal(screen.get(old.id), undefined);
    assert.equal(screen.get(fresh.id), fresh);
    assert.equal(screen.get(other.id), other);

    // The registry drawn again: its old repositories and their images go; the new ones are VS Code's.
    const web3 = repositoryNode(east, { repositoryName: 'web' });
    screen.drawn(east, [web3]);
    assert.equal(screen.get(web.id), web3);
    assert.equal(screen.get(web2.id), undefined);
    assert.equal(screen.get(fresh.id), undefined);
    assert.deepEqual(screen.repositoriesBelow(east.id), [web3]);
  });

  it('starts over when the top level is drawn again', () => {
    const screen = new OnScreenNodes();
    const east = registry('east');
    screen.drawn(undefined, [east]);
    screen.drawn(east, [repositoryNode(east, { repositoryName: 'web' })]);
    const west = registry('west');
    screen.drawn(undefined, [west]);
    assert.equal(screen.get(east.id), undefined);
    assert.deepEqual(screen.repositoriesBelow(east.id), []);
    assert.equal(screen.get(west.id), west);
  });
});
