"""Summarise async-profiler collapsed stacks (bench/otlp/ap-profile.sh) by telemetry part: samples per 1000 requests.
Usage: python3 bench/otlp/ap-telemetry.py NAME.collapsed ...  (each beside its NAME.result)."""
import sys,re,collections
def load(f):
    rows=[]
    for l in open(f):
        s,_,n=l.rstrip().rpartition(' '); rows.append((s.split(';'),int(n)))
    return rows
cats=[
 ('encode-at-end', lambda st: any('EncodedSpanExport.onEnd' in f for f in st)),
 ('export-worker-new', lambda st: any('EncodedSpanExport.run' in f for f in st)),
 ('export-worker', lambda st: any('BatchSpanProcessor$Worker' in f for f in st)),
 ('otlp-sender', lambda st: any(('VertxHttpSender' in f or 'VertxGrpcSender' in f or 'exporter.otlp' in f or 'HttpExporter' in f) for f in st)),
 ('server-span', lambda st: any('ServerSpans' in f for f in st) and not any('RoutingContextImpl.next' in f for f in st[[i for i,f in enumerate(st) if 'ServerSpans' in f][0]:])),
 ('observer', lambda st: any('OtelGatewayObserver' in f or 'OtelAttempt' in f for f in st)),
 ('ctx-storage', lambda st: any('QuarkusContextStorage' in f for f in st)),
 ('otel-other', lambda st: any('io/opentelemetry' in f or 'io.opentelemetry' in f for f in st)),
 ('gc', lambda st: any('G1' in f or 'GC' in f.split('/')[-1][:3] or 'SerialHeap' in f or 'DefNew' in f or 'Copy' == f[:4] for f in st[:3])),
 ('jit', lambda st: any('CompileBroker' in f or 'C2Compiler' in f or 'Compiler::' in f for f in st[:6])),
]
for f in sys.argv[1:]:
    name=f[:-len('.collapsed')]; req=int(re.search(r'requests=(\d+)',open(name+'.result').read()).group(1))
    c=collections.Counter(); tot=0
    for st,n in load(f):
        tot+=n
        for k,p in cats:
            if p(st): c[k]+=n; break
        else: c['rest']+=n
    print(name, 'req',req,'samples/1000req total %.1f'%(tot*1000/req), ' '.join('%s=%.2f'%(k,c[k]*1000/req) for k,_ in cats+[('rest',0)]))
