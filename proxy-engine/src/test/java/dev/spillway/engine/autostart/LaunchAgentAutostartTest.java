package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class LaunchAgentAutostartTest {

    @TempDir
    Path home;

    @Test
    void enableWritesALaunchAgentThatRunsTheAppAtLoginAndDisableRemovesIt() throws Exception {
        Path app = home.resolve("Applications/Spillway & Co.app/Contents/MacOS/Spillway");
        Autostart autostart = Autostart.forPlatform("Mac OS X", home, Map.of(), Launcher.at(app));
        Path plist = home.resolve("Library/LaunchAgents/dev.spillway.Spillway.plist");

        autostart.enable();

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(autostart.describe()).isEqualTo("LaunchAgent " + plist);
        Map<String, Object> dict = plistDict(plist);
        assertThat(dict).containsEntry("Label", "dev.spillway.Spillway")
                .containsEntry("ProgramArguments", List.of(app.toString()))
                .containsEntry("RunAtLoad", true)
                .containsEntry("LimitLoadToSessionType", "Aqua");

        autostart.disable();

        assertThat(plist).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
    }

    /** Reads the top-level dict of a property list, as launchd would: keys to strings, booleans and string arrays. */
    private static Map<String, Object> plistDict(Path plist) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) factory.newDocumentBuilder().parse(plist.toFile()).getDocumentElement()
                .getElementsByTagName("dict").item(0);
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
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
