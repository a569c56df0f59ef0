package dev.spillway.engine.bench;

import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Prints the latency Spillway adds: the same requests to the Anthropic simulator, directly and through the proxy,
 * interleaved so that both see the same machine state. The proxy runs as its own process ({@code spillway serve}),
 * as users run it. Run with {@code bench/latency.sh}; not a test.
 */
public final class ProxyLatencyBenchmark {

    private static final String KEY = "sk-ant-api03-spillway-bench-key";
    private static final byte[] PLAIN = body(false);
    private static final byte[] STREAM = body(true);

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 15000;
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
            Path config = Files.createTempFile("spillway-bench", ".yaml");
            Files.writeString(config, yaml);
            Process proxy = startProxy(config);
            try {
                URI proxyBase = awaitListening(proxy);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI direct = upstream.baseUrl().resolve("/v1/messages");
                URI viaProxy = proxyBase.resolve("/v1/messages");
                System.out.printf("Spillway proxy latency benchmark: %d warm-up + %d measured requests per case, "
                        + "%d cores, Java %s; proxy in its own JVM%n", warmup, runs,
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                report("non-streaming, full response", measure(http, direct, viaProxy, PLAIN, false, warmup, runs));
                report("streaming, time to first event", measure(http, direct, viaProxy, STREAM, true, warmup, runs));
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
                Files.deleteIfExists(config);
            }
        }
    }

    /** Runs {@code spillway serve} as its own process, as users run it. */
    private static Process startProxy(Path config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getenv().getOrDefault("SPILLWAY_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.spillway.engine.cli.SpillwayCli", "serve", "--config", config.toString(), "--port", "0"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static URI awaitListening(Process proxy) throws IOException {
        BufferedReader log = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(log), "proxy-log");
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new IllegalStateException("the proxy exited before listening");
    }

    private static void drain(BufferedReader log) {
        try {
            while (log.readLine() != null) {
                // keep the proxy's output pipe from filling up
            }
        } catch (IOException closed) {
            // the proxy has stopped
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
        System.out.printf("%s%n", label);
        for (int p : new int[] {50, 90, 99}) {
            double d = percentile(direct, p);
            double v = percentile(proxy, p);
            System.out.printf("  p%-3d direct %.3f ms | via Spillway %.3f ms | added %.3f ms%n", p, d, v, v - d);
        }
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
