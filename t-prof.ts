import { syntheticGazetteer, syntheticWire } from './scripts/bench/synthetic'
import { EntityMatcher } from './scripts/ingest/gazetteer'
import { ingestWire } from './scripts/ingest/ingest'
const g = syntheticGazetteer(2000)
const m = new EntityMatcher(g)
const wires = Array.from({length:3000},(_, i)=>syntheticWire(i,g))
const t = performance.now()
for (const w of wires){ ingestWire(w,{file:'x',matcher:m,section:'News',capturedAt:new Date(),suggest:false}) }
console.log('per s', 3000/((performance.now()-t)/1000))
