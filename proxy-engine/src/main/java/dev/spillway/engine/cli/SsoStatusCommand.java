package dev.spillway.engine.cli;

import dev.spillway.engine.aws.AwsProfile;
import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.SsoTokenCache;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway sso-status}: each SSO profile's session, from the token cache (no network). */
@Command(name = "sso-status", mixinStandardHelpOptions = true,
        description = {"Show the AWS credential state of a profile, or of every SSO profile: valid until, expired, "
                + "or missing.", "Exit codes: 0 all valid, 4 a sign-in is needed, 1 no SSO profiles."})
final class SsoStatusCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Only this profile.")
    String profile;

    private final CliContext context;

    SsoStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var configFile = AwsProfiles.configFile(context.home(), context.env());
        CredentialState state = new CredentialState(configFile, SsoTokenCache.inHome(context.home()),
                context.clock());
        List<String> names = profile != null ? List.of(profile) : AwsProfiles.read(configFile).profiles().stream()
                .filter(p -> p.kind() == AwsProfile.Kind.SSO).map(AwsProfile::name).toList();
        if (names.isEmpty()) {
            context.err().println("spillway: no SSO profiles in " + configFile + "; set one up with: aws configure sso");
            return ExitCodes.FAILED;
        }
        boolean needsSignIn = false;
        for (String name : names) {
            CredentialState.Status status = state.check(name);
            context.out().println(status.state().name().toLowerCase() + "\t" + name + "\t" + status.message());
            needsSignIn |= status.needsSignIn();
        }
        return needsSignIn ? ExitCodes.NEEDS_ATTENTION : ExitCodes.OK;
    }
}
