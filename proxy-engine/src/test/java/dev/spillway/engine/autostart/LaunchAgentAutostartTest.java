package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class LaunchAgentAutostartTest {

    @TempDir
    Path home;

    /** Where the app would be; the name has what breaks naive shell quoting: spaces, quotes, $, &. */
    private Path app() {
        return home.resolve("Applications/Spillway's \"dev\" $HOME & Co.app/Contents/MacOS/Spillway");
    }

    private Path plist() {
        return home.resolve("Library/LaunchAgents/dev.spillway.Spillway.plist");
    }

    @Test
    void enableWritesALaunchAgentThatRunsTheAppAtLoginAndDisableRemovesIt() throws Exception {
        Autostart autostart = Autostart.forPlatform("Mac OS X", home, Map.of(), Launcher.at(app()));

        autostart.enable();

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(autostart.describe()).isEqualTo("LaunchAgent " + plist());
        Map<String, Object> dict = plistDict(plist());
        assertThat(dict).containsEntry("Label", "dev.spillway.Spillway")
                .containsEntry("ProgramArguments", List.of("/bin/sh", "-c", LaunchAgentAutostart.START_OR_REMOVE,
                        "dev.spillway.Spillway", app().toString(), plist().toString()))
                .containsEntry("AssociatedBundleIdentifiers", List.of("dev.spillway.Spillway"))
                .containsEntry("RunAtLoad", true)
                .containsEntry("LimitLoadToSessionType", "Aqua");

        autostart.disable();

        assertThat(plist()).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void atLoginTheAgentStartsTheAppWhileItIsInstalled() throws Exception {
        Path app = app();
        Files.createDirectories(app.getParent());
        Files.writeString(app, "#!/bin/sh\necho \"started with $# arguments\" > \"$(dirname \"$0\")/started\"\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        Autostart autostart = Autostart.forPlatform("Mac OS X", home, Map.of(), Launcher.at(app));
        autostart.enable();

        int exitCode = runAsLaunchdWould(plist());

        assertThat(exitCode).isZero();
        assertThat(app.resolveSibling("started")).hasContent("started with 0 arguments\n");
        assertThat(plist()).isRegularFile();
        assertThat(autostart.isEnabled()).isTrue();
    }

    @Test
    void onceTheAppIsInTheTrashTheAgentRemovesItsOwnPlist() throws Exception {
        Autostart autostart = Autostart.forPlatform("Mac OS X", home, Map.of(), Launcher.at(app()));
        autostart.enable();
        assertThat(app()).doesNotExist();

        int exitCode = runAsLaunchdWould(plist());

        assertThat(exitCode).isZero();
        assertThat(plist()).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void theBundleIdentifierIsTheOneTheDmgIsBuiltWith() throws Exception {
        String buildScript = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("installers/build.sh"));
        Matcher identifier = Pattern.compile("(?m)^IDENTIFIER=\"([^\"]+)\"$").matcher(buildScript);

        assertThat(identifier.find()).as("IDENTIFIER=... in installers/build.sh").isTrue();
        assertThat(LaunchAgentAutostart.BUNDLE_IDENTIFIER).isEqualTo(identifier.group(1));
    }

    /** Runs the plist's ProgramArguments as launchd does at login (argv as is, no shell around it); its exit code. */
    @SuppressWarnings("unchecked")
    private static int runAsLaunchdWould(Path plist) throws Exception {
        List<String> argv = (List<String>) plistDict(plist).get("ProgramArguments");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("agent finished").isTrue();
        assertThat(output).as("agent output").isEmpty();
        return process.exitValue();
    }

    /** Reads the top-level dict of a property list, as launchd would: keys to strings, booleans and string arrays. */
    private static Map<String, Object> plistDict(Path plist) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) factory.newDocumentBuilder().parse(plist.toFile()).getDocumentElement()
                .getElementsByTagName("dict").item(0);
        Map<String, Object> entries = new LinkedHashMap<>();
        List<Element> children = elements(dict);
        for (int i = 0; i < children.size(); i += 2) {
            Element value = children.get(i + 1);
            entries.put(children.get(i).getTextContent(), switch (value.getTagName()) {
                case "true" -> true;
                case "false" -> false;
                case "array" -> elements(value).stream().map(Node::getTextContent).toList();
                default -> value.getTextContent();
            });
        }
        return entries;
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
