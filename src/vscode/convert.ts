/**
 * The one place core data becomes VS Code types: positions and spans to ranges, issues to diagnostics.
 */
import * as vscode from 'vscode';
import type { Issue, Position, Span } from '../core';

export const toPosition = (position: Position) => new vscode.Position(position.line, position.column);

export const toRange = (span: Span) => new vscode.Range(span.startLine, span.startColumn, span.endLine, span.endColumn);

const SEVERITY: Readonly<Record<Issue['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(issue: Issue): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(issue.span), issue.message, SEVERITY[issue.severity]);
  diagnostic.source = 'Keras Shapes';
  diagnostic.code = issue.code;
  return diagnostic;
}
