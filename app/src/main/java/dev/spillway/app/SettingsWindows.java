package dev.spillway.app;

import dev.spillway.engine.autostart.Autostart;
import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.aws.SsoTokenCache;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.ui.settings.ConfigApplier;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.SettingsView;
import dev.spillway.ui.settings.SettingsViewModel;
import dev.spillway.ui.settings.aws.AwsAccess;
import dev.spillway.ui.settings.aws.AwsTab;
import dev.spillway.ui.settings.aws.AwsTabViewModel;
import dev.spillway.ui.settings.claudecode.ClaudeCodeTab;
import dev.spillway.ui.settings.claudecode.ClaudeCodeTabViewModel;
import dev.spillway.ui.settings.providers.ProvidersTab;
import dev.spillway.ui.settings.providers.ProvidersTabViewModel;
import dev.spillway.ui.settings.proxy.ProxyTab;
import dev.spillway.ui.settings.proxy.ProxyTabViewModel;
import dev.spillway.ui.settings.routing.RoutingTab;
import dev.spillway.ui.settings.routing.RoutingTabViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Builds the settings window: each tab's view-model and view, over one settings store and the user's home. */
final class SettingsWindows {

    private final SettingsStore store;
    private final ConfigApplier applier;
    private final UserHome user;
    private final Executor background;
    private final Consumer<URI> browser;

    /**
     * The user's home and environment, where AWS profiles, the SSO cache, Claude Code's settings and login items
     * live.
     */
    record UserHome(Path home, Map<String, String> env, ClaudeCodeIntegration claudeCode,
            Optional<Autostart> autostart) {

        static UserHome current() {
            Map<String, String> env = System.getenv();
            Path home = dev.spillway.engine.aws.UserHome.of(env);
            return new UserHome(home, env, ClaudeCodeIntegration.forUser(home, home, env),
                    Optional.of(Autostart.forCurrentUser()));
        }
    }

    SettingsWindows(SettingsStore store, ConfigApplier applier, UserHome user, Executor background,
            Consumer<URI> browser) {
        this.store = store;
        this.applier = applier;
        this.user = user;
        this.background = background;
        this.browser = browser;
    }

    SettingsView create() {
        ProvidersTabViewModel providers = new ProvidersTabViewModel(store.secrets(), store.environment());
        RoutingTabViewModel routing = new RoutingTabViewModel();
        Path awsConfig = AwsProfiles.configFile(user.home(), user.env());
        SsoTokenCache cache = SsoTokenCache.inHome(user.home());
        AwsAccess access = new AwsAccess(awsConfig, new CredentialState(awsConfig, cache, Clock.systemUTC()),
                new SsoSignIn(SsoClients.fromEnvironment(user.env()), cache, Clock.systemUTC()));
        AwsTabViewModel aws = new AwsTabViewModel(access, CredentialState.defaultProfile(user.env()), background,
                Platform::runLater, browser, ZoneId.systemDefault());
        ProxyTabViewModel proxy = new ProxyTabViewModel(store.secrets(), store.environment(), user.autostart());
        ClaudeCodeTabViewModel claude = new ClaudeCodeTabViewModel(user.claudeCode());
        SettingsViewModel model = new SettingsViewModel(store, applier,
                List.of(providers, aws, routing, proxy, claude));
        return new SettingsView(model, List.of(new ProvidersTab(providers, store.secrets().description()),
                new AwsTab(aws), new RoutingTab(routing), new ProxyTab(proxy), new ClaudeCodeTab(claude)));
    }
}
