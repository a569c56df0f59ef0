package dev.spillway.engine.bench;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Prints the latency Spillway adds: the same requests to the Anthropic simulator, directly and through the proxy,
 * interleaved so that both see the same machine state. Run with {@code bench/latency.sh}; not a test.
 */
public final class ProxyLatencyBenchmark {

    private static final String KEY = "sk-ant-api03-spillway-bench-key";
    private static final byte[] PLAIN = body(false);
    private static final byte[] STREAM = body(true);

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (AnthropicSimulator upstream = AnthropicSimulator.start()) {
            upstream.setDefaultReply(AnthropicReply.text("benchmark answer"));
            String yaml = """
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                    """.formatted(upstream.baseUrl());
            var config = ConfigLoader.withEnvironment(Map.of()).parse(yaml, Optional.empty());
            try (Spillway proxy = Spillway.start(config, SpillwayOptions.defaults().withPort(0))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI direct = upstream.baseUrl().resolve("/v1/messages");
                URI viaProxy = proxy.baseUrl().resolve("/v1/messages");
                System.out.printf("Spillway proxy latency benchmark: %d warm-up + %d measured requests per case, "
                        + "%d cores, Java %s%n", warmup, runs, Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                report("non-streaming, full response", measure(http, direct, viaProxy, PLAIN, false, warmup, runs));
                report("streaming, time to first event", measure(http, direct, viaProxy, STREAM, true, warmup, runs));
            }
        }
    }

    private static long[][] measure(HttpClient http, URI direct, URI viaProxy, byte[] body, boolean firstEventOnly,
            int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            time(http, direct, body, firstEventOnly);
            time(http, viaProxy, body, firstEventOnly);
        }
        long[] directNanos = new long[runs];
        long[] proxyNanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                directNanos[i] = time(http, direct, body, firstEventOnly);
                proxyNanos[i] = time(http, viaProxy, body, firstEventOnly);
            } else {
                proxyNanos[i] = time(http, viaProxy, body, firstEventOnly);
                directNanos[i] = time(http, direct, body, firstEventOnly);
            }
        }
        return new long[][] {directNanos, proxyNanos};
    }

    private static long time(HttpClient http, URI uri, byte[] body, boolean firstEventOnly) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long elapsed;
        try (InputStream in = response.body()) {
            if (firstEventOnly) {
                while (in.read() != '\n') {
                    // read up to the end of the first "event:" line
                }
                elapsed = System.nanoTime() - start;
                in.readAllBytes();
            } else {
                in.readAllBytes();
                elapsed = System.nanoTime() - start;
            }
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri);
        }
        return elapsed;
    }

    private static void report(String label, long[][] samples) {
        long[] direct = samples[0].clone();
        long[] proxy = samples[1].clone();
        Arrays.sort(direct);
        Arrays.sort(proxy);
        double d50 = percentile(direct, 50);
        double d99 = percentile(direct, 99);
        double p50 = percentile(proxy, 50);
        double p99 = percentile(proxy, 99);
        System.out.printf("%-32s direct p50 %.3f ms  p99 %.3f ms | via Spillway p50 %.3f ms  p99 %.3f ms | "
                + "added p50 %.3f ms  p99 %.3f ms%n", label, d50, d99, p50, p99, p50 - d50, p99 - d99);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static byte[] body(boolean stream) {
        return ("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}").getBytes(StandardCharsets.UTF_8);
    }
}
