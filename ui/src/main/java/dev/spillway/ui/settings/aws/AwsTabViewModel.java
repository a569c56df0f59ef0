package dev.spillway.ui.settings.aws;

import dev.spillway.engine.aws.AwsProfile;
import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.DeviceAuthorization;
import dev.spillway.engine.aws.SsoSettings;
import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.ui.settings.SettingsTabViewModel;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The AWS profile and region Bedrock deployments use, their credential state, and "Sign in with AWS SSO": the user
 * code is shown, the browser opened, and the session's expiry reported when the user has approved.
 */
public final class AwsTabViewModel implements SettingsTabViewModel {

    /** The first entry of the profile picker: no {@code aws_profile_name}, the SDK's default chain decides. */
    public static final String DEFAULT_CHAIN = "(default: AWS_PROFILE or [default])";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AwsAccess aws;
    private final String defaultProfile;
    private final Executor background;
    private final Consumer<Runnable> onUiThread;
    private final Consumer<URI> browser;
    private final ZoneId zone;

    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final StringProperty profile = new SimpleStringProperty(DEFAULT_CHAIN);
    private final StringProperty profileError = new SimpleStringProperty("");
    private final StringProperty region = new SimpleStringProperty("");
    private final StringProperty regionError = new SimpleStringProperty("");
    private final StringProperty credentialState = new SimpleStringProperty("");
    private final BooleanProperty credentialsNeedSignIn = new SimpleBooleanProperty(false);
    private final BooleanProperty canSignIn = new SimpleBooleanProperty(false);
    private final BooleanProperty signingIn = new SimpleBooleanProperty(false);
    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty signInStatus = new SimpleStringProperty("");
    private List<AwsProfile> known = List.of();
    private DeviceAuthorization pending;

    /**
     * @param defaultProfile the profile the SDK's default chain uses ({@code AWS_PROFILE} or {@code default})
     * @param background where sign-in's network calls run
     * @param onUiThread how results get back to the window's thread ({@code Platform::runLater})
     * @param browser opens the verification page
     */
    public AwsTabViewModel(AwsAccess aws, String defaultProfile, Executor background, Consumer<Runnable> onUiThread,
            Consumer<URI> browser, ZoneId zone) {
        this.aws = aws;
        this.defaultProfile = defaultProfile;
        this.background = background;
        this.onUiThread = onUiThread;
        this.browser = browser;
        this.zone = zone;
        profile.addListener((o, was, now) -> refreshCredentialState());
    }

    @Override
    public void setValues(ConfigDocument config) {
        try {
            known = AwsProfiles.read(aws.configFile()).profiles();
        } catch (RuntimeException e) {
            known = List.of();
            profileError.set("Cannot read " + aws.configFile() + ": " + e.getMessage());
        }
        List<String> names = new ArrayList<>(List.of(DEFAULT_CHAIN));
        known.forEach(p -> names.add(p.name()));
        Optional<ConfigDocument.Deployment> bedrock = bedrock(config).stream().findFirst();
        String configured = bedrock.flatMap(d -> d.param("aws_profile_name")).orElse(DEFAULT_CHAIN);
        if (!names.contains(configured)) {
            names.add(configured); // shown so the user sees (and can fix) a profile that is gone
        }
        profiles.setAll(names);
        profile.set(configured);
        region.set(bedrock.flatMap(d -> d.param("aws_region_name")).orElse(""));
        regionError.set("");
        userCode.set("");
        signInStatus.set("");
        refreshCredentialState();
    }

    private String effectiveProfile() {
        return DEFAULT_CHAIN.equals(profile.get()) ? defaultProfile : profile.get();
    }

    private Optional<AwsProfile> selected() {
        String name = effectiveProfile();
        return known.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Reads the credential state again (after a sign-in, or when the profile changes). */
    public void refreshCredentialState() {
        CredentialState.Status status = aws.credentials().check(effectiveProfile());
        String text = switch (status.state()) {
            case VALID -> status.at().map(at -> "Valid until " + TIME.format(at.atZone(zone))
                    + (status.refreshable() ? " (renewed automatically)" : "")).orElse("Valid: " + status.message());
            case EXPIRED -> "Expired" + status.at().map(at -> " at " + TIME.format(at.atZone(zone))).orElse("")
                    + (status.refreshable() ? " (will be renewed at the next call)" : ": sign in again");
            case MISSING -> "Missing: " + status.message();
        };
        credentialState.set(text);
        credentialsNeedSignIn.set(status.needsSignIn());
        canSignIn.set(selected().map(p -> p.kind() == AwsProfile.Kind.SSO).orElse(false));
        profileError.set(DEFAULT_CHAIN.equals(profile.get()) || selected().isPresent() ? ""
                : "No profile " + profile.get() + " in " + aws.configFile() + " (aws configure sso adds one).");
    }

    /**
     * Starts the device-code sign-in for the selected SSO profile: shows the code, opens the browser, and reports the
     * session's expiry once the user approves.
     */
    public CompletableFuture<Void> signIn() {
        String name = effectiveProfile();
        Optional<SsoSettings> sso;
        try {
            sso = AwsProfiles.read(aws.configFile()).sso(name);
        } catch (RuntimeException e) {
            signInStatus.set("Cannot sign in: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (sso.isEmpty()) {
            signInStatus.set("Profile " + name + " does not use AWS SSO (IAM Identity Center).");
            return CompletableFuture.completedFuture(null);
        }
        signingIn.set(true);
        userCode.set("");
        signInStatus.set("Contacting IAM Identity Center…");
        return CompletableFuture.supplyAsync(() -> aws.signIn().start(sso.get()), background)
                .thenCompose(device -> {
                    onUiThread.accept(() -> {
                        pending = device;
                        userCode.set(device.userCode());
                        signInStatus.set("Confirm code " + device.userCode() + " in your browser ("
                                + device.verificationUri() + "); waiting until "
                                + TIME.format(device.expiresAt().atZone(zone)) + "…");
                    });
                    browser.accept(device.verificationUriComplete());
                    return device.session();
                })
                .handle((session, error) -> {
                    onUiThread.accept(() -> {
                        signingIn.set(false);
                        pending = null;
                        if (error != null) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            signInStatus.set("Sign-in failed: " + cause.getMessage());
                        } else {
                            userCode.set("");
                            signInStatus.set("Signed in as " + session.profile() + "; the session is valid until "
                                    + TIME.format(session.expiresAt().atZone(zone)) + ".");
                        }
                        refreshCredentialState();
                    });
                    return null;
                });
    }

    public void cancelSignIn() {
        if (pending != null) {
            pending.cancel();
        }
    }

    @Override
    public boolean validate() {
        String text = region.get().trim();
        regionError.set(text.isEmpty() || text.matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]") ? ""
                : "An AWS region looks like us-east-1 or eu-west-2.");
        refreshCredentialState();
        return regionError.get().isEmpty() && profileError.get().isEmpty();
    }

    @Override
    public void storeSettings(ConfigDocument config) {
        String text = region.get().trim();
        for (ConfigDocument.Deployment d : bedrock(config)) {
            if (DEFAULT_CHAIN.equals(profile.get())) {
                d.removeParam("aws_profile_name");
            } else {
                d.setParam("aws_profile_name", profile.get());
            }
            if (text.isEmpty()) {
                d.removeParam("aws_region_name");
            } else {
                d.setParam("aws_region_name", text);
            }
        }
    }

    private static List<ConfigDocument.Deployment> bedrock(ConfigDocument config) {
        return config.deployments().stream().filter(d -> d.provider().equals("bedrock")).toList();
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty profileErrorProperty() {
        return profileError;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty regionErrorProperty() {
        return regionError;
    }

    /** "Valid until …", "Expired at …" or "Missing: …". */
    public StringProperty credentialStateProperty() {
        return credentialState;
    }

    public BooleanProperty credentialsNeedSignInProperty() {
        return credentialsNeedSignIn;
    }

    /** Whether the selected profile is an SSO profile. */
    public BooleanProperty canSignInProperty() {
        return canSignIn;
    }

    public BooleanProperty signingInProperty() {
        return signingIn;
    }

    /** The code to confirm in the browser while a sign-in waits. */
    public StringProperty userCodeProperty() {
        return userCode;
    }

    public StringProperty signInStatusProperty() {
        return signInStatus;
    }
}
