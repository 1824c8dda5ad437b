import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type Location, parse } from 'graphql';

export type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** The kind of a published operation. */
export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What the SDK's own transport sends: the operation's text with its fragments, its name and kind. */
export interface OperationSource {
  readonly query: string;
  readonly operationName: string;
  readonly operation: OperationKind;
}

// Symbol.for: two copies of this module (e.g. a bundle and a dependency) still recognise each other's documents.
const SOURCE = Symbol.for('@medoffice/sdk/operation-source');

/**
 * A published operation as a TypedDocumentNode: a `kind: 'Document'` object whose `definitions` and
 * `loc` are parsed from the operation's text on first access (then kept), so a bundle carries short
 * strings instead of AST literals, and the SDK's own transport, which sends the text, never parses.
 * Apollo Client (which needs the AST) and urql (which keys documents by `loc.source.body`) see an
 * ordinary DocumentNode; graphql's `execute`, `validate` and `print` accept it too.
 */
export function operationDocument<R, V>(operation: OperationKind, operationName: string, query: string): TypedDocumentNode<R, V> {
  let ast: DocumentNode | undefined;
  const parsed = () => (ast ??= parse(query));
  const doc = { kind: 'Document' } as { kind: 'Document'; definitions: DocumentNode['definitions']; loc?: Location };
  // Own, enumerable accessors: copies made from property descriptors (graphql's visit) keep them lazy.
  Object.defineProperties(doc, {
    definitions: { enumerable: true, configurable: true, get: () => parsed().definitions },
    loc: { enumerable: true, configurable: true, get: () => parsed().loc },
    [SOURCE]: { value: Object.freeze({ query, operationName, operation }) satisfies OperationSource },
  });
  return doc as TypedDocumentNode<R, V>;
}

/** The text, name and kind of a document made by `operationDocument`; undefined for any other document. */
export function operationSourceOf(doc: DocumentNode): OperationSource | undefined {
  return (doc as { [SOURCE]?: OperationSource })[SOURCE];
}
