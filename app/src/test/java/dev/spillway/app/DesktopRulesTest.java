package dev.spillway.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.spillway.app.tray.SystemTrayView;
import org.junit.jupiter.api.Test;

/** AWT is only for the tray icon and opening the browser; the views are JavaFX and never reach into the app. */
class DesktopRulesTest {

    private static final JavaClasses DESKTOP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.spillway.app", "dev.spillway.ui");

    @Test
    void onlyTheTrayIconAndTheBrowserUseAwt() {
        noClasses().that().doNotHaveFullyQualifiedName(SystemTrayView.class.getName())
                .and().doNotHaveFullyQualifiedName(Browser.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(DESKTOP);
    }

    @Test
    void viewModelsNeedNoToolkit() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "javafx.application..")
                .check(DESKTOP);
    }
}
