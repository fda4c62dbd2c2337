#!/usr/bin/env python3
"""Renders the issue 8 suite's markdown report, goals included, from the files suite.sh leaves in its work folder.

Usage: suite_report.py WORK_DIR SESSIONS_TARGET
Reads: facts.md, load.md (run.sh's report), load.tsv, startup.tsv, memory.tsv, tokens.json, plain_token.txt,
jmh.csv. Prints markdown on standard output.
"""
import csv
import json
import sys
from pathlib import Path

MOTO_FACTOR = 100
CEILING_SHARE = 0.5
P99_LIMIT_MS = 5.0
CRYPTO_FACTOR = 3.0
FIRST_REQUEST_MS = 1500
FLAT_SHARE = 0.05  # live heap after a full GC may move by 5% (or 4 MiB) and still be flat


def rows(path):
    with open(path, newline="") as f:
        return [line for line in csv.reader(f, delimiter="\t") if line]


def load_rows(work):
    out = []
    for r in rows(work / "load.tsv"):
        out.append({"target": r[0], "op": r[1], "c": int(r[2]), "rps": float(r[4]), "p99_ms": int(r[6]) / 1000})
    return out


def peak(load, target, op):
    candidates = [r for r in load if r["target"] == target and r["op"] == op]
    return max(candidates, key=lambda r: r["rps"]) if candidates else None


def half_peak(load, target, op):
    top = peak(load, target, op)
    candidates = [r for r in load if r["target"] == target and r["op"] == op]
    return min(candidates, key=lambda r: abs(r["rps"] - top["rps"] / 2)) if top else None


def jmh_scores(work):
    scores = {}
    with open(work / "jmh.csv", newline="") as f:
        for r in csv.DictReader(f):
            name = r["Benchmark"].rsplit(".", 2)
            error = float(r["Score Error (99.9%)"] or "nan")  # NaN with fewer than 3 iterations (--quick)
            scores[name[-2] + "." + name[-1]] = (float(r["Score"]), error)
    return scores


def mib(kib):
    return "-" if kib in ("-", "") else "%.1f" % (int(kib) / 1024)


def verdict(met, miss):
    return "**met**" if met else "**missed**: " + miss


def section_startup(work):
    out = ["### Start-up to the first served request", "",
           "Wall-clock time from launching `java -jar cli/target/lanyard.jar serve` (default JVM options) to the first "
           "HTTP 200, polled every 5 ms over loopback by one Python process (`load/startup_probe.py`); the "
           "GetCallerIdentity is a SigV4-signed POST with the root key the server writes to its data directory.", "",
           "| start | first 200 of GET /health (ms) | first 200 of signed GetCallerIdentity (ms) | "
           "Helidon's own \"since JVM startup\" (ms) |", "|---|--:|--:|--:|"]
    names = {"empty": "empty data directory (creates H2 store, keys, account)", "second": "later start, same directory",
             "aot-training": "start recording the JDK AOT cache (`-XX:AOTCacheOutput`, written at stop)",
             "aot": "start with that cache (`-XX:AOTCache`), as `./lanyard serve` starts after its first run"}
    starts = rows(work / "startup.tsv")
    for label, health, gci, jvm in starts:
        out.append("| %s | %s | %s | %s |" % (names.get(label, label), health, gci, jvm))
    return out, starts


def section_tokens(work):
    plain = int((work / "plain_token.txt").read_text().strip())
    t = json.loads((work / "tokens.json").read_text())
    refused = ("; %d such tags are refused (PackedPolicyTooLarge)" % t["refused_tags"]) if t["refused_tags"] else ""
    return ["### Session token sizes (issued by the running server in this run)", "",
            "| token | characters |", "|---|--:|",
            "| plain AssumeRole (the load run's URL: no policy, no tags) | %d |" % plain,
            "| AssumeRole with a 2,048-character session policy alone | %d |" % t["policy_only_token_chars"],
            "| maximal: %d policy ARNs (%d characters) + a %s-character policy (together AWS's 2,048-character limit) "
            "+ %d tags of 128-character keys and 256-character values%s; PackedPolicySize %s%% | %s |"
            % (t["policy_arns"], t["policy_arn_chars"], format(t["policy_chars"], ","), t["max_tags"], refused,
               t["max_packed_policy_size"], format(t["max_token_chars"], ","))]


def section_memory(work, target):
    mem = rows(work / "memory.tsv")
    out = ["### Resident memory over issued sessions", "",
           "AssumeRole replayed with wrk at 16 connections (each answer a new session); sessions counted by wrk's Lua "
           "hook (successful answers only; target %s). RSS is VmRSS from /proc; heap from `jcmd PID GC.heap_info`; "
           "\"full GC\" is `jcmd PID GC.run` (System.gc() from outside). Default JVM options: G1, maximum heap 1/4 "
           "of RAM." % format(target, ","), "",
           "| point | sessions since the baseline | RSS (MiB) | heap used (MiB) | heap committed (MiB) |",
           "|---|--:|--:|--:|--:|"]
    for label, issued, rss, used, committed in mem:
        out.append("| %s | %s | %s | %s | %s |" % (label, format(int(issued), ","), mib(rss), mib(used),
                                                   mib(committed)))
    return out, mem


def section_jmh(scores):
    labels = [
        ("PolicyBenchmark.typical", "policy: Authorizer.decide, typical user (3 policies, 10 statements, 1 condition)"),
        ("PolicyBenchmark.worstCase", "policy: Authorizer.decide, worst case (10 policies x 10 statements, "
                                      "wildcards, variables, ForAnyValue, IP/date conditions)"),
        ("SigV4Benchmark.sessionPost", "SigV4 parse + verify, STS POST with session token, signing key cached"),
        ("TokenBenchmark.unseal", "session token unseal, plain AssumeRole"),
        ("CryptoFloorBenchmark.sigv4CachedKey", "floor: SHA-256 of the canonical request + 1 HMAC"),
        ("CryptoFloorBenchmark.aesGcmDecrypt", "floor: AES-256-GCM decrypt of the 146-byte session body"),
        ("SigV4Benchmark.sessionPostColdKey", "SigV4 parse + verify with a signing-key cache miss"),
        ("CryptoFloorBenchmark.sigv4FullChain", "floor: 4-HMAC key derivation + HMAC + SHA-256"),
        ("TokenBenchmark.seal", "session token seal, plain AssumeRole"),
        ("CryptoFloorBenchmark.aesGcmEncrypt", "floor: AES-256-GCM encrypt of the 146-byte session body"),
        ("QueryBenchmark.decodeAssumeRole", "Query decoding of botocore's AssumeRole body"),
        ("QueryBenchmark.assumeRoleResponseXml", "XML encoding of an AssumeRole result"),
    ]
    out = ["### JMH (ns/op, one fork, average time; lower is better)", "", "| benchmark | measures | ns/op |",
           "|---|---|--:|"]
    for key, text in labels:
        if key in scores:
            score, error = scores[key]
            spread = "" if error != error else " ± " + format(round(error), ",")
            out.append("| `%s` | %s | %s%s |" % (key, text, format(round(score), ","), spread))
    return out


def memory_goal(mem):
    """Flat: the live heap after a full GC moved by at most 5% (or 4 MiB), and RSS, once the JVM has sized its heap
    (half-way), grew by at most 5% over the second half."""
    baseline, final, loaded = mem[1], mem[-1], mem[-2]
    issued = int(final[1])
    before, after = int(baseline[3]), int(final[3])
    grew = after - before
    live_flat = grew <= max(FLAT_SHARE * before, 4096)
    figure = "%s sessions: live heap after full GC %s -> %s MiB (%+.1f MiB)" % (
        format(issued, ","), mib(before), mib(after), grew / 1024)
    rss_flat = True
    if len(mem) == 5:
        half_rss, end_rss = int(mem[2][2]), int(loaded[2])
        rss_flat = end_rss - half_rss <= FLAT_SHARE * half_rss
        figure += "; RSS %s MiB at the baseline, %s MiB at %s sessions, %s MiB at %s (%+.1f%% over the second half)" % (
            mib(baseline[2]), mib(half_rss), format(int(mem[2][1]), ","), mib(end_rss), format(issued, ","),
            100 * (end_rss / half_rss - 1))
    misses = []
    if issued < 1_000_000:
        misses.append("only %s sessions issued" % format(issued, ","))
    if not live_flat:
        misses.append("live heap grew %.1f MiB" % (grew / 1024))
    if not rss_flat:
        misses.append("RSS grew over the second half")
    return "| memory flat after a million sessions | %s | %s |" % (figure, verdict(not misses, "; ".join(misses)))


def goals(load, starts, mem, scores):
    out = ["### Goals", "", "| goal | figure | verdict |", "|---|---|---|"]
    for op in ("AssumeRole", "GetCallerIdentity"):
        l, m = peak(load, "lanyard", op), peak(load, "moto", op)
        if l and m:
            ratio = l["rps"] / m["rps"]
            out.append("| %s >= %dx moto | peak %s vs %s req/s: %.0fx | %s |" % (
                op, MOTO_FACTOR, format(round(l["rps"]), ","), format(round(m["rps"]), ","), ratio,
                verdict(ratio >= MOTO_FACTOR, "%.0f%% short of %dx" % (100 * (1 - ratio / MOTO_FACTOR), MOTO_FACTOR))))
    # The issue sets no moto factor for AssumeRoleWithWebIdentity (moto checks no token; Lanyard verifies RS256 on
    # every call): the ratio is reported, not judged.
    l, m = peak(load, "lanyard", "AssumeRoleWithWebIdentity"), peak(load, "moto", "AssumeRoleWithWebIdentity")
    if l and m:
        out.append("| AssumeRoleWithWebIdentity vs moto (no goal set; reported) | peak %s vs %s req/s: %.0fx | - |" % (
            format(round(l["rps"]), ","), format(round(m["rps"]), ","), l["rps"] / m["rps"]))
    g, c = peak(load, "lanyard", "GetCallerIdentity"), peak(load, "ceiling", "Ceiling")
    if g and c:
        share = g["rps"] / c["rps"]
        out.append("| GetCallerIdentity >= half the bare HTTP ceiling | %s of %s req/s: %.0f%% | %s |" % (
            format(round(g["rps"]), ","), format(round(c["rps"]), ","), 100 * share,
            verdict(share >= CEILING_SHARE, "%.0f points short" % (100 * (CEILING_SHARE - share)))))
    for op in ("GetCallerIdentity", "AssumeRole", "GetUser", "AssumeRoleWithWebIdentity"):
        h = half_peak(load, "lanyard", op)
        if h:
            top = peak(load, "lanyard", op)["rps"]
            above = [r for r in load if r["target"] == "lanyard" and r["op"] == op and r["rps"] >= top / 2]
            first_above = min(above, key=lambda r: r["c"])
            extra = "" if first_above is h else "; fewest connections reaching half: %d (%.0f%% of the peak): p99 %.2f ms" % (
                first_above["c"], 100 * first_above["rps"] / top, first_above["p99_ms"])
            out.append("| p99 < %.0f ms at half the max throughput, %s | row closest to half the peak: %d connections, "
                       "%s req/s (%.0f%% of the peak): p99 %.2f ms%s | %s |"
                       % (P99_LIMIT_MS, op, h["c"], format(round(h["rps"]), ","), 100 * h["rps"] / top, h["p99_ms"],
                          extra, verdict(h["p99_ms"] < P99_LIMIT_MS, "%.1fx the limit" % (h["p99_ms"] / P99_LIMIT_MS))))
    keys = ("SigV4Benchmark.sessionPost", "TokenBenchmark.unseal", "CryptoFloorBenchmark.sigv4CachedKey",
            "CryptoFloorBenchmark.aesGcmDecrypt")
    if all(k in scores for k in keys):
        ours = scores[keys[0]][0] + scores[keys[1]][0]
        floor = scores[keys[2]][0] + scores[keys[3]][0]
        out.append("| SigV4 verification + token unseal within %.0fx the bare crypto floor | %s vs %s ns: %.1fx | %s |"
                   % (CRYPTO_FACTOR, format(round(ours), ","), format(round(floor), ","), ours / floor,
                      verdict(ours / floor <= CRYPTO_FACTOR, "%.0f%% over (%s ns above the %s ns allowed)" % (
                          100 * (ours / floor / CRYPTO_FACTOR - 1), format(round(ours - CRYPTO_FACTOR * floor), ","),
                          format(round(CRYPTO_FACTOR * floor), ",")))))
    if len(mem) >= 4 and mem[1][3] != "-":
        out.append(memory_goal(mem))
    judged = {"empty": "empty data directory", "second": "later start", "aot": "with the AOT cache, as ./lanyard"}
    for label, _, gci, _ in starts:
        if label not in judged:
            continue
        out.append("| first request within %.1f s of start (%s) | signed GetCallerIdentity after %s ms | %s |" % (
            FIRST_REQUEST_MS / 1000, judged[label], gci,
            verdict(int(gci) <= FIRST_REQUEST_MS, "%d ms late (%.0f%%)" % (
                int(gci) - FIRST_REQUEST_MS, 100 * (int(gci) / FIRST_REQUEST_MS - 1)))))
    return out


def cpu_line(work):
    """What processes outside the suite took while it ran, per phase (suite.sh's cpu_mark)."""
    parts = []
    for name, total, other, steal in rows(work / "cpu.tsv"):
        total, other, steal = int(total), max(0, int(other)), int(steal)
        if total > 0:
            parts.append("%s %.0f%%%s" % (name, 100 * other / total,
                                          " (steal %.0f%%)" % (100 * steal / total) if steal >= total / 100 else ""))
    return ["- CPU time used by processes the suite did not start (and kernel work charged to none), share of "
            "both CPUs: " + ", ".join(parts)]


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    work, target = Path(argv[1]), int(argv[2])
    load = load_rows(work)
    scores = jmh_scores(work)
    startup, starts = section_startup(work)
    memory, mem = section_memory(work, target)
    load_md = (work / "load.md").read_text().splitlines()
    # run.sh's report without its heading and machine facts (the suite states them once).
    load_md = [line for line in load_md[1:] if not line.startswith(("- Machine", "- JDK", "- Tools", "- Date"))]
    parts = [(work / "facts.md").read_text().rstrip().splitlines(), cpu_line(work), [""],
             goals(load, starts, mem, scores), [""], startup, [""], section_tokens(work), [""], memory, [""],
             ["### Load (run.sh)"], load_md, [""], section_jmh(scores)]
    print("\n".join(line for part in parts for line in part))


if __name__ == "__main__":
    main(sys.argv)
