package dev.dhcpharvester.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: every option in a YAML or JSON file (JSON is YAML too), keyed by its
 * long name without dashes ({@code leases: /dhcp/dhcpd.leases}, {@code verify: true},
 * {@code filter: ["^compute", "^storage"]}), so a systemd unit or a container needs no long
 * command line. Options on the command line win. An unknown key is an error that names it.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> values;

    private ConfigFile(Map<String, String> values) {
        this.values = values;
    }

    /** The file named by {@code --config} in {@code args}, or null. */
    static Path named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    /** Reads {@code file}, checking every key against the command's long option names. */
    static ConfigFile read(Path file, CommandLine.Model.CommandSpec spec) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read --config " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(Map.of());
        }
        if (!root.isObject()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--config " + file + " must hold a mapping of option names to values");
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            OptionSpec option = spec.findOption("--" + key);
            if (option == null || key.equals("config") || option.usageHelp() || option.versionHelp()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--config " + file + ": unknown key '"
                        + key + "'; keys are the long option names, as in --help, without the dashes");
            }
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(key, String.join(",", items));
            } else if (value.isValueNode()) {
                values.put(key, value.asText());
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--config " + file + ": key '" + key + "' must be a value or a list of values");
            }
        }
        return new ConfigFile(values);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            return values.get(option.longestName().substring(2));
        }
        return null;
    }
}
