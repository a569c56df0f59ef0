package dev.spillway.engine.e2e;

import dev.spillway.engine.cli.SpillwayCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code spillway serve} in its own JVM, as a user runs it: the test's directory is its home (for the AWS SDK too,
 * which reads {@code ~/.aws} from there), and of the AWS variables only the ones given, e.g. {@code AWS_ENDPOINT_URL_STS}
 * pointing at a simulator. Its output is collected as it comes, for {@link #log()}.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final CompletableFuture<URI> url = new CompletableFuture<>();

    private ServeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collectOutput, "spillway-serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code spillway serve --config config} with {@code home} as its home and only {@code awsEnv} of AWS_*. */
    static ServeProcess start(Path home, Path config, Map<String, String> awsEnv) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), SpillwayCli.class.getName(),
                "serve", "--config", config.toString(), "--port", "0", "--data-dir", home.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(awsEnv);
        return new ServeProcess(builder.start());
    }

    /** Where it listens, once it says so (within a minute). */
    URI url() throws Exception {
        return url.get(60, TimeUnit.SECONDS);
    }

    /** A small Anthropic Messages request for {@code model}, as Claude Code sends it. */
    HttpResponse<String> postMessage(String model) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url().resolve("/v1/messages"))
                        .header("x-api-key", "sk-ant-test-caller")
                        .header("anthropic-version", "2023-06-01")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":20,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Everything it printed so far. */
    String log() {
        return log.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                log.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(new UncheckedIOException(e));
        }
        url.completeExceptionally(new AssertionError("spillway serve ended without saying where it listens:\n" + log));
    }
}
