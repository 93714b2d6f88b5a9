// Reads an RDF file with N3.js in strict mode (format "turtle" or "ntriples": N3.js then accepts only
// that language, not its permissive superset) and prints its triples as sorted, canonical N-Triples,
// one per line, so the outputs of different parsers can be compared with cmp/diff.
//
//   node tools/n3/canon.mjs turtle graph.ttl > a.nt
//   node tools/n3/canon.mjs ntriples other.nt > b.nt
//
// Exits 1 with the parser's message (and its line) when the file does not parse. Blank nodes are
// not relabelled: Khabar's graphs have none (every node is an IRI), and the test checks that too.
import { readFileSync } from 'node:fs';
import { Parser, Writer } from 'n3';

const [format, file] = process.argv.slice(2);
const formats = { turtle: 'text/turtle', ntriples: 'application/n-triples' };
if (!formats[format] || !file) {
  console.error('usage: canon.mjs turtle|ntriples FILE');
  process.exit(2);
}
let quads;
try {
  quads = new Parser({ format: formats[format] }).parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: N3.js (strict ${format}): ${e.message}`);
  process.exit(1);
}
const writer = new Writer({ format: 'N-Triples' });
const lines = quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object));
lines.sort();
process.stdout.write(lines.join(''));
