package dev.spillway.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module rule {@code app -> ui -> proxy-engine}: nothing points back, and the engine stays free of desktop
 * toolkits so it runs headless. Checked on the compiled classes of every module and on the Maven poms.
 */
class ModuleRulesTest {

    private static final JavaClasses SPILLWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.spillway");

    @Test
    void theEngineDependsOnNeitherTheDesktopModulesNorADesktopToolkit() {
        assertThat(SPILLWAY.containPackage("dev.spillway.engine")).isTrue();
        noClasses().that().resideInAPackage("dev.spillway.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.spillway.ui..", "dev.spillway.app..", "javafx..", "java.awt..", "javax.swing..")
                .check(SPILLWAY);
    }

    @Test
    void theViewsDoNotDependOnTheApp() {
        noClasses().that().resideInAPackage("dev.spillway.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.spillway.app..")
                .allowEmptyShould(true)
                .check(SPILLWAY);
    }

    @Test
    void thePomsPointOnlyDownwards() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String engine = Files.readString(root.resolve("proxy-engine/pom.xml"));
        String ui = Files.readString(root.resolve("ui/pom.xml"));

        assertThat(engine).doesNotContain("<artifactId>spillway-ui</artifactId>")
                .doesNotContain("<artifactId>spillway-app</artifactId>")
                .doesNotContain("<groupId>org.openjfx</groupId>");
        assertThat(ui).doesNotContain("<artifactId>spillway-app</artifactId>");
    }
}
