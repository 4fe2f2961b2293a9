#!/usr/bin/env python3
"""Where a whole-application JFR recording's CPU samples went, by tracing stage (docs/BENCHMARKS.md, issue 21).

    python3 benchmarks/profile/stages.py recording.jfr [more.jfr ...]

Reads jdk.ExecutionSample (threads running Java code) and jdk.NativeMethodSample (threads in native code, where
zlib's deflate runs) through the JDK's `jfr print --json`. Each sample belongs to the first frame, from the top
of its stack, that is not the JDK's own (java.*, jdk.*, sun.*): JDK code runs on behalf of whoever called it
(a HashMap for the SDK, Deflater for the exporter). Native samples of threads blocked in a socket read or a
wait are idle, not CPU, and are left out. Stages of this library and the SDK are named; everything else is
the application, the server and H2.
"""
import json, subprocess, sys, collections

IDLE = ("socketRead", "socketAccept", "epollWait", "park", "wait", "sleep", "accept", "poll", "read0",
        "Net.poll", "readBytes", "waitForReferencePendingList", "EPoll.wait")

def stage(frames, thread):
    export = thread.startswith("BatchSpanProcessor")
    for f in frames:
        cls = f["method"]["type"]["name"].replace("/", ".")
        m = f["method"]["name"]
        if export:
            if cls.startswith("java.util.zip") or "Deflater" in cls:
                return "export: gzip"
            if ".marshal" in cls or "Marshaler" in cls or "otlp" in cls or "ProtoSerializer" in cls:
                return "export: marshalling"
            if cls.startswith("sun.net") or cls.startswith("java.net") or cls.startswith("sun.nio") or "UrlConnectionSender" in cls:
                return "export: HTTP send"
            if cls.startswith(("java.", "jdk.", "sun.")):
                continue
            return "export: batching and other"
        if cls.startswith(("java.", "jdk.", "sun.", "com.sun.")):
            continue
        if cls.startswith("io.github.mackereltracing.internal.jdbc.Sql"):
            return "SQL sanitizing (SqlSanitizer/SqlScan)"
        if cls.startswith("io.github.mackereltracing.internal.jdbc"):
            return "JDBC wrappers (JdbcSpans, Tracing*)"
        if cls.startswith(("io.github.mackereltracing.internal.servlet", "io.github.mackereltracing.internal.http")):
            return "servlet filter (ServletRequestSpan, http)"
        if cls.startswith("io.github.mackereltracing.light"):
            return None  # the benchmark's application
        if cls.startswith("io.github.mackereltracing.internal.interceptor"):
            return "interceptor (@Traced)"
        if cls.startswith("io.github.mackereltracing.internal.jaxrs"):
            return "JAX-RS route (TracingContainerFilter)"
        if cls.startswith("io.github.mackereltracing"):
            return "library, other (" + cls.split(".")[4] + ")"
        if cls.startswith("io.opentelemetry.sdk.trace.export"):
            return "SDK: batch queue (onEnd)"
        if cls.startswith("io.opentelemetry.sdk") or cls.startswith("io.opentelemetry.api.internal") \
                or cls.startswith("io.opentelemetry.api.common") or cls.startswith("io.opentelemetry.api.trace"):
            return "SDK: span start/end, attributes, ids"
        if cls.startswith("io.opentelemetry.context"):
            return "context (makeCurrent, storage)"
        if cls.startswith("io.opentelemetry"):
            return "OpenTelemetry, other"
        return None  # the application, the server, H2
    return None

def main(paths):
    counts = collections.Counter()
    totals = collections.Counter()
    allocated = collections.Counter()
    thread_cpu = collections.defaultdict(list)
    gc_ms = 0.0
    for path in paths:
        out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                              "jdk.ExecutionSample,jdk.NativeMethodSample,jdk.ObjectAllocationSample,"
                              "jdk.ThreadCPULoad,jdk.GarbageCollection", path],
                             check=True, capture_output=True, text=True).stdout
        for e in json.loads(out)["recording"]["events"]:
            v = e["values"]
            if e["type"] == "jdk.GarbageCollection":
                gc_ms += duration_ms(v["sumOfPauses"])
                continue
            if e["type"] == "jdk.ThreadCPULoad":
                name = ((v.get("eventThread") or {}).get("javaName")) or "?"
                thread_cpu[name.rstrip("0123456789- ")].append(v["user"] + v["system"])
                continue
            frames = (v.get("stackTrace") or {}).get("frames") or []
            thread = ((v.get("sampledThread") or v.get("eventThread") or {}).get("javaName")) or ""
            if e["type"] == "jdk.ObjectAllocationSample":
                allocated[stage(frames, thread) or "application, server, H2 (not tracing)"] += v["weight"]
                continue
            native = e["type"] == "jdk.NativeMethodSample"
            if native:
                top = frames[0]["method"]["name"] if frames else ""
                if not frames or any(top.startswith(i) or i in top for i in IDLE) or "Deflater" not in \
                        frames[0]["method"]["type"]["name"]:
                    totals["native, idle or other"] += 1
                    continue
            totals["cpu"] += 1
            counts[stage(frames, thread) or "application, server, H2 (not tracing)"] += 1
    cpu = totals["cpu"]
    print(f"samples: {cpu} CPU (Java + deflate), {totals['native, idle or other']} other native left out")
    print("| stage | samples | share of CPU samples |")
    print("|---|---|---|")
    for name, n in counts.most_common():
        print(f"| {name} | {n} | {100.0 * n / cpu:.1f} % |")
    total = sum(allocated.values())
    print(f"\nallocation samples, weighted: {total / 1e6:.0f} MB in all")
    print("| stage | MB | share |")
    print("|---|---|---|")
    for name, n in allocated.most_common():
        print(f"| {name} | {n / 1e6:.1f} | {100.0 * n / total:.1f} % |")
    print(f"\nGC pauses: {gc_ms:.0f} ms in all")
    print("threads by mean CPU load (share of the machine), top 8:")
    for name, loads in sorted(thread_cpu.items(), key=lambda kv: -sum(kv[1]) / len(kv[1]))[:8]:
        print(f"  {name}: {100.0 * sum(loads) / len(loads):.2f} % (x{len(loads)} samples)")

def duration_ms(value):
    # jfr --json writes durations as ISO-8601, e.g. "PT0.001234S"
    if isinstance(value, (int, float)):
        return value / 1e6
    return float(value.replace("PT", "").replace("S", "")) * 1000 if value.endswith("S") else 0.0

if __name__ == "__main__":
    main(sys.argv[1:])
