import { syntheticGazetteer, syntheticWire } from './scripts/bench/synthetic'
import { EntityMatcher } from './scripts/ingest/gazetteer'
import { ingestWire } from './scripts/ingest/ingest'
const g = syntheticGazetteer(2000)
console.log(g.slice(0,4))
const w = syntheticWire(0, g); console.log(w.length); console.log(w.slice(0,800))
const m = new EntityMatcher(g)
let t = performance.now(); let bytes=0
for (let i=0;i<2000;i++){ const {article}=ingestWire(syntheticWire(i,g),{file:'x',matcher:m,section:'News',capturedAt:new Date(),suggest:false}); bytes+=JSON.stringify(article).length }
console.log('per s', 2000/((performance.now()-t)/1000), bytes/2000)
t = performance.now()
for (let i=0;i<50;i++){ ingestWire(syntheticWire(i,g),{file:'x',matcher:m,section:'News',capturedAt:new Date(),suggest:true}) }
console.log('suggest per s', 50/((performance.now()-t)/1000))
