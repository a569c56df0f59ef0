package dev.spillway.engine.bench;

import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.OpenAiReply;
import dev.spillway.simulators.OpenAiSimulator;
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

    private static final String ANTHROPIC_KEY = "sk-ant-api03-spillway-bench-key";
    private static final String OPENAI_KEY = "sk-spillway-bench-openai-key";
    private static final String CLAUDE = "claude-sonnet-4-5-20250929";

    /** One comparison: the same request directly and through the proxy. */
    private record Lane(String label, Target direct, Target viaProxy, boolean firstEventOnly) {
    }

    /** Where one side of a lane sends its request, and with which credential headers (names and values). */
    private record Target(URI uri, byte[] body, List<String> headers) {

        Target(URI uri, byte[] body, String authHeader, String authValue) {
            this(uri, body, List.of(authHeader, authValue));
        }

        Target withHeader(String name, String value) {
            List<String> more = new ArrayList<>(headers);
            more.add(name);
            more.add(value);
            return new Target(uri, body, more);
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (AnthropicSimulator anthropic = AnthropicSimulator.start(); OpenAiSimulator openai = OpenAiSimulator.start()) {
            anthropic.setDefaultReply(AnthropicReply.text("benchmark answer"));
            openai.setDefaultReply(OpenAiReply.text("benchmark answer"));
            String yaml = """
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                      - model_name: gpt-bench
                        litellm_params: {model: openai/gpt-bench, api_base: %s/v1, api_key: %s}
                    """.formatted(anthropic.baseUrl(), openai.baseUrl(), OPENAI_KEY);
            Path config = Files.createTempFile("spillway-bench", ".yaml");
            Files.writeString(config, yaml);
            Process proxy = startProxy(config);
            try {
                URI gateway = awaitListening(proxy);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                System.out.printf("Spillway proxy latency benchmark: %d warm-up + %d measured request pairs per lane, "
                        + "%d cores, Java %s; proxy in its own JVM%n", warmup, runs,
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                String virtualKey = generateKey(http, gateway);
                List<Lane> lanes = new ArrayList<>();
                for (boolean stream : new boolean[] {false, true}) {
                    String what = stream ? "stream, time to first event" : "non-streaming, full response";
                    Target anthropicDirect = anthropicTarget(anthropic.baseUrl(), stream);
                    lanes.add(new Lane("Anthropic API, " + what, anthropicDirect, anthropicTarget(gateway, stream),
                            stream));
                    lanes.add(new Lane("Anthropic API with a virtual key (budget and limits checked), " + what,
                            anthropicDirect, anthropicTarget(gateway, stream).withHeader("x-litellm-api-key",
                                    virtualKey), stream));
                    lanes.add(new Lane("OpenAI API, " + what, openAiTarget(openai.baseUrl().resolve("/v1/"),
                            "gpt-bench", stream), openAiTarget(gateway.resolve("/v1/"), "gpt-bench", stream), stream));
                    lanes.add(new Lane("OpenAI in, Anthropic out (translated), " + what, anthropicDirect,
                            openAiTarget(gateway.resolve("/v1/"), CLAUDE, stream), stream));
                }
                // Warm every lane before measuring any: the proxy serves warm in real use.
                for (Lane lane : lanes) {
                    measure(http, lane.direct(), lane.viaProxy(), lane.firstEventOnly(), 0, warmup);
                }
                for (Lane lane : lanes) {
                    report(lane.label(), measure(http, lane.direct(), lane.viaProxy(), lane.firstEventOnly(), 0,
                            runs));
                }
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
                Files.deleteIfExists(config);
            }
        }
    }

    /** A key with every limit set (none is reached), so each request runs all of the key checks. */
    private static String generateKey(HttpClient http, URI gateway) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/key/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"max_budget\": 1000000, \"budget_duration\": \"1d\", "
                        + "\"rpm_limit\": 1000000000, \"tpm_limit\": 1000000000000, \"models\": [\"claude-*\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not make a virtual key: " + response.body());
        }
        Matcher key = Pattern.compile("\"key\":\"(sk-[^\"]+)\"").matcher(response.body());
        if (!key.find()) {
            throw new IllegalStateException("no key in " + response.body());
        }
        return key.group(1);
    }

    private static Target anthropicTarget(URI base, boolean stream) {
        byte[] body = ("{\"model\":\"" + CLAUDE + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}").getBytes(StandardCharsets.UTF_8);
        return new Target(base.resolve("/v1/messages"), body, "x-api-key", ANTHROPIC_KEY);
    }

    private static Target openAiTarget(URI versionedBase, String model, boolean stream) {
        byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}").getBytes(StandardCharsets.UTF_8);
        return new Target(versionedBase.resolve("chat/completions"), body, "authorization", "Bearer " + OPENAI_KEY);
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
                "dev.spillway.engine.cli.SpillwayCli", "serve", "--config", config.toString(), "--port", "0",
                "--data-dir", config.getParent().resolve("spillway-bench-data").toString()));
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

    private static long[][] measure(HttpClient http, Target direct, Target viaProxy, boolean firstEventOnly,
            int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            time(http, direct, firstEventOnly);
            time(http, viaProxy, firstEventOnly);
        }
        long[] directNanos = new long[runs];
        long[] proxyNanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                directNanos[i] = time(http, direct, firstEventOnly);
                proxyNanos[i] = time(http, viaProxy, firstEventOnly);
            } else {
                proxyNanos[i] = time(http, viaProxy, firstEventOnly);
                directNanos[i] = time(http, direct, firstEventOnly);
            }
        }
        return new long[][] {directNanos, proxyNanos};
    }

    private static long time(HttpClient http, Target target, boolean firstEventOnly) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri())
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(target.body()));
        for (int i = 0; i + 1 < target.headers().size(); i += 2) {
            builder.header(target.headers().get(i), target.headers().get(i + 1));
        }
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long elapsed;
        try (InputStream in = response.body()) {
            if (firstEventOnly) {
                while (in.read() != '\n') {
                    // read up to the end of the first line of the first event
                }
                elapsed = System.nanoTime() - start;
                in.readAllBytes();
            } else {
                in.readAllBytes();
                elapsed = System.nanoTime() - start;
            }
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + target.uri());
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

}
