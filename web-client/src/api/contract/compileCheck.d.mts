/** An OpenAPI document as parsed JSON. */
export type OpenApiDocument = {
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
  [key: string]: unknown;
};

export function committedDocument(): OpenApiDocument;

/** Whether the client layer compiles against `document`, and tsc's output when it does not. */
export function compileAgainst(document: OpenApiDocument, name: string): { ok: boolean; output: string };
