// The JSON Schema of the annotation document, generated from its zod definition
// (shared/annotations/document.ts) so that the two cannot drift apart. `npm run schema:annotations`
// (this file with --write) rewrites shared/annotations/annotations.schema.json; without --write it
// prints the schema. A unit test fails while the committed file differs from the generated text.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AnnotationDocumentSchema } from '../shared/annotations/document.ts';

export const annotationSchemaFile = path.join(import.meta.dirname, '..', 'shared', 'annotations', 'annotations.schema.json');

/** The schema file's text: draft 2020-12, two-space indented, ending in a newline. */
export function annotationSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(AnnotationDocumentSchema), null, 2)}\n`;
}

if (import.meta.main) {
  if (process.argv.includes('--write')) {
    writeFileSync(annotationSchemaFile, annotationSchemaText());
    console.log(`Wrote ${path.relative(process.cwd(), annotationSchemaFile)}`);
  } else {
    process.stdout.write(annotationSchemaText());
  }
}
