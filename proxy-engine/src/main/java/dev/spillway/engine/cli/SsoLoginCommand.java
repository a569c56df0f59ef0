package dev.spillway.engine.cli;

import dev.spillway.engine.aws.AwsProfile;
import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.DeviceAuthorization;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSession;
import dev.spillway.engine.aws.SsoSettings;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.aws.SsoSignInException;
import dev.spillway.engine.aws.SsoTokenCache;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway sso-login}: AWS SSO sign-in, shared with the AWS CLI. */
@Command(name = "sso-login", mixinStandardHelpOptions = true,
        description = {"Sign in to AWS SSO (IAM Identity Center) for a profile: opens the browser at the "
                + "verification page and waits for approval. The session is cached in ~/.aws/sso/cache, shared "
                + "with the aws CLI.", "Exit codes: 0 signed in, 1 failed (denied, expired, not an SSO profile)."})
final class SsoLoginCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "The AWS profile (default: $AWS_PROFILE, else default).")
    String profile;

    @Option(names = "--no-browser", description = "Print the URL instead of opening a browser.")
    boolean noBrowser;

    private final CliContext context;

    SsoLoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        String name = profile != null ? profile : CredentialState.defaultProfile(context.env());
        AwsProfiles profiles = AwsProfiles.read(AwsProfiles.configFile(context.home(), context.env()));
        Optional<SsoSettings> sso;
        try {
            sso = profiles.sso(name);
        } catch (IllegalArgumentException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (sso.isEmpty()) {
            String ssoProfiles = profiles.profiles().stream().filter(p -> p.kind() == AwsProfile.Kind.SSO)
                    .map(AwsProfile::name).collect(Collectors.joining(", "));
            context.err().println("spillway: AWS profile " + name + " is not an SSO profile in "
                    + profiles.configFile() + (ssoProfiles.isEmpty()
                            ? "; set one up with: aws configure sso"
                            : "; SSO profiles: " + ssoProfiles + " (use --profile)"));
            return ExitCodes.FAILED;
        }
        SsoSignIn signIn = new SsoSignIn(SsoClients.fromEnvironment(context.env()),
                SsoTokenCache.inHome(context.home()), context.clock());
        DeviceAuthorization pending;
        try {
            pending = signIn.start(sso.get());
        } catch (SsoSignInException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        context.out().println("Signing in to AWS SSO for profile " + name + " (" + sso.get().startUrl() + ").");
        boolean opened = !noBrowser && context.browser().test(pending.verificationUriComplete());
        context.out().println((opened ? "Your browser is open at " : "Open this page in a browser: ")
                + pending.verificationUriComplete());
        context.out().println("and confirm the code " + pending.userCode() + ". Waiting (until "
                + pending.expiresAt() + ")...");
        context.out().flush();
        try {
            SsoSession session = pending.session().get();
            context.out().println("Signed in: profile " + name + " valid until " + session.expiresAt()
                    + (session.refreshable() ? " (Spillway renews it automatically)" : ""));
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            context.err().println("spillway: " + e.getCause().getMessage());
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            pending.cancel();
            throw e;
        }
    }
}
