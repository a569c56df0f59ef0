package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.ui.settings.SettingsStore;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine hosted by the app: a real engine on a real port, serving a simulated Anthropic. */
class EngineHostTest {

    @TempDir
    Path dir;

    private AnthropicSimulator anthropic;
    private SettingsStore store;
    private EngineHost host;
    private final List<EngineState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        anthropic = AnthropicSimulator.start();
        anthropic.setDefaultReply(AnthropicReply.text("hello from the simulator"));
        store = TestApp.store(dir);
        TestApp.writeConfig(store, anthropic.baseUrl(), TestApp.freePort());
        host = new EngineHost(store, options -> options);
        host.addListener(states::add);
    }

    @AfterEach
    void tearDown() {
        host.close();
        anthropic.close();
    }

    @Test
    void startsFromTheUsersConfigFileAndStops() throws Exception {
        EngineState running = host.start().join();

        assertThat(running.isRunning()).isTrue();
        URI url = running.baseUrl().orElseThrow();
        assertThat(TestApp.ask(url, "claude-sonnet-4-5").body()).contains("hello from the simulator");

        assertThat(host.stop().join().status()).isEqualTo(EngineState.Status.STOPPED);
        assertThatThrownBy(() -> TestApp.ask(url, "claude-sonnet-4-5")).isInstanceOf(ConnectException.class);
        assertThat(states).extracting(EngineState::status).containsExactly(EngineState.Status.STARTING,
                EngineState.Status.RUNNING, EngineState.Status.STOPPED);
    }

    @Test
    void aPortChangeRestartsTheListenerOnTheNewPort() throws Exception {
        URI before = host.start().join().baseUrl().orElseThrow();
        int newPort = TestApp.freePort();
        ConfigDocument doc = store.open();
        doc.set(newPort, "spillway_settings", "port");
        store.write(doc);

        String outcome = host.apply(store.load());

        URI after = host.state().baseUrl().orElseThrow();
        assertThat(outcome).contains("restarted").contains(String.valueOf(newPort));
        assertThat(after.getPort()).isEqualTo(newPort).isNotEqualTo(before.getPort());
        assertThat(TestApp.ask(after, "claude-sonnet-4-5").statusCode()).isEqualTo(200);
    }

    @Test
    void routingChangesApplyToTheRunningEngineWithoutDroppingARequestInFlight() throws Exception {
        URI url = host.start().join().baseUrl().orElseThrow();
        var before = host.engine().orElseThrow();
        anthropic.enqueue(AnthropicReply.text("slow answer").withDelayBetweenEvents(Duration.ofMillis(150)));
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return TestApp.askStreaming(url, "claude-sonnet-4-5");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(anthropic.takeRequest(Duration.ofSeconds(10))).isNotNull();

        ConfigDocument doc = store.open();
        doc.addDeployment("sonnet-alias", "anthropic/claude-sonnet-4-5").setParam("api_base",
                anthropic.baseUrl().toString());
        store.write(doc);
        String outcome = host.apply(store.load());

        assertThat(outcome).isEqualTo("Applied to the running proxy.");
        assertThat(host.engine().orElseThrow()).isSameAs(before);
        assertThat(before.modelGroups()).contains("sonnet-alias");
        assertThat(inFlight.get(20, TimeUnit.SECONDS)).contains("\"text\":\"wer\"").contains("event: message_stop");
        assertThat(TestApp.ask(url, "sonnet-alias").statusCode()).isEqualTo(200);
    }

    @Test
    void aConfigThatCannotStartBecomesTheErrorStateWithAReason() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ConfigDocument doc = store.open();
            doc.set(taken.getLocalPort(), "spillway_settings", "port");
            store.write(doc);

            EngineState state = host.start().join();

            assertThat(state.status()).isEqualTo(EngineState.Status.FAILED);
            assertThat(state.problem().orElseThrow()).contains("port is in use");
        }
    }

    @Test
    void settingsAppliedWhileStoppedAreUsedAtTheNextStart() throws Exception {
        ConfigDocument doc = store.open();
        doc.set(TestApp.freePort(), "spillway_settings", "port");
        store.write(doc);

        assertThat(host.apply(store.load())).contains("stopped");
        assertThat(Files.readString(store.file())).contains("# written by the test");
        assertThat(host.start().join().isRunning()).isTrue();
    }
}
