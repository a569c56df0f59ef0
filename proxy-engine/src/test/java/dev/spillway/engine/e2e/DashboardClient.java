package dev.spillway.engine.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Calls the dashboard's routes over real HTTP, as its page does. */
final class DashboardClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String key;

    /** @param key the master key to send as {@code x-api-key}, or null */
    DashboardClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return http.send(request(path, headers).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            builder.header("x-api-key", key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Opens {@code /ui/api/events}; its lines arrive in {@link EventStream#lines}. */
    EventStream events() throws Exception {
        HttpResponse<Stream<String>> response = http.send(request("/ui/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("event stream answered " + response.statusCode());
        }
        EventStream stream = new EventStream(response);
        Thread reader = new Thread(() -> response.body().forEach(stream.lines::add), "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    /** A server-sent-event stream being read. */
    static final class EventStream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;

        EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
        }

        /** The data of the next event of {@code type}, skipping others. */
        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean wanted = false;
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no '" + type + "' event within 10 s");
                }
                if (line.startsWith("event:")) {
                    wanted = line.substring(6).trim().equals(type);
                } else if (wanted && line.startsWith("data:")) {
                    return JSON.readTree(line.substring(5));
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    /** Waits up to 10 s for {@code condition}, checking every few milliseconds. */
    static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
