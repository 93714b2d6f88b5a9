#!/usr/bin/env node
// Validates an RDF graph (Turtle or N-Triples) against SHACL shapes with shacl-engine, an engine
// independent of Khabar's C++ code and of librdf. SPARQL-based constraints (sh:sparql) run through
// shacl-engine's Comunica plugin.
//
// Usage: node validate.mjs SHAPES.ttl DATA.ttl [--max N]
// Prints a summary of the violations grouped by shape, path and message (N examples each, default 5).
// Exit codes: 0 the graph conforms; 1 violations; 2 usage error or unreadable/invalid input.
import { readFile } from 'node:fs/promises'
import rdfDataModel from '@rdfjs/data-model'
import rdfDataset from '@rdfjs/dataset'
import { Parser } from 'n3'
import Validator from 'shacl-engine/Validator.js'
import { targetResolvers, validations } from 'shacl-engine/sparql.js'

// The report needs a factory for terms (RDF/JS data model) and for datasets.
const factory = {
  namedNode: (v) => rdfDataModel.namedNode(v),
  blankNode: (v) => rdfDataModel.blankNode(v),
  literal: (v, l) => rdfDataModel.literal(v, l),
  variable: (v) => rdfDataModel.variable(v),
  defaultGraph: () => rdfDataModel.defaultGraph(),
  quad: (s, p, o, g) => rdfDataModel.quad(s, p, o, g),
  dataset: (quads) => rdfDataset.dataset(quads)
}

function usage (msg) {
  if (msg) console.error(`validate: ${msg}`)
  console.error('usage: node validate.mjs SHAPES.ttl DATA.ttl [--max N]')
  process.exit(2)
}

async function load (path) {
  let text
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    console.error(`validate: ${path}: ${e.message}`)
    process.exit(2)
  }
  const format = /\.(nt|ntriples)$/.test(path) ? 'N-Triples' : 'Turtle'
  const dataset = rdfDataset.dataset()
  try {
    for (const q of new Parser({ format, baseIRI: `file://${path}` }).parse(text)) dataset.add(q)
  } catch (e) {
    console.error(`validate: ${path}: not valid ${format}: ${e.message}`)
    process.exit(2)
  }
  return dataset
}

const args = process.argv.slice(2)
let max = 5
const files = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max') {
    max = Number(args[++i])
    if (!Number.isInteger(max) || max < 0) usage('--max needs a non-negative integer')
  } else if (args[i].startsWith('-')) {
    usage(`unknown option ${args[i]}`)
  } else {
    files.push(args[i])
  }
}
if (files.length !== 2) usage()

const shapes = await load(files[0])
const data = await load(files[1])
const validator = new Validator(shapes, { factory, validations, targetResolvers })
const report = await validator.validate({ dataset: data })

const short = (t) => (t ? (t.termType === 'Literal' ? JSON.stringify(t.value) : t.value) : '')
// A property shape is a blank node: name it by the node shape that holds it.
const shProperty = rdfDataModel.namedNode('http://www.w3.org/ns/shacl#property')
const shapeName = (t) => {
  if (!t || t.termType !== 'BlankNode') return short(t)
  for (const q of shapes.match(null, shProperty, t)) return `${short(q.subject)} (property)`
  return short(t)
}
const groups = new Map()
for (const r of report.results) {
  const shape = r.shape?.ptr?.term
  const path = r.path ? r.path.map((s) => s.predicates.map(short).join('|')).join('/') : ''
  const component = short(r.constraintComponent).replace(/.*#/, '')
  const msg = r.message.map((m) => m.value).join('; ') || component
  const key = `${short(r.severity).replace(/.*#/, '')}  shape ${shapeName(shape)}  path ${path || '(node)'}: ${msg}`
  if (!groups.has(key)) groups.set(key, [])
  groups.get(key).push(`${short(r.focusNode.term)}${r.value?.term ? ' value ' + short(r.value.term) : ''}`)
}
console.log(`triples: ${data.size}, shapes graph: ${shapes.size} triples`)
for (const [key, nodes] of [...groups].sort()) {
  console.log(`${nodes.length} × ${key}`)
  for (const n of nodes.slice(0, max)) console.log(`    ${n}`)
}
console.log(`conforms: ${report.conforms} (${report.results.length} results)`)
process.exit(report.conforms ? 0 : 1)
