// The language features' shared state: references of each document (scanned once per version),
// their classification, and the resolver, created on first need so the AWS bundle loads only
// when a document names an ECR (or ECR-compatible) image.
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { join } from 'node:path';
import type { ImageReference, ScanWorker } from '../core/scanners';
import { errorMessage } from '../core/errors';
import { loadAws, loadScanners } from '../lazy';
import { Classified, classifyReference } from './classify';
import type { FindingsOutcome, Outcome } from './outcome';
import { ImageResolver, LookupRequest } from './resolver';
import type { SigningFacts } from '../core/referrers';
import type { ImageTarget } from './links';
import type { TaggedImage } from '../core/versionTag';

/**
 * Documents this big are scanned on a worker thread: valid text scans at 10 MB/s or more here, but
 * broken YAML falls back to the full parser (about 0.5 MB/s), which would hold the extension host.
 */
const OFF_THREAD_LENGTH = 32 * 1024;
/** A scan that takes longer is stopped: its document's references are not checked until it changes. */
const SCAN_TIME_LIMIT_MS = 10_000;

/** A text to scan: an open document, or a workspace file read from disk. */
export interface SourceText {
  readonly uri: vscode.Uri;
  readonly languageId?: string;
  readonly version?: number;
  getText(): string;
}

export interface ResolvedReference {
  readonly reference: ImageReference;
  readonly outcome: Outcome;
}

export class LanguageService implements vscode.Disposable {
  private resolverPromise?: Promise<ImageResolver>;
  private loadedResolver?: ImageResolver;
  private readonly scanned = new Map<string, { version: number; references: ImageReference[] }>();
  private readonly invalidated = new vscode.EventEmitter<void>();
  /** Fires when cached answers were dropped: diagnostics should be computed again. */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private scanWorker?: ScanWorker;

  constructor(private readonly ctx: EcrContext) {
    // A push, delete, tag change, scan or refresh refreshes the model, which clears the lookup
    // layer it owns: the diagnostics ask again.
    this.subscriptions.push(
      ctx.model.onDidChange((node) => {
        if (!node || node.kind === 'registry' || node.kind === 'repository') this.invalidated.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.scanned.delete(d.uri.toString())),
      // Other accounts' images, skipped in Restricted Mode, can now be looked up.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidated.fire()),
    );
  }

  /** The references of a text, scanned once per document version (the scanners load on first use). */
  async references(source: SourceText): Promise<ImageReference[]> {
    const key = source.uri.toString();
    const cached = this.scanned.get(key);
    if (cached && source.version !== undefined && cached.version === source.version) return cached.references;
    const text = source.getText();
    const references = text.length >= OFF_THREAD_LENGTH ? await this.scanOffThread(source, text) : await scanHere(source, text);
    if (source.version !== undefined) this.scanned.set(key, { version: source.version, references });
    return references;
  }

  /** A big document's references, read on the scan worker; none when its scan ran past the time limit (logged). */
  private async scanOffThread(source: SourceText, text: string): Promise<ImageReference[]> {
    const { ScanWorker } = await loadScanners();
    this.scanWorker ??= new ScanWorker(join(__dirname, 'scanWorker.js'), SCAN_TIME_LIMIT_MS);
    try {
      return await this.scanWorker.scan({ path: source.uri.path, languageId: source.languageId, text });
    } catch (error) {
      this.ctx.log.warn(`${errorMessage(error)} Its image references are not checked until it changes.`);
      return [];
    }
  }

  classify(reference: ImageReference): Classified {
    return classifyReference(reference, (host) => this.loadedResolver?.knowsHost(host) ?? false);
  }

  /** Outcomes of every reference of a text; asks ECR only when some reference needs it. */
  async resolveAll(source: SourceText): Promise<ResolvedReference[]> {
    return this.resolveReferences(await this.references(source));
  }

  async resolveReferences(references: readonly ImageReference[]): Promise<ResolvedReference[]> {
    const classified = references.map((reference) => ({ reference, classified: this.classify(reference) }));
    const requests = classified.filter((c): c is { reference: ImageReference; classified: LookupRequest } => c.classified.kind === 'lookup');
    const lookedUp = requests.length > 0 ? await (await this.resolver()).lookup(requests.map((r) => r.classified)) : [];
    const byReference = new Map(requests.map((r, i) => [r.reference, lookedUp[i]]));
    return classified.map(({ reference, classified: c }) => ({ reference, outcome: byReference.get(reference) ?? (c.kind === 'lookup' ? { kind: 'notEcr' } : c) }));
  }

  /** The reference under `position` and its outcome. */
  async resolveAt(document: vscode.TextDocument, position: vscode.Position): Promise<ResolvedReference | undefined> {
    const reference = (await this.references(document)).find((r) => toRange(r).contains(position));
    if (!reference) return undefined;
    return (await this.resolveReferences([reference]))[0];
  }

  async findings(outcome: Outcome): Promise<FindingsOutcome | undefined> {
    return outcome.kind === 'found' ? (await this.resolver()).findings(outcome.target) : undefined;
  }

  /** A newer version of the image's tag in its repository (only for a found image whose tag looks like a version). */
  async newer(outcome: Outcome): Promise<TaggedImage | undefined> {
    return outcome.kind === 'found' ? (await this.resolver()).newer(outcome.target) : undefined;
  }

  /** Whether the image's tag cannot be moved in its repository, exclusion filters included (undefined: cannot be told). */
  async tagsImmutable(target: ImageTarget): Promise<boolean | undefined> {
    return (await this.resolver()).tagsImmutable(target);
  }

  /** The signing facts of a found image (undefined for any other outcome). */
  async signing(outcome: Outcome): Promise<SigningFacts | undefined> {
    return outcome.kind === 'found' ? this.targetSigning(outcome.target) : undefined;
  }

  async targetSigning(target: ImageTarget): Promise<SigningFacts> {
    return (await this.resolver()).signing(target);
  }

  resolver(): Promise<ImageResolver> {
    this.resolverPromise ??= Promise.all([loadAws(), this.ctx.model.lookups()]).then(([aws, lookups]) => {
      this.loadedResolver = new ImageResolver({
        registries: () => this.ctx.model.registries(),
        classify: (error, source) => aws.classifyAwsError(error, source),
        lookups,
        trusted: () => vscode.workspace.isTrusted,
      });
      return this.loadedResolver;
    });
    return this.resolverPromise;
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.invalidated.dispose();
    this.scanned.clear();
    this.scanWorker?.dispose();
  }
}

async function scanHere(source: SourceText, text: string): Promise<ImageReference[]> {
  const { scannerFor } = await loadScanners();
  const scanner = scannerFor(source.uri.path, source.languageId, text);
  return scanner ? scanner.scan(text) : [];
}

export function toRange(reference: ImageReference): vscode.Range {
  const { start, end } = reference.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}
