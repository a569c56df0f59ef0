package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * WiX cannot run here, so this reads the .msi's source, installers/windows/main.wxs, the way WiX would (as XML), and
 * checks that uninstalling runs the reg.exe delete that {@link WindowsRunKeyAutostart#disable()} runs.
 */
class MsiUninstallRemovesRunValueTest {

    private static final Path INSTALLERS = Path.of("").toAbsolutePath().getParent().resolve("installers");
    private static final String FULL_UNINSTALL = "REMOVE=\"ALL\" AND NOT UPGRADINGPRODUCTCODE";

    private static Document wxs;

    @BeforeAll
    static void parse() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        wxs = factory.newDocumentBuilder().parse(INSTALLERS.resolve("windows/main.wxs").toFile());
    }

    @Test
    void aDeferredQuietActionRunsAsTheUninstallingUserAndIgnoresAMissingValue() {
        Element action = customAction("Id", "SpillwayRemoveRunValue");

        assertThat(attributes(action)).containsExactlyInAnyOrderEntriesOf(Map.of("Id", "SpillwayRemoveRunValue",
                "BinaryKey", "WixCA", "DllEntry", "WixQuietExec64", "Execute", "deferred", "Impersonate", "yes",
                "Return", "ignore"));
    }

    @Test
    void itsCommandIsTheRegDeleteThatDisablingAutostartRuns() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        new WindowsRunKeyAutostart(Launcher.unknown(), arguments -> {
            calls.add(arguments);
            return new RegistryCommand.Result(0, "");
        }).disable();
        List<String> delete = calls.get(calls.size() - 1);
        assertThat(delete).startsWith("delete")
                .contains(WindowsRunKeyAutostart.RUN_KEY, WindowsRunKeyAutostart.VALUE_NAME);

        Element setter = customAction("Property", "SpillwayRemoveRunValue");
        List<String> commandLine = commandLineArguments(setter.getAttribute("Value"));

        assertThat(commandLine.get(0)).isEqualTo("[System64Folder]reg.exe");
        assertThat(commandLine.subList(1, commandLine.size())).isEqualTo(delete);
    }

    @Test
    void bothRunOnAFullUninstallOnlyInsideTheTransaction() {
        Element setter = customAction("Property", "SpillwayRemoveRunValue");
        Element setStep = sequenced(setter.getAttribute("Id"));
        Element removeStep = sequenced("SpillwayRemoveRunValue");

        assertThat(removeStep.getTextContent().strip()).isEqualTo(FULL_UNINSTALL);
        assertThat(removeStep.getAttribute("Before")).as("deferred actions run between InstallInitialize and "
                + "InstallFinalize").isEqualTo("InstallFinalize");
        assertThat(setStep.getTextContent().strip()).isEqualTo(FULL_UNINSTALL);
        assertThat(setStep.getAttribute("Before")).isEqualTo("SpillwayRemoveRunValue");
    }

    @Test
    void buildShBuildsTheMsiFromThisSource() throws Exception {
        String buildSh = Files.readString(INSTALLERS.resolve("build.sh"));
        String windowsBranch = buildSh.substring(buildSh.indexOf("\n  windows)"));
        windowsBranch = windowsBranch.substring(0, windowsBranch.indexOf(";;"));

        assertThat(windowsBranch).contains("package msi").contains("--resource-dir \"$here/windows\"");
    }

    private static Element customAction(String attribute, String value) {
        List<Element> matches = elements("CustomAction").stream()
                .filter(element -> element.getAttribute(attribute).equals(value)).toList();
        assertThat(matches).as("CustomAction with %s=%s", attribute, value).hasSize(1);
        return matches.get(0);
    }

    /** The action's step in InstallExecuteSequence (the only sequence a deferred action can be in). */
    private static Element sequenced(String action) {
        List<Element> steps = elements("Custom").stream()
                .filter(custom -> custom.getAttribute("Action").equals(action))
                .filter(custom -> ((Element) custom.getParentNode()).getLocalName().equals("InstallExecuteSequence"))
                .toList();
        assertThat(steps).as("InstallExecuteSequence step for %s", action).hasSize(1);
        return steps.get(0);
    }

    private static List<Element> elements(String localName) {
        NodeList nodes = wxs.getElementsByTagNameNS("http://schemas.microsoft.com/wix/2006/wi", localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Map<String, String> attributes(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        return IntStream.range(0, attributes.getLength()).mapToObj(attributes::item)
                .collect(Collectors.toMap(Node::getNodeName, Node::getNodeValue));
    }

    /** Splits a Windows command line into arguments: spaces separate them, double quotes group (no \" in ours). */
    private static List<String> commandLineArguments(String commandLine) {
        assertThat(commandLine).doesNotContain("\\\"");
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inArgument = false;
        for (char c : commandLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inArgument = true;
            } else if (c == ' ' && !quoted) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
