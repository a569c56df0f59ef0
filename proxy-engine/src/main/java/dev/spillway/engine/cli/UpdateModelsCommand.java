package dev.spillway.engine.cli;

import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.discovery.AnthropicModelList;
import dev.spillway.engine.discovery.BedrockModelList;
import dev.spillway.engine.discovery.ClaudeModelName;
import dev.spillway.engine.discovery.DiscoveryException;
import dev.spillway.engine.discovery.ModelAliases;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/** {@code spillway update-models}: what the accounts can use, against the config's aliases. */
@Command(name = "update-models", mixinStandardHelpOptions = true,
        description = {"Ask Anthropic (GET /v1/models) and Bedrock (ListFoundationModels, ListInferenceProfiles) "
                + "which Claude models your accounts can use, show how the config's claude-opus / claude-sonnet / "
                + "claude-haiku aliases compare, and on confirmation move them to the newest of each family.",
                "Exit codes: 0 up to date or updated, 4 updates available but not applied, 1 error."})
final class UpdateModelsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The config.yaml to compare and update "
            + "(default: the built-in config, compared only).")
    Path config;

    @Option(names = "--yes", description = "Apply the updates without asking.")
    boolean yes;

    @Option(names = "--anthropic-url", paramLabel = "URL", description = "Default ${DEFAULT-VALUE}.")
    URI anthropicUrl = URI.create("https://api.anthropic.com");

    @Option(names = "--anthropic-key", paramLabel = "KEY", description = "Default: $ANTHROPIC_API_KEY.")
    String anthropicKey;

    @Option(names = "--aws-profile", paramLabel = "PROFILE",
            description = "Default: the config's Bedrock profile, else $AWS_PROFILE, else default.")
    String awsProfile;

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "Default: the config's Bedrock region, else the profile's, else us-east-1.")
    String awsRegion;

    @Option(names = "--no-anthropic", description = "Do not ask Anthropic.")
    boolean noAnthropic;

    @Option(names = "--no-bedrock", description = "Do not ask Bedrock.")
    boolean noBedrock;

    private final CliContext context;
    /** The region Bedrock was asked in, for the report. */
    private String bedrockRegion;

    UpdateModelsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        SpillwayConfig loaded;
        String text;
        try {
            if (config != null && !Files.isRegularFile(config)) {
                context.err().println("spillway: config file not found: " + config.toAbsolutePath());
                return ExitCodes.FAILED;
            }
            text = config == null ? ConfigLoader.defaultConfigText() : Files.readString(config, StandardCharsets.UTF_8);
            ConfigLoader loader = ConfigLoader.withEnvironment(context.env());
            loaded = config == null ? loader.loadDefault() : loader.load(config);
        } catch (ConfigException | IOException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        Optional<List<String>> anthropic = noAnthropic ? Optional.empty() : askAnthropic();
        Optional<BedrockModelList.Available> bedrock = noBedrock ? Optional.empty() : askBedrock(loaded);
        if (anthropic.isEmpty() && bedrock.isEmpty()) {
            context.err().println("spillway: no account could be asked; nothing to compare");
            return ExitCodes.FAILED;
        }
        List<ModelAliases.Change> changes = ModelAliases.changes(loaded.deployments(), anthropic, bedrock);
        report(loaded, anthropic, bedrock, changes);
        if (changes.isEmpty()) {
            context.out().println("The aliases are up to date.");
            return ExitCodes.OK;
        }
        if (config == null) {
            context.out().println("The built-in config is in use: save a copy, pass it with --config, and run "
                    + "update-models again to apply these.");
            return ExitCodes.NEEDS_ATTENTION;
        }
        if (!yes && !confirm("Update " + config + "? [y/N] ")) {
            context.out().println("Nothing changed.");
            return ExitCodes.NEEDS_ATTENTION;
        }
        try {
            Path backup = config.resolveSibling(config.getFileName() + ".bak");
            Files.copy(config, backup, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(config, ModelAliases.apply(text, changes), StandardCharsets.UTF_8);
            context.out().println("Updated " + config + " (previous version: " + backup + "). A running Spillway "
                    + "picks it up on restart.");
            return ExitCodes.OK;
        } catch (IOException e) {
            context.err().println("spillway: cannot write " + config + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private Optional<List<String>> askAnthropic() throws InterruptedException {
        String key = anthropicKey != null ? anthropicKey : context.env().get("ANTHROPIC_API_KEY");
        if (key == null || key.isBlank()) {
            context.out().println("Anthropic: skipped (no key: pass --anthropic-key or set ANTHROPIC_API_KEY)");
            return Optional.empty();
        }
        try {
            return Optional.of(new AnthropicModelList(anthropicUrl, key).ids());
        } catch (DiscoveryException e) {
            context.out().println("Anthropic: skipped (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private Optional<BedrockModelList.Available> askBedrock(SpillwayConfig loaded) throws InterruptedException {
        Optional<DeploymentConfig> bedrockDeployment = loaded.deployments().stream()
                .filter(d -> d.provider().equals("bedrock")).findFirst();
        String profile = awsProfile != null ? awsProfile : bedrockDeployment.flatMap(d -> d.aws().profile())
                .orElse(CredentialState.defaultProfile(context.env()));
        ProfileFile profiles = profileFile();
        String region = awsRegion != null ? awsRegion : bedrockDeployment.flatMap(d -> d.aws().region())
                .or(() -> profiles.profile(profile).flatMap(p -> p.property("region"))).orElse("us-east-1");
        Optional<URI> endpoint = Optional.ofNullable(context.env().get("AWS_ENDPOINT_URL_BEDROCK"))
                .or(() -> Optional.ofNullable(context.env().get("AWS_ENDPOINT_URL"))).map(URI::create);
        try {
            return Optional.of(new BedrockModelList(region, ProfileCredentialsProvider.builder()
                    .profileFile(profiles).profileName(profile).build(), endpoint).list());
        } catch (DiscoveryException | IllegalArgumentException e) {
            context.out().println("Bedrock: skipped (profile " + profile + ", " + region + ": " + e.getMessage()
                    + "; sign in with ./spillway sso-login --profile " + profile + " if it is an SSO profile)");
            return Optional.empty();
        } finally {
            bedrockRegion = region;
        }
    }

    private ProfileFile profileFile() {
        return AwsProfiles.read(AwsProfiles.configFile(context.home(), context.env())).profileFile();
    }

    private void report(SpillwayConfig loaded, Optional<List<String>> anthropic,
            Optional<BedrockModelList.Available> bedrock, List<ModelAliases.Change> changes) {
        Set<String> named = new TreeSet<>();
        loaded.deployments().forEach(d -> ClaudeModelName.parse(d.model())
                .ifPresent(n -> named.add(n.anthropicName())));
        anthropic.ifPresent(ids -> {
            List<String> claude = ids.stream().filter(id -> ClaudeModelName.parse(id).isPresent()).toList();
            context.out().println("Anthropic (" + anthropicUrl + "): " + claude.size() + " Claude models");
            claude.stream().filter(id -> !named.contains(id))
                    .forEach(id -> context.out().println("  + " + id + "  (not named in the config)"));
        });
        bedrock.ifPresent(b -> {
            context.out().println("Bedrock (" + bedrockRegion + "): " + b.foundationModels().size()
                    + " Anthropic models, " + b.inferenceProfiles().size() + " inference profiles");
            Set<String> onBedrock = new TreeSet<>();
            List<String> all = new ArrayList<>(b.foundationModels());
            all.addAll(b.inferenceProfiles());
            all.forEach(id -> ClaudeModelName.parse(id).ifPresent(n -> onBedrock.add(n.anthropicName())));
            onBedrock.stream().filter(name -> !named.contains(name))
                    .forEach(name -> context.out().println("  + " + name + "  (not named in the config)"));
        });
        for (ModelAliases.Change change : changes) {
            context.out().println(String.format(Locale.ROOT, "update %-22s %s -> %s", change.modelName(),
                    change.from(), change.to()));
        }
    }

    private boolean confirm(String question) {
        context.out().print(question);
        context.out().flush();
        try {
            String answer = context.in().readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
