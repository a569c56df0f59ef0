package dev.spillway.app;

import dev.spillway.ui.settings.ConfigApplier;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.SettingsView;
import dev.spillway.ui.settings.SettingsViewModel;
import dev.spillway.ui.settings.providers.ProvidersTab;
import dev.spillway.ui.settings.providers.ProvidersTabViewModel;
import dev.spillway.ui.settings.proxy.ProxyTab;
import dev.spillway.ui.settings.proxy.ProxyTabViewModel;
import dev.spillway.ui.settings.routing.RoutingTab;
import dev.spillway.ui.settings.routing.RoutingTabViewModel;
import java.util.List;

/** Builds the settings window: each tab's view-model and view, over one settings store. */
final class SettingsWindows {

    private final SettingsStore store;
    private final ConfigApplier applier;

    SettingsWindows(SettingsStore store, ConfigApplier applier) {
        this.store = store;
        this.applier = applier;
    }

    SettingsView create() {
        ProxyTabViewModel proxy = new ProxyTabViewModel(store.secrets(), store.environment());
        ProvidersTabViewModel providers = new ProvidersTabViewModel(store.secrets(), store.environment());
        RoutingTabViewModel routing = new RoutingTabViewModel();
        SettingsViewModel model = new SettingsViewModel(store, applier, List.of(providers, routing, proxy));
        return new SettingsView(model, List.of(new ProvidersTab(providers, store.secrets().description()),
                new RoutingTab(routing), new ProxyTab(proxy)));
    }
}
