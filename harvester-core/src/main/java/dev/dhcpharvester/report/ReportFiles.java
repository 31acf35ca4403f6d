package dev.dhcpharvester.report;

import dev.dhcpharvester.publication.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a report as {@code NAME.json} and {@code NAME.html} side by side, e.g. in a build's workspace. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** Checks a report name: a plain file name, no directory, no hidden file. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}")) {
            throw new IllegalArgumentException("must be a plain file name of letters, digits, '.', '_' and '-', not '"
                    + name + "'");
        }
        return name;
    }

    public static Path json(Path dir, String name) {
        return dir.resolve(name + ".json");
    }

    public static Path html(Path dir, String name) {
        return dir.resolve(name + ".html");
    }

    public static void write(HarvestReport report, Path dir, String name) throws IOException {
        ReportJson.write(report, json(dir, name));
        AtomicFiles.replace(html(dir, name), HtmlReport.render(report));
    }
}
