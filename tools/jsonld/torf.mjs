// Reads a JSON-LD file with the jsonld processor and prints its quads as N-Quads (tests/e2e/quads.sh).
// The Khabar context (https://w3id.org/khabar/context.jsonld) is read from ontology/context.jsonld: no
// document is ever fetched from the network; any other remote context is an error.
//
//   node tools/jsonld/torf.mjs GRAPH.jsonld CONTEXT.jsonld > graph.nq
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const [file, contextFile] = process.argv.slice(2);
if (!file || !contextFile) {
  console.error('usage: node torf.mjs GRAPH.jsonld CONTEXT.jsonld');
  process.exit(2);
}
const CONTEXT_URL = 'https://w3id.org/khabar/context.jsonld';
const context = JSON.parse(readFileSync(contextFile, 'utf8'));
const documentLoader = async (url) => {
  if (url === CONTEXT_URL) return { contextUrl: null, documentUrl: url, document: context };
  throw new Error(`refusing to load ${url}`);
};
try {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true });
  process.stdout.write(nquads);
} catch (e) {
  console.error(`${file}: ${e.message}${e.details ? ' ' + JSON.stringify(e.details).slice(0, 500) : ''}`);
  process.exit(1);
}
