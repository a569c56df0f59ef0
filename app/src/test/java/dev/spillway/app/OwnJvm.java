package dev.spillway.app;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a JUnit test class in a JVM of its own, for tests that need what a JVM fixes when it starts (the X display AWT
 * connects to, whether AWT is headless). The child runs on this JVM's class path; it passes only if every test in the
 * class ran and passed.
 */
final class OwnJvm {

    /** @param exitCode 0 when every test passed */
    record Outcome(int exitCode, String output) {}

    private OwnJvm() {}

    static Outcome run(Class<?> tests, Map<String, String> environment, List<String> jvmOptions, Path outputDir,
            Duration timeout) throws IOException, InterruptedException {
        Path output = outputDir.resolve(tests.getSimpleName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), OwnJvm.class.getName(), tests.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process jvm = builder.start();
        try {
            if (!jvm.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Outcome(-1, Files.readString(output) + "\n[killed: no result within " + timeout + "]");
            }
            return new Outcome(jvm.exitValue(), Files.readString(output));
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Surefire's fork runs from a manifest-only jar; the real class path is in this property then. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** In the child: runs the test class named by {@code args[0]}, prints each result, exits 0 if all passed. */
    public static void main(String[] args) {
        // Should the parent die, so does the child (it would otherwise hold the display and the ports).
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime()
                .halt(3)));
        PrintWriter out = new PrintWriter(System.out, true);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0]))
                .build(), summary, new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier test, String reason) {
                        out.println("[own JVM] SKIPPED " + test.getDisplayName() + ": " + reason);
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            out.println("[own JVM] " + result.getStatus() + " " + test.getDisplayName());
                        }
                    }
                });
        TestExecutionSummary result = summary.getSummary();
        result.printTo(out);
        result.printFailuresTo(out, 25);
        boolean allPassed = result.getTestsFoundCount() > 0
                && result.getTestsSucceededCount() == result.getTestsFoundCount()
                && result.getContainersFailedCount() == 0;
        out.flush();
        System.exit(allPassed ? 0 : 1);
    }
}
