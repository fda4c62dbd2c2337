/**
 * JMH benchmarks of Lanyard's per-request hot paths, one class per library, each compared with the bare
 * cryptography it cannot avoid ({@link dev.lanyard.bench.CryptoFloorBenchmark}):
 * <ul>
 *   <li>{@link dev.lanyard.bench.SigV4Benchmark}: lanyard-sigv4, parse + verify of botocore-signed requests;
 *   <li>{@link dev.lanyard.bench.TokenBenchmark}: lanyard-tokens, seal and unseal of session tokens;
 *   <li>{@link dev.lanyard.bench.QueryBenchmark}: lanyard-query-protocol, form decoding and response envelopes;
 *   <li>{@code PolicyBenchmark} (to come): lanyard-policy, parse and evaluate. Put it here as
 *       {@code PolicyBenchmark.java}, uncomment the lanyard-policy dependency in the module's pom.xml, and add a
 *       fixture test beside the others checking that each benchmark takes the path it claims (e.g. Allow vs
 *       implicit Deny).
 * </ul>
 * Fixtures ({@link dev.lanyard.bench.BotocoreRequests}, {@link dev.lanyard.bench.Sessions},
 * {@link dev.lanyard.bench.AssumeRoleWire}) are deterministic; the tests in src/test check that every benchmark
 * measures the success path, not an exception.
 */
package dev.lanyard.bench;
