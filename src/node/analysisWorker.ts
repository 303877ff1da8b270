/**
 * The analysis worker of the desktop extension: holds the open documents (their syntax trees and analyses),
 * analyses each update off the extension host's thread and in a heap of its own (`workerService.ts` says why), and
 * answers the editor's questions from them. Answers every request in order; the core never throws on user code,
 * so an error here is the service's own (a closed document).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type AnalyzedDocument, type WasmBytes } from '../core';
import { answer } from '../core/present/answers';
import type { Reply, Request } from './protocol';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analysisWorker.js runs as a worker thread');
  const analyzer = await createAnalyzer(workerData as WasmBytes);
  const documents = new Map<number, AnalyzedDocument>();
  const reply = (message: Reply) => port.postMessage(message);
  port.on('message', (request: Request) => {
    if (request.kind === 'close') {
      documents.get(request.document)?.dispose();
      documents.delete(request.document);
      return;
    }
    try {
      if (request.kind === 'open') {
        const document = analyzer.openDocument(request.text, request.options);
        documents.set(request.document, document);
        reply({ seq: request.seq, answer: document.analysis.imports });
      } else {
        const document = documents.get(request.document);
        if (!document) throw new Error(`document ${request.document} is not open`);
        if (request.kind === 'update') reply({ seq: request.seq, answer: document.update(request.changes, request.options).imports });
        else reply({ seq: request.seq, answer: answer(document.analysis, document.text, request.query) });
      }
    } catch (error) {
      reply({ seq: request.seq, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

void serve();
