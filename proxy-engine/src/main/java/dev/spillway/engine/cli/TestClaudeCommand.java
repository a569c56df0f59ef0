package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeCodeCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spillway test-claude}: one real request through the proxy, with Claude Code's own credential. */
@Command(name = "test-claude", mixinStandardHelpOptions = true,
        description = {"Send one short request through Spillway with the credential Claude Code would use, and "
                + "say which provider answered.", "Exit codes: 0 answered, 3 not running, 1 the request failed."})
final class TestClaudeCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    @Option(names = "--model", paramLabel = "MODEL", description = "The model to ask (default ${DEFAULT-VALUE}).")
    String model = ClaudeCodeCheck.DEFAULT_MODEL;

    private final CliContext context;

    TestClaudeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ClaudeCodeCheck.Result result = new ClaudeCodeCheck(ClaudeFiles.files(context), context.env())
                .test(proxy.url, model);
        context.out().println("Credential: " + result.credential());
        if (result.status() == 0) {
            context.err().println("spillway: " + result.detail());
            return ExitCodes.NOT_RUNNING;
        }
        if (!result.ok()) {
            context.err().println("spillway: " + model + " failed with HTTP " + result.status() + ": "
                    + result.detail());
            return ExitCodes.FAILED;
        }
        context.out().println("OK: " + model + " answered by " + result.provider().orElse("?") + " (model group "
                + result.modelGroup().orElse("?") + ") in " + result.millis() + " ms: " + result.detail());
        return ExitCodes.OK;
    }
}
