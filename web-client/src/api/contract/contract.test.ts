// @vitest-environment node
import { expect, test } from 'vitest';
import { compileAgainst, committedDocument, type OpenApiDocument } from './compileCheck.mjs';

/** The document with one property of a schema renamed, as a server change would rename a field. */
function renamed(document: OpenApiDocument, schema: string, from: string, to: string): OpenApiDocument {
  const copy: OpenApiDocument = structuredClone(document);
  const shape = copy.components.schemas[schema];
  if (shape === undefined || !(from in shape.properties)) {
    throw new Error(`${schema}.${from} is not in the document`);
  }
  shape.properties[to] = shape.properties[from];
  delete shape.properties[from];
  shape.required = shape.required?.map((name) => (name === from ? to : name));
  return copy;
}

test('the client layer compiles against docs/openapi.json', () => {
  const compiled = compileAgainst(committedDocument(), 'as-committed');

  expect(compiled.output).toBe('');
  expect(compiled.ok).toBe(true);
}, 120_000);

test('renaming a field in the document makes the client layer fail to compile', () => {
  // two renames, one compilation: the token of a login, the cursor of a timeline page
  const document = renamed(
    renamed(committedDocument(), 'Token', 'accessToken', 'bearerToken'),
    'PagePost',
    'nextCursor',
    'next',
  );

  const compiled = compileAgainst(document, 'renamed-fields');

  expect(compiled.ok).toBe(false);
  expect(compiled.output).toContain("'accessToken'");
  expect(compiled.output).toContain("'nextCursor'");
}, 120_000);
