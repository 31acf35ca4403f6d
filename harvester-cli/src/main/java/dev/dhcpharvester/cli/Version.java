package dev.dhcpharvester.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into a resource, so it is known in the jar and in the container image alike. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dhcp-harvester-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return new String[] {"dhcp-harvester " + properties.getProperty("version", "(version unknown)")};
    }
}
