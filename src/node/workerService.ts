/**
 * Documents analysed in a worker thread, as the desktop extension runs them: typing never waits on an analysis in
 * the extension host's thread, and the analysis gets a heap of its own, sized for how it allocates. An analysis of
 * a large file allocates tens of megabytes, nearly all of it short-lived, while the models it builds live to its
 * end: in V8's default young generation the collector copied those models once or twice per analysis, 13-16% of
 * the time an analysis of 10,000 lines took; a larger young generation collects about once every three analyses.
 * If the worker stops (a bug, running out of memory), the next request starts another and opens every document
 * again with its current text. Node-only: VS Code for the Web analyses in its own worker (`core/documentService.ts`).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AnalysisOptions, Answer, DocumentService, Query, ServedDocument, TextChange, WasmBytes } from '../core';
// Not through the façade, which would bring the whole analysis into the extension host's bundle.
import { applyChanges } from '../core/textChanges';
import type { Reply, Request } from './protocol';

/** The worker's heap: a young generation that holds about three analyses of a 10,000-line file (`npm run bench`). */
export const ANALYSIS_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 96 };

interface Waiting {
  resolve(answer: unknown): void;
  reject(error: Error): void;
}

/** A request without its sequence number and document, which `WorkerService.request` adds. */
type Body =
  | { readonly kind: 'open'; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'update'; readonly changes: readonly TextChange[] | string; readonly options: AnalysisOptions }
  | { readonly kind: 'ask'; readonly query: Query };

class WorkerService implements DocumentService {
  private worker: Worker | null = null;
  private disposed = false;
  private seq = 0;
  private nextDocument = 0;
  private readonly waiting = new Map<number, Waiting>();
  /** Open documents, which a new worker must open again. */
  private readonly documents = new Set<WorkerDocument>();

  constructor(
    private readonly bytes: WasmBytes,
    /** The bundled `analysisWorker.js`. */
    private readonly file: string,
  ) {}

  open(text: string, options: AnalysisOptions): ServedDocument {
    const document = new WorkerDocument(this, this.nextDocument++, text, options);
    this.documents.add(document);
    return document;
  }

  /** Posts a request for one document; the promise is what its reply carries. */
  request(document: number, body: Body): Promise<unknown> {
    const seq = ++this.seq;
    const answer = new Promise<unknown>((resolve, reject) => {
      if (this.disposed) reject(new Error('the analysis service was disposed'));
      else this.waiting.set(seq, { resolve, reject });
    });
    // Handled here so that an answer nobody awaits (a newer update replaced it) is not an unhandled rejection.
    answer.catch(() => undefined);
    if (!this.disposed) this.running().postMessage({ ...body, seq, document } satisfies Request);
    return answer;
  }

  close(document: WorkerDocument): void {
    this.documents.delete(document);
    if (this.worker && !document.lost) this.worker.postMessage({ kind: 'close', document: document.id } satisfies Request);
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { workerData: this.bytes, resourceLimits: ANALYSIS_RESOURCE_LIMITS });
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.seq);
      this.waiting.delete(reply.seq);
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.answer);
    });
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the analysis worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** The worker is gone: what it was asked fails, and each document opens again in the next one when next asked. */
  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    for (const document of this.documents) document.lost = true;
  }

  dispose(): void {
    this.disposed = true;
    this.documents.clear();
    void this.worker?.terminate();
  }
}

class WorkerDocument implements ServedDocument {
  /** The imports wanted by the analysis of the latest text, once the worker has made it. */
  private settled: Promise<readonly string[]>;
  /** Set when the worker that held this document stopped: the next request opens it again. */
  lost = false;

  constructor(
    private readonly service: WorkerService,
    readonly id: number,
    private currentText: string,
    private options: AnalysisOptions,
  ) {
    this.settled = this.open();
  }

  get text(): string {
    return this.currentText;
  }

  imports(): Promise<readonly string[]> {
    if (this.lost) this.settled = this.open();
    return this.settled;
  }

  ask<Q extends Query>(query: Q): Promise<Answer<Q>> {
    if (this.lost) this.settled = this.open();
    return this.service.request(this.id, { kind: 'ask', query }) as Promise<Answer<Q>>;
  }

  update(changes: readonly TextChange[] | string, options: AnalysisOptions): void {
    this.currentText = applyChanges(this.currentText, changes);
    this.options = options;
    this.settled = this.lost ? this.open() : (this.service.request(this.id, { kind: 'update', changes, options }) as Promise<readonly string[]>);
  }

  /** Opens the document in the worker with its current text (again, after the worker that held it stopped). */
  private open(): Promise<readonly string[]> {
    this.lost = false;
    return this.service.request(this.id, { kind: 'open', text: this.currentText, options: this.options }) as Promise<readonly string[]>;
  }

  dispose(): void {
    this.service.close(this);
  }
}

/** Documents analysed in a worker thread running `workerFile` (the bundled `analysisWorker.js`). */
export function inWorker(bytes: WasmBytes, workerFile: string): DocumentService {
  return new WorkerService(bytes, workerFile);
}
